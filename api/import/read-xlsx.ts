// .xlsx workbooks (Google Sheets' File > Download > Microsoft Excel, Excel, LibreOffice) as grids of cell
// values, the way Apps Script's getValues() hands a sheet to the shared parser: numbers as numbers, text as
// text, booleans (checkboxes) as booleans, dates as Date objects, formulas as their saved (cached) values,
// errors as their text (#N/A), merged cells only in their top-left cell. Read with exceljs, after
// zip-guard.ts has checked the file.
import ExcelJS from "exceljs";
import { IMPORT_LIMITS } from "./limits.js";

export interface ReadTab {
  name: string;
  hidden: boolean;
  /** Rows from row 1 (index 0); blank cells are undefined. */
  grid: unknown[][];
  /** More rows held content than IMPORT_LIMITS.tabRows: the rest was not read. */
  truncated: boolean;
  /** Cells (1-based row and column) holding a formula with no saved value: the file was never calculated. */
  uncached: { row: number; column: number }[];
}

/** A date as Apps Script gives it: the calendar day and time in the local zone (exceljs reads them as UTC). */
function localDate(date: Date): Date {
  return new Date(
    date.getUTCFullYear(),
    date.getUTCMonth(),
    date.getUTCDate(),
    date.getUTCHours(),
    date.getUTCMinutes(),
    date.getUTCSeconds(),
  );
}

const UNCACHED = Symbol("uncached");

function plainValue(value: ExcelJS.CellValue): unknown {
  if (value === null || value === undefined) return undefined;
  if (typeof value === "number" || typeof value === "string" || typeof value === "boolean") return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : localDate(value);
  if (typeof value !== "object") return String(value);
  if ("formula" in value || "sharedFormula" in value) {
    const result = (value as ExcelJS.CellFormulaValue).result;
    return result === undefined ? UNCACHED : plainValue(result as ExcelJS.CellValue);
  }
  if ("error" in value) return (value as ExcelJS.CellErrorValue).error;
  if ("richText" in value)
    return (value as ExcelJS.CellRichTextValue).richText.map((run) => run.text).join("");
  if ("hyperlink" in value) {
    const text = (value as ExcelJS.CellHyperlinkValue).text as unknown;
    return typeof text === "string" ? text : plainValue(text as ExcelJS.CellValue);
  }
  return undefined;
}

/** Every tab of a workbook that zip-guard.ts has passed. Throws when exceljs cannot read it. */
export async function readXlsx(bytes: Uint8Array): Promise<ReadTab[]> {
  const workbook = new ExcelJS.Workbook();
  // exceljs's load() types want a Node Buffer; a view on the same memory, no copy.
  await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  const tabs: ReadTab[] = [];
  workbook.eachSheet((sheet) => {
    const grid: unknown[][] = [];
    const uncached: ReadTab["uncached"] = [];
    let truncated = false;
    sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      if (rowNumber > IMPORT_LIMITS.tabRows) {
        truncated = true;
        return;
      }
      const cells: unknown[] = [];
      row.eachCell({ includeEmpty: false }, (cell, column) => {
        if (column > IMPORT_LIMITS.tabColumns) return;
        // A merged range's value stands in its top-left cell only, as in Sheets.
        if (cell.isMerged && cell.master !== cell) return;
        const value = plainValue(cell.value);
        if (value === UNCACHED) uncached.push({ row: rowNumber, column });
        else if (value !== undefined) cells[column - 1] = value;
      });
      if (cells.length > 0) grid[rowNumber - 1] = cells;
    });
    // Dense rows (the parser walks every index); blank rows stay empty arrays.
    for (let r = 0; r < grid.length; r++) grid[r] ??= [];
    tabs.push({ name: sheet.name, hidden: sheet.state !== "visible", grid, truncated, uncached });
  });
  return tabs;
}
