// KPI health as finance and ops read it: a threshold (at least, at most, within a range; optionally one per
// month) and whether the KPI's current value keeps it. The threshold is written in the KPI's Target cell:
// a plain number keeps its old meaning (a target to reach, in the Start → Target direction), words say more:
//   "at least 95", "≥ 95", "minst 95"           healthy when the value is 95 or more
//   "at most 3 %", "≤ 3 %", "högst 3", "høyst 3" healthy when the value is 3 % or less
//   "90–110", "between 90 and 110", "mellan 90 och 110", "mellom 90 og 110"   both ends included
//   "jan–mar: at least 100; apr: at least 120; at least 110"   per month, the month-less one for the rest
// Pure TypeScript: the parser reads it from the sheet, the dashboard and the API judge with it.
import { toNumber } from "./coerce.js";
import type { Language, OkrRow } from "./model.js";

export type Bound =
  | { kind: "at_least"; value: number }
  | { kind: "at_most"; value: number }
  | { kind: "range"; low: number; high: number };

/** Months 1-12 to their bound; `otherwise` for months not named (null: no threshold then). */
export interface Threshold {
  months: Partial<Record<number, Bound>>;
  otherwise: Bound | null;
}

export type KpiHealth = "healthy" | "unhealthy";

export type ThresholdRead =
  | { ok: true; threshold: Threshold }
  /** `reversed`: a range whose low end is above its high end; `month_twice`: a month named in two entries. */
  | { ok: false; reason: "unreadable" | "reversed" | "month_twice" };

const AT_LEAST = ["≥", ">=", ">", "at least", "minimum", "min", "minst", "lägst"];
const AT_MOST = [
  "≤",
  "<=",
  "<",
  "at most",
  "maximum",
  "max",
  "högst",
  "høyst",
  "maks",
  "maximalt",
  "maksimalt",
];
const BETWEEN = ["between", "mellan", "mellom"];
const AND = ["and", "och", "og"];
const TO = ["–", "—", "..", "-", "to", "till", "til"];

/** Month names and their common short forms in en, sv and nb (matched without case or a trailing dot). */
const MONTH_WORDS: readonly (readonly string[])[] = [
  ["jan", "january", "januari", "januar"],
  ["feb", "february", "februari", "februar"],
  ["mar", "march", "mars"],
  ["apr", "april"],
  ["may", "maj", "mai"],
  ["jun", "june", "juni"],
  ["jul", "july", "juli"],
  ["aug", "august", "augusti"],
  ["sep", "sept", "september"],
  ["oct", "okt", "october", "oktober"],
  ["nov", "november"],
  ["dec", "des", "december", "desember"],
];

function monthOf(word: string): number | null {
  const key = word.trim().toLowerCase().replace(/\.$/, "");
  const index = MONTH_WORDS.findIndex((words) => words.includes(key));
  return index < 0 ? null : index + 1;
}

const literal = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const anyOf = (words: readonly string[]) =>
  [...words]
    .sort((a, b) => b.length - a.length)
    .map(literal)
    .join("|");
// A number as people type it (toNumber reads it: "1 200", "0,5", "45 %", "−3"); no letters, so words stay apart.
const NUMBER = String.raw`[-+\u2212]?\d[\d\s\u00a0\u202f.,']*(?:\s*%)?`;
const ONE_SIDED = new RegExp(String.raw`^(?:(${anyOf(AT_LEAST)})|(${anyOf(AT_MOST)}))\s*(${NUMBER})$`, "iu");
const RANGE = new RegExp(
  String.raw`^(?:(?:${anyOf(BETWEEN)})\s+(${NUMBER})\s+(?:${anyOf(AND)})\s+(${NUMBER})|(${NUMBER})\s*(?:${anyOf(TO)})\s*(${NUMBER}))$`,
  "iu",
);
const MONTH_SPAN = /^(\p{L}+\.?)(?:\s*(?:–|—|-|\.\.)\s*(\p{L}+\.?))?\s*:\s*(.+)$/u;

/** A number token; a bare one on a "%" KPI above 1 is percent points (as the parser reads a percent Current). */
function amount(token: string, percentUnit: boolean): number | null {
  const read = toNumber(token.trim());
  if (!read.ok || read.value === null) return null;
  return percentUnit && !token.includes("%") && Math.abs(read.value) > 1 ? read.value / 100 : read.value;
}

type BoundRead = { ok: true; bound: Bound } | { ok: false; reason: "unreadable" | "reversed" };

function readBound(text: string, percentUnit: boolean): BoundRead {
  const trimmed = text.trim().replace(/\s+/g, " ");
  const one = ONE_SIDED.exec(trimmed);
  if (one) {
    const value = amount(one[3]!, percentUnit);
    if (value === null) return { ok: false, reason: "unreadable" };
    return { ok: true, bound: { kind: one[1] ? "at_least" : "at_most", value } };
  }
  const range = RANGE.exec(trimmed);
  if (range) {
    const low = amount(range[1] ?? range[3]!, percentUnit);
    const high = amount(range[2] ?? range[4]!, percentUnit);
    if (low === null || high === null) return { ok: false, reason: "unreadable" };
    if (low > high) return { ok: false, reason: "reversed" };
    return { ok: true, bound: { kind: "range", low, high } };
  }
  return { ok: false, reason: "unreadable" };
}

/**
 * A threshold from the text of a KPI's Target cell. A plain number is no threshold (null: the Target is a
 * number as before); anything else is a threshold, or the reason it cannot be read.
 */
export function parseThreshold(text: string, options: { percentUnit?: boolean } = {}): ThresholdRead | null {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  const plain = toNumber(trimmed);
  // "minst 95" is a number to toNumber (a unit-like word before it); words of a threshold make it one.
  if (plain.ok && readBound(trimmed, false).ok === false) return null;
  const percentUnit = options.percentUnit ?? false;
  const threshold: Threshold = { months: {}, otherwise: null };
  let otherwiseSeen = false;
  for (const entry of trimmed.split(/[;\n]/)) {
    if (entry.trim() === "") continue;
    const span = MONTH_SPAN.exec(entry.trim());
    if (span) {
      const from = monthOf(span[1]!);
      const to = span[2] === undefined ? from : monthOf(span[2]);
      if (from === null || to === null) return { ok: false, reason: "unreadable" };
      const bound = readBound(span[3]!, percentUnit);
      if (!bound.ok) return bound;
      // A span may run over the new year ("nov–feb").
      for (let month = from, steps = 0; steps < 12; month = (month % 12) + 1, steps++) {
        if (threshold.months[month] !== undefined) return { ok: false, reason: "month_twice" };
        threshold.months[month] = bound.bound;
        if (month === to) break;
      }
      continue;
    }
    const bound = readBound(entry, percentUnit);
    if (!bound.ok) return bound;
    if (otherwiseSeen) return { ok: false, reason: "month_twice" };
    threshold.otherwise = bound.bound;
    otherwiseSeen = true;
  }
  if (threshold.otherwise === null && Object.keys(threshold.months).length === 0)
    return { ok: false, reason: "unreadable" };
  return { ok: true, threshold };
}

/** The one number a threshold's Target stands for (progress is measured toward it): a lone one-sided bound. */
export function thresholdTarget(threshold: Threshold): number | null {
  if (Object.keys(threshold.months).length > 0 || threshold.otherwise === null) return null;
  return threshold.otherwise.kind === "range" ? null : threshold.otherwise.value;
}

type Judged = Pick<OkrRow, "start" | "target" | "current" | "unit"> & { threshold?: string | null };

/** The bound that holds on a day (ISO yyyy-mm-dd): the month's, else the month-less one, else the Target's. */
export function boundOn(row: Judged, day: string): Bound | null {
  if (row.threshold) {
    const read = parseThreshold(row.threshold, { percentUnit: row.unit === "%" });
    if (read?.ok) {
      const month = Number(day.slice(5, 7));
      return read.threshold.months[month] ?? read.threshold.otherwise;
    }
    if (read && !read.ok) return null;
  }
  if (row.target === null) return null;
  // A plain Target: reach it going from Start (a Target below Start is a ceiling, as progress reads it).
  return row.start !== null && row.target < row.start
    ? { kind: "at_most", value: row.target }
    : { kind: "at_least", value: row.target };
}

export function keeps(bound: Bound, value: number): boolean {
  if (bound.kind === "at_least") return value >= bound.value;
  if (bound.kind === "at_most") return value <= bound.value;
  return bound.low <= value && value <= bound.high;
}

/** Healthy or unhealthy on a day; null without a value or without a threshold for that day. */
export function kpiHealth(row: Judged, day: string, value: number | null = row.current): KpiHealth | null {
  const bound = boundOn(row, day);
  if (bound === null || value === null) return null;
  return keeps(bound, value) ? "healthy" : "unhealthy";
}

const WORDS: Record<Language, { atLeast: string; atMost: string; to: string }> = {
  en: { atLeast: "at least", atMost: "at most", to: "–" },
  sv: { atLeast: "minst", atMost: "högst", to: "–" },
  nb: { atLeast: "minst", atMost: "høyst", to: "–" },
};

/** A bound in words, numbers by `format` (the dashboard's, with the KPI's unit): "at least 95 %". */
export function boundText(bound: Bound, language: Language, format: (value: number) => string): string {
  const words = WORDS[language];
  if (bound.kind === "at_least") return `${words.atLeast} ${format(bound.value)}`;
  if (bound.kind === "at_most") return `${words.atMost} ${format(bound.value)}`;
  return `${format(bound.low)}${words.to}${format(bound.high)}`;
}
