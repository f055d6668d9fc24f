// Zip files written byte by byte, for the import's guards: real zip bombs (a workbook whose sheet inflates
// to gigabytes from a few hundred kilobytes, with honest or with lying sizes in its directory), and
// archives with more entries than a workbook has. Deflate streams come from zlib, as any zip tool makes them.
import { crc32, createDeflateRaw } from "node:zlib";

export interface ZipEntrySpec {
  name: string;
  /** Stored as is (method 0), or deflated (method 8) when `deflated` is given. */
  data?: Uint8Array;
  deflated?: { bytes: Uint8Array; size: number; crc: number };
  /** What the directory claims the entry unpacks to (a lie, for a bomb); defaults to the truth. */
  declaredSize?: number;
}

/** Deflates `total` bytes of one repeated byte without ever holding them: a bomb's payload. */
export async function deflateRepeated(
  total: number,
  byte = 0x20,
): Promise<{ bytes: Uint8Array; size: number; crc: number }> {
  const chunk = Buffer.alloc(1024 * 1024, byte);
  const deflate = createDeflateRaw({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on("data", (part: Buffer) => parts.push(part));
  const done = new Promise<void>((resolve, reject) => {
    deflate.on("end", resolve);
    deflate.on("error", reject);
  });
  let crc = 0;
  let written = 0;
  while (written < total) {
    const piece = total - written >= chunk.length ? chunk : chunk.subarray(0, total - written);
    crc = crc32(piece, crc);
    written += piece.length;
    if (!deflate.write(piece)) await new Promise((resolve) => deflate.once("drain", resolve));
  }
  deflate.end();
  await done;
  return { bytes: new Uint8Array(Buffer.concat(parts)), size: total, crc };
}

/** A zip archive of the entries (no data descriptors, no zip64). */
export function buildZip(entries: readonly ZipEntrySpec[]): Uint8Array {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, "utf8");
    const stored = entry.deflated === undefined;
    const body = stored ? Buffer.from(entry.data ?? new Uint8Array()) : Buffer.from(entry.deflated!.bytes);
    const size = stored ? body.length : entry.deflated!.size;
    const crc = stored ? crc32(body) : entry.deflated!.crc;
    const declared = entry.declaredSize ?? size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0, 6);
    local.writeUInt16LE(stored ? 0 : 8, 8);
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(declared, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, body);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0, 8);
    central.writeUInt16LE(stored ? 0 : 8, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(declared, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...locals, directory, end]));
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"></Types>';
const WORKBOOK =
  '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"></workbook>';

/**
 * An .xlsx-shaped zip bomb: the workbook parts a reader looks for, and a sheet that inflates to the
 * payload's size (deflateRepeated). With `declaredSize`, the directory lies about that size (the classic
 * way past a size check).
 */
export function xlsxBomb(payload: ZipEntrySpec["deflated"] & {}, declaredSize?: number): Uint8Array {
  const text = (s: string) => new TextEncoder().encode(s);
  return buildZip([
    { name: "[Content_Types].xml", data: text(CONTENT_TYPES) },
    { name: "xl/workbook.xml", data: text(WORKBOOK) },
    {
      name: "xl/worksheets/sheet1.xml",
      deflated: payload,
      ...(declaredSize === undefined ? {} : { declaredSize }),
    },
  ]);
}
