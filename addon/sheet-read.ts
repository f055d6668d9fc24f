// Reading a sheet: one getValues and one getFormulas for the whole used range, whatever its size (after one
// getValues of the header block, so tabs that are not OKR sheets are never read in full).

import { SETTINGS_SHEET } from "../shared/formulas.js";
import { LANGUAGES, type Language, type SheetLayout } from "../shared/model.js";
import { adoptedBySetUp } from "../shared/okr-tabs.js";
import { findLayout, type KnownObjective, type ParseResult, parseSheet } from "../shared/parse.js";
import { CATALOG_SHEET } from "./catalog.js";
import { word } from "./words.js";

/** Rows searched for the header (as shared/parse.ts does). */
const HEADER_SCAN_ROWS = 20;

/** The add-on's own tabs (catalog, settings, logs, rollup): never the OKR sheet. */
export const OWN_SHEETS: ReadonlySet<string> = new Set([
  SETTINGS_SHEET,
  CATALOG_SHEET,
  ...LANGUAGES.flatMap((language) => [
    word(language, "checkInsSheet"),
    word(language, "rollupSheet"),
    word(language, "conflictsSheet"),
  ]),
]);

export interface SheetData {
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
  values: unknown[][];
  formulas: string[][];
}

export function readSheet(sheet: GoogleAppsScript.Spreadsheet.Sheet): SheetData {
  const range = sheet.getDataRange();
  return { sheet, values: range.getValues(), formulas: range.getFormulas() };
}

/**
 * The OKR sheet: the preferred tab (by sheet ID, see Settings.okrSheet) when it has OKR headers, else the
 * active sheet when it has them, else the first sheet that has them.
 */
export function findOkrSheet(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  preferred: number | null = null,
): { data: SheetData; layout: SheetLayout } | null {
  const pinned = preferred === null ? null : spreadsheet.getSheetById(preferred);
  const seen = new Set<string>();
  const candidates = [pinned, spreadsheet.getActiveSheet(), ...spreadsheet.getSheets()].filter((sheet) => {
    if (!sheet || seen.has(sheet.getName())) return false;
    seen.add(sheet.getName());
    return true;
  }) as GoogleAppsScript.Spreadsheet.Sheet[];
  for (const sheet of candidates) {
    // The add-on's own sheets (catalog, settings, log, rollup) have headers too; they are never the OKR sheet.
    if (OWN_SHEETS.has(sheet.getName())) continue;
    const lastRow = sheet.getLastRow();
    if (lastRow === 0) continue;
    // Look at the header block first: another tab (a finance ledger, an IMPORTRANGE) may be large, and is
    // then never read in full.
    const head = sheet.getRange(1, 1, Math.min(HEADER_SCAN_ROWS, lastRow), sheet.getLastColumn()).getValues();
    if (!findLayout(head)) continue;
    const data = readSheet(sheet);
    const found = findLayout(data.values);
    if (found) return { data, layout: found.layout };
  }
  return null;
}

/**
 * Every OKR tab that syncs (shared/okr-tabs.ts): the OKR sheet (findOkrSheet) first, then, in tab order, each
 * other tab Set up adopted.
 */
export function findOkrTabs(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  preferred: number | null = null,
): { data: SheetData; layout: SheetLayout }[] {
  const main = findOkrSheet(spreadsheet, preferred);
  if (!main) return [];
  return [main, ...adoptedTabs(spreadsheet, main.data.sheet.getSheetId())];
}

/**
 * The tabs Set up adopted (OKR headers and the helper columns), in tab order, but the one `except` names: one
 * header-block read per tab, and the adopted ones read whole.
 */
export function adoptedTabs(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  except: number | null = null,
): { data: SheetData; layout: SheetLayout }[] {
  const tabs: { data: SheetData; layout: SheetLayout }[] = [];
  for (const sheet of spreadsheet.getSheets()) {
    if (OWN_SHEETS.has(sheet.getName()) || sheet.getSheetId() === except) continue;
    const lastRow = sheet.getLastRow();
    if (lastRow === 0) continue;
    const head = sheet.getRange(1, 1, Math.min(HEADER_SCAN_ROWS, lastRow), sheet.getLastColumn()).getValues();
    const found = findLayout(head);
    if (!found || !adoptedBySetUp(head[found.layout.headerRow - 1] ?? [])) continue;
    const data = readSheet(sheet);
    const layout = findLayout(data.values)?.layout;
    if (layout) tabs.push({ data, layout });
  }
  return tabs;
}

/** The OKR sheet's rows as the engine reads them: a user's formula in a cell read as the sheet's formulas read it. */
export function parseData(
  data: SheetData,
  language: Language,
  sheetId: string,
  known: readonly KnownObjective[] = [],
): ParseResult {
  return parseSheet(data.values, { language, sheetId, formulas: data.formulas, known });
}
