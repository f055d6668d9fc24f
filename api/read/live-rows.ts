// The rows as stored, read whole: what the weekly run, the people checks and the objective page read, and the
// fallback of the read model for a sheet whose summary is not (yet) current. Leaders' views read summaries
// (summaries.ts) instead.
import type { CycleRecordRow } from "../../shared/cycle-archive.js";
import type { OkrRow, SheetRows } from "../../shared/model.js";
import type { SheetWithRows, Store, StoredRow } from "../store/types.js";
import { currentSheets } from "./current.js";

/** The model row of a stored row: the store's own fields (hash, soft-delete, revision) left out. */
export function stripStored(row: StoredRow): OkrRow {
  const {
    hash: _hash,
    deleted: _deleted,
    deletedAt: _deletedAt,
    revision: _revision,
    currentChangedAt: _currentChangedAt,
    ...rest
  } = row;
  return rest;
}

const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Sheet order, and row order within a sheet (by sheet row, then ID), that the engine sees whichever way the
 * rows were read: the order decides which of two sheets holding one ID wins, and the order of sums.
 */
export const bySheetId = (a: { sheetId: string }, b: { sheetId: string }) => compare(a.sheetId, b.sheetId);
export const bySheetRow = (a: { row: number; id: string }, b: { row: number; id: string }) =>
  a.row - b.row || compare(a.id, b.id);

/** Every sheet's live rows (deleted ones left out), as the engine takes them. */
export function liveRows(stored: readonly SheetWithRows[]): SheetRows[] {
  return [...stored]
    .sort((a, b) => bySheetId(a.sheet, b.sheet))
    .map(({ sheet, rows }) => ({
      sheetId: sheet.sheetId,
      name: sheet.name,
      rows: rows
        .filter((row) => !row.deleted)
        .map(stripStored)
        .sort(bySheetRow),
    }));
}

export async function liveSheets(store: Store, orgId: string): Promise<SheetRows[]> {
  return liveRows(await store.listOrgSheets(orgId));
}

/**
 * Folds the time of each live key result's (and KPI's) last new synced value into the check-in times: its
 * latest update is its last check-in or the last sync that brought a new Current value, whichever is later
 * (what "no update for N days" is judged by).
 */
export function foldValueChanges(
  lastUpdates: Map<string, string>,
  rows: Iterable<Pick<StoredRow, "id" | "type" | "deleted" | "currentChangedAt">>,
): void {
  for (const row of rows) {
    const changed = row.currentChangedAt;
    // Key results and KPIs (the weekly reminders ask for both); the rollup reads key results only.
    if (row.deleted || row.type === "objective" || !changed) continue;
    const checkedIn = lastUpdates.get(row.id);
    if (!checkedIn || checkedIn < changed) lastUpdates.set(row.id, changed);
  }
}

/**
 * The live sheets (later check-ins applied, see current.ts) and, per key result (and KPI), the time of its
 * latest update, from every stored row; with them the rows past cycles are kept as (`records`).
 */
export async function liveSheetsWithUpdates(
  store: Store,
  orgId: string,
): Promise<{ sheets: SheetRows[]; lastUpdates: Map<string, string>; records: CycleRecordRow[] }> {
  const [stored, lastUpdates] = await Promise.all([store.listOrgSheets(orgId), store.lastCheckIns(orgId)]);
  const changedAt = new Map<string, string | null>();
  for (const { rows } of stored) {
    foldValueChanges(lastUpdates, rows);
    for (const row of rows) if (!row.deleted) changedAt.set(row.id, row.currentChangedAt ?? null);
  }
  const { sheets, records } = await currentSheets(store, orgId, liveRows(stored), changedAt);
  return { sheets, lastUpdates, records };
}
