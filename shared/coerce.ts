// Turning what a cell holds (numbers, text typed by people in three locales, dates, booleans, formula errors)
// into typed values, or a reason a person can act on.
import { isoFromDayNumber, SHEET_EPOCH_OFFSET } from "./cycle.js";

export type Coerced<T> = { ok: true; value: T } | { ok: false; reason: string };

const ok = <T>(value: T): Coerced<T> => ({ ok: true, value });
const fail = <T>(reason: string): Coerced<T> => ({ ok: false, reason });

const FORMULA_ERRORS = new Set([
  "#REF!",
  "#N/A",
  "#VALUE!",
  "#DIV/0!",
  "#NAME?",
  "#NUM!",
  "#NULL!",
  "#ERROR!",
  "#SPILL!",
  "#CYCLE!",
]);

export function isFormulaError(cell: unknown): boolean {
  return typeof cell === "string" && FORMULA_ERRORS.has(cell.trim().toUpperCase());
}

export function isBlank(cell: unknown): boolean {
  return cell === null || cell === undefined || (typeof cell === "string" && cell.trim() === "");
}

function isDate(cell: unknown): cell is Date {
  return cell instanceof Date || Object.prototype.toString.call(cell) === "[object Date]";
}

/** Text of a cell as a person sees it; dates as ISO. */
export function toText(cell: unknown): string {
  if (isBlank(cell)) return "";
  if (typeof cell === "string") return cell.trim();
  if (typeof cell === "number" || typeof cell === "boolean") return String(cell);
  if (isDate(cell)) return Number.isNaN(cell.getTime()) ? "" : localIso(cell);
  return String(cell).trim();
}

function localIso(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Digits with one kind of thousands separator and an optional decimal separator, in any locale. */
function parseLocaleNumber(core: string): number | null {
  let text = core.replace(/[\s\u00a0\u202f']/g, "");
  const sign = text.startsWith("-") || text.startsWith("\u2212") ? -1 : 1;
  text = text.replace(/^[-+\u2212]/, "");
  if (!/^[\d.,]+$/.test(text) || !/\d/.test(text)) return null;
  const lastDot = text.lastIndexOf(".");
  const lastComma = text.lastIndexOf(",");
  let normalized: string;
  if (lastDot >= 0 && lastComma >= 0) {
    const decimal = lastDot > lastComma ? "." : ",";
    const thousands = decimal === "." ? "," : ".";
    const [whole, fraction = ""] = text.split(decimal);
    if (text.split(decimal).length > 2 || fraction.includes(thousands)) return null;
    normalized = `${whole!.split(thousands).join("")}.${fraction}`;
  } else if (lastComma >= 0 || lastDot >= 0) {
    const separator = lastComma >= 0 ? "," : ".";
    const parts = text.split(separator);
    // One separator followed by exactly three digits reads as thousands ("1,234"); several are thousands too.
    const thousands =
      parts.length > 2 ||
      (parts.length === 2 && parts[1]!.length === 3 && parts[0]!.length > 0 && parts[0] !== "0");
    if (thousands) {
      if (parts.slice(1).some((part) => part.length !== 3)) return null;
      normalized = parts.join("");
    } else normalized = `${parts[0]}.${parts[1]}`;
  } else normalized = text;
  if (normalized.startsWith(".")) normalized = `0${normalized}`;
  const value = Number(normalized);
  return Number.isFinite(value) ? sign * value : null;
}

const UNIT_AFFIX = /^[\p{L}$€£¥%\s.]{0,8}$/u;

/** A number from a number, a boolean, or text such as "1 234,5", "1,234.5", "45%", "12 kr", "$1,200". */
export function toNumber(cell: unknown): Coerced<number | null> {
  if (isBlank(cell)) return ok(null);
  if (typeof cell === "number") return Number.isFinite(cell) ? ok(cell) : fail("is not a finite number");
  if (typeof cell === "boolean") return ok(cell ? 1 : 0);
  if (isFormulaError(cell)) return fail(`shows the formula error ${String(cell).trim()}`);
  if (typeof cell !== "string") return fail("is not a number");
  const text = cell.trim();
  const match = /^(.*?)([-+\u2212]?\s*[.,]?\d[\d\s\u00a0\u202f'.,]*)(.*)$/su.exec(text);
  if (!match) return fail("is not a number");
  const [, prefix = "", core = "", suffix = ""] = match;
  if (!UNIT_AFFIX.test(prefix) || !UNIT_AFFIX.test(suffix)) return fail("is not a number");
  const value = parseLocaleNumber(core.trim());
  if (value === null) return fail("is not a number");
  const percent = suffix.trim().startsWith("%") || prefix.trim().endsWith("%");
  return ok(percent ? value / 100 : value);
}

/**
 * The words that mean done / not done for a binary key result, in en/sv/nb: the one list. The parser reads them
 * (toBinary), the settings sheet holds them for the sheet's formulas (formulas.ts), and the check-in dialog, the
 * API's check-ins and the custom functions go through toBinary too. Lower case; matched trimmed, with runs of
 * spaces as one and ignoring case, as the sheet's TRIM and = compare them.
 */
export const YES_WORDS = [
  "yes",
  "y",
  "done",
  "true",
  "ja",
  "j",
  "klar",
  "klart",
  "ferdig",
  "x",
  "✓",
  "✔",
] as const;
export const NO_WORDS = [
  "no",
  "n",
  "not done",
  "false",
  "nej",
  "nei",
  "ej klar",
  "ikke ferdig",
  "-",
] as const;
const YES: ReadonlySet<string> = new Set(YES_WORDS);
const NO: ReadonlySet<string> = new Set(NO_WORDS);

/** A word as the sheet's formulas compare it: TRIM (ends, and runs of spaces as one), any case. */
export function wordKey(text: string): string {
  return text.trim().replace(/ {2,}/g, " ").toLowerCase();
}

/** 1 for a yes word, 0 for a no word, null for any other text. */
export function binaryWord(text: string): 0 | 1 | null {
  const word = wordKey(text);
  return YES.has(word) ? 1 : NO.has(word) ? 0 : null;
}

/** A binary value: numbers, booleans, or yes/no words in en/sv/nb. */
export function toBinary(cell: unknown): Coerced<number | null> {
  if (typeof cell === "string") {
    const word = binaryWord(cell);
    if (word !== null) return ok(word);
  }
  const number = toNumber(cell);
  if (!number.ok) return fail("is not yes/no, done, or a number");
  return number;
}

/**
 * A confidence as 0..1, the one rule for its scales (the parser, the check-in dialog and the API): 0.7 or 70% as
 * they are; above 1 up to 10 a 1-10 scale (7 is 0.7); above 10 up to 100 percent points (70 is 0.7).
 */
export function toFraction(cell: unknown): Coerced<number | null> {
  const number = toNumber(cell);
  if (!number.ok || number.value === null) return number;
  const value = number.value;
  if (value < 0 || value > 100) return fail("is not a confidence between 0 and 1 (or 0% and 100%)");
  if (value <= 1) return ok(value);
  if (value <= 10) return ok(value / 10);
  return ok(value / 100);
}

/** What a percent key result's value is read against: its own start and target (fractions, 45 % = 0.45). */
export interface PercentScale {
  start: number | null;
  target: number | null;
}

/**
 * A value for a percent key result, whose values are fractions everywhere (sheet, engine, API, dashboard: 45 % is
 * 0.45, as a cell formatted as percent holds it). "45 %" is 0.45 and so is 0.45; a bare number above 1 is read as
 * percent points when that puts it nearer the key result's own range, from start to target, than reading it as a
 * fraction does (65 on a key result from 80 % to 90 % is 65 %; 1.08 on one from 49 % to 71 % is 108 %; on one
 * from 100 % to 150 %, 1.2 is 120 % and so is 120).
 */
export function toPercent(cell: unknown, scale: PercentScale): Coerced<number | null> {
  const number = toNumber(cell);
  if (!number.ok || number.value === null) return number;
  if (typeof cell === "string" && cell.includes("%")) return number;
  return ok(percentPoints(number.value, scale) ? number.value / 100 : number.value);
}

/**
 * A key result's value as the sheet's parser reads its Current, for whoever takes one in (the check-in dialog,
 * the API's check-ins): yes/no words or numbers for a binary key result, a fraction for a percent one (toPercent),
 * a number in any notation for the rest ("1 500", "1,500", "1500 kSEK").
 */
export function toMeasure(
  kr: { krType: string | null; start: number | null; target: number | null },
  cell: unknown,
): Coerced<number | null> {
  if (kr.krType === "binary") return toBinary(cell);
  if (kr.krType === "percent") return toPercent(cell, kr);
  return toNumber(cell);
}

/** True when a bare number on a percent key result reads as percent points (see toPercent). */
export function percentPoints(value: number, scale: PercentScale): boolean {
  if (!(Math.abs(value) > 1)) return false;
  const start = scale.start ?? 0;
  const target = scale.target ?? start;
  const low = Math.min(start, target);
  const high = Math.max(start, target);
  const width = high - low || 1;
  const distance = (x: number) => (x < low ? low - x : x > high ? x - high : 0) / width;
  return distance(value / 100) < distance(value);
}

/** A date from a Date, ISO text, or a sheet serial number. */
export function toIsoDate(cell: unknown): Coerced<string | null> {
  if (isBlank(cell)) return ok(null);
  if (isDate(cell)) return Number.isNaN(cell.getTime()) ? fail("is not a valid date") : ok(localIso(cell));
  if (typeof cell === "number" && Number.isFinite(cell))
    return ok(isoFromDayNumber(Math.floor(cell) - SHEET_EPOCH_OFFSET));
  if (typeof cell === "string") {
    const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(cell.trim());
    if (match) {
      const iso = `${match[1]}-${match[2]}-${match[3]}`;
      const check = new Date(`${iso}T00:00:00Z`);
      if (!Number.isNaN(check.getTime()) && check.toISOString().startsWith(iso)) return ok(iso);
    }
  }
  return fail("is not a date (write it as 2026-10-01)");
}
