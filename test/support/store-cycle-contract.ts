// The cycles part of the store suite (cycle records, value history, the latest check-in's value), run inside
// describeStoreContract on every DynamoDB implementation. Not a test file itself.
import { expect, it } from "vitest";
import type { CycleRecordRow, Store, ValuePoint } from "../../api/store/types.js";
import type { OkrRow } from "../../shared/model.js";
import { keyResultRow } from "./rows.js";

const row = (id: string, fields: Partial<OkrRow> = {}): OkrRow =>
  keyResultRow(id, {
    title: `Resultat ${id} ✓`,
    objectiveId: "O#1",
    team: "Sälj",
    owner: "Åsa",
    cycle: "2026-Q3",
    target: 1e300,
    current: 0.1 + 0.2,
    unit: "kr",
    confidence: 0.9,
    row: 4,
    ...fields,
  });

export function cycleContract(store: () => Store): void {
  it("keeps rows as their cycle's record, and a closed record as it was closed", async () => {
    const s = store();
    const kept = (
      id: string,
      closed: boolean,
      keptAt: string,
      fields: Partial<OkrRow> = {},
    ): CycleRecordRow => ({
      cycle: "2026-Q3",
      sheetId: "sheet#1",
      sheetName: "Sälj",
      row: row(id, fields),
      closed,
      keptAt,
    });
    await s.putCycleRows("org-c", [
      kept("KR#1", false, "2026-10-01T00:00:00.000Z"),
      kept("KR-2", true, "2026-10-01T00:00:00.000Z"),
    ]);
    // A later rollover replaces an open record, never a closed one.
    await s.putCycleRows("org-c", [
      kept("KR#1", false, "2026-10-02T00:00:00.000Z", { current: 5 }),
      kept("KR-2", false, "2026-10-02T00:00:00.000Z", { current: 5 }),
    ]);
    const records = (await s.listCycleRows("org-c")).sort((a, b) => (a.row.id < b.row.id ? -1 : 1));
    expect(records).toEqual([
      kept("KR#1", false, "2026-10-02T00:00:00.000Z", { current: 5 }),
      kept("KR-2", true, "2026-10-01T00:00:00.000Z"),
    ]);
    expect(await s.listCycleRows("org-other")).toEqual([]);
  });

  it("keeps value points per row, oldest first, and the latest check-in's value", async () => {
    const s = store();
    const point = (at: string, value: number): ValuePoint => ({
      rowId: "KPI#1",
      sheetId: "fin",
      value,
      at,
      source: "sheet",
      author: "",
      note: "",
      confidence: null,
    });
    await s.putValuePoints("org-v", [
      point("2026-11-02T00:00:00.000Z", 1e-200),
      point("2026-11-01T00:00:00.000Z", 7),
    ]);
    expect(await s.listValuePoints("org-v", "KPI#1")).toEqual([
      point("2026-11-01T00:00:00.000Z", 7),
      point("2026-11-02T00:00:00.000Z", 1e-200),
    ]);
    expect(await s.listValuePoints("org-v", "KPI#")).toEqual([]);
    const checkIn = { krId: "KR-9", objectiveId: null, sheetId: "fin", note: "", author: "Åsa" };
    await s.putCheckIn("org-v", { ...checkIn, value: 480, confidence: 0.8, at: "2026-11-05T10:00:00.000Z" });
    await s.putCheckIn("org-v", { ...checkIn, value: 1, confidence: null, at: "2026-11-04T10:00:00.000Z" });
    expect(await s.latestCheckIns("org-v")).toEqual(
      new Map([["KR-9", { at: "2026-11-05T10:00:00.000Z", value: 480, confidence: 0.8 }]]),
    );
  });
}
