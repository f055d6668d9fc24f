// A sheet of the organisation (or a starter template) as the .xlsx workbook Set up sheet would have made:
// every column in the sheet's language, the add-on's type-specific formulas for Progress, Expected and
// Status with their hidden helper columns, the hidden "OKR Settings" tab they read (as-of =TODAY(),
// thresholds, cycle table, done words), the hidden "OKR Catalog" tab behind the Aligns to / Contributes to /
// Objective dropdowns, dropdowns for Type, Level, KR type and KPI kind, the status colours and score bands,
// percent formats, a frozen header. Opened in Google Sheets (File > Import), it is ready for the add-on.
//
// What .xlsx cannot carry is left to Set up sheet, run once in Google Sheets: the SPARKLINE progress bars
// (a Sheets-only function; Excel would refuse the file) and the warning-only protection of the computed
// columns (.xlsx protects whole sheets with a password).
import ExcelJS from "exceljs";
import { headerLabel, valueLabels } from "../../shared/columns.js";
import { sheetSerial } from "../../shared/cycle.js";
import {
  columnLetter,
  type FormulaContext,
  objectiveLabel,
  rowFormulas,
  SETTINGS_SHEET,
  settingsSheetValues,
} from "../../shared/formulas.js";
import {
  COLUMN_KEYS,
  type ColumnKey,
  DEFAULT_THRESHOLDS,
  type Language,
  type OkrRow,
  type SheetLayout,
  STATUSES,
  type StatusThresholds,
} from "../../shared/model.js";
import { computeRows } from "../../shared/progress.js";
import {
  CATALOG_CHOICE_COLUMN,
  CATALOG_HEADER,
  CATALOG_RANGE,
  CATALOG_SHEET,
  type CatalogEntry,
  catalogRow,
  completeHeader,
  cycleWindows,
  formulaLabels,
  rowCells,
  STATUS_COLORS,
  scoreBandRules,
} from "../../shared/sheet-setup.js";

export { templateRows } from "../../shared/sheet-setup.js";

import { markerCells } from "../import/sheet-marker.js";

export type { CatalogEntry };

export interface WorkbookInput {
  /** The server sheet this is (written into the settings tab, so importing the file again updates it). */
  sheetId: string | null;
  /** The tab's name and title: the sheet's name. */
  name: string;
  language: Language;
  /** Live rows; each stands on its own row number when it can, so the file parses back to the same rows. */
  rows: readonly OkrRow[];
  /** The organisation's objectives, for the alignment dropdowns. */
  catalog: readonly CatalogEntry[];
  /** Today (ISO): the cached value of =TODAY(); spreadsheet programs recalculate on opening. */
  asOf: string;
  thresholds?: StatusThresholds;
}

/** Rows below the data that still get dropdowns and formats (Set up covers the sheet's rows, 1,000 by default). */
const FORMATTED_ROWS = 1000;
const PERCENT = "0%";
const DATE = "yyyy-mm-dd";
const HEADER_FILL = "FFE8EAED";

/** Excel's tab names: at most 31 characters, none of []:*?/\, not blank. */
export function tabName(name: string, fallback: string): string {
  const clean = name
    .replace(/[[\]:*?/\\]/g, " ")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 31)
    .trim();
  return clean === "" || clean === SETTINGS_SHEET || clean === CATALOG_SHEET ? fallback : clean;
}

const argb = (hex: string) => `FF${hex.replace("#", "").toUpperCase()}`;
const fill = (hex: string): ExcelJS.Fill => ({
  type: "pattern",
  pattern: "solid",
  fgColor: { argb: argb(hex) },
  bgColor: { argb: argb(hex) },
});

/** Where each row goes: its own row number when all fit below the header, else one after another. */
function placeRows(rows: readonly OkrRow[]): { headerRow: number; placed: { row: OkrRow; at: number }[] } {
  const sorted = [...rows].sort((a, b) => a.row - b.row);
  const first = sorted[0]?.row ?? 2;
  // The parser looks for the header in the first 20 rows.
  const headerRow = Math.min(Math.max(first - 1, 1), 20);
  const distinct = new Set(sorted.map((row) => row.row)).size === sorted.length;
  if (distinct && sorted.every((row) => row.row > headerRow))
    return { headerRow, placed: sorted.map((row) => ({ row, at: row.row })) };
  return { headerRow: 1, placed: sorted.map((row, i) => ({ row, at: i + 2 })) };
}

function formula(text: string, result?: ExcelJS.CellValue): ExcelJS.CellFormulaValue {
  return {
    formula: text.replace(/^=/, ""),
    ...(result === undefined ? {} : { result }),
  } as ExcelJS.CellFormulaValue;
}

function addSettingsSheet(workbook: ExcelJS.Workbook, input: WorkbookInput, okrTab: string): void {
  const cycles = cycleWindows(new Set(input.rows.map((row) => row.cycle).filter(Boolean)));
  const values = settingsSheetValues({
    asOf: null,
    thresholds: input.thresholds ?? DEFAULT_THRESHOLDS,
    cycles,
  });
  const sheet = workbook.addWorksheet(SETTINGS_SHEET, { state: "hidden" });
  values.forEach((cells, r) => {
    cells.forEach((value, c) => {
      if (value === "") return;
      const cell = sheet.getCell(r + 1, c + 1);
      if (value === "=TODAY()") {
        cell.value = formula("TODAY()", sheetSerial(input.asOf));
        cell.numFmt = DATE;
      } else cell.value = value;
    });
  });
  // The cycle table's start and end are date serials: shown as dates.
  for (let r = 6; r < 6 + cycles.length; r++) for (const c of [2, 3]) sheet.getCell(r, c).numFmt = DATE;
  if (input.sheetId)
    for (const { row, column, value } of markerCells({
      sheetId: input.sheetId,
      tab: okrTab,
      name: input.name,
    }))
      sheet.getCell(row + 1, column + 1).value = value;
  sheet.getColumn(1).width = 18;
  sheet.getColumn(5).width = 14;
}

function addCatalogSheet(workbook: ExcelJS.Workbook, catalog: readonly CatalogEntry[]): string | null {
  const sheet = workbook.addWorksheet(CATALOG_SHEET, { state: "hidden" });
  sheet.addRow([...CATALOG_HEADER]);
  const entries = [...catalog].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const entry of entries) sheet.addRow(catalogRow(entry));
  if (entries.length === 0) return null;
  // The dropdowns offer the Choice column: "ID · Title", as Set up's catalog does.
  const choice = columnLetter(CATALOG_CHOICE_COLUMN);
  const range = `'${CATALOG_SHEET}'!$${choice}$2:$${choice}$${entries.length + 1}`;
  workbook.definedNames.add(range, CATALOG_RANGE);
  return range;
}

/** The workbook for one sheet, as .xlsx bytes. */
export async function buildWorkbook(input: WorkbookInput): Promise<Uint8Array> {
  const { language } = input;
  const labels = formulaLabels(language);
  // The Owner status column only where an owner set one (as in the sheet: Set up adds it on demand), after
  // the columns Set up writes and before its helpers.
  const plain = completeHeader([], language).header;
  const { header, helpers } = input.rows.some((row) => row.ownerStatus !== undefined)
    ? completeHeader(
        [
          ...plain.slice(0, plain.indexOf(headerLabel("confidence", language)) + 1),
          headerLabel("ownerStatus", language),
        ],
        language,
      )
    : completeHeader([], language);
  const columns = Object.fromEntries(
    COLUMN_KEYS.map((key) => [key, header.indexOf(headerLabel(key, language))]).filter(([, at]) => at !== -1),
  ) as Partial<Record<ColumnKey, number>>;
  const { headerRow, placed } = placeRows(input.rows);
  const layout: SheetLayout = { headerRow, columns, width: header.length, language };
  const ctx: FormulaContext = { layout, helpers, labels };
  // Objectives are named by their dropdown label ("ID · Title"), as Set up writes them.
  const titles = new Map<string, string>();
  for (const entry of input.catalog) titles.set(entry.id, entry.title);
  for (const row of input.rows) if (row.type === "objective") titles.set(row.id, row.title);
  const label = (id: string) => (titles.has(id) ? objectiveLabel(id, titles.get(id)!) : id);
  const computed = computeRows(
    placed.map(({ row }) => row),
    { asOf: input.asOf, ...(input.thresholds ? { thresholds: input.thresholds } : {}) },
  );

  const workbook = new ExcelJS.Workbook();
  workbook.creator = "OKR Sheets";
  workbook.created = new Date(`${input.asOf}T00:00:00Z`);
  workbook.modified = workbook.created;
  // Spreadsheet programs recalculate everything on opening (the cached values are for previews).
  workbook.calcProperties = { fullCalcOnLoad: true };
  const name = tabName(input.name, language === "en" ? "OKRs" : "OKR");
  const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: headerRow }] });

  if (headerRow > 1) {
    const title = sheet.getCell(1, 1);
    title.value = input.name;
    title.font = { bold: true, size: 14 };
  }
  const headerCells = sheet.getRow(headerRow);
  header.forEach((text, index) => {
    const cell = headerCells.getCell(index + 1);
    cell.value = text;
    cell.font = { bold: true };
    cell.fill = fill(`#${HEADER_FILL.slice(2)}`);
  });

  const column = (key: ColumnKey) => columns[key]! + 1;
  for (const { row, at } of placed) {
    const line = sheet.getRow(at);
    for (const [key, value] of Object.entries(rowCells(row, language, label)) as [
      ColumnKey,
      string | number,
    ][])
      line.getCell(column(key)).value = value;
    const formulas = rowFormulas(at, ctx, row.type);
    const values = computed.get(row.id);
    line.getCell(column("progress")).value = formula(formulas.progress, values?.progress ?? "");
    line.getCell(column("expected")).value = formula(formulas.expected, values?.expected ?? "");
    line.getCell(column("status")).value = formula(
      formulas.status,
      values ? labels.status[values.status] : "",
    );
    line.getCell(helpers.weight + 1).value = formula(formulas.weight);
    line.getCell(helpers.weighted + 1).value = formula(formulas.weighted);
    line.getCell(helpers.started + 1).value = formula(formulas.started);
    if (row.krType === "percent")
      for (const key of ["start", "target", "current"] as const) line.getCell(column(key)).numFmt = PERCENT;
  }

  const first = headerRow + 1;
  const last = Math.max(first + FORMATTED_ROWS - 1, ...placed.map(({ at }) => at));
  const range = (key: ColumnKey) =>
    `${columnLetter(columns[key]!)}${first}:${columnLetter(columns[key]!)}${last}`;
  for (const key of ["progress", "expected", "confidence"] as const)
    for (let r = first; r <= last; r++) sheet.getCell(r, column(key)).numFmt = PERCENT;

  // Dropdowns that suggest and do not refuse (Set up's setAllowInvalid(true)).
  const list = (formulae: string): ExcelJS.DataValidation => ({
    type: "list",
    allowBlank: true,
    showErrorMessage: false,
    formulae: [formulae],
  });
  // exceljs keeps range validations in worksheet.dataValidations (one <dataValidation> per range, not per
  // cell); its type declarations do not list it.
  const validations = (
    sheet as unknown as { dataValidations: { add(ref: string, v: ExcelJS.DataValidation): void } }
  ).dataValidations;
  for (const [key, kind] of [
    ["type", "type"],
    ["level", "level"],
    ["krType", "krType"],
    ["kpiKind", "kpiKind"],
  ] as const)
    validations.add(range(key), list(`"${valueLabels(kind, language).join(",")}"`));

  const okrTab = name;
  addSettingsSheet(workbook, input, okrTab);
  const catalog = addCatalogSheet(workbook, input.catalog);
  if (catalog)
    // Not Contributes to: it holds several IDs in a cell, which a list rule flags as invalid (as Set up does).
    for (const key of ["alignsTo", "objective"] as const) validations.add(range(key), list(catalog));

  // Status colours and the progress column's score bands, as Set up adds them.
  sheet.addConditionalFormatting({
    ref: range("status"),
    rules: STATUSES.map((status, i) => ({
      type: "cellIs",
      operator: "equal",
      priority: i + 1,
      formulae: [`"${labels.status[status].replace(/"/g, '""')}"`],
      style: { fill: fill(STATUS_COLORS[status]) },
    })),
  });
  const progressCell = `${columnLetter(columns.progress!)}${first}`;
  sheet.addConditionalFormatting({
    ref: range("progress"),
    rules: scoreBandRules(progressCell).map((band, i) => ({
      type: "expression",
      priority: STATUSES.length + i + 1,
      formulae: [band.formula.replace(/^=/, "")],
      style: { fill: fill(band.color) },
    })),
  });

  // Widths people can read; the helpers hidden, as Set up hides them.
  header.forEach((_, index) => {
    sheet.getColumn(index + 1).width = 14;
  });
  sheet.getColumn(column("title")).width = 48;
  sheet.getColumn(column("notes")).width = 40;
  sheet.getColumn(helpers.weight + 1).hidden = true;
  sheet.getColumn(helpers.weighted + 1).hidden = true;
  sheet.getColumn(helpers.started + 1).hidden = true;
  // Blank here (the export's objectives use SUMIFS, which needs no index); Set up in Sheets fills it.
  sheet.getColumn(helpers.key + 1).hidden = true;

  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
