// The organisation as leaders see it now: a check-in later than the sheet's last new Current is that key
// result's Current at once, before the sheet syncs it (latest wins, by time; both stay in the history), and the
// rows past cycles are kept as (rollovers, closed cycles: shared/cycle-archive.ts) beside the live ones.
import type { CycleRecordRow } from "../../shared/cycle-archive.js";
import type { OkrRow, SheetRows } from "../../shared/model.js";
import { listCycles } from "../../shared/rollup.js";
import type { LatestCheckIn, Store } from "../store/types.js";

/** The row with its latest check-in's value when that check-in is later than the sheet's last new Current. */
function withCheckIn(row: OkrRow, latest: LatestCheckIn | undefined, changedAt: string | null): OkrRow {
  if (!latest || row.type === "objective") return row;
  if (changedAt !== null && changedAt >= latest.at) return row;
  return { ...row, current: latest.value, confidence: latest.confidence ?? row.confidence };
}

/** The sheets with each key result's later check-in applied (`changedAt`: its last new synced value's time). */
export function withLatestCheckIns(
  sheets: readonly SheetRows[],
  latest: ReadonlyMap<string, LatestCheckIn>,
  changedAt: ReadonlyMap<string, string | null>,
): SheetRows[] {
  if (latest.size === 0) return [...sheets];
  return sheets.map((sheet) => ({
    ...sheet,
    rows: sheet.rows.map((row) => withCheckIn(row, latest.get(row.id), changedAt.get(row.id) ?? null)),
  }));
}

/** Cycles in use: the live sheets' and those only records hold (a past quarter replaced in its sheet). */
export function cyclesInUse(sheets: readonly SheetRows[], records: readonly CycleRecordRow[]): string[] {
  if (records.length === 0) return listCycles(sheets);
  return listCycles([...sheets, { sheetId: "", name: "", rows: records.map((record) => record.row) }]);
}

/** The live sheets with later check-ins applied, and the cycle records. */
export async function currentSheets(
  store: Store,
  orgId: string,
  live: readonly SheetRows[],
  changedAt: ReadonlyMap<string, string | null>,
): Promise<{ sheets: SheetRows[]; records: CycleRecordRow[] }> {
  return currentOf(store, orgId, Promise.resolve({ sheets: live, changedAt }));
}

/** The same for live sheets still being read: the check-ins and records are read meanwhile, not after. */
export async function currentOf(
  store: Store,
  orgId: string,
  live: Promise<{ sheets: readonly SheetRows[]; changedAt: ReadonlyMap<string, string | null> }>,
): Promise<{ sheets: SheetRows[]; records: CycleRecordRow[] }> {
  const [read, latest, records] = await Promise.all([
    live,
    store.latestCheckIns(orgId),
    store.listCycleRows(orgId),
  ]);
  return { sheets: withLatestCheckIns(read.sheets, latest, read.changedAt), records };
}
