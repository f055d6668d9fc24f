// Custom functions =OKR_PROGRESS(start, target, current) and =OKR_STATUS(progress, cycle, [as_of], [language]): the
// same math as shared/progress.ts and cycle.ts, cell by cell over single values or 2-D ranges (broadcasting single
// values).
//
// OKR_STATUS depends on the day, but "to trigger recalculation, you must pass a referenced cell or cell range
// directly as an argument", and volatile functions such as TODAY() "are not allowed as arguments to a custom
// function" (https://developers.google.com/apps-script/guides/sheets/functions#arguments). So the day comes in
// as a cell: the settings sheet's As of cell ('OKR Settings'!$B$1, =TODAY() in the spreadsheet's time zone), and
// the status is recomputed whenever that cell's value changes, i.e. each day. Without one it uses today in the
// spreadsheet's time zone, and Sheets may keep that answer until the cell is edited.

import { toNumber } from "../shared/coerce.js";
import {
  dayNumber,
  expectedProgress,
  isoFromDayNumber,
  parseCycle,
  SHEET_EPOCH_OFFSET,
} from "../shared/cycle.js";
import { languageFromLocale } from "../shared/i18n.js";
import { LANGUAGES, type Language } from "../shared/model.js";
import { progress, statusOf } from "../shared/progress.js";
import { activeSpreadsheet } from "./context.js";
import { STATUS_LABELS } from "./words.js";

type Input = unknown;

/** The JSDoc clasp must see on each custom function's top-level stub (build.ts writes it). */
export const CUSTOM_FUNCTION_DOCS: Record<string, string> = {
  OKR_PROGRESS: [
    "Progress of a key result from start to target, 0..1 (a target below the start is a decrease).",
    "@param {number|Array<Array<number>>} start Start value(s); blank means 0.",
    "@param {number|Array<Array<number>>} target Target value(s).",
    "@param {number|Array<Array<number>>} current Current value(s); blank means no check-in yet.",
    "@return Progress 0..1, or blank when there is no target.",
    "@customfunction",
  ].join("\n"),
  OKR_STATUS: [
    "Status from progress against the time elapsed in the cycle: Not started, On track, At risk, Off track, Done.",
    "@param {number|Array<Array<number>>} progress Progress 0..1 (blank: not started).",
    "@param {string|Array<Array<string>>} cycle Cycle: 2026-Q4, 2026-H2, 2026, or 2026-10-01..2026-12-31.",
    "@param {Date} [as_of] The day to judge on: pass 'OKR Settings'!$B$1 (today), so the status follows the date.",
    "@param {string} [language] en, sv or nb; blank: the spreadsheet's locale.",
    "@return The status word.",
    "@customfunction",
  ].join("\n"),
};

function grid(value: Input): Input[][] {
  return Array.isArray(value)
    ? (value as Input[]).map((row) => (Array.isArray(row) ? row : [row]))
    : [[value]];
}

/** Applies fn cell by cell; a 1x1 argument is broadcast over the others' shape. */
function elementwise(args: Input[], fn: (...cells: Input[]) => Input): Input {
  const grids = args.map(grid);
  if (grids.every((g) => g.length === 1 && g[0]!.length === 1)) return fn(...grids.map((g) => g[0]![0]));
  const height = Math.max(...grids.map((g) => g.length));
  const width = Math.max(...grids.map((g) => g[0]?.length ?? 1));
  const at = (g: Input[][], r: number, c: number) =>
    g.length === 1 && g[0]!.length === 1 ? g[0]![0] : g[r]?.[c];
  return Array.from({ length: height }, (_, r) =>
    Array.from({ length: width }, (_, c) => fn(...grids.map((g) => at(g, r, c)))),
  );
}

/** A number as the sheet's parser reads one (shared/coerce.ts: "1 234,5", "45 %", "12 kr"), or an error saying why. */
function num(cell: Input): number | null {
  const read = toNumber(cell);
  if (!read.ok) throw new Error(`OKR: '${String(cell)}' is not a number`);
  return read.value;
}

export function okrProgress(start: Input, target: Input, current: Input): Input {
  return elementwise(
    [start, target, current],
    (s, t, c) => progress({ start: num(s), target: num(t), current: num(c), krType: null }) ?? "",
  );
}

/** The status words' language: the argument when given, else the spreadsheet's locale (readable here). */
function statusLanguage(given: Input): Language {
  const chosen = String(given ?? "")
    .trim()
    .toLowerCase();
  if (LANGUAGES.includes(chosen as Language)) return chosen as Language;
  if (chosen !== "")
    throw new Error(`OKR: language '${String(given)}' is not one of ${LANGUAGES.join(", ")}`);
  try {
    return languageFromLocale(activeSpreadsheet().getSpreadsheetLocale());
  } catch {
    return "en";
  }
}

function spreadsheetTimeZone(): string {
  try {
    return activeSpreadsheet().getSpreadsheetTimeZone();
  } catch {
    return "UTC";
  }
}

/**
 * The day an as-of argument names: a date cell arrives as a Date (the cell's midnight in the spreadsheet's time
 * zone), a serial as a number, or text yyyy-mm-dd.
 */
function asOfDay(value: Input, timeZone: string): string | null {
  if (value instanceof Date || Object.prototype.toString.call(value) === "[object Date]")
    return Utilities.formatDate(value as Date, timeZone, "yyyy-MM-dd");
  if (typeof value === "number" && Number.isFinite(value))
    return isoFromDayNumber(Math.floor(value) - SHEET_EPOCH_OFFSET);
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value.trim())) {
    dayNumber(value.trim());
    return value.trim();
  }
  return null;
}

/** OKR_STATUS(progress, cycle, [as_of], [language]); the two optional ones may come in either order. */
export function okrStatus(progressValue: Input, cycle: Input, ...optional: Input[]): Input {
  const timeZone = spreadsheetTimeZone();
  let asOf: string | null = null;
  let language: Input = "";
  for (const argument of optional) {
    const single = Array.isArray(argument) ? (argument as Input[][])[0]?.[0] : argument;
    if (single === "" || single === null || single === undefined) continue;
    const day = asOfDay(single, timeZone);
    if (day) asOf = day;
    else language = single;
  }
  asOf ??= Utilities.formatDate(new Date(), timeZone, "yyyy-MM-dd");
  const labels = STATUS_LABELS[statusLanguage(language)];
  return elementwise([progressValue, cycle], (p, label) => {
    const value = num(p);
    const window = parseCycle(String(label ?? ""));
    const expected = window ? expectedProgress(window, asOf) : null;
    return labels[statusOf(value, expected, value !== null)];
  });
}
