// What Set up sheet writes into a spreadsheet, whatever writes it: the add-on through Apps Script
// (addon/setup.ts) or the API's .xlsx export (api/export/). The full header, the words the formulas compare
// and write, the status colours, the score bands of the progress column, the add-on's own tabs and the
// cycle table, and planSetUp: what Set up makes of a sheet as people wrote it (its rows adopted, values written
// in canonical form, objectives created, IDs given). Pure TypeScript: one home, so a downloaded workbook is the
// sheet Set up would have made, and the formula oracle tests the very plan the add-on carries out.
import { type CellWrite, canonicalCells } from "./canonical.js";
import {
  DECIMAL_MARK,
  GRADE_BAND_LABELS,
  headerLabel,
  matchHeader,
  namesKeyResults,
  STATUS_LABELS,
  valueLabel,
} from "./columns.js";
import { parseCycle } from "./cycle.js";
import type { FormulaLabels, HelperColumn } from "./formulas.js";
import { GRADE_SEPARATOR, HELPER_HEADERS, objectiveLabel } from "./formulas.js";
import { assignIds, newId } from "./ids.js";
import {
  COLUMN_KEYS,
  type ColumnKey,
  type CycleWindow,
  LANGUAGES,
  type Language,
  type OkrRow,
  ON_DEMAND_COLUMNS,
  type RowType,
  type SheetLayout,
  type Status,
} from "./model.js";
import { findLayout, type KnownObjective, linkParents, type ParseResult, parseSheet } from "./parse.js";

/** The hidden tab behind the Aligns to / Objective dropdowns, and its named range (the Choice column). */
export const CATALOG_SHEET = "OKR Catalog";
export const CATALOG_RANGE = "OKR_CATALOG_IDS";
/**
 * The catalog's columns: what the dropdowns offer (Choice: "ID · Title") and what the quality check needs to see
 * the organisation's alignment (a company objective is supported once another team's objective aligns to it).
 */
export const CATALOG_HEADER = [
  "ID",
  "Title",
  "Team",
  "Cycle",
  "Level",
  "Aligns to",
  "Contributes to",
  "Choice",
] as const;
export const CATALOG_CHOICE_COLUMN = CATALOG_HEADER.indexOf("Choice");

/** An objective of the catalog (this sheet's or the organisation's). */
export interface CatalogEntry {
  id: string;
  title: string;
  team: string;
  cycle: string;
  level: string | null;
  alignsTo: string | null;
  contributesTo: readonly string[];
}

/** An objective's catalog entry. */
export function catalogEntry(
  row: Pick<OkrRow, "id" | "title" | "team" | "cycle" | "level" | "alignsTo" | "contributesTo">,
): CatalogEntry {
  return {
    id: row.id,
    title: row.title,
    team: row.team,
    cycle: row.cycle,
    level: row.level,
    alignsTo: row.alignsTo,
    contributesTo: row.contributesTo,
  };
}

/** A catalog entry as the catalog sheet's row. */
export function catalogRow(entry: CatalogEntry): string[] {
  return [
    entry.id,
    entry.title,
    entry.team,
    entry.cycle,
    entry.level ?? "",
    entry.alignsTo ?? "",
    entry.contributesTo.join(", "),
    objectiveLabel(entry.id, entry.title),
  ];
}

/** Status words the Status formulas write, per sheet language (the vocabulary's, shared/columns.ts). */
export { STATUS_LABELS };

export const STATUS_COLORS: Record<Status, string> = {
  not_started: "#e8eaed",
  on_track: "#ceead6",
  at_risk: "#feefc3",
  off_track: "#fad2cf",
  done: "#d2e3fc",
};

/** The header of the in-cell progress bar column (Google Sheets' SPARKLINE). */
export const PROGRESS_BAR_LABELS: Record<Language, string> = {
  en: "Progress bar",
  sv: "Förloppsstapel",
  nb: "Fremdriftsstolpe",
};

/** The words the formulas compare (Type, KR type) and write (Status), in the sheet's language. */
export function formulaLabels(language: Language): FormulaLabels {
  return {
    objective: valueLabel("type", "objective", language),
    keyResult: valueLabel("type", "key_result", language),
    kpi: valueLabel("type", "kpi", language),
    binary: valueLabel("krType", "binary", language),
    milestone: valueLabel("krType", "milestone", language),
    status: STATUS_LABELS[language],
    grades: { bands: GRADE_BAND_LABELS[language], decimal: DECIMAL_MARK[language] },
    rebuild: REBUILD_LABELS[language],
  };
}

/** What an objective's Progress shows while the index sheet cannot be trusted: the Set up menu item to run. */
export const REBUILD_LABELS: Record<Language, string> = {
  en: "Run Set up sheet",
  sv: "Kör Förbered bladet",
  nb: "Kjør Klargjør arket",
};

/**
 * The header row Set up leaves: the user's header, every missing column (in the sheet's language), the
 * progress bar and the helpers appended after the user's columns. Trailing blank cells are free space.
 */
export function completeHeader(
  header: readonly unknown[],
  language: Language,
): { header: string[]; helpers: Record<HelperColumn, number>; bar: number } {
  const cells = header.map((cell) => (cell === null || cell === undefined ? "" : String(cell)));
  while (cells.length > 0 && cells[cells.length - 1] === "") cells.pop();
  const present = new Set(
    cells.map((cell) => matchHeader(cell)?.key).filter((key): key is ColumnKey => key !== undefined),
  );
  // A missing Confidence column goes beside Status, where the owner's confidence is read with it.
  const order = [
    ...COLUMN_KEYS.filter((key) => key !== "confidence" && key !== "status"),
    "status",
    "confidence",
  ];
  for (const key of order as ColumnKey[])
    if (!present.has(key) && !ON_DEMAND_COLUMNS.has(key)) cells.push(headerLabel(key, language));
  const barLabels = LANGUAGES.map((l) => PROGRESS_BAR_LABELS[l]);
  let bar = cells.findIndex((cell) => barLabels.includes(cell));
  if (bar < 0) bar = cells.push(PROGRESS_BAR_LABELS[language]) - 1;
  const helper = (key: HelperColumn) => {
    const at = cells.indexOf(HELPER_HEADERS[key]);
    return at >= 0 ? at : cells.push(HELPER_HEADERS[key]) - 1;
  };
  const helpers = {
    weight: helper("weight"),
    weighted: helper("weighted"),
    key: helper("key"),
    started: helper("started"),
  };
  return { header: cells, helpers, bar };
}

/**
 * The progress column's colour bands (0.7 green, 0.4 yellow, below red), as formulas over its first cell, for
 * numbers only. Written without any argument separator or decimal number (`=ISNUMBER(P2)*(P2>=7/10)=1`), so no
 * spreadsheet locale can read them differently (whether conditional-format formulas are read in the canonical
 * syntax or the locale's is not documented: docs/verify-on-google.md).
 */
export function scoreBandRules(firstCell: string): { formula: string; color: string }[] {
  const p = firstCell;
  return [
    { formula: `=ISNUMBER(${p})*(${p}>=7/10)=1`, color: "#ceead6" },
    { formula: `=ISNUMBER(${p})*(${p}>=4/10)*(${p}<7/10)=1`, color: "#feefc3" },
    { formula: `=ISNUMBER(${p})*(${p}<4/10)=1`, color: "#fad2cf" },
  ];
}

/**
 * The Status column's colours once a cycle has ended: its text is the grade and band ("0.8 · Achieved"), matched
 * by the band's words (with the separator, so "Achieved" is never found in "Partly achieved"), in the score
 * bands' colours (scoreBandRules).
 */
export function gradeBandTextRules(language: Language): { text: string; color: string }[] {
  const bands = GRADE_BAND_LABELS[language];
  return [
    { text: `${GRADE_SEPARATOR}${bands.green}`, color: "#ceead6" },
    { text: `${GRADE_SEPARATOR}${bands.yellow}`, color: "#feefc3" },
    { text: `${GRADE_SEPARATOR}${bands.red}`, color: "#fad2cf" },
  ];
}

/** The settings sheet's cycle table: the sheet's cycle labels, configured dates before parsed labels. */
export function cycleWindows(
  labels: Iterable<string>,
  configured: readonly CycleWindow[] = [],
): CycleWindow[] {
  const byLabel = new Map(configured.map((c) => [c.label, c]));
  for (const label of labels) {
    if (byLabel.has(label)) continue;
    const parsed = parseCycle(label);
    if (parsed) byLabel.set(label, { ...parsed, label });
  }
  return [...byLabel.values()].sort((a, b) => a.label.localeCompare(b.label));
}

/** A row's cells by column, as the parser reads them back (words in the sheet's language, objectives by label). */
export function rowCells(
  row: OkrRow,
  language: Language,
  label: (id: string) => string = (id) => id,
): Partial<Record<ColumnKey, string | number>> {
  const word = (kind: Parameters<typeof valueLabel>[0], value: string | null) =>
    value === null ? undefined : valueLabel(kind, value, language);
  const cells: Partial<Record<ColumnKey, string | number | undefined>> = {
    id: row.id,
    type: word("type", row.type),
    title: row.title,
    objective: row.objectiveId === null ? undefined : label(row.objectiveId),
    alignsTo: row.alignsTo === null ? undefined : label(row.alignsTo),
    contributesTo: row.contributesTo.join(", "),
    level: word("level", row.level),
    team: row.team,
    owner: row.owner,
    cycle: row.cycle,
    start: row.start ?? undefined,
    // A KPI's threshold in words is its Target cell as written; the number is what it reads as today.
    target: row.threshold ?? row.target ?? undefined,
    current: row.current ?? undefined,
    unit: row.unit,
    krType: word("krType", row.krType),
    // A blank weight is 1: written out only where it says something.
    weight: row.weight === 1 && row.type !== "key_result" ? undefined : row.weight,
    confidence: row.confidence ?? undefined,
    kpiKind: word("kpiKind", row.kpiKind),
    notes: row.notes,
    ownerStatus: row.ownerStatus === undefined ? undefined : STATUS_LABELS[language][row.ownerStatus],
  };
  return Object.fromEntries(
    Object.entries(cells).filter(([, value]) => value !== undefined && value !== ""),
  ) as Partial<Record<ColumnKey, string | number>>;
}

export interface SetUpInput {
  /** The sheet's values and formulas (getValues / getFormulas of its data range). */
  values: readonly (readonly unknown[])[];
  formulas: readonly (readonly unknown[])[];
  /** The user's language: messages, and the words of a sheet without headers. */
  language: Language;
  sheetId?: string;
  /** The organisation's objectives (the catalog), to resolve links by title and label them. */
  known?: readonly KnownObjective[];
  /** For new IDs (seeded in tests). */
  random?: () => number;
  /**
   * The cycle of a sheet written without a Cycle column (the quarter running today): its rows get it, so the
   * dashboard and Pull rollup, which show one cycle, show them. A sheet with the column keeps its blanks.
   */
  defaultCycle?: string;
}

export interface SetUpPlan {
  /** The sheet's language: its words. */
  language: Language;
  headerRow: number;
  /** The header Set up leaves, and whether it differs from the sheet's. */
  header: string[];
  headerChanged: boolean;
  /** Where each column is once the header is written. */
  layout: SheetLayout;
  helpers: Record<HelperColumn, number>;
  bar: number;
  /** The sheet parsed as written, then given IDs and links. */
  parsed: ParseResult;
  /** IDs given to rows without one. */
  newIds: { row: number; id: string }[];
  /** Cells to write in canonical form (a user's formula is never among them). */
  writes: CellWrite[];
  /** Created objectives: whole rows to write below the sheet's last row (0-based cells of the full header). */
  appended: { row: number; cells: (string | number)[] }[];
  firstRow: number;
  /** The last data row once the created objectives stand below it. */
  lastRow: number;
  /** Each data row's type (index 0 is firstRow), for the type-specific formulas; null for none. */
  rowTypes: (RowType | null)[];
  /** The cycle labels the settings sheet's table needs. */
  cycles: Set<string>;
  /** The cycle given to the rows of a sheet that had no Cycle column, and to how many objectives. */
  cycleGiven: { cycle: string; objectives: number } | null;
}

/**
 * What Set up makes of a sheet: the header completed, rows as people write them adopted (types, links by
 * position and title, created objectives, titles moved out of the Objective column), IDs given, and every value
 * the formulas would read differently written in canonical form. Returns null when the sheet has no header
 * (the add-on then says what it found, see describeSheet).
 */
export function planSetUp(input: SetUpInput): SetUpPlan | null {
  const found = findLayout(input.values);
  if (!found) return null;
  const sheetLanguage = found.layout.language;
  const parsed = parseSheet(input.values, {
    language: input.language,
    ...(input.sheetId ? { sheetId: input.sheetId } : {}),
    formulas: input.formulas,
    known: input.known ?? [],
  });
  const headerRow = found.layout.headerRow;
  const oldHeader = input.values[headerRow - 1] ?? [];
  const completed = completeHeader(oldHeader, sheetLanguage);
  const header = completed.header;
  // A sheet whose titles stood under "Key result" now has typed rows, objectives among them: one Title column.
  const titleIndex = found.layout.columns.title;
  if (parsed.typesInferred && titleIndex !== undefined && namesKeyResults(header[titleIndex]))
    header[titleIndex] = headerLabel("title", sheetLanguage);
  const headerChanged =
    header.length !== oldHeader.length || header.some((cell, i) => cell !== String(oldHeader[i] ?? ""));
  const grid = input.values.map((row) => [...row]);
  while (grid.length < headerRow) grid.push([]);
  grid[headerRow - 1] = header;
  const layout = findLayout(grid)!.layout;

  const taken = new Set<string>((input.known ?? []).map((known) => known.id));
  const newIds = assignIds(parsed.rows, taken, input.random);
  linkParents(parsed.rows, parsed.links);
  const cycleGiven =
    found.layout.columns.cycle === undefined && input.defaultCycle
      ? giveCycle(parsed.rows, input.defaultCycle)
      : null;
  const writes = canonicalCells(input.values, input.formulas, layout, parsed, {
    language: sheetLanguage,
    known: input.known ?? [],
  });

  const firstRow = headerRow + 1;
  const lastWritten = Math.max(firstRow - 1, input.values.length);
  const titles = new Map<string, string>();
  for (const known of input.known ?? []) titles.set(known.id, known.title);
  for (const row of parsed.rows) if (row.type === "objective" && row.id) titles.set(row.id, row.title);
  const label = (id: string) => (titles.has(id) ? objectiveLabel(id, titles.get(id)!) : id);
  const created = new Set(parsed.created);
  const appended = parsed.rows
    .filter((row) => created.has(row.row))
    .map((row) => {
      const cells: (string | number)[] = Array(header.length).fill("");
      for (const [key, value] of Object.entries(rowCells(row, sheetLanguage, label)) as [
        ColumnKey,
        string | number,
      ][]) {
        const index = layout.columns[key];
        if (index !== undefined) cells[index] = value;
      }
      return { row: row.row, cells };
    });
  const lastRow = Math.max(firstRow, lastWritten, ...appended.map((a) => a.row));
  const byRow = new Map(parsed.rows.map((row) => [row.row, row]));
  const rowTypes: (RowType | null)[] = [];
  for (let r = firstRow; r <= lastRow; r++) rowTypes.push(byRow.get(r)?.type ?? null);
  return {
    language: sheetLanguage,
    headerRow,
    header,
    headerChanged,
    layout,
    helpers: completed.helpers,
    bar: completed.bar,
    parsed,
    newIds,
    writes,
    appended,
    firstRow,
    lastRow,
    rowTypes,
    cycles: new Set(parsed.rows.map((row) => row.cycle).filter(Boolean)),
    cycleGiven,
  };
}

/** Every row without a cycle gets `cycle` (written back by canonicalCells); null when no objective needed it. */
function giveCycle(rows: OkrRow[], cycle: string): { cycle: string; objectives: number } | null {
  let objectives = 0;
  for (const row of rows) {
    if (row.cycle) continue;
    row.cycle = cycle;
    if (row.type === "objective") objectives++;
  }
  return objectives > 0 ? { cycle, objectives } : null;
}

// ---------------------------------------------------------------------------------------------
// The starter template ("New OKR sheet from template" in the add-on, the dashboard's download): one objective
// with two key results and a leading KPI, in the user's words.

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

/** A starter sheet: one objective with two key results and a leading KPI, in the language, for `cycle`. */
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
