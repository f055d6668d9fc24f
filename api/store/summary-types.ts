// The read model's part of the Store (see api/read/): per-sheet-and-cycle summaries of the live rows (what the
// rollup and the dashboard need, not whole rows), the latest check-in time per key result, the organisation's
// read revision, and the views computed for a revision.
import type { OkrRow } from "../../shared/model.js";

/** A live row as the leaders' views read it: everything but its notes, with the time of its last new value. */
export interface SummaryRow extends Omit<OkrRow, "notes"> {
  /** Key results and KPIs: when a sync last brought a new Current value (the store's currentChangedAt). */
  changedAt: string | null;
}

/** One sheet's live rows at one revision, by cycle label (each list in sheet order). */
export interface SheetSummary {
  sheetId: string;
  name: string;
  /** The sheet revision the rows are those of. */
  revision: number;
  cycles: Map<string, SummaryRow[]>;
}

export interface StoredSummaries {
  summaries: SheetSummary[];
  /** Sheets whose summary names parts that are not stored (a write under way, or one that died). */
  incomplete: { sheetId: string; revision: number }[];
  /** Key result ID -> its latest check-in time, from the per-sheet check-in summaries. */
  checkIns: Map<string, string>;
}

/** A sheet's revision as committed, or pending while a sync writes its rows. */
export interface SheetState {
  name: string;
  revision: number;
  pending: boolean;
}

/** A view computed at a read revision, kept until the next write of the organisation. */
export interface CachedView {
  /** The day it is of, and the time zone that day was taken in ("today" views are valid that day only). */
  asOf: string;
  timeZone: string;
  /** gzipped JSON. */
  body: Uint8Array;
}

export interface ReadState {
  /** Goes up with every write a view depends on (sync, restore, check-in, the organisation's settings). */
  revision: number;
  /** Every sheet has had its summary written (the organisation's first view writes those missing). */
  backfilled: boolean;
  /**
   * Sheets whose summary may not be their rows' (a sync or restore claimed a revision since a view last found
   * them committed): only these are checked against their revision. Null for an organisation whose marks are
   * not known to be kept yet (before they were): every sheet is checked.
   */
  pendingSheets: ReadonlySet<string> | null;
  /** Key of a cached view -> what it is, its body when small enough to live in the state itself. */
  views: Map<string, { asOf: string; timeZone: string; parts: number; body: Uint8Array | null }>;
}

export interface SummaryStore {
  /** Writes a sheet's summary unless one of a later revision is stored (false then). Unchanged cycles are kept. */
  putSheetSummary(orgId: string, summary: SheetSummary): Promise<boolean>;
  /** Every sheet's summary and the check-in times (consistent reads). */
  readSummaries(orgId: string): Promise<StoredSummaries>;
  /** The sheets' committed (or pending) revisions (consistent), checked against the summaries. */
  sheetStates(orgId: string, sheetIds: readonly string[]): Promise<Map<string, SheetState>>;
  /** Keeps the later of the stored and this check-in time for the key result (sheetId null: not known). */
  recordCheckInTime(orgId: string, sheetId: string | null, krId: string, at: string): Promise<void>;
  /**
   * recordCheckInTime for several key results of one sheet at once: one update per item they share (a sheet's
   * times are in a few items), read and retried only for those whose stored time is later.
   */
  recordCheckInTimes(
    orgId: string,
    sheetId: string,
    times: readonly { krId: string; at: string }[],
  ): Promise<void>;

  /** The read revision and the views cached for it (one consistent read). */
  readState(orgId: string): Promise<ReadState>;
  /**
   * A new read revision: every cached view is dropped. `pendingSheet`: a sheet whose rows are about to change
   * (its revision claimed), marked until a view finds it committed (settleSheets).
   */
  bumpReadRevision(orgId: string, pendingSheet?: string): Promise<void>;
  /**
   * Unmarks sheets a view found committed with their summary, and records that marks are kept, unless the read
   * revision moved on since `revision` (a claim since may have marked them again).
   */
  settleSheets(orgId: string, revision: number, sheetIds: readonly string[]): Promise<void>;
  markBackfilled(orgId: string): Promise<void>;
  /** Caches a view computed at `revision`; nothing when the revision moved on meanwhile. */
  putView(orgId: string, revision: number, key: string, view: CachedView, state: ReadState): Promise<void>;
  /** The body of a view cached in parts (null when its parts are gone). */
  viewBody(orgId: string, revision: number, key: string, parts: number): Promise<Uint8Array | null>;
}
