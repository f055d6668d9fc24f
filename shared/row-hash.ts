// rowHash and friends: FNV-1a 64 over a canonical JSON of the row, computed by both the add-on and the API so
// unchanged rows can travel as {id, hash} stubs. Kept apart from shared/contract.ts (zod) so the add-on bundle
// does not pull in zod just to hash a row. Pure TypeScript, no dependencies beyond shared/model.ts.
import { OKR_ROW_FIELDS, type OkrRow } from "./model.js";

/** Fields added after rows were first hashed: left out while empty, so rows without them keep their hash. */
const LATER_FIELDS: ReadonlySet<string> = new Set(["threshold", "ownerStatus"]);
/**
 * Later fields written with their name ({"ownerStatus":"on_track"}): with earlier later fields left out, a bare
 * value could stand where another later field's would (threshold was the first, and stays bare).
 */
const NAMED_LATER_FIELDS: ReadonlySet<string> = new Set(["ownerStatus"]);

/** The row as canonical JSON: fixed field order, missing optional values as null. */
export function canonicalRowJson(row: OkrRow): string {
  const values = OKR_ROW_FIELDS.filter((field) => !LATER_FIELDS.has(field) || row[field]).map((field) => {
    const value = row[field];
    if (NAMED_LATER_FIELDS.has(field)) return { [field]: value };
    return value === undefined ? null : value;
  });
  return JSON.stringify(values);
}

const FNV_PRIME_LOW = 0x1b3; // 64-bit prime 0x100000001b3 = 2^40 + 0x1b3
const TWO_32 = 0x1_0000_0000;

// The 64-bit state is two unsigned 32-bit halves (hi:lo); offset basis 0xcbf29ce484222325. One step, after
// lo ^= byte: (hi:lo) * (2^40 + 0x1b3) mod 2^64, in integers below 2^53 (exact in doubles, >>> 0 is mod 2^32):
//   lo' = lo * 0x1b3 mod 2^32
//   hi' = hi * 0x1b3 + floor(lo * 0x1b3 / 2^32) + lo * 2^8   (mod 2^32)
// It runs inlined in both loops below: every sync hashes each row and the whole sheet.

/** FNV-1a 64 of a byte sequence, as 16 hex digits. */
export function fnv1a64Bytes(bytes: Iterable<number>): string {
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  for (const byte of bytes) {
    lo = (lo ^ byte) >>> 0;
    const product = lo * FNV_PRIME_LOW;
    hi = (Math.imul(hi, FNV_PRIME_LOW) + ((product / TWO_32) >>> 0) + (lo << 8)) >>> 0;
    lo = product >>> 0;
  }
  return hi.toString(16).padStart(8, "0") + lo.toString(16).padStart(8, "0");
}

/** FNV-1a 64 of a string's UTF-16 code units (each as two little-endian bytes): fnv1a64Bytes of those bytes. */
export function fnv1a64(text: string): string {
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    lo = (lo ^ (unit & 0xff)) >>> 0;
    let product = lo * FNV_PRIME_LOW;
    hi = (Math.imul(hi, FNV_PRIME_LOW) + ((product / TWO_32) >>> 0) + (lo << 8)) >>> 0;
    lo = product >>> 0;
    lo = (lo ^ (unit >>> 8)) >>> 0;
    product = lo * FNV_PRIME_LOW;
    hi = (Math.imul(hi, FNV_PRIME_LOW) + ((product / TWO_32) >>> 0) + (lo << 8)) >>> 0;
    lo = product >>> 0;
  }
  return hi.toString(16).padStart(8, "0") + lo.toString(16).padStart(8, "0");
}

/**
 * Hash of a whole sheet: its rows' IDs and hashes, in ID order (request order does not matter). Each pair is
 * written as "<length of the ID>:<ID><hash>", so no ID (tabs, newlines, colons and all) can shift where one
 * pair ends and the next begins: two different lists of pairs never make the same text.
 */
export function sheetContentHash(rows: readonly { id: string; hash: string }[]): string {
  const pairs = rows.map((row) => `${row.id.length}:${row.id}${row.hash.length}:${row.hash}`).sort();
  return fnv1a64(pairs.join(""));
}

/** What rowHash gives: 16 lower-case hex digits (the contract's RowHash and the unchanged re-sync's check). */
export const ROW_HASH_PATTERN = /^[0-9a-f]{16}$/;

/** Hash of one row's content; equal hashes mean the row is unchanged. */
export function rowHash(row: OkrRow): string {
  return fnv1a64(canonicalRowJson(row));
}
