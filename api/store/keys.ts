// Single-table key design. Everything of an organisation lives in its partition ORG#<org>:
//   ORG                          the organisation
//   KEY#<keyId>                  an API key (hash, role, sheet)
//   SHEET#<sheet>                a sheet: name, revision, content hash (or the pending mark while rows are written)
//   SHEET#<sheet>#ROW#<row>      one objective / key result / KPI row of that sheet
//                                (live objectives and KRs also in GSI1: ORG#<org>#LINK#<type>, sort key = row key)
//   IDS#<sheet>                  the IDs of a sheet's live rows (hashed): what it owns
//   CHECKIN#<kr>#<at>#<nonce>    a check-in (GSI1: OBJ#<objective> for history per objective)
//   LASTCHECKIN#<kr>             the latest check-in time per key result
//   IDEM#<key>                   a stored answer for an Idempotency-Key (or its reservation while the request runs)
//   IDEM#<key>#PART#<id>#<n>     part n of a stored answer too large for one item
// plus KEYHASH#<sha256> partitions so a presented key is found by its hash alone, and
// SESSION#<sha256> partitions for dashboard sign-ins (found by the hash of the cookie's token).
// IDs are user text, so they are URI-encoded: a "#" in an ID cannot break a prefix.
// DynamoDB limits keys (sort key 1,024 bytes, partition key 2,048); an ID of 128 characters may take
// 9-12 bytes each once encoded, and a lone UTF-16 surrogate cannot be URI-encoded at all. Such an ID
// takes a fixed digest form instead, "#H#" + SHA-256 of its JSON text (exact for any string), which
// no URI-encoded ID can equal (those never contain "#"). An ID keeps its URI-encoded form whenever
// that is at most 946 characters for a sheet or 960 for a key result, and a row's whenever the whole
// row key fits: the keys of ordinary IDs are what they always were.
import { createHash } from "node:crypto";

const enc = encodeURIComponent;
const DIGEST_LENGTH = 3 + 64;
const SORT_KEY_MAX = 1_024;

function part(id: string, maxLength: number): string {
  let encoded: string | null;
  try {
    encoded = enc(id);
  } catch {
    encoded = null; // URIError: a lone surrogate
  }
  if (encoded !== null && encoded.length <= maxLength) return encoded;
  return `#H#${createHash("sha256").update(JSON.stringify(id)).digest("hex")}`;
}

/** The sheet's part of its keys: short enough that a row key after it still fits. */
const sheetPart = (sheetId: string) =>
  part(sheetId, SORT_KEY_MAX - "SHEET#".length - "#ROW#".length - DIGEST_LENGTH);
/** A key result's part of its check-in keys, leaving room for "#<at>#<nonce>". */
const krPart = (krId: string) => part(krId, 960);

export const orgPk = (orgId: string) => `ORG#${part(orgId, 2_000)}`;
export const ORG_SK = "ORG";
export const keySk = (keyId: string) => `KEY#${enc(keyId)}`;
export const KEY_PREFIX = "KEY#";
export const keyHashPk = (hash: string) => `KEYHASH#${hash}`;
export const KEY_HASH_SK = "KEYHASH";
export const SHEET_PREFIX = "SHEET#";
export const sheetSk = (sheetId: string) => `SHEET#${sheetPart(sheetId)}`;
export const sheetRowsPrefix = (sheetId: string) => `SHEET#${sheetPart(sheetId)}#ROW#`;
export const rowSk = (sheetId: string, rowId: string) => {
  const prefix = sheetRowsPrefix(sheetId);
  return `${prefix}${part(rowId, SORT_KEY_MAX - prefix.length)}`;
};
export const checkInPrefix = (krId: string) => `CHECKIN#${krPart(krId)}#`;
export const checkInSk = (krId: string, at: string, nonce: string) => `${checkInPrefix(krId)}${at}#${nonce}`;
export const objectiveCheckInGsiPk = (orgId: string, objectiveId: string) =>
  `${orgPk(orgId)}#OBJ#${part(objectiveId, 1_800)}`;
export const LAST_CHECKIN_PREFIX = "LASTCHECKIN#";
export const lastCheckInSk = (krId: string) => `${LAST_CHECKIN_PREFIX}${krPart(krId)}`;
export const idempotencySk = (key: string) => `IDEM#${enc(key)}`;
export const sessionPk = (tokenHash: string) => `SESSION#${tokenHash}`;
/**
 * GSI1 partition of an organisation's live objectives (or key results): what others can align or attach to.
 * Only rows not deleted carry it, so the catalog and cross-sheet checks read these and not every row.
 */
export const linkableGsiPk = (orgId: string, type: "objective" | "key_result") =>
  `${orgPk(orgId)}#LINK#${type}`;
export const SESSION_SK = "SESSION";
export const SHEET_IDS_PREFIX = "IDS#";
export const sheetIdsSk = (sheetId: string) => `${SHEET_IDS_PREFIX}${sheetPart(sheetId)}`;
export const idempotencyPartPrefix = (key: string, partsId: string) =>
  `${idempotencySk(key)}#PART#${enc(partsId)}#`;
/** Zero-padded so parts sort in order (a part holds 300 KB: 10,000 parts is far beyond any body). */
export const idempotencyPartSk = (key: string, partsId: string, n: number) =>
  `${idempotencyPartPrefix(key, partsId)}${String(n).padStart(4, "0")}`;
/** An ID's part of a key (URI-encoded, or the digest form past `maxLength`), for other key modules. */
export const keyPart = part;
