// The KPI board of the Rollup sheet: per team and objective, leading and lagging KPIs side by side (the n-th
// leading beside the n-th lagging), each with its current value, target, health (whether it keeps its threshold
// today, in the vocabulary's words; empty without a threshold for today) and trend. The trend is a SPARKLINE over
// the KPI's last values, written in cells to the right: a range, never an array literal, so no argument or
// decimal separator a locale reads differently (docs/addon.md "Locales"). Text cells are plain text.

import { headerLabel, KPI_HEALTH_LABELS, TERMS, valueLabel } from "../shared/columns.js";
import { kpiPairs } from "../shared/kpi-board.js";
import type { Language } from "../shared/model.js";
import { KPI_TREND_POINTS, type KpiBoard, type KpiBoardEntry } from "../shared/wire.js";
import { plainText } from "./grid.js";
import { word } from "./words.js";

type Cell = string | number;

/** Columns of one side (KPI, Current, Target, Health, Trend) and where each side's values start. */
const SIDE = 5;
const LEADING_AT = 2;
const LAGGING_AT = LEADING_AT + SIDE;
const VALUES_AT = LAGGING_AT + SIDE;
export const KPI_BOARD_WIDTH = VALUES_AT + 2 * KPI_TREND_POINTS;

/** A 1-based column's letters (A, Z, AA). */
function columnLetters(column: number): string {
  let letters = "";
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

function label(kpi: KpiBoardEntry, noKind: string): string {
  const unit = kpi.unit && kpi.unit !== "%" ? ` (${kpi.unit})` : "";
  return `${kpi.id} – ${kpi.title}${unit}${kpi.kind === null ? ` ${noKind}` : ""}`;
}

/**
 * The board's rows (a blank line, heading, header, one row per pair), KPI_BOARD_WIDTH wide, for a block whose
 * first row is sheet row `firstRow`; none when the cycle has no KPIs.
 */
export function kpiBoardRows(board: KpiBoard, language: Language, firstRow: number): Cell[][] {
  if (board.kpis.length === 0) return [];
  const leading = valueLabel("kpiKind", "leading", language);
  const lagging = valueLabel("kpiKind", "lagging", language);
  const side = (kind: string) => [
    kind,
    headerLabel("current", language),
    headerLabel("target", language),
    TERMS[language].health,
    word(language, "kpiTrend"),
  ];
  const header: Cell[] = [
    headerLabel("team", language),
    valueLabel("type", "objective", language),
    ...side(leading),
    ...side(lagging),
  ];
  header[VALUES_AT] = word(language, "kpiValues", { kind: leading });
  header[VALUES_AT + KPI_TREND_POINTS] = word(language, "kpiValues", { kind: lagging });
  const rows: Cell[][] = [[], [TERMS[language].kpis], header];
  const noKind = word(language, "kpiNoKind");

  // Groups in the board's order (team, then objective): the API sends them sorted (shared/kpi-board.ts).
  const groups = new Map<string, KpiBoardEntry[]>();
  for (const kpi of board.kpis) {
    const key = `${kpi.team}\u0000${kpi.objectiveId}`;
    const group = groups.get(key);
    if (group) group.push(kpi);
    else groups.set(key, [kpi]);
  }
  const place = (row: Cell[], at: number, valuesAt: number, kpi: KpiBoardEntry | undefined) => {
    if (!kpi) return;
    row[at] = plainText(label(kpi, noKind)) as Cell;
    row[at + 1] = kpi.current ?? "";
    row[at + 2] = kpi.target ?? "";
    row[at + 3] = kpi.health ? KPI_HEALTH_LABELS[language][kpi.health] : "";
    const values = kpi.trend.slice(-KPI_TREND_POINTS);
    values.forEach((value, i) => {
      row[valuesAt + i] = value;
    });
    // Exactly the cells that hold values: an empty cell would be drawn as a point (SPARKLINE's "empty" option).
    if (values.length >= 2) {
      const sheetRow = firstRow + rows.length;
      const from = `${columnLetters(valuesAt + 1)}${sheetRow}`;
      const to = `${columnLetters(valuesAt + values.length)}${sheetRow}`;
      row[at + 4] = `=SPARKLINE(${from}:${to})`;
    }
  };
  for (const group of groups.values()) {
    const first = group[0]!;
    for (const { leading, lagging } of kpiPairs(group)) {
      const row: Cell[] = [plainText(first.team) as Cell, plainText(first.objectiveTitle) as Cell];
      place(row, LEADING_AT, VALUES_AT, leading);
      place(row, LAGGING_AT, VALUES_AT + KPI_TREND_POINTS, lagging);
      rows.push(row);
    }
  }
  return rows.map((row) => Array.from({ length: KPI_BOARD_WIDTH }, (_, i) => row[i] ?? ""));
}
