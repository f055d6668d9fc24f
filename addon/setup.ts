// Set up sheet: adopt the OKR sheet as people wrote it, or say what is missing; add missing columns, write values
// in canonical form, create the objectives it names, give rows IDs, write the computed-column formulas and the
// settings sheet, dropdowns, conditional formats, progress bars, frozen header and warning-only protection.
// What to write is planned in shared/ (planSetUp); this shell only carries it out. Every write covers a whole
// column block, so the call count does not grow with rows; running it twice changes nothing.
//
// onEdit (refreshEditedRows) does the same for the rows just edited: canonical values, an ID, the objective above,
// the objective's cycle, and the formulas of the row's type, so rows added after Set up compute what the server does.

import type { CellWrite } from "../shared/canonical.js";
import { canonicalCells } from "../shared/canonical.js";
import { headerLabel, valueLabels } from "../shared/columns.js";
import { quarterOf, sheetSerial } from "../shared/cycle.js";
import {
  CYCLE_TABLE_FIRST_ROW,
  columnLetter,
  computedFormulas,
  type FormulaContext,
  HELPER_HEADERS,
  INDEX_SHEET,
  objectiveLabel,
  progressBarFormula,
  SETTINGS_CELLS,
  SETTINGS_SHEET,
  SETTINGS_WIDTH,
  settingsSheetValues,
  withArgumentSeparator,
} from "../shared/formulas.js";
import { assignIds } from "../shared/ids.js";
import { type ColumnKey, LANGUAGES, type Language, type RowType, type SheetLayout } from "../shared/model.js";
import { findLayout, type KnownObjective, linkParents, okrLikeHeader, parseSheet } from "../shared/parse.js";
import {
  CATALOG_RANGE,
  completeHeader,
  cycleWindows,
  formulaLabels,
  gradeBandTextRules,
  PROGRESS_BAR_LABELS,
  planSetUp,
  rowCells,
  type SetUpPlan,
  STATUS_COLORS,
  STATUS_LABELS,
  scoreBandRules,
  templateRows,
} from "../shared/sheet-setup.js";
import { catalogSheet, ensureCatalogSheet, knownObjectives, readCatalog } from "./catalog.js";
import { activeSpreadsheet } from "./context.js";
import { errorMessage } from "./errors.js";
import { ensureGrid, replaceBlock } from "./grid.js";
import { ensureIndexSheet, indexServes, writeIndexSheet } from "./index-sheet.js";
import {
  pinOkrSheet,
  readFormulaSeparator,
  readSettings,
  type Settings,
  storeFormulaSeparator,
} from "./settings.js";
import {
  adoptedTabs,
  findOkrSheet,
  findOkrTabs,
  OWN_SHEETS,
  readSheet,
  type SheetData,
} from "./sheet-read.js";
import { word } from "./words.js";

export { formulaLabels };

const PROTECTION_TAG = "OKR Sheets: computed";
const PERCENT_FORMAT = "0%";

export interface SetUpResult {
  ok: boolean;
  sheetName: string;
  rows: number;
  newIds: number;
  /** Objectives created from titles named in the Objective column. */
  created: number;
  /** Cells written in canonical form. */
  rewritten: number;
  message: string;
}

/**
 * A tab with OKR-like headers that are not enough to read (no title column, fewer than three known headers): what
 * was found and what is needed, in that tab's language. Reads each tab's header block only.
 */
export function okrLikeTab(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): string | null {
  for (const sheet of spreadsheet.getSheets()) {
    if (OWN_SHEETS.has(sheet.getName()) || sheet.getLastRow() === 0) continue;
    const head = sheet.getRange(1, 1, Math.min(20, sheet.getLastRow()), sheet.getLastColumn()).getValues();
    const found = okrLikeHeader(head);
    if (!found) continue;
    const { language } = found;
    const named = found.found.map((key) => headerLabel(key, language)).join(", ");
    const needs = !found.found.includes("title")
      ? word(language, "needsTitle", {
          title: headerLabel("title", language),
          keyResult: valueLabelOf("key_result", language),
        })
      : word(language, "needsMore", {
          examples: (["type", "target", "current"] as const)
            .map((key) => headerLabel(key, language))
            .join(", "),
        });
    return word(language, "okrLikeFound", { tab: sheet.getName(), row: found.row, found: named, needs });
  }
  return null;
}

const valueLabelOf = (type: RowType, language: Language) =>
  valueLabels("type", language)[["objective", "key_result", "kpi"].indexOf(type)]!;

/** The OKR sheet to set up: the one with OKR headers, else the active one when empty, else a new one. */
function adoptSheet(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  language: Language,
): { data: SheetData } | { refused: string } {
  const found = findOkrSheet(spreadsheet);
  if (found) return { data: found.data };
  // Never an empty tab beside a sheet that holds OKR-like data: say what was found and what it needs.
  const nearMiss = okrLikeTab(spreadsheet);
  if (nearMiss) return { refused: nearMiss };
  const active = spreadsheet.getActiveSheet();
  const sheet = active.getLastRow() === 0 ? active : spreadsheet.insertSheet(word(language, "sheetName"));
  return { data: { sheet, values: [], formulas: [] } };
}

/** Today in the spreadsheet's time zone (File > Settings), the day its TODAY() would show. */
function today(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): string {
  return Utilities.formatDate(new Date(), spreadsheet.getSpreadsheetTimeZone(), "yyyy-MM-dd");
}

export function writeSettingsSheet(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  cycleLabels: Iterable<string>,
): void {
  const settings = readSettings();
  const values = settingsSheetValues({
    asOf: today(spreadsheet),
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
  // The as-of day and the cycle table's dates are serials: show them as dates.
  sheet.getRange(SETTINGS_CELLS.asOf).setNumberFormat("yyyy-mm-dd");
  sheet
    .getRange(CYCLE_TABLE_FIRST_ROW, 2, Math.max(1, values.length - CYCLE_TABLE_FIRST_ROW + 1), 2)
    .setNumberFormat("yyyy-mm-dd");
}

/**
 * The settings sheet's As of cell holds today's date as a value, not =TODAY(): a volatile cell that every row's
 * Expected reads would make each edit anywhere recompute Expected and Status on every row. So the add-on writes
 * the day whenever it runs here: Set up, sync (by hand or automatic), Settings, and the simple triggers (on open,
 * on edit: the first edit of a new day). Two reads and nothing else on a day it has already written. A sheet set up
 * before still holding =TODAY() gets the value at the first of these.
 */
export function stampAsOf(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): void {
  const sheet = spreadsheet.getSheetByName(SETTINGS_SHEET);
  if (!sheet) return;
  const cell = sheet.getRange(SETTINGS_CELLS.asOf);
  const day = today(spreadsheet);
  const serial = sheetSerial(day);
  const value = cell.getValue();
  // A date-formatted cell reads back as a Date (midnight in the spreadsheet's zone), or as its serial.
  const written =
    value instanceof Date
      ? Utilities.formatDate(value, spreadsheet.getSpreadsheetTimeZone(), "yyyy-MM-dd") === day
      : value === serial;
  if (written && cell.getFormula() === "") return;
  cell.setValue(serial);
}

/** onOpen: today into the As of cell, unless in AuthMode.NONE (the add-on not yet used in this document). */
export function stampAsOfOnOpen(authMode: unknown): void {
  if (String(authMode) === "NONE") return;
  try {
    stampAsOf(activeSpreadsheet());
  } catch (error) {
    console.error(`onOpen: ${errorMessage(error)}`);
  }
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
  writeSettingsSheet(spreadsheet, cyclesOf(findOkrTabs(spreadsheet, readSettings().okrSheet)));
}

/** The cycles the tabs' rows name: the settings sheet's cycle table serves every OKR tab. */
function cyclesOf(tabs: readonly { data: SheetData }[]): Set<string> {
  const cycles = new Set<string>();
  for (const { data } of tabs)
    for (const row of parseSheet(data.values).rows) if (row.cycle) cycles.add(row.cycle);
  return cycles;
}

/**
 * A tab the hidden index no longer serves (it serves the pinned tab): its objectives' formulas become the
 * self-contained SUMIFS ones (shared/formulas.ts "sumifs"), which compute the same values. Quadratic in rows per
 * edit, which a past cycle's tab can afford: nobody edits it often. Nothing for a tab not set up.
 */
function computeOnItsOwn(sheet: GoogleAppsScript.Spreadsheet.Sheet): void {
  const data = readSheet(sheet);
  const found = findLayout(data.values);
  if (!found) return;
  const { layout } = found;
  const header = (data.values[layout.headerRow - 1] ?? []).map((cell) => String(cell ?? ""));
  const helpers = {
    weight: header.indexOf(HELPER_HEADERS.weight),
    weighted: header.indexOf(HELPER_HEADERS.weighted),
    started: header.indexOf(HELPER_HEADERS.started),
  };
  if (helpers.weight < 0 || helpers.weighted < 0 || helpers.started < 0) return;
  const firstRow = layout.headerRow + 1;
  const lastRow = data.values.length;
  if (lastRow < firstRow) return;
  const parsed = parseSheet(data.values, { formulas: data.formulas, language: layout.language });
  const byRow = new Map(parsed.rows.map((row) => [row.row, row.type]));
  const types: (RowType | null)[] = [];
  for (let r = firstRow; r <= lastRow; r++) types.push(byRow.get(r) ?? null);
  const ctx: FormulaContext = {
    layout,
    helpers,
    labels: formulaLabels(layout.language),
    aggregation: "sumifs",
  };
  const separator = readFormulaSeparator(sheet.getParent().getSpreadsheetLocale()) ?? ",";
  for (const block of computedFormulas(firstRow, lastRow, ctx, types))
    sheet
      .getRange(firstRow, block.column + 1, types.length, 1)
      .setFormulas(block.formulas.map((formula) => [withArgumentSeparator(formula, separator)]));
}

/**
 * Writes canonical values, one setValues per column over the rows it changes (cells in between keep what they
 * hold, a user's formula included), and shows percentages as percentages (one call for all such cells).
 */
function applyWrites(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  layout: SheetLayout,
  data: Pick<SheetData, "values" | "formulas">,
  writes: readonly CellWrite[],
): void {
  const byColumn = new Map<number, CellWrite[]>();
  for (const write of writes) {
    const index = layout.columns[write.column]!;
    const list = byColumn.get(index);
    if (list) list.push(write);
    else byColumn.set(index, [write]);
  }
  for (const [index, list] of byColumn) {
    const first = Math.min(...list.map((w) => w.row));
    const last = Math.max(...list.map((w) => w.row));
    const block: unknown[][] = [];
    for (let r = first; r <= last; r++) {
      const formula = data.formulas[r - 1]?.[index];
      block.push([formula ? formula : (data.values[r - 1]?.[index] ?? "")]);
    }
    for (const write of list) block[write.row - first] = [write.value];
    sheet.getRange(first, index + 1, block.length, 1).setValues(block);
  }
  const percent = writes
    .filter((write) => write.percent)
    .map((write) => `${columnLetter(layout.columns[write.column]!)}${write.row}`);
  if (percent.length > 0) sheet.getRangeList(percent).setNumberFormat(PERCENT_FORMAT);
}

export interface SetUpOptions {
  /** This tab (a new one from the template), not the one found. */
  sheet?: GoogleAppsScript.Spreadsheet.Sheet;
  /** Make it the tab that syncs (default); not when another tab already does. */
  pin?: boolean;
}

export function setUpSheet(options: SetUpOptions = {}): SetUpResult {
  const spreadsheet = activeSpreadsheet();
  const settings = readSettings();
  const adopted = options.sheet
    ? { data: readSheet(options.sheet) }
    : adoptSheet(spreadsheet, settings.language);
  if ("refused" in adopted) {
    return {
      ok: false,
      sheetName: "",
      rows: 0,
      newIds: 0,
      created: 0,
      rewritten: 0,
      message: adopted.refused,
    };
  }
  const { data } = adopted;
  const { sheet } = data;
  const catalog = catalogSheet(spreadsheet);
  const tab = sheet.getSheetId();
  const pinned = settings.okrSheet === null ? null : spreadsheet.getSheetById(settings.okrSheet);
  const pins = options.pin !== false;
  // The hidden index serves one tab, the one the add-on works in (pinned); another OKR tab computes on its own.
  const serves = pins || pinned === null || pinned.getSheetId() === tab;

  // 1. The plan: header, adopted rows, canonical values, created objectives, IDs (shared/sheet-setup.ts).
  const plan = planFor(spreadsheet, settings, data, knownObjectives(catalog.entries));
  // 2. Header and values.
  writeValues(sheet, data, plan);
  // 3. Settings sheet (its cycle table serves every OKR tab) and catalog (dropdown source for Aligns to /
  // Objective).
  const rows = plan.parsed.rows;
  writeSettingsSheet(spreadsheet, [...plan.cycles, ...cyclesOf(adoptedTabs(spreadsheet, tab))]);
  ensureCatalogSheet(spreadsheet, rows, catalog);
  // 4. Formulas.
  writeFormulaColumns(spreadsheet, sheet, plan, serves);
  // The tab the index served until now reads another tab's totals from here on: it computes on its own.
  if (pins && pinned !== null && pinned.getSheetId() !== tab) computeOnItsOwn(pinned);
  // 5. Dropdowns, formats, frozen header, protection.
  applyColumnRules(spreadsheet, sheet, plan);

  sheet.activate();
  // The tab just set up is the one the add-on works in from now on (every OKR tab syncs: shared/okr-tabs.ts).
  if (pins && settings.okrSheet !== tab) pinOkrSheet(tab);
  const message = setUpMessage(settings.language, plan);
  spreadsheet.toast(message);
  return {
    ok: true,
    sheetName: sheet.getName(),
    rows: rows.length,
    newIds: plan.newIds.length,
    created: plan.appended.length,
    rewritten: plan.writes.filter((write) => write.column !== "id").length,
    message,
  };
}

/** What Set up writes: the sheet's plan, or for a new or empty sheet the header alone. */
function planFor(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  settings: Settings,
  data: SheetData,
  known: KnownObjective[],
): SetUpPlan {
  const values = data.values.length > 0 ? data.values : [[]];
  const today = Utilities.formatDate(new Date(), spreadsheet.getSpreadsheetTimeZone(), "yyyy-MM-dd");
  return (
    planSetUp({
      values,
      formulas: data.formulas,
      language: settings.language,
      sheetId: settings.sheetId,
      known,
      defaultCycle: quarterOf(today),
    }) ??
    // A new or empty sheet: the header alone.
    planSetUp({
      values: [headerRowFor(settings.language)],
      formulas: [],
      language: settings.language,
    })!
  );
}

// Header and values: a sheet with columns of its own may need more than its 26, and created objectives more
// rows: room is made first.
function writeValues(sheet: GoogleAppsScript.Spreadsheet.Sheet, data: SheetData, plan: SetUpPlan): void {
  const { layout, header, headerRow, lastRow } = plan;
  ensureGrid(sheet, lastRow, header.length);
  if (plan.headerChanged || data.values.length === 0)
    sheet.getRange(headerRow, 1, 1, header.length).setValues([header]);
  applyWrites(sheet, layout, data, plan.writes);
  if (plan.appended.length > 0) {
    const first = plan.appended[0]!.row;
    const block = plan.appended.map(({ cells }) => cells);
    sheet.getRange(first, 1, block.length, header.length).setValues(block);
  }
}

/** The index objectives read, then one setFormulas per computed column, type-specific (lighter recalculation). */
function writeFormulaColumns(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  plan: SetUpPlan,
  indexed: boolean,
): void {
  const { layout, firstRow, lastRow } = plan;
  const { columns } = layout;
  const height = lastRow - firstRow + 1;
  const { weight, weighted, started } = plan.helpers;
  const ctx: FormulaContext = {
    layout,
    helpers: indexed ? plan.helpers : { weight, weighted, started },
    labels: formulaLabels(plan.language),
    aggregation: indexed ? "index" : "sumifs",
  };
  const separator = formulaSeparator(spreadsheet);
  if (indexed) writeIndexSheet(spreadsheet, sheet, plan.helpers, separator);
  writeFormulas(sheet, ctx, plan.bar, firstRow, plan.rowTypes, separator);
  for (const key of ["progress", "expected"] as const) {
    const index = columns[key];
    if (index !== undefined) sheet.getRange(firstRow, index + 1, height, 1).setNumberFormat(PERCENT_FORMAT);
  }
  for (const helper of Object.values(plan.helpers)) sheet.hideColumns(helper + 1, 1);
}

/** Dropdowns, formats, frozen header, protection: whole columns, independent of row count. */
function applyColumnRules(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  plan: SetUpPlan,
): void {
  const { layout, headerRow, firstRow, lastRow, language } = plan;
  const { columns } = layout;
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
  // The owner's word, where the sheet has an Owner status column: the status words.
  if (columns.ownerStatus !== undefined)
    columnRange(columns.ownerStatus).setDataValidation(
      SpreadsheetApp.newDataValidation()
        .requireValueInList(Object.values(STATUS_LABELS[language]), true)
        .setAllowInvalid(true)
        .build(),
    );
  applyCatalogRules(spreadsheet, sheet, layout);
  applyConditionalFormats(sheet, columns, language, firstRow, dataRows);
  if (sheet.getFrozenRows() !== headerRow) sheet.setFrozenRows(headerRow);
  protectFormulaColumns(
    sheet,
    [columns.progress, columns.expected, columns.status, plan.bar, ...Object.values(plan.helpers)],
    firstRow,
    dataRows,
  );
}

/**
 * New OKR sheet from template: a new tab in the user's language with one example objective, its two key results and
 * a leading KPI for this quarter, set up. It syncs only if no other tab does yet (a template must never replace a
 * team's synced rows).
 */
export function newSheetFromTemplate(): SetUpResult {
  const spreadsheet = activeSpreadsheet();
  const settings = readSettings();
  const language = settings.language;
  const today = Utilities.formatDate(new Date(), spreadsheet.getSpreadsheetTimeZone(), "yyyy-MM-dd");
  const cycle = quarterOf(today);
  const rows = templateRows(language, cycle);
  const base = word(language, "sheetName");
  let name = base;
  for (let n = 2; spreadsheet.getSheetByName(name); n++) name = `${base} ${n}`;
  const { header } = completeHeader([], language);
  const layout = findLayout([header])!.layout;
  const titles = new Map(rows.filter((r) => r.type === "objective").map((r) => [r.id, r.title]));
  const grid: (string | number)[][] = [
    header,
    ...rows.map((row) => {
      const cells: (string | number)[] = Array(header.length).fill("");
      const label = (id: string) => (titles.has(id) ? objectiveLabel(id, titles.get(id)!) : id);
      for (const [key, value] of Object.entries(rowCells(row, language, label)) as [
        ColumnKey,
        string | number,
      ][])
        cells[layout.columns[key]!] = value;
      return cells;
    }),
  ];
  const sheet = spreadsheet.insertSheet(name);
  ensureGrid(sheet, grid.length, header.length);
  sheet.getRange(1, 1, grid.length, header.length).setValues(grid);
  // The key result in percent shows as percent.
  const percent = rows
    .filter((row) => row.krType === "percent")
    .flatMap((row) =>
      (["start", "target", "current"] as const).map(
        (key) => `${columnLetter(layout.columns[key]!)}${row.row}`,
      ),
    );
  if (percent.length > 0) sheet.getRangeList(percent).setNumberFormat(PERCENT_FORMAT);
  const pinned = settings.okrSheet !== null && spreadsheet.getSheetById(settings.okrSheet) !== null;
  const result = setUpSheet({ sheet, pin: !pinned });
  const message = word(language, "templateDone", { sheet: name, cycle });
  spreadsheet.toast(message);
  return { ...result, message };
}

/** What Set up did, in the user's words: rows and IDs, objectives created, rows linked, values rewritten, problems. */
function setUpMessage(language: Language, plan: NonNullable<ReturnType<typeof planSetUp>>): string {
  const parts = [word(language, "setUpDone", { rows: plan.parsed.rows.length, ids: plan.newIds.length })];
  if (plan.appended.length > 0) {
    const created = new Set(plan.parsed.created);
    const titles = plan.parsed.rows.filter((row) => created.has(row.row)).map((row) => `'${row.title}'`);
    parts.push(
      word(language, "setUpCreated", {
        count: titles.length,
        titles: titles.join(", "),
        column: headerLabel("objective", plan.language),
      }),
    );
  }
  const byPosition = plan.parsed.links.filter((link) => link.how === "position").length;
  if (byPosition > 0) parts.push(word(language, "setUpLinked", { count: byPosition }));
  if (plan.cycleGiven)
    parts.push(
      word(language, "setUpCycle", {
        count: plan.cycleGiven.objectives,
        cycle: plan.cycleGiven.cycle,
        column: headerLabel("cycle", plan.language),
      }),
    );
  const rewritten = plan.writes.filter((write) => write.affectsFormulas && write.column !== "id").length;
  if (rewritten > 0) parts.push(word(language, "setUpRewritten", { count: rewritten }));
  const problems = plan.parsed.problems.filter(
    (p) => p.severity === "error" && p.code !== "missing_id",
  ).length;
  if (problems > 0) parts.push(word(language, "setUpProblems", { count: problems }));
  return parts.join(" ");
}

/** The header of a new sheet: every column in the user's language. */
function headerRowFor(language: Language): string[] {
  return (["id", "type", "title", "objective"] as const).map((key) => headerLabel(key, language));
}

/**
 * The Aligns to and Objective dropdowns: the catalog's choices, "ID · Title" (whatever its size now; re-applied when
 * it changes, since a rule keeps the range it was given). Contributes to holds several IDs in one cell, which a list
 * rule would flag as invalid, so it has none: the quality check reports an unknown ID there.
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
 * onEdit, a simple trigger (AuthMode.LIMITED: it may read and write this document). For the rows just edited in a
 * sheet that is set up: values in canonical form (as Set up writes them), an ID once the row has a type, the link
 * to the objective above when its Objective cell is blank, its objective's cycle when its own is blank, and the
 * formulas of its type. A changed objective cycle carries over to its key results that had the old one. One read
 * of the sheet and one write per changed column, however many rows were pasted.
 */
export function refreshEditedRows(range: GoogleAppsScript.Spreadsheet.Range, oldValue?: unknown): void {
  const sheet = range.getSheet();
  const lastColumn = sheet.getLastColumn();
  if (lastColumn === 0) return;
  const top = sheet.getRange(1, 1, Math.min(20, Math.max(1, sheet.getLastRow())), lastColumn).getValues();
  const found = findLayout(top);
  if (!found) return;
  const { layout } = found;
  const header = (top[layout.headerRow - 1] ?? []).map((cell) => String(cell ?? ""));
  const helpers = {
    weight: header.indexOf(HELPER_HEADERS.weight),
    weighted: header.indexOf(HELPER_HEADERS.weighted),
    started: header.indexOf(HELPER_HEADERS.started),
    key: header.indexOf(HELPER_HEADERS.key),
  };
  const barLabels = LANGUAGES.map((l) => PROGRESS_BAR_LABELS[l]);
  const bar = header.findIndex((cell) => barLabels.includes(cell));
  // Not set up yet (or by a version without all helpers: Set up brings them), or the edit is elsewhere.
  if (helpers.weight < 0 || helpers.weighted < 0 || helpers.started < 0 || bar < 0) return;
  const firstEdited = Math.max(range.getRow(), layout.headerRow + 1);
  const lastEdited = range.getRow() + range.getNumRows() - 1;
  if (lastEdited < firstEdited) return;
  const firstColumn = range.getColumn() - 1;
  const lastColumnEdited = firstColumn + range.getNumColumns() - 1;
  const computed = new Set(
    [
      layout.columns.progress,
      layout.columns.expected,
      layout.columns.status,
      bar,
      ...Object.values(helpers),
    ].filter((index): index is number => index !== undefined),
  );
  let onlyComputed = true;
  for (let c = firstColumn; c <= lastColumnEdited && onlyComputed; c++)
    if (!computed.has(c)) onlyComputed = false;
  if (onlyComputed) return;

  const data = readSheet(sheet);
  const spreadsheet = sheet.getParent();
  const known = knownObjectives(readCatalog(spreadsheet));
  const parsed = parseSheet(data.values, { formulas: data.formulas, known, language: layout.language });
  const edited = new Set<number>();
  for (let r = firstEdited; r <= lastEdited; r++) edited.add(r);
  // An ID for each edited row that has a type and none yet.
  const taken = new Set([...parsed.rows.map((row) => row.id), ...known.map((k) => k.id)].filter(Boolean));
  assignIds(
    parsed.rows.filter((row) => edited.has(row.row) && !parsed.created.includes(row.row)),
    taken,
  );
  linkParents(parsed.rows, parsed.links);
  const writes = canonicalCells(data.values, data.formulas, layout, parsed, {
    language: layout.language,
    known,
    onlyRows: edited,
  });
  writes.push(...cycleCarriedOver(layout, data, parsed.rows, range, oldValue));
  applyWrites(sheet, layout, data, writes);

  const byRow = new Map(parsed.rows.map((row) => [row.row, row]));
  const types: (RowType | null)[] = [];
  for (let r = firstEdited; r <= lastEdited; r++) types.push(byRow.get(r)?.type ?? null);
  // A sheet set up before the index (no key helper) keeps its SUMIFS formulas until Set up runs again; so does
  // a tab the index does not serve (another OKR tab: a past cycle's). A deleted index is written again below.
  const indexed =
    helpers.key >= 0 && (!spreadsheet.getSheetByName(INDEX_SHEET) || indexServes(spreadsheet, sheet));
  const ctx: FormulaContext = {
    layout,
    helpers: indexed
      ? helpers
      : { weight: helpers.weight, weighted: helpers.weighted, started: helpers.started },
    labels: formulaLabels(layout.language),
    aggregation: indexed ? "index" : "sumifs",
  };
  const separator = readFormulaSeparator(spreadsheet.getSpreadsheetLocale()) ?? ",";
  // Rows typed at the bottom may lie past the index's range: it grows first.
  if (indexed) ensureIndexSheet(spreadsheet, sheet, helpers, separator, lastEdited);
  writeFormulas(sheet, ctx, bar, firstEdited, types, separator);
}

/**
 * An objective's Cycle changed in one cell: its key results and KPIs that had the old cycle (Set up wrote the
 * objective's into their blank cells) get the new one.
 */
function cycleCarriedOver(
  layout: SheetLayout,
  data: SheetData,
  rows: ReturnType<typeof parseSheet>["rows"],
  range: GoogleAppsScript.Spreadsheet.Range,
  oldValue: unknown,
): CellWrite[] {
  const cycleIndex = layout.columns.cycle;
  if (
    cycleIndex === undefined ||
    oldValue === undefined ||
    range.getNumRows() !== 1 ||
    range.getNumColumns() !== 1 ||
    range.getColumn() !== cycleIndex + 1
  )
    return [];
  const objective = rows.find((row) => row.row === range.getRow() && row.type === "objective");
  const before = String(oldValue ?? "").trim();
  if (!objective?.id || before === "" || before === objective.cycle) return [];
  return rows
    .filter((row) => row.objectiveId === objective.id && row.cycle === before)
    .filter((row) => !data.formulas[row.row - 1]?.[cycleIndex])
    .map((row) => ({
      row: row.row,
      column: "cycle" as ColumnKey,
      value: objective.cycle,
      percent: false,
      affectsFormulas: true,
    }));
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
  if (status !== undefined) {
    const range = sheet.getRange(firstRow, status + 1, dataRows, 1);
    for (const { text, color } of gradeBandTextRules(language))
      ours.push(
        SpreadsheetApp.newConditionalFormatRule()
          .whenTextContains(text)
          .setBackground(color)
          .setRanges([range])
          .build(),
      );
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
