// A sheet owns its IDs: a writer of sheet A cannot change anything of sheet B, through sync or check-ins.
// A row whose ID another sheet holds live is refused on its row (duplicate_id_across_sheets, naming that
// sheet), and B's rows, rollup and check-in history stay B's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrg, startTestApp } from "../support/api-server.js";
import { caller } from "./client.js";
import { full, objective, okrRow, sheet, stub } from "./rows.js";

const NOW = new Date("2026-11-15T12:00:00Z");
let api: Awaited<ReturnType<typeof startTestApp>>;
let http: ReturnType<typeof caller>;
let admin: string;
let writerA: string;
let writerB: string;
const bRows = sheet("B", 2);
const kpiB = okrRow("B-KPI", { type: "kpi", objectiveId: "B-O", krType: null, kpiKind: "leading", row: 9 });

beforeAll(async () => {
  api = await startTestApp({ now: () => NOW });
  http = caller((request) => api.app.fetch(request));
  admin = (await createOrg(api.store, "Owners AB", NOW)).adminKey;
  writerA = await http.createKey(admin, { role: "writer", sheetId: "sheet-a" });
  writerB = await http.createKey(admin, { role: "writer", sheetId: "sheet-b" });
  const b = await http.sync("sheet-b", writerB, {
    baseRevision: 0,
    name: "Team B",
    rows: [...bRows, kpiB].map(full),
  });
  expect(b.status).toBe(200);
  const checkIn = await http.post("/v1/sheets/sheet-b/key-results/B-KR1/check-ins", writerB, {
    value: 10,
    author: "Bo",
  });
  expect(checkIn.status).toBe(201);
});
afterAll(() => api?.close());

describe("a writer of sheet A and the IDs of sheet B", () => {
  const aRows = sheet("A", 1);
  // B's objective, key result and KPI, retitled, inside A's sheet
  const intruders = [
    objective("B-O", { title: "Taken over", row: 10 }),
    okrRow("B-KR1", { objectiveId: "A-O", title: "Taken over too", current: 99, row: 11 }),
    okrRow("B-KPI", { type: "kpi", objectiveId: "A-O", krType: null, kpiKind: "lagging", row: 12 }),
  ];

  it("refuses each row whose ID sheet B holds, on its row, and syncs the rest", async () => {
    const res = await http.sync("sheet-a", writerA, {
      baseRevision: 0,
      name: "Team A",
      rows: [...aRows, ...intruders].map(full),
    });
    expect(res.status).toBe(200);
    expect(res.json.written).toBe(aRows.length);
    const refused = res.json.problems.filter(
      (p: { code: string }) => p.code === "duplicate_id_across_sheets",
    );
    expect(refused.map((p: { row: number }) => p.row)).toEqual([10, 11, 12]);
    expect(refused[0]).toMatchObject({
      severity: "error",
      column: "id",
      ids: ["B-O"],
      sheetId: "sheet-a",
      otherSheetId: "sheet-b",
    });
    expect(refused[0].message).toBe(
      "Row 10, ID: 'B-O' is already the ID of a row in the sheet 'Team B', so this row was not synced. " +
        "Clear this ID and run Set up sheet to give the row a new one.",
    );
    const a = await http.get("/v1/sheets/sheet-a", writerA);
    expect(a.json.rows.map((row: { id: string }) => row.id)).toEqual(aRows.map((row) => row.id));
    expect(res.json.computed.map((row: { id: string }) => row.id)).toEqual(aRows.map((row) => row.id));
  });

  it("changes nothing of sheet B: its rows, the rollup and its history", async () => {
    const b = await http.get("/v1/sheets/sheet-b", writerB);
    expect(b.json.revision).toBe(1);
    expect(b.json.rows.find((row: { id: string }) => row.id === "B-O").title).toBe("Objective B-O");
    const rollup = await http.get("/v1/rollup?cycle=2026-Q4", admin);
    const node = rollup.json.roots.find((root: { id: string }) => root.id === "B-O");
    expect(node).toMatchObject({ title: "Objective B-O", sheetId: "sheet-b" });
    // A cannot check in on B's key result: not through B's sheet, not through its own
    expect(
      (await http.post("/v1/sheets/sheet-b/key-results/B-KR1/check-ins", writerA, { value: 1, author: "A" }))
        .status,
    ).toBe(403);
    expect(
      (await http.post("/v1/sheets/sheet-a/key-results/B-KR1/check-ins", writerA, { value: 1, author: "A" }))
        .status,
    ).toBe(404);
    const history = await http.get("/v1/key-results/B-KR1/check-ins", admin);
    expect(history.json.checkIns.map((c: { sheetId: string }) => c.sheetId)).toEqual(["sheet-b"]);
  });

  it("keeps refusing on every sync (no fast path over refused rows) until the ID is free", async () => {
    const rows = [...aRows, ...intruders];
    const again = await http.sync("sheet-a", writerA, {
      baseRevision: 1,
      rows: [...aRows.map(stub), ...intruders.map(full)],
    });
    expect(again.status).toBe(200);
    expect(again.json.unchangedSheet).toBe(false);
    expect(again.json.written).toBe(0);
    expect(
      again.json.problems.filter((p: { code: string }) => p.code === "duplicate_id_across_sheets"),
    ).toHaveLength(3);
    // B lets go of its KPI (the row leaves B's sheet): A may now have that ID
    const b = await http.sync("sheet-b", writerB, { baseRevision: 1, rows: bRows.map(stub) });
    expect(b.json).toMatchObject({ revision: 2, deleted: 1 });
    const taken = await http.sync("sheet-a", writerA, { baseRevision: 1, rows: rows.map(full) });
    expect(taken.json.written).toBe(1);
    expect(
      taken.json.problems.filter((p: { code: string }) => p.code === "duplicate_id_across_sheets"),
    ).toHaveLength(2);
    // and B cannot restore its deleted KPI now that A holds the ID
    const restore = await http.post("/v1/sheets/sheet-b/rows/B-KPI/restore", writerB);
    expect(restore.status).toBe(409);
    expect(restore.json.error).toMatchObject({
      code: "duplicate_id_across_sheets",
      details: { otherSheetId: "sheet-a" },
    });
  });

  it("names the other sheet in the sheet's language", async () => {
    const res = await http.sync("sheet-a", writerA, {
      baseRevision: 2,
      language: "sv",
      rows: [...aRows.map(stub), full(intruders[0]!)],
    });
    const refused = res.json.problems.find((p: { code: string }) => p.code === "duplicate_id_across_sheets");
    expect(refused.message).toContain("'Team B'");
    expect(refused.message).toContain("Förbered bladet");
  });
});
