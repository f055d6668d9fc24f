import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { keyResultRow } from "../test/support/rows.js";
import type { KrType, OkrRow } from "./model.js";
import {
  computeRows,
  gradeBand,
  gradeScore,
  objectiveProgress,
  progress,
  rawProgress,
  statusOf,
  weightedMean,
} from "./progress.js";

const kr = (
  start: number | null,
  target: number | null,
  current: number | null,
  krType: KrType | null = null,
) => ({
  start,
  target,
  current,
  krType,
});

describe("rawProgress", () => {
  it("is linear from start to target, over-achievement kept", () => {
    expect(rawProgress(kr(100, 200, 150))).toBe(0.5);
    expect(rawProgress(kr(100, 200, 250))).toBe(1.5);
    expect(rawProgress(kr(100, 200, 50))).toBe(-0.5);
  });

  it("handles a decrease (target below start)", () => {
    expect(rawProgress(kr(10, 2, 6))).toBe(0.5);
    expect(rawProgress(kr(10, 2, 1))).toBeCloseTo(1.125, 12);
  });

  it("counts a blank start as 0 and a blank current as no progress yet", () => {
    expect(rawProgress(kr(null, 40, 10))).toBe(0.25);
    expect(rawProgress(kr(0, 40, null))).toBe(0);
  });

  it("treats target equal to start as hold-at-least", () => {
    expect(rawProgress(kr(50, 50, 50))).toBe(1);
    expect(rawProgress(kr(50, 50, 49))).toBe(0);
  });

  it("binary: done or not", () => {
    expect(rawProgress(kr(0, 1, 1, "binary"))).toBe(1);
    expect(rawProgress(kr(0, 1, 0, "binary"))).toBe(0);
    expect(rawProgress(kr(null, null, null, "binary"))).toBe(0);
  });

  it("milestone: whole steps reached of n", () => {
    expect(rawProgress(kr(0, 4, 3, "milestone"))).toBe(0.75);
    expect(rawProgress(kr(0, 4, 2.9, "milestone"))).toBe(0.5);
    expect(rawProgress(kr(0, 0, 2, "milestone"))).toBeNull();
  });

  it("has no progress without a target", () => {
    expect(rawProgress(kr(0, null, 5))).toBeNull();
  });
});

describe("progress properties", () => {
  const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true });

  it("clamped progress stays in 0..1", () => {
    fc.assert(
      fc.property(fc.option(finite), fc.option(finite), fc.option(finite), (start, target, current) => {
        const value = progress(kr(start, target, current));
        if (value !== null) {
          expect(value).toBeGreaterThanOrEqual(0);
          expect(value).toBeLessThanOrEqual(1);
        }
      }),
    );
  });

  it("a decrease KR mirrors the increase KR", () => {
    fc.assert(
      fc.property(finite, finite, finite, (start, target, current) => {
        fc.pre(start !== target);
        const up = rawProgress(kr(start, target, current))!;
        const down = rawProgress(kr(-start, -target, -current))!;
        expect(down).toBeCloseTo(up, 6);
      }),
    );
  });
});

describe("objective progress", () => {
  it("is the weighted mean of clamped KR progress", () => {
    const krs = [
      { ...kr(0, 10, 5), weight: 1 },
      { ...kr(0, 10, 20), weight: 3 }, // over-achieved: counts as 1
      { ...kr(0, null, 5), weight: 5 }, // no target: left out
      { ...kr(0, 10, 10), weight: 0 }, // weight 0: left out
    ];
    expect(objectiveProgress(krs)).toBeCloseTo((0.5 * 1 + 1 * 3) / 4, 12);
    expect(objectiveProgress([])).toBeNull();
    expect(weightedMean([{ progress: 0.2, weight: -1 }])).toBeNull();
  });
});

describe("status and grading", () => {
  it("compares progress with expected by the thresholds", () => {
    expect(statusOf(0.5, 0.55, true)).toBe("on_track");
    expect(statusOf(0.5, 0.65, true)).toBe("at_risk");
    expect(statusOf(0.5, 0.8, true)).toBe("off_track");
    expect(statusOf(1, 0.2, true)).toBe("done");
    expect(statusOf(0, 0.5, false)).toBe("not_started");
    expect(statusOf(0.3, null, true)).toBe("on_track");
    expect(statusOf(0.5, 0.65, true, { atRiskGap: 0.2, offTrackGap: 0.4 })).toBe("on_track");
  });

  it("grades on the 0.0-1.0 scale with colour bands", () => {
    expect(gradeScore(0.66)).toBe(0.7);
    expect(gradeScore(1.4)).toBe(1);
    expect(gradeBand(0.3)).toBe("red");
    expect(gradeBand(0.36)).toBe("yellow");
    expect(gradeBand(0.6)).toBe("yellow");
    expect(gradeBand(0.7)).toBe("green");
  });
});

describe("computeRows", () => {
  const {
    id: _id,
    type: _type,
    row: _row,
    ...base
  }: OkrRow = keyResultRow("", {
    title: "",
    objectiveId: null,
    level: "team",
    owner: "Ann",
    current: null,
    krType: null,
  });
  const rows: OkrRow[] = [
    { ...base, id: "O-1", type: "objective", row: 2, target: null },
    { ...base, id: "KR-1", type: "key_result", objectiveId: "O-1", current: 60, row: 3 },
    { ...base, id: "KR-2", type: "key_result", objectiveId: "O-1", current: 20, row: 4 },
    { ...base, id: "O-2", type: "objective", row: 5, target: null },
    { ...base, id: "KR-3", type: "key_result", objectiveId: "O-2", row: 6 },
  ];

  it("computes KR, objective, expected and status columns", () => {
    const result = computeRows(rows, { asOf: "2026-11-15" }); // 45/92 of Q4 elapsed
    const expected = 45 / 92;
    expect(result.get("KR-1")).toEqual({ progress: 0.6, rawProgress: 0.6, expected, status: "on_track" });
    expect(result.get("KR-2")?.status).toBe("off_track");
    expect(result.get("O-1")?.progress).toBeCloseTo(0.4, 12);
    expect(result.get("O-1")?.status).toBe("on_track");
    expect(result.get("O-2")).toEqual({ progress: 0, rawProgress: 0, expected, status: "not_started" });
  });

  it("does not depend on row order", () => {
    const a = computeRows(rows, { asOf: "2026-12-01" });
    const b = computeRows([...rows].reverse(), { asOf: "2026-12-01" });
    expect([...b.entries()].sort()).toEqual([...a.entries()].sort());
  });
});
