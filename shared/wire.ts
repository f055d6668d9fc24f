// The API's wire contract as types: every request and response, the error codes and the routes, once. Zod-free
// (types, a few constants and one guard), so the add-on imports it without bundling zod; the API's zod schemas
// (./contract.ts) are declared to satisfy these types, and shared/wire.test.ts proves schema = type both ways.
import type { Comment } from "./comments.js";
import type { KpiHealth } from "./kpi-health.js";
import type {
  KpiKind,
  Language,
  ObjectiveRef,
  OkrRow,
  Problem,
  Rollup,
  RollupInsights,
  RollupNode,
  Status,
} from "./model.js";
import type { Person, PersonRole } from "./people.js";

export type { Comment, ObjectiveRef, OkrRow, Person, Problem, Rollup, RollupInsights, RollupNode };

export const LIMITS = {
  idLength: 128,
  shortText: 200,
  title: 1000,
  notes: 5000,
  rowsPerSync: 5000,
  links: 50,
} as const;

export const KEY_ROLES = ["admin", "writer", "reader"] as const;
export type KeyRole = (typeof KEY_ROLES)[number];

// ---------------------------------------------------------------------------------------------
// Error codes: `error.code` of every JSON error the API answers ({error: {code, message, details}}).

export const ERROR_CODES = [
  // Requests the API cannot read
  "bad_request",
  "invalid_request",
  "malformed_json",
  "json_too_deep",
  "payload_too_large",
  "unsupported_media_type",
  "not_found",
  "http_error",
  // Keys and permissions
  "unauthorized",
  "missing_api_key",
  "invalid_api_key",
  "revoked_api_key",
  "too_many_failed_attempts",
  "forbidden",
  "sheet_not_allowed",
  // Sync
  "stale_revision",
  "unknown_row_stub",
  "hash_mismatch",
  "duplicate_row_id",
  "duplicate_id_across_sheets",
  "sync_in_progress",
  // Paging the rollup: a cursor made before the organisation's latest write
  "stale_cursor",
  "lease_lost",
  "not_deleted",
  "conflict",
  "cycle_closed",
  // Idempotency-Key
  "invalid_idempotency_key",
  "idempotency_key_reused",
  "request_in_progress",
  /** Internal: another request with the key answered first, and its answer is replayed instead of this. */
  "request_answered",
  // Check-ins, people, conversations
  "check_in_in_future",
  "check_in_too_old",
  "invalid_person",
  "invalid_comment",
  "invalid_url",
  // The server itself
  "throttled",
  "store_unavailable",
  "internal_error",
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface ErrorBody {
  error: { code: string; message: string; details?: unknown };
}

// ---------------------------------------------------------------------------------------------
// Sync

/** A full row as sent by the add-on: the model row plus its rowHash. */
export interface SyncRow extends OkrRow {
  hash: string;
}

/** An unchanged row: only its ID and the hash the server already holds (`type` absent tells it from a row). */
export interface RowStub {
  id: string;
  hash: string;
  type?: undefined;
}

/** What the add-on sends; optional fields take the server's defaults. */
export interface SyncRequest {
  /** The revision the add-on last saw; 0 for a sheet never synced. */
  baseRevision: number;
  /** Display name of the sheet (usually its team); default "". */
  name?: string;
  rows: (RowStub | SyncRow)[];
  /** Language of the problem messages in the answer; default "en". */
  language?: Language;
  /** The spreadsheet's time zone (IANA): the day `computed` is for. */
  timeZone?: string;
}

export interface ComputedRow {
  id: string;
  progress: number | null;
  expected: number | null;
  status: Status;
}

export interface SyncResponse {
  sheetId: string;
  revision: number;
  /** Rows written (new or changed). */
  written: number;
  /** Rows marked deleted because they disappeared from the sheet. */
  deleted: number;
  unchanged: number;
  /** True when nothing changed since the last sync: `problems` and `computed` are then empty. */
  unchangedSheet: boolean;
  problems: Problem[];
  /** Progress, expected and status recomputed by the server. */
  computed: ComputedRow[];
}

export interface RowChange {
  id: string;
  hash: string;
  deleted: boolean;
  revision: number;
}

/** `details` of a 409 stale_revision error: what changed since the client's base revision. */
export interface StaleRevisionDetails {
  sheetId: string;
  baseRevision: number;
  currentRevision: number;
  changed: RowChange[];
}

/** A row as the server keeps it. */
export interface StoredRowWire extends OkrRow {
  hash: string;
  deleted: boolean;
  deletedAt: string | null;
  revision: number;
  /**
   * When a sync last brought a new Current value (typed, or computed by the sheet's own formula): for a key
   * result that is an update as much as a check-in is. Null when never; absent on rows stored before it was kept.
   */
  currentChangedAt?: string | null;
  /** When the sync that wrote this version began, and the key that wrote it ("key:<id>"); absent before history. */
  writtenAt?: string;
  writtenBy?: string;
}

export interface SheetResponse {
  sheetId: string;
  name: string;
  revision: number;
  updatedAt: string | null;
  rows: StoredRowWire[];
}

export interface SheetSummary {
  sheetId: string;
  name: string;
  revision: number;
  updatedAt: string | null;
}

export interface SheetListResponse {
  sheets: SheetSummary[];
}

export interface RestoreResponse {
  sheetId: string;
  revision: number;
  row: StoredRowWire;
}

// ---------------------------------------------------------------------------------------------
// Catalog, cycles, rollup

/** An objective of the catalog: the reference and its alignment. */
export interface CatalogObjective extends ObjectiveRef {
  alignsTo: string | null;
  contributesTo: string[];
}

export interface CatalogResponse {
  objectives: CatalogObjective[];
}

export interface CyclesResponse {
  cycles: string[];
}

export interface RollupQuery {
  cycle: string;
  /** ISO date yyyy-mm-dd; default: today in the organisation's time zone. */
  asOf?: string;
  /** Items per list (default ROLLUP_PAGE.default, at most ROLLUP_PAGE.max); the rest through GET /rollup/list. */
  limit?: number;
}

/** A CSV's form: with a language, a reader's (its words and separator; `separator` overrides); else the machine's. */
export interface CsvQuery {
  language?: Language;
  separator?: "," | ";";
}

/** The rollup's lists one can page through (GET /v1/rollup/list). */
export const ROLLUP_LISTS = [
  "roots",
  "teams",
  "unsupported",
  "unaligned",
  "cycles",
  "unknownLinks",
  "crossCycle",
  "duplicates",
  "atRisk",
  "quiet",
  "disagreements",
] as const;
export type RollupList = (typeof ROLLUP_LISTS)[number];

/**
 * What GET /v1/rollup/list pages: the rollup's lists, and one node's children (`children`, with `parent`): a
 * node of a page carries at most `limit` children, each with its `childCount` and, when cut, its `nextCursor`.
 */
export const ROLLUP_PAGED_LISTS = [...ROLLUP_LISTS, "children"] as const;
export type RollupPagedList = (typeof ROLLUP_PAGED_LISTS)[number];

export interface RollupListQuery extends RollupQuery {
  list: RollupPagedList;
  /** With `list=children` and no cursor: the objective whose children to page. */
  parent?: string;
  offset?: number;
  /**
   * Where to go on, as the previous page's (or the first page's, or a node's) `nextCursor`: used instead of
   * `offset` (and `parent`). A cursor made before the organisation's latest write is refused (409
   * stale_cursor): start again from GET /rollup.
   */
  cursor?: string;
}

/** One page of one list of the rollup (or of one node's children). */
export interface RollupListPage {
  cycle: string;
  asOf: string;
  list: RollupPagedList;
  /** With `list=children`: the objective whose children these are. */
  parent?: string;
  offset: number;
  limit: number;
  total: number;
  nextOffset: number | null;
  /** The next page's cursor (null: this is the last page). */
  nextCursor: string | null;
  items: unknown[];
}

/** Close cycle: the sheet's rows of `cycle` frozen as its record (POST /sheets/{sheetId}/cycles/close). */
export interface CloseCycleRequest {
  cycle: string;
}

export interface CloseCycleResponse {
  cycle: string;
  sheetId: string;
  /** Rows frozen as the cycle's record. */
  closed: number;
  /** Each objective's and key result's grade as frozen (0.0-1.0 in tenths; null without a target). */
  grades: { id: string; grade: number | null }[];
}

// ---------------------------------------------------------------------------------------------
// KPI board: a cycle's KPIs beside their objectives, with the last values of each one's history, in one answer

/** Values of a KPI's history on the board (its trend): the last ones, oldest first. */
export const KPI_TREND_POINTS = 8;

export interface KpiBoardQuery {
  cycle: string;
  /** ISO date yyyy-mm-dd; default: today in the organisation's time zone. */
  asOf?: string;
}

export interface KpiBoardEntry {
  id: string;
  title: string;
  sheetId: string;
  team: string;
  owner: string;
  kind: KpiKind | null;
  /** The objective it sits beside (through its key result when it sits beside one). */
  objectiveId: string;
  objectiveTitle: string;
  /** The key result it sits beside, or null when it sits beside the objective. */
  keyResultId: string | null;
  start: number | null;
  target: number | null;
  /** Check-ins counted: the latest of the sheet's value and a later check-in. */
  current: number | null;
  unit: string;
  progress: number | null;
  /** Its health threshold as written in Target ("at least 95", per month); null when Target is a plain number. */
  threshold: string | null;
  /** Whether today's value keeps today's bound (shared/kpi-health.ts); null without a bound for today. */
  health: KpiHealth | null;
  /** The last KPI_TREND_POINTS values of its history (check-ins and synced values), oldest first. */
  trend: number[];
}

export interface KpiBoard {
  cycle: string;
  asOf: string;
  /** By team, objective, kind (leading first) and sheet order. */
  kpis: KpiBoardEntry[];
}

// ---------------------------------------------------------------------------------------------
// Check-ins

export interface CheckInRequest {
  /** A number, or text as people type it ("1 234,5", "65 %", "ja"), read as the sheet reads it. */
  value: number | string;
  /** 0..1, "70 %", 7 on a 1-10 scale or 70; default null. */
  confidence?: number | string | null;
  /** Default "". */
  note?: string;
  /** Who checked in (name or e-mail as the add-on knows the user). */
  author: string;
  /** ISO date-time with offset; default: the server's clock. */
  at?: string;
}

export interface CheckInWire {
  krId: string;
  objectiveId: string | null;
  sheetId: string;
  value: number;
  confidence: number | null;
  note: string;
  author: string;
  at: string;
}

export interface CheckInList {
  checkIns: CheckInWire[];
}

/** At most this many check-ins in one batch (POST /sheets/{sheetId}/check-ins). */
export const CHECK_IN_BATCH_MAX = 100;

/** One check-in of a batch: a key result or KPI of the sheet, and what the single route takes. */
export interface CheckInBatchItem extends CheckInRequest {
  krId: string;
}

/** Several check-ins of one sheet, recorded all or none (a weekly check-in of many results, an import). */
export interface CheckInBatchRequest {
  checkIns: CheckInBatchItem[];
}

// ---------------------------------------------------------------------------------------------
// API keys, health

export interface CreateKeyRequest {
  role: "writer" | "reader";
  /** Writers: their one sheet. Readers: absent. */
  sheetId?: string;
  label?: string;
}

export interface ApiKeyInfo {
  id: string;
  role: KeyRole;
  sheetId: string | null;
  label: string;
  createdAt: string;
  revokedAt: string | null;
}

/** The secret `key` appears in this response only; the server keeps its SHA-256 hash. */
export interface ApiKeyCreated extends ApiKeyInfo {
  key: string;
}

export interface ApiKeyList {
  keys: ApiKeyInfo[];
}

export interface KeyRevoked {
  revoked: string;
}

export interface Health {
  status: "ok";
  time: string;
}

export interface Ready {
  status: "ready";
  time: string;
}

// ---------------------------------------------------------------------------------------------
// People, the sheet's address, conversations, reviews

export interface PersonInput {
  email: string;
  name: string;
  /** Default "". */
  team?: string;
  /** Default "reader". */
  role?: PersonRole;
  /** Default false. */
  leader?: boolean;
}

export interface PeopleResponse {
  people: Person[];
}

export interface PersonRemoved {
  removed: string;
}

export interface SheetUrl {
  url: string;
}

export interface CommentInput {
  /** An objective or key result ID of the sheet, or reviewTarget(team, cycle). */
  targetId: string;
  /** Default null: a thread's first comment. */
  parentId?: string | null;
  text: string;
  /** The Google account the add-on runs as. */
  author: string;
}

export interface CommentsQuery {
  target: string;
}

export interface CommentsResponse {
  comments: Comment[];
}

export interface ReviewQuery {
  team: string;
  cycle: string;
}

export interface ReviewRequest extends ReviewQuery {
  author: string;
}

export interface ReviewRequested {
  state: string;
  round: number;
}

/** A team's review as the API renders it (its state, decisions, comments, findings and reviewers). */
export type ReviewResponse = Record<string, unknown>;

// ---------------------------------------------------------------------------------------------
// Routes: under /v1, "METHOD /path/{param}" → what goes in and what comes back. The API's route definitions
// take their method and path from these names (route()), and the add-on's client (addon/api-client.ts) is typed
// from this table.

export interface ApiRoutes {
  "GET /health": { response: Health };
  "GET /ready": { response: Ready };
  "POST /sheets/{sheetId}/sync": { params: { sheetId: string }; body: SyncRequest; response: SyncResponse };
  "GET /sheets/{sheetId}": { params: { sheetId: string }; response: SheetResponse };
  "GET /sheets": { response: SheetListResponse };
  "POST /sheets/{sheetId}/rows/{rowId}/restore": {
    params: { sheetId: string; rowId: string };
    response: RestoreResponse;
  };
  "GET /objectives": { query: { cycle?: string }; response: CatalogResponse };
  "GET /cycles": { response: CyclesResponse };
  "GET /rollup": { query: RollupQuery; response: Rollup };
  "GET /rollup/list": { query: RollupListQuery; response: RollupListPage };
  "GET /rollup.csv": { query: RollupQuery & CsvQuery; response: string };
  "GET /kpis": { query: KpiBoardQuery; response: KpiBoard };
  "POST /sheets/{sheetId}/cycles/close": {
    params: { sheetId: string };
    body: CloseCycleRequest;
    response: CloseCycleResponse;
  };
  "POST /sheets/{sheetId}/key-results/{krId}/check-ins": {
    params: { sheetId: string; krId: string };
    body: CheckInRequest;
    response: CheckInWire;
  };
  "POST /sheets/{sheetId}/check-ins": {
    params: { sheetId: string };
    body: CheckInBatchRequest;
    /** The check-ins recorded, in the order sent. */
    response: CheckInList;
  };
  "GET /key-results/{krId}/check-ins": { params: { krId: string }; response: CheckInList };
  "GET /objectives/{objectiveId}/check-ins": { params: { objectiveId: string }; response: CheckInList };
  "POST /keys": { body: CreateKeyRequest; response: ApiKeyCreated };
  "GET /keys": { response: ApiKeyList };
  "DELETE /keys/{keyId}": { params: { keyId: string }; response: KeyRevoked };
  "GET /people": { response: PeopleResponse };
  "POST /people": { body: PersonInput; response: Person };
  "DELETE /people/{email}": { params: { email: string }; response: PersonRemoved };
  "POST /sheets/{sheetId}/url": { params: { sheetId: string }; body: SheetUrl; response: SheetUrl };
  "GET /sheets/{sheetId}/comments": {
    params: { sheetId: string };
    query: CommentsQuery;
    response: CommentsResponse;
  };
  "POST /sheets/{sheetId}/comments": { params: { sheetId: string }; body: CommentInput; response: Comment };
  "POST /sheets/{sheetId}/review": {
    params: { sheetId: string };
    body: ReviewRequest;
    response: ReviewRequested;
  };
  "GET /sheets/{sheetId}/review": {
    params: { sheetId: string };
    query: ReviewQuery & { language?: Language };
    response: ReviewResponse;
  };
}

export type RouteName = keyof ApiRoutes;
type MethodOf<R extends string> = R extends `${infer M} ${string}` ? Lowercase<M> : never;
type PathOf<R extends string> = R extends `${string} ${infer P}` ? P : never;

/** A route's method and path, for the server's route definitions (createRoute({...route(name), ...})). */
export function route<R extends RouteName>(name: R): { method: MethodOf<R>; path: PathOf<R> } {
  const space = name.indexOf(" ");
  return {
    method: name.slice(0, space).toLowerCase() as MethodOf<R>,
    path: name.slice(space + 1) as PathOf<R>,
  };
}

/** The `details` of a stale_revision error, when they are what the contract says (checked, not assumed). */
export function staleRevisionDetails(details: unknown): StaleRevisionDetails | null {
  if (typeof details !== "object" || details === null) return null;
  const sheetId: unknown = Reflect.get(details, "sheetId");
  const baseRevision: unknown = Reflect.get(details, "baseRevision");
  const currentRevision: unknown = Reflect.get(details, "currentRevision");
  const changed: unknown = Reflect.get(details, "changed");
  if (
    typeof sheetId !== "string" ||
    typeof baseRevision !== "number" ||
    typeof currentRevision !== "number" ||
    !Array.isArray(changed)
  )
    return null;
  const rows: RowChange[] = [];
  const list: unknown[] = changed;
  for (const entry of list) {
    if (typeof entry !== "object" || entry === null) return null;
    const id: unknown = Reflect.get(entry, "id");
    const hash: unknown = Reflect.get(entry, "hash");
    const deleted: unknown = Reflect.get(entry, "deleted");
    const revision: unknown = Reflect.get(entry, "revision");
    if (
      typeof id !== "string" ||
      typeof hash !== "string" ||
      typeof deleted !== "boolean" ||
      typeof revision !== "number"
    )
      return null;
    rows.push({ id, hash, deleted, revision });
  }
  return { sheetId, baseRevision, currentRevision, changed: rows };
}
