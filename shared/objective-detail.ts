// One objective as a leader reads it: its key results with their numbers and status, the KPIs
// beside it and beside its key results, where it sits in the alignment, and each KR's check-in trend.
import { expectedProgress, parseCycle } from "./cycle.js";
import type { AlignmentGraph, Placed } from "./graph.js";
import type {
  CheckIn,
  CycleWindow,
  GradeBand,
  KpiKind,
  KrType,
  ObjectiveRef,
  Status,
  StatusThresholds,
} from "./model.js";
import {
  clamp01,
  gradeBand,
  gradeScore,
  objectiveProgress,
  progress,
  rawProgress,
  statusOf,
  weightedMean,
} from "./progress.js";
import { objectiveRef } from "./rollup.js";

export interface MeasuredDetail {
  id: string;
  title: string;
  owner: string;
  start: number | null;
  target: number | null;
  current: number | null;
  unit: string;
  notes: string;
  /** Clamped 0..1; null without a measurable target. */
  progress: number | null;
}

/** The end-of-cycle score, 0.0-1.0 in tenths, and its colour band. */
export interface Grade {
  score: number;
  band: GradeBand;
}

export interface KeyResultDetail extends MeasuredDetail {
  krType: KrType | null;
  weight: number;
  confidence: number | null;
  /** What the sheet's Status shows: the owner's word where set, else the pace. */
  status: Status;
  /** Progress against expected alone. */
  paceStatus: Status;
  /** The owner's word (the Owner status column); null when not set. */
  ownerStatus: Status | null;
  lastCheckInAt: string | null;
  /** Once the cycle has ended; null while it runs (or without progress). */
  grade: Grade | null;
}

export interface KpiDetail extends MeasuredDetail {
  kpiKind: KpiKind | null;
  /** The objective or key result it sits beside. */
  besideId: string;
}

/** One point of a key result's trend: a check-in's time, value and the progress that value means. */
export interface TrendPoint {
  at: string;
  value: number;
  progress: number | null;
  confidence: number | null;
  note: string;
  author: string;
}

export interface ObjectiveDetail {
  objective: ObjectiveRef & {
    notes: string;
    progress: number | null;
    /** Weighted mean of the own progress of the objectives aligned to it (as its tree card shows), null when none. */
    alignedProgress: number | null;
    expected: number | null;
    /** What the sheet's Status shows: the owner's word where set, else the pace. */
    status: Status;
    paceStatus: Status;
    ownerStatus: Status | null;
    /** Once the cycle has ended; null while it runs (or without progress). */
    grade: Grade | null;
  };
  window: CycleWindow | null;
  /** True after the cycle's last day: the time for grading. */
  ended: boolean;
  parent: ObjectiveRef | null;
  children: ObjectiveRef[];
  contributesTo: ObjectiveRef[];
  contributors: ObjectiveRef[];
  keyResults: KeyResultDetail[];
  kpis: KpiDetail[];
  /** Key result ID -> its check-ins, oldest first. */
  trends: Map<string, TrendPoint[]>;
}

export interface ObjectiveDetailOptions {
  asOf: string;
  thresholds?: StatusThresholds;
  resolveCycle?: (label: string) => CycleWindow | null;
  lastCheckIns?: ReadonlyMap<string, string>;
  /** Check-ins of this objective's key results, any order. */
  checkIns?: readonly CheckIn[];
}

function measured(placed: Placed): MeasuredDetail {
  const { row } = placed;
  return {
    id: row.id,
    title: row.title,
    owner: row.owner,
    start: row.start,
    target: row.target,
    current: row.current,
    unit: row.unit,
    notes: row.notes,
    progress: progress(row),
  };
}

export function objectiveDetail(
  graph: AlignmentGraph,
  objectiveId: string,
  options: ObjectiveDetailOptions,
): ObjectiveDetail | null {
  const placed = graph.objectives.get(objectiveId);
  if (!placed) return null;
  const { row } = placed;
  const window = (options.resolveCycle ?? parseCycle)(row.cycle);
  const expected = window ? expectedProgress(window, options.asOf) : null;
  const ended = window !== null && options.asOf > window.end;
  const grade = (value: number | null): Grade | null =>
    ended && value !== null ? { score: gradeScore(value), band: gradeBand(value) } : null;
  const krs = graph.keyResultsByObjective.get(objectiveId) ?? [];
  const own = objectiveProgress(krs.map((kr) => kr.row));
  const refs = (ids: readonly string[]) =>
    ids.flatMap((id) => {
      const found = graph.objectives.get(id);
      return found ? [objectiveRef(found)] : [];
    });

  const keyResults: KeyResultDetail[] = krs.map((kr) => {
    const value = progress(kr.row);
    const pace = statusOf(value, expected, kr.row.current !== null, options.thresholds);
    const ownerStatus = kr.row.ownerStatus ?? null;
    return {
      ...measured(kr),
      krType: kr.row.krType,
      weight: kr.row.weight,
      confidence: kr.row.confidence,
      status: ownerStatus ?? pace,
      paceStatus: pace,
      ownerStatus,
      lastCheckInAt: options.lastCheckIns?.get(kr.row.id) ?? null,
      grade: grade(value),
    };
  });
  const kpis: KpiDetail[] = [objectiveId, ...krs.map((kr) => kr.row.id)].flatMap((besideId) =>
    (graph.kpisByParent.get(besideId) ?? []).map((kpi) => ({
      ...measured(kpi),
      kpiKind: kpi.row.kpiKind,
      besideId,
    })),
  );

  const krById = new Map(krs.map((kr) => [kr.row.id, kr.row]));
  const trends = new Map<string, TrendPoint[]>(krs.map((kr) => [kr.row.id, []]));
  for (const checkIn of options.checkIns ?? []) {
    const kr = krById.get(checkIn.krId);
    if (!kr) continue;
    const raw = rawProgress({ ...kr, current: checkIn.value });
    trends.get(kr.id)!.push({
      at: checkIn.at,
      value: checkIn.value,
      progress: raw === null ? null : clamp01(raw),
      confidence: checkIn.confidence,
      note: checkIn.note,
      author: checkIn.author,
    });
  }
  for (const points of trends.values()) points.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));

  const parentId = row.alignsTo && row.alignsTo !== row.id ? row.alignsTo : null;
  const pace = statusOf(
    own,
    expected,
    krs.some((kr) => kr.row.current !== null),
    options.thresholds,
  );
  return {
    objective: {
      ...objectiveRef(placed),
      notes: row.notes,
      progress: own,
      alignedProgress: weightedMean(
        (graph.children.get(objectiveId) ?? []).map((child) => ({
          progress: objectiveProgress(
            (graph.keyResultsByObjective.get(child.row.id) ?? []).map((kr) => kr.row),
          ),
          weight: child.row.weight,
        })),
      ),
      expected,
      status: row.ownerStatus ?? pace,
      paceStatus: pace,
      ownerStatus: row.ownerStatus ?? null,
      grade: grade(own),
    },
    window,
    ended,
    parent: parentId ? (refs([parentId])[0] ?? null) : null,
    children: (graph.children.get(objectiveId) ?? []).map(objectiveRef),
    contributesTo: refs(row.contributesTo),
    contributors: (graph.contributors.get(objectiveId) ?? []).map(objectiveRef),
    keyResults,
    kpis,
    trends,
  };
}
