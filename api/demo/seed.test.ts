// The demo seed on real (in-memory) dynalite, read back through the API as the dashboard reads it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OkrRow, RollupNode } from "../../shared/model.js";
import { computeRows } from "../../shared/progress.js";
import { startBackend, type TestBackend } from "../../test/support/api-server.js";
import { createApp } from "../app/app.js";
import { DEFAULT_CONFIG } from "../app/config.js";
import { parseCsv } from "../import/read-csv.js";
import { demoCheckIns, STALE_KEY_RESULTS } from "./check-ins.js";
import { type SeedDemoResult, seedDemo } from "./seed.js";
import { elapsedShare, loadDemoSheets, quarterOf } from "./sheets.js";

const NOW = new Date("2026-11-24T10:30:00Z");
const DAY = 86_400_000;

// biome-ignore lint/suspicious/noExplicitAny: tests read arbitrary JSON answers
type Json = any;

async function reader(backend: TestBackend, key: string) {
  const app = createApp({ store: backend.store, now: () => NOW, config: DEFAULT_CONFIG });
  return async (path: string): Promise<Json> => {
    const response = await app.request(`http://okr.test${path}`, {
      headers: { Authorization: `Bearer ${key}` },
    });
    expect(response.status, `${path}: ${await response.clone().text()}`).toBe(200);
    return response.json();
  };
}

function walk(nodes: RollupNode[], visit: (node: RollupNode, parent: RollupNode | null) => void) {
  const step = (node: RollupNode, parent: RollupNode | null) => {
    visit(node, parent);
    for (const child of node.children) step(child, node);
  };
  for (const node of nodes) step(node, null);
}

describe("the demo seed", () => {
  let backend: TestBackend;
  let seeded: SeedDemoResult;
  let get: (path: string) => Promise<Json>;

  beforeAll(async () => {
    backend = await startBackend();
    seeded = await seedDemo({ store: backend.store, now: NOW });
    get = await reader(backend, seeded.readerKey);
  });
  afterAll(async () => {
    await backend?.close();
  });

  it("creates Demo AB with five synced sheets, one writer key each, and the current quarter as cycle", async () => {
    expect(seeded.orgName).toBe("Demo AB");
    expect(seeded.cycle).toBe("2026-Q4");
    expect(seeded.sheets.map((sheet) => [sheet.sheetId, sheet.language, sheet.revision])).toEqual([
      ["demo-company", "en", 1],
      ["demo-okonomi", "nb", 1],
      ["demo-kundframgang", "sv", 1],
      ["demo-engineering", "en", 1],
      ["demo-sales", "en", 1],
    ]);
    expect(new Set(seeded.sheets.map((sheet) => sheet.writerKey)).size).toBe(5);
    expect(seeded.sheets.flatMap((sheet) => sheet.problems).filter((p) => p.severity === "error")).toEqual(
      [],
    );

    const listed = await get("/v1/sheets");
    expect(listed.sheets.map((sheet: Json) => sheet.name).sort()).toEqual(
      ["Company", "Engineering", "Kundframgång", "Sales", "Økonomi"].sort(),
    );
    expect(await get("/v1/cycles")).toEqual({ cycles: ["2026-Q4"] });
  });

  it("keys: the reader reads the organisation, a writer reads it too but only writes its own sheet", async () => {
    const app = createApp({ store: backend.store, now: () => NOW, config: DEFAULT_CONFIG });
    const sales = seeded.sheets.find((sheet) => sheet.sheetId === "demo-sales")!;
    const foreign = await app.request("http://okr.test/v1/sheets/demo-company/sync", {
      method: "POST",
      headers: { Authorization: `Bearer ${sales.writerKey}`, "Content-Type": "application/json" },
      body: JSON.stringify({ baseRevision: 1, name: "x", rows: [] }),
    });
    expect(foreign.status).toBe(403);
    const rollupAsWriter = await app.request("http://okr.test/v1/rollup?cycle=2026-Q4", {
      headers: { Authorization: `Bearer ${sales.writerKey}` },
    });
    // OKRs are open to everyone in the organisation: a team lead's writer key reads the rollup (issue 12).
    expect(rollupAsWriter.status).toBe(200);
    const admin = await app.request("http://okr.test/v1/keys", {
      headers: { Authorization: `Bearer ${seeded.adminKey}` },
    });
    expect((await admin.json()).keys.map((key: Json) => key.role).sort()).toEqual([
      "admin",
      "reader",
      "writer",
      "writer",
      "writer",
      "writer",
      "writer",
    ]);
  });

  it("rolls up with the company objectives as roots and team objectives aligned under them", async () => {
    const rollup = await get("/v1/rollup?cycle=2026-Q4");
    const roots: RollupNode[] = rollup.roots;
    const companyRoots = roots.filter((node) => node.level === "company").map((node) => node.id);
    expect(companyRoots.sort()).toEqual(["O-C1", "O-C2", "O-C3", "O-C4", "O-C5"]);
    // The only other root is the objective aligned to nothing.
    expect(roots.filter((node) => node.level !== "company").map((node) => node.id)).toEqual(["O-F1"]);

    const parentOf = new Map<string, string | null>();
    const teams = new Set<string>();
    walk(roots, (node, parent) => {
      parentOf.set(node.id, parent?.id ?? null);
      if (parent) teams.add(node.team);
    });
    expect(Object.fromEntries(parentOf)).toMatchObject({
      "O-S1": "O-C1",
      "O-S3": "O-C1",
      "O-E2": "O-C1",
      "O-S4": "O-S1",
      "O-K1": "O-C2",
      "O-K2": "O-C2",
      "O-K3": "O-C2",
      "O-S2": "O-C2",
      "O-K4": "O-K1",
      "O-E1": "O-C3",
      "O-E4": "O-E1",
      "O-E3": "O-C5",
      "O-F2": "O-C5",
      "O-F3": "O-C5",
    });
    expect([...teams].sort()).toEqual(["Engineering", "Kundframgång", "Sales", "Økonomi"]);
    const c1 = roots.find((node) => node.id === "O-C1")!;
    expect(c1.alignedProgress).not.toBeNull();
    // Contributes-to links across teams travel with the nodes.
    const contributions: Record<string, string[]> = {};
    walk(roots, (node) => {
      if (node.contributesTo.length > 0) contributions[node.id] = node.contributesTo;
    });
    expect(contributions).toEqual({ "O-E1": ["O-K1"], "O-E3": ["O-F2"], "O-F2": ["O-C1"], "O-S2": ["O-K2"] });
    expect(rollup.teams.map((team: Json) => team.key).sort()).toEqual(
      ["Engineering", "Kundframgång", "Leadership", "Sales", "Økonomi"].sort(),
    );
  });

  it("has the insights the demo is built to show", async () => {
    const { insights, roots } = await get("/v1/rollup?cycle=2026-Q4");
    expect(insights.unsupported.map((o: Json) => o.id)).toEqual(["O-C4"]);
    expect(insights.unaligned.map((o: Json) => o.id)).toEqual(["O-F1"]);
    expect(insights.duplicates.map((d: Json) => [d.a.id, d.b.id])).toEqual([["O-E2", "O-S3"]]);
    expect(insights.cycles).toEqual([]);
    expect(insights.unknownLinks).toEqual([]);

    const statuses = new Set(insights.atRisk.map((kr: Json) => kr.status));
    expect(statuses).toEqual(new Set(["at_risk", "off_track"]));
    expect(insights.atRisk.length).toBeGreaterThanOrEqual(5);
    // Checked in, or never updated well into the cycle (which counts as at risk: issue 13).
    for (const kr of insights.atRisk) expect(kr.lastCheckInAt !== null || kr.noUpdate).toBe(true);
    // Every status shows up somewhere in the tree.
    const tree = new Set<string>();
    walk(roots, (node) => tree.add(node.status));
    expect(tree).toEqual(new Set(["on_track", "at_risk", "off_track"]));
  });

  it("parsed the Swedish and Norwegian sheets into the same model as the English ones, without problems", async () => {
    const sheets = loadDemoSheets("2026-11-24");
    for (const sheet of sheets) expect(sheet.problems, sheet.sheetId).toEqual([]);
    const byId = new Map(sheets.flatMap((sheet) => sheet.rows.map((row) => [row.id, row] as const)));
    expect(byId.get("O-K2")).toMatchObject({
      type: "objective",
      level: "team",
      team: "Kundframgång",
      owner: "Lena Ek",
      alignsTo: "O-C2",
      cycle: "2026-Q4",
    });
    expect(byId.get("KR-K21")).toMatchObject({
      type: "key_result",
      objectiveId: "O-K2",
      krType: "percent",
      start: 0.024,
      target: 0.015,
      weight: 2,
      confidence: 0.4,
      level: "team",
      cycle: "2026-Q4",
    });
    expect(byId.get("KR-K42")).toMatchObject({ krType: "binary", current: 1, level: "individual" });
    expect(byId.get("KPI-K22")).toMatchObject({ type: "kpi", kpiKind: "lagging" });
    expect(byId.get("O-F2")).toMatchObject({
      level: "team",
      team: "Økonomi",
      alignsTo: "O-C5",
      contributesTo: ["O-C1"],
    });
    expect(byId.get("KR-F23")).toMatchObject({ start: 9200, target: 7500, unit: "kr", confidence: 0.6 });
    expect(byId.get("KR-F31")).toMatchObject({ krType: "milestone", target: 3 });
    expect(byId.get("KPI-F11")).toMatchObject({ kpiKind: "leading", current: 0.62 });
    expect(byId.get("KR-E11")).toMatchObject({ confidence: 0.6 }); // "6" on the 1-10 scale

    // The server holds exactly what the parser read (the sync path kept every field).
    const stored = await get("/v1/sheets/demo-kundframgang");
    const kundframgang = sheets.find((sheet) => sheet.sheetId === "demo-kundframgang")!;
    const strip = ({
      hash: _h,
      deleted: _d,
      deletedAt: _a,
      revision: _r,
      currentChangedAt: _c,
      writtenAt: _w,
      writtenBy: _b,
      ...row
    }: Json) => row as OkrRow;
    expect(stored.rows.map(strip)).toEqual(kundframgang.rows);
  });

  it("has several weeks of check-ins per key result, ending at its Current value", async () => {
    const sheets = loadDemoSheets("2026-11-24");
    const keyResults = sheets.flatMap((sheet) => sheet.rows.filter((row) => row.type === "key_result"));
    expect(keyResults.length).toBeGreaterThan(40);
    for (const kr of keyResults) {
      const { checkIns } = await get(`/v1/key-results/${kr.id}/check-ins`);
      if (kr.current === null) {
        expect(checkIns, kr.id).toEqual([]);
        continue;
      }
      const weeks = STALE_KEY_RESULTS[kr.id] === undefined ? 7 : 4;
      expect(checkIns.length, kr.id).toBeGreaterThanOrEqual(weeks);
      expect(checkIns.at(-1).value, kr.id).toBe(kr.current);
      const times = checkIns.map((checkIn: Json) => Date.parse(checkIn.at));
      for (let i = 1; i < times.length; i++) {
        const days = Math.round((times[i] - times[i - 1]) / DAY);
        expect(days, kr.id).toBe(7);
      }
      expect(Math.max(...times)).toBeLessThanOrEqual(NOW.getTime());
      expect(Math.min(...times)).toBeGreaterThanOrEqual(Date.parse("2026-10-01T00:00:00Z"));
      for (const checkIn of checkIns) {
        expect(checkIn.author).toBe(kr.owner);
        expect(checkIn.note.length).toBeGreaterThan(0);
        expect(checkIn.confidence).toBeGreaterThanOrEqual(0);
        expect(checkIn.confidence).toBeLessThanOrEqual(1);
        expect(checkIn.objectiveId).toBe(kr.objectiveId);
      }
    }
    // Notes are in the sheet's language.
    const swedish = (await get("/v1/key-results/KR-K21/check-ins")).checkIns.map((c: Json) => c.note);
    const norwegian = (await get("/v1/key-results/KR-F21/check-ins")).checkIns.map((c: Json) => c.note);
    expect(swedish.join(" ")).toMatch(/[åäö]/);
    expect(norwegian.join(" ")).toMatch(/uke|kvartalet|fremgang|terreng|blokkert/i);
    // The key result whose owner stopped checking in shows up as stale.
    const stale = (await get("/v1/key-results/KR-F12/check-ins")).checkIns;
    expect(NOW.getTime() - Date.parse(stale.at(-1).at)).toBeGreaterThan(21 * DAY);
  });

  it("seeds the same organisation content on every start on the same day", async () => {
    const other = await startBackend();
    try {
      const again = await seedDemo({ store: other.store, now: NOW });
      const read = await reader(other, again.readerKey);
      expect(again.orgId).not.toBe(seeded.orgId);
      for (const sheet of seeded.sheets) {
        // the same rows; each written by its own organisation's writer key (the history says which)
        const withoutWriter = (stored: Json) => ({
          ...stored,
          rows: stored.rows.map(({ writtenBy, ...row }: Json) => {
            expect(writtenBy).toMatch(/^key:/);
            return row;
          }),
        });
        const a = withoutWriter(await get(`/v1/sheets/${sheet.sheetId}`));
        const b = withoutWriter(await read(`/v1/sheets/${sheet.sheetId}`));
        expect(b).toEqual(a);
      }
      for (const id of ["KR-S11", "KR-K21", "KR-F22", "KR-E21"]) {
        expect(await read(`/v1/key-results/${id}/check-ins`)).toEqual(
          await get(`/v1/key-results/${id}/check-ins`),
        );
      }
      expect(await read("/v1/rollup?cycle=2026-Q4")).toEqual(await get("/v1/rollup?cycle=2026-Q4"));
    } finally {
      await other.close();
    }
  });
});

describe("the demo data on other days", () => {
  it("reads CSV as Google Sheets writes it", () => {
    expect(parseCsv('a,"b, c","say ""hi"""\r\n1,,3\n')).toEqual([
      ["a", "b, c", 'say "hi"'],
      ["1", "", "3"],
    ]);
  });

  it.each(["2027-02-20", "2027-05-30", "2026-09-10", "2028-12-01"])(
    "is live in the quarter of %s with a mix of statuses",
    (today) => {
      const sheets = loadDemoSheets(today);
      const statuses = new Map<string, number>();
      for (const sheet of sheets) {
        expect(sheet.problems).toEqual([]);
        for (const row of sheet.rows) if (row.type === "objective") expect(row.cycle).toBe(quarterOf(today));
        for (const [id, computed] of computeRows(sheet.rows, { asOf: today })) {
          const row = sheet.rows.find((candidate) => candidate.id === id)!;
          if (row.type === "key_result")
            statuses.set(computed.status, (statuses.get(computed.status) ?? 0) + 1);
        }
      }
      expect(elapsedShare(today)).toBeGreaterThan(0.4);
      expect(statuses.get("on_track")).toBeGreaterThanOrEqual(5);
      expect((statuses.get("at_risk") ?? 0) + (statuses.get("off_track") ?? 0)).toBeGreaterThanOrEqual(5);
    },
  );

  it("still seeds on the first day of a quarter: one check-in per started key result, at its Current value", () => {
    const now = new Date("2027-01-01T06:00:00Z");
    for (const sheet of loadDemoSheets("2027-01-01")) {
      expect(sheet.problems).toEqual([]);
      const checkIns = demoCheckIns(sheet, now);
      for (const row of sheet.rows.filter((candidate) => candidate.type === "key_result")) {
        const own = checkIns.filter((checkIn) => checkIn.krId === row.id);
        expect(own.length, row.id).toBe(row.current === null ? 0 : 1);
        if (row.current !== null) {
          expect(own[0]!.body.value).toBe(row.current);
          expect(Date.parse(own[0]!.body.at)).toBeLessThanOrEqual(now.getTime());
        }
      }
    }
  });

  it("generates the same check-ins from the same data and day, and none from today or later", () => {
    const now = new Date("2027-03-03T08:00:00Z");
    const first = loadDemoSheets("2027-03-03").flatMap((sheet) => demoCheckIns(sheet, now));
    const second = loadDemoSheets("2027-03-03").flatMap((sheet) => demoCheckIns(sheet, now));
    expect(second).toEqual(first);
    // A start later the same day seeds the same history.
    const evening = new Date("2027-03-03T21:45:00Z");
    expect(loadDemoSheets("2027-03-03").flatMap((sheet) => demoCheckIns(sheet, evening))).toEqual(first);
    expect(first.length).toBeGreaterThan(200);
    for (const checkIn of first) {
      expect(checkIn.body.at < "2027-03-03").toBe(true);
      expect(checkIn.body.at >= "2027-01-01").toBe(true);
    }
  });
});
