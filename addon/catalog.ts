// The alignment catalog: objectives one can align to (this sheet's and, after a sync, the organisation's),
// kept in a hidden sheet behind a named range that feeds the Aligns to / Objective dropdowns.
import type { ObjectiveRef, OkrRow } from "../shared/model.js";
import { CATALOG_HEADER, CATALOG_RANGE, CATALOG_SHEET } from "../shared/sheet-setup.js";

export { CATALOG_RANGE, CATALOG_SHEET };

const HEADER: readonly string[] = CATALOG_HEADER;

type Entry = [string, string, string, string];

function writeEntries(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  entries: Entry[],
): void {
  entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const rows = [HEADER, ...entries];
  sheet.clear();
  // IDs and titles are other people's text: written as plain text, never as formulas.
  sheet.getRange(1, 1, rows.length, HEADER.length).setValues(rows.map((row) => row.map(plainText)));
  spreadsheet.setNamedRange(CATALOG_RANGE, sheet.getRange(2, 1, Math.max(1, entries.length), 1));
}

function catalogSheet(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): {
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
  entries: Entry[];
} {
  const existing = spreadsheet.getSheetByName(CATALOG_SHEET);
  if (!existing) {
    const sheet = spreadsheet.insertSheet(CATALOG_SHEET);
    sheet.hideSheet();
    return { sheet, entries: [] };
  }
  const values = existing.getDataRange().getValues().slice(1);
  return {
    sheet: existing,
    entries: values
      .filter((r) => r[0] !== "")
      .map((r) => [0, 1, 2, 3].map((i) => String(r[i] ?? "")) as Entry),
  };
}

/** Adds this sheet's objectives to the catalog (keeps the organisation's from the last sync). */
export function ensureCatalogSheet(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  rows: readonly OkrRow[],
): void {
  const { sheet, entries } = catalogSheet(spreadsheet);
  const byId = new Map(entries.map((e) => [e[0], e]));
  for (const row of rows)
    if (row.type === "objective" && row.id) byId.set(row.id, [row.id, row.title, row.team, row.cycle]);
  writeEntries(spreadsheet, sheet, [...byId.values()]);
}

/** Replaces the catalog with the organisation's objectives plus this sheet's. */
export function replaceCatalog(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  refs: readonly ObjectiveRef[],
  rows: readonly OkrRow[],
): void {
  const { sheet } = catalogSheet(spreadsheet);
  const byId = new Map<string, Entry>(refs.map((r) => [r.id, [r.id, r.title, r.team, r.cycle]]));
  for (const row of rows)
    if (row.type === "objective" && row.id) byId.set(row.id, [row.id, row.title, row.team, row.cycle]);
  writeEntries(spreadsheet, sheet, [...byId.values()]);
}

/**
 * Text safe to write with setValues: Sheets turns "=…", "+…", "-…" and "@…" into formulas (and "1/2" into a
 * date); a leading apostrophe stores the text exactly as given.
 */
export function plainText(value: unknown): unknown {
  if (typeof value !== "string" || value === "") return value;
  return `'${value}`;
}
