// The formulas the add-on writes into the computed columns. They compute what computeRows() computes (the formula
// oracle test proves it in HyperFormula, on clean sheets and on dirty ones after Set up), using only functions
// Google Sheets and HyperFormula share. Each row's formula reads its own row plus whole columns and fixed settings
// cells, so sorting or inserting rows never breaks a chain; objective rows use SUMIFS over hidden helper columns,
// which keeps a sheet's recalculation linear in rows (SUMPRODUCT over whole columns would be quadratic).
//
// Dirty input. Set up and onEdit write values back in canonical form where the meaning is clear (numbers typed as
// text become numbers, IDs and cycles are trimmed, words are the sheet's labels: shared/canonical.ts). What they
// cannot rewrite (a user's formula in Current over a finance tab) the formulas read as the engine does when it
// reads a formula cell (shared/parse.ts, `formulas`):
// - a number is a value only when it is a number (ISNUMBER): text, "" from a formula, TRUE are no value, never an
//   error that would blank a whole objective through its SUMIFS;
// - a binary key result is done for a non-zero number, TRUE, or one of the yes-words (TRIM, any case, matched
//   with escaped wildcards), and started for those, FALSE or a no-word; a formula error is no value either;
// - an objective's key results are the rows whose Objective cell is its ID or its dropdown label "ID · Title",
//   in any case (as the engine resolves them), with * ? ~ in IDs escaped so SUMIFS matches them literally;
// - a row whose Type is none of the sheet's three words gets no Progress, Expected or Status (the engine reports
//   the word and leaves the row out).
//
// Locale: the formulas hold no decimal numbers (0.7 is written 7/10) and no array literals (the progress bar's
// SPARKLINE options are a range of the settings sheet), so the only token a spreadsheet's locale could read
// differently is the argument separator; withArgumentSeparator rewrites it (see addon/setup.ts for when).
import { NO_WORDS, YES_WORDS } from "./coerce.js";
import { sheetSerial } from "./cycle.js";
import type { CycleWindow, RowType, SheetLayout, Status, StatusThresholds } from "./model.js";

export { NO_WORDS, YES_WORDS };

export const SETTINGS_SHEET = "OKR Settings";

/** The yes-words stand in E2.., the no-words in F2.. (the one list, shared/coerce.ts). */
const wordRange = (column: string, count: number) => `$${column}$2:$${column}$${count + 1}`;

/** Fixed cells of the settings sheet (A1 notation on SETTINGS_SHEET). */
export const SETTINGS_CELLS = {
  asOf: "$B$1",
  atRiskGap: "$B$2",
  offTrackGap: "$B$3",
  /** Cycle table: label, start, end (date serials), from row CYCLE_TABLE_FIRST_ROW down. */
  cycleTable: "$A:$C",
  /** Words that mean "done" for binary key results, one per row in column E. */
  yesWords: wordRange("E", YES_WORDS.length),
  /** Words that mean "not done" (a check-in all the same), one per row in column F. */
  noWords: wordRange("F", NO_WORDS.length),
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
  /** 1 when a key result has a value (a check-in), 0 when not: an objective has started once one has. */
  started: "OKR helper: started",
} as const;
export type HelperColumn = keyof typeof HELPER_HEADERS;

/** The separator between an objective's ID and its title in the Objective and Aligns to dropdowns. */
export const LABEL_SEPARATOR = " · ";

/** An objective as its dropdowns offer it, "O-B1ST · Delight our customers" (the ID alone without a title). */
export function objectiveLabel(id: string, title: string): string {
  const shown = title.replace(/\s+/g, " ").trim();
  return shown ? `${id}${LABEL_SEPARATOR}${shown}` : id;
}

/** The ID in a dropdown label ("O-B1ST" of "O-B1ST · Delight our customers"), or null for no label. */
export function idOfLabel(text: string): string | null {
  const at = text.indexOf(LABEL_SEPARATOR.trim());
  if (at <= 0) return null;
  const id = text.slice(0, at).trim();
  return id === "" ? null : id;
}

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
}

/** What to write into the settings sheet, anchored at A1. Dates are serials (format the cells as dates). */
export function settingsSheetValues(settings: SettingsValues): (string | number)[][] {
  const blank = () => Array<string | number>(SETTINGS_WIDTH).fill("");
  const rows: (string | number)[][] = [
    [
      "As of",
      settings.asOf === null ? "=TODAY()" : sheetSerial(settings.asOf),
      "",
      "",
      "Done words",
      "Not done words",
    ],
    ["At risk gap", settings.thresholds.atRiskGap, "", "", "", ""],
    ["Off track gap", settings.thresholds.offTrackGap, "", "", "", ""],
    ["", "", "", "", "", ""],
    ["Cycle", "Start", "End", "", "", ""],
  ].map((row) => [...row, "", ""]);
  const bands = [BAR_COLORS.green, BAR_COLORS.amber, BAR_COLORS.red];
  const height = Math.max(
    settings.cycles.length + CYCLE_TABLE_FIRST_ROW - 1,
    YES_WORDS.length + 1,
    NO_WORDS.length + 1,
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
  // E1 and F1 head the lists; the words stand below them.
  YES_WORDS.forEach((word, i) => {
    rows[i + 1]![4] = word;
  });
  NO_WORDS.forEach((word, i) => {
    rows[i + 1]![5] = word;
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

/** Text with SUMIFS/COUNTIF's wildcards (* ?) and their escape (~) escaped: matched literally. */
function literal(text: string): string {
  return `SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(${text},"~","~~"),"*","~*"),"?","~?")`;
}

/** The formulas of one row, for the three computed columns and the helpers. */
export interface RowFormulas {
  progress: string;
  expected: string;
  status: string;
  weight: string;
  weighted: string;
  started: string;
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
  const number = (ref: string) => `ISNUMBER(${ref})`;
  // What is not a number is no value: a blank Start is 0, a blank (or text) Weight is 1.
  const startValue = start ? `IF(${number(start)},${start},0)` : "0";
  const weightCell = cell(columns.weight);
  const weightValue = weightCell ? `IF(${number(weightCell)},${weightCell},1)` : "1";
  const helper = (key: HelperColumn) => `$${columnLetter(ctx.helpers[key])}${row}`;
  const clamp = (expr: string) => `MIN(1,MAX(0,${expr}))`;
  const is = (label: string) => `${type}=${quote(label)}`;

  // Key results and KPIs: linear start -> target (decrease when the target is below the start).
  const linear =
    current && target
      ? `IF(NOT(${number(target)}),"",IF(NOT(${number(current)}),0,IF(${target}=${startValue},IF(${current}>=${target},1,0),${clamp(`(${current}-${startValue})/(${target}-${startValue})`)})))`
      : '""';
  // A binary key result's words: trimmed, any case, wildcards literal (as shared/coerce.ts binaryWord reads them).
  const listed = (words: string) =>
    current ? `COUNTIF(${settings(words)},"="&${literal(`TRIM(${current})`)})>0` : "FALSE()";
  const binary = current
    ? `IF(${number(current)},IF(${current}<>0,1,0),IF(ISLOGICAL(${current}),IF(${current},1,0),IF(ISTEXT(${current}),IF(${listed(SETTINGS_CELLS.yesWords)},1,0),0)))`
    : "0";
  const milestone =
    current && target
      ? `IF(NOT(${number(target)}),"",IF(${target}<=0,"",IF(NOT(${number(current)}),0,${clamp(`INT(${current})/${target}`)})))`
      : '""';
  const krType = cell(columns.krType);
  const isBinary = krType ? `${krType}=${quote(labels.binary)}` : "FALSE()";
  const isMilestone = krType ? `${krType}=${quote(labels.milestone)}` : "FALSE()";
  const keyResult = krType ? `IF(${isBinary},${binary},IF(${isMilestone},${milestone},${linear}))` : linear;

  // A key result or KPI has started once it has a value; a binary one also on FALSE or a no-word.
  const measured = current ? number(current) : "FALSE()";
  const binaryStarted = current
    ? `OR(${number(current)},ISLOGICAL(${current}),IF(ISTEXT(${current}),OR(${listed(SETTINGS_CELLS.yesWords)},${listed(SETTINGS_CELLS.noWords)}),FALSE()))`
    : "FALSE()";
  const keyResultStarted = krType ? `IF(${isBinary},${binaryStarted},${measured})` : measured;

  // Objectives: the weighted mean of their key results, through the helper columns. A key result's Objective
  // cell holds the objective's ID or its label "ID · Title" (the dropdown's), so each sum is taken twice.
  const id = cell(columns.id);
  const sumOf = (key: HelperColumn) =>
    id && columns.objective !== undefined
      ? `(SUMIFS(${whole(ctx.helpers[key])},${whole(columns.objective)},"="&${literal(id)})+SUMIFS(${whole(ctx.helpers[key])},${whole(columns.objective)},${literal(id)}&${quote(`${LABEL_SEPARATOR}*`)}))`
      : "0";
  const objective =
    id && columns.objective !== undefined
      ? `IF(${id}="","",IFERROR(${sumOf("weighted")}/${sumOf("weight")},""))`
      : '""';
  const objectiveStarted = id && columns.objective !== undefined ? `${sumOf("started")}>0` : "FALSE()";

  const typeLabel = { objective: labels.objective, key_result: labels.keyResult, kpi: labels.kpi } as const;
  const branch = { objective, key_result: keyResult, kpi: linear } as const;
  const startedBranch = { objective: objectiveStarted, key_result: keyResultStarted, kpi: measured } as const;
  // The row's Type is one of the sheet's three words (generic formulas), or the one it was written for.
  const known =
    rowType === undefined
      ? `OR(${is(labels.objective)},${is(labels.keyResult)},${is(labels.kpi)})`
      : rowType === null
        ? "FALSE()"
        : is(typeLabel[rowType]);
  const progressFormula =
    rowType === undefined
      ? `=IF(${is(labels.objective)},${objective},IF(${is(labels.keyResult)},${keyResult},IF(${is(labels.kpi)},${linear},"")))`
      : rowType === null
        ? '=""'
        : `=IF(${is(typeLabel[rowType])},${branch[rowType]},"")`;

  const cycle = cell(columns.cycle);
  const lookup = (column: 2 | 3) => `VLOOKUP(${cycle},${settings(SETTINGS_CELLS.cycleTable)},${column},0)`;
  const expectedFormula =
    cycle && rowType !== null
      ? `=IF(OR(NOT(${known}),${cycle}=""),"",IFERROR(${clamp(`(${settings(SETTINGS_CELLS.asOf)}-${lookup(2)})/(${lookup(3)}+1-${lookup(2)})`)},""))`
      : '=""';

  const started = !current
    ? "FALSE()"
    : rowType === undefined
      ? `IF(${is(labels.objective)},${objectiveStarted},IF(${is(labels.keyResult)},${keyResultStarted},${measured}))`
      : rowType === null
        ? "FALSE()"
        : startedBranch[rowType];
  const word = (status: Status) => quote(labels.status[status]);
  const gap = expected && progress ? `${expected}-${progress}` : "0";
  const statusFormula =
    progress && expected && rowType !== null
      ? `=IF(NOT(${known}),"",IF(AND(ISNUMBER(${progress}),${progress}>=1),${word("done")},IF(OR(NOT(${started}),NOT(ISNUMBER(${progress}))),${word("not_started")},IF(NOT(ISNUMBER(${expected})),${word("on_track")},IF(${gap}>${settings(SETTINGS_CELLS.offTrackGap)},${word("off_track")},IF(${gap}>${settings(SETTINGS_CELLS.atRiskGap)},${word("at_risk")},${word("on_track")}))))))`
      : '=""';

  // The helpers never read the Progress column: an objective's progress sums whole helper columns, which
  // include its own row, so reading Progress here would be a circular reference (Sheets and HyperFormula agree).
  const hasTarget = target ? number(target) : "FALSE()";
  const hasProgress =
    target === null
      ? "FALSE()"
      : krType
        ? `IF(${isBinary},TRUE(),IF(${isMilestone},IF(${hasTarget},${target}>0,FALSE()),${hasTarget}))`
        : hasTarget;
  const helpersApply = rowType === undefined || rowType === "key_result";
  const weightFormula = helpersApply
    ? `=IF(${is(labels.keyResult)},IF(AND(${hasProgress},${weightValue}>0),${weightValue},""),"")`
    : '=""';
  const weightedFormula = helpersApply
    ? `=IF(ISNUMBER(${helper("weight")}),${helper("weight")}*${keyResult},"")`
    : '=""';
  const startedFormula = helpersApply ? `=IF(${is(labels.keyResult)},IF(${keyResultStarted},1,0),"")` : '=""';

  return {
    progress: progressFormula,
    expected: expectedFormula,
    status: statusFormula,
    weight: weightFormula,
    weighted: weightedFormula,
    started: startedFormula,
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
    ["started", ctx.helpers.started],
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
