// Stored items decoded once, by kind: each codec turns a domain record into its DynamoDB item (toPersistence)
// and an item read back into the record (toDomain), as a data mapper does. Reading goes through the
// attribute readers below (the schema of an item: which attribute has which type, which may be absent), so no
// field is cast: a required attribute of the wrong type is refused with the item's key, not passed on.

import { OKR_ROW_FIELDS, ROW_TYPES, STATUSES, type Status } from "../../shared/model.js";
import { KEY_ROLES } from "../../shared/wire.js";
import * as k from "./keys.js";
import type { ApiKeyRecord, CheckInRecord, Org, SessionRecord, SheetMeta, StoredRow } from "./types.js";

export type Item = Record<string, unknown>;

/** A stored item whose attributes are not what its kind's codec reads: data written by something else. */
export class StoredItemError extends Error {
  constructor(item: Item, attribute: string, wanted: string) {
    super(`Stored item ${String(item.PK)} / ${String(item.SK)}: ${attribute} is not ${wanted}`);
    this.name = "StoredItemError";
  }
}

// The attribute readers (exported as `attribute` for the store parts' own items): required (refused when absent or of another type) or optional (absent, null or of
// another type reads as the fallback, as items written before an attribute was kept have none).
const text = (item: Item, name: string): string => {
  const value = item[name];
  if (typeof value !== "string") throw new StoredItemError(item, name, "text");
  return value;
};
const textOr = <F>(item: Item, name: string, fallback: F): string | F => {
  const value = item[name];
  return typeof value === "string" ? value : fallback;
};
/** A number as stored: a DynamoDB number, or the text of one beyond what DynamoDB keeps (storableNumber). */
const numberOr = <F>(item: Item, name: string, fallback: F): number | F => {
  const value = item[name];
  return value === null || value === undefined ? fallback : Number(value);
};
const oneOf = <T extends string>(item: Item, name: string, values: readonly T[]): T => {
  const value = item[name];
  const found = values.find((v) => v === value);
  if (found === undefined) throw new StoredItemError(item, name, `one of ${values.join(", ")}`);
  return found;
};
const isStatus = (value: unknown): value is Status => STATUSES.some((status) => status === value);
const map = (item: Item, name: string): Item => {
  const value = item[name];
  if (typeof value !== "object" || value === null) throw new StoredItemError(item, name, "a map");
  return value as Item;
};
const bytes = (item: Item, name: string): Uint8Array => {
  const value = item[name];
  if (!(value instanceof Uint8Array)) throw new StoredItemError(item, name, "binary");
  return value;
};

export const attribute = { text, textOr, numberOr, oneOf, map, bytes };

// DynamoDB numbers range over 1e-130..1e125 in magnitude, and lib-dynamodb refuses any beyond
// ±Number.MAX_SAFE_INTEGER; the contract allows every finite number. Those outside are kept as
// their JavaScript text (exact: it reads back as the same double) and read back with Number().
const NUMERIC_ROW_FIELDS = ["start", "target", "current", "weight", "confidence", "row"] as const;
const NUMERIC_FIELD_SET: ReadonlySet<string> = new Set(NUMERIC_ROW_FIELDS);

export function storableNumber(value: number): number | string;
export function storableNumber(value: number | null): number | string | null;
export function storableNumber(value: number | null): number | string | null {
  if (value === null) return null;
  const magnitude = Math.abs(value);
  return value === 0 || (magnitude <= Number.MAX_SAFE_INTEGER && magnitude >= 1e-130) ? value : String(value);
}

/** A row: its fields in `data` (one map), its version and deletion beside it. */
// Both directions build each object by adding its keys in one fixed order to a new object (no Object.fromEntries,
// no delete, no spread adding keys): every row then shares V8's maps, and a 1,000-row sheet is encoded or decoded
// in a few milliseconds, not 30–40 (the spread and delete forms cost 30–40 µs per row on Node 20).
export const rowCodec = {
  toPersistence(orgId: string, sheetId: string, row: StoredRow): Item {
    const data: Item = {};
    for (const field of OKR_ROW_FIELDS) data[field] = row[field];
    for (const field of NUMERIC_ROW_FIELDS) data[field] = storableNumber(row[field]);
    const item: Item = {
      PK: k.orgPk(orgId),
      SK: k.rowSk(sheetId, row.id),
      kind: "row",
      sheetId,
      rowId: row.id,
      data,
      hash: row.hash,
      deleted: row.deleted,
      deletedAt: row.deletedAt,
      revision: row.revision,
    };
    // Live objectives and key results are also in the sparse index of what others can link to.
    if (!row.deleted && (row.type === "objective" || row.type === "key_result")) {
      item.GSI1PK = k.linkableGsiPk(orgId, row.type);
      item.GSI1SK = k.rowSk(sheetId, row.id);
    }
    if (row.currentChangedAt !== undefined) item.currentChangedAt = row.currentChangedAt;
    if (row.writtenAt !== undefined) item.writtenAt = row.writtenAt;
    if (row.writtenBy !== undefined) item.writtenBy = row.writtenBy;
    return item;
  },
  toDomain(item: Item): StoredRow {
    const data = map(item, "data");
    // The row's fields as written by toPersistence from a validated OkrRow (the sync API's schema): a row is
    // read on every sync and rollup, so its fields are taken as stored, numbers kept as text turned back.
    const row: Record<string, unknown> = {};
    for (const field of OKR_ROW_FIELDS) {
      const value = data[field];
      // A KPI's threshold only when it has one (rows written before thresholds have none); the owner's word
      // only where set (rows written before it was synced have none).
      if (field === "threshold") {
        if (typeof value === "string" && value) row.threshold = value;
      } else if (field === "ownerStatus") {
        if (isStatus(value)) row.ownerStatus = value;
      } else if (field === "type") row.type = oneOf(data, "type", ROW_TYPES);
      else if (field === "contributesTo") row.contributesTo = Array.isArray(value) ? value.map(String) : [];
      else
        row[field] =
          typeof value === "string" && NUMERIC_FIELD_SET.has(field) ? Number(value) : (value ?? null);
    }
    row.hash = text(item, "hash");
    row.deleted = item.deleted === true;
    row.deletedAt = textOr(item, "deletedAt", null);
    row.revision = Number(item.revision);
    if (item.currentChangedAt !== undefined) row.currentChangedAt = textOr(item, "currentChangedAt", null);
    if (typeof item.writtenAt === "string") row.writtenAt = item.writtenAt;
    if (typeof item.writtenBy === "string") row.writtenBy = item.writtenBy;
    return row as unknown as StoredRow;
  },
};

/** A sheet's record: its revision, and the claim of a revision whose rows are still being written. */
export const sheetCodec = {
  toPersistence(orgId: string, sheet: SheetMeta): Item {
    return {
      PK: k.orgPk(orgId),
      SK: k.sheetSk(sheet.sheetId),
      kind: "sheet",
      sheetId: sheet.sheetId,
      name: sheet.name,
      revision: sheet.revision,
      updatedAt: sheet.updatedAt,
      contentHash: sheet.contentHash,
      ...(sheet.rowsPending
        ? { pendingToken: sheet.rowsPending.token, pendingUntil: sheet.rowsPending.until }
        : {}),
    };
  },
  toDomain(item: Item): SheetMeta {
    const pendingToken = textOr(item, "pendingToken", null);
    return {
      sheetId: text(item, "sheetId"),
      name: textOr(item, "name", ""),
      revision: numberOr(item, "revision", 0),
      updatedAt: textOr(item, "updatedAt", null),
      contentHash: textOr(item, "contentHash", null),
      rowsPending:
        pendingToken !== null ? { token: pendingToken, until: String(item.pendingUntil ?? "") } : null,
    };
  },
};

/** An API key, stored twice (under its hash for authentication, under the organisation for listing). */
export const apiKeyCodec = {
  toPersistence(key: ApiKeyRecord): Item {
    return {
      kind: "apiKey",
      keyId: key.id,
      orgId: key.orgId,
      role: key.role,
      sheetId: key.sheetId,
      label: key.label,
      hash: key.hash,
      createdAt: key.createdAt,
      revokedAt: key.revokedAt,
    };
  },
  toDomain(item: Item): ApiKeyRecord {
    return {
      id: text(item, "keyId"),
      orgId: text(item, "orgId"),
      role: oneOf(item, "role", KEY_ROLES),
      sheetId: textOr(item, "sheetId", null),
      label: textOr(item, "label", ""),
      hash: text(item, "hash"),
      createdAt: text(item, "createdAt"),
      revokedAt: textOr(item, "revokedAt", null),
    };
  },
};

/** A check-in's own attributes (its key, kind and index attributes are the store's: see putCheckIn). */
export const checkInCodec = {
  toPersistence(checkIn: CheckInRecord): Item {
    return {
      ...checkIn,
      value: storableNumber(checkIn.value),
      confidence: storableNumber(checkIn.confidence),
    };
  },
  toDomain(item: Item): CheckInRecord {
    return {
      krId: text(item, "krId"),
      objectiveId: textOr(item, "objectiveId", null),
      sheetId: text(item, "sheetId"),
      value: Number(item.value),
      confidence: numberOr(item, "confidence", null),
      note: textOr(item, "note", ""),
      author: text(item, "author"),
      at: text(item, "at"),
    };
  },
};

export const orgCodec = {
  toPersistence(org: Org): Item {
    return {
      PK: k.orgPk(org.id),
      SK: k.ORG_SK,
      kind: "org",
      orgId: org.id,
      name: org.name,
      createdAt: org.createdAt,
      ...(org.timeZone ? { timeZone: org.timeZone } : {}),
    };
  },
  toDomain(item: Item): Org {
    const timeZone = textOr(item, "timeZone", null);
    return {
      id: text(item, "orgId"),
      name: text(item, "name"),
      createdAt: text(item, "createdAt"),
      ...(timeZone !== null ? { timeZone } : {}),
    };
  },
};

/** A dashboard session, under the hash of its cookie's token. */
export const sessionCodec = {
  toPersistence(tokenHash: string, session: SessionRecord): Item {
    return {
      PK: k.sessionPk(tokenHash),
      SK: k.SESSION_SK,
      kind: "session",
      ...session,
      // The table's TTL attribute (epoch seconds) removes the item some time after it expired.
      expiresAt: Math.floor(Date.parse(session.expiresAt) / 1000),
    };
  },
  toDomain(item: Item): SessionRecord {
    const email = textOr(item, "email", null);
    return {
      orgId: text(item, "orgId"),
      keyId: text(item, "keyId"),
      keyHash: text(item, "keyHash"),
      csrfToken: text(item, "csrfToken"),
      createdAt: text(item, "createdAt"),
      expiresAt: new Date(Number(item.expiresAt) * 1000).toISOString(),
      endedAt: textOr(item, "endedAt", null),
      ...(email !== null ? { email } : {}),
    };
  },
};
