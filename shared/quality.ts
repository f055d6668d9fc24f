// OKR "linting": good-practice rules, each with an id, a severity and a message a person can act on.
import { type AnalysisCode, analysisProblem } from "./analysis-messages.js";
import { DEFAULT_DUPLICATE_THRESHOLD, duplicateWork } from "./duplicates.js";
import { type AlignmentGraph, buildGraph, type Placed, placeOf } from "./graph.js";
import type { Language, Problem, Severity, SheetRows } from "./model.js";
import type { MessageValues } from "./problem.js";

export interface QualityThresholds {
  maxObjectivesPerOwner: number;
  minKrsPerObjective: number;
  maxKrsPerObjective: number;
  duplicateSimilarity: number;
}

export const DEFAULT_QUALITY_THRESHOLDS: QualityThresholds = {
  maxObjectivesPerOwner: 5,
  minKrsPerObjective: 2,
  maxKrsPerObjective: 5,
  duplicateSimilarity: DEFAULT_DUPLICATE_THRESHOLD,
};

type QualityCode = Extract<
  AnalysisCode,
  | "too_many_objectives"
  | "objective_without_key_results"
  | "too_few_key_results"
  | "too_many_key_results"
  | "key_result_not_measurable"
  | "key_result_without_owner"
  | "key_result_reads_like_task"
  | "key_result_without_leading_kpi"
  | "duplicate_work"
>;

export const QUALITY_RULES: readonly { id: QualityCode; severity: Severity; description: string }[] = [
  {
    id: "too_many_objectives",
    severity: "warning",
    description: "An owner has more objectives in a cycle than the maximum (default 5).",
  },
  {
    id: "objective_without_key_results",
    severity: "warning",
    description: "An objective has no key results.",
  },
  {
    id: "too_few_key_results",
    severity: "hint",
    description: "An objective has fewer key results than the minimum (default 2).",
  },
  {
    id: "too_many_key_results",
    severity: "warning",
    description: "An objective has more key results than the maximum (default 5).",
  },
  {
    id: "key_result_not_measurable",
    severity: "error",
    description: "A key result (not binary) has no target.",
  },
  { id: "key_result_without_owner", severity: "warning", description: "A key result names no owner." },
  {
    id: "key_result_reads_like_task",
    severity: "warning",
    description:
      "A key result starts with an activity verb (en/sv/nb), has no number in its title and no numeric target: an output, not an outcome.",
  },
  {
    id: "key_result_without_leading_kpi",
    severity: "hint",
    description: "Neither the key result nor its objective has a leading KPI beside it.",
  },
  {
    id: "duplicate_work",
    severity: "warning",
    description: "Two teams own objectives or key results that read nearly alike (the same work done twice).",
  },
];

const SEVERITY = Object.fromEntries(QUALITY_RULES.map((rule) => [rule.id, rule.severity])) as Record<
  QualityCode,
  Severity
>;

/** Activity verbs (imperative and infinitive) that start tasks rather than outcomes. */
const TASK_VERBS = new Set(
  (
    "launch build create implement write hold run organise organize set up setup start develop design introduce " +
    "migrate roll deploy publish hire conduct prepare plan draft complete finish ship release document " +
    "lansera bygga bygg skapa skapa implementera skriva skriv hålla håll genomföra genomför ta fram införa inför " +
    "utveckla utveckl starta start anställa anställ planera planer släppa släpp dokumentera " +
    "lansere lanser lage lag bygge skape skap implementere gjennomføre gjennomfør innføre innfør utvikle utvikl " +
    "ansette ansett planlegge planlegg skrive holde"
  ).split(" "),
);

export interface QualityOptions {
  language?: Language;
  thresholds?: Partial<QualityThresholds>;
}

export function checkQuality(sheets: readonly SheetRows[], options: QualityOptions = {}): Problem[] {
  return qualityFromGraph(buildGraph(sheets), options);
}

export function qualityFromGraph(graph: AlignmentGraph, options: QualityOptions = {}): Problem[] {
  const language = options.language ?? "en";
  const limits = { ...DEFAULT_QUALITY_THRESHOLDS, ...options.thresholds };
  const problems: Problem[] = [];
  const add = (
    code: QualityCode,
    placed: Placed,
    params: MessageValues,
    ids: string[] = [placed.row.id],
    column: Problem["column"] = null,
  ) => {
    problems.push(
      analysisProblem(
        language,
        { code, severity: SEVERITY[code], row: placed.row.row, column, ids, sheetId: placed.sheetId },
        params,
        placeOf(placed),
      ),
    );
  };
  const limitParams = { min: limits.minKrsPerObjective, max: limits.maxKrsPerObjective };

  const byOwnerCycle = new Map<string, Placed[]>();
  for (const placed of graph.objectives.values()) {
    const { row } = placed;
    const count = graph.keyResultsByObjective.get(row.id)?.length ?? 0;
    if (count === 0) add("objective_without_key_results", placed, limitParams);
    else if (count < limits.minKrsPerObjective) add("too_few_key_results", placed, { count, ...limitParams });
    else if (count > limits.maxKrsPerObjective)
      add("too_many_key_results", placed, { count, ...limitParams });
    if (row.owner) {
      const key = `${row.owner.toLowerCase()}\u0000${row.cycle}`;
      const list = byOwnerCycle.get(key);
      if (list) list.push(placed);
      else byOwnerCycle.set(key, [placed]);
    }
  }
  for (const owned of byOwnerCycle.values()) {
    if (owned.length <= limits.maxObjectivesPerOwner) continue;
    // In ID order and reported on the first, so the finding does not depend on the order of rows or sheets.
    owned.sort((a, b) => (a.row.id < b.row.id ? -1 : a.row.id > b.row.id ? 1 : 0));
    const first = owned[0]!;
    add(
      "too_many_objectives",
      first,
      {
        owner: first.row.owner,
        count: owned.length,
        cycle: first.row.cycle || "-",
        max: limits.maxObjectivesPerOwner,
      },
      owned.map((p) => p.row.id),
      "owner",
    );
  }

  // The parents with a leading KPI, found once (not a look-up and a scan per key result and objective).
  const withLeadingKpi = new Set<string>();
  for (const [parent, kpis] of graph.kpisByParent)
    if (kpis.some((kpi) => kpi.row.kpiKind === "leading")) withLeadingKpi.add(parent);
  const hasLeadingKpi = (id: string | null) => id !== null && withLeadingKpi.has(id);
  for (const placed of graph.keyResults.values()) {
    const { row } = placed;
    if (row.krType !== "binary" && row.target === null)
      add("key_result_not_measurable", placed, {}, [row.id], "target");
    if (!row.owner) add("key_result_without_owner", placed, {}, [row.id], "owner");
    if (
      readsLikeTask(row.title) &&
      (row.target === null || row.krType === "binary" || row.krType === "milestone")
    ) {
      add("key_result_reads_like_task", placed, { title: row.title }, [row.id], "title");
    }
    if (!hasLeadingKpi(row.id) && !hasLeadingKpi(row.objectiveId))
      add("key_result_without_leading_kpi", placed, {});
  }

  // The organisation's one duplicate search (shared with the rollup), most alike first; reported on the
  // smaller ID, so the finding does not depend on the order of rows or sheets.
  for (const { a, b, similarity } of duplicateWork(graph, limits.duplicateSimilarity).pairs) {
    add(
      "duplicate_work",
      a,
      { other: placeOf(b), similarity: Math.round(similarity * 100) },
      [a.row.id, b.row.id],
      "title",
    );
  }
  return problems;
}

/** Starts with an activity verb and names no number: "Launch the new website", "Skapa en kundportal". */
export function readsLikeTask(title: string): boolean {
  if (/\d/.test(title)) return false;
  const first = title
    .toLowerCase()
    .normalize("NFC")
    .match(/[\p{L}]+/u)?.[0];
  return first !== undefined && TASK_VERBS.has(first);
}
