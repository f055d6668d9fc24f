// A past cycle as a record. Rows of a cycle that has ended are kept when they leave the sheet (the usual
// rollover: last quarter's rows replaced by this quarter's), and "Close cycle" freezes a cycle's rows with
// their final values, so later edits of the sheet do not change its grades. Which version of a row a cycle's
// picture shows: its cycle's closed record; else the live row when it is of that cycle (or the cycle has no
// record of it); else the cycle's record; and for a row that left every sheet, its latest record.
import type { OkrRow, SheetRows } from "./model.js";

export interface CycleRecordRow {
  /** The cycle the row is a record of (its cycle label when kept). */
  cycle: string;
  sheetId: string;
  sheetName: string;
  row: OkrRow;
  /** True when frozen by "Close cycle": never replaced afterwards. */
  closed: boolean;
  /** ISO time the record was written. */
  keptAt: string;
}

/** The sheets as a cycle's picture shows them: live rows and the cycle's records, one version per ID. */
export function sheetsForCycle(
  live: readonly SheetRows[],
  records: readonly CycleRecordRow[],
  cycle: string | null,
): SheetRows[] {
  if (records.length === 0) return [...live];
  const liveIds = new Set<string>();
  for (const sheet of live) for (const row of sheet.rows) liveIds.add(row.id);
  const ofCycle = new Map<string, CycleRecordRow>();
  const latest = new Map<string, CycleRecordRow>();
  for (const record of records) {
    const id = record.row.id;
    if (record.cycle === cycle) {
      const kept = ofCycle.get(id);
      if (
        !kept ||
        (record.closed && !kept.closed) ||
        (record.closed === kept.closed && record.keptAt > kept.keptAt)
      )
        ofCycle.set(id, record);
    }
    const newest = latest.get(id);
    if (!newest || record.keptAt > newest.keptAt) latest.set(id, record);
  }
  const replaced = new Set<string>();
  const liveOfCycle = new Set<string>();
  for (const sheet of live)
    for (const row of sheet.rows) if (row.cycle === cycle && cycle !== null) liveOfCycle.add(row.id);
  for (const [id, record] of ofCycle)
    if (record.closed || !liveOfCycle.has(id) || !liveIds.has(id)) replaced.add(id);
  const added = new Map<string, OkrRow[]>();
  const names = new Map<string, string>();
  const add = (record: CycleRecordRow) => {
    const list = added.get(record.sheetId);
    if (list) list.push(record.row);
    else added.set(record.sheetId, [record.row]);
    names.set(record.sheetId, record.sheetName);
  };
  for (const id of replaced) add(ofCycle.get(id)!);
  for (const [id, record] of latest) if (!liveIds.has(id) && !replaced.has(id)) add(record);
  const sheets = live.map((sheet) => {
    const extra = added.get(sheet.sheetId);
    added.delete(sheet.sheetId);
    const rows = sheet.rows.filter((row) => !replaced.has(row.id));
    return { ...sheet, rows: extra ? [...rows, ...extra] : rows };
  });
  // Sheets that hold nothing live any more (a tab per cycle, removed): their records only.
  for (const [sheetId, rows] of added) sheets.push({ sheetId, name: names.get(sheetId) ?? sheetId, rows });
  return sheets;
}

/** Cycle labels that have a record (so a past cycle stays listed after its rows left every sheet). */
export function recordedCycles(records: readonly CycleRecordRow[]): string[] {
  return [...new Set(records.map((record) => record.cycle).filter((cycle) => cycle !== ""))];
}

/** Cycle labels closed by "Close cycle" in any sheet. */
export function closedCycles(records: readonly CycleRecordRow[]): Set<string> {
  return new Set(records.filter((record) => record.closed).map((record) => record.cycle));
}
