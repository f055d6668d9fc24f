// Rows and requests for API tests.
import { rowHash, type SyncRow } from "../../shared/contract.js";
import type { OkrRow } from "../../shared/model.js";

export function okrRow(id: string, overrides: Partial<OkrRow> = {}): OkrRow {
  return {
    id,
    type: "key_result",
    title: `Result ${id}`,
    objectiveId: "O-1",
    alignsTo: null,
    contributesTo: [],
    level: null,
    team: "Sales",
    owner: "Kari Nordmann",
    cycle: "2026-Q4",
    start: 0,
    target: 100,
    current: 50,
    unit: "",
    krType: "numeric",
    weight: 1,
    confidence: null,
    kpiKind: null,
    notes: "",
    row: 2,
    ...overrides,
  };
}

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
