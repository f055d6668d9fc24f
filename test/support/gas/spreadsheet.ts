// The Spreadsheet service double: a workbook backed by real HyperFormula, so the formulas the add-on writes
// compute. Sheets, ranges and builders expose the subset of SpreadsheetApp the add-on uses, each call counted.
// As strict as Google's documentation where the add-on depends on it: the grid (a range outside
// getMaxRows()/getMaxColumns() throws, only insertRows*/insertColumns* grow it), TODAY() in the spreadsheet's
// time zone, and read-only access where the authorization mode allows no writes (see services.ts).
import type { HyperFormula, RawCellContent } from "hyperformula";
import { createSheetsLikeEngine, LOCALE_SV_SYNTAX, sheetClock } from "../hyperformula.js";
import { CallCounter, counted } from "./counter.js";

type GasRange = GoogleAppsScript.Spreadsheet.Range;
type GasSheet = GoogleAppsScript.Spreadsheet.Sheet;

/**
 * A new sheet's grid. Apps Script's reference does not state it; it is what Sheets creates (the Sheets API's
 * default GridProperties, as the issue observed on a real spreadsheet): docs/verify-on-google.md checks it.
 */
export const NEW_SHEET_ROWS = 1000;
export const NEW_SHEET_COLUMNS = 26;
/**
 * What Sheets throws for getRange outside the grid. The message is not in the reference
 * (https://developers.google.com/apps-script/reference/spreadsheet/sheet#getRange(Integer,Integer,Integer,Integer)
 * only says the range has "the top left cell at the given coordinates"); it is the one Sheets gives, quoted in
 * the issue, and docs/verify-on-google.md has a person check it.
 */
export const OUTSIDE_GRID = "The coordinates of the range are outside the dimensions of the sheet.";

/** Decides whether the current execution may call a method (services.ts installs the authorization table). */
export type AccessCheck = (service: string, method: string) => void;

export interface ValidationRule {
  kind: "list" | "range";
  values: string[];
  rangeName?: string;
  allowInvalid: boolean;
}

export interface ConditionalRule {
  kind: "textEqualTo" | "textContains" | "formula" | "numberBetween";
  args: unknown[];
  background: string | null;
  ranges: FakeRange[];
}

/** Text as Sheets shows it for error values; plain values otherwise. */
function plain(value: unknown): unknown {
  if (value !== null && typeof value === "object" && "value" in value)
    return (value as { value: string }).value;
  return value ?? "";
}

/** What Sheets makes of a value written with setValues: '=…' and '+x' become formulas, a leading ' forces text. */
function asWritten(value: unknown): RawCellContent {
  if (value === null || value === undefined || value === "") return null;
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "string" && /^[+-]/.test(value) && Number.isNaN(Number(value)) && value.length > 1)
    return `=${value}`;
  return value as RawCellContent;
}

export class FakeWorkbook {
  readonly engine: HyperFormula;
  readonly counter: CallCounter;
  readonly sheets: FakeSheet[] = [];
  readonly namedRanges = new Map<string, FakeRange>();
  readonly toasts: string[] = [];
  locale = "en_US";
  /**
   * The spreadsheet's time zone (Spreadsheet.getSpreadsheetTimeZone()); TODAY() follows it, as Sheets' File >
   * Settings says. UTC unless a test sets one.
   */
  timeZone = "Etc/UTC";
  /** The clock TODAY() and the add-on read (services.ts gives the add-on the same one); tests may pin it. */
  now: () => Date = () => new Date();
  /** Set by services.ts: the authorization table of the execution in progress. */
  access: AccessCheck = () => undefined;
  private readonly check: AccessCheck = (service, method) => this.access(service, method);
  /**
   * false: formulas written by the add-on are kept (getFormulas returns them) but never computed; their cells
   * read as blank. Only for measuring what does not depend on computed values (the call-count test checks
   * that it does not, by comparing both modes on a small sheet). HyperFormula's recalculation of whole-column
   * SUMIFS/COUNTIFS on thousands of rows is most of that test's time otherwise.
   */
  evaluateFormulas = true;
  /** Every getValues / getFormulas as "Sheet!A1:B2" (to prove what was read, not just how often). */
  readonly reads: string[] = [];
  active: FakeSheet | null = null;
  activeRange: FakeRange | null = null;
  readonly id: string;
  name = "Team OKRs";

  /**
   * Test hook: a write to this sheet fails as a Sheets service error would (to prove what a failure part way
   * leaves behind). Returns true to fail the call.
   */
  failWrite: ((sheetName: string, method: string) => boolean) | null = null;

  /**
   * formulaSyntax "locale-sv": formulas are read in sv_SE/nb_NO syntax (a hypothesis the add-on must survive;
   * see LOCALE_SV_SYNTAX). Default: the canonical syntax (English names, "," between arguments).
   */
  constructor(
    counter = new CallCounter(),
    id = "spreadsheet-1",
    options: { formulaSyntax?: "canonical" | "locale-sv" } = {},
  ) {
    this.counter = counter;
    this.engine = createSheetsLikeEngine({}, options.formulaSyntax === "locale-sv" ? LOCALE_SV_SYNTAX : {});
    this.id = id;
  }

  /** Throws when the failWrite hook says so. */
  checkWrite(sheetName: string, method: string): void {
    if (this.failWrite?.(sheetName, method))
      throw new Error(
        `Exception: Service Spreadsheets failed while accessing document (${method} on ${sheetName}).`,
      );
  }

  /**
   * Like Sheets, recalculate lazily: writes suspend evaluation and the next read resumes it, so a run of
   * writes costs one recalculation (HyperFormula otherwise recalculates after every write).
   */
  beforeWrite(): void {
    if (!this.engine.isEvaluationSuspended()) this.engine.suspendEvaluation();
  }

  beforeRead(): void {
    sheetClock.now = this.now;
    sheetClock.timeZone = this.timeZone;
    if (this.engine.isEvaluationSuspended()) this.engine.resumeEvaluation();
  }

  /** The counted Spreadsheet object the add-on sees. */
  api(): GoogleAppsScript.Spreadsheet.Spreadsheet {
    return counted(
      new FakeSpreadsheet(this),
      "Spreadsheet",
      this.counter,
      this.check,
    ) as unknown as GoogleAppsScript.Spreadsheet.Spreadsheet;
  }

  /** Test helper (not counted): a sheet as a user left it; values beyond the new grid grow it, as a paste does. */
  addSheet(name: string, values: unknown[][] = []): FakeSheet {
    this.beforeRead();
    if (this.sheets.some((s) => s.name === name))
      throw new Error(`A sheet with the name "${name}" already exists.`);
    this.engine.addSheet(name);
    const sheet = new FakeSheet(this, name);
    this.sheets.push(sheet);
    if (values.length > 0) sheet.write(1, 1, values);
    this.active ??= sheet;
    return sheet;
  }

  sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  wrapSheet(sheet: FakeSheet): GasSheet {
    return counted(sheet, "Sheet", this.counter, this.check) as unknown as GasSheet;
  }

  wrapRange(range: FakeRange): GasRange {
    return counted(range, "Range", this.counter, this.check) as unknown as GasRange;
  }
}

class FakeSpreadsheet {
  constructor(private readonly book: FakeWorkbook) {}
  getId(): string {
    return this.book.id;
  }
  /** The spreadsheet's address, as Spreadsheet.getUrl() gives it (docs.google.com/spreadsheets/d/<id>/edit). */
  getUrl(): string {
    return `https://docs.google.com/spreadsheets/d/${this.book.id}/edit`;
  }
  getName(): string {
    return this.book.name;
  }
  getSpreadsheetLocale(): string {
    return this.book.locale;
  }
  getSpreadsheetTimeZone(): string {
    return this.book.timeZone;
  }
  getSheets(): GasSheet[] {
    return this.book.sheets.map((s) => this.book.wrapSheet(s));
  }
  getSheetById(id: number): GasSheet | null {
    const sheet = this.book.sheets.find((s) => s.hfId === id);
    return sheet ? this.book.wrapSheet(sheet) : null;
  }
  getSheetByName(name: string): GasSheet | null {
    const sheet = this.book.sheet(name);
    return sheet ? this.book.wrapSheet(sheet) : null;
  }
  getActiveSheet(): GasSheet {
    const sheet = this.book.active ?? this.book.addSheet("Sheet1");
    return this.book.wrapSheet(sheet);
  }
  insertSheet(name: string): GasSheet {
    const sheet = this.book.addSheet(name);
    this.book.active = sheet;
    return this.book.wrapSheet(sheet);
  }
  getActiveRange(): GasRange | null {
    return this.book.activeRange ? this.book.wrapRange(this.book.activeRange) : null;
  }
  /**
   * Spreadsheet.setNamedRange(name, range): "Names a range", replacing the range of an existing name
   * (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet#setNamedRange(String,Range)).
   * Formulas may refer to it by name: the engine gets it as a named expression.
   */
  setNamedRange(name: string, range: GasRange): void {
    // A range's name "can contain only letters, numbers, and underscores; can't start with a number, or the
    // words 'true' or 'false'; can't contain any spaces or punctuation; must be 1-250 characters; can't be in
    // either A1 or R1C1 syntax" (Google Sheets Help, "Name a range": https://support.google.com/docs/answer/63175).
    if (
      !/^[A-Za-z_][A-Za-z0-9_]{0,249}$/.test(name) ||
      /^(true|false)/i.test(name) ||
      /^[A-Za-z]{1,3}[0-9]+$/.test(name) ||
      /^R[0-9]*C[0-9]*$/i.test(name)
    )
      throw new Error(`Invalid named range name: ${name}`);
    const fake = range as unknown as FakeRange;
    this.book.namedRanges.set(name, fake);
    const engine = this.book.engine;
    // Read through properties: a method call on the counted range would count as the add-on's.
    const first = `$${columnLetters(fake.column)}$${fake.row}`;
    const last = `$${columnLetters(fake.column + fake.numColumns - 1)}$${fake.row + fake.numRows - 1}`;
    const expression = `='${fake.sheet.name.replace(/'/g, "''")}'!${first}:${last}`;
    if (engine.isItPossibleToChangeNamedExpression(name, expression))
      engine.changeNamedExpression(name, expression);
    else engine.addNamedExpression(name, expression);
  }
  getRangeByName(name: string): GasRange | null {
    const range = this.book.namedRanges.get(name);
    return range ? this.book.wrapRange(range) : null;
  }
  toast(message: string): void {
    this.book.toasts.push(message);
  }
}

export class FakeSheet
  implements
    Pick<
      GasSheet,
      | "getName"
      | "getLastRow"
      | "getLastColumn"
      | "getFrozenRows"
      | "getMaxRows"
      | "getMaxColumns"
      | "isSheetHidden"
    >
{
  frozenRows = 0;
  hidden = false;
  readonly hiddenColumns = new Set<number>();
  conditionalRules: ConditionalRule[] = [];
  readonly protections: { range: FakeRange; warningOnly: boolean; description: string }[] = [];
  readonly validations = new Map<string, ValidationRule | null>();
  readonly numberFormats = new Map<string, string>();
  maxRows = NEW_SHEET_ROWS;
  maxColumns = NEW_SHEET_COLUMNS;
  /** Formulas kept without evaluation (book.evaluateFormulas false), by "row:column" (1-based). */
  readonly inertFormulas = new Map<string, string>();

  constructor(
    readonly book: FakeWorkbook,
    public name: string,
  ) {}

  get hfId(): number {
    const id = this.book.engine.getSheetId(this.name);
    if (id === undefined) throw new Error(`Sheet ${this.name} is gone`);
    return id;
  }

  /**
   * Test helper (not counted): what a user types or pastes at a 1-based position. Pasting past the grid grows
   * it in the Sheets UI, so this grows it too; the add-on's own writes never do (getRange throws instead).
   */
  write(row: number, column: number, values: readonly (readonly unknown[])[]): void {
    this.book.beforeWrite();
    const height = values.length;
    const width = Math.max(0, ...values.map((r) => r.length));
    this.grow(row + height - 1, column + width - 1);
    const content = Array.from(values, (r) => Array.from({ length: width }, (_, c) => asWritten(r[c])));
    this.forgetInert(row, column, height, width);
    this.book.engine.setCellContents({ sheet: this.hfId, row: row - 1, col: column - 1 }, content);
  }

  /** Writing over a cell replaces its inert formula. */
  forgetInert(row: number, column: number, numRows: number, numColumns: number): void {
    if (this.inertFormulas.size === 0) return;
    for (let r = row; r < row + numRows; r++)
      for (let c = column; c < column + numColumns; c++) this.inertFormulas.delete(`${r}:${c}`);
  }

  /** The extent of the inert formulas (they hold no content in HyperFormula). */
  private inertExtent(): { height: number; width: number } {
    let height = 0;
    let width = 0;
    for (const key of this.inertFormulas.keys()) {
      const [r, c] = key.split(":").map(Number) as [number, number];
      if (r > height) height = r;
      if (c > width) width = c;
    }
    return { height, width };
  }

  /** Test helper (not counted): computed values of the whole used area. */
  values(): unknown[][] {
    this.book.beforeRead();
    return this.book.engine.getSheetValues(this.hfId).map((r) => r.map(plain));
  }

  /** Test helper (not counted): formulas of the whole used area ("" where none). */
  formulas(): string[][] {
    const formulas = this.book.engine.getSheetFormulas(this.hfId).map((r) => Array.from(r, (f) => f ?? ""));
    for (const [key, formula] of this.inertFormulas) {
      const [r, c] = key.split(":").map(Number) as [number, number];
      while (formulas.length < r) formulas.push([]);
      const line = formulas[r - 1]!;
      while (line.length < c) line.push("");
      line[c - 1] = formula;
    }
    const width = Math.max(0, ...formulas.map((r) => r.length));
    return formulas.map((r) => Array.from({ length: width }, (_, c) => r[c] ?? ""));
  }

  /** Test helper (not counted): every cell as written (formulas as text). */
  serialized(): unknown[][] {
    this.book.beforeRead();
    return this.book.engine.getSheetSerialized(this.hfId);
  }

  /** The UI growing the grid under a paste (test helpers only). */
  grow(rows: number, columns: number): void {
    this.maxRows = Math.max(this.maxRows, rows);
    this.maxColumns = Math.max(this.maxColumns, columns);
  }

  /** Throws Sheets' error for a range that leaves the grid (see OUTSIDE_GRID). */
  checkInGrid(row: number, column: number, numRows: number, numColumns: number): void {
    if (row + numRows - 1 > this.maxRows || column + numColumns - 1 > this.maxColumns)
      throw new Error(OUTSIDE_GRID);
  }

  getName(): string {
    return this.name;
  }
  getSheetId(): number {
    return this.hfId;
  }
  getParent(): GoogleAppsScript.Spreadsheet.Spreadsheet {
    return this.book.api();
  }
  /**
   * The used area: "the position of the last row [column] that has content"
   * (https://developers.google.com/apps-script/reference/spreadsheet/sheet#getLastRow()). HyperFormula's own
   * dimensions also count empty cells that a formula's range refers to, which are no content: trimmed here.
   */
  private contentExtent(): { height: number; width: number } {
    const engine = this.book.engine;
    let { height, width } = engine.getSheetDimensions(this.hfId);
    // isCellEmpty reads no value, so it works while evaluation is suspended.
    const empty = (rows: [number, number], columns: [number, number]) => {
      for (let row = rows[0]; row <= rows[1]; row++)
        for (let col = columns[0]; col <= columns[1]; col++)
          if (!engine.isCellEmpty({ sheet: this.hfId, row, col })) return false;
      return true;
    };
    while (height > 0 && empty([height - 1, height - 1], [0, width - 1])) height--;
    while (width > 0 && height > 0 && empty([0, height - 1], [width - 1, width - 1])) width--;
    return height === 0 ? { height: 0, width: 0 } : { height, width };
  }
  // Dimensions and formulas are known without evaluating: only value reads recalculate (as in Sheets).
  getLastRow(): number {
    const { height } = this.contentExtent();
    return this.inertFormulas.size === 0 ? height : Math.max(height, this.inertExtent().height);
  }
  getLastColumn(): number {
    const { width } = this.contentExtent();
    return this.inertFormulas.size === 0 ? width : Math.max(width, this.inertExtent().width);
  }
  getMaxRows(): number {
    return this.maxRows;
  }
  getMaxColumns(): number {
    return this.maxColumns;
  }
  getDataRange(): GasRange {
    return this.book.wrapRange(
      new FakeRange(this, 1, 1, Math.max(1, this.getLastRow()), Math.max(1, this.getLastColumn())),
    );
  }
  /**
   * Sheet.getRangeList(a1Notations): "Returns the RangeList collection representing the ranges in the same sheet
   * specified by a non-empty list of A1 notations"
   * (https://developers.google.com/apps-script/reference/spreadsheet/sheet#getRangeList(String)); each range must
   * be in the grid, as getRange's.
   */
  getRangeList(a1Notations: string[]): FakeRangeList {
    if (!Array.isArray(a1Notations) || a1Notations.length === 0)
      throw new Error(
        "Exception: The parameters (String[]) don't match the method signature: a non-empty list",
      );
    return counted(
      new FakeRangeList(a1Notations.map((a1) => FakeRange.fromA1(this, a1))),
      "RangeList",
      this.book.counter,
      (service, method) => this.book.access(service, method),
    ) as unknown as FakeRangeList;
  }
  getRange(row: number | string, column?: number, numRows = 1, numColumns = 1): GasRange {
    if (typeof row === "string") return this.book.wrapRange(FakeRange.fromA1(this, row));
    if (column === undefined) throw new Error("getRange(row) needs a column");
    if (row < 1 || column < 1 || numRows < 1 || numColumns < 1)
      throw new Error(`Range out of bounds: ${row},${column},${numRows},${numColumns}`);
    this.checkInGrid(row, column, numRows, numColumns);
    return this.book.wrapRange(new FakeRange(this, row, column, numRows, numColumns));
  }
  /**
   * Sheet.insertRowsAfter(afterPosition, howMany): "Inserts a number of rows after the given row position"
   * (https://developers.google.com/apps-script/reference/spreadsheet/sheet#insertRowsAfter(Integer,Integer)).
   * The position must be in the grid. The double adds rows at the end of the content only (moving content,
   * formats and rules down is not modelled): anything else throws rather than pretend.
   */
  insertRowsAfter(afterPosition: number, howMany: number): GasSheet {
    if (!(afterPosition >= 1 && afterPosition <= this.maxRows) || !(howMany >= 1))
      throw new Error(`Those rows are out of bounds: insertRowsAfter(${afterPosition}, ${howMany})`);
    if (afterPosition < this.getLastRow())
      throw new Error("The double only inserts rows below the last row with content");
    this.maxRows += howMany;
    return this as unknown as GasSheet;
  }
  /** Sheet.insertColumnsAfter(afterPosition, howMany), the same rules as insertRowsAfter. */
  insertColumnsAfter(afterPosition: number, howMany: number): GasSheet {
    if (!(afterPosition >= 1 && afterPosition <= this.maxColumns) || !(howMany >= 1))
      throw new Error(`Those columns are out of bounds: insertColumnsAfter(${afterPosition}, ${howMany})`);
    if (afterPosition < this.getLastColumn())
      throw new Error("The double only inserts columns right of the last column with content");
    this.maxColumns += howMany;
    return this as unknown as GasSheet;
  }
  /**
   * Sheet.appendRow: "Appends a row to the bottom of the current data region in the sheet", in one atomic step
   * (https://developers.google.com/apps-script/reference/spreadsheet/sheet#appendRow(Object)). It adds the row
   * to the grid when the data region already fills it. Whether it also widens the grid is not documented: the
   * double refuses a row wider than the grid.
   */
  appendRow(rowContents: unknown[]): GasSheet {
    this.book.beforeWrite();
    const next = this.getLastRow() + 1;
    if (rowContents.length > this.maxColumns) throw new Error(OUTSIDE_GRID);
    this.maxRows = Math.max(this.maxRows, next);
    this.book.engine.setCellContents({ sheet: this.hfId, row: next - 1, col: 0 }, [
      Array.from(rowContents, (v) => asWritten(v)),
    ]);
    return this as unknown as GasSheet;
  }
  setFrozenRows(rows: number): void {
    this.frozenRows = rows;
  }
  getFrozenRows(): number {
    return this.frozenRows;
  }
  hideColumns(column: number, count = 1): void {
    for (let c = column; c < column + count; c++) this.hiddenColumns.add(c);
  }
  isColumnHiddenByUser(column: number): boolean {
    return this.hiddenColumns.has(column);
  }
  /**
   * "Hides this sheet. Has no effect if the sheet is already hidden. If this method is called on the only visible
   * sheet, nothing happens" (https://developers.google.com/apps-script/reference/spreadsheet/sheet#hideSheet()).
   */
  hideSheet(): GasSheet {
    const visible = this.book.sheets.filter((sheet) => !sheet.hidden);
    if (visible.length === 1 && visible[0] === this) return this as unknown as GasSheet;
    this.hidden = true;
    return this as unknown as GasSheet;
  }
  isSheetHidden(): boolean {
    return this.hidden;
  }
  activate(): GasSheet {
    this.book.active = this;
    return this as unknown as GasSheet;
  }
  setConditionalFormatRules(rules: ConditionalRule[]): void {
    this.conditionalRules = [...rules];
  }
  getConditionalFormatRules(): ConditionalRule[] {
    return [...this.conditionalRules];
  }
  getProtections(): unknown[] {
    return this.protections.map((p) => ({
      getRange: () => p.range,
      getDescription: () => p.description,
      isWarningOnly: () => p.warningOnly,
      remove: () => this.protections.splice(this.protections.indexOf(p), 1),
    }));
  }
  clear(): GasSheet {
    this.book.beforeWrite();
    const { height, width } = this.book.engine.getSheetDimensions(this.hfId);
    if (height > 0 && width > 0) {
      this.book.engine.setCellContents(
        { sheet: this.hfId, row: 0, col: 0 },
        Array.from({ length: height }, () => Array(width).fill(null)),
      );
    }
    this.numberFormats.clear();
    this.inertFormulas.clear();
    return this as unknown as GasSheet;
  }
}

function columnLetters(index: number): string {
  let letters = "";
  for (let n = index; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

export class FakeRange
  implements
    Pick<
      GasRange,
      "getRow" | "getColumn" | "getNumRows" | "getNumColumns" | "getA1Notation" | "getValues" | "getFormulas"
    >
{
  constructor(
    readonly sheet: FakeSheet,
    readonly row: number,
    readonly column: number,
    readonly numRows: number,
    readonly numColumns: number,
  ) {}

  static fromA1(sheet: FakeSheet, a1: string): FakeRange {
    const parse = (ref: string) => {
      const m = /^([A-Z]*)(\d*)$/i.exec(ref.replace(/\$/g, ""));
      if (!m) throw new Error(`Bad A1 notation: ${a1}`);
      const col = m[1] ? [...m[1].toUpperCase()].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) : 0;
      return { row: m[2] ? Number(m[2]) : 0, col };
    };
    const [from, to = from] = a1.split(":") as [string, string?];
    const a = parse(from);
    const b = parse(to ?? from);
    const row = a.row || 1;
    const col = a.col || 1;
    const lastRow = b.row || sheet.getMaxRows();
    const lastCol = b.col || sheet.getMaxColumns();
    sheet.checkInGrid(row, col, lastRow - row + 1, lastCol - col + 1);
    return new FakeRange(sheet, row, col, lastRow - row + 1, lastCol - col + 1);
  }

  private get area() {
    return {
      start: { sheet: this.sheet.hfId, row: this.row - 1, col: this.column - 1 },
      end: {
        sheet: this.sheet.hfId,
        row: this.row + this.numRows - 2,
        col: this.column + this.numColumns - 2,
      },
    };
  }

  private checkShape(values: readonly (readonly unknown[])[]): void {
    if (values.length !== this.numRows || values.some((r) => r.length !== this.numColumns)) {
      throw new Error(
        `The number of rows or columns in the data does not match the range. The data has ${values.length} rows but the range has ${this.numRows}.`,
      );
    }
  }

  getSheet(): GasSheet {
    return this.sheet.book.wrapSheet(this.sheet);
  }
  getRow(): number {
    return this.row;
  }
  getColumn(): number {
    return this.column;
  }
  getNumRows(): number {
    return this.numRows;
  }
  getNumColumns(): number {
    return this.numColumns;
  }
  getLastRow(): number {
    return this.row + this.numRows - 1;
  }
  getA1Notation(): string {
    const first = `${columnLetters(this.column)}${this.row}`;
    if (this.numRows === 1 && this.numColumns === 1) return first;
    return `${first}:${columnLetters(this.column + this.numColumns - 1)}${this.row + this.numRows - 1}`;
  }
  getValues(): unknown[][] {
    this.sheet.book.reads.push(`${this.sheet.name}!${this.getA1Notation()}`);
    this.sheet.book.beforeRead();
    const values = this.sheet.book.engine.getRangeValues(this.area);
    return values.map((r) => r.map(plain));
  }
  getValue(): unknown {
    return this.getValues()[0]?.[0] ?? "";
  }
  getDisplayValues(): string[][] {
    return this.getValues().map((r) => r.map((v) => String(v)));
  }
  getFormulas(): string[][] {
    this.sheet.book.reads.push(`${this.sheet.name}!${this.getA1Notation()}`);
    const inert = this.sheet.inertFormulas;
    return this.sheet.book.engine
      .getRangeFormulas(this.area)
      .map((r, i) => r.map((f, j) => f ?? inert.get(`${this.row + i}:${this.column + j}`) ?? ""));
  }
  /** "The formula (A1 notation) for the top-left cell of the range, or an empty string" (Range.getFormula()). */
  getFormula(): string {
    return this.getFormulas()[0]?.[0] ?? "";
  }
  setValues(values: unknown[][]): GasRange {
    this.sheet.book.checkWrite(this.sheet.name, "setValues");
    this.sheet.book.beforeWrite();
    this.checkShape(values);
    const text = this.numberFormatIsText();
    // Array.from: the add-on's arrays come from the vm realm, and HyperFormula checks `instanceof Array`.
    const content = Array.from(values, (r) =>
      Array.from(r, (v) => (text && typeof v === "string" && v !== "" ? `'${v}` : asWritten(v))),
    );
    this.sheet.forgetInert(this.row, this.column, this.numRows, this.numColumns);
    this.sheet.book.engine.setCellContents(this.area.start, content);
    return this as unknown as GasRange;
  }
  setValue(value: unknown): GasRange {
    return this.setValues([[value]]);
  }
  setFormulas(formulas: string[][]): GasRange {
    this.sheet.book.checkWrite(this.sheet.name, "setFormulas");
    this.sheet.book.beforeWrite();
    this.checkShape(formulas);
    this.sheet.forgetInert(this.row, this.column, this.numRows, this.numColumns);
    if (!this.sheet.book.evaluateFormulas) {
      formulas.forEach((r, i) => {
        r.forEach((f, j) => {
          if (f !== "") this.sheet.inertFormulas.set(`${this.row + i}:${this.column + j}`, f);
        });
      });
      // A formula that reads no cell is computed anyway (cheap, and the add-on may read it back).
      const constant = (f: string) =>
        f !== "" && !/[A-Za-z]+\$?\d|!/.test(f.replace(/"[^"]*"/g, "")) ? f : null;
      this.sheet.book.engine.setCellContents(
        this.area.start,
        Array.from(formulas, (r) => Array.from(r, constant)),
      );
      return this as unknown as GasRange;
    }
    this.sheet.book.engine.setCellContents(
      this.area.start,
      Array.from(formulas, (r) => Array.from(r, (f) => (f === "" ? null : f))),
    );
    return this as unknown as GasRange;
  }
  setFormula(formula: string): GasRange {
    return this.setFormulas([[formula]]);
  }
  setNumberFormat(format: string): GasRange {
    for (let r = 0; r < this.numRows; r++)
      for (let c = 0; c < this.numColumns; c++)
        this.sheet.numberFormats.set(`${this.row + r}:${this.column + c}`, format);
    return this as unknown as GasRange;
  }
  private numberFormatIsText(): boolean {
    return this.sheet.numberFormats.get(`${this.row}:${this.column}`) === "@";
  }
  setDataValidation(rule: ValidationRule | null): GasRange {
    this.sheet.validations.set(this.getA1Notation(), rule);
    return this as unknown as GasRange;
  }
  setFontWeight(_weight: string): GasRange {
    return this as unknown as GasRange;
  }
  setBackground(_color: string): GasRange {
    return this as unknown as GasRange;
  }
  setNote(_note: string): GasRange {
    return this as unknown as GasRange;
  }
  activate(): GasRange {
    this.sheet.book.active = this.sheet;
    this.sheet.book.activeRange = this;
    return this as unknown as GasRange;
  }
  clearContent(): GasRange {
    this.sheet.book.checkWrite(this.sheet.name, "clearContent");
    this.sheet.book.beforeWrite();
    this.sheet.forgetInert(this.row, this.column, this.numRows, this.numColumns);
    this.sheet.book.engine.setCellContents(
      this.area.start,
      Array.from({ length: this.numRows }, () => Array(this.numColumns).fill(null)),
    );
    return this as unknown as GasRange;
  }
  protect() {
    const entry = { range: this, warningOnly: false, description: "" };
    this.sheet.protections.push(entry);
    const protection = {
      setWarningOnly(on: boolean) {
        entry.warningOnly = on;
        return protection;
      },
      setDescription(text: string) {
        entry.description = text;
        return protection;
      },
    };
    return protection;
  }
}

/** Sheet.getRangeList: the operations the add-on applies to several cells at once. */
export class FakeRangeList {
  constructor(readonly ranges: FakeRange[]) {}
  getRanges(): GasRange[] {
    return this.ranges.map((range) => range.sheet.book.wrapRange(range));
  }
  setNumberFormat(format: string): FakeRangeList {
    for (const range of this.ranges) range.setNumberFormat(format);
    return this;
  }
}

/** SpreadsheetApp.newDataValidation() */
export class FakeValidationBuilder {
  private rule: ValidationRule = { kind: "list", values: [], allowInvalid: true };
  requireValueInList(values: string[], _showDropdown = true): this {
    this.rule = { ...this.rule, kind: "list", values: [...values] };
    return this;
  }
  requireValueInRange(range: FakeRange, _showDropdown = true): this {
    this.rule = {
      ...this.rule,
      kind: "range",
      values: range.getValues().flat().map(String).filter(Boolean),
      rangeName: range.getA1Notation(),
    };
    return this;
  }
  setAllowInvalid(allow: boolean): this {
    this.rule.allowInvalid = allow;
    return this;
  }
  setHelpText(_text: string): this {
    return this;
  }
  build(): ValidationRule {
    return { ...this.rule };
  }
}

/** SpreadsheetApp.newConditionalFormatRule() */
export class FakeConditionalBuilder {
  private rule: ConditionalRule = { kind: "formula", args: [], background: null, ranges: [] };
  whenTextEqualTo(text: string): this {
    this.rule.kind = "textEqualTo";
    this.rule.args = [text];
    return this;
  }
  /**
   * "Sets the conditional format rule to trigger when that the input contains the given value"
   * (https://developers.google.com/apps-script/reference/spreadsheet/conditional-format-rule-builder#whenTextContains(String)).
   */
  whenTextContains(text: string): this {
    if (typeof text !== "string")
      throw new Error(
        "Exception: The parameters (number) don't match the method signature for whenTextContains.",
      );
    this.rule.kind = "textContains";
    this.rule.args = [text];
    return this;
  }
  whenFormulaSatisfied(formula: string): this {
    this.rule.kind = "formula";
    this.rule.args = [formula];
    return this;
  }
  whenNumberBetween(a: number, b: number): this {
    this.rule.kind = "numberBetween";
    this.rule.args = [a, b];
    return this;
  }
  setBackground(color: string): this {
    this.rule.background = color;
    return this;
  }
  setFontColor(_color: string): this {
    return this;
  }
  setRanges(ranges: FakeRange[]): this {
    this.rule.ranges = [...ranges];
    return this;
  }
  build(): ConditionalRule & { getRanges(): FakeRange[] } {
    const rule = { ...this.rule };
    return { ...rule, getRanges: () => rule.ranges };
  }
}
