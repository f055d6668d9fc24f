// CSV for spreadsheets used by finance/ops: RFC 4180 quoting, and cells that a spreadsheet would run as a
// formula (= + - @, tab, CR) prefixed with a quote (CSV injection). Every file starts with a UTF-8 byte-order
// mark (Excel reads å, ä, ø right). Two forms: machine (column and code names, "," and a decimal point, for
// scripts) and a reader's (headers and codes in their language, ";" and a decimal comma for sv and nb);
// shared/csv-locale.ts writes both.

import type { Context } from "hono";
import {
  type CsvColumn,
  type CsvLocale,
  csvCode,
  csvHeader,
  csvLocale,
  csvWord,
  localCsv,
} from "../../shared/csv-locale.js";
import type { Language, Rollup, RollupNode } from "../../shared/model.js";

/** A CSV download's file name: letters, digits, dots, dashes and underscores; anything else becomes "_". */
export function csvFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, "_");
}

/** A CSV body as a download named `name` (made safe by csvFileName). */
export function csvDownload(c: Context, name: string, body: string): Response {
  c.header("Content-Disposition", `attachment; filename="${csvFileName(name)}"`);
  return c.body(body, 200, { "Content-Type": "text/csv; charset=utf-8" });
}

/** How a CSV is written: `human` false is the machine form (names and codes), in `locale` either way. */
export interface CsvFormat {
  locale: CsvLocale;
  human: boolean;
}

export const MACHINE_CSV: CsvFormat = { locale: csvLocale("en", ","), human: false };

/** The reader's form in `language`, with its separator unless another is asked. */
export function readerCsv(language: Language, separator?: "," | ";"): CsvFormat {
  return { locale: csvLocale(language, separator), human: true };
}

/** ?language= (and ?separator=) asked: the reader's form; nothing asked: the machine form. */
export function csvFormatOf(language: Language | undefined, separator: "," | ";" | undefined): CsvFormat {
  return language ? readerCsv(language, separator) : MACHINE_CSV;
}

/** A column: its machine name and what a reader's header says. */
export type CsvField = readonly [name: string, column: CsvColumn];

export function csvHeaderOf(fields: readonly CsvField[], format: CsvFormat): string[] {
  return format.human
    ? csvHeader(
        fields.map(([, column]) => column),
        format.locale.language,
      )
    : fields.map(([name]) => name);
}

/** A code cell (status, level, insight kind, ...): the code, or its word in the reader's language. */
export function csvCodeOf(code: string | null, format: CsvFormat): string | null {
  return code === null || !format.human ? code : csvCode(code, format.locale.language);
}

export function csvCell(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(
  header: readonly string[],
  rows: readonly (readonly (string | number | null)[])[],
  format: CsvFormat = MACHINE_CSV,
): string {
  return localCsv(header, rows, format.locale);
}

const round = (value: number | null) => (value === null ? null : Math.round(value * 10_000) / 10_000);

export const ROLLUP_CSV_FIELDS: readonly CsvField[] = [
  ["cycle", { column: "cycle" }],
  ["id", { column: "id" }],
  ["parent_id", { word: "parent" }],
  ["depth", { word: "depth" }],
  ["title", { column: "title" }],
  ["team", { column: "team" }],
  ["owner", { column: "owner" }],
  ["level", { column: "level" }],
  ["sheet_id", { word: "sheet" }],
  ["progress", { column: "progress" }],
  ["aligned_progress", { word: "alignedProgress" }],
  ["expected", { column: "expected" }],
  ["status", { column: "status" }],
  ["pace_status", { word: "paceStatus" }],
  ["key_results", { word: "keyResults" }],
];

export const ROLLUP_CSV_HEADER = ROLLUP_CSV_FIELDS.map(([name]) => name);

/** One line per objective, depth-first through the alignment tree. */
export function rollupCsv(rollup: Rollup, format: CsvFormat = MACHINE_CSV): string {
  const lines: (string | number | null)[][] = [];
  const visit = (node: RollupNode, parent: string | null, depth: number) => {
    lines.push([
      rollup.cycle,
      node.id,
      parent,
      depth,
      node.title,
      node.team,
      node.owner,
      levelWord(node.level, format),
      node.sheetId,
      round(node.progress),
      round(node.alignedProgress),
      round(node.expected),
      csvCodeOf(node.status, format),
      // Status is the owner's word where set; the pace beside it, so neither is lost.
      csvCodeOf(node.paceStatus, format),
      node.keyResultCount,
    ]);
    for (const child of node.children) visit(child, node.id, depth + 1);
  };
  for (const root of rollup.roots) visit(root, null, 0);
  return toCsv(csvHeaderOf(ROLLUP_CSV_FIELDS, format), lines, format);
}

/** A level in the reader's words (the vocabulary's). */
export function levelWord(level: string | null, format: CsvFormat): string | null {
  return format.human ? csvWord("level", level, format.locale.language) : level;
}
