// Reading a sheet's cell values (as getValues returns them) into OKR rows plus problems a person can act on.
// Never throws: every odd cell becomes a problem naming its row and column.

import { type Coerced, isBlank, isFormulaError, toBinary, toFraction, toNumber, toText } from "./coerce.js";
import { type EnumKind, headerLabel, matchHeader, parseEnumValue, valueLabels } from "./columns.js";
import { type RowProblemCode, rowMessage } from "./messages.js";
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
  const problems: Problem[] = [];
  if (!found) {
    const language = options.language ?? "en";
    problems.push({
      code: "missing_header_row",
      severity: "error",
      message: rowMessage(language, "missing_header_row"),
      row: null,
      column: null,
    });
    return { rows: [], problems, layout: null, missingIds: [] };
  }
  const { layout, duplicates } = found;
  const language = options.language ?? layout.language;
  const headerRow = grid[layout.headerRow - 1] as readonly unknown[];
  const headerNames: Partial<Record<ColumnKey, string>> = {};
  for (const [key, index] of Object.entries(layout.columns) as [ColumnKey, number][]) {
    headerNames[key] = toText(headerRow[index]) || headerLabel(key, language);
  }
  const problem = (
    code: RowProblemCode,
    row: number | null,
    column: ColumnKey | null,
    params: Record<string, string | number> = {},
    severity: Problem["severity"] = "error",
  ) => {
    problems.push({
      code,
      severity,
      message: rowMessage(language, code, {
        ...(row !== null ? { row } : {}),
        ...(column ? { column: headerNames[column] ?? headerLabel(column, language) } : {}),
        ...params,
      }),
      row,
      column,
    });
  };

  for (const [key, first, second] of duplicates) {
    problem(
      "duplicate_column",
      layout.headerRow,
      key,
      { first: columnLetter(first), second: columnLetter(second) },
      "warning",
    );
  }
  for (const required of ["type", "title"] as const) {
    if (layout.columns[required] === undefined) {
      problem("missing_column", null, null, { column: headerLabel(required, language) });
    }
  }
  if (layout.columns.type === undefined || layout.columns.title === undefined) {
    return { rows: [], problems, layout, missingIds: [] };
  }

  const rows: OkrRow[] = [];
  const missingIds: number[] = [];
  const readColumns = (Object.entries(layout.columns) as [ColumnKey, number][]).filter(
    ([key]) => !COMPUTED.has(key),
  );

  for (let r = layout.headerRow; r < grid.length; r++) {
    const cells = Array.isArray(grid[r]) ? (grid[r] as readonly unknown[]) : [];
    const sheetRow = r + 1;
    const cell = (key: ColumnKey): unknown => {
      const index = layout.columns[key];
      return index === undefined ? undefined : cells[index];
    };
    const filled = readColumns.filter(([, index]) => !isBlank(cells[index]));
    if (filled.length === 0) continue; // blank row
    const typeCell = cell("type");
    const idText = toText(cell("id"));
    // A note row: one lone text and no type (a section heading, a comment), wherever it stands.
    if (isBlank(typeCell) && filled.length === 1) continue;

    const text = (key: ColumnKey): string => {
      const value = cell(key);
      if (isFormulaError(value)) {
        problem("formula_error", sheetRow, key, { value: String(value).trim() });
        return "";
      }
      return toText(value);
    };
    const enumValue = <T extends string>(key: ColumnKey, kind: EnumKind): T | null => {
      const raw = text(key);
      if (!raw) return null;
      const value = parseEnumValue(kind, raw);
      if (value === null)
        problem("unknown_value", sheetRow, key, {
          value: raw,
          options: valueLabels(kind, language).join(", "),
        });
      return value as T | null;
    };
    const numberOf = (
      key: ColumnKey,
      coerce: (cell: unknown) => Coerced<number | null>,
      code: RowProblemCode = "not_a_number",
    ): number | null => {
      const value = cell(key);
      const result = coerce(value);
      if (result.ok) return result.value;
      problem(isFormulaError(value) ? "formula_error" : code, sheetRow, key, { value: toText(value) });
      return null;
    };

    const type = enumValue<RowType>("type", "type");
    if (type === null) {
      if (isBlank(typeCell))
        problem("missing_type", sheetRow, "type", { options: valueLabels("type", language).join(", ") });
      continue;
    }
    const title = text("title");
    if (!title) problem("missing_title", sheetRow, "title", {}, "warning");
    const krType = type === "key_result" ? (enumValue<KrType>("krType", "krType") ?? "numeric") : null;
    const measure = krType === "binary" ? toBinary : toNumber;
    const weight = numberOf("weight", toNumber);
    const row: OkrRow = {
      id: idText,
      type,
      title,
      objectiveId: type === "objective" ? null : text("objective") || null,
      alignsTo: text("alignsTo") || null,
      contributesTo: text("contributesTo")
        .split(/[,;\n]/)
        .map((part) => part.trim())
        .filter((part) => part !== ""),
      level: enumValue<Level>("level", "level"),
      team: text("team"),
      owner: text("owner"),
      cycle: text("cycle"),
      start: numberOf("start", toNumber),
      target: numberOf("target", measure),
      current: numberOf("current", measure),
      unit: text("unit"),
      krType,
      weight: weight ?? 1,
      confidence: numberOf("confidence", toFraction, "not_a_fraction"),
      kpiKind: type === "kpi" ? enumValue<KpiKind>("kpiKind", "kpiKind") : null,
      notes: text("notes"),
      row: sheetRow,
    };
    if (!row.id) missingIds.push(sheetRow);
    rows.push(row);
  }

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

  for (const sheetRow of missingIds) problem("missing_id", sheetRow, "id", {}, "hint");
  problems.push(...validateRows(rows, { language, headerNames }));
  if (options.sheetId) for (const p of problems) p.sheetId = options.sheetId;
  return { rows, problems, layout, missingIds };
}
