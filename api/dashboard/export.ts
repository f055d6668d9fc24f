// CSV of what a view shows, with the same filters: finance and ops staff take it into their sheets.
// Cells go through api/lib/csv.ts, so a title like "=HYPERLINK(...)" stays text there too.
import { type GroupTotal, type Rollup, type RollupNode, STATUSES } from "../../shared/model.js";
import type { ObjectiveDetail } from "../../shared/objective-detail.js";
import { rollupCsv, toCsv } from "../lib/csv.js";
import type { ShownInsights } from "./data.js";

const round = (value: number | null) => (value === null ? null : Math.round(value * 10_000) / 10_000);

/**
 * The objectives the filters match, one line each in tree order (depth-first); the dimmed context the
 * tree shows around them is left out, so the lines add up to what was asked for.
 */
export function treeCsv(rollup: Rollup, matched: readonly RollupNode[]): string {
  const ids = new Set(matched.map((node) => node.id));
  const keep = (node: RollupNode): RollupNode[] => {
    const children = node.children.flatMap(keep);
    return ids.has(node.id) ? [{ ...node, children }] : children;
  };
  return rollupCsv({ ...rollup, roots: rollup.roots.flatMap(keep) });
}

/** The Teams view's two tables as one CSV: a line per team, then a line per level. */
export function totalsCsv(
  cycle: string,
  groups: { team: readonly GroupTotal[]; level: readonly GroupTotal[] },
): string {
  const lines = (by: "team" | "level", totals: readonly GroupTotal[]) =>
    totals.map((total) => [
      cycle,
      by,
      total.key,
      total.objectiveCount,
      total.keyResultCount,
      round(total.meanProgress),
      ...STATUSES.map((status) => total.statusCounts[status]),
    ]);
  return toCsv(
    ["cycle", "group", "name", "objectives", "key_results", "mean_progress", ...STATUSES],
    [...lines("team", groups.team), ...lines("level", groups.level)],
  );
}

export function insightsCsv(cycle: string, insights: ShownInsights): string {
  type Line = (string | number | null)[];
  const lines: Line[] = [
    ...insights.unsupported.map((o): Line => [cycle, "unsupported", o.id, o.title, o.team, o.owner, null]),
    ...insights.unaligned.map((o): Line => [cycle, "unaligned", o.id, o.title, o.team, o.owner, null]),
    ...insights.duplicates.map(
      (pair): Line => [
        cycle,
        "duplicate",
        `${pair.a.id} ~ ${pair.b.id}`,
        `${pair.a.title} ~ ${pair.b.title}`,
        `${pair.a.team} ~ ${pair.b.team}`,
        null,
        round(pair.similarity),
      ],
    ),
    ...insights.atRisk.map(
      (kr): Line => [cycle, kr.status, kr.id, kr.title, kr.team, kr.owner, round(kr.progress)],
    ),
    ...insights.quiet.map(
      (kr): Line => [cycle, "quiet", kr.id, kr.title, kr.team, kr.owner, kr.lastCheckInAt],
    ),
    ...insights.cycles.map(
      (ids): Line => [cycle, "alignment_cycle", ids.join(" > "), null, null, null, null],
    ),
    ...insights.unknownLinks.map(
      (link): Line => [cycle, `unknown_${link.kind}`, link.from, null, null, null, link.to],
    ),
    ...insights.crossCycle.map((link): Line => [cycle, "cross_cycle", link.from, null, null, null, link.to]),
  ];
  return toCsv(["cycle", "kind", "id", "title", "team", "owner", "detail"], lines);
}

export function objectiveCsv(detail: ObjectiveDetail): string {
  return toCsv(
    [
      "objective_id",
      "kind",
      "id",
      "title",
      "owner",
      "start",
      "target",
      "current",
      "unit",
      "progress",
      "status",
      "confidence",
      "last_check_in",
    ],
    [
      ...detail.keyResults.map((kr) => [
        detail.objective.id,
        "key_result",
        kr.id,
        kr.title,
        kr.owner,
        kr.start,
        kr.target,
        kr.current,
        kr.unit,
        round(kr.progress),
        kr.status,
        kr.confidence,
        kr.lastCheckInAt,
      ]),
      ...detail.kpis.map((kpi) => [
        detail.objective.id,
        `kpi_${kpi.kpiKind ?? "unknown"}`,
        kpi.id,
        kpi.title,
        kpi.owner,
        kpi.start,
        kpi.target,
        kpi.current,
        kpi.unit,
        round(kpi.progress),
        null,
        null,
        null,
      ]),
    ],
  );
}
