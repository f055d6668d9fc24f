// "Since last review" as CSV: one line per change, status change, check-in and quiet key result, machine-named
// columns (as the other CSVs), cells formula-safe through api/lib/csv.ts.
import type { SinceReview } from "../../shared/since-review.js";
import { toCsv } from "../lib/csv.js";

export const SINCE_REVIEW_CSV_HEADER = [
  "section",
  "kind",
  "id",
  "title",
  "team",
  "sheet_id",
  "from",
  "to",
  "at",
  "week",
  "by",
  "toward_current",
  "note",
] as const;

export function sinceReviewCsv(report: SinceReview): string {
  const lines: (string | number | null)[][] = [];
  for (const change of report.changes)
    lines.push([
      "change",
      change.kind,
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
      "status",
      status.kind,
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
      "check_in",
      "check_in",
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
      "quiet",
      "quiet",
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
  return toCsv(SINCE_REVIEW_CSV_HEADER, lines);
}
