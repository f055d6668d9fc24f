// The alignment catalog: objectives one can align to (this sheet's and, after a sync, the organisation's),
// kept in a hidden sheet behind a named range that feeds the Aligns to / Objective dropdowns. Written in place
// (never cleared first), so a failed write leaves the old catalog and the dropdowns never go blank; an
// organisation of any size fits (the sheet grows first).
import type { ObjectiveRef, OkrRow } from "../shared/model.js";
import { CATALOG_HEADER, CATALOG_RANGE, CATALOG_SHEET } from "../shared/sheet-setup.js";
import { replaceBlock } from "./grid.js";

export { CATALOG_RANGE, CATALOG_SHEET };

const HEADER: readonly string[] = CATALOG_HEADER;

type Entry = [string, string, string, string];

/** Writes the catalog; returns how many entries it holds. */
function writeEntries(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  entries: Entry[],
): number {
  entries.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const rows: (readonly string[])[] = [HEADER, ...entries];
  // IDs and titles are other people's text: written as plain text, never as formulas.
  replaceBlock(
    sheet,
    rows.map((row) => row.map(plainText)),
    HEADER.length,
  );
  spreadsheet.setNamedRange(CATALOG_RANGE, sheet.getRange(2, 1, Math.max(1, entries.length), 1));
  return entries.length;
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
): number {
  const { sheet, entries } = catalogSheet(spreadsheet);
  const byId = new Map(entries.map((e) => [e[0], e]));
  for (const row of rows)
    if (row.type === "objective" && row.id) byId.set(row.id, [row.id, row.title, row.team, row.cycle]);
  return writeEntries(spreadsheet, sheet, [...byId.values()]);
}

/** Replaces the catalog with the organisation's objectives plus this sheet's; returns how many it holds. */
export function replaceCatalog(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  refs: readonly ObjectiveRef[],
  rows: readonly OkrRow[],
): number {
  const { sheet } = catalogSheet(spreadsheet);
  const byId = new Map<string, Entry>(refs.map((r) => [r.id, [r.id, r.title, r.team, r.cycle]]));
  for (const row of rows)
    if (row.type === "objective" && row.id) byId.set(row.id, [row.id, row.title, row.team, row.cycle]);
  return writeEntries(spreadsheet, sheet, [...byId.values()]);
}

/**
 * Text safe to write with setValues: Sheets turns "=…", "+…", "-…" and "@…" into formulas (and "1/2" into a
 * date); a leading apostrophe stores the text exactly as given.
 */
export function plainText(value: unknown): unknown {
  if (typeof value !== "string" || value === "") return value;
  return `'${value}`;
}
