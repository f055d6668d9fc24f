// The KPI board as finance and ops read it: per team, per objective, the leading indicators beside the
// lagging ones, each with its value, the threshold that holds today, its health and the values it had.
// Pure: the dashboard draws it, the read model gives it the value histories.
import type { AlignmentGraph, Placed } from "./graph.js";
import { type Bound, boundOn, type KpiHealth, kpiHealth } from "./kpi-health.js";
import type { KpiKind, ObjectiveRef } from "./model.js";
import { progress } from "./progress.js";
import { objectiveRef } from "./rollup.js";
import type { ValuePoint } from "./value-history.js";

export interface KpiCard {
  id: string;
  title: string;
  owner: string;
  kind: KpiKind | null;
  current: number | null;
  unit: string;
  target: number | null;
  /** The threshold as written, when the Target cell holds one. */
  threshold: string | null;
  /** The bound that holds today; null without a Target or threshold for this month. */
  bound: Bound | null;
  health: KpiHealth | null;
  progress: number | null;
  /** The key result it sits beside, when not beside the objective itself. */
  besideKeyResult: { id: string; title: string } | null;
  /** Its values over time, oldest first, each with the health its own day's threshold gave it. */
  history: { at: string; value: number; health: KpiHealth | null }[];
}

export interface KpiObjectiveGroup {
  objective: ObjectiveRef;
  leading: KpiCard[];
  lagging: KpiCard[];
  /** KPIs whose kind is not given. */
  other: KpiCard[];
}

export interface KpiTeamGroup {
  team: string;
  objectives: KpiObjectiveGroup[];
  counts: { healthy: number; unhealthy: number; unknown: number };
}

export interface KpiBoardOptions {
  asOf: string;
  /** The cycle shown: KPIs of objectives in it. */
  cycle: string | null;
  /** KPI ID -> its value history (check-ins and synced values), any order. */
  histories?: ReadonlyMap<string, readonly ValuePoint[]>;
  /** Which KPIs to show (the dashboard's team and owner filters); all by default. */
  keep?: (kpi: Placed, objective: Placed) => boolean;
}

/** The objective a KPI belongs to: the one it sits beside, or its key result's. */
export function kpiObjective(
  graph: AlignmentGraph,
  kpi: Placed,
): { objective: Placed; keyResult: Placed | null } | null {
  const parent = kpi.row.objectiveId;
  if (!parent) return null;
  const objective = graph.objectives.get(parent);
  if (objective) return { objective, keyResult: null };
  const keyResult = graph.keyResults.get(parent);
  const owner = keyResult?.row.objectiveId ? graph.objectives.get(keyResult.row.objectiveId) : undefined;
  return keyResult && owner ? { objective: owner, keyResult } : null;
}

function card(kpi: Placed, keyResult: Placed | null, options: KpiBoardOptions): KpiCard {
  const { row } = kpi;
  const history = [...(options.histories?.get(row.id) ?? [])]
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
    .map((point) => ({
      at: point.at,
      value: point.value,
      health: kpiHealth(row, point.at.slice(0, 10), point.value),
    }));
  return {
    id: row.id,
    title: row.title,
    owner: row.owner,
    kind: row.kpiKind,
    current: row.current,
    unit: row.unit,
    target: row.target,
    threshold: row.threshold ?? null,
    bound: boundOn(row, options.asOf),
    health: kpiHealth(row, options.asOf),
    progress: progress({ ...row, krType: null }),
    besideKeyResult: keyResult ? { id: keyResult.row.id, title: keyResult.row.title } : null,
    history,
  };
}

/** Teams alphabetically, their objectives in sheet order, KPIs in sheet order within each kind. */
export function kpiBoard(graph: AlignmentGraph, options: KpiBoardOptions): KpiTeamGroup[] {
  const groups = new Map<string, KpiObjectiveGroup>();
  const teamOf = new Map<string, string>();
  for (const kpi of graph.kpis) {
    const place = kpiObjective(graph, kpi);
    if (!place) continue;
    const { objective, keyResult } = place;
    if (options.cycle !== null && objective.row.cycle !== options.cycle) continue;
    if (options.keep && !options.keep(kpi, objective)) continue;
    let group = groups.get(objective.row.id);
    if (!group) {
      group = { objective: objectiveRef(objective), leading: [], lagging: [], other: [] };
      groups.set(objective.row.id, group);
      teamOf.set(objective.row.id, objective.row.team);
    }
    const shown = card(kpi, keyResult, options);
    (shown.kind === "leading" ? group.leading : shown.kind === "lagging" ? group.lagging : group.other).push(
      shown,
    );
  }
  const teams = new Map<string, KpiTeamGroup>();
  for (const [id, group] of groups) {
    const team = teamOf.get(id) ?? "";
    let entry = teams.get(team);
    if (!entry) {
      entry = { team, objectives: [], counts: { healthy: 0, unhealthy: 0, unknown: 0 } };
      teams.set(team, entry);
    }
    entry.objectives.push(group);
    for (const shown of [...group.leading, ...group.lagging, ...group.other])
      entry.counts[shown.health ?? "unknown"]++;
  }
  return [...teams.values()].sort((a, b) => a.team.localeCompare(b.team));
}
