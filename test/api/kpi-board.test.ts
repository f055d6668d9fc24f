// GET /v1/kpis through app.request() on dynalite: a cycle's KPIs beside their objectives (directly or through a
// key result), leading before lagging, with check-ins counted and the last values of each history, in one answer.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OkrRow } from "../../shared/model.js";
import { KPI_TREND_POINTS, type KpiBoard } from "../../shared/wire.js";
import { createOrg, startTestApp } from "../support/api-server.js";
import { caller } from "./client.js";
import { full, objective, okrRow } from "./rows.js";

let now = new Date("2026-11-02T09:00:00Z");
let api: Awaited<ReturnType<typeof startTestApp>>;
let http: ReturnType<typeof caller>;
let admin: string;
let salesWriter: string;

beforeAll(async () => {
  api = await startTestApp({ now: () => now });
  http = caller((request) => api.app.fetch(request));
  admin = (await createOrg(api.store, "Acme", now)).adminKey;
  salesWriter = await http.createKey(admin, { role: "writer", sheetId: "sales" });
});
afterAll(() => api?.close());

const revisions: Record<string, number> = {};
async function sync(sheetId: string, rows: OkrRow[]) {
  const res = await http.sync(sheetId, admin, {
    baseRevision: revisions[sheetId] ?? 0,
    name: sheetId,
    rows: rows.map(full),
  });
  expect(res.status, res.text).toBe(200);
  revisions[sheetId] = res.json.revision;
}

const kpi = (id: string, overrides: Partial<OkrRow>) =>
  okrRow(id, { type: "kpi", krType: null, ...overrides });

const salesRows = (pipeline: number): OkrRow[] => [
  objective("S-O", { cycle: "2026-Q4", title: "Grow revenue in the Nordics", row: 2 }),
  okrRow("S-KR", {
    objectiveId: "S-O",
    title: "Reach 12 MSEK in new ARR",
    start: 0,
    target: 12,
    current: 4.5,
    row: 3,
  }),
  // Lagging first in the sheet: the board puts the leading one first all the same.
  kpi("S-MARGIN", {
    objectiveId: "S-O",
    kpiKind: "lagging",
    title: "Gross margin",
    start: 0.55,
    target: 0.6,
    current: 0.58,
    row: 4,
  }),
  kpi("S-PIPE", {
    objectiveId: "S-KR",
    kpiKind: "leading",
    title: "Qualified pipeline",
    unit: "MSEK",
    start: 10,
    target: 40,
    current: pipeline,
    row: 5,
  }),
  // Another cycle's objective and its KPI: not on Q4's board.
  objective("S-O3", { cycle: "2026-Q3", row: 6 }),
  kpi("S-OLD", { objectiveId: "S-O3", kpiKind: "leading", cycle: "2026-Q3", row: 7 }),
];

describe("GET /v1/kpis", () => {
  it("lists each KPI of the cycle beside its objective, leading first, check-ins counted, with its trend", async () => {
    now = new Date("2026-11-02T09:00:00Z");
    await sync("sales", salesRows(18));
    now = new Date("2026-11-03T09:00:00Z");
    await sync("sales", salesRows(20));
    now = new Date("2026-11-04T09:00:00Z");
    await sync("support", [
      objective("U-O", { cycle: "2026-Q4", team: "Support", title: "Happier customers", row: 2 }),
      kpi("U-CSAT", {
        objectiveId: "U-O",
        team: "Support",
        kpiKind: "lagging",
        start: 70,
        target: 90,
        // A threshold in words (shared/kpi-health.ts): health says whether today's value keeps it.
        threshold: "at least 75",
        current: 80,
        row: 3,
      }),
      // No Target, no threshold: no health to tell.
      kpi("U-WAIT", {
        objectiveId: "U-O",
        team: "Support",
        kpiKind: "leading",
        start: null,
        target: null,
        current: 4,
        row: 4,
      }),
    ]);
    const checkIn = await http.post("/v1/sheets/sales/key-results/S-PIPE/check-ins", admin, {
      value: 22,
      author: "Ada",
      note: "Two deals moved to Q1",
    });
    expect(checkIn.status).toBe(201);

    const res = await http.get("/v1/kpis?cycle=2026-Q4&asOf=2026-11-04", admin);
    expect(res.status).toBe(200);
    const board = res.json as KpiBoard;
    expect(board).toMatchObject({ cycle: "2026-Q4", asOf: "2026-11-04" });
    expect(board.kpis.map((entry) => [entry.team, entry.id, entry.kind])).toEqual([
      ["Sales", "S-PIPE", "leading"],
      ["Sales", "S-MARGIN", "lagging"],
      ["Support", "U-WAIT", "leading"],
      ["Support", "U-CSAT", "lagging"],
    ]);
    // Health as the dashboard's board judges it: a plain Target is a bound to reach (22 of 40 is short of it).
    expect(board.kpis.map((entry) => [entry.id, entry.threshold, entry.health])).toEqual([
      ["S-PIPE", null, "unhealthy"],
      ["S-MARGIN", null, "unhealthy"],
      ["U-WAIT", null, null],
      ["U-CSAT", "at least 75", "healthy"],
    ]);
    const pipeline = board.kpis[0]!;
    expect(pipeline).toMatchObject({
      objectiveId: "S-O",
      objectiveTitle: "Grow revenue in the Nordics",
      keyResultId: "S-KR",
      sheetId: "sales",
      unit: "MSEK",
      target: 40,
      // The check-in moved Current at once, and is the last point of its trend.
      current: 22,
      trend: [18, 20, 22],
    });
    expect(pipeline.progress).toBeCloseTo(12 / 30);
    expect(board.kpis[1]).toMatchObject({ keyResultId: null, current: 0.58, trend: [0.58] });
    // Values only: no notes or authors of other teams' check-ins.
    expect(res.text).not.toContain("Two deals");

    // A team lead's writer key reads the whole organisation's board, as it reads the rollup.
    const asWriter = await http.get("/v1/kpis?cycle=2026-Q4&asOf=2026-11-04", salesWriter);
    expect(asWriter.status).toBe(200);
    expect((asWriter.json as KpiBoard).kpis.map((entry) => entry.id)).toContain("U-CSAT");
  });

  it(`keeps the last ${KPI_TREND_POINTS} values of a long history, oldest first`, async () => {
    for (let i = 1; i <= KPI_TREND_POINTS + 3; i++) {
      now = new Date(`2026-11-${String(10 + i).padStart(2, "0")}T09:00:00Z`);
      const res = await http.post("/v1/sheets/support/key-results/U-CSAT/check-ins", admin, {
        value: 80 + i,
        author: "Bo",
      });
      expect(res.status).toBe(201);
    }
    const board = (await http.get("/v1/kpis?cycle=2026-Q4", admin)).json as KpiBoard;
    const csat = board.kpis.find((entry) => entry.id === "U-CSAT")!;
    expect(csat.trend).toEqual(Array.from({ length: KPI_TREND_POINTS }, (_, i) => 84 + i));
    expect(csat.current).toBe(80 + KPI_TREND_POINTS + 3);
  });

  it("a year's board holds its quarters' KPIs aligned to it; a quarter's board not the year's", async () => {
    now = new Date("2026-11-25T09:00:00Z");
    await sync("company", [
      objective("C-Y", { cycle: "2026", team: "Board", level: "company", title: "A sound year", row: 2 }),
      kpi("C-CASH", { objectiveId: "C-Y", team: "Board", kpiKind: "lagging", cycle: "2026", row: 3 }),
      objective("C-Q", { cycle: "2026-Q4", team: "Board", alignsTo: "C-Y", title: "A sound Q4", row: 4 }),
      kpi("C-BURN", { objectiveId: "C-Q", team: "Board", kpiKind: "leading", row: 5 }),
    ]);
    const year = (await http.get("/v1/kpis?cycle=2026", admin)).json as KpiBoard;
    expect(year.kpis.map((entry) => [entry.id, entry.objectiveId])).toEqual([
      ["C-CASH", "C-Y"],
      ["C-BURN", "C-Q"],
    ]);
    const quarter = (await http.get("/v1/kpis?cycle=2026-Q4", admin)).json as KpiBoard;
    expect(quarter.kpis.map((entry) => entry.id)).toContain("C-BURN");
    expect(quarter.kpis.map((entry) => entry.id)).not.toContain("C-CASH");
  });

  it("asks for a cycle, and for a key", async () => {
    const missing = await http.get("/v1/kpis", admin);
    expect(missing.status).toBe(400);
    expect(missing.json.error.message).toContain("cycle");
    expect((await http.get("/v1/kpis?cycle=2026-Q4", null)).status).toBe(401);
    const empty = await http.get("/v1/kpis?cycle=2031-Q1", admin);
    expect(empty.status).toBe(200);
    expect(empty.json.kpis).toEqual([]);
    const openapi = await http.get("/v1/openapi.json", null);
    expect(Object.keys(openapi.json.paths)).toContain("/v1/kpis");
    expect(Object.keys(openapi.json.components.schemas)).toEqual(
      expect.arrayContaining(["KpiBoard", "KpiBoardEntry"]),
    );
  });
});
