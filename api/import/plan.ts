// From read files to the sheets to sync: each CSV file or OKR tab becomes one sheet, parsed by the same
// shared parser the add-on uses, with a sheet ID that the same file and tab names always give again. Rows
// without an ID get one made from their title (the same on every import); rows the sync contract cannot
// take are left out with a problem that says why. Pure: nothing is stored here.
import { headerLabel } from "../../shared/columns.js";
import { LIMITS, OkrRowSchema } from "../../shared/contract.js";
import { SETTINGS_SHEET } from "../../shared/formulas.js";
import { newId } from "../../shared/ids.js";
import type { ColumnKey, Language, OkrRow, Problem, SheetLayout } from "../../shared/model.js";
import { parseSheet } from "../../shared/parse.js";
import { fnv1a64 } from "../../shared/row-hash.js";
import { CATALOG_SHEET } from "../../shared/sheet-setup.js";
import { importWord } from "./messages.js";
import type { FileError, ReadFile } from "./read.js";
import { readSheetMarker } from "./sheet-marker.js";

export interface PlannedSheet {
  sheetId: string;
  /** Display name: "Sales OKRs - Q4" (file, and tab for a workbook), as Google names a tab's CSV. */
  name: string;
  file: string;
  tab: string | null;
  /** The header language the parser found. */
  language: Language;
  rows: OkrRow[];
  /** The parser's problems and the import's own (given IDs, rows left out), in the user's language. */
  problems: Problem[];
}

/** Why a file, or a tab of it, stops the import. */
export type PlanError =
  | { code: "read"; error: FileError }
  | { code: "no_header"; tabs: string[] }
  | { code: "too_many_rows"; tab: string | null }
  /** A header without the Type or Title column: the parser's messages say which. */
  | { code: "missing_columns"; tab: string | null; messages: string[] }
  | { code: "same_sheet_id"; tab: string | null; sheetId: string; other: string };

export interface ImportPlan {
  sheets: PlannedSheet[];
  /** Tabs that are not OKR sheets (a ledger, notes): read, and left alone. */
  skipped: { file: string; tab: string }[];
  errors: { file: string; error: PlanError }[];
}

/** "Sales OKRs (1).xlsx" -> "Sales OKRs": the name without folder, extension or a browser's " (1)". */
export function baseName(file: string): string {
  const name = file.split(/[\\/]/).pop() ?? file;
  return name
    .replace(/\.(xlsx|xlsm|csv|tsv|txt)$/i, "")
    .replace(/\s*\(\d{1,3}\)$/, "")
    .trim();
}

const LETTERS: Record<string, string> = {
  ø: "o",
  æ: "ae",
  ß: "ss",
  đ: "d",
  ł: "l",
  þ: "th",
  ð: "d",
  œ: "oe",
};

/** Latin letters without their marks: "Økonomi Kundframgång" -> "Okonomi Kundframgang". */
export function foldToAscii(text: string): string {
  return text
    .replace(/[øæßđłþðœØÆĐŁÞÐŒ]/g, (letter) => {
      const folded = LETTERS[letter.toLowerCase()] ?? letter;
      return letter === letter.toLowerCase() ? folded : folded[0]!.toUpperCase() + folded.slice(1);
    })
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "");
}

/** Lower-case letters, digits and dashes: "Kundframgång – Q4" -> "kundframgang-q4". */
export function slug(text: string, max = 60): string {
  return foldToAscii(text.toLowerCase())
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, max)
    .replace(/-+$/, "");
}

/**
 * The sheet ID the same names always give: the file's name, and the tab's for a workbook ("Sales OKRs.xlsx",
 * tab "Q4" -> "sales-okrs-q4", which is also what Google's CSV download of that tab, "Sales OKRs - Q4.csv",
 * gives). A name with no letters or digits is named by its hash.
 */
export function sheetIdFor(file: string, tab: string | null): string {
  const parts = [slug(baseName(file)), ...(tab === null ? [] : [slug(tab)])];
  const id = parts.filter(Boolean).join("-");
  return id !== "" && parts.every(Boolean)
    ? id
    : `sheet-${fnv1a64(`${file}\u0000${tab ?? ""}`).slice(0, 10)}`;
}

/** A sheet's display name, as Google names a tab's CSV download: "Sales OKRs - Q4". */
export function sheetNameFor(file: string, tab: string | null): string {
  const name = tab === null ? baseName(file) : `${baseName(file)} - ${tab}`;
  return name.slice(0, LIMITS.shortText);
}

/** mulberry32 over a string's hash: the same seed, the same numbers. */
function seededRandom(seed: string): () => number {
  let state = Number.parseInt(fnv1a64(seed).slice(0, 8), 16) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIELD_COLUMNS: Partial<Record<keyof OkrRow, ColumnKey>> = { objectiveId: "objective" };

interface Local {
  language: Language;
  headerNames: (key: ColumnKey) => string;
  problems: Problem[];
  sheetId: string;
}

function addProblem(
  local: Local,
  severity: Problem["severity"],
  code: string,
  message: string,
  row: number | null,
  column: ColumnKey | null,
) {
  local.problems.push({ code, severity, message, row, column, sheetId: local.sheetId });
}

/** Rows the sync contract takes; the others are left out with the reason (too long, too many links). */
function acceptedRows(rows: readonly OkrRow[], local: Local): OkrRow[] {
  const { language } = local;
  const kept: OkrRow[] = [];
  const byId = new Map<string, OkrRow>();
  for (const row of rows) {
    const first = byId.get(row.id);
    if (first) {
      addProblem(
        local,
        "error",
        "duplicate_not_imported",
        importWord(language, "duplicate_not_imported", { row: row.row, id: row.id, other: first.row }),
        row.row,
        "id",
      );
      continue;
    }
    const checked = OkrRowSchema.safeParse(row);
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      const field = String(issue.path[0] ?? "id") as keyof OkrRow;
      const column = FIELD_COLUMNS[field] ?? (field as ColumnKey);
      const max = "maximum" in issue ? Number(issue.maximum) : null;
      const reason =
        issue.code === "too_big" && max !== null
          ? importWord(language, field === "contributesTo" ? "too_many_links" : "too_long", { max })
          : importWord(language, "not_accepted");
      addProblem(
        local,
        "error",
        "row_not_accepted",
        importWord(language, "row_not_accepted", { row: row.row, column: local.headerNames(column), reason }),
        row.row,
        column,
      );
      continue;
    }
    byId.set(row.id, row);
    kept.push(row);
  }
  return kept;
}

/** Gives rows without an ID one made from the sheet, type and title (and which such title it is). */
function giveIds(rows: OkrRow[], taken: Set<string>, local: Local): void {
  const seen = new Map<string, number>();
  for (const row of rows) {
    if (row.id) continue;
    const key = `${local.sheetId}\u0000${row.type}\u0000${row.title.toLowerCase()}`;
    const nth = (seen.get(key) ?? 0) + 1;
    seen.set(key, nth);
    row.id = newId(row.type, taken, seededRandom(`${key}\u0000${nth}`));
    addProblem(
      local,
      "hint",
      "given_id",
      importWord(local.language, "given_id", { row: row.row, id: row.id }),
      row.row,
      "id",
    );
  }
}

function columnKeyAt(layout: SheetLayout, index: number): ColumnKey | undefined {
  return (Object.entries(layout.columns) as [ColumnKey, number][]).find(([, at]) => at === index)?.[0];
}

const lacksTypeOrTitle = (layout: SheetLayout) =>
  layout.columns.type === undefined || layout.columns.title === undefined;

const OWN_TABS = new Set([SETTINGS_SHEET, CATALOG_SHEET]);

/** The sheets a set of read files gives, or what stops them. `language`: the user's, for every message. */
export function planImport(files: readonly ReadFile[], language: Language): ImportPlan {
  const plan: ImportPlan = { sheets: [], skipped: [], errors: [] };
  const drafts: { sheet: PlannedSheet; parsed: ReturnType<typeof parseSheet>; local: Local }[] = [];
  const bySheetId = new Map<string, string>();

  for (const file of files) {
    const marker = file.kind === "xlsx" ? readSheetMarker(file.tabs) : null;
    const candidates = file.tabs.filter((tab) => !OWN_TABS.has(tab.name));
    const before = drafts.length;
    for (const tab of candidates) {
      const tabName = file.kind === "csv" ? null : tab.name;
      const marked = marker && marker.tab === tab.name ? marker : null;
      const sheetId = marked ? marked.sheetId : sheetIdFor(file.name, tabName);
      const parsed = parseSheet(tab.grid, { language, sheetId });
      if (!parsed.layout) {
        if (tabName !== null && tab.grid.length > 0) plan.skipped.push({ file: file.name, tab: tabName });
        continue;
      }
      if (lacksTypeOrTitle(parsed.layout)) {
        const messages = parsed.problems.filter((p) => p.code === "missing_column").map((p) => p.message);
        plan.errors.push({ file: file.name, error: { code: "missing_columns", tab: tabName, messages } });
        continue;
      }
      if (tab.truncated) {
        plan.errors.push({ file: file.name, error: { code: "too_many_rows", tab: tabName } });
        continue;
      }
      const where =
        tabName === null ? file.name : importWord(language, "tab", { file: file.name, tab: tabName });
      const other = bySheetId.get(sheetId);
      if (other !== undefined) {
        plan.errors.push({ file: file.name, error: { code: "same_sheet_id", tab: tabName, sheetId, other } });
        continue;
      }
      bySheetId.set(sheetId, where);
      const layout = parsed.layout;
      const header = tab.grid[layout.headerRow - 1] ?? [];
      const headerNames = (key: ColumnKey) => {
        const index = layout.columns[key];
        const text = index === undefined ? "" : String(header[index] ?? "").trim();
        return text || headerLabel(key, language);
      };
      // The parser's "Set up sheet gives it one" does not hold here: the import gives the ID (given_id).
      const problems = parsed.problems.filter((problem) => problem.code !== "missing_id");
      const local: Local = { language, headerNames, problems, sheetId };
      for (const cell of tab.uncached) {
        const key = columnKeyAt(layout, cell.column - 1);
        if (!key || cell.row <= layout.headerRow) continue;
        if (key === "progress" || key === "expected" || key === "status") continue;
        addProblem(
          local,
          "warning",
          "uncached_formula",
          importWord(language, "uncached_formula", { row: cell.row, column: headerNames(key) }),
          cell.row,
          key,
        );
      }
      drafts.push({
        sheet: {
          sheetId,
          name: marked ? marked.name.slice(0, LIMITS.shortText) : sheetNameFor(file.name, tabName),
          file: file.name,
          tab: tabName,
          language: layout.language,
          rows: [],
          problems,
        },
        parsed,
        local,
      });
    }
    if (drafts.length === before && !plan.errors.some((entry) => entry.file === file.name))
      plan.errors.push({
        file: file.name,
        error: { code: "no_header", tabs: file.kind === "csv" ? [] : candidates.map((tab) => tab.name) },
      });
  }

  // IDs already in any imported sheet are taken before new ones are made.
  const taken = new Set(drafts.flatMap(({ parsed }) => parsed.rows.map((row) => row.id).filter(Boolean)));
  for (const { sheet, parsed, local } of drafts) {
    giveIds(parsed.rows, taken, local);
    sheet.rows = acceptedRows(parsed.rows, local);
    sheet.problems.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    plan.sheets.push(sheet);
  }
  return plan;
}
