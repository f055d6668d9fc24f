import { describe, expect, it } from "vitest";
import { okrRow, sheet } from "../test/support/rows.js";
import { buildGraph } from "./graph.js";
import { objectiveDetail } from "./objective-detail.js";

const graph = buildGraph([
  sheet("company", [okrRow({ id: "C-1", type: "objective", level: "company", title: "Grow" })]),
  sheet("sales", [
    okrRow({
      id: "S-1",
      type: "objective",
      alignsTo: "C-1",
      contributesTo: ["E-1", "GONE"],
      notes: "Why: margin",
    }),
    okrRow({
      id: "KR-1",
      type: "key_result",
      objectiveId: "S-1",
      start: 10,
      target: 20,
      current: 15,
      weight: 1,
    }),
    okrRow({
      id: "KR-2",
      type: "key_result",
      objectiveId: "S-1",
      krType: "binary",
      target: null,
      current: 1,
      weight: 3,
    }),
    okrRow({ id: "KPI-O", type: "kpi", objectiveId: "S-1", kpiKind: "lagging", current: 7, target: null }),
    okrRow({
      id: "KPI-K",
      type: "kpi",
      objectiveId: "KR-1",
      kpiKind: "leading",
      start: 0,
      target: 40,
      current: 10,
    }),
    okrRow({ id: "S-2", type: "objective", alignsTo: "S-1", title: "Sub-goal" }),
  ]),
  sheet("eng", [okrRow({ id: "E-1", type: "objective", team: "Engineering" })]),
]);

describe("objectiveDetail", () => {
  const checkIns = [
    { krId: "KR-1", value: 14, confidence: 0.6, note: "second", author: "Ann", at: "2026-10-15T10:00:00Z" },
    { krId: "KR-1", value: 12, confidence: 0.5, note: "first", author: "Ann", at: "2026-10-08T10:00:00Z" },
    { krId: "KR-1", value: 30, confidence: null, note: "over", author: "Ann", at: "2026-10-22T10:00:00Z" },
    { krId: "OTHER", value: 1, confidence: null, note: "", author: "Bo", at: "2026-10-22T10:00:00Z" },
  ];
  // On 2026-12-01 two thirds of 2026-Q4 have passed (61 of 92 days): a KR at one half is at risk.
  const detail = objectiveDetail(graph, "S-1", { asOf: "2026-12-01", checkIns })!;

  it("computes the objective from its key results with weights, like the rollup", () => {
    // KR-1: (15-10)/(20-10) = 0.5, weight 1; KR-2 binary done, weight 3 -> (0.5 + 3) / 4
    expect(detail.objective.progress).toBeCloseTo(0.875, 12);
    expect(detail.keyResults.map((kr) => [kr.id, kr.progress, kr.status])).toEqual([
      ["KR-1", 0.5, "at_risk"],
      ["KR-2", 1, "done"],
    ]);
    expect(detail.window).toEqual({ label: "2026-Q4", start: "2026-10-01", end: "2026-12-31" });
    expect(detail.objective.notes).toBe("Why: margin");
  });

  it("places it in the alignment: parent, supporters, contributions both ways (unknown IDs left out)", () => {
    expect(detail.parent?.id).toBe("C-1");
    expect(detail.children.map((ref) => ref.id)).toEqual(["S-2"]);
    expect(detail.contributesTo.map((ref) => ref.id)).toEqual(["E-1"]);
    expect(objectiveDetail(graph, "E-1", { asOf: "2026-11-15" })!.contributors.map((ref) => ref.id)).toEqual([
      "S-1",
    ]);
  });

  it("lists KPIs beside the objective and beside its key results, leading and lagging", () => {
    expect(detail.kpis.map((kpi) => [kpi.id, kpi.kpiKind, kpi.besideId, kpi.progress])).toEqual([
      ["KPI-O", "lagging", "S-1", null],
      ["KPI-K", "leading", "KR-1", 0.25],
    ]);
  });

  it("turns each key result's check-ins into a time-ordered trend of values and progress", () => {
    expect(detail.trends.get("KR-1")!.map((point) => [point.note, point.value, point.progress])).toEqual([
      ["first", 12, 0.2],
      ["second", 14, 0.4],
      ["over", 30, 1],
    ]);
    expect(detail.trends.get("KR-2")).toEqual([]);
    expect(detail.trends.has("OTHER")).toBe(false);
  });

  it("grades the objective and its key results once the cycle has ended, not before", () => {
    expect(detail.ended).toBe(false);
    expect(detail.objective.grade).toBeNull();
    expect(detail.keyResults.every((kr) => kr.grade === null)).toBe(true);
    const after = objectiveDetail(graph, "S-1", { asOf: "2027-01-05" })!;
    expect(after.ended).toBe(true);
    // 0.875 rounds to 0.9 (green); KR-1 at one half is 0.5 (yellow); the binary KR done is 1.0.
    expect(after.objective.grade).toEqual({ score: 0.9, band: "green" });
    expect(after.keyResults.map((kr) => kr.grade)).toEqual([
      { score: 0.5, band: "yellow" },
      { score: 1, band: "green" },
    ]);
  });

  it("is null for an ID that is no objective", () => {
    expect(objectiveDetail(graph, "KR-1", { asOf: "2026-11-15" })).toBeNull();
    expect(objectiveDetail(graph, "NOPE", { asOf: "2026-11-15" })).toBeNull();
  });
});
