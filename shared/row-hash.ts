// rowHash and friends: FNV-1a 64 over a canonical JSON of the row, computed by both the add-on and the API so
// unchanged rows can travel as {id, hash} stubs. Kept apart from shared/contract.ts (zod) so the add-on bundle
// does not pull in zod just to hash a row. Pure TypeScript, no dependencies beyond shared/model.ts.
import { OKR_ROW_FIELDS, type OkrRow } from "./model.js";

/** Fields added after rows were first hashed: left out while empty, so rows without them keep their hash. */
const LATER_FIELDS: ReadonlySet<string> = new Set(["threshold"]);

/** The row as canonical JSON: fixed field order, missing optional values as null. */
export function canonicalRowJson(row: OkrRow): string {
  const values = OKR_ROW_FIELDS.filter((field) => !LATER_FIELDS.has(field) || row[field]).map((field) => {
    const value = row[field];
    return value === undefined ? null : value;
  });
  return JSON.stringify(values);
}

const FNV_PRIME_LOW = 0x1b3; // 64-bit prime 0x100000001b3 = 2^40 + 0x1b3

/** FNV-1a 64 of a byte sequence, as 16 hex digits. */
export function fnv1a64Bytes(bytes: Iterable<number>): string {
  // 64-bit state as two unsigned 32-bit halves; offset basis 0xcbf29ce484222325.
  let hi = 0xcbf29ce4;
  let lo = 0x84222325;
  for (const byte of bytes) {
    lo = (lo ^ byte) >>> 0;
    // (hi:lo) * (2^40 + 0x1b3) mod 2^64; every partial product stays below 2^53.
    const loProduct = lo * FNV_PRIME_LOW;
    const carry = Math.floor(loProduct / 0x1_0000_0000);
    const newHi = (hi * FNV_PRIME_LOW + carry + ((lo << 8) >>> 0)) % 0x1_0000_0000;
    lo = loProduct >>> 0;
    hi = newHi >>> 0;
  }
  return hi.toString(16).padStart(8, "0") + lo.toString(16).padStart(8, "0");
}

function* utf16LeBytes(text: string): Generator<number> {
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    yield unit & 0xff;
    yield unit >>> 8;
  }
}

/** FNV-1a 64 of a string's UTF-16 code units (each as two little-endian bytes). */
export function fnv1a64(text: string): string {
  return fnv1a64Bytes(utf16LeBytes(text));
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

/** Hash of one row's content; equal hashes mean the row is unchanged. */
export function rowHash(row: OkrRow): string {
  return fnv1a64(canonicalRowJson(row));
}
