// Set up sheet: adopt (or create) the OKR sheet, add missing columns, give rows IDs, write the computed-column
// formulas and the settings sheet, dropdowns, conditional formats, progress bars, frozen header and
// warning-only protection. Every write covers a whole column block, so the call count does not grow with rows;
// running it twice changes nothing.
import { parseEnumValue, valueLabel, valueLabels } from "../shared/columns.js";
import {
  CYCLE_TABLE_FIRST_ROW,
  columnLetter,
  computedFormulas,
  type FormulaContext,
  HELPER_HEADERS,
  progressBarFormula,
  SETTINGS_SHEET,
  SETTINGS_WIDTH,
  settingsSheetValues,
  withArgumentSeparator,
} from "../shared/formulas.js";
import { assignIds } from "../shared/ids.js";
import { type ColumnKey, LANGUAGES, type Language, type RowType, type SheetLayout } from "../shared/model.js";
import { findLayout, parseSheet } from "../shared/parse.js";
import {
  CATALOG_RANGE,
  completeHeader,
  cycleWindows,
  formulaLabels,
  PROGRESS_BAR_LABELS,
  STATUS_COLORS,
  STATUS_LABELS,
  scoreBandRules,
} from "../shared/sheet-setup.js";
import { ensureCatalogSheet } from "./catalog.js";
import { activeSpreadsheet } from "./context.js";
import { ensureGrid, replaceBlock } from "./grid.js";
import { pinOkrSheet, readFormulaSeparator, readSettings, storeFormulaSeparator } from "./settings.js";
import { findOkrSheet, readSheet, type SheetData } from "./sheet-read.js";
import { word } from "./words.js";

export { formulaLabels };

const PROTECTION_TAG = "OKR Sheets: computed";

export interface SetUpResult {
  sheetName: string;
  rows: number;
  newIds: number;
  message: string;
}

/** The OKR sheet to set up: the one with OKR headers, else a new sheet (or the active one when it is empty). */
function adoptSheet(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, language: Language): SheetData {
  const found = findOkrSheet(spreadsheet);
  if (found) return found.data;
  const active = spreadsheet.getActiveSheet();
  const sheet = active.getLastRow() === 0 ? active : spreadsheet.insertSheet(word(language, "sheetName"));
  return { sheet, values: [], formulas: [] };
}

export function writeSettingsSheet(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  cycleLabels: Iterable<string>,
): void {
  const settings = readSettings();
  const values = settingsSheetValues({
    asOf: null,
    thresholds: settings.thresholds,
    cycles: cycleWindows(cycleLabels, settings.cycles),
  });
  let sheet = spreadsheet.getSheetByName(SETTINGS_SHEET);
  if (!sheet) {
    sheet = spreadsheet.insertSheet(SETTINGS_SHEET);
    sheet.hideSheet();
  }
  // In place: the formulas read these cells, so they are never blank in between.
  replaceBlock(sheet, values, SETTINGS_WIDTH);
  // The cycle table's dates are serials: show them as dates.
  sheet
    .getRange(CYCLE_TABLE_FIRST_ROW, 2, Math.max(1, values.length - CYCLE_TABLE_FIRST_ROW + 1), 2)
    .setNumberFormat("yyyy-mm-dd");
}

/** A cell of the settings sheet right of its block, for the separator probe. */
const PROBE_COLUMN = SETTINGS_WIDTH + 1;

/**
 * The argument separator formulas written by this add-on need in this spreadsheet. Google's reference does not
 * say whether setFormulas and conditional-format formulas are read in the canonical (en_US) syntax or in the
 * spreadsheet's locale, where sv_SE and nb_NO separate arguments with ";" (docs/verify-on-google.md). So the add-on
 * asks the spreadsheet: it writes =IF(1=1,1,2) into a spare cell of the hidden settings sheet and reads it back;
 * 1 means commas work, otherwise the same with ";" is tried. Remembered per locale (a few calls, once).
 */
export function formulaSeparator(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): "," | ";" {
  const locale = spreadsheet.getSpreadsheetLocale();
  const known = readFormulaSeparator(locale);
  if (known) return known;
  const settingsSheet = spreadsheet.getSheetByName(SETTINGS_SHEET);
  if (!settingsSheet) return ",";
  ensureGrid(settingsSheet, 1, PROBE_COLUMN);
  const cell = settingsSheet.getRange(1, PROBE_COLUMN);
  let found: "," | ";" = ",";
  for (const separator of [",", ";"] as const) {
    cell.setFormula(withArgumentSeparator("=IF(1=1,1,2)", separator));
    SpreadsheetApp.flush();
    if (cell.getValue() === 1) {
      found = separator;
      break;
    }
  }
  cell.clearContent();
  storeFormulaSeparator(locale, found);
  return found;
}

/** After Settings change thresholds or cycle dates: rewrite the settings sheet the formulas read (if set up). */
export function refreshSettingsSheet(): void {
  const spreadsheet = activeSpreadsheet();
  if (!spreadsheet.getSheetByName(SETTINGS_SHEET)) return;
  const found = findOkrSheet(spreadsheet);
  const rows = found ? parseSheet(found.data.values).rows : [];
  writeSettingsSheet(spreadsheet, new Set(rows.map((row) => row.cycle).filter(Boolean)));
}

export function setUpSheet(): SetUpResult {
  const spreadsheet = activeSpreadsheet();
  const settings = readSettings();
  const data = adoptSheet(spreadsheet, settings.language);
  const { sheet } = data;

  // 1. Header: adopt the user's, add what is missing (in the sheet's language).
  const found = findLayout(data.values);
  const headerRow = found?.layout.headerRow ?? 1;
  const language = found?.layout.language ?? settings.language;
  const oldHeader = data.values[headerRow - 1] ?? [];
  const { header, helpers, bar } = completeHeader(oldHeader, language);
  const headerChanged =
    header.length !== oldHeader.length || header.some((cell, i) => cell !== String(oldHeader[i] ?? ""));
  // A sheet with columns of its own may need more than its 26: make room first.
  ensureGrid(sheet, headerRow, header.length);
  if (headerChanged) sheet.getRange(headerRow, 1, 1, header.length).setValues([header]);

  // 2. Rows as the parser sees them with the full header.
  const values = data.values.map((row) => [...row]);
  while (values.length < headerRow) values.push([]);
  values[headerRow - 1] = header;
  const parsed = parseSheet(values, { language: settings.language, sheetId: settings.sheetId });
  const layout: SheetLayout = parsed.layout ?? (findLayout(values)?.layout as SheetLayout);
  const { columns } = layout;
  const firstRow = headerRow + 1;
  const lastRow = Math.max(firstRow, values.length);
  const height = lastRow - firstRow + 1;
  const byRow = new Map(parsed.rows.map((row) => [row.row, row]));

  // 3. IDs for rows without one, and Type / KR type words in the sheet's language (the formulas compare them).
  const assigned = assignIds(parsed.rows, new Set<string>());
  const rewriteColumn = (key: ColumnKey, cellFor: (sheetRow: number, old: unknown) => unknown) => {
    const index = columns[key];
    if (index === undefined) return;
    const formulas = data.formulas;
    const next: unknown[][] = [];
    let changed = false;
    for (let r = firstRow; r <= lastRow; r++) {
      const old = values[r - 1]?.[index] ?? "";
      // A user's formula in the cell stays.
      const value = formulas[r - 1]?.[index] ? formulas[r - 1]![index] : cellFor(r, old);
      if (value !== old && !formulas[r - 1]?.[index]) changed = true;
      next.push([value]);
    }
    if (changed) sheet.getRange(firstRow, index + 1, height, 1).setValues(next);
  };
  if (assigned.length > 0) rewriteColumn("id", (r, old) => byRow.get(r)?.id || old);
  rewriteColumn("type", (r, old) => {
    const row = byRow.get(r);
    return row ? valueLabel("type", row.type, language) : old;
  });
  // Key results and KPIs left blank take their objective's cycle (as the parser reads them), so the
  // Expected formula, which reads the row's own Cycle cell, agrees with shared/.
  rewriteColumn("cycle", (r, old) => (old === "" ? (byRow.get(r)?.cycle ?? "") : old));
  rewriteColumn("krType", (r, old) => {
    const row = byRow.get(r);
    return row?.krType && old !== "" ? valueLabel("krType", row.krType, language) : old;
  });

  // 4. Settings sheet and catalog (dropdown source for Aligns to / Contributes to).
  writeSettingsSheet(spreadsheet, new Set(parsed.rows.map((row) => row.cycle).filter(Boolean)));
  ensureCatalogSheet(spreadsheet, parsed.rows);

  // 5. Formulas: one setFormulas per computed column, type-specific (lighter recalculation).
  const ctx: FormulaContext = { layout, helpers, labels: formulaLabels(language) };
  const separator = formulaSeparator(spreadsheet);
  const rowTypes: (RowType | null)[] = [];
  for (let r = firstRow; r <= lastRow; r++) rowTypes.push(byRow.get(r)?.type ?? null);
  writeFormulas(sheet, ctx, bar, firstRow, rowTypes, separator);
  for (const key of ["progress", "expected"] as const) {
    const index = columns[key];
    if (index !== undefined) sheet.getRange(firstRow, index + 1, height, 1).setNumberFormat("0%");
  }
  sheet.hideColumns(helpers.weight + 1, 1);
  sheet.hideColumns(helpers.weighted + 1, 1);
  sheet.hideColumns(helpers.started + 1, 1);

  // 6. Dropdowns, formats, frozen header, protection: whole columns, independent of row count.
  const maxRows = Math.max(sheet.getMaxRows(), lastRow);
  const dataRows = maxRows - headerRow;
  const columnRange = (index: number) => sheet.getRange(firstRow, index + 1, dataRows, 1);
  const list = (kind: "type" | "level" | "krType" | "kpiKind") =>
    SpreadsheetApp.newDataValidation()
      .requireValueInList(valueLabels(kind, language), true)
      .setAllowInvalid(true)
      .build();
  for (const [key, kind] of [
    ["type", "type"],
    ["level", "level"],
    ["krType", "krType"],
    ["kpiKind", "kpiKind"],
  ] as const) {
    const index = columns[key];
    if (index !== undefined) columnRange(index).setDataValidation(list(kind));
  }
  applyCatalogRules(spreadsheet, sheet, layout);
  applyConditionalFormats(sheet, columns, language, firstRow, dataRows);
  if (sheet.getFrozenRows() !== headerRow) sheet.setFrozenRows(headerRow);
  protectFormulaColumns(
    sheet,
    [
      columns.progress,
      columns.expected,
      columns.status,
      bar,
      helpers.weight,
      helpers.weighted,
      helpers.started,
    ],
    firstRow,
    dataRows,
  );

  sheet.activate();
  // The tab just set up is the one that syncs from now on.
  const tab = sheet.getSheetId();
  if (settings.okrSheet !== tab) pinOkrSheet(tab);
  const message = word(settings.language, "setUpDone", { rows: parsed.rows.length, ids: assigned.length });
  spreadsheet.toast(message);
  return { sheetName: sheet.getName(), rows: parsed.rows.length, newIds: assigned.length, message };
}

/**
 * The Aligns to and Objective dropdowns: the catalog's IDs (whatever its size now; re-applied when it changes,
 * since a rule keeps the range it was given). Contributes to holds several IDs in one cell, which a list rule
 * would flag as invalid, so it has none: the quality check reports an unknown ID there.
 */
export function applyCatalogRules(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  layout: SheetLayout,
): void {
  const catalog = spreadsheet.getRangeByName(CATALOG_RANGE);
  if (!catalog) return;
  const rule = SpreadsheetApp.newDataValidation()
    .requireValueInRange(catalog, true)
    .setAllowInvalid(true)
    .build();
  const firstRow = layout.headerRow + 1;
  const dataRows = sheet.getMaxRows() - layout.headerRow;
  if (dataRows < 1) return;
  for (const key of ["alignsTo", "objective"] as const) {
    const index = layout.columns[key];
    if (index !== undefined) sheet.getRange(firstRow, index + 1, dataRows, 1).setDataValidation(rule);
  }
  const contributes = layout.columns.contributesTo;
  if (contributes !== undefined)
    sheet.getRange(firstRow, contributes + 1, dataRows, 1).setDataValidation(null);
}

/** The computed columns' formulas for rows firstRow.. (one type per row): one write per column. */
function writeFormulas(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  ctx: FormulaContext,
  bar: number,
  firstRow: number,
  rowTypes: readonly (RowType | null)[],
  separator: "," | ";",
): void {
  const lastRow = firstRow + rowTypes.length - 1;
  const local = (formula: string) => [withArgumentSeparator(formula, separator)];
  for (const block of computedFormulas(firstRow, lastRow, ctx, rowTypes)) {
    sheet.getRange(firstRow, block.column + 1, rowTypes.length, 1).setFormulas(block.formulas.map(local));
  }
  const bars: string[][] = [];
  for (let r = firstRow; r <= lastRow; r++) bars.push(local(progressBarFormula(r, ctx)));
  sheet.getRange(firstRow, bar + 1, rowTypes.length, 1).setFormulas(bars);
}

/**
 * onEdit: formulas are type-specific, so when Type cells change (or rows are typed below the set-up area),
 * the edited rows get the formulas of their new type. Reads the header and the edited rows' Type cells only;
 * one write per computed column, however many rows were pasted.
 */
export function refreshEditedRows(range: GoogleAppsScript.Spreadsheet.Range): void {
  const sheet = range.getSheet();
  const lastColumn = sheet.getLastColumn();
  if (lastColumn === 0) return;
  const top = sheet.getRange(1, 1, Math.min(20, Math.max(1, sheet.getLastRow())), lastColumn).getValues();
  const found = findLayout(top);
  if (!found) return;
  const { layout } = found;
  const typeColumn = layout.columns.type;
  if (typeColumn === undefined) return;
  const header = (top[layout.headerRow - 1] ?? []).map((cell) => String(cell ?? ""));
  const weight = header.indexOf(HELPER_HEADERS.weight);
  const weighted = header.indexOf(HELPER_HEADERS.weighted);
  const started = header.indexOf(HELPER_HEADERS.started);
  const barLabels = LANGUAGES.map((l) => PROGRESS_BAR_LABELS[l]);
  const bar = header.findIndex((cell) => barLabels.includes(cell));
  // Not set up yet, or the edit is elsewhere: nothing to refresh.
  if (weight < 0 || weighted < 0 || started < 0 || bar < 0) return;
  const firstEdited = Math.max(range.getRow(), layout.headerRow + 1);
  const lastEdited = range.getRow() + range.getNumRows() - 1;
  const touchesType =
    range.getColumn() <= typeColumn + 1 && typeColumn + 1 <= range.getColumn() + range.getNumColumns() - 1;
  if (!touchesType || lastEdited < firstEdited) return;
  const types = sheet
    .getRange(firstEdited, typeColumn + 1, lastEdited - firstEdited + 1, 1)
    .getValues()
    .map((row) => (parseEnumValue("type", String(row[0] ?? "")) as RowType | null) ?? null);
  const ctx: FormulaContext = {
    layout,
    helpers: { weight, weighted, started },
    labels: formulaLabels(layout.language),
  };
  writeFormulas(
    sheet,
    ctx,
    bar,
    firstEdited,
    types,
    readFormulaSeparator(sheet.getParent().getSpreadsheetLocale()) ?? ",",
  );
}

function applyConditionalFormats(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  columns: Partial<Record<ColumnKey, number>>,
  language: Language,
  firstRow: number,
  dataRows: number,
): void {
  const ours: GoogleAppsScript.Spreadsheet.ConditionalFormatRule[] = [];
  const status = columns.status;
  const progress = columns.progress;
  const ourRanges = new Set<string>();
  if (status !== undefined) {
    const range = sheet.getRange(firstRow, status + 1, dataRows, 1);
    ourRanges.add(range.getA1Notation());
    for (const [key, label] of Object.entries(STATUS_LABELS[language]) as [
      keyof typeof STATUS_COLORS,
      string,
    ][]) {
      ours.push(
        SpreadsheetApp.newConditionalFormatRule()
          .whenTextEqualTo(label)
          .setBackground(STATUS_COLORS[key])
          .setRanges([range])
          .build(),
      );
    }
  }
  if (progress !== undefined) {
    const range = sheet.getRange(firstRow, progress + 1, dataRows, 1);
    ourRanges.add(range.getA1Notation());
    // Score bands (0.7 green, 0.4 yellow, below red), only for numbers.
    for (const { formula, color } of scoreBandRules(`${columnLetter(progress)}${firstRow}`)) {
      ours.push(
        SpreadsheetApp.newConditionalFormatRule()
          .whenFormulaSatisfied(formula)
          .setBackground(color)
          .setRanges([range])
          .build(),
      );
    }
  }
  // Keep the user's own rules; replace ours (same ranges) so a second run adds nothing.
  const kept = sheet
    .getConditionalFormatRules()
    .filter((rule) => !rule.getRanges().some((range) => ourRanges.has(range.getA1Notation())));
  sheet.setConditionalFormatRules([...kept, ...ours]);
}

function protectFormulaColumns(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  indexes: (number | undefined)[],
  firstRow: number,
  dataRows: number,
): void {
  const existing = new Set(
    sheet
      .getProtections(SpreadsheetApp.ProtectionType.RANGE)
      .map((p) => (p as GoogleAppsScript.Spreadsheet.Protection).getDescription())
      .filter((d) => d.startsWith(PROTECTION_TAG)),
  );
  for (const index of indexes) {
    if (index === undefined) continue;
    const description = `${PROTECTION_TAG} ${columnLetter(index)}`;
    if (existing.has(description)) continue;
    sheet
      .getRange(firstRow, index + 1, dataRows, 1)
      .protect()
      .setDescription(description)
      .setWarningOnly(true);
  }
}

export { readSheet };
