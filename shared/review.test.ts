import { describe, expect, it } from "vitest";
import { objective, okrRow } from "../test/api/rows.js";
import { buildGraph } from "./graph.js";
import type { Person } from "./people.js";
import {
  alignedTeams,
  mayReview,
  type ReviewVerdict,
  reviewersOf,
  reviewState,
  teamFindings,
  teamsOfCycle,
} from "./review.js";

const request = {
  team: "Sales",
  cycle: "2027-Q1",
  round: 2,
  requestedAt: "2026-12-01T00:00:00Z",
  requestedBy: "ada@x.se",
};
const verdict = (
  email: string,
  decision: ReviewVerdict["decision"],
  at: string,
  round = 2,
): ReviewVerdict => ({
  team: "Sales",
  cycle: "2027-Q1",
  round,
  reviewerEmail: email,
  reviewerName: email,
  decision,
  at,
});

describe("alignment review", () => {
  it("is decided by the latest word of each reviewer on the latest round; changes requested outweigh approvals", () => {
    expect(reviewState(null, [])).toBe("not_requested");
    expect(reviewState(request, [])).toBe("requested");
    expect(reviewState(request, [verdict("a", "approved", "2026-12-02T00:00:00Z", 1)])).toBe("requested");
    expect(reviewState(request, [verdict("a", "approved", "2026-12-02T00:00:00Z")])).toBe("approved");
    expect(
      reviewState(request, [
        verdict("a", "approved", "2026-12-02T00:00:00Z"),
        verdict("b", "changes_requested", "2026-12-02T01:00:00Z"),
      ]),
    ).toBe("changes_requested");
    expect(
      reviewState(request, [
        verdict("b", "approved", "2026-12-03T00:00:00Z"),
        verdict("b", "changes_requested", "2026-12-02T01:00:00Z"),
      ]),
    ).toBe("approved");
  });

  const sheets = [
    {
      sheetId: "company",
      name: "Company",
      rows: [objective("O-C", { team: "Leadership", level: "company", cycle: "2027", row: 2 })],
    },
    {
      sheetId: "ops",
      name: "Ops",
      rows: [objective("O-OPS", { team: "Ops", cycle: "2027-Q1", row: 2 })],
    },
    {
      sheetId: "sales",
      name: "Sales",
      rows: [
        objective("O-S", {
          team: "Sales",
          cycle: "2027-Q1",
          alignsTo: "O-C",
          contributesTo: ["O-OPS"],
          row: 2,
        }),
        okrRow("KR-S", {
          objectiveId: "O-S",
          team: "Sales",
          cycle: "2027-Q1",
          title: "Launch the portal",
          target: null,
          row: 3,
        }),
        objective("O-OLD", { team: "Sales", cycle: "2026-Q4", row: 4 }),
      ],
    },
  ];
  const graph = buildGraph(sheets);

  it("asks the team's leaders and the teams it aligns with or depends on; finds what is wrong with its draft only", () => {
    expect(alignedTeams(graph, "Sales", "2027-Q1")).toEqual(["Leadership", "Ops"]);
    expect(teamsOfCycle(graph, "2027-Q1")).toEqual(["Ops", "Sales"]);
    const people: Person[] = [
      { email: "lead@x", name: "Lead", team: "Sales", role: "reader", leader: true },
      { email: "seller@x", name: "Seller", team: "Sales", role: "reader", leader: false },
      { email: "ceo@x", name: "CEO", team: "Leadership", role: "reader", leader: true },
      { email: "ops1@x", name: "Ops One", team: "Ops", role: "reader", leader: false },
      { email: "hr@x", name: "HR", team: "HR", role: "reader", leader: true },
    ];
    expect(reviewersOf(people, "Sales", alignedTeams(graph, "Sales", "2027-Q1")).map((p) => p.email)).toEqual(
      ["lead@x", "ceo@x", "ops1@x"],
    );
    const others = alignedTeams(graph, "Sales", "2027-Q1");
    expect(people.filter((p) => mayReview(p, "Sales", others)).map((p) => p.email)).toEqual([
      "lead@x",
      "ceo@x",
      "ops1@x",
    ]);
    expect(mayReview({ ...people[4]!, role: "admin" }, "Sales", others)).toBe(true);
    const findings = teamFindings(graph, "Sales", "2027-Q1");
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((p) => (p.ids ?? []).some((id) => id === "O-S" || id === "KR-S"))).toBe(true);
    expect(findings.map((p) => p.code)).toContain("key_result_not_measurable");
    expect(findings[0]!.severity).toBe("error");
  });
});
