// Rows and requests for API tests.
import { rowHash, type SyncRow } from "../../shared/contract.js";
import type { OkrRow } from "../../shared/model.js";
import { keyResultRow } from "../support/rows.js";

/** A key result of O-1 (test/support/rows.ts keyResultRow): the API tests' row. */
export const okrRow = keyResultRow;

export function objective(id: string, overrides: Partial<OkrRow> = {}): OkrRow {
  return okrRow(id, {
    type: "objective",
    title: `Objective ${id}`,
    objectiveId: null,
    level: "team",
    target: null,
    current: null,
    krType: null,
    start: null,
    ...overrides,
  });
}

export const full = (row: OkrRow): SyncRow => ({ ...row, hash: rowHash(row) });
export const stub = (row: OkrRow) => ({ id: row.id, hash: rowHash(row) });

/** A small sheet: one objective with `krs` key results, rows numbered from 2. */
export function sheet(prefix: string, krs = 2, overrides: Partial<OkrRow> = {}): OkrRow[] {
  const rows = [objective(`${prefix}-O`, { row: 2, ...overrides })];
  for (let i = 1; i <= krs; i++) {
    rows.push(
      okrRow(`${prefix}-KR${i}`, { objectiveId: `${prefix}-O`, row: 2 + i, current: i * 10, ...overrides }),
    );
  }
  return rows;
}
