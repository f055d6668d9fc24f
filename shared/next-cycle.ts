// Start next cycle: the cycle after a cycle (2026-Q3 → 2026-Q4, 2026-Q4 → 2027-Q1, 2026-H1 → 2026-H2,
// 2026 → 2027, a date window → the window of the same length right after it), and the rows a carried-over
// objective gets there: new IDs, the same key results with fresh values (no value, no confidence, no owner's
// word; check-ins stay with the old rows), the same alignment. The old rows are not touched: they stay the old
// cycle's record.
import { dayNumber, isoFromDayNumber, parseCycle } from "./cycle.js";
import { newId } from "./ids.js";
import type { CycleWindow, OkrRow } from "./model.js";

/**
 * The label of the cycle after `label`, written the way it was written ("Q4 2026" → "Q1 2027", "2026 K4" →
 * "2027 K1"); null for a label that names no cycle.
 */
export function nextCycleLabel(label: string): string | null {
  const text = label.trim();
  const year = /^(\d{4})$/.exec(text);
  if (year) return String(Number(year[1]) + 1);
  // Year first ("2026-Q4", "2026 K4", "2026q4") or period first ("Q4 2026", "K4-2026").
  const yearFirst = /^(\d{4})([- ]?)([QqKkHh])([1-4])$/.exec(text);
  const periodFirst = /^([QqKkHh])([1-4])([- ]?)(\d{4})$/.exec(text);
  const parts = yearFirst
    ? { y: Number(yearFirst[1]), letter: yearFirst[3]!, n: Number(yearFirst[4]), sep: yearFirst[2]! }
    : periodFirst
      ? {
          y: Number(periodFirst[4]),
          letter: periodFirst[1]!,
          n: Number(periodFirst[2]),
          sep: periodFirst[3]!,
        }
      : null;
  if (parts) {
    const count = /h/i.test(parts.letter) ? 2 : 4;
    if (parts.n > count) return null;
    const wraps = parts.n === count;
    const y = wraps ? parts.y + 1 : parts.y;
    const n = wraps ? 1 : parts.n + 1;
    return yearFirst ? `${y}${parts.sep}${parts.letter}${n}` : `${parts.letter}${n}${parts.sep}${y}`;
  }
  const window = parseCycle(text);
  if (!window) return null;
  const separator = /\.\.|\/|–| - | to | till | til /i.exec(text)?.[0] ?? "..";
  const next = nextCycleWindow(window);
  return `${next.start}${separator}${next.end}`;
}

/**
 * The window right after `window`: whole months when it spans whole months (a fiscal quarter from 1 Feb to
 * 30 Apr is followed by 1 May to 31 Jul), else the same number of days.
 */
export function nextCycleWindow(window: CycleWindow, label = ""): CycleWindow {
  const start = dayNumber(window.start);
  const end = dayNumber(window.end);
  const [startYear, startMonth, startDay] = window.start.split("-").map(Number) as [number, number, number];
  const [endYear, endMonth] = window.end.split("-").map(Number) as [number, number];
  const lastOfMonth = isoFromDayNumber(end + 1).endsWith("-01");
  if (startDay === 1 && lastOfMonth) {
    const months = (endYear - startYear) * 12 + endMonth - startMonth + 1;
    const first = Date.UTC(endYear, endMonth, 1) / 86_400_000;
    const afterLast = Date.UTC(endYear, endMonth + months, 1) / 86_400_000;
    return { label, start: isoFromDayNumber(first), end: isoFromDayNumber(afterLast - 1) };
  }
  const length = end - start + 1;
  return { label, start: isoFromDayNumber(end + 1), end: isoFromDayNumber(end + length) };
}

export interface CarryOver {
  /** The new rows, in sheet order: each objective, then its key results. */
  rows: OkrRow[];
  /** Old objective ID → new objective ID. */
  objectives: Map<string, string>;
}

/**
 * The rows `objectiveIds` get in cycle `next`: each objective and its key results, copied with new IDs (not in
 * `taken`, which gains them), the key results' values reset to their start (no Current, no confidence: nothing
 * checked in yet), alignment and contributions kept. KPIs stay where they are: a KPI is measured across cycles,
 * and its history belongs to its ID. `row` numbers count on from `firstRow`.
 */
export function carryOver(
  rows: readonly OkrRow[],
  objectiveIds: readonly string[],
  next: string,
  taken: Set<string>,
  firstRow: number,
  random: () => number = Math.random,
): CarryOver {
  const chosen = new Set(objectiveIds);
  const objectives = new Map<string, string>();
  const out: OkrRow[] = [];
  for (const row of rows) if (row.id) taken.add(row.id);
  for (const objective of rows) {
    if (objective.type !== "objective" || !chosen.has(objective.id) || objectives.has(objective.id)) continue;
    const id = newId("objective", taken, random);
    objectives.set(objective.id, id);
    out.push({ ...objective, id, cycle: next, current: null, confidence: null, row: 0 });
    for (const kr of rows) {
      if (kr.type !== "key_result" || kr.objectiveId !== objective.id) continue;
      out.push({
        ...kr,
        id: newId("key_result", taken, random),
        objectiveId: id,
        cycle: next,
        current: null,
        confidence: null,
        contributesTo: [...kr.contributesTo],
        row: 0,
      });
    }
  }
  out.forEach((row, i) => {
    row.row = firstRow + i;
  });
  return { rows: out, objectives };
}

/** A tab's name for the next cycle: the old label replaced in it ("Support 2026-Q3" → "Support 2026-Q4"). */
export function nextTabName(tab: string, cycle: string, next: string): string {
  return cycle !== "" && tab.includes(cycle) ? tab.split(cycle).join(next) : next;
}
