import { describe, expect, it } from "vitest";
import { okrRow, sheet } from "../test/support/rows.js";
import { alignmentNests, cycleEnded, strictlyWithin } from "./cycle-nesting.js";
import { alignmentProblems, buildGraph } from "./graph.js";
import type { RollupNode } from "./model.js";
import { buildRollup } from "./rollup.js";

describe("cycle containment", () => {
  it.each([
    ["2026-Q4", "2026", true],
    ["Q4 2026", "2026-H2", true],
    ["2026-H2", "2026", true],
    ["2026-11-01..2026-11-30", "2026-Q4", true],
    ["2026-Q4", "2026-Q4", true],
    ["2026-Q3", "2026-H2", true],
    ["2026-Q2", "2026-H2", false],
    ["2026", "2026-Q4", false],
    ["2027-Q1", "2026", false],
    ["2026-09-15..2026-10-15", "2026-Q4", false],
    ["next quarter", "2026", false],
  ])("%s under %s nests: %s", (child, parent, nests) => {
    expect(alignmentNests(child, parent)).toBe(nests);
  });

  it("tells a nested cycle from the same one, and an ended cycle from a running one", () => {
    expect(strictlyWithin("2026-Q4", "2026")).toBe(true);
    expect(strictlyWithin("2026-Q4", "2026-10-01..2026-12-31")).toBe(false);
    expect(cycleEnded("2026-Q3", "2026-10-01")).toBe(true);
    expect(cycleEnded("2026-Q3", "2026-09-30")).toBe(false);
    expect(cycleEnded("someday", "2030-01-01")).toBe(false);
  });
});

// Annual company objectives with quarterly team objectives aligned to them: the most common cadence.
const org = [
  sheet("company", [
    okrRow({ id: "C-1", type: "objective", level: "company", team: "Leadership", cycle: "2026" }),
    okrRow({ id: "CKR-1", type: "key_result", objectiveId: "C-1", cycle: "2026", current: 5 }),
    okrRow({ id: "C-2", type: "objective", level: "company", team: "Leadership", cycle: "2026" }),
  ]),
  sheet("sales", [
    okrRow({ id: "Q3-1", type: "objective", alignsTo: "C-1", cycle: "2026-Q3", title: "Sign Q3 deals" }),
    okrRow({ id: "Q3KR", type: "key_result", objectiveId: "Q3-1", cycle: "2026-Q3", current: 8 }),
    okrRow({ id: "Q4-1", type: "objective", alignsTo: "C-1", cycle: "2026-Q4", title: "Open Norway" }),
    okrRow({ id: "Q4KR", type: "key_result", objectiveId: "Q4-1", cycle: "2026-Q4", current: 2 }),
    okrRow({
      id: "P-1",
      type: "objective",
      level: "individual",
      alignsTo: "Q4-1",
      cycle: "2026-11-01..2026-11-30",
    }),
    okrRow({
      id: "PKR",
      type: "key_result",
      objectiveId: "P-1",
      cycle: "2026-11-01..2026-11-30",
      current: 10,
    }),
    // Q1 of next year does not nest in 2026: still warned of.
    okrRow({ id: "N-1", type: "objective", alignsTo: "C-1", cycle: "2027-Q1" }),
  ]),
];

const find = (roots: readonly RollupNode[], id: string): RollupNode | undefined => {
  for (const root of roots) {
    if (root.id === id) return root;
    const below = find(root.children, id);
    if (below) return below;
  }
  return undefined;
};

describe("nested cycles in the rollup", () => {
  it("the quarter's tree shows the annual parent with that quarter's children, progress rolling up", () => {
    const q4 = buildRollup(org, { cycle: "2026-Q4", asOf: "2026-11-15" });
    expect(q4.roots.map((root) => root.id)).toEqual(["C-1"]);
    const parent = q4.roots[0]!;
    expect(parent.cycle).toBe("2026");
    expect(parent.children.map((child) => child.id)).toEqual(["Q4-1"]);
    expect(parent.children[0]!.children.map((child) => child.id)).toEqual(["P-1"]);
    // Aligned progress: Q4-1's own progress (0.2); the annual parent runs by the year's expected progress.
    expect(parent.alignedProgress).toBeCloseTo(0.2);
    expect(parent.expected).toBeCloseTo(318 / 365);
    expect(find(q4.roots, "Q4-1")!.alignedProgress).toBe(1);
    expect(q4.insights.crossCycle).toEqual([]);
    // Totals count the quarter's own work (and the month inside it), not the year's objective.
    expect(q4.teams.map((team) => [team.key, team.objectiveCount])).toEqual([["Sales", 2]]);
    // The parent's key results are the year's: not among the quarter's at risk.
    expect(q4.insights.atRisk.map((kr) => kr.id)).not.toContain("CKR-1");
  });

  it("the year's tree shows all its quarters' children under the annual objective", () => {
    const year = buildRollup(org, { cycle: "2026", asOf: "2026-11-15" });
    expect(year.roots.map((root) => root.id)).toEqual(["C-1", "C-2"]);
    const parent = year.roots[0]!;
    expect(parent.children.map((child) => [child.id, child.cycle])).toEqual([
      ["Q4-1", "2026-Q4"],
      ["Q3-1", "2026-Q3"],
    ]);
    expect(find(year.roots, "P-1")).toBeDefined();
    // Q3-1 at 0.8, Q4-1 at 0.2: the mean.
    expect(parent.alignedProgress).toBeCloseTo(0.5);
    // Q3 has ended on 2026-11-15: its objective reads by its grade.
    expect(find(year.roots, "Q3-1")!.grade).toBe(0.8);
    expect(find(year.roots, "Q4-1")!.grade).toBeNull();
    // N-1 (2027-Q1) is not inside 2026 and not in the tree.
    expect(find(year.roots, "N-1")).toBeUndefined();
    expect(year.teams.find((team) => team.key === "Sales")!.objectiveCount).toBe(3);
  });

  it("warns only of windows that do not nest", () => {
    const q1 = buildRollup(org, { cycle: "2027-Q1", asOf: "2026-11-15" });
    expect(q1.roots.map((root) => root.id)).toEqual(["N-1"]);
    expect(q1.insights.crossCycle).toEqual([
      { from: "N-1", to: "C-1", fromCycle: "2027-Q1", toCycle: "2026" },
    ]);
    const problems = alignmentProblems(buildGraph(org)).filter((p) => p.code === "cross_cycle_alignment");
    expect(problems.map((p) => p.ids)).toEqual([["N-1", "C-1"]]);
  });

  it("an objective aligned to one in a shorter cycle stays a root with its warning", () => {
    const inverted = [
      sheet("s", [
        okrRow({ id: "Q", type: "objective", cycle: "2026-Q4", level: "company" }),
        okrRow({ id: "Y", type: "objective", cycle: "2026", alignsTo: "Q" }),
      ]),
    ];
    const year = buildRollup(inverted, { cycle: "2026", asOf: "2026-11-15" });
    expect(year.roots.map((root) => root.id)).toEqual(["Y"]);
    expect(year.insights.crossCycle).toHaveLength(1);
    const quarter = buildRollup(inverted, { cycle: "2026-Q4", asOf: "2026-11-15" });
    expect(quarter.roots.map((root) => [root.id, root.children.length])).toEqual([["Q", 0]]);
  });
});
