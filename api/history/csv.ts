// "Since last review" as CSV: one line per change, status change, check-in and quiet key result; machine-named
// columns and codes, or a reader's words and separators (api/lib/csv.ts), cells formula-safe either way.
import type { SinceReview } from "../../shared/since-review.js";
import { type CsvField, type CsvFormat, csvCodeOf, csvHeaderOf, MACHINE_CSV, toCsv } from "../lib/csv.js";

const SINCE_REVIEW_FIELDS: readonly CsvField[] = [
  ["section", { word: "section" }],
  ["kind", { word: "kind" }],
  ["id", { column: "id" }],
  ["title", { column: "title" }],
  ["team", { column: "team" }],
  ["sheet_id", { word: "sheet" }],
  ["from", { word: "from" }],
  ["to", { word: "to" }],
  ["at", { word: "at" }],
  ["week", { word: "week" }],
  ["by", { word: "by" }],
  ["toward_current", { word: "towardCurrent" }],
  ["note", { word: "note" }],
];

export const SINCE_REVIEW_CSV_HEADER = SINCE_REVIEW_FIELDS.map(([name]) => name);

export function sinceReviewCsv(report: SinceReview, format: CsvFormat = MACHINE_CSV): string {
  const code = (value: string) => csvCodeOf(value, format);
  const lines: (string | number | null)[][] = [];
  for (const change of report.changes)
    lines.push([
      code("change"),
      code(change.kind),
      change.id,
      change.title,
      change.team,
      change.sheetId,
      change.from,
      change.to,
      change.at,
      change.week,
      change.by,
      change.kind === "target_moved" ? String(change.towardCurrent) : null,
      null,
    ]);
  for (const status of report.statusChanges)
    lines.push([
      code("status"),
      code(status.kind),
      status.id,
      status.title,
      status.team,
      status.sheetId,
      status.from,
      status.to,
      null,
      null,
      null,
      null,
      null,
    ]);
  for (const checkIn of report.checkIns)
    lines.push([
      code("check_in"),
      code("check_in"),
      checkIn.krId,
      checkIn.title,
      checkIn.team,
      null,
      null,
      checkIn.value,
      checkIn.at,
      null,
      checkIn.author,
      null,
      checkIn.note,
    ]);
  for (const kr of report.quiet)
    lines.push([
      code("quiet"),
      code("quiet"),
      kr.id,
      kr.title,
      kr.team,
      kr.sheetId,
      null,
      null,
      kr.lastCheckInAt,
      null,
      null,
      null,
      null,
    ]);
  return toCsv(csvHeaderOf(SINCE_REVIEW_FIELDS, format), lines, format);
}
