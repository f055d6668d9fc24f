import { describe, expect, it } from "vitest";
import { okrRow, sheet } from "../test/support/rows.js";
import { buildRollup, listCycles } from "./rollup.js";
import { CANDIDATE_BUDGET } from "./similarity.js";

const sheets = [
  sheet("company", [
    okrRow({
      id: "C-1",
      type: "objective",
      level: "company",
      team: "Leadership",
      title: "Become the Nordic leader",
    }),
    okrRow({ id: "C-2", type: "objective", level: "company", team: "Leadership", title: "Be profitable" }),
    okrRow({ id: "CKR-1", type: "key_result", objectiveId: "C-1", current: 2, title: "Nordic market share" }),
  ]),
  sheet("sales", [
    okrRow({
      id: "S-1",
      type: "objective",
      alignsTo: "C-1",
      weight: 3,
      title: "Win mid-market accounts in Sweden",
    }),
    okrRow({ id: "SKR-1", type: "key_result", objectiveId: "S-1", current: 8, title: "New logos signed" }),
    okrRow({
      id: "SKR-2",
      type: "key_result",
      objectiveId: "S-1",
      current: 4,
      weight: 3,
      title: "Average deal size",
    }),
    okrRow({ id: "S-2", type: "objective", title: "Tidy the CRM" }),
  ]),
  sheet("marketing", [
    okrRow({
      id: "M-1",
      type: "objective",
      team: "Marketing",
      alignsTo: "C-1",
      title: "Win mid-market accounts in Sweden and Norway",
    }),
    okrRow({
      id: "MKR-1",
      type: "key_result",
      team: "Marketing",
      objectiveId: "M-1",
      current: 0,
      title: "Qualified leads from campaigns",
    }),
    okrRow({ id: "P-1", type: "objective", team: "Marketing", level: "individual", alignsTo: "M-1" }),
    okrRow({ id: "Old-1", type: "objective", team: "Marketing", alignsTo: "C-1", cycle: "2026-Q3" }),
  ]),
];

describe("buildRollup", () => {
  const rollup = buildRollup(sheets, {
    cycle: "2026-Q4",
    asOf: "2026-11-15",
    lastCheckIns: new Map([["MKR-1", "2026-10-02T10:00:00Z"]]),
  });

  it("aligns team and individual objectives under the company's", () => {
    // Company objectives first, then by team, title and ID.
    expect(rollup.roots.map((n) => n.id)).toEqual(["C-2", "C-1", "S-2"]);
    const c1 = rollup.roots[1]!;
    expect(c1.children.map((n) => n.id)).toEqual(["M-1", "S-1"]);
    expect(c1.children[0]!.children.map((n) => n.id)).toEqual(["P-1"]);
  });

  it("keeps own and aligned progress side by side", () => {
    const c1 = rollup.roots[1]!;
    expect(c1.progress).toBeCloseTo(0.2, 12);
    const s1 = c1.children[1]!;
    expect(s1.progress).toBeCloseTo((0.8 + 0.4 * 3) / 4, 12);
    // Weighted by the objectives' own weights: S-1 weighs 3, M-1 weighs 1.
    expect(c1.alignedProgress).toBeCloseTo((0.5 * 3 + 0 * 1) / 4, 12);
    expect(c1.keyResultCount).toBe(1);
    expect(s1.expected).toBeCloseTo(45 / 92, 12);
    expect(rollup.roots[0]!.alignedProgress).toBeNull();
  });

  it("totals teams and levels", () => {
    expect(rollup.teams.map((t) => [t.key, t.objectiveCount])).toEqual([
      ["Leadership", 2],
      ["Marketing", 2],
      ["Sales", 2],
    ]);
    const marketing = rollup.teams[1]!;
    expect(marketing.statusCounts.not_started).toBe(1);
    expect(marketing.keyResultCount).toBe(1);
    expect(rollup.levels.map((l) => l.key)).toEqual(["company", "individual", "team"]);
  });

  it("collects insights", () => {
    const { insights } = rollup;
    expect(insights.unsupported.map((o) => o.id)).toEqual(["C-2"]);
    expect(insights.unaligned.map((o) => o.id)).toEqual(["S-2"]);
    expect(insights.duplicates.map((d) => [d.a.id, d.b.id])).toEqual([["M-1", "S-1"]]);
    expect(insights.duplicates[0]!.similarity).toBeGreaterThan(0.7);
    expect(insights.atRisk.find((k) => k.id === "MKR-1")).toMatchObject({
      status: "off_track",
      lastCheckInAt: "2026-10-02T10:00:00Z",
    });
    expect(insights.atRisk.map((k) => [k.id, k.status])).toEqual([
      ["MKR-1", "off_track"],
      ["CKR-1", "off_track"],
    ]);
    expect(insights.cycles).toEqual([]);
  });

  it("keeps only the most alike duplicate pairs", () => {
    const many = Array.from({ length: 30 }, (_, i) =>
      sheet(`t${i}`, [
        okrRow({
          id: `D-${String(i).padStart(2, "0")}`,
          type: "objective",
          team: `Team ${i}`,
          title:
            i % 2
              ? "Launch self-serve onboarding for small business"
              : "Launch self-serve onboarding for small businesses now",
        }),
      ]),
    );
    const all = buildRollup(many, { cycle: "2026-Q4", asOf: "2026-11-15", maxDuplicates: 1_000 }).insights
      .duplicates;
    const capped = buildRollup(many, { cycle: "2026-Q4", asOf: "2026-11-15", maxDuplicates: 10 }).insights
      .duplicates;
    // Thirty teams doing the same work: each objective is listed with at least its budget of look-alikes
    // (the search scores at most CANDIDATE_BUDGET candidates per item, so not all 435 pairs).
    const pairsOf = (id: string) => all.filter((pair) => pair.a.id === id || pair.b.id === id).length;
    for (const { rows } of many) expect(pairsOf(rows[0]!.id)).toBeGreaterThanOrEqual(CANDIDATE_BUDGET);
    expect(all.length).toBeLessThanOrEqual(30 * CANDIDATE_BUDGET);
    expect(capped).toEqual(all.slice(0, 10));
    expect(capped[0]!.similarity).toBeGreaterThanOrEqual(capped[9]!.similarity);
  });

  it("lists cycles newest first", () => {
    expect(listCycles(sheets)).toEqual(["2026-Q4", "2026-Q3"]);
  });

  it("puts every objective of a loop in the tree once", () => {
    const loop = [
      sheet("s", [
        okrRow({ id: "A", type: "objective", alignsTo: "B" }),
        okrRow({ id: "B", type: "objective", alignsTo: "A" }),
      ]),
    ];
    const tree = buildRollup(loop, { cycle: "2026-Q4", asOf: "2026-11-01" });
    expect(tree.roots.map((n) => [n.id, n.children.map((c) => c.id)])).toEqual([["A", ["B"]]]);
    expect(tree.insights.cycles).toEqual([["A", "B"]]);
  });
});

describe("quiet key results", () => {
  const quietSheets = [
    sheet("team", [
      okrRow({ id: "O-1", type: "objective" }),
      okrRow({ id: "KR-recent", type: "key_result", objectiveId: "O-1", current: 2 }),
      okrRow({ id: "KR-old", type: "key_result", objectiveId: "O-1", current: 3 }),
      okrRow({ id: "KR-never", type: "key_result", objectiveId: "O-1" }),
      okrRow({ id: "KR-done", type: "key_result", objectiveId: "O-1", current: 10 }),
      okrRow({ id: "KR-edge", type: "key_result", objectiveId: "O-1", current: 1 }),
    ]),
  ];
  const lastCheckIns = new Map([
    ["KR-recent", "2026-11-20T09:00:00.000Z"],
    ["KR-old", "2026-10-01T09:00:00.000Z"],
    ["KR-edge", "2026-11-10T23:59:00.000Z"],
  ]);

  it("lists key results not done and without a check-in for the given days, never-checked-in first", () => {
    const rollup = buildRollup(quietSheets, { cycle: "2026-Q4", asOf: "2026-11-24", lastCheckIns });
    expect(rollup.insights.quietDays).toBe(14);
    // KR-edge was checked in exactly 14 days before asOf: that is two weeks of silence.
    expect(rollup.insights.quiet.map((kr) => kr.id)).toEqual(["KR-never", "KR-old", "KR-edge"]);
    expect(rollup.insights.quiet[1]!.lastCheckInAt).toBe("2026-10-01T09:00:00.000Z");
  });

  it("takes another number of days, and calls nothing quiet without check-in times", () => {
    const week = buildRollup(quietSheets, {
      cycle: "2026-Q4",
      asOf: "2026-11-24",
      lastCheckIns,
      quietDays: 60,
    });
    expect(week.insights.quiet.map((kr) => kr.id)).toEqual(["KR-never"]);
    const unknown = buildRollup(quietSheets, { cycle: "2026-Q4", asOf: "2026-11-24" });
    expect(unknown.insights.quiet).toEqual([]);
  });
});
