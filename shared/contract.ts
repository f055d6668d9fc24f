// The sync API's wire contract as zod schemas: what the API validates requests with and turns into its OpenAPI
// document. The types they stand for live once in the zod-free ./wire.ts (which the add-on imports); each schema
// is declared to satisfy its type here, and shared/wire.test.ts proves schema = type both ways. rowHash is
// re-exported from the zod-free ./row-hash.ts: both sides compute it so unchanged rows travel as {id, hash} stubs.
// Pure TypeScript + zod (no platform API).

import * as z from "zod";
import { isValidIso } from "./cycle.js";
import {
  COLUMN_KEYS,
  type GroupTotal,
  type KeyResultRef,
  type KeyResultState,
  KPI_KINDS,
  KR_TYPES,
  LANGUAGES,
  LEVELS,
  type ObjectiveRef,
  type OkrRow,
  type Problem,
  ROLLUP_PAGE,
  ROW_TYPES,
  type Rollup,
  type RollupInsights,
  type RollupNode,
  STATUSES,
} from "./model.js";
import { ROW_HASH_PATTERN } from "./row-hash.js";
import { isTimeZone } from "./time-zone.js";
import {
  type ApiKeyCreated,
  type ApiKeyInfo,
  type ApiKeyList,
  type CatalogObjective,
  type CatalogResponse,
  CHECK_IN_BATCH_MAX,
  type CheckInBatchItem,
  type CheckInBatchRequest,
  type CheckInList,
  type CheckInRequest,
  type CheckInWire,
  type ComputedRow,
  type CreateKeyRequest,
  type CyclesResponse,
  type ErrorBody,
  type Health,
  KEY_ROLES,
  LIMITS,
  type Ready,
  type RestoreResponse,
  type RollupListPage,
  type RollupListQuery,
  type RollupQuery,
  type RowChange,
  type RowStub,
  type SheetResponse,
  type StaleRevisionDetails,
  type StoredRowWire,
  type SyncRequest,
  type SyncResponse,
  type SyncRow,
} from "./wire.js";

export type {
  ApiKeyCreated,
  ApiKeyInfo,
  CatalogObjective,
  CheckInRequest,
  CheckInWire,
  CreateKeyRequest,
  ErrorBody,
  KeyRole,
  RowStub,
  StaleRevisionDetails,
  StoredRowWire,
  SyncRequest,
  SyncResponse,
  SyncRow,
} from "./wire.js";
export { KEY_ROLES, LIMITS };

/** A schema whose output is T and whose input is I (what a client may send; defaults fill the rest). */
type Wire<T, I = T> = z.ZodType<T, I>;
/** T as the server reads it: the fields with defaults are always there. */
export type WithDefaults<T, K extends keyof T> = Flat<Omit<T, K> & Required<Pick<T, K>>>;
type Flat<T> = { [P in keyof T]: T[P] };

// ---------------------------------------------------------------------------------------------
// rowHash lives in ./row-hash.ts (zod-free, so the add-on can import it alone); re-exported here.

export { canonicalRowJson, fnv1a64, fnv1a64Bytes, rowHash, sheetContentHash } from "./row-hash.js";

// ---------------------------------------------------------------------------------------------
// Shared pieces

const Id = z.string().trim().min(1).max(LIMITS.idLength);
const ShortText = z.string().max(LIMITS.shortText);
const NullableNumber = z.number().finite().nullable();
export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected an ISO date yyyy-mm-dd")
  .refine(isValidIso, { message: "expected a real calendar date yyyy-mm-dd (this day does not exist)" });
export const RowHash = z.string().regex(ROW_HASH_PATTERN, "expected the row's 16-hex-digit rowHash");
export const TimeZone = z
  .string()
  .max(64)
  .refine(isTimeZone, "expected an IANA time zone such as Europe/Stockholm");

export const OkrRowSchema = z
  .object({
    id: Id,
    type: z.enum(ROW_TYPES),
    title: z.string().max(LIMITS.title),
    objectiveId: Id.nullable(),
    alignsTo: Id.nullable(),
    contributesTo: z.array(Id).max(LIMITS.links),
    level: z.enum(LEVELS).nullable(),
    team: ShortText,
    owner: ShortText,
    cycle: ShortText,
    start: NullableNumber,
    target: NullableNumber,
    current: NullableNumber,
    unit: ShortText,
    krType: z.enum(KR_TYPES).nullable(),
    weight: z.number().finite(),
    confidence: z.number().min(0).max(1).nullable(),
    kpiKind: z.enum(KPI_KINDS).nullable(),
    notes: z.string().max(LIMITS.notes),
    row: z.number().int().min(1),
    threshold: ShortText.optional(),
    ownerStatus: z.enum(STATUSES).optional(),
  })
  .meta({ id: "OkrRow" }) satisfies Wire<OkrRow>;

/** A full row as sent by the add-on: the model row plus its rowHash. */
export const SyncRowSchema = OkrRowSchema.extend({ hash: RowHash }).meta({
  id: "SyncRow",
}) satisfies Wire<SyncRow>;
/** An unchanged row: only its ID and the hash the server already holds. */
export const RowStubSchema = z
  // `type` must be absent: it tells a full row from a stub, so errors in full rows name their field.
  .strictObject({
    id: Id,
    hash: RowHash,
    type: z.undefined().meta({ type: "null", description: "absent: a stub has no type" }).optional(),
  })
  .meta({ id: "RowStub" }) satisfies Wire<RowStub>;

export const ProblemSchema = z
  .object({
    code: z.string(),
    severity: z.enum(["error", "warning", "hint"]),
    message: z.string(),
    row: z.number().int().nullable(),
    column: z.enum(COLUMN_KEYS).nullable(),
    ids: z.array(z.string()).optional(),
    rowId: z.string().optional(),
    sheetId: z.string().optional(),
    /** duplicate_id_across_sheets: the sheet that holds the ID (the row was not synced). */
    otherSheetId: z.string().optional(),
  })
  .meta({ id: "Problem" }) satisfies Wire<Problem>;

export const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string(),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: "Error" }) satisfies Wire<ErrorBody>;

// ---------------------------------------------------------------------------------------------
// Sync

export const SyncRequestSchema = z
  .object({
    /** The revision the add-on last saw; 0 for a sheet never synced. */
    baseRevision: z.number().int().min(0),
    /** Display name of the sheet (usually its team). */
    name: ShortText.default(""),
    rows: z.array(z.union([RowStubSchema, SyncRowSchema])).max(LIMITS.rowsPerSync),
    /** Language of the problem messages in the answer (the sheet's header language). */
    language: z.enum(LANGUAGES).default("en"),
    /**
     * The spreadsheet's time zone (its TODAY() follows it): the day `computed` is for. The organisation takes the
     * first one it is sent as its own (the day of the dashboard and the rollup); `npm run admin -- set-time-zone`
     * changes it. Absent: the organisation's, else UTC.
     */
    timeZone: TimeZone.optional(),
  })
  .meta({ id: "SyncRequest" }) satisfies Wire<WithDefaults<SyncRequest, "name" | "language">, SyncRequest>;

export const ComputedRowSchema = z
  .object({
    id: z.string(),
    progress: z.number().nullable(),
    expected: z.number().nullable(),
    status: z.enum(STATUSES),
  })
  .meta({ id: "ComputedRow" }) satisfies Wire<ComputedRow>;

export const SyncResponseSchema = z
  .object({
    sheetId: z.string(),
    revision: z.number().int(),
    /** Rows written (new or changed). */
    written: z.number().int(),
    /** Rows marked deleted because they disappeared from the sheet. */
    deleted: z.number().int(),
    unchanged: z.number().int(),
    /**
     * True when the sheet is exactly as last synced (same revision, rows and hashes): only the sheet's
     * revision was read, nothing written; `problems` and `computed` are then empty: keep the previous answer's.
     */
    unchangedSheet: z.boolean(),
    problems: z.array(ProblemSchema),
    /** Progress, expected and status recomputed by the server. */
    computed: z.array(ComputedRowSchema),
  })
  .meta({ id: "SyncResponse" }) satisfies Wire<SyncResponse>;

export const RowChangeSchema = z
  .object({ id: z.string(), hash: z.string(), deleted: z.boolean(), revision: z.number().int() })
  .meta({ id: "RowChange" }) satisfies Wire<RowChange>;

/** `details` of a 409 stale_revision error: what changed since the client's base revision. */
export const StaleRevisionDetailsSchema = z
  .object({
    sheetId: z.string(),
    baseRevision: z.number().int(),
    currentRevision: z.number().int(),
    changed: z.array(RowChangeSchema),
  })
  .meta({ id: "StaleRevisionDetails" }) satisfies Wire<StaleRevisionDetails>;

export const StoredRowSchema = OkrRowSchema.extend({
  hash: z.string(),
  deleted: z.boolean(),
  deletedAt: z.string().nullable(),
  revision: z.number().int(),
  /** When a sync last brought a new Current value; null when never (or before it was kept). */
  currentChangedAt: z.string().nullable().optional(),
  /** When the sync that wrote this version began, and the key that wrote it ("key:<id>"); absent before history. */
  writtenAt: z.string().optional(),
  writtenBy: z.string().optional(),
}).meta({ id: "StoredRow" }) satisfies Wire<StoredRowWire>;

export const SheetResponseSchema = z
  .object({
    sheetId: z.string(),
    name: z.string(),
    revision: z.number().int(),
    updatedAt: z.string().nullable(),
    rows: z.array(StoredRowSchema),
  })
  .meta({ id: "Sheet" }) satisfies Wire<SheetResponse>;

export const RestoreResponseSchema = z
  .object({ sheetId: z.string(), revision: z.number().int(), row: StoredRowSchema })
  .meta({ id: "RestoreResponse" }) satisfies Wire<RestoreResponse>;

// ---------------------------------------------------------------------------------------------
// Catalog, cycles, rollup

export const ObjectiveRefSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    team: z.string(),
    owner: z.string(),
    level: z.enum(LEVELS).nullable(),
    cycle: z.string(),
    sheetId: z.string(),
  })
  .meta({ id: "ObjectiveRef" }) satisfies Wire<ObjectiveRef>;

/**
 * An objective of the catalog: what one can align to, and what it aligns and contributes to, so a sheet's quality
 * check sees which company objectives another team supports.
 */
export const CatalogObjectiveSchema = ObjectiveRefSchema.extend({
  alignsTo: z.string().nullable(),
  contributesTo: z.array(z.string()),
}).meta({ id: "CatalogObjective" }) satisfies Wire<CatalogObjective>;

export const CatalogResponseSchema = z
  .object({ objectives: z.array(CatalogObjectiveSchema) })
  .meta({ id: "Catalog" }) satisfies Wire<CatalogResponse>;

export const CyclesResponseSchema = z
  .object({ cycles: z.array(z.string()) })
  .meta({ id: "Cycles" }) satisfies Wire<CyclesResponse>;

export const RollupQuerySchema = z.object({
  cycle: z.string().min(1).max(LIMITS.shortText),
  asOf: IsoDate.optional(),
  /** Items per list (the tree's roots and every insight list); the rest through /v1/rollup/list. */
  limit: z.coerce.number<number>().int().min(1).max(ROLLUP_PAGE.max).default(ROLLUP_PAGE.default),
}) satisfies Wire<WithDefaults<RollupQuery, "limit">, RollupQuery>;

/** What GET /v1/rollup/list pages: the rollup's lists and one node's children. */
import { ROLLUP_PAGED_LISTS } from "./wire.js";

export { ROLLUP_LISTS, ROLLUP_PAGED_LISTS, type RollupList, type RollupPagedList } from "./wire.js";

export const RollupListQuerySchema = z.object({
  cycle: z.string().min(1).max(LIMITS.shortText),
  asOf: IsoDate.optional(),
  /** One of the rollup's lists, or `children`: one node's children (its `parent`, or in the cursor). */
  list: z.enum(ROLLUP_PAGED_LISTS),
  /** With `list=children` and no cursor: the objective whose children to page. */
  parent: z.string().min(1).max(LIMITS.idLength).optional(),
  offset: z.coerce.number<number>().int().min(0).default(0),
  limit: z.coerce.number<number>().int().min(1).max(ROLLUP_PAGE.max).default(ROLLUP_PAGE.default),
  /**
   * A page's or a node's `nextCursor`, in place of `offset` (and `parent`); refused (409 stale_cursor) once the
   * organisation was written. A children cursor holds its parent's ID (up to 128 characters), hence the length.
   */
  cursor: z.string().min(1).max(1000).optional(),
}) satisfies Wire<WithDefaults<RollupListQuery, "offset" | "limit">, RollupListQuery>;

/** How much of each list the rollup carries: its length and where the next page starts (null: none). */
export const RollupPageSchema = z
  .object({
    limit: z.number(),
    lists: z.record(
      z.string(),
      z.object({
        total: z.number(),
        nextOffset: z.number().nullable(),
        /** Pass it to GET /v1/rollup/list for the next page (bound to this read revision). */
        nextCursor: z.string().nullable().optional(),
      }),
    ),
  })
  .meta({ id: "RollupPage" });

export const RollupListResponseSchema = z
  .object({
    cycle: z.string(),
    asOf: z.string(),
    list: z.enum(ROLLUP_PAGED_LISTS),
    /** With `list=children`: the objective whose children these are. */
    parent: z.string().optional(),
    offset: z.number(),
    limit: z.number(),
    total: z.number(),
    nextOffset: z.number().nullable(),
    /** The next page's cursor (null: the last page); refused with 409 stale_cursor after a later write. */
    nextCursor: z.string().nullable(),
    items: z.array(z.unknown()),
  })
  .meta({ id: "RollupListPage" }) satisfies Wire<RollupListPage>;

const StatusCounts = z.record(z.enum(STATUSES), z.number());

export const GroupTotalSchema = z
  .object({
    key: z.string(),
    objectiveCount: z.number(),
    keyResultCount: z.number(),
    meanProgress: z.number().nullable(),
    statusCounts: StatusCounts,
  })
  .meta({ id: "GroupTotal" }) satisfies Wire<GroupTotal>;

/** A rollup node; `children` nests the same shape (a $ref to RollupNode in the OpenAPI document). */
export const RollupNodeSchema: z.ZodType<RollupNode, RollupNode> = ObjectiveRefSchema.extend({
  progress: z.number().nullable(),
  alignedProgress: z.number().nullable(),
  expected: z.number().nullable(),
  status: z.enum(STATUSES),
  paceStatus: z.enum(STATUSES),
  ownerStatus: z.enum(STATUSES).nullable(),
  keyResultCount: z.number(),
  contributesTo: z.array(z.string()),
  grade: z.number().nullable(),
  get children() {
    return z.array(RollupNodeSchema);
  },
  /** In the API's pages: how many children it has (`children` holds at most the page's `limit` of them). */
  childCount: z.number().optional(),
  /** When `children` was cut: the rest through GET /v1/rollup/list?list=children&cursor= (bound to this revision). */
  nextCursor: z.string().optional(),
}).meta({ id: "RollupNode" });

export const KeyResultRefSchema = z
  .object({
    id: z.string(),
    title: z.string(),
    objectiveId: z.string().nullable(),
    team: z.string(),
    owner: z.string(),
    cycle: z.string(),
    sheetId: z.string(),
  })
  .meta({ id: "KeyResultRef" }) satisfies Wire<KeyResultRef>;

export const KeyResultStateSchema = KeyResultRefSchema.extend({
  progress: z.number(),
  status: z.enum(STATUSES),
  lastCheckInAt: z.string().nullable(),
  confidence: z.number().nullable(),
  paceStatus: z.enum(STATUSES),
  ownerStatus: z.enum(STATUSES).nullable(),
  noUpdate: z.boolean(),
  grade: z.number().nullable(),
}).meta({ id: "KeyResultState" }) satisfies Wire<KeyResultState>;

export const RollupInsightsSchema = z
  .object({
    unsupported: z.array(ObjectiveRefSchema),
    unaligned: z.array(ObjectiveRefSchema),
    cycles: z.array(z.array(z.string())),
    unknownLinks: z.array(
      z.object({
        from: z.string(),
        to: z.string(),
        kind: z.enum(["alignsTo", "contributesTo", "objective"]),
      }),
    ),
    crossCycle: z.array(
      z.object({ from: z.string(), to: z.string(), fromCycle: z.string(), toCycle: z.string() }),
    ),
    duplicates: z.array(
      z.object({
        a: z.union([ObjectiveRefSchema, KeyResultRefSchema]),
        b: z.union([ObjectiveRefSchema, KeyResultRefSchema]),
        similarity: z.number(),
      }),
    ),
    atRisk: z.array(KeyResultStateSchema),
    quiet: z.array(KeyResultStateSchema),
    quietDays: z.number(),
    disagreements: z.array(KeyResultStateSchema),
    noUpdateShare: z.number(),
  })
  .meta({ id: "RollupInsights" }) satisfies Wire<RollupInsights>;

export const RollupResponseSchema = z
  .object({
    cycle: z.string(),
    asOf: z.string(),
    roots: z.array(RollupNodeSchema),
    teams: z.array(GroupTotalSchema),
    levels: z.array(GroupTotalSchema),
    insights: RollupInsightsSchema,
    page: RollupPageSchema.optional(),
  })
  .meta({ id: "Rollup" }) satisfies Wire<Rollup>;

// ---------------------------------------------------------------------------------------------
// Check-ins

export const CheckInRequestSchema = z
  .object({
    /**
     * The new value: a number, or text as people type it ("1 234,5", "65 %", "ja"), read by the same coercion as
     * the sheet (shared/coerce.ts). A percent key result's values are fractions: 0.65, "65 %" and 65 are 65 %.
     */
    value: z.union([z.number().finite(), z.string().trim().min(1).max(100)]),
    /** 0..1, "70 %", 7 on a 1-10 scale or 70: one rule (shared/coerce.ts toFraction). */
    confidence: z
      .union([z.number().min(0).max(100), z.string().trim().max(20)])
      .nullable()
      .default(null),
    note: z.string().max(LIMITS.notes).default(""),
    /** Who checked in (name or e-mail as the add-on knows the user). */
    author: z.string().trim().min(1).max(LIMITS.shortText),
    /** When; defaults to the server's clock. */
    at: z.iso.datetime({ offset: true }).optional(),
  })
  .meta({ id: "CheckInRequest" }) satisfies Wire<
  WithDefaults<CheckInRequest, "confidence" | "note">,
  CheckInRequest
>;

export const CheckInSchema = z
  .object({
    krId: z.string(),
    objectiveId: z.string().nullable(),
    sheetId: z.string(),
    value: z.number(),
    confidence: z.number().nullable(),
    note: z.string(),
    author: z.string(),
    at: z.string(),
  })
  .meta({ id: "CheckIn" }) satisfies Wire<CheckInWire>;

export const CheckInListSchema = z
  .object({ checkIns: z.array(CheckInSchema) })
  .meta({ id: "CheckInList" }) satisfies Wire<CheckInList>;

export const CheckInBatchItemSchema = CheckInRequestSchema.extend({ krId: Id }).meta({
  id: "CheckInBatchItem",
}) satisfies Wire<WithDefaults<CheckInBatchItem, "confidence" | "note">, CheckInBatchItem>;

export const CheckInBatchRequestSchema = z
  .object({ checkIns: z.array(CheckInBatchItemSchema).min(1).max(CHECK_IN_BATCH_MAX) })
  .meta({ id: "CheckInBatchRequest" }) satisfies Wire<
  { checkIns: WithDefaults<CheckInBatchItem, "confidence" | "note">[] },
  CheckInBatchRequest
>;

// ---------------------------------------------------------------------------------------------
// API keys

export const CreateKeyRequestSchema = z
  .object({
    role: z.enum(["writer", "reader"]),
    sheetId: Id.optional(),
    label: ShortText.default(""),
  })
  .superRefine((value, ctx) => {
    if (value.role === "writer" && !value.sheetId)
      ctx.addIssue({
        code: "custom",
        path: ["sheetId"],
        message: "a writer key must be bound to one sheetId",
      });
    if (value.role === "reader" && value.sheetId)
      ctx.addIssue({
        code: "custom",
        path: ["sheetId"],
        message: "a reader key reads the whole organisation; omit sheetId",
      });
  })
  .meta({ id: "CreateKeyRequest" }) satisfies Wire<WithDefaults<CreateKeyRequest, "label">, CreateKeyRequest>;

export const ApiKeyInfoSchema = z
  .object({
    id: z.string(),
    role: z.enum(KEY_ROLES),
    sheetId: z.string().nullable(),
    label: z.string(),
    createdAt: z.string(),
    revokedAt: z.string().nullable(),
  })
  .meta({ id: "ApiKeyInfo" }) satisfies Wire<ApiKeyInfo>;

/** The secret `key` appears in this response only; the server keeps its SHA-256 hash. */
export const ApiKeyCreatedSchema = ApiKeyInfoSchema.extend({ key: z.string() }).meta({
  id: "ApiKeyCreated",
}) satisfies Wire<ApiKeyCreated>;

export const ApiKeyListSchema = z
  .object({ keys: z.array(ApiKeyInfoSchema) })
  .meta({ id: "ApiKeyList" }) satisfies Wire<ApiKeyList>;

export const HealthSchema = z
  .object({ status: z.literal("ok"), time: z.string() })
  .meta({ id: "Health" }) satisfies Wire<Health>;
export const ReadySchema = z
  .object({ status: z.literal("ready"), time: z.string() })
  .meta({ id: "Ready" }) satisfies Wire<Ready>;

/** True for a full row; false for an {id, hash} stub (a row the client says is unchanged). */
export function isFullRow(row: SyncRow | RowStub): row is SyncRow {
  return row.type !== undefined;
}

export function isRowStub(row: SyncRow | RowStub): boolean {
  return !isFullRow(row);
}
