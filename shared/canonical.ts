// The cells Set up and onEdit write back, so that the sheet's formulas read what the engine reads: each value the
// parser understood in a form the formulas do not (shared/formulas.ts) is written in canonical form where its
// meaning is clear. Numbers typed as text become numbers ("1 234,5", "12 kr", "45 %"), IDs and cycles are
// trimmed, Type / KR type / Level / KPI kind / Owner status are the sheet's own words, a key result's blank cycle
// is its objective's, its objective is named by the dropdown's label ("O-B1ST · Delight our customers"), a
// percent key result's Current typed in percent points is its fraction, and an objective whose title stood in
// the Objective column (rows as people write them) gets it in Title. A cell holding the user's formula is never
// written (the parser reports what its formula gives instead), nor is a value the parser could not read.
import { binaryWord, isBlank, percentPoints, toNumber, toText, wordKey } from "./coerce.js";
import { type EnumKind, parseEnumValue, valueLabel } from "./columns.js";
import { idOfLabel, objectiveLabel } from "./formulas.js";
import type { ColumnKey, Language, OkrRow, SheetLayout } from "./model.js";
import type { KnownObjective, ParseResult } from "./parse.js";

export interface CellWrite {
  /** 1-based sheet row. */
  row: number;
  column: ColumnKey;
  value: string | number;
  /** Show as a percentage (a value typed with %, a percent key result's fraction, a confidence). */
  percent: boolean;
  /** The sheet's formulas compute differently until the cell is written (the parser's hint on a set-up sheet). */
  affectsFormulas: boolean;
}

export interface CanonicalOptions {
  /** The sheet's language: the words written. */
  language: Language;
  /** Objectives of other sheets (for their labels). */
  known?: readonly KnownObjective[];
  /** Only these sheet rows (onEdit: the edited ones). */
  onlyRows?: ReadonlySet<number>;
}

type Parsed = Pick<ParseResult, "rows" | "created" | "titleInObjectiveColumn">;

const ENUMS: Partial<Record<ColumnKey, EnumKind>> = {
  type: "type",
  level: "level",
  krType: "krType",
  kpiKind: "kpiKind",
  ownerStatus: "status",
};

/**
 * The writes that make the sheet canonical. `layout` says where each column is now (Set up may have added
 * columns, whose cells are blank in `grid`); `parsed` is the parse of `grid`, with IDs given and linkParents done.
 */
export function canonicalCells(
  grid: readonly (readonly unknown[])[],
  formulas: readonly (readonly unknown[])[] | null,
  layout: SheetLayout,
  parsed: Parsed,
  options: CanonicalOptions,
): CellWrite[] {
  const { language } = options;
  const created = new Set(parsed.created);
  const titleInObjective = new Set(parsed.titleInObjectiveColumn);
  const titles = new Map<string, string>();
  for (const known of options.known ?? []) titles.set(known.id, known.title);
  for (const row of parsed.rows) if (row.type === "objective" && row.id) titles.set(row.id, row.title);
  const label = (id: string) => (titles.has(id) ? objectiveLabel(id, titles.get(id)!) : id);

  const writes: CellWrite[] = [];
  for (const row of parsed.rows) {
    if (created.has(row.row) || (options.onlyRows && !options.onlyRows.has(row.row))) continue;
    const cells = grid[row.row - 1] ?? [];
    const formulaCells = formulas?.[row.row - 1];
    for (const [key, index] of Object.entries(layout.columns) as [ColumnKey, number][]) {
      const formula = formulaCells?.[index];
      if (typeof formula === "string" && formula !== "") continue;
      const raw = cells[index];
      const wanted = canonicalValue(key, row, raw, { language, label, titleInObjective });
      if (wanted === undefined || same(raw, wanted.value)) continue;
      writes.push({
        row: row.row,
        column: key,
        value: wanted.value,
        percent: wanted.percent ?? false,
        affectsFormulas: formulasReadDifferently(key, raw, wanted.value, row),
      });
    }
  }
  return writes;
}

interface ValueContext {
  language: Language;
  label: (id: string) => string;
  titleInObjective: ReadonlySet<number>;
}

function canonicalValue(
  key: ColumnKey,
  row: OkrRow,
  raw: unknown,
  context: ValueContext,
): { value: string | number; percent?: boolean } | undefined {
  const text = typeof raw === "string" ? raw : null;
  const enumKind = ENUMS[key];
  if (enumKind) {
    const value =
      key === "type"
        ? row.type
        : key === "ownerStatus"
          ? (row.ownerStatus ?? null)
          : row[key as "level" | "krType" | "kpiKind"];
    if (value === null) return undefined;
    // A type is always written (Set up adds the column for sheets without one); the others only where a word
    // stands that the parser read (a blank KR type is numeric, a blank level inherited: left blank).
    if (key !== "type" && (isBlank(raw) || parseEnumValue(enumKind, toText(raw)) === null)) return undefined;
    return { value: valueLabel(enumKind, value, context.language) };
  }
  switch (key) {
    case "id":
      return row.id ? { value: row.id } : undefined;
    case "title":
      return context.titleInObjective.has(row.row) ? { value: row.title } : undefined;
    case "objective":
      if (row.type === "objective") return context.titleInObjective.has(row.row) ? { value: "" } : undefined;
      if (!row.objectiveId) return undefined;
      // An objective by its label; a key result (a KPI beside it) by its ID.
      return { value: context.label(row.objectiveId) };
    case "alignsTo":
      return row.alignsTo ? { value: context.label(row.alignsTo) } : undefined;
    case "contributesTo": {
      if (row.contributesTo.length === 0) return undefined;
      const written = toText(raw)
        .split(/[,;\n]/)
        .map((part) => part.trim())
        .filter(Boolean);
      const same =
        written.length === row.contributesTo.length && written.every((id, i) => id === row.contributesTo[i]);
      return same ? undefined : { value: row.contributesTo.join(", ") };
    }
    case "cycle":
      return row.cycle ? { value: row.cycle } : undefined;
    case "start":
    case "target":
    case "weight":
      return typedNumber(raw, row[key], false);
    case "current": {
      if (row.current === null) return undefined;
      if (row.krType === "binary" && text !== null && binaryWord(text) !== null) return undefined;
      const percent = row.krType === "percent";
      const points =
        percent && typeof raw === "number" && percentPoints(raw, { start: row.start, target: row.target });
      if (points && Math.abs(raw / 100 - row.current) < 1e-12) return { value: row.current, percent: true };
      const typed = typedNumber(raw, row.current, percent);
      return typed && percent ? { ...typed, percent: true } : typed;
    }
    case "confidence":
      return text !== null && row.confidence !== null ? { value: row.confidence, percent: true } : undefined;
    default:
      return undefined;
  }
}

/**
 * A number the parser read from text ("1 234,5", "45 %", or percent points on a percent key result): written as
 * that number. Text it could not read (the parser reported it) stays as the user wrote it.
 */
function typedNumber(
  raw: unknown,
  value: number | null,
  percentPointsToo: boolean,
): { value: number; percent: boolean } | undefined {
  if (value === null || typeof raw !== "string") return undefined;
  const read = toNumber(raw);
  if (!read.ok || read.value === null) return undefined;
  const agrees = read.value === value || (percentPointsToo && Math.abs(read.value / 100 - value) < 1e-12);
  return agrees ? { value, percent: raw.includes("%") } : undefined;
}

/** The cell already holds this value (a number, or exactly this text; "" for a blank). */
function same(raw: unknown, value: string | number): boolean {
  if (typeof value === "number") return typeof raw === "number" && raw === value;
  if (value === "") return isBlank(raw);
  if (typeof raw === "string") return raw === value;
  return toText(raw) === value;
}

/**
 * Whether the sheet's formulas compute differently before the cell is written (a label instead of a bare ID, a
 * level word: the same to them; a number typed as text, padding, an alias of a type word: not).
 */
function formulasReadDifferently(key: ColumnKey, raw: unknown, value: string | number, row: OkrRow): boolean {
  switch (key) {
    case "type":
    case "krType":
      return (
        typeof value !== "string" || toText(raw).toLowerCase() !== value.toLowerCase() || raw !== toText(raw)
      );
    case "ownerStatus":
      // The Status formula compares the trimmed cell with the sheet's word, in any case.
      return typeof value !== "string" || wordKey(toText(raw)) !== wordKey(value);
    case "id":
    case "cycle":
      return true;
    case "objective": {
      if (row.type === "objective" || !row.objectiveId) return false;
      // SUMIFS finds the row when the cell is the ID or begins with "ID · ", in any case.
      const text = typeof raw === "string" ? raw : toText(raw);
      const id = row.objectiveId.toLowerCase();
      const lower = text.toLowerCase();
      return !(lower === id || (idOfLabel(text) !== null && lower.startsWith(`${id} · `)));
    }
    case "start":
    case "target":
    case "current":
    case "weight":
      return true;
    default:
      return false;
  }
}
