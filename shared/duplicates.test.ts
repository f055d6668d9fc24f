import { describe, expect, it } from "vitest";
import { okrRow, sheet } from "../test/support/rows.js";
import { duplicateWork } from "./duplicates.js";
import { buildGraph } from "./graph.js";

// Two teams' objectives, and a third's unlike them; `prefix` names the IDs, `title` the second team's.
const org = (prefix: string, title = "Launch self-serve onboarding for small businesses") =>
  buildGraph([
    sheet("a", [
      okrRow({
        id: `${prefix}-A`,
        type: "objective",
        team: "A",
        title: "Launch self-serve onboarding for small business",
      }),
    ]),
    sheet("b", [okrRow({ id: `${prefix}-B`, type: "objective", team: "B", title })]),
    sheet("c", [okrRow({ id: `${prefix}-C`, type: "objective", team: "C", title: "Hire two engineers" })]),
  ]);
const pairsOf = (graph: ReturnType<typeof buildGraph>) =>
  duplicateWork(graph).pairs.map((pair) => [pair.a.row.id, pair.b.row.id]);

describe("the near-duplicate search, kept for what it searched", () => {
  it("answers another graph of the same items as a search of it would, its own rows", () => {
    const first = org("X");
    expect(pairsOf(first)).toEqual([["X-A", "X-B"]]);
    const again = org("X");
    expect(duplicateWork(again).pairs[0]!.a).toBe(again.objectives.get("X-A"));
    expect(duplicateWork(again).stats).toEqual(duplicateWork(first).stats);
  });

  it("searches again when an ID, a title or a team differs", () => {
    expect(pairsOf(org("X"))).toEqual([["X-A", "X-B"]]);
    // the same titles and teams under other IDs
    expect(pairsOf(org("Y"))).toEqual([["Y-A", "Y-B"]]);
    // the second team's objective retitled: no longer the same work
    expect(pairsOf(org("X", "Cut cloud costs by a fifth"))).toEqual([]);
    const sameTeam = buildGraph([
      sheet("a", [
        okrRow({
          id: "X-A",
          type: "objective",
          team: "A",
          title: "Launch self-serve onboarding for small business",
        }),
      ]),
      sheet("b", [
        okrRow({
          id: "X-B",
          type: "objective",
          team: "A",
          title: "Launch self-serve onboarding for small businesses",
        }),
      ]),
      sheet("c", [okrRow({ id: "X-C", type: "objective", team: "C", title: "Hire two engineers" })]),
    ]);
    // one team's two objectives are not two teams doing the same work
    expect(pairsOf(sameTeam)).toEqual([]);
  });
});
