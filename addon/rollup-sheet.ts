// Pull rollup: the organisation's consolidated tree for one cycle, written into the Rollup sheet in one block,
// and below it the cycle's KPI board (addon/kpi-board-sheet.ts). Titles, teams and owners come from other
// people's sheets: every text cell is written as plain text, so a title like "=IMPORTXML(...)" or "+1" can never
// become a formula here (formula injection); the board's trend formulas are the add-on's own, built from cell
// addresses only.

import { valueLabel } from "../shared/columns.js";
import { dayNumber, parseCycle } from "../shared/cycle.js";
import {
  type GroupTotal,
  type Level,
  type ObjectiveRef,
  ROLLUP_PAGE,
  type Rollup,
  type RollupNode,
} from "../shared/model.js";
import type { KpiBoard, RollupList } from "../shared/wire.js";
import { ApiFailure, call } from "./api-client.js";
import { activeSpreadsheet } from "./context.js";
import { asSentence } from "./errors.js";
import { plainText, replaceBlock } from "./grid.js";
import { kpiBoardRows } from "./kpi-board-sheet.js";
import { readSettings } from "./settings.js";
import { findOkrSheet, parseData } from "./sheet-read.js";
import { STATUS_LABELS, word } from "./words.js";

export interface RollupOutcome {
  ok: boolean;
  message: string;
  rows?: number;
}

type Cell = string | number;

/** The rollup as rows: the tree depth-first (indented titles), then team totals and the two insight lists. */
export function rollupRows(rollup: Rollup, language: "en" | "sv" | "nb"): Cell[][] {
  const header = word(language, "rollupHeaders").split("|");
  const width = header.length;
  const rows: Cell[][] = [[`${rollup.cycle} (${rollup.asOf})`], header];
  const pct = (value: number | null): Cell => (value === null ? "" : Math.round(value * 1000) / 1000);
  // Levels in the sheet's words (Företag, Team, Individ), as its Level dropdown has them.
  const level = (value: Level | null | undefined): Cell =>
    value ? valueLabel("level", value, language) : "";
  const visit = (node: RollupNode, depth: number) => {
    rows.push([
      `${"    ".repeat(depth)}${node.title}`,
      node.id,
      node.team,
      level(node.level),
      node.owner,
      pct(node.progress),
      pct(node.alignedProgress),
      pct(node.expected),
      STATUS_LABELS[language][node.status] ?? node.status,
      node.keyResultCount,
    ]);
    for (const child of node.children) visit(child, depth + 1);
  };
  for (const root of rollup.roots) visit(root, 0);
  rows.push([], [word(language, "teamsHeading")]);
  for (const team of rollup.teams as GroupTotal[]) {
    rows.push([team.key, "", "", "", "", pct(team.meanProgress), "", "", "", team.keyResultCount]);
  }
  const refs = (heading: string, list: readonly ObjectiveRef[]) => {
    rows.push([], [heading]);
    for (const ref of list) rows.push([ref.title, ref.id, ref.team, level(ref.level), ref.owner]);
  };
  refs(word(language, "unsupportedHeading"), rollup.insights.unsupported ?? []);
  refs(word(language, "unalignedHeading"), rollup.insights.unaligned ?? []);
  return rows.map((row) => Array.from({ length: width }, (_, i) => row[i] ?? ""));
}

/** Objectives in the tree (each once), for the message. */
function treeSize(nodes: readonly RollupNode[]): number {
  let count = 0;
  const stack = [...nodes];
  while (stack.length > 0) {
    const node = stack.pop()!;
    count++;
    stack.push(...node.children);
  }
  return count;
}

/** The organisation's cycle that holds today (the latest that started, else the first), or "" for none. */
function currentCycle(cycles: readonly string[], today: string): string {
  const windows = cycles
    .map((label) => parseCycle(label))
    .filter((window): window is NonNullable<typeof window> => window !== null);
  const holding = windows.filter((w) => w.start <= today && today <= w.end);
  // The shortest window that holds today: a quarter before its year.
  holding.sort((a, b) => dayNumber(a.end) - dayNumber(a.start) - (dayNumber(b.end) - dayNumber(b.start)));
  if (holding[0]) return holding[0].label;
  const started = windows.filter((w) => w.start <= today).sort((a, b) => (a.start < b.start ? 1 : -1));
  return started[0]?.label ?? cycles[0] ?? "";
}

function mostCommonCycle(): string {
  const found = findOkrSheet(activeSpreadsheet());
  if (!found) return "";
  const settings = readSettings();
  const counts = new Map<string, number>();
  for (const row of parseData(found.data, settings.language, settings.sheetId).rows)
    if (row.cycle) counts.set(row.cycle, (counts.get(row.cycle) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "";
}

export function pullRollup(): RollupOutcome {
  const settings = readSettings();
  const language = settings.language;
  if (!settings.apiUrl || !settings.apiKey) return { ok: false, message: word(language, "notConnected") };
  const config = { apiUrl: settings.apiUrl, apiKey: settings.apiKey, language };
  // As of today where this sheet is: the day its own formulas show.
  const today = Utilities.formatDate(new Date(), activeSpreadsheet().getSpreadsheetTimeZone(), "yyyy-MM-dd");
  let rollup: Rollup;
  let board: KpiBoard;
  try {
    // The cycle chosen in Settings, else the sheet's own, else the organisation's that holds today.
    let cycle = settings.rollupCycle || mostCommonCycle();
    if (!cycle) cycle = currentCycle(call(config, "GET /cycles", {}).cycles, today);
    if (!cycle) return { ok: false, message: word(language, "rollupNoCycle") };
    const query = { cycle, asOf: today, limit: ROLLUP_PAGE.max };
    // The API pages its lists: the rest of each list the sheet shows, page by page, by the cursor each page
    // gives, and the rest of each node's children where a page cut them (a node's `nextCursor`). A write on the
    // server meanwhile makes the cursor stale: the pages would not fit together, so the whole rollup is read
    // again (once; a second change in between is said to the user).
    const readAll = (): Rollup => {
      const first = call(config, "GET /rollup", { query });
      const lists = first.page?.lists ?? {};
      const rest = (list: RollupList, into: unknown[]) => {
        const at = lists[list];
        let cursor = at?.nextCursor ?? null;
        // A server before cursors: its offsets.
        for (let offset = cursor === null ? (at?.nextOffset ?? null) : null; offset !== null; ) {
          const page = call(config, "GET /rollup/list", { query: { ...query, list, offset } });
          for (const item of page.items) into.push(item);
          offset = page.nextOffset;
        }
        while (cursor !== null) {
          const page = call(config, "GET /rollup/list", { query: { ...query, list, cursor } });
          for (const item of page.items) into.push(item);
          cursor = page.nextCursor;
        }
      };
      rest("roots", first.roots);
      rest("teams", first.teams);
      rest("unsupported", first.insights.unsupported);
      rest("unaligned", first.insights.unaligned);
      // Every node of the tree, those read from children pages too (they may be cut in turn).
      const nodes = [...first.roots];
      for (let node = nodes.pop(); node; node = nodes.pop()) {
        for (let cursor = node.nextCursor ?? null; cursor !== null; ) {
          const page = call(config, "GET /rollup/list", { query: { ...query, list: "children", cursor } });
          for (const item of page.items) node.children.push(item as RollupNode);
          cursor = page.nextCursor;
        }
        for (const child of node.children) nodes.push(child);
      }
      return first;
    };
    try {
      rollup = readAll();
    } catch (error) {
      if (!(error instanceof ApiFailure && error.code === "stale_cursor")) throw error;
      rollup = readAll();
    }
    // Every KPI of the cycle with the last values of its history: one request, however many KPIs.
    board = call(config, "GET /kpis", { query: { cycle, asOf: today } });
  } catch (error) {
    if (!(error instanceof ApiFailure)) throw error;
    return { ok: false, message: asSentence(error.message) };
  }
  const tree = rollupRows(rollup, language).map((row) => row.map((cell) => plainText(cell) as Cell));
  // The board's text cells come plain-texted from kpiBoardRows; its trend cells are formulas on purpose.
  const kpis = kpiBoardRows(board, language, tree.length + 1);
  const width = Math.max(tree[0]?.length ?? 1, kpis[0]?.length ?? 0);
  const rows = [...tree, ...kpis].map((row) => Array.from({ length: width }, (_, i) => row[i] ?? ""));
  const spreadsheet = activeSpreadsheet();
  const name = word(language, "rollupSheet");
  const sheet = spreadsheet.getSheetByName(name) ?? spreadsheet.insertSheet(name);
  replaceBlock(sheet, rows, width);
  sheet.setFrozenRows(2);
  const message = word(language, "rollupDone", {
    cycle: rollup.cycle,
    objectives: treeSize(rollup.roots),
    kpis: board.kpis.length,
  });
  spreadsheet.toast(message);
  return { ok: true, message, rows: rows.length };
}
