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

const YES = new Set(["yes", "y", "done", "true", "ja", "j", "klar", "klart", "ferdig", "x", "✓", "✔"]);
const NO = new Set(["no", "n", "not done", "false", "nej", "nei", "ej klar", "ikke ferdig", "-"]);

/** A binary value: numbers, booleans, or yes/no words in en/sv/nb. */
export function toBinary(cell: unknown): Coerced<number | null> {
  if (typeof cell === "string") {
    const word = cell.trim().toLowerCase();
    if (YES.has(word)) return ok(1);
    if (NO.has(word)) return ok(0);
  }
  const number = toNumber(cell);
  if (!number.ok) return fail("is not yes/no, done, or a number");
  return number;
}

/** A confidence as 0..1: 0.7, "70%", or 7 on a 1-10 scale. */
export function toFraction(cell: unknown): Coerced<number | null> {
  const number = toNumber(cell);
  if (!number.ok || number.value === null) return number;
  const value = number.value;
  if (value < 0 || value > 100) return fail("is not a confidence between 0 and 1 (or 0% and 100%)");
  if (value <= 1) return ok(value);
  if (value <= 10) return ok(value / 10);
  return ok(value / 100);
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
