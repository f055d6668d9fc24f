// CSV for spreadsheets used by finance/ops: RFC 4180 quoting, and cells that a spreadsheet would
// run as a formula (= + - @, tab, CR) prefixed with a quote (CSV injection).
import type { Context } from "hono";
import type { Rollup, RollupNode } from "../../shared/model.js";

/** A CSV download's file name: letters, digits, dots, dashes and underscores; anything else becomes "_". */
export function csvFileName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, "_");
}

/** A CSV body as a download named `name` (made safe by csvFileName). */
export function csvDownload(c: Context, name: string, body: string): Response {
  c.header("Content-Disposition", `attachment; filename="${csvFileName(name)}"`);
  return c.body(body, 200, { "Content-Type": "text/csv; charset=utf-8" });
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
): string {
  return `${[header, ...rows].map((row) => row.map(csvCell).join(",")).join("\r\n")}\r\n`;
}

const round = (value: number | null) => (value === null ? null : Math.round(value * 10_000) / 10_000);

export const ROLLUP_CSV_HEADER = [
  "cycle",
  "id",
  "parent_id",
  "depth",
  "title",
  "team",
  "owner",
  "level",
  "sheet_id",
  "progress",
  "aligned_progress",
  "expected",
  "status",
  "key_results",
] as const;

/** One line per objective, depth-first through the alignment tree. */
export function rollupCsv(rollup: Rollup): string {
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
      node.level,
      node.sheetId,
      round(node.progress),
      round(node.alignedProgress),
      round(node.expected),
      node.status,
      node.keyResultCount,
    ]);
    for (const child of node.children) visit(child, node.id, depth + 1);
  };
  for (const root of rollup.roots) visit(root, null, 0);
  return toCsv(ROLLUP_CSV_HEADER, lines);
}
