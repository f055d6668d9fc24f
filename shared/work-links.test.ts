import { describe, expect, it } from "vitest";
import { okrRow, sheet } from "../test/support/rows.js";
import { duplicateWork } from "./duplicates.js";
import { buildGraph } from "./graph.js";
import { buildRollup } from "./rollup.js";
import { linkedWork } from "./work-links.js";

describe("work linked by alignment is not the same work twice", () => {
  const sheets = [
    sheet("nordics", [
      okrRow({
        id: "N-1",
        type: "objective",
        team: "Nordics",
        level: "company",
        title: "Grow recurring revenue in the Nordics",
      }),
    ]),
    sheet("norway", [
      okrRow({
        id: "NO-1",
        type: "objective",
        team: "Norway",
        alignsTo: "N-1",
        title: "Grow recurring revenue in Norway",
      }),
      okrRow({
        id: "NO-2",
        type: "objective",
        team: "Norway",
        level: "individual",
        alignsTo: "NO-1",
        title: "Grow recurring revenue in Oslo",
      }),
    ]),
    sheet("sweden", [
      okrRow({
        id: "SE-1",
        type: "objective",
        team: "Sweden",
        alignsTo: "N-1",
        title: "Grow recurring revenue in Sweden",
      }),
      okrRow({
        id: "SE-2",
        type: "objective",
        team: "Sweden",
        contributesTo: ["NO-1"],
        title: "Grow recurring revenue in Norway too",
      }),
    ]),
  ];

  it("a child restating its parent (at any depth) or a contribution's target is no duplicate; siblings are", () => {
    const pairs = duplicateWork(buildGraph(sheets), 0.3).pairs.map((pair) => [pair.a.row.id, pair.b.row.id]);
    expect(pairs).not.toContainEqual(["N-1", "NO-1"]);
    expect(pairs).not.toContainEqual(["N-1", "NO-2"]);
    expect(pairs).not.toContainEqual(["NO-1", "SE-2"]);
    expect(pairs).toContainEqual(["NO-1", "SE-1"]);
    const rollup = buildRollup(sheets, { cycle: "2026-Q4", asOf: "2026-11-01", duplicateThreshold: 0.3 });
    const listed = rollup.insights.duplicates.map((pair) => [pair.a.id, pair.b.id]);
    expect(listed).toContainEqual(["NO-1", "SE-1"]);
    expect(listed).not.toContainEqual(["N-1", "NO-1"]);
  });
});

// Chains past the short walk (64 links) and loops of alignment: the long way round answers the same.
describe("linkedWork on long alignment chains and loops", () => {
  const chain = (prefix: string, length: number, loopTo?: number) =>
    Array.from({ length }, (_, i) =>
      okrRow({
        id: `${prefix}-${i}`,
        type: "objective",
        team: `Team ${i}`,
        alignsTo: i + 1 < length ? `${prefix}-${i + 1}` : loopTo === undefined ? "" : `${prefix}-${loopTo}`,
        title: `Work ${prefix} ${i}`,
      }),
    );
  // D-0 aligns into the loop C-10 … C-79 → C-10 from outside it, as C-0 … C-9 do.
  const branch = okrRow({ id: "D-0", type: "objective", team: "Team D", alignsTo: "C-20", title: "Work D" });
  const graph = buildGraph([sheet("long", chain("L", 100)), sheet("loop", [...chain("C", 80, 10), branch])]);
  const placed = (id: string) => graph.objectives.get(id)!;
  it("finds an objective aligned to through 99 links, either way round, and none off the chain", () => {
    expect(linkedWork(graph, placed("L-0"), placed("L-99"))).toBe(true);
    expect(linkedWork(graph, placed("L-99"), placed("L-0"))).toBe(true);
    expect(linkedWork(graph, placed("L-3"), placed("L-70"))).toBe(true);
    expect(linkedWork(graph, placed("L-0"), placed("C-5"))).toBe(false);
  });
  it("ends on a loop: what lies on it or before it on the same chain is linked, another way in is not", () => {
    expect(linkedWork(graph, placed("C-0"), placed("C-79"))).toBe(true);
    expect(linkedWork(graph, placed("C-11"), placed("C-75"))).toBe(true);
    expect(linkedWork(graph, placed("C-70"), placed("C-5"))).toBe(true);
    expect(linkedWork(graph, placed("D-0"), placed("C-15"))).toBe(true);
    // Neither reaches the other: D-0 joins the loop at C-20, C-5 at C-10, and the loop holds neither.
    expect(linkedWork(graph, placed("D-0"), placed("C-5"))).toBe(false);
    expect(linkedWork(graph, placed("C-5"), placed("D-0"))).toBe(false);
  });
});
