// A cycle's lifecycle through app.request() on dynalite: the usual rollover (last quarter's rows replaced by
// this quarter's, in one tab or in a new tab) keeps the past cycle with its grades; "Close cycle" freezes
// them; a check-in moves Current at once; a formula-fed Current gets a history from syncs alone; KPIs take
// check-ins.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OkrRow } from "../../shared/model.js";
import { createOrg, startTestApp } from "../support/api-server.js";
import { caller } from "./client.js";
import { full, objective, okrRow } from "./rows.js";

let now = new Date("2026-09-20T12:00:00Z");
let api: Awaited<ReturnType<typeof startTestApp>>;
let http: ReturnType<typeof caller>;
let admin: string;

beforeAll(async () => {
  api = await startTestApp({ now: () => now });
  http = caller((request) => api.app.fetch(request));
  admin = (await createOrg(api.store, "Acme", now)).adminKey;
});
afterAll(() => api?.close());

const q3 = (prefix: string): OkrRow[] => [
  objective(`${prefix}-O3`, { cycle: "2026-Q3", title: "Win Q3", row: 2 }),
  okrRow(`${prefix}-KR3`, { objectiveId: `${prefix}-O3`, cycle: "2026-Q3", current: 80, row: 3 }),
];
const q4 = (prefix: string): OkrRow[] => [
  objective(`${prefix}-O4`, { cycle: "2026-Q4", title: "Win Q4", row: 2 }),
  okrRow(`${prefix}-KR4`, { objectiveId: `${prefix}-O4`, cycle: "2026-Q4", current: 10, row: 3 }),
];

let revisions: Record<string, number> = {};
async function sync(sheetId: string, rows: OkrRow[], name = sheetId) {
  const res = await http.sync(sheetId, admin, {
    baseRevision: revisions[sheetId] ?? 0,
    name,
    rows: rows.map(full),
  });
  expect(res.status).toBe(200);
  revisions[sheetId] = res.json.revision;
  return res.json;
}
const rollup = async (cycle: string) => (await http.get(`/v1/rollup?cycle=${cycle}`, admin)).json;
const cycles = async () => (await http.get("/v1/cycles", admin)).json.cycles;

describe("rollover keeps the past cycle", () => {
  it("replacing last quarter's rows in the same tab keeps 2026-Q3, its grades and its rollup", async () => {
    revisions = {};
    now = new Date("2026-09-20T12:00:00Z");
    await sync("one-tab", q3("A"));
    now = new Date("2026-10-03T12:00:00Z");
    const answer = await sync("one-tab", q4("A"));
    expect(answer.deleted).toBe(2);
    expect(await cycles()).toEqual(expect.arrayContaining(["2026-Q3", "2026-Q4"]));
    const past = await rollup("2026-Q3");
    expect(past.roots.map((node: { id: string }) => node.id)).toContain("A-O3");
    const node = past.roots.find((root: { id: string }) => root.id === "A-O3");
    expect(node).toMatchObject({ progress: 0.8, grade: 0.8 });
    const current = await rollup("2026-Q4");
    expect(current.roots.map((root: { id: string }) => root.id)).toContain("A-O4");
    expect(current.roots.map((root: { id: string }) => root.id)).not.toContain("A-O3");
  });

  it("reusing last quarter's IDs for this quarter's rows keeps the old version as Q3's record", async () => {
    now = new Date("2026-09-20T12:00:00Z");
    await sync("reuse", [
      objective("R-O", { cycle: "2026-Q3", row: 2 }),
      okrRow("R-KR", { objectiveId: "R-O", cycle: "2026-Q3", current: 70, row: 3 }),
    ]);
    now = new Date("2026-10-03T12:00:00Z");
    await sync("reuse", [
      objective("R-O", { cycle: "2026-Q4", row: 2 }),
      okrRow("R-KR", { objectiveId: "R-O", cycle: "2026-Q4", current: 5, row: 3 }),
    ]);
    const past = (await rollup("2026-Q3")).roots.find((root: { id: string }) => root.id === "R-O");
    expect(past).toMatchObject({ cycle: "2026-Q3", progress: 0.7, grade: 0.7 });
    const current = (await rollup("2026-Q4")).roots.find((root: { id: string }) => root.id === "R-O");
    expect(current).toMatchObject({ cycle: "2026-Q4", progress: 0.05, grade: null });
  });

  it("a new tab for the new quarter (the old one cleared) keeps Q3 as well", async () => {
    now = new Date("2026-09-20T12:00:00Z");
    await sync("tab-q3", q3("B"), "Sales Q3");
    now = new Date("2026-10-03T12:00:00Z");
    await sync("tab-q4", q4("B"), "Sales Q4");
    await sync("tab-q3", [], "Sales Q3");
    const ids = (await rollup("2026-Q3")).roots.map((root: { id: string }) => root.id);
    expect(ids).toContain("B-O3");
    expect((await rollup("2026-Q4")).roots.map((root: { id: string }) => root.id)).toContain("B-O4");
  });

  it("rows of a running cycle that leave the sheet are deleted, not kept", async () => {
    now = new Date("2026-10-03T12:00:00Z");
    await sync("running", q4("D"));
    await sync("running", []);
    expect((await rollup("2026-Q4")).roots.map((root: { id: string }) => root.id)).not.toContain("D-O4");
  });
});

describe("close cycle", () => {
  it("freezes grades and final values: later edits of the sheet do not change them", async () => {
    now = new Date("2026-10-02T09:00:00Z");
    await sync("closing", q3("C"));
    const closed = await http.post("/v1/sheets/closing/cycles/close", admin, { cycle: "2026-Q3" });
    expect(closed.status).toBe(200);
    expect(closed.json).toMatchObject({ cycle: "2026-Q3", closed: 2 });
    expect(closed.json.grades).toEqual([
      { id: "C-O3", grade: 0.8 },
      { id: "C-KR3", grade: 0.8 },
    ]);
    // A late edit in the sheet (the value typed over) does not move the closed cycle's grade.
    await sync("closing", [q3("C")[0]!, { ...q3("C")[1]!, current: 20 }]);
    const node = (await rollup("2026-Q3")).roots.find((root: { id: string }) => root.id === "C-O3");
    expect(node).toMatchObject({ progress: 0.8, grade: 0.8 });
    const again = await http.post("/v1/sheets/closing/cycles/close", admin, { cycle: "2026-Q3" });
    expect(again.status).toBe(409);
    expect(again.json.error.code).toBe("cycle_closed");
    const nothing = await http.post("/v1/sheets/closing/cycles/close", admin, { cycle: "2025-Q1" });
    expect(nothing.status).toBe(404);
  });
});

describe("check-ins count", () => {
  it("a check-in moves Current and progress at once; a later sheet value wins by time; both stay in history", async () => {
    now = new Date("2026-11-01T09:00:00Z");
    await sync("count", [
      objective("K-O", { cycle: "2026-Q4", row: 2 }),
      okrRow("K-KR", { objectiveId: "K-O", cycle: "2026-Q4", start: 0, target: 1000, current: 560, row: 3 }),
    ]);
    now = new Date("2026-11-02T09:00:00Z");
    const checkIn = await http.post("/v1/sheets/count/key-results/K-KR/check-ins", admin, {
      value: 480,
      confidence: 0.6,
      author: "Kari",
    });
    expect(checkIn.status).toBe(201);
    let node = (await rollup("2026-Q4")).roots.find((root: { id: string }) => root.id === "K-O");
    expect(node.progress).toBeCloseTo(0.48);
    // A sync afterwards with a new value in the sheet: the latest (the sheet's) wins.
    now = new Date("2026-11-03T09:00:00Z");
    await sync("count", [
      objective("K-O", { cycle: "2026-Q4", row: 2 }),
      okrRow("K-KR", { objectiveId: "K-O", cycle: "2026-Q4", start: 0, target: 1000, current: 600, row: 3 }),
    ]);
    node = (await rollup("2026-Q4")).roots.find((root: { id: string }) => root.id === "K-O");
    expect(node.progress).toBeCloseTo(0.6);
    const history = (await http.get("/v1/rows/K-KR/history", admin)).json.points;
    expect(history.map((point: { value: number; source: string }) => [point.value, point.source])).toEqual([
      [560, "sheet"],
      [480, "check_in"],
      [600, "sheet"],
    ]);
  });

  it("a formula-fed Current gets a history from syncs alone, and KPIs take check-ins", async () => {
    const kpi = (current: number) =>
      okrRow("F-KPI", { type: "kpi", objectiveId: "F-O", kpiKind: "lagging", krType: null, current, row: 3 });
    const rows = (current: number) => [objective("F-O", { cycle: "2026-Q4", row: 2 }), kpi(current)];
    for (const [day, value] of [
      ["2026-11-04", 100],
      ["2026-11-05", 100],
      ["2026-11-06", 130],
    ] as const) {
      now = new Date(`${day}T09:00:00Z`);
      // the finance tab's formula recomputed: only the value changes, nobody checked in
      await sync("finance", [
        ...rows(value),
        okrRow("F-NOTE", { objectiveId: "F-O", title: `seen ${day}`, row: 4 }),
      ]);
    }
    const history = (await http.get("/v1/rows/F-KPI/history", admin)).json.points;
    expect(
      history.map((point: { value: number; at: string }) => [point.at.slice(0, 10), point.value]),
    ).toEqual([
      ["2026-11-04", 100],
      ["2026-11-06", 130],
    ]);
    const checkIn = await http.post("/v1/sheets/finance/key-results/F-KPI/check-ins", admin, {
      value: 140,
      author: "Ola",
    });
    expect(checkIn.status).toBe(201);
    const after = (await http.get("/v1/rows/F-KPI/history", admin)).json.points;
    expect(after.at(-1)).toMatchObject({ value: 140, source: "check_in", author: "Ola" });
    const objectiveCheckIn = await http.post("/v1/sheets/finance/key-results/F-O/check-ins", admin, {
      value: 1,
      author: "Ola",
    });
    expect(objectiveCheckIn.status).toBe(404);
  });
});
