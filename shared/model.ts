// The OKR domain model: plain data, shared by the add-on, the API and the dashboard.
// A sheet row maps 1:1 onto an OkrRow, so the same shape is parsed, synced, stored and rolled up.

export const ROW_TYPES = ["objective", "key_result", "kpi"] as const;
export type RowType = (typeof ROW_TYPES)[number];

export const LEVELS = ["company", "team", "individual"] as const;
export type Level = (typeof LEVELS)[number];

export const KR_TYPES = ["numeric", "percent", "binary", "milestone"] as const;
export type KrType = (typeof KR_TYPES)[number];

export const KPI_KINDS = ["leading", "lagging"] as const;
export type KpiKind = (typeof KPI_KINDS)[number];

export const STATUSES = ["not_started", "on_track", "at_risk", "off_track", "done"] as const;
export type Status = (typeof STATUSES)[number];

export const LANGUAGES = ["en", "sv", "nb"] as const;
export type Language = (typeof LANGUAGES)[number];

/** Canonical column keys. Users' header texts are mapped onto these by alias (see columns.ts). */
export const COLUMN_KEYS = [
  "id",
  "type",
  "title",
  "objective",
  "alignsTo",
  "contributesTo",
  "level",
  "team",
  "owner",
  "cycle",
  "start",
  "target",
  "current",
  "unit",
  "krType",
  "weight",
  "confidence",
  "kpiKind",
  "notes",
  "progress",
  "expected",
  "status",
  "ownerStatus",
  "grade",
] as const;
export type ColumnKey = (typeof COLUMN_KEYS)[number];

/**
 * Columns Set up does not add to every sheet: the owner's status (a team adds it when owners want their word to
 * override the pace) and the frozen grade (Close cycle adds it).
 */
export const ON_DEMAND_COLUMNS: ReadonlySet<ColumnKey> = new Set<ColumnKey>(["ownerStatus", "grade"]);

/** Columns whose cells the add-on owns and fills with formulas. */
export const COMPUTED_COLUMNS = ["progress", "expected", "status"] as const satisfies readonly ColumnKey[];
export type ComputedColumn = (typeof COMPUTED_COLUMNS)[number];

/** One objective, key result or KPI: one sheet row. */
export interface OkrRow {
  id: string;
  type: RowType;
  title: string;
  /** KR: the objective it belongs to. KPI: the objective or key result it sits beside. */
  objectiveId: string | null;
  /** Objective: the parent objective it supports (vertical alignment); may live in another sheet. */
  alignsTo: string | null;
  /** Objective: further objectives it contributes to (horizontal, cross-functional links). */
  contributesTo: string[];
  level: Level | null;
  team: string;
  owner: string;
  /** Cycle label as written: "2026-Q4", "2026-H2", "2026", or "2026-10-01..2026-12-31". */
  cycle: string;
  start: number | null;
  target: number | null;
  /** Latest value; null means no check-in yet (no progress yet). */
  current: number | null;
  unit: string;
  /** KRs only; null on KRs means numeric. */
  krType: KrType | null;
  /** Weight in its parent's weighted mean; default 1. */
  weight: number;
  /** 0..1, null when not given. */
  confidence: number | null;
  kpiKind: KpiKind | null;
  notes: string;
  /** 1-based sheet row the item was read from (for problems and selecting the cell). */
  row: number;
  /** KPI: its health threshold as written in Target ("at least 95", "90–110", per month; see kpi-health.ts). */
  threshold?: string;
  /** The owner's own status (the Owner status column), shown instead of the pace where set; absent when blank. */
  ownerStatus?: Status;
}

/** Every field of an OkrRow, in canonical order (row hashing and storage both follow it). */
export const OKR_ROW_FIELDS = [
  "id",
  "type",
  "title",
  "objectiveId",
  "alignsTo",
  "contributesTo",
  "level",
  "team",
  "owner",
  "cycle",
  "start",
  "target",
  "current",
  "unit",
  "krType",
  "weight",
  "confidence",
  "kpiKind",
  "notes",
  "row",
  "threshold",
  "ownerStatus",
] as const satisfies readonly (keyof OkrRow)[];

// `satisfies` above refuses a name that is no field; this refuses a field left out (it would vanish from the row
// hash and from storage without a word): a missing field makes the type below that field, and `true` no fit.
type RowFieldsLeftOut = Exclude<keyof OkrRow, (typeof OKR_ROW_FIELDS)[number]>;
export const OKR_ROW_FIELDS_COVER_OKR_ROW: [RowFieldsLeftOut] extends [never] ? true : RowFieldsLeftOut =
  true;

/** An objective row with every other field empty: what parsing creates for a new title, the catalog's rows. */
export function objectiveRow(fields: Pick<OkrRow, "id" | "title" | "row"> & Partial<OkrRow>): OkrRow {
  return {
    type: "objective",
    objectiveId: null,
    alignsTo: null,
    contributesTo: [],
    level: null,
    team: "",
    owner: "",
    cycle: "",
    start: null,
    target: null,
    current: null,
    unit: "",
    krType: null,
    weight: 1,
    confidence: null,
    kpiKind: null,
    notes: "",
    ...fields,
  };
}

/** The rows of one team's sheet, as synced. */
export interface SheetRows {
  sheetId: string;
  /** Display name of the sheet (usually its team). */
  name: string;
  rows: OkrRow[];
}

export type Severity = "error" | "warning" | "hint";

/** A problem or hint a person can act on: where it is, what it is, what to do. */
export interface Problem {
  /** Stable machine code, e.g. "not_a_number", "duplicate_id", "alignment_cycle". */
  code: string;
  severity: Severity;
  /** Human text naming row, column and what to do, e.g. "Row 14, Target: 'abc' is not a number". */
  message: string;
  /** 1-based sheet row, or null when the problem is not about one row. */
  row: number | null;
  column: ColumnKey | null;
  /** IDs involved (the cycle's IDs, both duplicates, ...). */
  ids?: string[];
  /** A row's problem: the row's own ID (row numbers repeat when several tabs sync as one sheet). */
  rowId?: string;
  sheetId?: string;
  /** duplicate_id_across_sheets: the other sheet that holds the ID. */
  otherSheetId?: string;
}

/** A cycle resolved to dates; both ends inclusive, ISO yyyy-mm-dd. */
export interface CycleWindow {
  label: string;
  start: string;
  end: string;
}

/** When progress - expected falls this far behind, the status changes. */
export interface StatusThresholds {
  /** Behind expected by more than this: at risk. */
  atRiskGap: number;
  /** Behind expected by more than this: off track. */
  offTrackGap: number;
}

export const DEFAULT_THRESHOLDS: StatusThresholds = { atRiskGap: 0.1, offTrackGap: 0.25 };

export type GradeBand = "red" | "yellow" | "green";

/** A key result check-in: a new value at a point in time. */
export interface CheckIn {
  krId: string;
  value: number;
  confidence: number | null;
  note: string;
  author: string;
  /** ISO timestamp. */
  at: string;
}

/** A reference to an objective anywhere in the organisation. */
export interface ObjectiveRef {
  id: string;
  title: string;
  team: string;
  owner: string;
  level: Level | null;
  cycle: string;
  sheetId: string;
}

export interface RollupNode extends ObjectiveRef {
  /** Weighted mean of its own key results (clamped), null without KRs. */
  progress: number | null;
  /** Weighted mean of the own progress of objectives aligned to it, null when none are. */
  alignedProgress: number | null;
  expected: number | null;
  /** What the sheet's Status shows: the owner's word where set, else the pace. */
  status: Status;
  /** Own progress against expected alone. */
  paceStatus: Status;
  /** The owner's word (the Owner status column); null when not set. */
  ownerStatus: Status | null;
  keyResultCount: number;
  contributesTo: string[];
  children: RollupNode[];
  /** Once its cycle has ended: the grade (0.0-1.0 in tenths) that replaces the pace status; null before. */
  grade: number | null;
  /** In the API's pages: how many children it has, however many `children` carries (the engine's has none). */
  childCount?: number;
  /**
   * In the API's pages, when `children` was cut at the page's limit: where the rest start, for
   * GET /v1/rollup/list?list=children&cursor= (absent when `children` holds them all).
   */
  nextCursor?: string;
}

export interface GroupTotal {
  /** Team name, or level. */
  key: string;
  objectiveCount: number;
  keyResultCount: number;
  /** Mean own progress over its objectives with progress, null when none. */
  meanProgress: number | null;
  statusCounts: Record<Status, number>;
}

export interface DuplicatePair {
  a: ObjectiveRef | KeyResultRef;
  b: ObjectiveRef | KeyResultRef;
  similarity: number;
}

export interface KeyResultRef {
  id: string;
  title: string;
  objectiveId: string | null;
  team: string;
  owner: string;
  cycle: string;
  sheetId: string;
}

export interface KeyResultState extends KeyResultRef {
  progress: number;
  /**
   * The status a leader reads: the owner's word where set (as the sheet shows it); else the pace, the owner's
   * confidence for a yes/no result, at risk when never updated.
   */
  status: Status;
  lastCheckInAt: string | null;
  /** The owner's confidence, 0..1; null when not given. */
  confidence: number | null;
  /** Progress against expected alone. */
  paceStatus: Status;
  /** The owner's word (the Owner status column); null when not set. */
  ownerStatus: Status | null;
  /** No value and no check-in once the share of the cycle `noUpdateShare` has passed (counts as at risk). */
  noUpdate: boolean;
  /** Once its cycle has ended: its grade; null before. */
  grade: number | null;
}

export interface RollupInsights {
  /** Company objectives no objective aligns to. */
  unsupported: ObjectiveRef[];
  /** Team and individual objectives aligned to nothing. */
  unaligned: ObjectiveRef[];
  /** Each cycle as the IDs around it. */
  cycles: string[][];
  /** Links to IDs that exist nowhere in the organisation. */
  unknownLinks: { from: string; to: string; kind: "alignsTo" | "contributesTo" | "objective" }[];
  /** Objectives aligned to a parent in another cycle. */
  crossCycle: { from: string; to: string; fromCycle: string; toCycle: string }[];
  /** The same work done twice by two teams. */
  duplicates: DuplicatePair[];
  /** Key results at risk or off track. */
  atRisk: KeyResultState[];
  /** Key results not done and without an update for `quietDays` days (or ever), quietest first. */
  quiet: KeyResultState[];
  /** The number of days after which a key result counts as quiet. */
  quietDays: number;
  /**
   * Key results whose owner and pace disagree: the owner's word differs from the pace where the owner set one;
   * else the owner's confidence and the pace point different ways (one says on track, the other not).
   */
  disagreements: KeyResultState[];
  /** The share of the cycle after which a key result never updated counts as at risk. */
  noUpdateShare: number;
}

/** The consolidated view leaders read: everything for one cycle across every sheet. */
export interface Rollup {
  cycle: string;
  /** ISO date the expected progress was computed for. */
  asOf: string;
  roots: RollupNode[];
  teams: GroupTotal[];
  levels: GroupTotal[];
  insights: RollupInsights;
  /** How much of each list the API's answer carries (GET /v1/rollup pages its lists; the engine's has none). */
  page?: RollupPage;
}

/** Per list: its length and where the next page starts (null: none). */
export interface RollupPage {
  limit: number;
  lists: Record<string, { total: number; nextOffset: number | null; nextCursor?: string | null }>;
}

/** Where the columns of one OKR sheet are: found by the parser, used by the formula generator. */
export interface SheetLayout {
  /** 1-based row of the header. Data rows follow it. */
  headerRow: number;
  /** 0-based column index of each recognised column; missing optional columns are absent. */
  columns: Partial<Record<ColumnKey, number>>;
  /** Number of columns in the header row, recognised or not (extra columns are kept untouched). */
  width: number;
  /** Language the headers are written in (the first match wins for mixed headers). */
  language: Language;
}

/** Items per list of the API's rollup: by default, and at most (a leader's tool pages through the rest). */
export const ROLLUP_PAGE = { default: 500, max: 5000 } as const;
