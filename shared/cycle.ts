// Cycles: a label such as "2026-Q4" resolved to its dates, and the expected progress by time elapsed.
// Dates are whole days (ISO yyyy-mm-dd) so the engine and the sheet's TODAY() agree exactly.
import type { CycleWindow } from "./model.js";

const MS_PER_DAY = 86_400_000;
/** Sheets' serial day number of 1970-01-01 (serial 0 is 1899-12-30). */
export const SHEET_EPOCH_OFFSET = 25_569;

export function dayNumber(isoDate: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(isoDate);
  if (!match) throw new Error(`Not an ISO date: ${isoDate}`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / MS_PER_DAY;
}

/** Resolved labels (a sheet has a handful, each on thousands of rows); emptied when it grows past this. */
const CYCLE_CACHE_SIZE = 1_024;
const resolvedCycles = new Map<string, CycleWindow | null>();

export function isoFromDayNumber(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** A date's serial number as Google Sheets stores it. */
export function sheetSerial(isoDate: string): number {
  return dayNumber(isoDate) + SHEET_EPOCH_OFFSET;
}

/** True for a real calendar date written yyyy-mm-dd (2026-02-28 yes; 2026-02-30 and 9999-99-99 no). */
export function isValidIso(iso: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return false;
  return isoFromDayNumber(dayNumber(iso)) === iso;
}

function window(label: string, year: number, firstMonth: number, months: number): CycleWindow {
  const start = Date.UTC(year, firstMonth - 1, 1) / MS_PER_DAY;
  const nextStart = Date.UTC(year, firstMonth - 1 + months, 1) / MS_PER_DAY;
  return { label, start: isoFromDayNumber(start), end: isoFromDayNumber(nextStart - 1) };
}

/** The quarter a day falls in: "2026-Q4" for 2026-11-22. */
export function quarterOf(isoDate: string): string {
  const [year, month] = isoDate.split("-").map(Number) as [number, number];
  return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
}

/**
 * Resolve a cycle label to its dates. Accepts "2026-Q4", "Q4 2026", "2026 K4" (kvartal),
 * "2026-H2", "H2 2026", "2026", and explicit ranges "2026-10-01..2026-12-31" (also "/" or " - ").
 * Returns null for anything else.
 */
export function parseCycle(label: string): CycleWindow | null {
  let window = resolvedCycles.get(label);
  if (window === undefined) {
    if (resolvedCycles.size >= CYCLE_CACHE_SIZE) resolvedCycles.clear();
    window = resolveCycle(label);
    if (window) Object.freeze(window); // shared by every caller asking for this label
    resolvedCycles.set(label, window);
  }
  return window;
}

function resolveCycle(label: string): CycleWindow | null {
  const text = label.trim().toUpperCase().replace(/\s+/g, " ");
  if (text === "") return null;

  const range = /^(\d{4}-\d{2}-\d{2})\s*(?:\.\.|\/|–| - | TO | TILL | TIL )\s*(\d{4}-\d{2}-\d{2})$/.exec(
    text,
  );
  if (range) {
    const [, start, end] = range as unknown as [string, string, string];
    if (!isValidIso(start) || !isValidIso(end) || dayNumber(end) < dayNumber(start)) return null;
    return { label: label.trim(), start, end };
  }

  const year = /^(\d{4})$/.exec(text);
  if (year) return window(label.trim(), Number(year[1]), 1, 12);

  const quarter = /^(?:(\d{4})[- ]?[QK]([1-4])|[QK]([1-4])[- ]?(\d{4}))$/.exec(text);
  if (quarter) {
    const y = Number(quarter[1] ?? quarter[4]);
    const q = Number(quarter[2] ?? quarter[3]);
    return window(label.trim(), y, (q - 1) * 3 + 1, 3);
  }

  const half = /^(?:(\d{4})[- ]?H([12])|H([12])[- ]?(\d{4}))$/.exec(text);
  if (half) {
    const y = Number(half[1] ?? half[4]);
    const h = Number(half[2] ?? half[3]);
    return window(label.trim(), y, (h - 1) * 6 + 1, 6);
  }
  return null;
}

/**
 * Fraction of the cycle elapsed on `asOf`: 0 on its first day, rising by 1/length each day,
 * 1 after its last day. Same as the sheet formula MIN(1, MAX(0, (TODAY()-start)/(end+1-start))).
 */
export function expectedProgress(cycle: CycleWindow, asOf: string): number {
  const start = dayNumber(cycle.start);
  const length = dayNumber(cycle.end) + 1 - start;
  const elapsed = (dayNumber(asOf) - start) / length;
  return Math.min(1, Math.max(0, elapsed));
}
