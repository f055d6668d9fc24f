// The Store on DynamoDB (one table, single-table design; see keys.ts). Uses only operations both
// dynalite and DynamoDB support: Get/Put/Update with conditions, BatchWriteItem, paginated Query.
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { type DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { RowType } from "../../shared/model.js";
import { fnv1a64 } from "../../shared/row-hash.js";
import { batchWriteAll, queryAll, type RetryOptions } from "./batch.js";
import {
  apiKeyCodec,
  checkInCodec,
  type Item,
  orgCodec,
  rowCodec,
  sessionCodec,
  sheetCodec,
} from "./codecs.js";
import { createCycleStore } from "./dynamo-cycles.js";
import { createHistoryStore } from "./dynamo-history.js";
import { createIdempotencyStore } from "./dynamo-idempotency.js";
import { createRhythmStore } from "./dynamo-rhythm.js";
import { createSummaryStore } from "./dynamo-summaries.js";
import * as k from "./keys.js";
import type { CheckInRecord, Org, RowOwner, SheetWithRows, Store } from "./types.js";

export interface DynamoStoreOptions {
  client: DynamoDBDocumentClient;
  tableName: string;
  /** The sparse GSI used for check-in history per objective. */
  indexName?: string;
  retry?: RetryOptions;
}

export const DEFAULT_INDEX_NAME = "GSI1";

/** A row as its DynamoDB item (exported so the API benchmark writes exactly these items raw). */
export const rowItem = rowCodec.toPersistence;

/** Conditional puts of a batch's latest check-ins in flight at once. */
const LAST_CHECK_INS_AT_ONCE = 10;

/** Row types in a sheet's ID record, one byte each. */
const ROW_TYPE_CODES: readonly RowType[] = ["objective", "key_result", "kpi"];

/** The 8 bytes of an ID's FNV-1a 64 hash: a sheet's ID record holds these, not the IDs (up to 128 characters). */
function idHash(id: string): string {
  return fnv1a64(id);
}
const isConditionFailure = (error: unknown) =>
  error instanceof ConditionalCheckFailedException ||
  (error as { name?: string } | null)?.name === "ConditionalCheckFailedException";

export function createDynamoStore(options: DynamoStoreOptions): Store {
  const { client, tableName } = options;
  const indexName = options.indexName ?? DEFAULT_INDEX_NAME;

  const get = async (PK: string, SK: string): Promise<Item | null> => {
    const result = await client.send(
      new GetCommand({ TableName: tableName, Key: { PK, SK }, ConsistentRead: true }),
    );
    return (result.Item as Item | undefined) ?? null;
  };
  const queryPrefix = (PK: string, prefix: string, extra: { descending?: boolean } = {}) =>
    queryAll<Item>(client, {
      TableName: tableName,
      KeyConditionExpression: "PK = :pk AND begins_with(SK, :prefix)",
      ExpressionAttributeValues: { ":pk": PK, ":prefix": prefix },
      ConsistentRead: true,
      ScanIndexForward: !extra.descending,
    });
  /** An Update that only applies when `condition` holds; false on conflict. */
  const conditionalUpdate = async (
    Key: Item,
    update: string,
    condition: string,
    values: Item,
  ): Promise<boolean> => {
    try {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key,
          UpdateExpression: update,
          ConditionExpression: condition,
          ExpressionAttributeValues: values,
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  };
  /** Put that only succeeds when the item is new (or `condition` holds); false on conflict. */
  const conditionalPut = async (
    item: Item,
    condition = "attribute_not_exists(PK)",
    values?: Item,
    names?: Record<string, string>,
  ) => {
    try {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: item,
          ConditionExpression: condition,
          ExpressionAttributeValues: values,
          ...(names ? { ExpressionAttributeNames: names } : {}),
        }),
      );
      return true;
    } catch (error) {
      if (isConditionFailure(error)) return false;
      throw error;
    }
  };

  // The read model's summaries, check-in times, read revision and cached views (dynamo-summaries.ts).
  const summaries = createSummaryStore({ client, tableName, get, isConditionFailure });

  /** A check-in as its history item; `nonce` tells apart check-ins of one key result at the same time. */
  const checkInItem = (orgId: string, checkIn: CheckInRecord, nonce: string): Item => ({
    PK: k.orgPk(orgId),
    SK: k.checkInSk(checkIn.krId, checkIn.at, nonce),
    kind: "checkIn",
    ...checkInCodec.toPersistence(checkIn),
    // Sparse GSI: only check-ins of a KR that belongs to an objective are indexed.
    ...(checkIn.objectiveId
      ? {
          GSI1PK: k.objectiveCheckInGsiPk(orgId, checkIn.objectiveId),
          GSI1SK: `${checkIn.at}#${nonce}`,
        }
      : {}),
  });
  /** Keeps the latest only: the write succeeds when no later check-in of the key result is recorded. */
  const putLastCheckIn = (orgId: string, checkIn: CheckInRecord) =>
    conditionalPut(
      {
        PK: k.orgPk(orgId),
        SK: k.lastCheckInSk(checkIn.krId),
        kind: "lastCheckIn",
        krId: checkIn.krId,
        lastAt: checkIn.at,
        // What the check-in says Current is (as text: exact for every finite number).
        lastValue: String(checkIn.value),
        lastConfidence: checkIn.confidence === null ? null : String(checkIn.confidence),
      },
      "attribute_not_exists(PK) OR lastAt < :at",
      { ":at": checkIn.at },
    );

  const putCheckIns: Store["putCheckIns"] = async (orgId, checkIns, putOptions = {}) => {
    if (checkIns.length === 0) return;
    // Each item's nonce from the batch and its place in it: the same batch written again (a retry after a
    // crash) puts the same keys, so its check-ins are rewritten, never kept twice.
    const batchId = putOptions.batchId ?? crypto.randomUUID();
    await batchWriteAll(
      client,
      tableName,
      checkIns.map((checkIn, i) => ({
        PutRequest: { Item: checkInItem(orgId, checkIn, fnv1a64(`${batchId}#${i}`)) },
      })),
      options.retry,
    );
    // The latest of the batch per key result (the first of equal times), kept only when later than the one
    // stored (putLastCheckIn's condition); the earlier ones could never win.
    const latest = new Map<string, CheckInRecord>();
    for (const checkIn of checkIns) {
      const kept = latest.get(checkIn.krId);
      if (!kept || kept.at < checkIn.at) latest.set(checkIn.krId, checkIn);
    }
    const lasts = [...latest.values()];
    for (let i = 0; i < lasts.length; i += LAST_CHECK_INS_AT_ONCE)
      await Promise.all(
        lasts.slice(i, i + LAST_CHECK_INS_AT_ONCE).map((last) => putLastCheckIn(orgId, last)),
      );
    const bySheet = new Map<string, CheckInRecord[]>();
    for (const last of lasts) bySheet.set(last.sheetId, [...(bySheet.get(last.sheetId) ?? []), last]);
    for (const [sheetId, sheetLasts] of bySheet)
      await summaries.recordCheckInTimes(orgId, sheetId, sheetLasts);
    await summaries.bumpReadRevision(orgId);
  };

  return {
    ...summaries,
    // People, sign-in links, the weekly rhythm, comments and reviews (dynamo-rhythm.ts).
    ...createRhythmStore({
      client,
      tableName,
      indexName,
      get,
      queryPrefix: (PK, prefix) => queryPrefix(PK, prefix),
      conditionalPut,
      isConditionFailure,
    }),

    // Row versions (append-only history) and review meetings (dynamo-history.ts).
    ...createHistoryStore({
      client,
      tableName,
      queryPrefix: (PK, prefix) => queryPrefix(PK, prefix),
      retry: options.retry,
    }),
    // Idempotency-Key reservations and stored answers (dynamo-idempotency.ts).
    ...createIdempotencyStore({
      get,
      queryPrefix: (PK, prefix) => queryPrefix(PK, prefix),
      conditionalPut,
      conditionalUpdate,
      batchWrite: (requests) => batchWriteAll(client, tableName, requests, options.retry),
    }),

    // Cycle records, value history and the latest check-in's value (dynamo-cycles.ts).
    ...createCycleStore({
      client,
      tableName,
      queryPrefix: (PK, prefix) => queryPrefix(PK, prefix),
      conditionalPut,
    }),

    async putOrg(org: Org) {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: orgCodec.toPersistence(org),
        }),
      );
      // The time zone decides "today" and quiet days: views cached before the change are dropped.
      await summaries.bumpReadRevision(org.id);
    },

    async getOrg(orgId) {
      const item = await get(k.orgPk(orgId), k.ORG_SK);
      return item ? orgCodec.toDomain(item) : null;
    },

    async putApiKey(key) {
      // Two items, no transaction: the hash lookup first, so a listed key can always be verified.
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { PK: k.keyHashPk(key.hash), SK: k.KEY_HASH_SK, ...apiKeyCodec.toPersistence(key) },
        }),
      );
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { PK: k.orgPk(key.orgId), SK: k.keySk(key.id), ...apiKeyCodec.toPersistence(key) },
        }),
      );
    },

    async findApiKeyByHash(hash) {
      const item = await get(k.keyHashPk(hash), k.KEY_HASH_SK);
      return item ? apiKeyCodec.toDomain(item) : null;
    },

    async listApiKeys(orgId) {
      const items = await queryPrefix(k.orgPk(orgId), k.KEY_PREFIX);
      return items.map(apiKeyCodec.toDomain);
    },

    async revokeApiKey(orgId, keyId, at) {
      const item = await get(k.orgPk(orgId), k.keySk(keyId));
      if (!item) return false;
      const key = apiKeyCodec.toDomain(item);
      if (key.revokedAt) return true;
      // The hash item is what authentication reads: revoke it first.
      for (const Key of [
        { PK: k.keyHashPk(key.hash), SK: k.KEY_HASH_SK },
        { PK: k.orgPk(orgId), SK: k.keySk(keyId) },
      ]) {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key,
            UpdateExpression: "SET revokedAt = :at",
            ExpressionAttributeValues: { ":at": at },
          }),
        );
      }
      return true;
    },

    async getSheet(orgId, sheetId) {
      const item = await get(k.orgPk(orgId), k.sheetSk(sheetId));
      return item ? sheetCodec.toDomain(item) : null;
    },

    async getSheetRows(orgId, sheetId) {
      const items = await queryPrefix(k.orgPk(orgId), k.sheetRowsPrefix(sheetId));
      return items.map(rowCodec.toDomain);
    },

    async getRow(orgId, sheetId, rowId) {
      const item = await get(k.orgPk(orgId), k.rowSk(sheetId, rowId));
      return item ? rowCodec.toDomain(item) : null;
    },

    async listOrgSheets(orgId) {
      const items = await queryPrefix(k.orgPk(orgId), k.SHEET_PREFIX);
      const sheets = new Map<string, SheetWithRows>();
      const entry = (sheetId: string) => {
        let found = sheets.get(sheetId);
        if (!found) {
          found = {
            sheet: { sheetId, name: "", revision: 0, updatedAt: null, contentHash: null, rowsPending: null },
            rows: [],
          };
          sheets.set(sheetId, found);
        }
        return found;
      };
      for (const item of items) {
        const sheetId = item.sheetId as string;
        if (item.kind === "sheet") entry(sheetId).sheet = sheetCodec.toDomain(item);
        else if (item.kind === "row") entry(sheetId).rows.push(rowCodec.toDomain(item));
      }
      return [...sheets.values()];
    },

    async claimRevision(orgId, sheetId, claim) {
      const item = sheetCodec.toPersistence(orgId, {
        sheetId,
        name: claim.name,
        revision: claim.next,
        updatedAt: claim.at,
        // A pending claim has no content hash yet: the fast path never trusts rows not all written.
        contentHash: claim.rowsPending ? null : claim.contentHash,
        rowsPending: claim.rowsPending ?? null,
      });
      return claim.expected === 0
        ? conditionalPut(item, "attribute_not_exists(PK) OR revision = :expected", { ":expected": 0 })
        : conditionalPut(item, "revision = :expected", { ":expected": claim.expected });
    },

    async setContentHash(orgId, sheetId, revision, contentHash) {
      return conditionalUpdate(
        { PK: k.orgPk(orgId), SK: k.sheetSk(sheetId) },
        "SET contentHash = :hash",
        "revision = :revision AND attribute_not_exists(pendingToken)",
        { ":hash": contentHash, ":revision": revision },
      );
    },

    async renewRevision(orgId, sheetId, claim) {
      return conditionalUpdate(
        { PK: k.orgPk(orgId), SK: k.sheetSk(sheetId) },
        "SET pendingUntil = :until",
        "revision = :revision AND pendingToken = :token",
        { ":until": claim.until, ":revision": claim.revision, ":token": claim.token },
      );
    },

    async commitRevision(orgId, sheetId, claim) {
      return conditionalUpdate(
        { PK: k.orgPk(orgId), SK: k.sheetSk(sheetId) },
        "SET contentHash = :hash REMOVE pendingToken, pendingUntil",
        "revision = :revision AND pendingToken = :token",
        { ":hash": claim.contentHash, ":revision": claim.revision, ":token": claim.token },
      );
    },

    async putRows(orgId, sheetId, rows, putOptions = {}) {
      const requests = rows.map((row) => ({ PutRequest: { Item: rowItem(orgId, sheetId, row) } }));
      await batchWriteAll(client, tableName, requests, {
        ...options.retry,
        ...(putOptions.beforeBatch ? { beforeChunk: putOptions.beforeBatch } : {}),
      });
    },

    async putSheetIds(orgId, sheetId, rows) {
      // 8 bytes of hash and 1 byte of type per row: 5,000 rows of 128-character IDs fit one item (45 KB).
      const hashes = Buffer.from(rows.map((row) => idHash(row.id)).join(""), "hex");
      const types = Buffer.from(rows.map((row) => ROW_TYPE_CODES.indexOf(row.type)));
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: { PK: k.orgPk(orgId), SK: k.sheetIdsSk(sheetId), kind: "sheetIds", sheetId, hashes, types },
        }),
      );
    },

    async liveRowOwners(orgId, ids) {
      const owners = new Map<string, RowOwner[]>();
      if (ids.length === 0) return owners;
      const wanted = new Map<string, string[]>();
      for (const id of ids) {
        const hash = idHash(id);
        wanted.set(hash, [...(wanted.get(hash) ?? []), id]);
      }
      for (const item of await queryPrefix(k.orgPk(orgId), k.SHEET_IDS_PREFIX)) {
        const hashes = Buffer.from(item.hashes as Uint8Array);
        const types = Buffer.from(item.types as Uint8Array);
        for (let i = 0; i < types.length; i++) {
          const matching = wanted.get(hashes.toString("hex", i * 8, i * 8 + 8));
          if (!matching) continue;
          const owner = { sheetId: item.sheetId as string, type: ROW_TYPE_CODES[types[i]!] ?? "objective" };
          for (const id of matching) owners.set(id, [...(owners.get(id) ?? []), owner]);
        }
      }
      return owners;
    },

    // One check-in is a batch of one: one way of writing check-ins (history item, latest, time, read revision).
    putCheckIn: (orgId, checkIn) => putCheckIns(orgId, [checkIn]),

    putCheckIns,

    async listCheckInsForKeyResult(orgId, krId) {
      const items = await queryPrefix(k.orgPk(orgId), k.checkInPrefix(krId));
      return items.map(checkInCodec.toDomain);
    },

    async listCheckInsForObjective(orgId, objectiveId) {
      const items = await queryAll<Item>(client, {
        TableName: tableName,
        IndexName: indexName,
        KeyConditionExpression: "GSI1PK = :pk",
        ExpressionAttributeValues: { ":pk": k.objectiveCheckInGsiPk(orgId, objectiveId) },
      });
      return items.map(checkInCodec.toDomain);
    },

    async listLinkableRows(orgId, types) {
      const pages = await Promise.all(
        types.map((type) =>
          queryAll<Item>(client, {
            TableName: tableName,
            IndexName: indexName,
            KeyConditionExpression: "GSI1PK = :pk",
            ExpressionAttributeValues: { ":pk": k.linkableGsiPk(orgId, type) },
          }),
        ),
      );
      return pages.flat().map((item) => ({ sheetId: item.sheetId as string, row: rowCodec.toDomain(item) }));
    },

    async lastCheckIns(orgId) {
      const items = await queryPrefix(k.orgPk(orgId), k.LAST_CHECKIN_PREFIX);
      return new Map(items.map((item) => [item.krId as string, item.lastAt as string]));
    },

    async ping() {
      await client.send(new GetCommand({ TableName: tableName, Key: { PK: "PING", SK: "PING" } }));
    },

    async putSession(tokenHash, session) {
      await client.send(
        new PutCommand({
          TableName: tableName,
          Item: sessionCodec.toPersistence(tokenHash, session),
        }),
      );
    },

    async getSession(tokenHash) {
      const item = await get(k.sessionPk(tokenHash), k.SESSION_SK);
      return item ? sessionCodec.toDomain(item) : null;
    },

    async endSession(tokenHash, at) {
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { PK: k.sessionPk(tokenHash), SK: k.SESSION_SK },
            UpdateExpression: "SET endedAt = :at",
            ConditionExpression: "attribute_exists(PK)",
            ExpressionAttributeValues: { ":at": at },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },
  };
}
