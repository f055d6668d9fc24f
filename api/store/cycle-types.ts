// The store's part for cycles as a record: the rows a past cycle is kept as (when they leave their sheet at
// a rollover, or frozen by "Close cycle"), the value history of every key result and KPI (a point whenever a
// sync brings a new Current), and the latest check-in's value per key result. Domain terms only;
// dynamo-cycles.ts maps them.
import type { CycleRecordRow } from "../../shared/cycle-archive.js";
import type { ValuePoint } from "../../shared/value-history.js";

export type { CycleRecordRow } from "../../shared/cycle-archive.js";
export type { ValuePoint } from "../../shared/value-history.js";

/** The latest check-in of a key result or KPI: what it says Current is, and when. */
export interface LatestCheckIn {
  at: string;
  value: number;
  confidence: number | null;
}

export interface CycleStore {
  /**
   * Keeps rows as their cycle's record (one per cycle, sheet and ID; a later record replaces an earlier one),
   * except where that cycle's record of the row is closed: a closed record is never replaced (closing twice
   * keeps the first snapshot).
   */
  putCycleRows(orgId: string, rows: readonly CycleRecordRow[]): Promise<void>;
  /** Every row kept as a cycle's record in the organisation. */
  listCycleRows(orgId: string): Promise<CycleRecordRow[]>;
  /** Value points from syncs (check-ins are kept as check-ins); idempotent per row, time and value. */
  putValuePoints(orgId: string, points: readonly ValuePoint[]): Promise<void>;
  listValuePoints(orgId: string, rowId: string): Promise<ValuePoint[]>;
  /** The latest check-in per key result or KPI ID, with its value (check-ins written before it was kept: absent). */
  latestCheckIns(orgId: string): Promise<Map<string, LatestCheckIn>>;
}
