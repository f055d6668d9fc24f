// Check quality: parse, alignment and quality problems from shared/, each with the cell to select.

import { columnLetter } from "../shared/formulas.js";
import { alignmentProblems, buildGraph } from "../shared/graph.js";
import {
  LEVELS,
  type Level,
  type OkrRow,
  objectiveRow,
  type Problem,
  type SheetLayout,
  type SheetRows,
} from "../shared/model.js";
import { ownerProblems } from "../shared/people.js";
import { checkQuality } from "../shared/quality.js";
import type { CatalogEntry } from "../shared/sheet-setup.js";
import { knownObjectives, readCatalog } from "./catalog.js";
import { activeSpreadsheet } from "./context.js";
import { readPeople } from "./conversation.js";
import { readSettings, type ShownLastSync, shownLastSync } from "./settings.js";
import { okrLikeTab } from "./setup.js";
import { findOkrSheet, parseData } from "./sheet-read.js";
import { word } from "./words.js";

export interface ShownProblem {
  severity: Problem["severity"];
  code: string;
  message: string;
  row: number | null;
  /** A1 cell to select, when the problem is about one cell or row. */
  a1: string | null;
  /** The tab the cell is in (a sync checks every OKR tab); absent: the report's sheet. */
  sheetName?: string;
}

export interface QualityReport {
  sheetName: string | null;
  problems: ShownProblem[];
  /** Set when there is nothing to check. */
  notice: string | null;
  language: string;
  /** The last sync's time (local) and result, so a failed automatic sync shows here too. */
  lastSync: ShownLastSync | null;
}

const ORDER = { error: 0, warning: 1, hint: 2 } as const;

export function cellOf(problem: Pick<Problem, "row" | "column">, layout: SheetLayout | null): string | null {
  if (problem.row === null) return null;
  const index = problem.column && layout ? layout.columns[problem.column] : undefined;
  return `${columnLetter(index ?? 0)}${problem.row}`;
}

/**
 * Other sheets' objectives (from the catalog) as rows, so links to them resolve and the graph sees who aligns to
 * whom: a company objective here is supported once another team's objective in the catalog aligns to it.
 */
function catalogRows(catalog: readonly CatalogEntry[], ownIds: ReadonlySet<string>): OkrRow[] {
  return catalog
    .filter((entry) => !ownIds.has(entry.id))
    .map((entry, i) =>
      objectiveRow({
        id: entry.id,
        title: entry.title,
        alignsTo: entry.alignsTo,
        contributesTo: [...entry.contributesTo],
        level: (LEVELS as readonly string[]).includes(entry.level ?? "") ? (entry.level as Level) : null,
        team: entry.team,
        cycle: entry.cycle,
        row: i + 2,
      }),
    );
}

export function qualityReport(): QualityReport {
  const spreadsheet = activeSpreadsheet();
  const settings = readSettings();
  const found = findOkrSheet(spreadsheet);
  if (!found)
    return {
      sheetName: null,
      problems: [],
      // A tab that looks like OKRs is named, with what it needs; else how to start.
      notice: okrLikeTab(spreadsheet) ?? word(settings.language, "noOkrSheet"),
      language: settings.language,
      lastSync: shownLastSync(),
    };
  const catalog = readCatalog(spreadsheet);
  const parsed = parseData(found.data, settings.language, settings.sheetId, knownObjectives(catalog));
  const own: SheetRows = { sheetId: settings.sheetId, name: found.data.sheet.getName(), rows: parsed.rows };
  const ownIds = new Set(parsed.rows.map((r) => r.id));
  const others = catalogRows(catalog, ownIds);
  const graph = buildGraph(
    others.length > 0 ? [own, { sheetId: "catalog", name: "catalog", rows: others }] : [own],
  );
  // One problem per cell: the parser's "not an objective here or in the organisation" says what the graph's
  // "unknown parent" would say again.
  const parsedCells = new Set(parsed.problems.map((p) => `${p.code}|${p.row}|${p.column}`));
  const alignment = alignmentProblems(graph, { language: settings.language }).filter(
    (p) =>
      (p.sheetId === undefined || p.sheetId === settings.sheetId) &&
      !(p.code === "unknown_parent" && parsedCells.has(`unknown_objective|${p.row}|${p.column}`)),
  );
  const problems = [
    ...parsed.problems,
    ...alignment,
    ...checkQuality([own], { language: settings.language }),
    // Owners nobody on the organisation's people list answers to (the list as the last sync brought it).
    ...ownerProblems([own], readPeople(spreadsheet), settings.language),
  ];
  const shown = problems
    .map((p) => ({
      severity: p.severity,
      code: p.code,
      message: p.message,
      row: p.row,
      a1: cellOf(p, parsed.layout),
    }))
    .sort((a, b) => ORDER[a.severity] - ORDER[b.severity] || (a.row ?? 0) - (b.row ?? 0));
  return {
    sheetName: found.data.sheet.getName(),
    problems: shown,
    notice: null,
    language: settings.language,
    lastSync: shownLastSync(),
  };
}

/** Selects a problem's cell on the OKR sheet (called from the sidebar). */
export function selectCell(sheetName: string, a1: string): void {
  const sheet = activeSpreadsheet().getSheetByName(sheetName);
  if (!sheet) return;
  sheet.activate();
  sheet.getRange(a1).activate();
}
