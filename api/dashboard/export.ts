// CSV of what a view shows, with the same filters: finance and ops staff take it into their sheets. Written
// in the page's language (headers and codes in its words, ";" and a decimal comma for sv and nb, a
// byte-order mark), cells through api/lib/csv.ts, so a title like "=HYPERLINK(...)" stays text there too.
import { csvWord } from "../../shared/csv-locale.js";
import type { KpiTeamGroup } from "../../shared/kpi-board.js";
import { boundText } from "../../shared/kpi-health.js";
import { type GroupTotal, type Rollup, type RollupNode, STATUSES } from "../../shared/model.js";
import type { ObjectiveDetail } from "../../shared/objective-detail.js";
import {
  type CsvField,
  type CsvFormat,
  csvCodeOf,
  csvHeaderOf,
  MACHINE_CSV,
  rollupCsv,
  toCsv,
} from "../lib/csv.js";
import type { ShownInsights } from "./data.js";

const round = (value: number | null) => (value === null ? null : Math.round(value * 10_000) / 10_000);

/**
 * The objectives the filters match, one line each in tree order (depth-first); the dimmed context the
 * tree shows around them is left out, so the lines add up to what was asked for.
 */
export function treeCsv(
  rollup: Rollup,
  matched: readonly RollupNode[],
  format: CsvFormat = MACHINE_CSV,
): string {
  const ids = new Set(matched.map((node) => node.id));
  const keep = (node: RollupNode): RollupNode[] => {
    const children = node.children.flatMap(keep);
    return ids.has(node.id) ? [{ ...node, children }] : children;
  };
  return rollupCsv({ ...rollup, roots: rollup.roots.flatMap(keep) }, format);
}

const TOTALS_FIELDS: readonly CsvField[] = [
  ["cycle", { column: "cycle" }],
  ["group", { word: "group" }],
  ["name", { word: "name" }],
  ["objectives", { word: "objectives" }],
  ["key_results", { word: "keyResults" }],
  ["mean_progress", { word: "meanProgress" }],
];

/** The Teams view's two tables as one CSV: a line per team, then a line per level. */
export function totalsCsv(
  cycle: string,
  groups: { team: readonly GroupTotal[]; level: readonly GroupTotal[] },
  format: CsvFormat = MACHINE_CSV,
): string {
  const lines = (by: "team" | "level", totals: readonly GroupTotal[]) =>
    totals.map((total) => [
      cycle,
      csvCodeOf(by, format),
      by === "level" && format.human ? levelName(total.key, format) : total.key,
      total.objectiveCount,
      total.keyResultCount,
      round(total.meanProgress),
      ...STATUSES.map((status) => total.statusCounts[status]),
    ]);
  const statuses = format.human ? STATUSES.map((status) => csvCodeOf(status, format)!) : [...STATUSES];
  return toCsv(
    [...csvHeaderOf(TOTALS_FIELDS, format), ...statuses],
    [...lines("team", groups.team), ...lines("level", groups.level)],
    format,
  );
}

const levelName = (key: string, format: CsvFormat) => csvWord("level", key, format.locale.language) ?? key;

const INSIGHT_FIELDS: readonly CsvField[] = [
  ["cycle", { column: "cycle" }],
  ["kind", { word: "kind" }],
  ["id", { column: "id" }],
  ["title", { column: "title" }],
  ["team", { column: "team" }],
  ["owner", { column: "owner" }],
  ["detail", { word: "detail" }],
];

export function insightsCsv(cycle: string, insights: ShownInsights, format: CsvFormat = MACHINE_CSV): string {
  type Line = (string | number | null)[];
  const kind = (code: string) => csvCodeOf(code, format);
  const lines: Line[] = [
    ...insights.unsupported.map(
      (o): Line => [cycle, kind("unsupported"), o.id, o.title, o.team, o.owner, null],
    ),
    ...insights.unaligned.map((o): Line => [cycle, kind("unaligned"), o.id, o.title, o.team, o.owner, null]),
    ...insights.duplicates.map(
      (pair): Line => [
        cycle,
        kind("duplicate"),
        `${pair.a.id} ~ ${pair.b.id}`,
        `${pair.a.title} ~ ${pair.b.title}`,
        `${pair.a.team} ~ ${pair.b.team}`,
        null,
        round(pair.similarity),
      ],
    ),
    ...insights.atRisk.map(
      (kr): Line => [cycle, kind(kr.status), kr.id, kr.title, kr.team, kr.owner, round(kr.progress)],
    ),
    ...insights.quiet.map(
      (kr): Line => [cycle, kind("quiet"), kr.id, kr.title, kr.team, kr.owner, kr.lastCheckInAt],
    ),
    ...insights.cycles.map(
      (ids): Line => [cycle, kind("alignment_cycle"), ids.join(" > "), null, null, null, null],
    ),
    ...insights.unknownLinks.map(
      (link): Line => [cycle, kind(`unknown_${link.kind}`), link.from, null, null, null, link.to],
    ),
    ...insights.crossCycle.map(
      (link): Line => [cycle, kind("cross_cycle"), link.from, null, null, null, link.to],
    ),
  ];
  return toCsv(csvHeaderOf(INSIGHT_FIELDS, format), lines, format);
}

export const OBJECTIVE_CSV_FIELDS: readonly CsvField[] = [
  ["objective_id", { word: "objectiveId" }],
  ["kind", { word: "kind" }],
  ["id", { column: "id" }],
  ["title", { column: "title" }],
  ["owner", { column: "owner" }],
  ["start", { column: "start" }],
  ["target", { column: "target" }],
  ["current", { column: "current" }],
  ["unit", { column: "unit" }],
  ["progress", { column: "progress" }],
  ["status", { column: "status" }],
  ["confidence", { column: "confidence" }],
  ["last_check_in", { word: "lastUpdate" }],
];

export function objectiveCsv(detail: ObjectiveDetail, format: CsvFormat = MACHINE_CSV): string {
  const kpiKind = (kind: string | null) =>
    format.human
      ? [csvCodeOf("kpi", format), kind ? csvWord("kpiKind", kind, format.locale.language) : null]
          .filter(Boolean)
          .join(" · ")
      : `kpi_${kind ?? "unknown"}`;
  return toCsv(
    csvHeaderOf(OBJECTIVE_CSV_FIELDS, format),
    [
      ...detail.keyResults.map((kr) => [
        detail.objective.id,
        format.human ? csvCodeOf("key_result", format) : "key_result",
        kr.id,
        kr.title,
        kr.owner,
        kr.start,
        kr.target,
        kr.current,
        kr.unit,
        round(kr.progress),
        csvCodeOf(kr.status, format),
        kr.confidence,
        kr.lastCheckInAt,
      ]),
      ...detail.kpis.map((kpi) => [
        detail.objective.id,
        kpiKind(kpi.kpiKind),
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
    format,
  );
}

const KPI_FIELDS: readonly CsvField[] = [
  ["team", { column: "team" }],
  ["objective_id", { word: "objectiveId" }],
  ["objective", { word: "objective" }],
  ["kpi_kind", { column: "kpiKind" }],
  ["id", { column: "id" }],
  ["title", { column: "title" }],
  ["owner", { column: "owner" }],
  ["current", { column: "current" }],
  ["unit", { column: "unit" }],
  ["target", { column: "target" }],
  ["threshold", { word: "threshold" }],
  ["health", { word: "health" }],
  ["progress", { column: "progress" }],
  ["last_update", { word: "lastUpdate" }],
];

/** The KPI board as shown: one line per KPI, its threshold today in words and its health. */
export function kpisCsv(board: readonly KpiTeamGroup[], format: CsvFormat = MACHINE_CSV): string {
  const { language } = format.locale;
  const lines = board.flatMap((team) =>
    team.objectives.flatMap((group) =>
      [...group.leading, ...group.lagging, ...group.other].map((kpi) => [
        team.team,
        group.objective.id,
        group.objective.title,
        format.human ? csvWord("kpiKind", kpi.kind, language) : kpi.kind,
        kpi.id,
        kpi.title,
        kpi.owner,
        kpi.current,
        kpi.unit,
        kpi.target,
        // The bound in the reader's words; numbers as the locale writes them in text ("0,9" in sv).
        kpi.bound
          ? boundText(kpi.bound, language, (value) => {
              const shown = kpi.unit === "%" ? `${Math.round(value * 10_000) / 100} %` : String(value);
              return format.locale.separator === ";" ? shown.replace(".", ",") : shown;
            })
          : null,
        csvCodeOf(kpi.health, format),
        round(kpi.progress),
        kpi.history.at(-1)?.at ?? null,
      ]),
    ),
  );
  return toCsv(csvHeaderOf(KPI_FIELDS, format), lines, format);
}
