// Single-table key design. Everything of an organisation lives in its partition ORG#<org>:
//   ORG                          the organisation
//   KEY#<keyId>                  an API key (hash, role, sheet)
//   SHEET#<sheet>                a sheet: name, revision
//   SHEET#<sheet>#ROW#<row>      one objective / key result / KPI row of that sheet
//   CHECKIN#<kr>#<at>#<nonce>    a check-in (GSI1: OBJ#<objective> for history per objective)
//   LASTCHECKIN#<kr>             the latest check-in time per key result
//   IDEM#<key>                   a stored answer for an Idempotency-Key
//   IDEM#<key>#PART#<id>#<n>     part n of a stored answer too large for one item
// plus KEYHASH#<sha256> partitions so a presented key is found by its hash alone.
// IDs are user text, so they are URI-encoded: a "#" in an ID cannot break a prefix.
const enc = encodeURIComponent;

export const orgPk = (orgId: string) => `ORG#${enc(orgId)}`;
export const ORG_SK = "ORG";
export const keySk = (keyId: string) => `KEY#${enc(keyId)}`;
export const KEY_PREFIX = "KEY#";
export const keyHashPk = (hash: string) => `KEYHASH#${hash}`;
export const KEY_HASH_SK = "KEYHASH";
export const SHEET_PREFIX = "SHEET#";
export const sheetSk = (sheetId: string) => `SHEET#${enc(sheetId)}`;
export const sheetRowsPrefix = (sheetId: string) => `SHEET#${enc(sheetId)}#ROW#`;
export const rowSk = (sheetId: string, rowId: string) => `${sheetRowsPrefix(sheetId)}${enc(rowId)}`;
export const checkInPrefix = (krId: string) => `CHECKIN#${enc(krId)}#`;
export const checkInSk = (krId: string, at: string, nonce: string) => `${checkInPrefix(krId)}${at}#${nonce}`;
export const objectiveCheckInGsiPk = (orgId: string, objectiveId: string) =>
  `${orgPk(orgId)}#OBJ#${enc(objectiveId)}`;
export const LAST_CHECKIN_PREFIX = "LASTCHECKIN#";
export const lastCheckInSk = (krId: string) => `${LAST_CHECKIN_PREFIX}${enc(krId)}`;
export const idempotencySk = (key: string) => `IDEM#${enc(key)}`;
export const idempotencyPartPrefix = (key: string, partsId: string) =>
  `${idempotencySk(key)}#PART#${enc(partsId)}#`;
/** Zero-padded so parts sort in order (a part holds 300 KB: 10,000 parts is far beyond any body). */
export const idempotencyPartSk = (key: string, partsId: string, n: number) =>
  `${idempotencyPartPrefix(key, partsId)}${String(n).padStart(4, "0")}`;
