// A file as the import receives it (a name and its bytes) turned into tabs of cell grids, or a reason it
// cannot be read. What the file is comes from its content, not its name: an .xlsx is a zip with a workbook
// in it, a CSV is text. Parsing the grids into OKR rows is not done here (see plan.ts): later readers of
// other layouts get the same grids.
import { IMPORT_LIMITS } from "./limits.js";
import { readCsv } from "./read-csv.js";
import { type ReadTab, readXlsx } from "./read-xlsx.js";
import { checkZip, looksLikeZip, type ZipRefusal } from "./zip-guard.js";

export type FileKind = "xlsx" | "csv";

export interface ReadFile {
  name: string;
  kind: FileKind;
  tabs: ReadTab[];
}

/** Why a file could not be read; messages.ts says it in the user's language. */
export type FileError =
  | { code: "too_large"; bytes: number; limit: number }
  | { code: "empty" }
  | { code: "not_found" }
  | { code: "old_excel" }
  | { code: "other_document"; what: string }
  | { code: "not_spreadsheet" }
  | { code: "zip_bomb"; detail: ZipRefusal }
  | { code: "damaged" }
  | { code: "encrypted" };

export type ReadResult = { ok: true; file: ReadFile } | { ok: false; name: string; error: FileError };

const SIGNATURES: { bytes: number[]; what: string }[] = [
  { bytes: [0x25, 0x50, 0x44, 0x46], what: "PDF" },
  { bytes: [0x89, 0x50, 0x4e, 0x47], what: "PNG" },
  { bytes: [0xff, 0xd8, 0xff], what: "JPEG" },
  { bytes: [0x47, 0x49, 0x46, 0x38], what: "GIF" },
  { bytes: [0x1f, 0x8b], what: "gzip" },
  { bytes: [0x7b, 0x5c, 0x72, 0x74, 0x66], what: "RTF" },
];
/** Old binary Office files (.xls, .doc) and password-protected .xlsx: OLE compound documents. */
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

const startsWith = (bytes: Uint8Array, prefix: readonly number[]) =>
  bytes.length >= prefix.length && prefix.every((byte, i) => bytes[i] === byte);

/** The size check alone, for callers that know a file's size before reading it (stat, Content-Length). */
export function sizeError(bytes: number): FileError | null {
  return bytes > IMPORT_LIMITS.fileBytes
    ? { code: "too_large", bytes, limit: IMPORT_LIMITS.fileBytes }
    : null;
}

function zipError(refusal: ZipRefusal): FileError {
  if (refusal.reason === "encrypted") return { code: "encrypted" };
  if (refusal.reason === "damaged") return { code: "damaged" };
  if (refusal.reason === "not_workbook") return { code: "other_document", what: "zip" };
  if (refusal.reason === "not_zip") return { code: "not_spreadsheet" };
  return { code: "zip_bomb", detail: refusal };
}

/** Reads one file; never throws. */
export async function readSpreadsheetFile(name: string, bytes: Uint8Array): Promise<ReadResult> {
  const fail = (error: FileError): ReadResult => ({ ok: false, name, error });
  const tooLarge = sizeError(bytes.length);
  if (tooLarge) return fail(tooLarge);
  if (bytes.length === 0) return fail({ code: "empty" });
  if (startsWith(bytes, OLE)) return fail({ code: "old_excel" });
  const other = SIGNATURES.find((signature) => startsWith(bytes, signature.bytes));
  if (other) return fail({ code: "other_document", what: other.what });

  if (looksLikeZip(bytes)) {
    const check = await checkZip(bytes, {
      entries: IMPORT_LIMITS.zipEntries,
      unpackedBytes: IMPORT_LIMITS.unpackedBytes,
    });
    if (!check.ok) return fail(zipError(check));
    try {
      return { ok: true, file: { name, kind: "xlsx", tabs: await readXlsx(bytes) } };
    } catch {
      return fail({ code: "damaged" });
    }
  }

  const csv = readCsv(bytes);
  if (!csv) return fail({ code: "not_spreadsheet" });
  const truncated = csv.grid.length > IMPORT_LIMITS.tabRows;
  const grid = truncated ? csv.grid.slice(0, IMPORT_LIMITS.tabRows) : csv.grid;
  const tab: ReadTab = { name: "", hidden: false, grid, truncated, uncached: [] };
  return { ok: true, file: { name, kind: "csv", tabs: [tab] } };
}
