// What a sync keeps beside the sheet's rows: the rows of an ended cycle that leave the sheet (a rollover
// replaces last quarter's rows, or reuses their IDs for this quarter), kept as that cycle's record; and a
// value point for every key result and KPI whose Current changed (formula-fed numbers get a history).
import { cycleEnded } from "../../shared/cycle-nesting.js";
import { stripStored } from "../read/live-rows.js";
import type { CycleRecordRow, StoredRow, ValuePoint } from "../store/types.js";
import type { SyncPlan } from "./plan.js";

export function cycleRecordsOf(
  existing: readonly StoredRow[],
  plan: Pick<SyncPlan, "writes" | "deletions">,
  sheet: { sheetId: string; name: string },
  today: string,
  at: string,
): CycleRecordRow[] {
  const leaving = new Set(plan.deletions.map((row) => row.id));
  const nextCycle = new Map(plan.writes.map((row) => [row.id, row.cycle]));
  const records: CycleRecordRow[] = [];
  for (const row of existing) {
    if (row.deleted || !row.cycle || !cycleEnded(row.cycle, today)) continue;
    const moved = nextCycle.has(row.id) && nextCycle.get(row.id) !== row.cycle;
    if (!leaving.has(row.id) && !moved) continue;
    records.push({
      cycle: row.cycle,
      sheetId: sheet.sheetId,
      sheetName: sheet.name,
      row: stripStored(row),
      closed: false,
      keptAt: at,
    });
  }
  return records;
}

export function valuePointsOf(
  existing: readonly StoredRow[],
  writes: readonly StoredRow[],
  sheetId: string,
  at: string,
): ValuePoint[] {
  const before = new Map(existing.map((row) => [row.id, row]));
  const points: ValuePoint[] = [];
  for (const row of writes) {
    if (row.type === "objective" || row.current === null) continue;
    const previous = before.get(row.id);
    if (previous && !previous.deleted && previous.current === row.current) continue;
    points.push({
      rowId: row.id,
      sheetId,
      value: row.current,
      at,
      source: "sheet",
      author: row.owner,
      note: "",
      confidence: row.confidence,
    });
  }
  return points;
}
