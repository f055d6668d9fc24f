// The KPI board as finance and ops read it: per team, per objective, the leading indicators beside the
// lagging ones, each with its value, the threshold that holds today, its health and the values it had.
// The one home of the board's rules (which KPIs belong to which objective of the cycle, order, pairing,
// trend points, health): the dashboard draws it, GET /v1/kpis sends it flat (kpiBoardEntries) to the add-on's
// Rollup sheet. Pure: the read model (api/read/kpi-board.ts) gives it the graph and the value histories.
import type { AlignmentGraph, Placed } from "./graph.js";
import { type Bound, boundOn, type KpiHealth, kpiHealth } from "./kpi-health.js";
import type { KpiKind, ObjectiveRef } from "./model.js";
import { progress } from "./progress.js";
import { cycleMembers, objectiveRef } from "./rollup.js";
import type { ValuePoint } from "./value-history.js";
import { KPI_TREND_POINTS, type KpiBoardEntry } from "./wire.js";

export interface KpiCard {
  id: string;
  title: string;
  /** The sheet its row is in: its history is that sheet's values. */
  sheetId: string;
  owner: string;
  kind: KpiKind | null;
  start: number | null;
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
  /** Its values over time in its sheet, oldest first, each with the health its own day's threshold gave it. */
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

export interface KpiPlace {
  kpi: Placed;
  objective: Placed;
  keyResult: Placed | null;
}

/**
 * The KPIs on a cycle's board, each beside its objective: KPIs of the cycle's objectives and of objectives of
 * cycles nested in it (the year's board holds its quarters', as its rollup tree does), in board order (see
 * kpiBoard). `cycle` null: every KPI beside an objective.
 */
export function kpisOfCycle(graph: AlignmentGraph, cycle: string | null): KpiPlace[] {
  const members = cycle === null ? [...graph.objectives.values()] : cycleMembers(graph, cycle).members;
  const order = new Map(members.map((objective, i) => [objective.row.id, i]));
  const places: KpiPlace[] = [];
  for (const kpi of graph.kpis) {
    const place = kpiObjective(graph, kpi);
    if (place && order.has(place.objective.row.id)) places.push({ kpi, ...place });
  }
  // Stable: KPIs of one objective keep their sheet order.
  return places.sort((a, b) => order.get(a.objective.row.id)! - order.get(b.objective.row.id)!);
}

function card(place: KpiPlace, options: KpiBoardOptions): KpiCard {
  const { kpi, keyResult } = place;
  const { row } = kpi;
  // Its own sheet's values: a row ID another sheet also used brings none of that sheet's.
  const history = (options.histories?.get(row.id) ?? [])
    .filter((point) => point.sheetId === kpi.sheetId)
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))
    .map((point) => ({
      at: point.at,
      value: point.value,
      health: kpiHealth(row, point.at.slice(0, 10), point.value),
    }));
  return {
    id: row.id,
    title: row.title,
    sheetId: kpi.sheetId,
    owner: row.owner,
    kind: row.kpiKind,
    start: row.start,
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

/**
 * Teams alphabetically (an objective's team), their objectives in kpisOfCycle's order (the cycle's own, then its
 * nested cycles'), KPIs in sheet order within each kind. `places`: kpisOfCycle's answer when the caller has it.
 */
export function kpiBoard(
  graph: AlignmentGraph,
  options: KpiBoardOptions,
  places: readonly KpiPlace[] = kpisOfCycle(graph, options.cycle),
): KpiTeamGroup[] {
  const groups = new Map<string, KpiObjectiveGroup>();
  const teamOf = new Map<string, string>();
  for (const place of places) {
    const { kpi, objective } = place;
    if (options.keep && !options.keep(kpi, objective)) continue;
    let group = groups.get(objective.row.id);
    if (!group) {
      group = { objective: objectiveRef(objective), leading: [], lagging: [], other: [] };
      groups.set(objective.row.id, group);
      teamOf.set(objective.row.id, objective.row.team);
    }
    const shown = card(place, options);
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

/**
 * The board flat, as GET /v1/kpis sends it: in the board's order (team, objective, leading, lagging, kind not
 * given), each KPI with the last KPI_TREND_POINTS values of its history (values only: no notes or authors).
 * The add-on pairs the n-th leading with the n-th lagging of each objective.
 */
export function kpiBoardEntries(board: readonly KpiTeamGroup[]): KpiBoardEntry[] {
  return board.flatMap(({ team, objectives }) =>
    objectives.flatMap(({ objective, leading, lagging, other }) =>
      [...leading, ...lagging, ...other].map(
        (kpi): KpiBoardEntry => ({
          id: kpi.id,
          title: kpi.title,
          sheetId: kpi.sheetId,
          team,
          owner: kpi.owner,
          kind: kpi.kind,
          objectiveId: objective.id,
          objectiveTitle: objective.title,
          keyResultId: kpi.besideKeyResult?.id ?? null,
          start: kpi.start,
          target: kpi.target,
          current: kpi.current,
          unit: kpi.unit,
          progress: kpi.progress,
          threshold: kpi.threshold,
          health: kpi.health,
          trend: kpi.history.slice(-KPI_TREND_POINTS).map((point) => point.value),
        }),
      ),
    ),
  );
}

/**
 * One objective's KPIs as lines of a board with a leading and a lagging side (the Rollup sheet): the n-th leading
 * beside the n-th lagging, then those of no kind given, one a line on the leading side.
 */
export function kpiPairs<T extends { kind: KpiKind | null }>(
  kpis: readonly T[],
): { leading: T | undefined; lagging: T | undefined }[] {
  const leads = kpis.filter((kpi) => kpi.kind === "leading");
  const lags = kpis.filter((kpi) => kpi.kind === "lagging");
  const others = kpis.filter((kpi) => kpi.kind === null);
  const pairs = Array.from({ length: Math.max(leads.length, lags.length) }, (_, i) => ({
    leading: leads[i],
    lagging: lags[i],
  }));
  return [...pairs, ...others.map((kpi) => ({ leading: kpi, lagging: undefined }))];
}
