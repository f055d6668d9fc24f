import { describe, expect, it } from "vitest";
import { okrRow, sheet } from "../test/support/rows.js";
import { duplicateWork } from "./duplicates.js";
import { buildGraph } from "./graph.js";
import { buildRollup } from "./rollup.js";

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
