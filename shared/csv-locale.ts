// CSV as a spreadsheet in the reader's language opens it: a UTF-8 byte-order mark (Excel then reads å, ä, ø
// right), the locale's separators (Swedish and Norwegian Excel split on ";" and read "0,25" as a number), and
// headers and codes in the chosen language from the one vocabulary (columns.ts), plus the few CSV-only words.
import { type EnumKind, headerLabel, valueLabel } from "./columns.js";
import type { ColumnKey, Language } from "./model.js";

export interface CsvLocale {
  language: Language;
  /** "," with a decimal point (en), ";" with a decimal comma (sv, nb). */
  separator: "," | ";";
}

export function csvLocale(language: Language, separator?: "," | ";"): CsvLocale {
  return { language, separator: separator ?? (language === "en" ? "," : ";") };
}

/** Column names that are no sheet column: said here, in all three languages. */
const CSV_WORDS = {
  parent: { en: "Parent ID", sv: "Överordnat ID", nb: "Overordnet ID" },
  depth: { en: "Depth", sv: "Nivådjup", nb: "Nivådybde" },
  sheet: { en: "Sheet", sv: "Blad", nb: "Ark" },
  alignedProgress: { en: "Aligned progress", sv: "Förankrad framdrift", nb: "Forankret fremdrift" },
  keyResults: { en: "Key results", sv: "Nyckelresultat", nb: "Nøkkelresultater" },
  grade: { en: "Grade", sv: "Betyg", nb: "Karakter" },
  lastUpdate: { en: "Last update", sv: "Senaste uppdatering", nb: "Siste oppdatering" },
} as const satisfies Record<string, Record<Language, string>>;
export type CsvWord = keyof typeof CSV_WORDS;

export type CsvColumn = { column: ColumnKey } | { word: CsvWord };

export function csvHeader(columns: readonly CsvColumn[], language: Language): string[] {
  return columns.map((entry) =>
    "column" in entry ? headerLabel(entry.column, language) : CSV_WORDS[entry.word][language],
  );
}

/** A code (status, level, type, KPI kind) in the chosen language. */
export function csvWord(kind: EnumKind, value: string | null, language: Language): string | null {
  return value === null ? null : valueLabel(kind, value, language);
}

/** One cell: RFC 4180 quoting for the separator, formula-like text made inert, numbers in the locale. */
export function localCsvCell(value: string | number | null, locale: CsvLocale): string {
  if (value === null) return "";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return "";
    return locale.separator === ";" ? String(value).replace(".", ",") : String(value);
  }
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  const needsQuotes = safe.includes(locale.separator) || /["\r\n]/.test(safe);
  return needsQuotes ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The whole file: BOM, header, CRLF lines. */
export function localCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | null)[])[],
  locale: CsvLocale,
): string {
  const line = (row: readonly (string | number | null)[]) =>
    row.map((cell) => localCsvCell(cell, locale)).join(locale.separator);
  return `\uFEFF${[header, ...rows].map(line).join("\r\n")}\r\n`;
}

export { STATUS_LABELS as CSV_STATUS_WORDS } from "./sheet-setup.js";
