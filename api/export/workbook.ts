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
import { headerLabel, valueLabel, valueLabels } from "../../shared/columns.js";
import { sheetSerial } from "../../shared/cycle.js";
import {
  columnLetter,
  type FormulaContext,
  rowFormulas,
  SETTINGS_SHEET,
  settingsSheetValues,
} from "../../shared/formulas.js";
import { newId } from "../../shared/ids.js";
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
  CATALOG_HEADER,
  CATALOG_RANGE,
  CATALOG_SHEET,
  completeHeader,
  cycleWindows,
  formulaLabels,
  STATUS_COLORS,
  scoreBandRules,
} from "../../shared/sheet-setup.js";
import { markerCells } from "../import/sheet-marker.js";

export interface CatalogEntry {
  id: string;
  title: string;
  team: string;
  cycle: string;
}

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

/** A row's cells by column, as the parser reads them back (enum words in the sheet's language). */
function rowCells(row: OkrRow, language: Language): Partial<Record<ColumnKey, string | number>> {
  const word = (kind: Parameters<typeof valueLabel>[0], value: string | null) =>
    value === null ? undefined : valueLabel(kind, value, language);
  const cells: Partial<Record<ColumnKey, string | number | undefined>> = {
    id: row.id,
    type: word("type", row.type),
    title: row.title,
    objective: row.objectiveId ?? undefined,
    alignsTo: row.alignsTo ?? undefined,
    contributesTo: row.contributesTo.join(", "),
    level: word("level", row.level),
    team: row.team,
    owner: row.owner,
    cycle: row.cycle,
    start: row.start ?? undefined,
    target: row.target ?? undefined,
    current: row.current ?? undefined,
    unit: row.unit,
    krType: word("krType", row.krType),
    // A blank weight is 1: written out only where it says something.
    weight: row.weight === 1 && row.type !== "key_result" ? undefined : row.weight,
    confidence: row.confidence ?? undefined,
    kpiKind: word("kpiKind", row.kpiKind),
    notes: row.notes,
  };
  return Object.fromEntries(
    Object.entries(cells).filter(([, value]) => value !== undefined && value !== ""),
  ) as Partial<Record<ColumnKey, string | number>>;
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
  for (const entry of entries) sheet.addRow([entry.id, entry.title, entry.team, entry.cycle]);
  if (entries.length === 0) return null;
  const range = `'${CATALOG_SHEET}'!$A$2:$A$${entries.length + 1}`;
  workbook.definedNames.add(range, CATALOG_RANGE);
  return range;
}

/** The workbook for one sheet, as .xlsx bytes. */
export async function buildWorkbook(input: WorkbookInput): Promise<Uint8Array> {
  const { language } = input;
  const labels = formulaLabels(language);
  const { header, helpers } = completeHeader([], language);
  const columns = Object.fromEntries(
    COLUMN_KEYS.map((key) => [key, header.indexOf(headerLabel(key, language))]),
  ) as Partial<Record<ColumnKey, number>>;
  const { headerRow, placed } = placeRows(input.rows);
  const layout: SheetLayout = { headerRow, columns, width: header.length, language };
  const ctx: FormulaContext = { layout, helpers, labels };
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
    for (const [key, value] of Object.entries(rowCells(row, language)) as [ColumnKey, string | number][])
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

  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const TEMPLATE_WORDS: Record<
  Language,
  { team: string; objective: string; kr1: string; kr2: string; kpi: string; units: [string, string, string] }
> = {
  en: {
    team: "My team",
    objective: "Customers get help faster",
    kr1: "Median first response time from 8 to 2 hours",
    kr2: "Customer satisfaction from 80% to 90%",
    kpi: "Support tickets per week",
    units: ["hours", "%", "tickets"],
  },
  sv: {
    team: "Mitt team",
    objective: "Kunderna får hjälp snabbare",
    kr1: "Mediantid till första svar från 8 till 2 timmar",
    kr2: "Nöjda kunder från 80 % till 90 %",
    kpi: "Supportärenden per vecka",
    units: ["timmar", "%", "ärenden"],
  },
  nb: {
    team: "Mitt team",
    objective: "Kundene får hjelp raskere",
    kr1: "Median tid til første svar fra 8 til 2 timer",
    kr2: "Fornøyde kunder fra 80 % til 90 %",
    kpi: "Supporthenvendelser per uke",
    units: ["timer", "%", "henvendelser"],
  },
};

/** A starter sheet: one objective with two key results and a KPI, in the language, for `cycle`. */
export function templateRows(
  language: Language,
  cycle: string,
  random: () => number = Math.random,
): OkrRow[] {
  const words = TEMPLATE_WORDS[language];
  const taken = new Set<string>();
  const objective = newId("objective", taken, random);
  const base = {
    objectiveId: objective,
    alignsTo: null,
    contributesTo: [],
    level: "team" as const,
    team: words.team,
    owner: "",
    cycle,
    weight: 1,
    notes: "",
  };
  return [
    {
      ...base,
      id: objective,
      type: "objective",
      title: words.objective,
      objectiveId: null,
      start: null,
      target: null,
      current: null,
      unit: "",
      krType: null,
      confidence: null,
      kpiKind: null,
      row: 2,
    },
    {
      ...base,
      id: newId("key_result", taken, random),
      type: "key_result",
      title: words.kr1,
      start: 8,
      target: 2,
      current: 6,
      unit: words.units[0],
      krType: "numeric",
      confidence: 0.6,
      kpiKind: null,
      row: 3,
    },
    {
      ...base,
      id: newId("key_result", taken, random),
      type: "key_result",
      title: words.kr2,
      start: 0.8,
      target: 0.9,
      current: 0.84,
      unit: words.units[1],
      krType: "percent",
      confidence: 0.7,
      kpiKind: null,
      row: 4,
    },
    {
      ...base,
      id: newId("kpi", taken, random),
      type: "kpi",
      title: words.kpi,
      start: null,
      target: null,
      current: 120,
      unit: words.units[2],
      krType: null,
      confidence: null,
      kpiKind: "leading",
      row: 5,
    },
  ];
}
