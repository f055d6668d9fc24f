// Writing to a sheet. A sheet's grid has a fixed size (a new sheet is 1000 rows by 26 columns) and getRange outside it throws, so
// every block write first makes room: at most one insertRowsAfter and one insertColumnsAfter, whatever the size.

/** Grows the sheet so that rows 1..rows and columns 1..columns exist. */
export function ensureGrid(sheet: GoogleAppsScript.Spreadsheet.Sheet, rows: number, columns: number): void {
  const maxRows = sheet.getMaxRows();
  if (rows > maxRows) sheet.insertRowsAfter(maxRows, rows - maxRows);
  const maxColumns = sheet.getMaxColumns();
  if (columns > maxColumns) sheet.insertColumnsAfter(maxColumns, columns - maxColumns);
}

/**
 * Replaces the block at A1 with `rows` (all `width` wide) in place: the new rows are written over the old ones in
 * one call, then what is left of the old block below is cleared. A failure part way leaves the old content (or
 * the new), never an empty sheet, which clear-then-fill would.
 */
export function replaceBlock(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  rows: unknown[][],
  width: number,
): void {
  const oldRows = sheet.getLastRow();
  const oldWidth = sheet.getLastColumn();
  ensureGrid(sheet, Math.max(1, rows.length), width);
  if (rows.length > 0) sheet.getRange(1, 1, rows.length, width).setValues(rows);
  if (oldRows > rows.length)
    sheet.getRange(rows.length + 1, 1, oldRows - rows.length, Math.max(width, oldWidth)).clearContent();
  if (oldWidth > width && rows.length > 0)
    sheet.getRange(1, width + 1, rows.length, oldWidth - width).clearContent();
}

/**
 * Text safe to write with setValues: Sheets turns "=…", "+…", "-…" and "@…" into formulas (and "1/2" into a
 * date); a leading apostrophe stores the text exactly as given.
 */
export function plainText(value: unknown): unknown {
  if (typeof value !== "string" || value === "") return value;
  return `'${value}`;
}
