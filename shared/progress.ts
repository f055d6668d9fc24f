// Progress math: key results, objectives, aligned progress, expected progress, status and grading.
// The sheet formulas (formulas.ts) compute the same numbers; the formula oracle test proves it.
import { expectedProgress, parseCycle } from "./cycle.js";
import {
  type CycleWindow,
  DEFAULT_THRESHOLDS,
  type GradeBand,
  type OkrRow,
  type Status,
  type StatusThresholds,
} from "./model.js";

type Measured = Pick<OkrRow, "start" | "target" | "current" | "krType"> & {
  threshold?: string | null | undefined;
};

export function clamp01(value: number): number {
  return Math.min(1, Math.max(0, value));
}

/**
 * Raw progress of a key result (or a KPI with a target), over-achievement kept (may be > 1 or < 0).
 * - numeric/percent: linear from start (blank = 0) to target; a target below start is a decrease.
 *   A target equal to start means "hold at least the target": 1 when reached, else 0.
 * - binary: 1 when current is non-zero (done), else 0.
 * - milestone: whole steps reached of `target` steps.
 * No current value (no check-in yet) is no progress yet: 0. No usable target: null.
 * A KPI whose Target is a threshold in words ("at least 90 %") has no progress: its health says whether it
 * holds (kpi-health.ts), and the sheet's Progress formula reads only a number in Target, so both show none.
 */
export function rawProgress(item: Measured): number | null {
  const { target, current } = item;
  if (item.threshold) return null;
  if (item.krType === "binary") return current !== null && current !== 0 ? 1 : 0;
  if (target === null) return null;
  if (item.krType === "milestone") {
    if (target <= 0) return null;
    return current === null ? 0 : Math.floor(current) / target;
  }
  if (current === null) return 0;
  const start = item.start ?? 0;
  if (target === start) return current >= target ? 1 : 0;
  return (current - start) / (target - start);
}

/** Progress clamped to 0..1, as rollups and means use it. */
export function progress(item: Measured): number | null {
  const raw = rawProgress(item);
  return raw === null ? null : clamp01(raw);
}

/**
 * Weighted mean of (progress, weight) pairs; items with weight <= 0 (or not finite) or no progress are left
 * out. Weights too large to add up (two of 1e308 make Infinity) are scaled by the largest first, so the mean
 * stays the mean (validateRows reports such weights as weight_out_of_range).
 */
export function weightedMean(items: readonly { progress: number | null; weight: number }[]): number | null {
  let sum = 0;
  let weights = 0;
  let largest = 0;
  for (const item of items) {
    if (item.progress === null || !(item.weight > 0) || !Number.isFinite(item.weight)) continue;
    sum += item.progress * item.weight;
    weights += item.weight;
    largest = Math.max(largest, item.weight);
  }
  if (!(weights > 0)) return null;
  if (Number.isFinite(weights) && Number.isFinite(sum)) return sum / weights;
  sum = 0;
  weights = 0;
  for (const item of items) {
    if (item.progress === null || !(item.weight > 0) || !Number.isFinite(item.weight)) continue;
    sum += item.progress * (item.weight / largest);
    weights += item.weight / largest;
  }
  return sum / weights;
}

/** An objective's own progress: the weighted mean of its key results' clamped progress. */
export function objectiveProgress(keyResults: readonly (Measured & { weight: number })[]): number | null {
  // weightedMean over (progress, weight), without building the pairs on the usual path.
  let sum = 0;
  let weights = 0;
  for (const kr of keyResults) {
    const value = progress(kr);
    if (value === null || !(kr.weight > 0) || !Number.isFinite(kr.weight)) continue;
    sum += value * kr.weight;
    weights += kr.weight;
  }
  if (!(weights > 0)) return null;
  if (Number.isFinite(weights) && Number.isFinite(sum)) return sum / weights;
  // Weights too large to add up: weightedMean scales them by the largest first.
  return weightedMean(keyResults.map((kr) => ({ progress: progress(kr), weight: kr.weight })));
}

/**
 * Status from progress against expected. `started` is false while nothing has been checked in.
 * Without an expected value (unknown cycle) a started item is judged on track until done.
 */
export function statusOf(
  value: number | null,
  expected: number | null,
  started: boolean,
  thresholds: StatusThresholds = DEFAULT_THRESHOLDS,
): Status {
  if (value !== null && value >= 1) return "done";
  if (!started || value === null) return "not_started";
  if (expected === null) return "on_track";
  const gap = expected - value;
  if (gap > thresholds.offTrackGap) return "off_track";
  if (gap > thresholds.atRiskGap) return "at_risk";
  return "on_track";
}

/** The lowest grade of each band, in tenths: 0.7 and up green (success), 0.4 to 0.6 yellow, below red. */
export const GRADE_BAND_TENTHS = { green: 7, yellow: 4 } as const;

/**
 * A score in whole tenths (0..10), halves up. A billionth is added first so that a progress of 0.35 computed as
 * 0.34999999999999997 grades 0.4, as it reads; the sheet's grade formula adds the same (shared/formulas.ts).
 */
export function gradeTenths(value: number): number {
  return Math.round(clamp01(value) * 10 + 1e-9);
}

/** Score on the 0.0-1.0 scale, rounded to tenths as OKRs are graded at cycle end. */
export function gradeScore(value: number): number {
  return gradeTenths(value) / 10;
}

/** The usual colour bands: 0.0-0.3 red, 0.4-0.6 yellow, 0.7-1.0 green. */
export function gradeBand(score: number): GradeBand {
  const tenths = gradeTenths(score);
  if (tenths >= GRADE_BAND_TENTHS.green) return "green";
  if (tenths >= GRADE_BAND_TENTHS.yellow) return "yellow";
  return "red";
}

export interface ComputedRow {
  /** Clamped 0..1 progress; null when the row has no measurable target (or an objective no KRs). */
  progress: number | null;
  /** Unclamped progress, over-achievement kept. */
  rawProgress: number | null;
  expected: number | null;
  status: Status;
}

export interface ComputeOptions {
  /** ISO date "today" for expected progress. */
  asOf: string;
  thresholds?: StatusThresholds;
  /** Resolves a cycle label to dates; defaults to parseCycle. Settings may override dates. */
  resolveCycle?: (label: string) => CycleWindow | null;
}

/**
 * The computed columns (Progress, Expected, Status) for every row of a sheet, keyed by ID.
 * Key results and KPIs from their own values; objectives from their key results.
 */
export function computeRows(rows: readonly OkrRow[], options: ComputeOptions): Map<string, ComputedRow> {
  const resolve = options.resolveCycle ?? parseCycle;
  const thresholds = options.thresholds ?? DEFAULT_THRESHOLDS;
  // Expected progress depends only on the cycle label (and the day): worked out once per label.
  const expectedByLabel = new Map<string, number | null>();
  const expectedFor = (label: string): number | null => {
    let expected = expectedByLabel.get(label);
    if (expected === undefined) {
      const window = resolve(label);
      expected = window ? expectedProgress(window, options.asOf) : null;
      expectedByLabel.set(label, expected);
    }
    return expected;
  };

  const krsByObjective = new Map<string, OkrRow[]>();
  for (const row of rows) {
    if (row.type !== "key_result" || row.objectiveId === null) continue;
    const list = krsByObjective.get(row.objectiveId);
    if (list) list.push(row);
    else krsByObjective.set(row.objectiveId, [row]);
  }

  const result = new Map<string, ComputedRow>();
  for (const row of rows) {
    const expected = expectedFor(row.cycle);
    if (row.type === "objective") {
      const krs = krsByObjective.get(row.id) ?? [];
      const value = objectiveProgress(krs);
      const started = krs.some((kr) => kr.current !== null);
      result.set(row.id, {
        progress: value,
        rawProgress: value,
        expected,
        status: statusOf(value, expected, started, thresholds),
      });
    } else {
      const raw = rawProgress(row);
      const value = raw === null ? null : clamp01(raw);
      result.set(row.id, {
        progress: value,
        rawProgress: raw,
        expected,
        status: statusOf(value, expected, row.current !== null, thresholds),
      });
    }
  }
  return result;
}
