// The alignment catalog: objectives one can align to (this sheet's and, after a sync, the organisation's), kept in
// a hidden sheet behind a named range that feeds the Aligns to / Objective dropdowns, which offer each objective
// as "ID · Title" (its Choice column). It also carries each objective's level and alignment, so the quality check
// sees which company objectives other teams support. Written in place (never cleared first), so a failed write
// leaves the old catalog and the dropdowns never go blank; an organisation of any size fits (the sheet grows first).
import type { ObjectiveRef, OkrRow } from "../shared/model.js";
import type { KnownObjective } from "../shared/parse.js";
import {
  CATALOG_CHOICE_COLUMN,
  CATALOG_HEADER,
  CATALOG_RANGE,
  CATALOG_SHEET,
  type CatalogEntry,
  catalogEntry,
  catalogRow,
} from "../shared/sheet-setup.js";
import { plainText, replaceBlock } from "./grid.js";

export { CATALOG_RANGE, CATALOG_SHEET };

const HEADER: readonly string[] = CATALOG_HEADER;

/** An objective as the catalog API sends it: the reference and its alignment. */
export type CatalogObjective = ObjectiveRef & { alignsTo?: string | null; contributesTo?: readonly string[] };

/** Writes the catalog; returns how many entries it holds. */
function writeEntries(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  entries: CatalogEntry[],
): number {
  entries.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const rows: (readonly string[])[] = [HEADER, ...entries.map(catalogRow)];
  // IDs and titles are other people's text: written as plain text, never as formulas.
  replaceBlock(
    sheet,
    rows.map((row) => row.map(plainText)),
    HEADER.length,
  );
  spreadsheet.setNamedRange(
    CATALOG_RANGE,
    sheet.getRange(2, CATALOG_CHOICE_COLUMN + 1, Math.max(1, entries.length), 1),
  );
  return entries.length;
}

/** The catalog's entries as stored (an older catalog's four columns read as entries without alignment). */
function entriesOf(values: readonly (readonly unknown[])[]): CatalogEntry[] {
  return values
    .slice(1)
    .filter((r) => r[0] !== "" && r[0] !== undefined)
    .map((r) => ({
      id: String(r[0]),
      title: String(r[1] ?? ""),
      team: String(r[2] ?? ""),
      cycle: String(r[3] ?? ""),
      level: r[4] ? String(r[4]) : null,
      alignsTo: r[5] ? String(r[5]) : null,
      contributesTo: String(r[6] ?? "")
        .split(",")
        .map((id) => id.trim())
        .filter(Boolean),
    }));
}

/** The catalog sheet and its entries (one read); created hidden when missing. */
export function catalogSheet(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): {
  sheet: GoogleAppsScript.Spreadsheet.Sheet;
  entries: CatalogEntry[];
} {
  const existing = spreadsheet.getSheetByName(CATALOG_SHEET);
  if (!existing) {
    const sheet = spreadsheet.insertSheet(CATALOG_SHEET);
    sheet.hideSheet();
    return { sheet, entries: [] };
  }
  return { sheet: existing, entries: entriesOf(existing.getDataRange().getValues()) };
}

/** The catalog's entries without creating it (none before the first Set up); one read. */
export function readCatalog(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): CatalogEntry[] {
  const sheet = spreadsheet.getSheetByName(CATALOG_SHEET);
  return sheet ? entriesOf(sheet.getDataRange().getValues()) : [];
}

/** The catalog's objectives as the parser resolves links with them (IDs and titles). */
export function knownObjectives(entries: readonly CatalogEntry[]): KnownObjective[] {
  return entries.map((entry) => ({ id: entry.id, title: entry.title }));
}

const rowEntry = (row: OkrRow): CatalogEntry => catalogEntry(row);

/** Adds this sheet's objectives to the catalog (keeps the organisation's from the last sync). */
export function ensureCatalogSheet(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  rows: readonly OkrRow[],
  existing: { sheet: GoogleAppsScript.Spreadsheet.Sheet; entries: CatalogEntry[] } = catalogSheet(
    spreadsheet,
  ),
): number {
  const byId = new Map(existing.entries.map((e) => [e.id, e]));
  for (const row of rows) if (row.type === "objective" && row.id) byId.set(row.id, rowEntry(row));
  return writeEntries(spreadsheet, existing.sheet, [...byId.values()]);
}

/** Replaces the catalog with the organisation's objectives plus this sheet's; returns how many it holds. */
export function replaceCatalog(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  refs: readonly CatalogObjective[],
  rows: readonly OkrRow[],
): number {
  const { sheet } = catalogSheet(spreadsheet);
  const byId = new Map<string, CatalogEntry>(
    refs.map((r) => [
      r.id,
      {
        id: r.id,
        title: r.title,
        team: r.team,
        cycle: r.cycle,
        level: r.level,
        alignsTo: r.alignsTo ?? null,
        contributesTo: r.contributesTo ?? [],
      },
    ]),
  );
  for (const row of rows) if (row.type === "objective" && row.id) byId.set(row.id, rowEntry(row));
  return writeEntries(spreadsheet, sheet, [...byId.values()]);
}
