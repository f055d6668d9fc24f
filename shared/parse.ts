// Reading a sheet's cell values (as getValues returns them) into OKR rows plus problems a person can act on.
// Never throws: every odd cell becomes a problem naming its row and column.
//
// Column by column: the layout says once where each column is and how its cells are read (text, a number,
// one of a list of words), then each column is read with its own reader over the rows that need it. Words
// (Type, Level, KR type, KPI kind) are looked up once per distinct cell text.
//
// The layouts people write are read as they are:
// - an objective row followed by its key result and KPI rows: a blank Objective cell links a row to the
//   objective above it (by position);
// - one row per key result, the objective's title in the Objective column (headed "Objective" / "Mål", the
//   titles under "Key result" / "Nyckelresultat" / "Nøkkelresultat", no Type column): the rows are key results,
//   and each distinct title that is no objective's becomes an objective (`created`, rows below the sheet's last);
// - an objective named by its title, its ID in any case, or its dropdown label "ID · Title".
// Links to an objective that has no ID yet are kept in `links`; linkParents fills them once IDs are given.
//
// With `formulas` (getFormulas of the same range), a cell holding the user's formula, which Set up cannot
// rewrite, is read as the sheet's formulas read it (text in a number column is no value; a word is the
// label or not) and what differs is reported on that cell. Other cells are read leniently ("1 234,5", " KR ",
// "o-p3") and Set up writes them in canonical form (canonical.ts); on a sheet already set up, each such cell
// gets a hint until it is.

import { canonicalCells } from "./canonical.js";
import {
  binaryWord,
  type Coerced,
  isBlank,
  isFormulaError,
  percentPoints,
  toBinary,
  toFraction,
  toNumber,
  toText,
  wordKey,
} from "./coerce.js";
import {
  type EnumKind,
  headerLabel,
  matchHeader,
  namesKeyResults,
  parseEnumValue,
  valueLabel,
  valueLabels,
} from "./columns.js";
import { columnLetter, HELPER_HEADERS, idOfLabel } from "./formulas.js";
import { parseThreshold, thresholdTarget } from "./kpi-health.js";
import { type RowProblemCode, rowProblem } from "./messages.js";
import {
  type ColumnKey,
  type KpiKind,
  type KrType,
  type Language,
  type Level,
  type OkrRow,
  objectiveRow,
  type Problem,
  type RowType,
  type SheetLayout,
  type Status,
} from "./model.js";
import { THRESHOLD_PROBLEMS, validateRows } from "./validate.js";

/** An objective elsewhere in the organisation (the add-on's catalog), for resolving links by ID or title. */
export interface KnownObjective {
  id: string;
  title: string;
}

export interface ParseOptions {
  /** Language of problem messages; defaults to the language of the headers. */
  language?: Language;
  sheetId?: string;
  /** getFormulas() of the same range: cells holding a formula are read as the sheet's formulas read them. */
  formulas?: readonly (readonly unknown[])[];
  /** Objectives of the organisation's other sheets. */
  known?: readonly KnownObjective[];
}

/** A row linked to its objective where the sheet does not name the objective's ID (yet). */
export interface ParentLink {
  /** 1-based sheet row of the key result or KPI. */
  row: number;
  /** 1-based sheet row of its objective (a created one stands below the sheet's last row). */
  parent: number;
  how: "position" | "title" | "created";
}

export interface ParseResult {
  rows: OkrRow[];
  problems: Problem[];
  layout: SheetLayout | null;
  /** 1-based sheet rows without an ID (their OkrRow.id is ""). */
  missingIds: number[];
  /** Links by position or title, and to created objectives. */
  links: ParentLink[];
  /** Sheet rows of the objectives created from titles named in the Objective column (not in the sheet yet). */
  created: number[];
  /** Sheet rows of objectives whose title stands in the Objective column (rows as people write them). */
  titleInObjectiveColumn: number[];
  /** True when the sheet has no Type column and the rows' types were read from what they hold. */
  typesInferred: boolean;
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

/**
 * Headers that look like OKRs without being enough to read them (no title column, or fewer than three known
 * headers): the row with the most known headers, if it has two or more, so Set up can say what it found and what
 * it needs instead of starting an empty sheet beside it.
 */
export function okrLikeHeader(
  values: readonly (readonly unknown[])[],
): { row: number; found: ColumnKey[]; language: Language } | null {
  let best: { row: number; found: ColumnKey[]; language: Language } | null = null;
  const scan = Math.min(values.length, HEADER_SCAN_ROWS);
  for (let r = 0; r < scan; r++) {
    const cells = values[r];
    if (!Array.isArray(cells)) continue;
    const found: ColumnKey[] = [];
    const votes: Record<Language, number> = { en: 0, sv: 0, nb: 0 };
    for (const cell of cells) {
      const match = matchHeader(cell);
      if (!match || found.includes(match.key)) continue;
      found.push(match.key);
      votes[match.language]++;
    }
    if (found.length >= 2 && (!best || found.length > best.found.length)) {
      const language: Language = votes.sv > votes.nb && votes.sv > 0 ? "sv" : votes.nb > 0 ? "nb" : "en";
      best = { row: r + 1, found, language };
    }
  }
  return best;
}

const noResult = (problems: Problem[], layout: SheetLayout | null): ParseResult => ({
  rows: [],
  problems,
  layout,
  missingIds: [],
  links: [],
  created: [],
  titleInObjectiveColumn: [],
  typesInferred: false,
});

export function parseSheet(values: readonly (readonly unknown[])[], options: ParseOptions = {}): ParseResult {
  const grid = Array.isArray(values) ? values : [];
  const found = findLayout(grid);
  if (!found) {
    const language = options.language ?? "en";
    const problems = [
      rowProblem(language, { code: "missing_header_row", severity: "error", row: null, column: null }, {}),
    ];
    return noResult(problems, null);
  }
  const { layout, duplicates } = found;
  const language = options.language ?? layout.language;
  const headerRow = grid[layout.headerRow - 1] as readonly unknown[];
  const headerNames = headerNamesOf(headerRow, layout, language);
  // A sheet Set up has written formulas into: cells it would rewrite are read as the formulas read them.
  const setUp = headerRow.some((cell) => cell === HELPER_HEADERS.weight);
  const reader = new ColumnReader(grid, layout, language, headerNames, options.formulas ?? null);

  for (const [key, first, second] of duplicates) {
    reader.report(
      "duplicate_column",
      layout.headerRow,
      key,
      { first: columnLetter(first), second: columnLetter(second) },
      "warning",
    );
  }
  if (layout.columns.title === undefined) {
    reader.report("missing_column", null, null, { column: headerLabel("title", language) });
    return noResult(reader.problems, layout);
  }
  // Without a Type column the rows say what they are (see inferTypes).
  const typesInferred = layout.columns.type === undefined;
  const items = itemRowsOf(reader, headerRow, layout, language, typesInferred);
  const { rows, missingIds, parentTexts } = readRows(reader, items);
  const linked = linkRows(rows, parentTexts, {
    grid,
    reader,
    known: options.known ?? [],
    createMissing: typesInferred || !items.rowTypes.includes("objective"),
  });
  inheritFromObjectives(linked);

  const titleInObjectiveColumn = [...items.titleInObjective].map((r) => r + 1);
  const problems: Problem[] = [
    ...reader.problemsInRowOrder(),
    ...hintsOfIdsAndCreated(reader, language, linked, missingIds),
    ...validateRows(linked.rows, {
      language,
      headerNames,
      linkedRows: new Set(linked.links.map((link) => link.row)),
      knownObjectiveIds: new Set((options.known ?? []).map((known) => known.id)),
    }),
  ];
  // On a sheet with the add-on's formulas, each cell they read differently until Set up (or an edit) writes it.
  if (setUp)
    problems.push(
      ...rewritesPending(grid, reader, layout, language, options, {
        rows: linked.rows,
        created: linked.created,
        titleInObjectiveColumn,
      }),
    );
  if (options.sheetId) for (const p of problems) p.sheetId = options.sheetId;
  return {
    rows: linked.rows,
    problems,
    layout,
    missingIds,
    links: linked.links,
    created: linked.created,
    titleInObjectiveColumn,
    typesInferred,
  };
}

/** Each column's name as its header cell writes it, else the language's label. */
function headerNamesOf(
  headerRow: readonly unknown[],
  layout: SheetLayout,
  language: Language,
): Partial<Record<ColumnKey, string>> {
  const headerNames: Partial<Record<ColumnKey, string>> = {};
  for (const [key, index] of Object.entries(layout.columns) as [ColumnKey, number][]) {
    headerNames[key] = toText(headerRow[index]) || headerLabel(key, language);
  }
  return headerNames;
}

/** The grid rows that hold items, each with its type; rows that write an objective's title in the Objective column. */
interface ItemRows {
  kept: number[];
  rowTypes: RowType[];
  titleInObjective: Set<number>;
}

function itemRowsOf(
  reader: ColumnReader,
  headerRow: readonly unknown[],
  layout: SheetLayout,
  language: Language,
  typesInferred: boolean,
): ItemRows {
  const titlesAreKeyResults = namesKeyResults(headerRow[layout.columns.title!]);
  // Which grid rows hold items: not blank, and not a note (one lone text without a type).
  const candidates = reader.itemRows(typesInferred);
  const kept: number[] = [];
  const rowTypes: RowType[] = [];
  const titleInObjective = new Set<number>();
  if (typesInferred) {
    for (const r of candidates) {
      const type = reader.inferType(r, titlesAreKeyResults);
      if (type === null) continue;
      if (type === "objective" && isBlank(reader.cell(r, "title"))) titleInObjective.add(r);
      kept.push(r);
      rowTypes.push(type);
    }
  } else {
    const types = reader.enums<RowType>("type", "type", candidates);
    candidates.forEach((r, i) => {
      const type = types[i]!;
      if (type === null) {
        if (isBlank(reader.cell(r, "type")))
          reader.report("missing_type", r + 1, "type", {
            options: valueLabels("type", language).join(", "),
          });
      } else {
        kept.push(r);
        rowTypes.push(type);
      }
    });
  }
  return { kept, rowTypes, titleInObjective };
}

/** Every item row's cells read column by column (each column's problems reported as it is read). */
function readRows(
  reader: ColumnReader,
  { kept, rowTypes, titleInObjective }: ItemRows,
): { rows: OkrRow[]; missingIds: number[]; parentTexts: string[] } {
  const keyResults = kept.filter((_, i) => rowTypes[i] === "key_result");
  const notObjectives = kept.filter((_, i) => rowTypes[i] !== "objective");
  const kpis = kept.filter((_, i) => rowTypes[i] === "kpi");
  const titles = reader.texts("title", kept);
  // Rows as people write them: an objective's title in the Objective column.
  const ownTitles = reader.texts("objective", [...titleInObjective]);
  let at = 0;
  kept.forEach((r, i) => {
    if (titleInObjective.has(r)) titles[i] = ownTitles[at++]!;
  });
  titles.forEach((title, i) => {
    if (!title) reader.report("missing_title", kept[i]! + 1, "title", {}, "warning", TITLE_MISSING_RANK);
  });
  const krTypes = spread(kept, keyResults, reader.enums<KrType>("krType", "krType", keyResults), null);
  const weights = reader.numbers("weight", kept, NUMBER);
  const parentTexts = spread(kept, notObjectives, reader.texts("objective", notObjectives), "");
  const alignsTo = reader.texts("alignsTo", kept);
  const contributesTo = reader.texts("contributesTo", kept);
  const levels = reader.enums<Level>("level", "level", kept);
  const teams = reader.texts("team", kept);
  const owners = reader.texts("owner", kept);
  const cycles = reader.texts("cycle", kept);
  const starts = reader.numbers("start", kept, NUMBER);
  const measures = kept.map((_, i) => (krTypes[i] === "binary" ? BINARY : NUMBER));
  const units = reader.texts("unit", kept);
  // A KPI's Target may be a threshold in words ("at least 95", "90–110", one per month): kept as written, its
  // lone bound (if it has one) as the Target number; the other Targets are numbers as before.
  const thresholds = kept.map((r, i) =>
    rowTypes[i] === "kpi" ? reader.threshold(r, units[i] === "%") : null,
  );
  const numberTargets = kept.filter((_, i) => thresholds[i] === null);
  const targets = spread(
    kept,
    numberTargets,
    reader.numbers(
      "target",
      numberTargets,
      measures.filter((_, i) => thresholds[i] === null),
    ),
    null,
  ).map((target, i) => (thresholds[i] ? thresholds[i].target : target));
  const currents = reader.numbers("current", kept, measures);
  const confidences = reader.numbers("confidence", kept, FRACTION);
  const kpiKinds = spread(kept, kpis, reader.enums<KpiKind>("kpiKind", "kpiKind", kpis), null);
  const notes = reader.texts("notes", kept);
  // The owner's word: a status word in any of the three languages (the sheet's own words after Set up).
  const ownerStatuses = reader.enums<Status>("ownerStatus", "status", kept);
  const ids = reader.ids(kept);
  // Percent key results hold fractions: a bare Current above 1 and above its start and target is percent points.
  kept.forEach((r, i) => {
    if (krTypes[i] !== "percent" || currents[i] === null) return;
    const scale = { start: starts[i]!, target: targets[i]! };
    if (percentPoints(currents[i]!, scale)) currents[i] = reader.percentCurrent(r, currents[i]!);
  });

  const rows: OkrRow[] = [];
  const missingIds: number[] = [];
  kept.forEach((r, i) => {
    const type = rowTypes[i]!;
    const row: OkrRow = {
      id: ids[i]!,
      type,
      title: titles[i]!,
      objectiveId: null,
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
    if (thresholds[i]?.text) row.threshold = thresholds[i].text;
    if (ownerStatuses[i]) row.ownerStatus = ownerStatuses[i];
    if (!row.id) missingIds.push(row.row);
    rows.push(row);
  });
  return { rows, missingIds, parentTexts };
}

/** Key results and KPIs inherit team, level and cycle from their objective when left blank. */
function inheritFromObjectives(linked: { rows: OkrRow[]; links: readonly ParentLink[] }): void {
  // Indexed by sheet row number (the last row of a number wins, as a map's last set would).
  const byRow: (OkrRow | undefined)[] = [];
  for (const row of linked.rows) byRow[row.row] = row;
  const parentOf: (number | undefined)[] = [];
  for (const link of linked.links) parentOf[link.row] = link.parent;
  const byId = new Map<string, OkrRow>();
  for (const row of linked.rows) if (row.id && !byId.has(row.id)) byId.set(row.id, row);
  for (const row of linked.rows) {
    if (row.type === "objective") continue;
    const parentRow = parentOf[row.row];
    let parent = parentRow === undefined ? undefined : byRow[parentRow];
    if (!parent && row.objectiveId) parent = byId.get(row.objectiveId);
    if (parent?.type !== "objective") continue;
    if (!row.team) row.team = parent.team;
    if (row.level === null) row.level = parent.level;
    if (!row.cycle) row.cycle = parent.cycle;
  }
}

/** Hints: rows without an ID (Set up gives them one), and objectives made from a key result's Objective text. */
function hintsOfIdsAndCreated(
  reader: ColumnReader,
  language: Language,
  linked: { rows: readonly OkrRow[]; created: readonly number[] },
  missingIds: readonly number[],
): Problem[] {
  const problems: Problem[] = [];
  // Most sheets create no objectives: no map of their rows then.
  const byRow = linked.created.length ? new Map(linked.rows.map((row) => [row.row, row])) : null;
  const createdRows = new Set(linked.created);
  for (const sheetRow of missingIds) {
    if (createdRows.has(sheetRow)) continue;
    problems.push(
      rowProblem(
        language,
        { code: "missing_id", severity: "hint", row: sheetRow, column: "id" },
        { row: sheetRow, column: reader.columnName("id") },
      ),
    );
  }
  for (const sheetRow of linked.created) {
    const row = byRow!.get(sheetRow)!;
    problems.push(
      rowProblem(
        language,
        { code: "created_objective", severity: "hint", row: sheetRow, column: "title" },
        { row: sheetRow, value: row.title, column: reader.columnName("objective") },
      ),
    );
  }
  return problems;
}

/** A hint for each cell the add-on's formulas read differently from what Set up would write there. */
function rewritesPending(
  grid: readonly (readonly unknown[])[],
  reader: ColumnReader,
  layout: SheetLayout,
  language: Language,
  options: ParseOptions,
  parsed: Pick<ParseResult, "rows" | "created" | "titleInObjectiveColumn">,
): Problem[] {
  const writes = canonicalCells(grid, options.formulas ?? null, layout, parsed, {
    language: layout.language,
    known: options.known ?? [],
  });
  const problems: Problem[] = [];
  for (const write of writes) {
    if (!write.affectsFormulas) continue;
    const raw = (grid[write.row - 1] ?? [])[layout.columns[write.column]!];
    problems.push(
      rowProblem(
        language,
        { code: "rewrite_pending", severity: "hint", row: write.row, column: write.column },
        {
          row: write.row,
          column: reader.columnName(write.column),
          value: toText(raw),
          word: write.value,
        },
      ),
    );
  }
  return problems;
}

/**
 * Gives every linked row its objective's ID, once the objective has one (after Set up or the import gave IDs).
 * Returns the rows whose objective it set.
 */
export function linkParents(rows: readonly OkrRow[], links: readonly ParentLink[]): OkrRow[] {
  const byRow = new Map(rows.map((row) => [row.row, row]));
  const changed: OkrRow[] = [];
  for (const link of links) {
    const row = byRow.get(link.row);
    const parent = byRow.get(link.parent);
    if (!row || !parent?.id || row.objectiveId === parent.id) continue;
    row.objectiveId = parent.id;
    changed.push(row);
  }
  return changed;
}

/** Text that reads as another sheet's ID ("O-CO1", "SALES-7"), never a title to create an objective from. */
const ID_LIKE = /^(?=\S*\d)[\p{L}\d]+(?:[-_.][\p{L}\d]+)*$/u;

/** A title or an ID as it is matched: trimmed, runs of spaces as one, any case. */
const matchKey = (text: string) => wordKey(text);

interface LinkContext {
  grid: readonly (readonly unknown[])[];
  reader: ColumnReader;
  known: readonly KnownObjective[];
  /** Titles that name no objective become objectives (rows as people write them: no objective rows). */
  createMissing: boolean;
}

/**
 * Each key result's and KPI's objective, from its Objective cell: an ID (any case), a label "ID · Title", an
 * objective's title, or blank (the objective above). Aligns to and Contributes to resolve IDs and labels the
 * same way. Returns the rows (with created objectives appended), the links, and the created rows.
 */
function linkRows(
  rows: OkrRow[],
  parentTexts: readonly string[],
  context: LinkContext,
): { rows: OkrRow[]; links: ParentLink[]; created: number[] } {
  const { reader } = context;
  const objectivesById = new Map<string, OkrRow>();
  const keyResultsById = new Map<string, OkrRow>();
  const objectivesByTitle = new Map<string, OkrRow[]>();
  for (const row of rows) {
    if (row.type === "kpi") continue;
    const byId = row.type === "objective" ? objectivesById : keyResultsById;
    if (row.id) {
      const key = matchKey(row.id);
      if (!byId.has(key)) byId.set(key, row);
    }
    if (row.type === "objective" && row.title) {
      const key = matchKey(row.title);
      const list = objectivesByTitle.get(key);
      if (list) list.push(row);
      else objectivesByTitle.set(key, [row]);
    }
  }
  const knownById = new Map<string, KnownObjective>();
  const knownByTitle = new Map<string, KnownObjective[]>();
  for (const known of context.known) {
    knownById.set(matchKey(known.id), known);
    const key = matchKey(known.title);
    if (!key) continue;
    const list = knownByTitle.get(key);
    if (list) list.push(known);
    else knownByTitle.set(key, [known]);
  }
  /** An ID, in any case or as a dropdown label, of this sheet's rows or the organisation's objectives. */
  const idOfText = (text: string, withKeyResults: boolean): { row?: OkrRow; id: string } | null => {
    const key = matchKey(text);
    const row = objectivesById.get(key) ?? (withKeyResults ? keyResultsById.get(key) : undefined);
    if (row) return { row, id: row.id };
    const known = knownById.get(key);
    return known ? { id: known.id } : null;
  };
  const idOf = (text: string, withKeyResults = true): { row?: OkrRow; id: string } | null => {
    // The text as it stands first; its label's ID only when that names nothing (most cells hold an ID).
    const byText = idOfText(text, withKeyResults);
    if (byText) return byText;
    const labelled = idOfLabel(text);
    return labelled === null ? null : idOfText(labelled, withKeyResults);
  };

  const links: ParentLink[] = [];
  const created: number[] = [];
  const createdByTitle = new Map<string, OkrRow>();
  let lastObjective: OkrRow | null = null;
  let nextRow = Math.max(context.grid.length, rows[rows.length - 1]?.row ?? 0) + 1;
  rows.forEach((row, i) => {
    if (row.type === "objective") {
      lastObjective = row;
      return;
    }
    const text = parentTexts[i]!;
    const link = (parent: OkrRow, how: ParentLink["how"]) => {
      row.objectiveId = parent.id || null;
      links.push({ row: row.row, parent: parent.row, how });
    };
    if (text === "") {
      if (lastObjective) link(lastObjective, "position");
      return;
    }
    // A key result naming a key result is reported by validation (parent_is_key_result), so it resolves too.
    const byId = idOf(text);
    if (byId) {
      row.objectiveId = byId.id;
      return;
    }
    const key = matchKey(text);
    const titled = objectivesByTitle.get(key) ?? [];
    if (titled.length === 1) {
      link(titled[0]!, "title");
      return;
    }
    if (titled.length > 1) {
      reader.report("ambiguous_objective", row.row, "objective", {
        value: text,
        rows: titled.map((o) => o.row).join(", "),
      });
      return;
    }
    const knownTitled = knownByTitle.get(key) ?? [];
    if (knownTitled.length === 1) {
      row.objectiveId = knownTitled[0]!.id;
      return;
    }
    if (context.createMissing && knownTitled.length === 0 && !ID_LIKE.test(text)) {
      let objective = createdByTitle.get(key);
      if (!objective) {
        objective = createdObjective(text, nextRow++);
        createdByTitle.set(key, objective);
        created.push(objective.row);
      }
      links.push({ row: row.row, parent: objective.row, how: "created" });
      return;
    }
    // Another sheet's ID (the server knows the organisation), or a mistake: validation says which.
    row.objectiveId = text;
  });

  // A created objective takes what all its key results share: cycle, team, level, owner.
  const children = new Map<number, OkrRow[]>();
  for (const link of links) {
    if (link.how !== "created") continue;
    const list = children.get(link.parent);
    const child = rows.find((row) => row.row === link.row)!;
    if (list) list.push(child);
    else children.set(link.parent, [child]);
  }
  const createdRows = [...createdByTitle.values()];
  for (const objective of createdRows) {
    const krs = children.get(objective.row) ?? [];
    const shared = <K extends "cycle" | "team" | "owner" | "level">(key: K): OkrRow[K] | null => {
      const values = new Set(krs.map((kr) => kr[key]));
      const [only] = values;
      return values.size === 1 && only ? only : null;
    };
    objective.cycle = shared("cycle") ?? "";
    objective.team = shared("team") ?? "";
    objective.owner = shared("owner") ?? "";
    objective.level = shared("level") ?? null;
  }

  // Aligns to and Contributes to: IDs in any case, or labels, of this sheet's or the organisation's objectives.
  const objectiveId = (text: string) => idOf(text, false)?.id ?? text;
  for (const row of rows) {
    if (row.alignsTo) row.alignsTo = objectiveId(row.alignsTo);
    if (row.contributesTo.length > 0) row.contributesTo = row.contributesTo.map(objectiveId);
  }
  return { rows: [...rows, ...createdRows], links, created };
}

function createdObjective(title: string, row: number): OkrRow {
  return objectiveRow({ id: "", title: title.trim(), row });
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

type NumberReader = {
  coerce: (cell: unknown) => Coerced<number | null>;
  code: RowProblemCode;
  /** The sheet's formulas read this column (Confidence they do not). */
  inFormulas: boolean;
  binary: boolean;
};
const NUMBER: NumberReader = { coerce: toNumber, code: "not_a_number", inFormulas: true, binary: false };
const BINARY: NumberReader = { coerce: toBinary, code: "not_a_number", inFormulas: true, binary: true };
const FRACTION: NumberReader = {
  coerce: toFraction,
  code: "not_a_fraction",
  inFormulas: false,
  binary: false,
};

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
  id: 19,
  ownerStatus: 20,
};
const TITLE_MISSING_RANK = 2;
const RANKS = 32;

/** What a word cell says: its text, and the word it is (null for none of the list); or a formula error. */
type WordRead = { error: string } | { text: string; value: string | null };

/** Columns whose text the sheet's formulas compare as it stands (untrimmed), so padding there matters. */
const MATCHED_TEXT: ReadonlySet<ColumnKey> = new Set(["id", "objective", "cycle"]);

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
    private readonly formulas: readonly (readonly unknown[])[] | null,
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

  /** True when the cell holds the user's formula (it cannot be rewritten; the sheet computes with its value). */
  private isFormula(r: number, index: number): boolean {
    const formula = this.formulas?.[r]?.[index];
    return typeof formula === "string" && formula !== "";
  }

  /**
   * Grid rows (0-based) that hold an item: some read column filled, and not one lone text without a type
   * (a section heading, a comment). Without a Type column, a lone objective title is an objective row.
   */
  itemRows(typesInferred: boolean): number[] {
    const rows: number[] = [];
    const typeIndex = this.layout.columns.type;
    const objectiveIndex = this.layout.columns.objective;
    for (let r = this.layout.headerRow; r < this.grid.length; r++) {
      const cells = this.grid[r];
      if (!Array.isArray(cells)) continue;
      let filled = 0;
      let last = -1;
      for (const index of this.readColumns) {
        if (isBlank(cells[index])) continue;
        last = index;
        if (++filled > 1) break;
      }
      if (filled === 0) continue; // blank row
      if (filled === 1) {
        const typed = typeIndex !== undefined && !isBlank(cells[typeIndex]);
        if (!typed && !(typesInferred && last === objectiveIndex)) continue; // a note
      }
      rows.push(r);
    }
    return rows;
  }

  /**
   * A row's type where the sheet has no Type column: its title (or, under a key result header, any row with one)
   * is a key result when it has a start, target or current value; an objective otherwise, and so is a row with
   * only an objective's title in the Objective column.
   */
  inferType(r: number, titlesAreKeyResults: boolean): RowType | null {
    const title = this.cell(r, "title");
    if (isBlank(title)) return isBlank(this.cell(r, "objective")) ? null : "objective";
    if (titlesAreKeyResults) return "key_result";
    const measured = (["start", "target", "current"] as const).some((key) => !isBlank(this.cell(r, key)));
    return measured ? "key_result" : "objective";
  }

  ids(rows: readonly number[]): string[] {
    const index = this.layout.columns.id;
    if (index === undefined) return new Array(rows.length).fill("");
    return rows.map((r) => {
      const value = this.grid[r]![index];
      const text = toText(value);
      if (typeof value === "string" && value !== value.trim()) this.padded(r, "id", index, value, text);
      return text;
    });
  }

  /** Padding in a cell the sheet's formulas match as it stands: a formula's is reported (a typed one Set up trims). */
  private padded(r: number, key: ColumnKey, index: number, value: string, text: string): void {
    if (this.isFormula(r, index)) this.report("formula_word", r + 1, key, { value, word: text }, "warning");
  }

  /** A text column: trimmed text; a formula error is reported and read as "". */
  texts(key: ColumnKey, rows: readonly number[]): string[] {
    const index = this.layout.columns[key];
    if (index === undefined) return new Array(rows.length).fill("");
    const matched = MATCHED_TEXT.has(key);
    return rows.map((r) => {
      const value = this.grid[r]![index];
      if (typeof value === "string") {
        const text = value.trim();
        if (text.charCodeAt(0) === 35 /* # */ && isFormulaError(text)) {
          this.report("formula_error", r + 1, key, { value: text });
          return "";
        }
        if (matched && text !== value && text !== "") this.padded(r, key, index, value, text);
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
    // Type, KR type and Owner status are compared by the sheet's formulas, with its exact words (in any case;
    // the Status formula trims the owner's word).
    const compared = key === "type" || key === "krType" || key === "ownerStatus";
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
      } else if (compared && read.value !== null && this.isFormula(r, index)) {
        // The formulas compare the cell with the sheet's word exactly (any case); Set up rewrites typed ones.
        const word = valueLabel(kind, read.value, this.layout.language);
        const said = key === "ownerStatus" ? wordKey(String(value)) : String(value).toLowerCase();
        if (said !== word.toLowerCase())
          this.report("formula_word", r + 1, key, { value: String(value), word }, "warning");
      }
      return read.value as T | null;
    });
  }

  /**
   * A number column: numbers as they are, text through the column's coercion; what is not a number is reported.
   * A TRUE/FALSE is a number only for a binary key result. A formula's text is no value (the sheet's formulas
   * cannot count it), except a binary key result's yes/no words.
   */
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
      if (typeof value === "boolean" && !reader.binary) {
        this.report(reader.code, r + 1, key, { value: toText(value).toUpperCase() });
        return null;
      }
      if (
        typeof value === "string" &&
        reader.inFormulas &&
        this.isFormula(r, index) &&
        !isFormulaError(value)
      ) {
        if (reader.binary && binaryWord(value) !== null) return binaryWord(value);
        if (value.trim() === "") return null;
        this.report("formula_text", r + 1, key, { value }, "warning");
        return null;
      }
      const result = reader.coerce(value);
      if (result.ok) return result.value;
      this.report(isFormulaError(value) ? "formula_error" : reader.code, r + 1, key, {
        value: toText(value),
      });
      return null;
    });
  }

  /**
   * A KPI's Target cell as a threshold (kpi-health.ts): null when it is a number or blank (read as a number);
   * else its text and the Target number it stands for, or the problem (reported; no Target then).
   */
  threshold(r: number, percentUnit: boolean): { text: string; target: number | null } | null {
    const value = this.cell(r, "target");
    if (typeof value !== "string" || isFormulaError(value)) return null;
    const read = parseThreshold(value, { percentUnit });
    if (read === null) return null;
    if (read.ok) return { text: value.trim(), target: thresholdTarget(read.threshold) };
    this.report(THRESHOLD_PROBLEMS[read.reason], r + 1, "target", { value: value.trim() });
    return { text: "", target: null };
  }

  /**
   * A percent key result's Current that reads as percent points (see coerce.ts toPercent): a typed one is that
   * fraction (Set up writes it so); a formula's stays what the sheet computes with, and is reported.
   */
  percentCurrent(r: number, value: number): number {
    const index = this.layout.columns.current!;
    const fraction = value / 100;
    if (this.isFormula(r, index)) {
      const percent = `${Math.round(value * 100) / 100} %`;
      this.report(
        "formula_percent",
        r + 1,
        "current",
        { value, percent: `${Math.round(value * 10000) / 100} %`, fraction: `${fraction} (${percent})` },
        "warning",
      );
      return value;
    }
    return fraction;
  }
}
