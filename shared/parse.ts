// Reading a sheet's cell values (as getValues returns them) into OKR rows plus problems a person can act on.
// Never throws: every odd cell becomes a problem naming its row and column.
//
// Column by column: the layout says once where each column is and how its cells are read (text, a number,
// one of a list of words), then each column is read with its own reader over the rows that need it. Words
// (Type, Level, KR type, KPI kind) are looked up once per distinct cell text.

import { type Coerced, isBlank, isFormulaError, toBinary, toFraction, toNumber, toText } from "./coerce.js";
import { type EnumKind, headerLabel, matchHeader, parseEnumValue, valueLabels } from "./columns.js";
import { type RowProblemCode, rowProblem } from "./messages.js";
import type {
  ColumnKey,
  KpiKind,
  KrType,
  Language,
  Level,
  OkrRow,
  Problem,
  RowType,
  SheetLayout,
} from "./model.js";
import { validateRows } from "./validate.js";

export interface ParseOptions {
  /** Language of problem messages; defaults to the language of the headers. */
  language?: Language;
  sheetId?: string;
}

export interface ParseResult {
  rows: OkrRow[];
  problems: Problem[];
  layout: SheetLayout | null;
  /** 1-based sheet rows without an ID (their OkrRow.id is ""). */
  missingIds: number[];
}

const HEADER_SCAN_ROWS = 20;
const MIN_HEADERS = 3;
const COMPUTED: ReadonlySet<ColumnKey> = new Set(["progress", "expected", "status"]);

export function findLayout(
  values: readonly (readonly unknown[])[],
): { layout: SheetLayout; duplicates: [ColumnKey, number, number][] } | null {
  const scan = Math.min(values.length, HEADER_SCAN_ROWS);
  for (let r = 0; r < scan; r++) {
    const cells = values[r];
    if (!Array.isArray(cells)) continue;
    const columns: Partial<Record<ColumnKey, number>> = {};
    const duplicates: [ColumnKey, number, number][] = [];
    const votes: Record<Language, number> = { en: 0, sv: 0, nb: 0 };
    let matched = 0;
    for (let c = 0; c < cells.length; c++) {
      const match = matchHeader(cells[c]);
      if (!match) continue;
      const first = columns[match.key];
      if (first !== undefined) {
        duplicates.push([match.key, first, c]);
        continue;
      }
      columns[match.key] = c;
      matched++;
      votes[match.language]++;
    }
    if (matched >= MIN_HEADERS && (columns.title !== undefined || columns.type !== undefined)) {
      const language: Language = votes.sv > votes.nb && votes.sv > 0 ? "sv" : votes.nb > 0 ? "nb" : "en";
      return { layout: { headerRow: r + 1, columns, width: cells.length, language }, duplicates };
    }
  }
  return null;
}

function columnLetter(index: number): string {
  let letters = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

export function parseSheet(values: readonly (readonly unknown[])[], options: ParseOptions = {}): ParseResult {
  const grid = Array.isArray(values) ? values : [];
  const found = findLayout(grid);
  if (!found) {
    const language = options.language ?? "en";
    const problems = [
      rowProblem(language, { code: "missing_header_row", severity: "error", row: null, column: null }, {}),
    ];
    return { rows: [], problems, layout: null, missingIds: [] };
  }
  const { layout, duplicates } = found;
  const language = options.language ?? layout.language;
  const headerRow = grid[layout.headerRow - 1] as readonly unknown[];
  const headerNames: Partial<Record<ColumnKey, string>> = {};
  for (const [key, index] of Object.entries(layout.columns) as [ColumnKey, number][]) {
    headerNames[key] = toText(headerRow[index]) || headerLabel(key, language);
  }
  const reader = new ColumnReader(grid, layout, language, headerNames);

  for (const [key, first, second] of duplicates) {
    reader.report(
      "duplicate_column",
      layout.headerRow,
      key,
      { first: columnLetter(first), second: columnLetter(second) },
      "warning",
    );
  }
  for (const required of ["type", "title"] as const) {
    if (layout.columns[required] === undefined) {
      reader.report("missing_column", null, null, { column: headerLabel(required, language) });
    }
  }
  if (layout.columns.type === undefined || layout.columns.title === undefined) {
    return { rows: [], problems: reader.problems, layout, missingIds: [] };
  }

  // Which grid rows hold items: not blank, and not a note (one lone text without a type).
  const candidates = reader.itemRows();
  const types = reader.enums<RowType>("type", "type", candidates);
  const kept: number[] = [];
  const rowTypes: RowType[] = [];
  candidates.forEach((r, i) => {
    const type = types[i]!;
    if (type === null) {
      if (isBlank(reader.cell(r, "type")))
        reader.report("missing_type", r + 1, "type", { options: valueLabels("type", language).join(", ") });
    } else {
      kept.push(r);
      rowTypes.push(type);
    }
  });

  const keyResults = kept.filter((_, i) => rowTypes[i] === "key_result");
  const notObjectives = kept.filter((_, i) => rowTypes[i] !== "objective");
  const kpis = kept.filter((_, i) => rowTypes[i] === "kpi");
  const titles = reader.texts("title", kept);
  titles.forEach((title, i) => {
    if (!title) reader.report("missing_title", kept[i]! + 1, "title", {}, "warning", TITLE_MISSING_RANK);
  });
  const krTypes = spread(kept, keyResults, reader.enums<KrType>("krType", "krType", keyResults), null);
  const weights = reader.numbers("weight", kept, NUMBER);
  const objectiveIds = spread(kept, notObjectives, reader.texts("objective", notObjectives), "");
  const alignsTo = reader.texts("alignsTo", kept);
  const contributesTo = reader.texts("contributesTo", kept);
  const levels = reader.enums<Level>("level", "level", kept);
  const teams = reader.texts("team", kept);
  const owners = reader.texts("owner", kept);
  const cycles = reader.texts("cycle", kept);
  const starts = reader.numbers("start", kept, NUMBER);
  const measures = kept.map((_, i) => (krTypes[i] === "binary" ? BINARY : NUMBER));
  const targets = reader.numbers("target", kept, measures);
  const currents = reader.numbers("current", kept, measures);
  const units = reader.texts("unit", kept);
  const confidences = reader.numbers("confidence", kept, FRACTION);
  const kpiKinds = spread(kept, kpis, reader.enums<KpiKind>("kpiKind", "kpiKind", kpis), null);
  const notes = reader.texts("notes", kept);
  const ids = reader.ids(kept);

  const rows: OkrRow[] = [];
  const missingIds: number[] = [];
  kept.forEach((r, i) => {
    const type = rowTypes[i]!;
    const row: OkrRow = {
      id: ids[i]!,
      type,
      title: titles[i]!,
      objectiveId: type === "objective" ? null : objectiveIds[i] || null,
      alignsTo: alignsTo[i] || null,
      contributesTo: splitList(contributesTo[i]!),
      level: levels[i]!,
      team: teams[i]!,
      owner: owners[i]!,
      cycle: cycles[i]!,
      start: starts[i]!,
      target: targets[i]!,
      current: currents[i]!,
      unit: units[i]!,
      krType: type === "key_result" ? (krTypes[i] ?? "numeric") : null,
      weight: weights[i] ?? 1,
      confidence: confidences[i]!,
      kpiKind: type === "kpi" ? kpiKinds[i]! : null,
      notes: notes[i]!,
      row: r + 1,
    };
    if (!row.id) missingIds.push(row.row);
    rows.push(row);
  });

  // Key results and KPIs inherit team, level and cycle from their objective when left blank.
  const objectives = new Map(
    rows.filter((row) => row.type === "objective" && row.id).map((row) => [row.id, row]),
  );
  for (const row of rows) {
    const parent = row.objectiveId ? objectives.get(row.objectiveId) : undefined;
    if (!parent) continue;
    if (!row.team) row.team = parent.team;
    if (row.level === null) row.level = parent.level;
    if (!row.cycle) row.cycle = parent.cycle;
  }

  const problems: Problem[] = reader.problemsInRowOrder();
  for (const sheetRow of missingIds)
    problems.push(
      rowProblem(
        language,
        { code: "missing_id", severity: "hint", row: sheetRow, column: "id" },
        {
          row: sheetRow,
          column: reader.columnName("id"),
        },
      ),
    );
  problems.push(...validateRows(rows, { language, headerNames }));
  if (options.sheetId) for (const p of problems) p.sheetId = options.sheetId;
  return { rows, problems, layout, missingIds };
}

function splitList(text: string): string[] {
  if (text === "") return [];
  return text
    .split(/[,;\n]/)
    .map((part) => part.trim())
    .filter((part) => part !== "");
}

/** Values read for some of the kept rows, placed at those rows' positions among all kept rows. */
function spread<T, D>(
  kept: readonly number[],
  some: readonly number[],
  values: readonly T[],
  empty: D,
): (T | D)[] {
  const all: (T | D)[] = new Array(kept.length).fill(empty);
  if (some.length === 0) return all;
  let at = 0;
  kept.forEach((r, i) => {
    if (at < some.length && some[at] === r) all[i] = values[at++]!;
  });
  return all;
}

type NumberReader = { coerce: (cell: unknown) => Coerced<number | null>; code: RowProblemCode };
const NUMBER: NumberReader = { coerce: toNumber, code: "not_a_number" };
const BINARY: NumberReader = { coerce: toBinary, code: "not_a_number" };
const FRACTION: NumberReader = { coerce: toFraction, code: "not_a_fraction" };

/**
 * The order a row's problems have always been reported in: by row, then by the column they are about in
 * reading order (type, title, KR type, weight, objective, ...), the blank-title warning right after the title.
 */
const COLUMN_RANK: Partial<Record<ColumnKey, number>> = {
  type: 0,
  title: 1,
  krType: 3,
  weight: 4,
  objective: 5,
  alignsTo: 6,
  contributesTo: 7,
  level: 8,
  team: 9,
  owner: 10,
  cycle: 11,
  start: 12,
  target: 13,
  current: 14,
  unit: 15,
  confidence: 16,
  kpiKind: 17,
  notes: 18,
};
const TITLE_MISSING_RANK = 2;
const RANKS = 32;

/** What a word cell says: its text, and the word it is (null for none of the list); or a formula error. */
type WordRead = { error: string } | { text: string; value: string | null };

/** Reads one sheet's columns; collects the problems it finds with the row and column they are about. */
class ColumnReader {
  readonly problems: Problem[] = [];
  /** Per problem, its place in the reading order (row × RANKS + column rank); -1 for sheet and header problems. */
  private readonly order: number[] = [];
  private readonly readColumns: number[];

  constructor(
    private readonly grid: readonly (readonly unknown[])[],
    private readonly layout: SheetLayout,
    private readonly language: Language,
    private readonly headerNames: Partial<Record<ColumnKey, string>>,
  ) {
    this.readColumns = (Object.entries(layout.columns) as [ColumnKey, number][])
      .filter(([key]) => !COMPUTED.has(key))
      .map(([, index]) => index);
  }

  columnName(column: ColumnKey): string {
    return this.headerNames[column] ?? headerLabel(column, this.language);
  }

  report(
    code: RowProblemCode,
    row: number | null,
    column: ColumnKey | null,
    params: Record<string, string | number> = {},
    severity: Problem["severity"] = "error",
    rank: number = column ? (COLUMN_RANK[column] ?? 0) : 0,
  ): void {
    const values: Record<string, string | number> =
      row === null && column === null
        ? params
        : {
            ...(row !== null ? { row } : {}),
            ...(column ? { column: this.columnName(column) } : {}),
            ...params,
          };
    this.problems.push(rowProblem(this.language, { code, severity, row, column }, values));
    // Sheet-wide and header problems first, as found; then by row and column.
    this.order.push(row === null || row <= this.layout.headerRow ? -1 : row * RANKS + rank);
  }

  /** The problems by row and by column in reading order (sheet-wide ones first, as found). */
  problemsInRowOrder(): Problem[] {
    const positions = this.problems.map((_, i) => i);
    positions.sort((a, b) => this.order[a]! - this.order[b]! || a - b);
    return positions.map((i) => this.problems[i]!);
  }

  cell(r: number, key: ColumnKey): unknown {
    const index = this.layout.columns[key];
    const cells = this.grid[r];
    return index === undefined || !Array.isArray(cells) ? undefined : cells[index];
  }

  /** Grid rows (0-based) that hold an item: some read column filled, and not one lone text without a type. */
  itemRows(): number[] {
    const rows: number[] = [];
    const typeIndex = this.layout.columns.type!;
    for (let r = this.layout.headerRow; r < this.grid.length; r++) {
      const cells = this.grid[r];
      if (!Array.isArray(cells)) continue;
      let filled = 0;
      for (const index of this.readColumns) {
        if (!isBlank(cells[index]) && ++filled > 1) break;
      }
      if (filled === 0) continue; // blank row
      if (filled === 1 && isBlank(cells[typeIndex])) continue; // a note: a section heading, a comment
      rows.push(r);
    }
    return rows;
  }

  ids(rows: readonly number[]): string[] {
    const index = this.layout.columns.id;
    return rows.map((r) => (index === undefined ? "" : toText(this.grid[r]![index])));
  }

  /** A text column: trimmed text; a formula error is reported and read as "". */
  texts(key: ColumnKey, rows: readonly number[]): string[] {
    const index = this.layout.columns[key];
    if (index === undefined) return new Array(rows.length).fill("");
    return rows.map((r) => {
      const value = this.grid[r]![index];
      if (typeof value === "string") {
        const text = value.trim();
        if (text.charCodeAt(0) === 35 /* # */ && isFormulaError(text)) {
          this.report("formula_error", r + 1, key, { value: text });
          return "";
        }
        return text;
      }
      return toText(value);
    });
  }

  /** A word column: each distinct text looked up once; unknown words and formula errors are reported. */
  enums<T extends string>(key: ColumnKey, kind: EnumKind, rows: readonly number[]): (T | null)[] {
    const index = this.layout.columns[key];
    if (index === undefined) return new Array(rows.length).fill(null);
    const seen = new Map<unknown, WordRead>();
    let options: string | undefined;
    return rows.map((r) => {
      const value = this.grid[r]![index];
      let read = seen.get(value);
      if (read === undefined) {
        if (isFormulaError(value)) read = { error: String(value).trim() };
        else {
          const text = toText(value);
          read = { text, value: text ? parseEnumValue(kind, text) : null };
        }
        // Dates are objects: each is its own cell, not a word to remember.
        if (typeof value !== "object" || value === null) seen.set(value, read);
      }
      if ("error" in read) {
        this.report("formula_error", r + 1, key, { value: read.error });
        return null;
      }
      if (read.text && read.value === null) {
        options ??= valueLabels(kind, this.language).join(", ");
        this.report("unknown_value", r + 1, key, { value: read.text, options });
      }
      return read.value as T | null;
    });
  }

  /** A number column: numbers as they are, text through the column's coercion; what is not a number is reported. */
  numbers(
    key: ColumnKey,
    rows: readonly number[],
    readers: NumberReader | readonly NumberReader[],
  ): (number | null)[] {
    const index = this.layout.columns[key];
    if (index === undefined) return new Array(rows.length).fill(null);
    return rows.map((r, i) => {
      const value = this.grid[r]![index];
      const reader = Array.isArray(readers) ? readers[i]! : (readers as NumberReader);
      if (typeof value === "number" && reader !== FRACTION) {
        if (Number.isFinite(value)) return value;
      } else if (value === "" || value === null || value === undefined) return null;
      const result = reader.coerce(value);
      if (result.ok) return result.value;
      this.report(isFormulaError(value) ? "formula_error" : reader.code, r + 1, key, {
        value: toText(value),
      });
      return null;
    });
  }
}
