// How much an import may cost, checked before the cost is paid: a file's bytes before it is read, a
// workbook's zip directory (entry count, declared sizes) and then its actual inflated sizes before the
// spreadsheet library sees it, and the rows a tab may hold.
import { LIMITS } from "../../shared/wire.js";

export const IMPORT_LIMITS = {
  /**
   * One file, and one upload with all its files. A 5,000-row OKR sheet is about 1 MB as CSV and 0.3 MB as
   * .xlsx; Lambda takes at most 6 MB of request (base64 makes 4 MB of file about 5.4 MB).
   */
  fileBytes: 4 * 1024 * 1024,
  /** Files in one import. */
  files: 20,
  /** Entries in one workbook's zip: an .xlsx holds about 10 plus 3 per tab. */
  zipEntries: 1000,
  /** All entries of one workbook inflated: about ten times what 4 MB of a real workbook unpacks to. */
  unpackedBytes: 48 * 1024 * 1024,
  /** Rows read from one tab: the header may stand in the first 20, then one sync's worth of rows. */
  tabRows: 20 + LIMITS.rowsPerSync,
  /** Columns read from one tab (OKR columns and their neighbours; a stray cell far right is ignored). */
  tabColumns: 200,
} as const;
