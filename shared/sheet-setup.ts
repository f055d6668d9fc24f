// What Set up sheet writes into a spreadsheet, whatever writes it: the add-on through Apps Script
// (addon/setup.ts) or the API's .xlsx export (api/export/). The full header, the words the formulas compare
// and write, the status colours, the score bands of the progress column, the add-on's own tabs and the
// cycle table. Pure TypeScript: one home, so a downloaded workbook is the sheet Set up would have made.
import { headerLabel, matchHeader, STATUS_LABELS, valueLabel } from "./columns.js";
import { parseCycle } from "./cycle.js";
import type { FormulaLabels, HelperColumn } from "./formulas.js";
import { HELPER_HEADERS } from "./formulas.js";
import {
  COLUMN_KEYS,
  type ColumnKey,
  type CycleWindow,
  LANGUAGES,
  type Language,
  type Status,
} from "./model.js";

/** The hidden tab behind the Aligns to / Contributes to / Objective dropdowns, and its named range. */
export const CATALOG_SHEET = "OKR Catalog";
export const CATALOG_RANGE = "OKR_CATALOG_IDS";
export const CATALOG_HEADER = ["ID", "Title", "Team", "Cycle"] as const;

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
  };
}

/**
 * The header row Set up leaves: the user's header, every missing column (in the sheet's language), the
 * progress bar and the two helpers appended after the user's columns. Trailing blank cells are free space.
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
  for (const key of COLUMN_KEYS) if (!present.has(key)) cells.push(headerLabel(key, language));
  const barLabels = LANGUAGES.map((l) => PROGRESS_BAR_LABELS[l]);
  let bar = cells.findIndex((cell) => barLabels.includes(cell));
  if (bar < 0) bar = cells.push(PROGRESS_BAR_LABELS[language]) - 1;
  const helper = (key: HelperColumn) => {
    const at = cells.indexOf(HELPER_HEADERS[key]);
    return at >= 0 ? at : cells.push(HELPER_HEADERS[key]) - 1;
  };
  const helpers = { weight: helper("weight"), weighted: helper("weighted"), started: helper("started") };
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
