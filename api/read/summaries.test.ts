import { describe, expect, it } from "vitest";
import { rowHash } from "../../shared/contract.js";
import { OKR_ROW_FIELDS, type OkrRow } from "../../shared/model.js";
import { keyResultRow, okrRow } from "../../test/support/rows.js";
import type { StoredRow } from "../store/types.js";
import { sheetOfSummary, summarize } from "./summaries.js";

const stored = (row: OkrRow, changedAt: string | null): StoredRow => ({
  ...row,
  hash: rowHash(row),
  deleted: false,
  deletedAt: null,
  revision: 2,
  currentChangedAt: changedAt,
});

describe("sheetOfSummary", () => {
  it("gives the engine each live row as stored, notes left empty, in sheet order and one key order", () => {
    const rows = [
      stored(
        keyResultRow("KR-2", { row: 4, notes: "why", ownerStatus: "at_risk" }),
        "2026-12-01T10:00:00.000Z",
      ),
      stored(okrRow({ id: "O-1", type: "objective", row: 2 }), null),
      stored(keyResultRow("KPI-1", { row: 5, type: "kpi", threshold: "at least 95" }), null),
      stored(keyResultRow("KR-1", { row: 3 }), "2026-11-30T10:00:00.000Z"),
      {
        ...stored(keyResultRow("KR-9", { row: 6 }), null),
        deleted: true,
        deletedAt: "2026-12-01T10:00:00.000Z",
      },
    ];
    const sheet = sheetOfSummary(summarize("S", "Sales", 2, rows));
    expect(sheet).toMatchObject({ sheetId: "S", name: "Sales" });
    const live = rows.filter((row) => !row.deleted).sort((a, b) => a.row - b.row);
    expect(sheet.rows.map((row) => row.id)).toEqual(live.map((row) => row.id));
    for (const [i, row] of sheet.rows.entries()) {
      const {
        hash: _h,
        deleted: _d,
        deletedAt: _at,
        revision: _r,
        currentChangedAt: _c,
        ...fields
      } = live[i]!;
      expect(row).toStrictEqual({ ...fields, notes: "" });
      const order = [...OKR_ROW_FIELDS.filter((field) => field !== "notes"), "notes"];
      expect(Object.keys(row)).toEqual(order.filter((key) => key in row));
    }
  });
});
