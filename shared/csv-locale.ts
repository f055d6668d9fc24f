// CSV as a spreadsheet in the reader's language opens it: a UTF-8 byte-order mark (Excel then reads å, ä, ø
// right), the locale's separators (Swedish and Norwegian Excel split on ";" and read "0,25" as a number), and
// headers and codes in the chosen language from the one vocabulary (columns.ts), plus the few CSV-only words.
import {
  type EnumKind,
  headerLabel,
  KPI_HEALTH_LABELS,
  STATUS_LABELS,
  TERMS,
  valueLabel,
} from "./columns.js";
import type { ColumnKey, Language, Status } from "./model.js";

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
  // The dashboard's word for the pace beside the owner's (words-leaders.ts ownerOverPace).
  paceStatus: { en: "Pace", sv: "Takt", nb: "Tempo" },
  keyResults: { en: "Key results", sv: "Nyckelresultat", nb: "Nøkkelresultater" },
  grade: { en: "Grade", sv: "Betyg", nb: "Karakter" },
  lastUpdate: { en: "Last update", sv: "Senaste uppdatering", nb: "Siste oppdatering" },
  group: { en: "Group", sv: "Grupp", nb: "Gruppe" },
  name: { en: "Name", sv: "Namn", nb: "Navn" },
  objectives: { en: "Objectives", sv: "Mål", nb: "Mål" },
  meanProgress: { en: "Mean progress", sv: "Genomsnittligt framsteg", nb: "Gjennomsnittlig fremdrift" },
  kind: { en: "Kind", sv: "Sort", nb: "Sort" },
  detail: { en: "Detail", sv: "Detalj", nb: "Detalj" },
  objectiveId: { en: "Objective ID", sv: "Mål-ID", nb: "Mål-ID" },
  section: { en: "Section", sv: "Avsnitt", nb: "Avsnitt" },
  from: { en: "From", sv: "Från", nb: "Fra" },
  to: { en: "To", sv: "Till", nb: "Til" },
  at: { en: "Time", sv: "Tid", nb: "Tid" },
  week: { en: "Week", sv: "Vecka", nb: "Uke" },
  by: { en: "By", sv: "Av", nb: "Av" },
  towardCurrent: { en: "Toward current", sv: "Mot nuvärdet", nb: "Mot nåverdien" },
  note: { en: "Note", sv: "Anteckning", nb: "Notat" },
  threshold: { en: "Threshold", sv: "Gräns", nb: "Grense" },
  health: { en: TERMS.en.health, sv: TERMS.sv.health, nb: TERMS.nb.health },
  objective: { en: "Objective", sv: "Mål", nb: "Mål" },
} as const satisfies Record<string, Record<Language, string>>;

/** Codes a CSV writes in cells (insight kinds, sections, health), in the chosen language. */
const CSV_CODES = {
  team: { en: "Team", sv: "Team", nb: "Team" },
  level: { en: "Level", sv: "Nivå", nb: "Nivå" },
  unsupported: { en: "Unsupported", sv: "Saknar stöd", nb: "Mangler støtte" },
  unaligned: { en: "Not aligned", sv: "Ej förankrat", nb: "Ikke forankret" },
  duplicate: { en: "Possibly the same work", sv: "Möjligen samma arbete", nb: "Muligens samme arbeid" },
  quiet: { en: "Quiet", sv: "Tyst", nb: "Stille" },
  alignment_cycle: { en: "Alignment cycle", sv: "Förankringsslinga", nb: "Forankringssløyfe" },
  unknown_alignsTo: { en: "Unknown parent", sv: "Okänt överordnat mål", nb: "Ukjent overordnet mål" },
  unknown_contributesTo: { en: "Unknown contribution", sv: "Okänt bidrag", nb: "Ukjent bidrag" },
  unknown_objective: { en: "Unknown objective", sv: "Okänt mål", nb: "Ukjent mål" },
  cross_cycle: { en: "Across cycles", sv: "Över cykler", nb: "På tvers av sykluser" },
  key_result: { en: "Key result", sv: "Nyckelresultat", nb: "Nøkkelresultat" },
  kpi: { en: "KPI", sv: "KPI", nb: "KPI" },
  change: { en: "Change", sv: "Ändring", nb: "Endring" },
  status: { en: "Status", sv: "Status", nb: "Status" },
  check_in: { en: "Check-in", sv: "Avstämning", nb: "Innsjekk" },
  healthy: {
    en: KPI_HEALTH_LABELS.en.healthy,
    sv: KPI_HEALTH_LABELS.sv.healthy,
    nb: KPI_HEALTH_LABELS.nb.healthy,
  },
  unhealthy: {
    en: KPI_HEALTH_LABELS.en.unhealthy,
    sv: KPI_HEALTH_LABELS.sv.unhealthy,
    nb: KPI_HEALTH_LABELS.nb.unhealthy,
  },
  added: { en: "Added", sv: "Tillagd", nb: "Lagt til" },
  removed: { en: "Removed", sv: "Borttagen", nb: "Fjernet" },
  dropped: { en: "Dropped", sv: "Struken", nb: "Strøket" },
  parent_moved: { en: "Parent changed", sv: "Nytt överordnat mål", nb: "Nytt overordnet mål" },
  target_moved: { en: "Target moved", sv: "Målvärdet flyttat", nb: "Målverdien flyttet" },
  start_moved: { en: "Start moved", sv: "Startvärdet flyttat", nb: "Startverdien flyttet" },
  weight_changed: { en: "Weight changed", sv: "Vikten ändrad", nb: "Vekten endret" },
  new_off_track: { en: "Newly off track", sv: "Nyss efter plan", nb: "Nylig bak planen" },
  recovered: { en: "Recovered", sv: "Återhämtad", nb: "Hentet seg inn" },
} as const satisfies Record<string, Record<Language, string>>;

/** A code in the chosen language: the vocabulary's statuses, then the CSV's own codes; else the code itself. */
export function csvCode(code: string, language: Language): string {
  if (Object.hasOwn(STATUS_LABELS[language], code)) return STATUS_LABELS[language][code as Status];
  return Object.hasOwn(CSV_CODES, code) ? CSV_CODES[code as keyof typeof CSV_CODES][language] : code;
}
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
