// The formulas the add-on writes into the computed columns. They compute what computeRows() computes (the formula
// oracle tests prove it in HyperFormula, on clean sheets and on dirty ones after Set up), using only functions
// Google Sheets and HyperFormula share. Each row's formula reads its own row, fixed settings cells and the hidden
// index sheet, so sorting or inserting rows never breaks a chain.
//
// Cost. Key results, KPIs and Expected read only their own row: each is O(1) per edit. An objective needs the
// weighted mean of its key results. Written as SUMIFS over whole columns (the "sumifs" aggregation: the .xlsx
// export, and sheets set up before the index), every objective scans every row and every Current edit re-runs
// them all: O(objectives x rows) per edit, quadratic in rows (HyperFormula: 1.0 s per edit at 1,000 rows, 16 s at
// 4,000). The "index" aggregation, what Set up writes, does that work once for the whole sheet on the hidden OKR
// Index sheet (indexSheetFormulas): the keys sorted once on their own (they change only when a key does) give each
// row a group number; one SORT of the helper columns by that number, a chain that carries each objective's totals
// down the sorted rows, and per objective a binary search for its group number and one for its totals. A Current
// edit recomputes about 4.4 cells per row (the sorted values, the chain, the objectives' look-ups; HyperFormula's
// count, npm run bench:formulas), each comparing numbers: linear in rows, as is the full recalculation. Expected reads the
// As of cell, which holds a date the add-on writes (not =TODAY(), which is volatile: every edit would recompute
// Expected and Status on every row); see stampAsOf in addon/setup.ts.
//
// Dirty input. Set up and onEdit write values back in canonical form where the meaning is clear (numbers typed as
// text become numbers, IDs and cycles are trimmed, words are the sheet's labels: shared/canonical.ts). What they
// cannot rewrite (a user's formula in Current over a finance tab) the formulas read as the engine does when it
// reads a formula cell (shared/parse.ts, `formulas`):
// - a number is a value only when it is a number (ISNUMBER): text, "" from a formula, TRUE are no value, never an
//   error that would blank a whole objective;
// - a binary key result is done for a non-zero number, TRUE, or one of the yes-words (TRIM, any case, matched
//   with escaped wildcards), and started for those, FALSE or a no-word; a formula error is no value either;
// - an objective's key results are the rows whose Objective cell is its ID or its dropdown label "ID · Title",
//   in any case and spacing (as the engine resolves them: objectiveKey);
// - a row whose Type is none of the sheet's three words gets no Progress, Expected or Status (the engine reports
//   the word and leaves the row out).
//
// Locale: the formulas hold no decimal numbers (0.7 is written 7/10) and no array literals (the progress bar's
// SPARKLINE options are a range of the settings sheet, the index stacks its columns with HSTACK), so the only
// token a spreadsheet's locale could read differently is the argument separator; withArgumentSeparator rewrites
// it (see addon/setup.ts for when).
import { NO_WORDS, YES_WORDS } from "./coerce.js";
import { sheetSerial } from "./cycle.js";
import type { CycleWindow, GradeBand, RowType, SheetLayout, Status, StatusThresholds } from "./model.js";
import { GRADE_BAND_TENTHS } from "./progress.js";

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
  /** A key result's objective, an objective's own ID, as the index compares them (objectiveKey). */
  key: "OKR helper: objective key",
  /**
   * 1 when a key result has a value (a check-in), 0 when not: an objective has started once one has. 0 on an
   * objective's row (which the index needs in its group); blank elsewhere.
   */
  started: "OKR helper: started",
} as const;
export type HelperColumn = keyof typeof HELPER_HEADERS;
/**
 * How objective rows aggregate their key results: through the hidden index sheet (linear in rows: what Set up
 * writes), or with SUMIFS/COUNTIFS over whole columns in every objective row (quadratic, self-contained: the
 * .xlsx export, which has no index sheet; Set up in Google Sheets replaces it).
 */
export type Aggregation = "index" | "sumifs";

/** The hidden sheet holding the sorted key results and each objective's totals (indexSheetFormulas). */
export const INDEX_SHEET = "OKR Index";
/**
 * The index sheet's cells (indexSheetFormulas): the sorted block A:D, its copy E:H, the chain I:O, the health cell,
 * the sorted keys R and each OKR row's group number S.
 */
export const INDEX_CELLS = {
  /** Where the SORT spills (weight, weighted, group number, started). */
  anchor: "$A$1",
  /** The last completed group's key, progress and started flag on every row, M:O: what objectives look up. */
  done: "$M:$O",
  /**
   * 0 when the index is sound; 1 the SORT failed, 2 key results outside its range, 3 keys out of order, 4 more
   * keyed rows than the chain has rows.
   */
  health: "$Q$1",
  /** The keyed rows' objective keys sorted (the rest "g", after every key): they change only when keys do. */
  keys: "$R$1",
  /** Each OKR row's group number: the position of its key's last row in R (MATCH), a number. */
  groups: "$S$1",
} as const;
/**
 * The named range objectives look up (INDEX_CELLS.done). Through a name, each objective's formula depends on one
 * thing rather than on every cell of three columns: HyperFormula builds a whole-column reference's dependencies
 * anew for each formula that holds it, which made the sheet's build grow with objectives x rows.
 */
export const INDEX_RANGE = "OKR_INDEX_TOTALS";
/** The named range of the sorted keys (R1 down the chain's rows), where objectives find their group number. */
export const INDEX_KEYS_RANGE = "OKR_INDEX_KEYS";
/** The index sheet's width (columns A..S). */
export const INDEX_WIDTH = 19;
/** Rows per block of the sorted block's copy (E:H); see indexSheetFormulas. */
export const INDEX_BLOCK_ROWS = 100;

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
  /** The grade bands' words and the decimal mark, for the Status once a cycle has ended. */
  grades: { bands: Record<GradeBand, string>; decimal: string };
  /** What an objective's Progress shows while the index sheet cannot be trusted (the index aggregation only). */
  rebuild?: string;
}

export interface FormulaContext {
  layout: SheetLayout;
  /** 0-based column indexes of the helper columns (key: only the index aggregation reads it). */
  helpers: Omit<Record<HelperColumn, number>, "key"> & { key?: number };
  labels: FormulaLabels;
  /** "sumifs" unless said; "index" needs the key helper, the rebuild word and the index sheet. */
  aggregation?: Aggregation;
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

/** A 0-based column index as the sheet's letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let letters = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

function quote(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** A sheet name as a formula writes it: always quoted, a quote inside doubled. */
export function sheetReference(name: string): string {
  return `'${name.replace(/'/g, "''")}'!`;
}

/**
 * Whether a formula refers to the sheet `name`: quoted, or bare as a spreadsheet writes a plain name back
 * (`'Team'!A1` reads back as `Team!A1`).
 */
export function refersToSheet(formula: string, name: string): boolean {
  if (formula.includes(sheetReference(name))) return true;
  if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(name)) return false;
  const bare = name.replace(/\./g, "\\.");
  return new RegExp(`(^|[^A-Za-z0-9_.'])${bare}!`).test(formula);
}

const settings = (cell: string) => `${sheetReference(SETTINGS_SHEET)}${cell}`;
const index = (cell: string) => `${sheetReference(INDEX_SHEET)}${cell}`;

/** Text with SUMIFS/COUNTIF's wildcards (* ?) and their escape (~) escaped: matched literally. */
function literal(text: string): string {
  return `SUBSTITUTE(SUBSTITUTE(SUBSTITUTE(${text},"~","~~"),"*","~*"),"?","~?")`;
}

/**
 * The ID an Objective cell names, as the engine reads it (parse.ts, idOfLabel): a dropdown label "ID · Title" names
 * the ID before its first "·"; any other text is the ID itself. Trimmed (TRIM also collapses inner runs of spaces,
 * as the engine's wordKey does). An ID that itself holds a "·" is read as a label here, where the engine would try
 * the whole text first (IDs the add-on gives never hold one).
 */
export function labelId(cell: string): string {
  const text = `TRIM(${cell}&"")`;
  const at = `FIND("${LABEL_SEPARATOR.trim()}",${text})`;
  return `IFERROR(IF(${at}>1,IF(TRIM(LEFT(${text},${at}-1))="",${text},TRIM(LEFT(${text},${at}-1))),${text}),${text})`;
}

/**
 * An ID (already trimmed text) as the index compares it: lower-case, each character written as six hex digits of
 * its code ("O-1" and "o-1" are 00006f00002d000031), blank for a blank ID. The index sorts these keys with SORT and
 * finds them by binary search, which only works if both order them alike; spreadsheets compare text by a
 * collation that differs from code order for punctuation and letters like å (HyperFormula's SORT and its binary
 * search do disagree there, and Sheets documents neither order). Hex digits of one width order the same way under
 * every collation, so no ID can make an objective miss its key results. (Lower-case hex: HyperFormula lower-cases
 * the key it searches for but not the cells it compares it with.)
 */
export function objectiveKey(text: string): string {
  const lower = `LOWER(${text})`;
  return `IF(${lower}="","",LOWER(ARRAYFORMULA(TEXTJOIN("",TRUE(),DEC2HEX(UNICODE(MID(${lower},SEQUENCE(LEN(${lower})),1)),6)))))`;
}

/**
 * A grade as the Status shows it, "0.8 · Achieved" ("0,8 · Uppnått"): the score in tenths (gradeTenths: halves up,
 * a billionth added first) and its band (GRADE_BAND_TENTHS). Text built from whole numbers, so no locale reads a
 * decimal number in it.
 */
function gradeText(score: string, labels: FormulaLabels): string {
  const tenths = `ROUND(MIN(1,MAX(0,${score}))*10+1/1000000000)`;
  const { bands, decimal } = labels.grades;
  const number = `IF(${tenths}=10,${quote(`1${decimal}0`)},${quote(`0${decimal}`)}&${tenths})`;
  const band = `IF(${tenths}>=${GRADE_BAND_TENTHS.green},${quote(bands.green)},IF(${tenths}>=${GRADE_BAND_TENTHS.yellow},${quote(bands.yellow)},${quote(bands.red)}))`;
  return `${number}&${quote(GRADE_SEPARATOR)}&${band}`;
}

/** Between a grade and its band in the Status ("0.8 · Achieved"). */
export const GRADE_SEPARATOR = " · ";

/** The formulas of one row, for the three computed columns and the helpers. */
export interface RowFormulas {
  progress: string;
  expected: string;
  status: string;
  weight: string;
  weighted: string;
  key: string;
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
  const helper = (key: "weight" | "weighted" | "started") => `$${columnLetter(ctx.helpers[key])}${row}`;
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

  // Objectives: the weighted mean of their key results, through the helper columns: looked up in the index
  // sheet (one binary search), or summed over whole columns (SUMIFS). A key result's Objective cell holds the
  // objective's ID or its label "ID · Title" (the dropdown's): the index compares the ID part (objectiveKey),
  // SUMIFS takes each sum twice.
  const id = cell(columns.id);
  const linked = id !== null && columns.objective !== undefined;
  const indexed = ctx.aggregation === "index";
  const keyHelper = ctx.helpers.key === undefined ? null : `$${columnLetter(ctx.helpers.key)}${row}`;
  if (indexed && (keyHelper === null || labels.rebuild === undefined))
    throw new Error("The index aggregation needs the key helper column and the rebuild word");
  // The objective's own row is in the index under its own key (its key helper), so its group always exists: a
  // miss means the index cannot be trusted, and shows the rebuild word like an unsound index does.
  const rebuild = quote(labels.rebuild ?? "");
  // VLOOKUP with is_sorted TRUE: a binary search for the last row whose key is <= the objective's (then checked
  // equal). XLOOKUP's binary mode would do, but HyperFormula copies its whole result column on each call.
  // The objective's group number: where its key's last row stands among the sorted keys (MATCH, a binary search
  // over keys that change only when keys do), then its totals by that number (VLOOKUP on the chain's sorted
  // numbers, checked equal).
  const group = `MATCH(${keyHelper},${INDEX_KEYS_RANGE},1)`;
  const lookUp = (column: 2 | 3, missing: string) =>
    `IFERROR(IF(VLOOKUP(${group},${INDEX_RANGE},1,TRUE())=${group},VLOOKUP(${group},${INDEX_RANGE},${column},TRUE()),${missing}),${missing})`;
  const sumOf = (key: "weight" | "weighted" | "started") =>
    linked
      ? `(SUMIFS(${whole(ctx.helpers[key])},${whole(columns.objective!)},"="&${literal(id!)})+SUMIFS(${whole(ctx.helpers[key])},${whole(columns.objective!)},${literal(id!)}&${quote(`${LABEL_SEPARATOR}*`)}))`
      : "0";
  const objective = !linked
    ? '""'
    : indexed
      ? `IF(${id}="","",IF(${index(INDEX_CELLS.health)}<>0,${rebuild},${lookUp(2, rebuild)}))`
      : `IF(${id}="","",IFERROR(${sumOf("weighted")}/${sumOf("weight")},""))`;
  const objectiveStarted = !linked ? "FALSE()" : indexed ? lookUp(3, "FALSE()") : `${sumOf("started")}>0`;

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
  const pace = `IF(AND(ISNUMBER(${progress}),${progress}>=1),${word("done")},IF(OR(NOT(${started}),NOT(ISNUMBER(${progress}))),${word("not_started")},IF(NOT(ISNUMBER(${expected})),${word("on_track")},IF(${gap}>${settings(SETTINGS_CELLS.offTrackGap)},${word("off_track")},IF(${gap}>${settings(SETTINGS_CELLS.atRiskGap)},${word("at_risk")},${word("on_track")})))))`;
  // What the Status shows (shared/sheet-status.ts, the same in the engine): a grade frozen by Close cycle; once
  // the cycle has ended (As of after its last day), the grade of the progress and its band; else the owner's word
  // where the Owner status column has one of the status words; else the pace.
  const graded =
    rowType === undefined
      ? `OR(${is(labels.objective)},${is(labels.keyResult)})`
      : rowType === "objective" || rowType === "key_result"
        ? "TRUE()"
        : "FALSE()";
  const gradeCell = cell(columns.grade);
  const ownerCell = cell(columns.ownerStatus);
  const ended = cycle ? `IFERROR(${settings(SETTINGS_CELLS.asOf)}>${lookup(3)},FALSE())` : "FALSE()";
  let shown = pace;
  if (ownerCell) {
    const said = `TRIM(${ownerCell}&"")`;
    shown = (Object.keys(labels.status) as Status[]).reduceRight(
      (otherwise, status) => `IF(${said}=${word(status)},${word(status)},${otherwise})`,
      shown,
    );
  }
  if (progress && graded !== "FALSE()")
    shown = `IF(AND(${graded},${ended},ISNUMBER(${progress})),${gradeText(progress, labels)},${shown})`;
  if (gradeCell && graded !== "FALSE()")
    shown = `IF(AND(${graded},ISNUMBER(${gradeCell})),${gradeText(gradeCell, labels)},${shown})`;
  const statusFormula = progress && expected && rowType !== null ? `=IF(NOT(${known}),"",${shown})` : '=""';

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
  // The index's sort key and started flag: a key result's objective, an objective's own ID (started 0: it starts
  // nothing itself, but its row keeps its group in the index). Never an error: one error would fail the index's
  // SORT for every objective.
  const keyApplies = rowType === undefined || rowType === "key_result" || rowType === "objective";
  const objectiveCell = cell(columns.objective);
  const krKey = objectiveCell ? objectiveKey(labelId(objectiveCell)) : '""';
  const ownKey = id ? objectiveKey(`TRIM(${id}&"")`) : '""';
  const keyFormula = !keyApplies
    ? '=""'
    : rowType === "key_result"
      ? `=IFERROR(IF(${is(labels.keyResult)},${krKey},""),"")`
      : rowType === "objective"
        ? `=IFERROR(IF(${is(labels.objective)},${ownKey},""),"")`
        : `=IFERROR(IF(${is(labels.keyResult)},${krKey},IF(${is(labels.objective)},${ownKey},"")),"")`;
  const krStartedFlag = `IF(${keyResultStarted},1,0)`;
  const startedFormula = !keyApplies
    ? '=""'
    : rowType === "key_result"
      ? `=IF(${is(labels.keyResult)},${krStartedFlag},"")`
      : rowType === "objective"
        ? `=IF(${is(labels.objective)},0,"")`
        : `=IF(${is(labels.keyResult)},${krStartedFlag},IF(${is(labels.objective)},0,""))`;

  return {
    progress: progressFormula,
    expected: expectedFormula,
    status: statusFormula,
    weight: weightFormula,
    weighted: weightedFormula,
    key: keyFormula,
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
    ["key", ctx.helpers.key],
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
 * The OKR sheet rows the index reads: 1..lastRow, the grid's last row, which Set up keeps blank. Both ends are rows
 * nobody sorts or moves (the top row and a blank row at the bottom), so the range stays the same when people sort
 * or drag data rows (a range whose end row is moved shrinks), and grows with rows inserted inside it.
 */
export interface IndexExtent {
  lastRow: number;
  /** The OKR sheet's last row with content (Sheet.getLastRow()), which sizes the chain. */
  usedRows: number;
}

/**
 * Rows of the index sheet's chain (and of INDEX_RANGE) for an extent. Rows with a key sort first and the chain
 * must reach one row past them (the last group is completed on the row after it); they are fewer than the rows in
 * use, so the chain covers those and room for a tenth more (at least 20), never more than the rows read and one.
 * The blank rows of the grid below need no chain row (blanks sort last). Rows typed or pasted past the chain are
 * an edit, after which the add-on grows the index (addon/index-sheet.ts); until it does the health cell says so.
 */
export function indexChainRows(extent: IndexExtent): number {
  const room = Math.max(20, Math.ceil(extent.usedRows / 10));
  return Math.min(extent.lastRow, extent.usedRows + room) + 1;
}

/**
 * Rows of the index sheet's grid: the chain and room below it for the SORT's result to grow into when rows are
 * inserted into the OKR sheet (each grows it by one) before the add-on next grows the index. Blank: they cost no
 * recalculation.
 */
export function indexSheetRows(extent: IndexExtent): number {
  return indexChainRows(extent) + Math.max(100, Math.ceil(extent.lastRow / 4));
}

export interface IndexSheetFormulas {
  /** A1: the OKR sheet's helper columns (the key as its group number) sorted by group number. */
  anchor: string;
  /** R1: the keyed rows' keys sorted ("g" for the other rows, after them). */
  keys: string;
  /** S1: each OKR row's group number (MATCH of its key in R). */
  groups: string;
  /** Q1: 0 when the index is sound (INDEX_CELLS.health). */
  health: string;
  /** E1, E101, ...: each copies INDEX_BLOCK_ROWS rows of the sorted block (by 0-based row). */
  blocks: Map<number, string>;
  /** I..P of rows 1..rows: the chain. */
  chain: string[][];
}

/**
 * The hidden index sheet. R1 sorts the keys of the rows the index groups (those with a number in started; the rest
 * read "g", after every key) and S1 gives every OKR row its group number: where its key's last row stands in R
 * (MATCH, a binary search). Neither reads a value, so a Current edit recomputes neither. A1 sorts the rows'
 * (weight, weighted, group number, started) by group number, so each objective's row and its key results stand
 * together, and the SORT and the chain compare numbers (text comparisons cost far more: HyperFormula tries each
 * text as a date). E:H copy the sorted block in blocks of INDEX_BLOCK_ROWS rows, one array formula
 * each, and the chain reads the copy: no cell is then read by more than a few hundred others (a spreadsheet
 * engine's bookkeeping per cell can grow with the square of its readers: HyperFormula's does, which made the
 * sheet's build quadratic when the chain read A:D). Row by row: I is the group number, blank unless the row has a
 * started flag (other rows, and the header row's helper titles, weigh nothing and group nothing); J..L sum weight,
 * weight x progress and started over the current group; M..O hold the group number (0 above the first), progress
 * and started flag of the last group completed above (a group is completed on the row after its last one), so
 * every row from a group's completion to the next one's carries that group's totals, and M is sorted. An objective
 * then finds its group number in R (MATCH, sorted) and a row whose M is that number (VLOOKUP, sorted). A Current
 * edit recomputes A1, the copies and the chain (numbers, no text) and the objectives' look-ups: linear in rows. P
 * marks a number below the one above, and Q1 sums up what could make the index wrong: the SORT failing (#REF! when its result outgrows the sheet),
 * rows with a key outside the range it reads, keys out of order; objectives then show the rebuild word instead of
 * a number, never a wrong one.
 */
export function indexSheetFormulas(
  okrSheet: string,
  helpers: Record<HelperColumn, number>,
  extent: IndexExtent,
): IndexSheetFormulas {
  const rows = indexChainRows(extent);
  const okr = sheetReference(okrSheet);
  const block = (helper: number) => {
    const letter = columnLetter(helper);
    return `${okr}$${letter}$1:$${letter}$${extent.lastRow}`;
  };
  const started = columnLetter(helpers.started);
  // Google Sheets documents every function here: SORT (support.google.com/docs/answer/3093150), MATCH with
  // search_type 1 on a range sorted ascending (3093378), ARRAYFORMULA (3093275), ARRAY_CONSTRAIN (3267036),
  // ROWS (3093382), HSTACK, ISNUMBER.
  // Keys sorted once, apart from the values: a Current edit changes a weighted (and at most a started) helper,
  // never a key, so R and S are not recomputed by it, and the SORT below compares numbers, not text. The rows
  // the chain groups (a number in started) keep their key; the rest become "g", which sorts after every key
  // (keys are hex digits 0-9a-f) in SORT's order and in the binary search's alike.
  const keyed = (text: string) => `ARRAYFORMULA(IF(ISNUMBER(${block(helpers.started)}),${text},"g"))`;
  const keys = `=SORT(${keyed(block(helpers.key))},1,TRUE())`;
  // The sorted keys down the chain's rows (keyed rows sort first and are fewer than the chain's rows): no blank
  // cell, so the binary search stays one.
  const sortedKeys = `$R$1:$R$${rows}`;
  const groups = `=ARRAYFORMULA(MATCH(${keyed(block(helpers.key))},${sortedKeys},1))`;
  // S spills as many rows as the OKR range has (growing with rows inserted into it); ARRAY_CONSTRAIN takes that
  // many rows of column S, so the four columns stay the same height.
  const groupColumn = `ARRAY_CONSTRAIN($S:$S,ROWS(${block(helpers.weight)}),1)`;
  const sortBlock = [
    block(helpers.weight),
    block(helpers.weighted),
    groupColumn,
    block(helpers.started),
  ].join(",");
  const anchor = `=SORT(HSTACK(${sortBlock}),3,TRUE())`;
  // Keyed rows (a number in started) sort first, and the chain must reach one row past them.
  const keyedCount = `COUNT(${block(helpers.started)})`;
  const health =
    `=IF(ISERROR(${INDEX_CELLS.anchor}),1,IF(COUNT(${okr}$${started}:$${started})<>${keyedCount},2,` +
    `IF(SUM($P$1:$P$${rows})>0,3,IF(${keyedCount}>=${rows},4,0))))`;
  const blocks = new Map<number, string>();
  for (let top = 1; top <= rows; top += INDEX_BLOCK_ROWS)
    blocks.set(top - 1, `=HSTACK($A$${top}:$D$${Math.min(rows, top + INDEX_BLOCK_ROWS - 1)})`);
  const chain: string[][] = [];
  for (let r = 1; r <= rows; r++) {
    const q = r - 1;
    const key = `=IF(ISNUMBER($H${r}),$G${r},"")`;
    // Sums of E (weight), F (weighted) and H (started) over the group.
    const sum = (own: string, source: string) =>
      r === 1
        ? `=IF($I1="","",N($${source}1))`
        : `=IF($I${r}="","",IF($I${r}=$I${q},$${own}${q},0)+N($${source}${r}))`;
    const completed = `AND($I${q}<>"",$I${q}<>$I${r})`;
    chain.push(
      r === 1
        ? [key, sum("J", "E"), sum("K", "F"), sum("L", "H"), "=0", '=""', "=FALSE()", "=0"]
        : [
            key,
            sum("J", "E"),
            sum("K", "F"),
            sum("L", "H"),
            `=IF(${completed},$I${q},$M${q})`,
            `=IF(${completed},IF($J${q}>0,$K${q}/$J${q},""),$N${q})`,
            `=IF(${completed},$L${q}>0,$O${q})`,
            `=IF($M${r}<$M${q},1,0)`,
          ],
    );
  }
  return { anchor, keys, groups, health, blocks, chain };
}

/** The block copies' column (E) and the chain's first column (I), 0-based. */
export const INDEX_BLOCK_COLUMN = 4;
export const INDEX_CHAIN_COLUMN = 8;
/** The health cell's, the sorted keys' and the group numbers' columns (Q, R, S), 0-based. */
const INDEX_HEALTH_COLUMN = 16;
const INDEX_KEYS_COLUMN = 17;
const INDEX_GROUPS_COLUMN = 18;

/** The index sheet's cells as one grid (rows x INDEX_WIDTH, null where an array spills or nothing stands). */
export function indexSheetGrid(formulas: IndexSheetFormulas): (string | null)[][] {
  return formulas.chain.map((chain, r) => {
    const cells = Array<string | null>(INDEX_WIDTH).fill(null);
    if (r === 0) {
      cells[0] = formulas.anchor;
      cells[INDEX_HEALTH_COLUMN] = formulas.health;
      cells[INDEX_KEYS_COLUMN] = formulas.keys;
      cells[INDEX_GROUPS_COLUMN] = formulas.groups;
    }
    const copy = formulas.blocks.get(r);
    if (copy) cells[INDEX_BLOCK_COLUMN] = copy;
    chain.forEach((formula, c) => {
      cells[INDEX_CHAIN_COLUMN + c] = formula;
    });
    return cells;
  });
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
