// Checks a workbook's zip before any library inflates it: the central directory's entry count and
// declared sizes first (cheap: no inflating), then each entry inflated into a counter that stops at the
// declared size, so a zip whose sizes lie (a zip bomb) costs at most the budget in time and almost nothing
// in memory. Only then is the file handed to the spreadsheet library.
import { createInflateRaw } from "node:zlib";

export type ZipRefusal =
  | { reason: "not_zip" }
  | { reason: "not_workbook" }
  | { reason: "encrypted" }
  | { reason: "too_many_entries"; entries: number; limit: number }
  | { reason: "too_large_unpacked"; bytes: number; limit: number }
  | { reason: "sizes_lie"; entry: string }
  | { reason: "damaged"; entry?: string };

export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export type ZipCheck = { ok: true; entries: ZipEntry[] } | ({ ok: false } & ZipRefusal);

const EOCD_SIGNATURE = 0x06054b50;
const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
const STORED = 0;
const DEFLATED = 8;

/** True when the bytes start like a zip (local file header, or an empty archive). */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5);
}

/** The central directory's entries, refusing what would cost too much before anything is inflated. */
export function readZipDirectory(
  bytes: Uint8Array,
  limits: { entries: number; unpackedBytes: number },
): ZipCheck {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end-of-central-directory record is the last 22 bytes plus a comment of at most 65,535.
  let eocd = -1;
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (view.getUint32(at, true) === EOCD_SIGNATURE) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return { ok: false, reason: "not_zip" };
  const declaredEntries = view.getUint16(eocd + 10, true);
  const directorySize = view.getUint32(eocd + 12, true);
  const directoryOffset = view.getUint32(eocd + 16, true);
  // Zip64 markers: no workbook within the file size limit needs them.
  if (declaredEntries === 0xffff || directoryOffset === 0xffffffff) return { ok: false, reason: "damaged" };
  if (declaredEntries > limits.entries)
    return { ok: false, reason: "too_many_entries", entries: declaredEntries, limit: limits.entries };
  if (directoryOffset + directorySize > eocd) return { ok: false, reason: "damaged" };

  const entries: ZipEntry[] = [];
  let declaredBytes = 0;
  let at = directoryOffset;
  const decoder = new TextDecoder();
  while (at < directoryOffset + directorySize) {
    if (at + 46 > eocd || view.getUint32(at, true) !== CENTRAL_SIGNATURE)
      return { ok: false, reason: "damaged" };
    if (entries.length >= limits.entries)
      return { ok: false, reason: "too_many_entries", entries: entries.length + 1, limit: limits.entries };
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const compressedSize = view.getUint32(at + 20, true);
    const uncompressedSize = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    const localHeaderOffset = view.getUint32(at + 42, true);
    const name = decoder.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    if (flags & 1) return { ok: false, reason: "encrypted" };
    if (method !== STORED && method !== DEFLATED) return { ok: false, reason: "damaged", entry: name };
    if (compressedSize === 0xffffffff || uncompressedSize === 0xffffffff)
      return { ok: false, reason: "too_large_unpacked", bytes: 0xffffffff, limit: limits.unpackedBytes };
    declaredBytes += uncompressedSize;
    if (declaredBytes > limits.unpackedBytes)
      return { ok: false, reason: "too_large_unpacked", bytes: declaredBytes, limit: limits.unpackedBytes };
    entries.push({ name, method, compressedSize, uncompressedSize, localHeaderOffset });
    at += 46 + nameLength + extraLength + commentLength;
  }
  const names = new Set(entries.map((entry) => entry.name.toLowerCase()));
  if (!names.has("[content_types].xml") || !names.has("xl/workbook.xml"))
    return { ok: false, reason: "not_workbook" };
  return { ok: true, entries };
}

/** An entry's compressed bytes, found through its local header. */
function entryData(bytes: Uint8Array, entry: ZipEntry): Uint8Array | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localHeaderOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL_SIGNATURE) return null;
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  const end = start + entry.compressedSize;
  return end <= bytes.length ? bytes.subarray(start, end) : null;
}

/** Inflates into a counter (nothing is kept); stops as soon as more than `limit` bytes come out. */
function inflatedSize(data: Uint8Array, limit: number): Promise<number | "over" | "damaged"> {
  return new Promise((resolve) => {
    const inflate = createInflateRaw({ chunkSize: 64 * 1024 });
    let total = 0;
    let settled = false;
    const settle = (value: number | "over" | "damaged") => {
      if (settled) return;
      settled = true;
      resolve(value);
    };
    inflate.on("data", (chunk: Buffer) => {
      total += chunk.length;
      if (total > limit) {
        settle("over");
        inflate.destroy();
      }
    });
    inflate.on("end", () => settle(total));
    inflate.on("error", () => settle("damaged"));
    inflate.end(data);
  });
}

/**
 * The whole check: the directory (count and declared sizes), then every entry's actual inflated size,
 * which must equal what the directory declares (and so stays within the budget).
 */
export async function checkZip(
  bytes: Uint8Array,
  limits: { entries: number; unpackedBytes: number },
): Promise<ZipCheck> {
  const directory = readZipDirectory(bytes, limits);
  if (!directory.ok) return directory;
  for (const entry of directory.entries) {
    const data = entryData(bytes, entry);
    if (!data) return { ok: false, reason: "damaged", entry: entry.name };
    if (entry.method === STORED) {
      if (data.length !== entry.uncompressedSize)
        return { ok: false, reason: "sizes_lie", entry: entry.name };
      continue;
    }
    const size = await inflatedSize(data, entry.uncompressedSize);
    if (size === "over") return { ok: false, reason: "sizes_lie", entry: entry.name };
    if (size === "damaged" || size !== entry.uncompressedSize)
      return { ok: false, reason: "damaged", entry: entry.name };
  }
  return directory;
}
