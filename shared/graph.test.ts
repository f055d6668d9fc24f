import { describe, expect, it } from "vitest";
import { okrRow, sheet } from "../test/support/rows.js";
import { alignmentProblems, buildGraph, findCycles } from "./graph.js";

const company = [
  okrRow({
    id: "C-1",
    type: "objective",
    level: "company",
    team: "Leadership",
    title: "Become the Nordic leader",
  }),
  okrRow({ id: "C-2", type: "objective", level: "company", team: "Leadership", title: "Be profitable" }),
];

describe("alignment graph", () => {
  it("links children to parents across sheets and finds what is wrong", () => {
    const sales = [
      okrRow({ id: "S-1", type: "objective", alignsTo: "C-1", contributesTo: ["M-1"] }),
      okrRow({ id: "S-2", type: "objective" }),
      okrRow({ id: "S-3", type: "objective", alignsTo: "C-404", contributesTo: ["Z-9"] }),
      okrRow({ id: "S-4", type: "objective", alignsTo: "KR-1", cycle: "2026-Q4" }),
      okrRow({ id: "KR-1", type: "key_result", objectiveId: "S-1" }),
      okrRow({ id: "KR-2", type: "key_result", objectiveId: "X-1" }),
    ];
    const marketing = [
      okrRow({ id: "M-1", type: "objective", team: "Marketing", alignsTo: "C-1", cycle: "2026-Q3" }),
      okrRow({
        id: "C-9",
        type: "objective",
        level: "company",
        alignsTo: "M-1",
        team: "Marketing",
        cycle: "2026-Q3",
      }),
    ];
    const graph = buildGraph([
      sheet("company", company),
      sheet("sales", sales),
      sheet("marketing", marketing),
    ]);
    expect(graph.children.get("C-1")?.map((p) => p.row.id)).toEqual(["S-1", "M-1"]);
    expect(graph.contributors.get("M-1")?.map((p) => p.row.id)).toEqual(["S-1"]);
    const byCode = (code: string) =>
      alignmentProblems(graph)
        .filter((p) => p.code === code)
        .map((p) => p.ids);
    expect(byCode("unaligned_objective")).toEqual([["S-2"]]);
    expect(byCode("unknown_alignment")).toEqual([["S-3", "C-404"]]);
    expect(byCode("unknown_contribution")).toEqual([["S-3", "Z-9"]]);
    expect(byCode("aligned_to_key_result")).toEqual([["S-4", "KR-1"]]);
    expect(byCode("unknown_parent")).toEqual([["KR-2", "X-1"]]);
    expect(byCode("unsupported_company_objective")).toEqual([["C-2"], ["C-9"]]);
    expect(byCode("cross_cycle_alignment")).toEqual([["M-1", "C-1"]]);
    expect(byCode("level_inversion")).toEqual([["C-9", "M-1"]]);
  });

  it("reports each cycle once, with its IDs, and self-links", () => {
    const rows = [
      okrRow({ id: "A", type: "objective", alignsTo: "B" }),
      okrRow({ id: "B", type: "objective", alignsTo: "C" }),
      okrRow({ id: "C", type: "objective", alignsTo: "A" }),
      okrRow({ id: "D", type: "objective", alignsTo: "A" }),
      okrRow({ id: "E", type: "objective", alignsTo: "E" }),
    ];
    const graph = buildGraph([sheet("s", rows)]);
    expect(findCycles(graph)).toEqual([["A", "B", "C"]]);
    const problems = alignmentProblems(graph);
    const cycle = problems.find((p) => p.code === "alignment_cycle")!;
    expect(cycle.message).toContain("A → B → C → A");
    expect(problems.filter((p) => p.code === "self_alignment").map((p) => p.ids)).toEqual([["E"]]);
  });

  it("reports an ID used in two sheets and keeps the first", () => {
    const graph = buildGraph([
      sheet("a", [okrRow({ id: "O-1", type: "objective", title: "first" })]),
      sheet("b", [okrRow({ id: "O-1", type: "objective", title: "second" })]),
    ]);
    expect(graph.objectives.get("O-1")?.row.title).toBe("first");
    expect(
      alignmentProblems(graph, { language: "sv" }).find((p) => p.code === "duplicate_id_across_sheets")
        ?.message,
    ).toBe("ID 'O-1' används både i a och b. Ge ett av dem ett nytt ID.");
  });

  it("handles a 100,000-long alignment chain without recursion", () => {
    const rows = Array.from({ length: 100_000 }, (_, i) =>
      okrRow({ id: `O-${i}`, type: "objective", alignsTo: i > 0 ? `O-${i - 1}` : null }),
    );
    const graph = buildGraph([sheet("s", rows)]);
    expect(findCycles(graph)).toEqual([]);
  });
});
