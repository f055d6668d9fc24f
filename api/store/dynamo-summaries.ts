// The read model's items on DynamoDB (see summary-types.ts), all in the organisation's partition ORG#<org>:
//   RM#S#<sheet>                          a sheet's summary head: revision, name, and per cycle the revision
//                                         and part count of its rows (with a digest, to keep unchanged cycles)
//   RM#P#<sheet>#<cycle>#<rev>#<n>        part n of a cycle's rows at revision rev (gzipped JSON tuples);
//                                         never overwritten, so a head only ever names parts that are whole
//   RM#C#<sheet>#<b>                      latest check-in time per key result of a sheet (attribute t:<kr>),
//                                         in 4 buckets by the ID's hash so a large sheet's fit in an item
//   READ                                  the read revision, whether every sheet has a head, the sheets marked
//                                         pending (claimed since a view found them committed), small cached views
//   RC#<rev>#<view>#<n>                   part n of a cached view too large for READ (TTL a day)
// One Query of RM# reads every summary; a warm view reads READ alone.
import { createHash } from "node:crypto";
import { promisify } from "node:util";
import { gunzip, gzip } from "node:zlib";
import { BatchGetCommand, type DynamoDBDocumentClient, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { KpiKind, KrType, Level, RowType, Status } from "../../shared/model.js";
import { fnv1a64 } from "../../shared/row-hash.js";
import { batchWriteAll, queryAll } from "./batch.js";
import { keyPart, orgPk, sheetSk } from "./keys.js";
import type {
  CachedView,
  ReadState,
  SheetState,
  StoredSummaries,
  SummaryRow,
  SummaryStore,
} from "./summary-types.js";

type Item = Record<string, unknown>;

export interface SummaryStoreContext {
  client: DynamoDBDocumentClient;
  tableName: string;
  get(PK: string, SK: string): Promise<Item | null>;
  isConditionFailure(error: unknown): boolean;
}

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

const RM_PREFIX = "RM#";
const sheetPart = (sheetId: string) => keyPart(sheetId, 400);
const cyclePart = (cycle: string) => keyPart(cycle, 300);
const headSk = (sheetId: string) => `RM#S#${sheetPart(sheetId)}`;
const partPrefix = (sheetId: string, cycle: string, revision: number) =>
  `RM#P#${sheetPart(sheetId)}#${cyclePart(cycle)}#${revision}#`;
const partSk = (sheetId: string, cycle: string, revision: number, n: number) =>
  `${partPrefix(sheetId, cycle, revision)}${String(n).padStart(4, "0")}`;
const CHECK_IN_BUCKETS = 4;
const checkInSk = (sheetId: string | null, krId: string) =>
  `RM#C#${sheetId === null ? "~" : sheetPart(sheetId)}#${Number(BigInt(`0x${fnv1a64(krId)}`) % BigInt(CHECK_IN_BUCKETS))}`;
// Attribute names must be valid UTF-8 (DynamoDB Local fails on a lone surrogate, which an ID may hold): the
// key result's ID as the hex of its UTF-16 code units.
const CHECK_IN_ATTRIBUTE = "u:";
const checkInAttribute = (krId: string) => {
  let hex = CHECK_IN_ATTRIBUTE;
  for (let i = 0; i < krId.length; i++) hex += krId.charCodeAt(i).toString(16).padStart(4, "0");
  return hex;
};
const krIdOfAttribute = (name: string) => {
  let id = "";
  for (let i = CHECK_IN_ATTRIBUTE.length; i + 4 <= name.length; i += 4)
    id += String.fromCharCode(Number.parseInt(name.slice(i, i + 4), 16));
  return id;
};
/** Key results per update of a check-in times item (each adds ~50 characters of expressions). */
const CHECK_IN_TIMES_PER_UPDATE = 25;
/** Conditional updates of several check-in times tried before each is written alone. */
const CHECK_IN_TIME_ROUNDS = 3;
const READ_SK = "READ";
const viewPrefix = (revision: number, key: string) => `RC#${revision}#${fnv1a64(key)}#`;
const viewPartSk = (revision: number, key: string, n: number) =>
  `${viewPrefix(revision, key)}${String(n).padStart(4, "0")}`;

/** Uncompressed bytes per summary part: well under DynamoDB's 400 KB item limit even before gzip. */
const PART_BYTES = 300_000;
/**
 * A view this small (gzipped) lives in READ itself; READ keeps at most MAX_INLINE_VIEWS of them and names at
 * most MAX_VIEWS: every view reads READ (consistent, 1 unit per 4 KB), so it stays a few KB whatever the size
 * of the organisation.
 */
const INLINE_VIEW_BYTES = 2_500;
const MAX_INLINE_VIEWS = 4;
const MAX_VIEWS = 48;
const VIEW_PART_BYTES = 350_000;
const VIEW_TTL_SECONDS = 86_400;

// The summary's wire form: one JSON array per row, fields in this order (the cycle is the part's).
type Tuple = [
  string,
  RowType,
  string,
  string | null,
  string | null,
  string[],
  Level | null,
  string,
  string,
  number | null,
  number | null,
  number | null,
  string,
  KrType | null,
  number,
  number | null,
  KpiKind | null,
  number,
  string | null,
  // A KPI's threshold, only when it has one (summaries written before it have no 20th field); "" when only
  // the owner's word follows.
  string?,
  // The owner's word, only where set (summaries written before it have no 21st field).
  Status?,
];

const toTuple = (r: SummaryRow): Tuple => [
  r.id,
  r.type,
  r.title,
  r.objectiveId,
  r.alignsTo,
  r.contributesTo,
  r.level,
  r.team,
  r.owner,
  r.start,
  r.target,
  r.current,
  r.unit,
  r.krType,
  r.weight,
  r.confidence,
  r.kpiKind,
  r.row,
  r.changedAt,
  ...((r.ownerStatus ? [r.threshold ?? "", r.ownerStatus] : r.threshold ? [r.threshold] : []) as [
    string?,
    Status?,
  ]),
];

// Built by adding keys to one literal (no spread in it): every row shares V8's maps, where a spread in the
// literal gave each of a cold view's 10,000 rows maps of its own.
function fromTuple(t: Tuple, cycle: string): SummaryRow {
  const row: Omit<SummaryRow, "changedAt"> & Partial<SummaryRow> = {
    id: t[0],
    type: t[1],
    title: t[2],
    objectiveId: t[3],
    alignsTo: t[4],
    contributesTo: t[5],
    level: t[6],
    team: t[7],
    owner: t[8],
    cycle,
    start: t[9],
    target: t[10],
    current: t[11],
    unit: t[12],
    krType: t[13],
    weight: t[14],
    confidence: t[15],
    kpiKind: t[16],
    row: t[17],
  };
  // In the order of a row's fields (a summary made afresh from the rows reads the same, key for key).
  if (t[19]) row.threshold = t[19];
  if (t[20]) row.ownerStatus = t[20];
  row.changedAt = t[18];
  return row as SummaryRow;
}

interface CycleRef {
  revision: number;
  parts: number;
  digest: string;
}

/** A cycle's rows as JSON texts of at most PART_BYTES each (one row never split). */
function splitRows(rows: readonly SummaryRow[]): string[] {
  const parts: string[] = [];
  let current: string[] = [];
  let bytes = 2;
  for (const row of rows) {
    const text = JSON.stringify(toTuple(row));
    const size = Buffer.byteLength(text) + 1;
    if (current.length > 0 && bytes + size > PART_BYTES) {
      parts.push(`[${current.join(",")}]`);
      current = [];
      bytes = 2;
    }
    current.push(text);
    bytes += size;
  }
  parts.push(`[${current.join(",")}]`);
  return parts;
}

const asBytes = (value: unknown): Uint8Array => value as Uint8Array;

function digestOf(texts: readonly string[]): string {
  const hash = createHash("sha256");
  for (const text of texts) hash.update(text).update("\n");
  return hash.digest("base64url").slice(0, 22);
}

export function createSummaryStore(ctx: SummaryStoreContext): SummaryStore {
  const { client, tableName } = ctx;
  const query = (PK: string, prefix: string, consistent: boolean) =>
    queryAll<Item>(client, {
      TableName: tableName,
      KeyConditionExpression: "PK = :pk AND begins_with(SK, :prefix)",
      ExpressionAttributeValues: { ":pk": PK, ":prefix": prefix },
      ConsistentRead: consistent,
    });
  const update = async (input: Omit<ConstructorParameters<typeof UpdateCommand>[0], "TableName">) => {
    try {
      await client.send(new UpdateCommand({ TableName: tableName, ...input }));
      return true;
    } catch (error) {
      if (ctx.isConditionFailure(error)) return false;
      throw error;
    }
  };
  const deleteItems = (PK: string, sks: readonly string[]) =>
    sks.length === 0
      ? Promise.resolve()
      : batchWriteAll(
          client,
          tableName,
          sks.map((SK) => ({ DeleteRequest: { Key: { PK, SK } } })),
        );

  return {
    async putSheetSummary(orgId, summary) {
      const PK = orgPk(orgId);
      const head = await ctx.get(PK, headSk(summary.sheetId));
      const stored = (head?.cycles as Record<string, CycleRef> | undefined) ?? {};
      if (head && Number(head.revision) > summary.revision) return false;
      const cycles: Record<string, CycleRef> = {};
      const writes: Item[] = [];
      for (const [cycle, rows] of summary.cycles) {
        const texts = splitRows(rows);
        const digest = digestOf(texts);
        const kept = stored[cycle];
        if (kept && kept.digest === digest) {
          cycles[cycle] = kept;
          continue;
        }
        cycles[cycle] = { revision: summary.revision, parts: texts.length, digest };
        const bodies = await Promise.all(texts.map((text) => gzipAsync(text)));
        bodies.forEach((body, n) => {
          writes.push({
            PK,
            SK: partSk(summary.sheetId, cycle, summary.revision, n),
            kind: "summaryPart",
            sheetId: summary.sheetId,
            cycle,
            revision: summary.revision,
            n,
            rows: body,
          });
        });
      }
      // Parts first: a head only ever names parts that are stored.
      await batchWriteAll(
        client,
        tableName,
        writes.map((Item) => ({ PutRequest: { Item } })),
      );
      const written = await update({
        Key: { PK, SK: headSk(summary.sheetId) },
        UpdateExpression:
          "SET kind = :kind, sheetId = :sheetId, #name = :name, revision = :rev, cycles = :cycles",
        ConditionExpression: "attribute_not_exists(PK) OR revision <= :rev",
        ExpressionAttributeNames: { "#name": "name" },
        ExpressionAttributeValues: {
          ":kind": "summaryHead",
          ":sheetId": summary.sheetId,
          ":name": summary.name,
          ":rev": summary.revision,
          ":cycles": cycles,
        },
      });
      // The parts no head names any more (this head's replaced ones, or ours when a later head won).
      const replaced = written
        ? Object.entries(stored).filter(
            ([cycle, ref]) => cycles[cycle]?.revision !== ref.revision || cycles[cycle]?.parts !== ref.parts,
          )
        : Object.entries(cycles).filter(([cycle, ref]) => stored[cycle]?.revision !== ref.revision);
      await deleteItems(
        PK,
        replaced.flatMap(([cycle, ref]) =>
          Array.from({ length: ref.parts }, (_, n) => partSk(summary.sheetId, cycle, ref.revision, n)),
        ),
      );
      return written;
    },

    async readSummaries(orgId) {
      const items = await query(orgPk(orgId), RM_PREFIX, true);
      const heads: Item[] = [];
      const parts = new Map<string, Item>();
      const checkIns = new Map<string, string>();
      for (const item of items) {
        if (item.kind === "summaryHead") heads.push(item);
        else if (item.kind === "summaryPart") parts.set(item.SK as string, item);
        else if (item.kind === "checkInTimes")
          for (const [name, value] of Object.entries(item)) {
            if (!name.startsWith(CHECK_IN_ATTRIBUTE)) continue;
            const krId = krIdOfAttribute(name);
            const previous = checkIns.get(krId);
            if (!previous || previous < (value as string)) checkIns.set(krId, value as string);
          }
      }
      const result: StoredSummaries = { summaries: [], incomplete: [], checkIns };
      for (const head of heads) {
        const sheetId = head.sheetId as string;
        const revision = Number(head.revision);
        const cycles = new Map<string, SummaryRow[]>();
        let whole = true;
        for (const [cycle, ref] of Object.entries(head.cycles as Record<string, CycleRef>)) {
          const rows: SummaryRow[] = [];
          for (let n = 0; n < ref.parts && whole; n++) {
            const part = parts.get(partSk(sheetId, cycle, ref.revision, n));
            if (!part) whole = false;
            else
              for (const tuple of JSON.parse(
                (await gunzipAsync(asBytes(part.rows))).toString("utf8"),
              ) as Tuple[])
                rows.push(fromTuple(tuple, cycle));
          }
          if (!whole) break;
          cycles.set(cycle, rows);
        }
        if (whole) result.summaries.push({ sheetId, name: (head.name as string) ?? "", revision, cycles });
        else result.incomplete.push({ sheetId, revision });
      }
      return result;
    },

    async sheetStates(orgId, sheetIds) {
      const PK = orgPk(orgId);
      const states = new Map<string, SheetState>();
      const batches: string[][] = [];
      for (let i = 0; i < sheetIds.length; i += 100) batches.push(sheetIds.slice(i, i + 100) as string[]);
      await Promise.all(
        batches.map(async (batch) => {
          let keys: Item[] = batch.map((sheetId) => ({ PK, SK: sheetSk(sheetId) }));
          for (let attempt = 0; keys.length > 0; attempt++) {
            if (attempt > 0)
              await new Promise((resolve) => setTimeout(resolve, Math.min(1_000, 20 * 2 ** attempt)));
            const result = await client.send(
              new BatchGetCommand({
                RequestItems: {
                  [tableName]: {
                    Keys: keys,
                    // Consistent: a view is cached only when no sheet is pending, and that must be true now.
                    ConsistentRead: true,
                    ProjectionExpression: "sheetId, #name, revision, pendingToken",
                    ExpressionAttributeNames: { "#name": "name" },
                  },
                },
              }),
            );
            for (const item of result.Responses?.[tableName] ?? [])
              states.set(item.sheetId as string, {
                name: (item.name as string) ?? "",
                revision: Number(item.revision ?? 0),
                pending: typeof item.pendingToken === "string",
              });
            keys = (result.UnprocessedKeys?.[tableName]?.Keys as Item[] | undefined) ?? [];
          }
        }),
      );
      return states;
    },

    async recordCheckInTime(orgId, sheetId, krId, at) {
      await update({
        Key: { PK: orgPk(orgId), SK: checkInSk(sheetId, krId) },
        UpdateExpression: "SET kind = :kind, #t = :at",
        ConditionExpression: "attribute_not_exists(#t) OR #t < :at",
        ExpressionAttributeNames: { "#t": checkInAttribute(krId) },
        ExpressionAttributeValues: { ":kind": "checkInTimes", ":at": at },
      });
    },

    async recordCheckInTimes(orgId, sheetId, times) {
      const PK = orgPk(orgId);
      // The latest time per key result, grouped by the item (bucket) that keeps it.
      const buckets = new Map<string, Map<string, string>>();
      for (const { krId, at } of times) {
        const SK = checkInSk(sheetId, krId);
        const bucket = buckets.get(SK) ?? new Map<string, string>();
        buckets.set(SK, bucket);
        const kept = bucket.get(krId);
        if (kept === undefined || kept < at) bucket.set(krId, at);
      }
      const one = (SK: string, krId: string, at: string) =>
        update({
          Key: { PK, SK },
          UpdateExpression: "SET kind = :kind, #t = :at",
          ConditionExpression: "attribute_not_exists(#t) OR #t < :at",
          ExpressionAttributeNames: { "#t": checkInAttribute(krId) },
          ExpressionAttributeValues: { ":kind": "checkInTimes", ":at": at },
        });
      // A condition covers the whole update: all of them in one, conditioned on each being later than the
      // stored time. When one is not (an import of older check-ins, a retry), read the item and try again with
      // those still later; after a few rounds (other writers keep moving it), each alone.
      const record = async (SK: string, entries: [string, string][]) => {
        let pending = entries;
        for (let round = 0; pending.length > 0; round++) {
          if (pending.length === 1 || round >= CHECK_IN_TIME_ROUNDS) {
            await Promise.all(pending.map(([krId, at]) => one(SK, krId, at)));
            return;
          }
          const names: Record<string, string> = {};
          const values: Item = { ":kind": "checkInTimes" };
          const sets: string[] = ["kind = :kind"];
          const conditions: string[] = [];
          pending.forEach(([krId, at], i) => {
            names[`#t${i}`] = checkInAttribute(krId);
            values[`:a${i}`] = at;
            sets.push(`#t${i} = :a${i}`);
            conditions.push(`(attribute_not_exists(#t${i}) OR #t${i} < :a${i})`);
          });
          const written = await update({
            Key: { PK, SK },
            UpdateExpression: `SET ${sets.join(", ")}`,
            ConditionExpression: conditions.join(" AND "),
            ExpressionAttributeNames: names,
            ExpressionAttributeValues: values,
          });
          if (written) return;
          const stored = await ctx.get(PK, SK);
          pending = pending.filter(([krId, at]) => {
            const time = stored?.[checkInAttribute(krId)];
            return typeof time !== "string" || time < at;
          });
        }
      };
      const work: Promise<void>[] = [];
      for (const [SK, bucket] of buckets) {
        const entries = [...bucket];
        // Expressions stay well under DynamoDB's 4 KB: a few key results per update.
        for (let i = 0; i < entries.length; i += CHECK_IN_TIMES_PER_UPDATE)
          work.push(record(SK, entries.slice(i, i + CHECK_IN_TIMES_PER_UPDATE)));
      }
      await Promise.all(work);
    },

    async readState(orgId) {
      const item = await ctx.get(orgPk(orgId), READ_SK);
      const views = new Map<string, ReadState["views"] extends Map<string, infer V> ? V : never>();
      for (const [key, value] of Object.entries((item?.views as Record<string, Item> | undefined) ?? {}))
        views.set(key, {
          asOf: value.asOf as string,
          timeZone: value.timeZone as string,
          parts: Number(value.parts ?? 0),
          body: value.body ? asBytes(value.body) : null,
        });
      const marked = item?.pendingSheets as Set<string> | undefined;
      return {
        revision: Number(item?.revision ?? 0),
        backfilled: item?.backfilled === true,
        pendingSheets: item?.marksKept === true ? new Set(marked ?? []) : null,
        views,
      };
    },

    async bumpReadRevision(orgId, pendingSheet) {
      await update({
        Key: { PK: orgPk(orgId), SK: READ_SK },
        UpdateExpression: `SET kind = :kind, #views = :none ADD revision :one${pendingSheet === undefined ? "" : ", pendingSheets :sheet"}`,
        ExpressionAttributeNames: { "#views": "views" },
        ExpressionAttributeValues: {
          ":kind": "readState",
          ":none": {},
          ":one": 1,
          ...(pendingSheet === undefined ? {} : { ":sheet": new Set([pendingSheet]) }),
        },
      });
    },

    async settleSheets(orgId, revision, sheetIds) {
      await update({
        Key: { PK: orgPk(orgId), SK: READ_SK },
        UpdateExpression: `SET marksKept = :yes${sheetIds.length > 0 ? " DELETE pendingSheets :sheets" : ""}`,
        ConditionExpression: "revision = :rev",
        ExpressionAttributeValues: {
          ":yes": true,
          ":rev": revision,
          ...(sheetIds.length > 0 ? { ":sheets": new Set(sheetIds) } : {}),
        },
      });
    },

    async markBackfilled(orgId) {
      await update({
        Key: { PK: orgPk(orgId), SK: READ_SK },
        UpdateExpression: "SET kind = :kind, backfilled = :yes",
        ExpressionAttributeValues: { ":kind": "readState", ":yes": true },
      });
    },

    async putView(orgId, revision, key, view: CachedView, state: ReadState) {
      const PK = orgPk(orgId);
      const inline = view.body.byteLength <= INLINE_VIEW_BYTES;
      let parts = 0;
      if (!inline) {
        const expiresAt = Math.floor(Date.now() / 1000) + VIEW_TTL_SECONDS;
        const items: Item[] = [];
        for (let offset = 0; offset < view.body.byteLength; offset += VIEW_PART_BYTES)
          items.push({
            PK,
            SK: viewPartSk(revision, key, parts++),
            kind: "viewPart",
            body: view.body.subarray(offset, offset + VIEW_PART_BYTES),
            expiresAt,
          });
        await batchWriteAll(
          client,
          tableName,
          items.map((Item) => ({ PutRequest: { Item } })),
        );
      }
      const entry = {
        asOf: view.asOf,
        timeZone: view.timeZone,
        parts,
        ...(inline ? { body: view.body } : {}),
      };
      const inlineCount = [...state.views.values()].filter((cached) => cached.body !== null).length;
      const Key = { PK, SK: READ_SK };
      // READ stays small: past MAX_INLINE_VIEWS small views, or MAX_VIEWS in all, it starts over with this one.
      const added =
        !(inline && inlineCount >= MAX_INLINE_VIEWS) &&
        state.views.size < MAX_VIEWS &&
        (await update({
          Key,
          UpdateExpression: "SET #views.#key = :entry",
          ConditionExpression: "revision = :rev AND attribute_exists(#views)",
          ExpressionAttributeNames: { "#views": "views", "#key": key },
          ExpressionAttributeValues: { ":entry": entry, ":rev": revision },
        }));
      if (added) return;
      // No views yet (a new organisation), or too many: this one alone, unless the revision moved on.
      await update({
        Key,
        UpdateExpression: "SET kind = :kind, #views = :views, revision = :rev",
        ConditionExpression: "attribute_not_exists(revision) OR revision = :rev",
        ExpressionAttributeNames: { "#views": "views" },
        ExpressionAttributeValues: { ":kind": "readState", ":views": { [key]: entry }, ":rev": revision },
      });
    },

    async viewBody(orgId, revision, key, parts) {
      // Eventually consistent: parts are never rewritten, and a read that misses one only recomputes.
      const items = await query(orgPk(orgId), viewPrefix(revision, key), false);
      if (items.length !== parts) return null;
      return Buffer.concat(items.map((item) => asBytes(item.body)));
    },
  };
}
