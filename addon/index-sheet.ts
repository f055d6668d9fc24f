// The hidden OKR Index sheet behind objectives' progress (shared/formulas.ts, indexSheetFormulas): written whole by
// Set up, and grown when the OKR sheet outgrows it. A constant number of calls whatever the sheet's size: one
// setFormulas for the whole index, a named range, at most one grid change per sheet.
import {
  type HelperColumn,
  INDEX_KEYS_RANGE,
  INDEX_RANGE,
  INDEX_SHEET,
  INDEX_WIDTH,
  indexChainRows,
  indexSheetFormulas,
  indexSheetGrid,
  indexSheetRows,
  refersToSheet,
  withArgumentSeparator,
} from "../shared/formulas.js";
import { ensureGrid } from "./grid.js";

/** The M:O columns INDEX_RANGE names (1-based first column and width). */
const DONE_COLUMN = 13;
const DONE_WIDTH = 3;
/** The R column INDEX_KEYS_RANGE names (1-based). */
const KEYS_COLUMN = 18;

/**
 * The OKR sheet's last grid row, kept blank: the index reads rows 1..it, and a blank last row is one nobody sorts
 * or drags, so the range keeps its end (see IndexExtent). Adds a row when the last one is in use.
 */
function blankLastRow(okrSheet: GoogleAppsScript.Spreadsheet.Sheet): number {
  const maxRows = okrSheet.getMaxRows();
  if (okrSheet.getLastRow() < maxRows) return maxRows;
  okrSheet.insertRowsAfter(maxRows, 1);
  return maxRows + 1;
}

/** Writes the index for the OKR sheet as it is now, replacing what stands there. */
export function writeIndexSheet(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  okrSheet: GoogleAppsScript.Spreadsheet.Sheet,
  helpers: Record<HelperColumn, number>,
  separator: "," | ";",
): void {
  const extent = { lastRow: blankLastRow(okrSheet), usedRows: okrSheet.getLastRow() };
  const chainRows = indexChainRows(extent);
  let index = spreadsheet.getSheetByName(INDEX_SHEET);
  if (!index) {
    // insertSheet makes the new sheet the active one: the person stays on their OKR sheet.
    index = spreadsheet.insertSheet(INDEX_SHEET);
    index.hideSheet();
    okrSheet.activate();
  }
  const oldRows = index.getLastRow();
  // Blank rows below the chain for the SORT's result to grow into (indexSheetRows).
  ensureGrid(index, indexSheetRows(extent), INDEX_WIDTH);
  const grid = indexSheetGrid(indexSheetFormulas(okrSheet.getName(), helpers, extent));
  // "" clears a cell: the SORT and the block copies spill into those.
  index
    .getRange(1, 1, chainRows, INDEX_WIDTH)
    .setFormulas(
      grid.map((cells) => cells.map((f) => (f === null ? "" : withArgumentSeparator(f, separator)))),
    );
  if (oldRows > chainRows) index.getRange(chainRows + 1, 1, oldRows - chainRows, INDEX_WIDTH).clearContent();
  spreadsheet.setNamedRange(INDEX_RANGE, index.getRange(1, DONE_COLUMN, chainRows, DONE_WIDTH));
  spreadsheet.setNamedRange(INDEX_KEYS_RANGE, index.getRange(1, KEYS_COLUMN, chainRows, 1));
}

/** The index reads this tab (its SORT names it; Sheets keeps the name current when a tab is renamed). */
export function indexServes(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  okrSheet: GoogleAppsScript.Spreadsheet.Sheet,
): boolean {
  const index = spreadsheet.getSheetByName(INDEX_SHEET);
  return index !== null && refersToSheet(index.getRange(1, 1).getFormula(), okrSheet.getName());
}

/** The last OKR sheet row the index's SORT reads (its range as Sheets keeps it: inserted rows move its end). */
export function indexedLastRow(anchorFormula: string): number | null {
  const match = /:\$?[A-Z]+\$?(\d+)/.exec(anchorFormula);
  return match ? Number(match[1]) : null;
}

/**
 * Grows the index when the OKR sheet has outgrown it: its range must end on the grid's last row, which must be
 * blank, and the chain (as long as INDEX_RANGE) must reach a row past the rows in use. A few reads when
 * nothing is to do.
 */
export function ensureIndexSheet(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  okrSheet: GoogleAppsScript.Spreadsheet.Sheet,
  helpers: Record<HelperColumn, number>,
  separator: "," | ";",
  lastEditedRow: number,
): boolean {
  const index = spreadsheet.getSheetByName(INDEX_SHEET);
  const lastRow = index ? indexedLastRow(index.getRange(1, 1).getFormula()) : null;
  const maxRows = okrSheet.getMaxRows();
  const chainRows = index ? (spreadsheet.getRangeByName(INDEX_RANGE)?.getNumRows() ?? 0) : 0;
  // Keyed rows are fewer than the rows in use: a chain one row longer than those is enough.
  const sound =
    lastRow !== null &&
    lastRow === maxRows &&
    lastEditedRow < maxRows &&
    chainRows > Math.min(lastRow, okrSheet.getLastRow());
  if (sound) return false;
  writeIndexSheet(spreadsheet, okrSheet, helpers, separator);
  return true;
}
