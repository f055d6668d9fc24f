// The formulas the add-on writes into the computed columns. They compute what computeRows() computes
// (the formula oracle test proves it in HyperFormula), using only functions Google Sheets and HyperFormula
// share. Each row's formula reads its own row plus whole columns and fixed settings cells, so sorting or
// inserting rows never breaks a chain; objective rows use SUMIFS over two hidden helper columns, which keeps
// a sheet's recalculation linear in rows (SUMPRODUCT over whole columns would be quadratic).
//
// Locale: the formulas hold no decimal numbers (0.7 is written 7/10) and no array literals (the progress bar's
// SPARKLINE options are a range of the settings sheet), so the only token a spreadsheet's locale could read
// differently is the argument separator; withArgumentSeparator rewrites it (see addon/setup.ts for when).
import { sheetSerial } from "./cycle.js";
import type { CycleWindow, RowType, SheetLayout, Status, StatusThresholds } from "./model.js";

export const SETTINGS_SHEET = "OKR Settings";

/** Fixed cells of the settings sheet (A1 notation on SETTINGS_SHEET). */
export const SETTINGS_CELLS = {
  asOf: "$B$1",
  atRiskGap: "$B$2",
  offTrackGap: "$B$3",
  /** Cycle table: label, start, end (date serials), from row CYCLE_TABLE_FIRST_ROW down. */
  cycleTable: "$A:$C",
  /** Words that mean "done" for binary key results, one per row in column E. */
  yesWords: "$E:$E",
  /** SPARKLINE options (option, value) of the progress bar per score band: green, amber, red (G1:H9). */
  barGreen: "$G$1:$H$3",
  barAmber: "$G$4:$H$6",
  barRed: "$G$7:$H$9",
} as const;
/** The settings sheet's width (columns A..H). */
export const SETTINGS_WIDTH = 8;
/** The score bands' colours for the bar (the sheet's conditional formats use the lighter tints). */
export const BAR_COLORS = { green: "#1e8e3e", amber: "#f9ab00", red: "#d93025" } as const;
export const CYCLE_TABLE_FIRST_ROW = 6;

/** Hidden helper columns the formulas need; the add-on adds them after the user's columns. */
export const HELPER_HEADERS = {
  weight: "OKR helper: weight",
  weighted: "OKR helper: weighted progress",
} as const;
export type HelperColumn = keyof typeof HELPER_HEADERS;

/** Words as they stand in the sheet's language: the formulas compare and write these exact labels. */
export interface FormulaLabels {
  objective: string;
  keyResult: string;
  kpi: string;
  binary: string;
  milestone: string;
  status: Record<Status, string>;
}

export interface FormulaContext {
  layout: SheetLayout;
  /** 0-based column indexes of the helper columns. */
  helpers: Record<HelperColumn, number>;
  labels: FormulaLabels;
}

export interface SettingsValues {
  /** ISO date, or null for =TODAY() (a live sheet). */
  asOf: string | null;
  thresholds: StatusThresholds;
  cycles: readonly CycleWindow[];
  yesWords: readonly string[];
}

/** Binary key results count as done for these words (en/sv/nb), besides non-zero numbers and TRUE (a checkbox). */
export const YES_WORDS = ["yes", "y", "done", "ja", "j", "klar", "klart", "ferdig", "x", "✓", "✔"] as const;

/** What to write into the settings sheet, anchored at A1. Dates are serials (format the cells as dates). */
export function settingsSheetValues(settings: SettingsValues): (string | number)[][] {
  const blank = () => Array<string | number>(SETTINGS_WIDTH).fill("");
  const rows: (string | number)[][] = [
    ["As of", settings.asOf === null ? "=TODAY()" : sheetSerial(settings.asOf), "", "", "Done words"],
    ["At risk gap", settings.thresholds.atRiskGap, "", "", ""],
    ["Off track gap", settings.thresholds.offTrackGap, "", "", ""],
    ["", "", "", "", ""],
    ["Cycle", "Start", "End", "", ""],
  ].map((row) => [...row, "", "", ""]);
  const bands = [BAR_COLORS.green, BAR_COLORS.amber, BAR_COLORS.red];
  const height = Math.max(
    settings.cycles.length + CYCLE_TABLE_FIRST_ROW - 1,
    settings.yesWords.length + 1,
    bands.length * 3,
  );
  for (let r = rows.length; r < height; r++) rows.push(blank());
  bands.forEach((color, band) => {
    const options: [string, string | number][] = [
      ["charttype", "bar"],
      ["max", 1],
      ["color1", color],
    ];
    options.forEach(([option, value], i) => {
      rows[band * 3 + i]![6] = option;
      rows[band * 3 + i]![7] = value;
    });
  });
  settings.cycles.forEach((cycle, i) => {
    const row = rows[CYCLE_TABLE_FIRST_ROW - 1 + i]!;
    row[0] = cycle.label;
    row[1] = sheetSerial(cycle.start);
    row[2] = sheetSerial(cycle.end);
  });
  // E1 heads the list; the words stand below it.
  settings.yesWords.forEach((word, i) => {
    rows[i + 1]![4] = word;
  });
  return rows;
}

export function columnLetter(index: number): string {
  let letters = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

function quote(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

const settings = (cell: string) => `'${SETTINGS_SHEET}'!${cell}`;

/** The formulas of one row, for the three computed columns and the two helpers. */
export interface RowFormulas {
  progress: string;
  expected: string;
  status: string;
  weight: string;
  weighted: string;
}

/**
 * The formulas of one row. With `rowType` (the row's Type as parsed), each row gets only the formula for its
 * type, guarded by its Type cell: only objective rows then scan whole columns, which keeps a sheet's
 * recalculation far lighter. The add-on rewrites a row's formulas when its Type changes. Without `rowType`,
 * every row carries all branches and works for any type (heavier: every row scans whole columns).
 */
export function rowFormulas(row: number, ctx: FormulaContext, rowType?: RowType | null): RowFormulas {
  const { columns } = ctx.layout;
  const { labels } = ctx;
  const cell = (index: number | undefined) => (index === undefined ? null : `$${columnLetter(index)}${row}`);
  const whole = (index: number) => `$${columnLetter(index)}:$${columnLetter(index)}`;
  const type = cell(columns.type) ?? '""';
  const progress = cell(columns.progress);
  const expected = cell(columns.expected);
  const current = cell(columns.current);
  const target = cell(columns.target);
  const start = cell(columns.start);
  const startValue = start ? `IF(${start}="",0,${start})` : "0";
  const weightValue =
    columns.weight === undefined ? "1" : `IF(${cell(columns.weight)}="",1,${cell(columns.weight)})`;
  const weightHelper = `$${columnLetter(ctx.helpers.weight)}${row}`;
  const clamp = (expr: string) => `MIN(1,MAX(0,${expr}))`;

  // Key results and KPIs: linear start -> target (decrease when the target is below the start).
  const linear =
    current && target
      ? `IF(${target}="","",IF(${current}="",0,IF(${target}=${startValue},IF(${current}>=${target},1,0),${clamp(`(${current}-${startValue})/(${target}-${startValue})`)})))`
      : '""';
  const binary = current
    ? `IF(${current}="",0,IF(ISNUMBER(${current}),IF(${current}<>0,1,0),IF(ISLOGICAL(${current}),IF(${current},1,0),IF(COUNTIF(${settings(SETTINGS_CELLS.yesWords)},${current})>0,1,0))))`
    : "0";
  const milestone =
    current && target
      ? `IF(${target}="","",IF(${target}<=0,"",IF(${current}="",0,${clamp(`INT(${current})/${target}`)})))`
      : '""';
  const krType = cell(columns.krType);
  const keyResult = krType
    ? `IF(${krType}=${quote(labels.binary)},${binary},IF(${krType}=${quote(labels.milestone)},${milestone},${linear}))`
    : linear;

  // Objectives: the weighted mean of their key results, through the helper columns.
  const id = cell(columns.id);
  const objective =
    id && columns.objective !== undefined
      ? `IF(${id}="","",IFERROR(SUMIFS(${whole(ctx.helpers.weighted)},${whole(columns.objective)},${id})/SUMIFS(${whole(ctx.helpers.weight)},${whole(columns.objective)},${id}),""))`
      : '""';

  const typeLabel = { objective: labels.objective, key_result: labels.keyResult, kpi: labels.kpi } as const;
  const branch = { objective, key_result: keyResult, kpi: linear } as const;
  const progressFormula =
    rowType === undefined
      ? `=IF(${type}=${quote(labels.objective)},${objective},IF(${type}=${quote(labels.keyResult)},${keyResult},IF(${type}=${quote(labels.kpi)},${linear},"")))`
      : rowType === null
        ? '=""'
        : `=IF(${type}=${quote(typeLabel[rowType])},${branch[rowType]},"")`;

  const cycle = cell(columns.cycle);
  const lookup = (column: 2 | 3) => `VLOOKUP(${cycle},${settings(SETTINGS_CELLS.cycleTable)},${column},0)`;
  const expectedFormula = cycle
    ? `=IF(OR(${type}="",${cycle}=""),"",IFERROR(${clamp(`(${settings(SETTINGS_CELLS.asOf)}-${lookup(2)})/(${lookup(3)}+1-${lookup(2)})`)},""))`
    : '=""';

  // An objective has started once any of its key results has a current value.
  const objectiveStarted =
    current &&
    id &&
    columns.objective !== undefined &&
    columns.type !== undefined &&
    columns.current !== undefined
      ? `COUNTIFS(${whole(columns.objective)},${id},${whole(columns.type)},${quote(labels.keyResult)},${whole(columns.current)},"<>")>0`
      : "FALSE()";
  const started = !current
    ? "FALSE()"
    : rowType === undefined
      ? `IF(${type}=${quote(labels.objective)},${objectiveStarted},${current}<>"")`
      : rowType === "objective"
        ? objectiveStarted
        : `${current}<>""`;
  const word = (status: Status) => quote(labels.status[status]);
  const gap = expected && progress ? `${expected}-${progress}` : "0";
  const statusFormula =
    progress && expected
      ? `=IF(${type}="","",IF(AND(ISNUMBER(${progress}),${progress}>=1),${word("done")},IF(OR(NOT(${started}),NOT(ISNUMBER(${progress}))),${word("not_started")},IF(NOT(ISNUMBER(${expected})),${word("on_track")},IF(${gap}>${settings(SETTINGS_CELLS.offTrackGap)},${word("off_track")},IF(${gap}>${settings(SETTINGS_CELLS.atRiskGap)},${word("at_risk")},${word("on_track")}))))))`
      : '=""';

  // The helpers never read the Progress column: an objective's progress sums whole helper columns, which
  // include its own row, so reading Progress here would be a circular reference (Sheets and HyperFormula agree).
  const hasProgress =
    target === null
      ? "FALSE()"
      : krType
        ? `IF(${krType}=${quote(labels.binary)},TRUE(),IF(${krType}=${quote(labels.milestone)},AND(${target}<>"",${target}>0),${target}<>""))`
        : `${target}<>""`;
  const helpersApply = rowType === undefined || rowType === "key_result";
  const weightFormula = helpersApply
    ? `=IF(${type}=${quote(labels.keyResult)},IF(AND(${hasProgress},${weightValue}>0),${weightValue},""),"")`
    : '=""';
  const weightedFormula = helpersApply
    ? `=IF(ISNUMBER(${weightHelper}),${weightHelper}*${keyResult},"")`
    : '=""';

  return {
    progress: progressFormula,
    expected: expectedFormula,
    status: statusFormula,
    weight: weightFormula,
    weighted: weightedFormula,
  };
}

/** One column of formulas to write with a single call: 0-based column, and one formula per row. */
export interface FormulaColumn {
  column: number;
  formulas: string[];
}

/**
 * The formulas for rows firstRow..lastRow (1-based, inclusive), one block per column, so the add-on
 * writes each column with one call however many rows there are.
 */
export function computedFormulas(
  firstRow: number,
  lastRow: number,
  ctx: FormulaContext,
  /** Each row's type (index 0 is firstRow), for type-specific formulas; see rowFormulas. */
  rowTypes?: readonly (RowType | null)[],
): FormulaColumn[] {
  const targets: [keyof RowFormulas, number | undefined][] = [
    ["progress", ctx.layout.columns.progress],
    ["expected", ctx.layout.columns.expected],
    ["status", ctx.layout.columns.status],
    ["weight", ctx.helpers.weight],
    ["weighted", ctx.helpers.weighted],
  ];
  const blocks = targets
    .filter((target): target is [keyof RowFormulas, number] => target[1] !== undefined)
    .map(([key, column]) => ({ key, column, formulas: [] as string[] }));
  for (let row = firstRow; row <= lastRow; row++) {
    const formulas = rowFormulas(row, ctx, rowTypes ? (rowTypes[row - firstRow] ?? null) : undefined);
    for (const block of blocks) block.formulas.push(formulas[block.key]);
  }
  return blocks.map(({ column, formulas }) => ({ column, formulas }));
}

/**
 * An in-cell progress bar (Google Sheets only: SPARKLINE), green/amber/red by the score bands (0.7, 0.4); its
 * options come from the settings sheet, since an array literal's separators differ between locales.
 */
export function progressBarFormula(row: number, ctx: FormulaContext): string {
  const progress = ctx.layout.columns.progress;
  if (progress === undefined) return '=""';
  const p = `$${columnLetter(progress)}${row}`;
  const options = `IF(${p}>=7/10,${settings(SETTINGS_CELLS.barGreen)},IF(${p}>=4/10,${settings(SETTINGS_CELLS.barAmber)},${settings(SETTINGS_CELLS.barRed)}))`;
  return `=IF(ISNUMBER(${p}),SPARKLINE(${p},${options}),"")`;
}

/**
 * The formula with `separator` between arguments: every comma outside a "text" or a 'sheet name' becomes it.
 * Exact for the formulas above (no decimal numbers, no array literals).
 */
export function withArgumentSeparator(formula: string, separator: "," | ";"): string {
  if (separator === ",") return formula;
  let out = "";
  let quote: string | null = null;
  for (const ch of formula) {
    if (quote) {
      if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === ",") {
      out += separator;
      continue;
    }
    out += ch;
  }
  return out;
}
