import { describe, expect, it } from "vitest";
import { okrRow, sheet } from "../test/support/rows.js";
import { ANALYSIS_MESSAGES, type AnalysisCode, analysisMessage } from "./analysis-messages.js";
import { checkQuality, QUALITY_RULES, readsLikeTask } from "./quality.js";
import { findNearDuplicates, similarity } from "./similarity.js";

const codes = (problems: { code: string }[]) => problems.map((p) => p.code).sort();

describe("quality rules", () => {
  it("every rule has an id, a severity and a description", () => {
    expect(QUALITY_RULES.length).toBeGreaterThanOrEqual(9);
    for (const rule of QUALITY_RULES) expect(rule.description.length).toBeGreaterThan(10);
  });

  it("a well-formed objective gets no findings", () => {
    const rows = [
      okrRow({ id: "O-1", type: "objective", title: "Customers love onboarding" }),
      okrRow({
        id: "KR-1",
        type: "key_result",
        objectiveId: "O-1",
        title: "Raise activation from 40% to 60%",
        start: 0.4,
        target: 0.6,
      }),
      okrRow({
        id: "KR-2",
        type: "key_result",
        objectiveId: "O-1",
        title: "Cut time to first value",
        start: 14,
        target: 3,
      }),
      okrRow({ id: "K-1", type: "kpi", objectiveId: "O-1", kpiKind: "leading", title: "Weekly activations" }),
    ];
    expect(checkQuality([sheet("s", rows)])).toEqual([]);
  });

  it("flags objectives without enough or with too many key results", () => {
    const rows = [
      okrRow({ id: "O-1", type: "objective" }),
      okrRow({ id: "O-2", type: "objective", owner: "Bo" }),
      okrRow({ id: "KR-1", type: "key_result", objectiveId: "O-2", title: "Revenue" }),
      okrRow({ id: "O-3", type: "objective", owner: "Cy" }),
      ...Array.from({ length: 6 }, (_, i) =>
        okrRow({
          id: `KR-3${i}`,
          type: "key_result",
          objectiveId: "O-3",
          title: `Metric number ${i} grows`,
          kpiKind: null,
        }),
      ),
    ];
    const found = checkQuality([sheet("s", rows)]).filter((p) => p.code.includes("key_results"));
    expect(found.map((p) => [p.code, p.ids])).toEqual([
      ["objective_without_key_results", ["O-1"]],
      ["too_few_key_results", ["O-2"]],
      ["too_many_key_results", ["O-3"]],
    ]);
    expect(
      checkQuality([sheet("s", rows)], { thresholds: { maxKrsPerObjective: 6 } }).some(
        (p) => p.code === "too_many_key_results",
      ),
    ).toBe(false);
  });

  it("flags an owner with too many objectives in a cycle", () => {
    const rows = Array.from({ length: 6 }, (_, i) =>
      okrRow({ id: `O-${i}`, type: "objective", owner: "Dana", title: `Objective ${i}` }),
    );
    const found = checkQuality([sheet("s", rows)]).filter((p) => p.code === "too_many_objectives");
    expect(found).toHaveLength(1);
    expect(found[0]!.ids).toHaveLength(6);
    expect(found[0]!.message).toBe("Dana has 6 objectives in 2026-Q4; at most 5 keeps focus.");
  });

  it("flags key results that are not measurable, have no owner, read like tasks, or lack a leading KPI", () => {
    const rows = [
      okrRow({ id: "O-1", type: "objective" }),
      okrRow({
        id: "KR-1",
        type: "key_result",
        objectiveId: "O-1",
        title: "Launch the new pricing page",
        target: null,
      }),
      okrRow({
        id: "KR-2",
        type: "key_result",
        objectiveId: "O-1",
        title: "Lansera kundportalen",
        krType: "binary",
        owner: "",
      }),
      okrRow({
        id: "KR-3",
        type: "key_result",
        objectiveId: "O-1",
        title: "Launch 3 partner integrations",
        target: 3,
      }),
    ];
    const found = checkQuality([sheet("s", rows)], { language: "sv" });
    expect(codes(found.filter((p) => p.ids?.[0] !== "O-1"))).toEqual(
      [
        "key_result_not_measurable",
        "key_result_reads_like_task",
        "key_result_reads_like_task",
        "key_result_without_leading_kpi",
        "key_result_without_leading_kpi",
        "key_result_without_leading_kpi",
        "key_result_without_owner",
      ].sort(),
    );
    expect(found.find((p) => p.code === "key_result_without_owner")?.message).toBe(
      `s rad ${rows[2]!.row} (KR-2): saknar ägare. Ange vem som flyttar siffran.`,
    );
  });

  it("finds the same work done twice by two teams, not within one team", () => {
    const sales = [
      okrRow({
        id: "S-1",
        type: "objective",
        team: "Sales",
        title: "Launch self-service onboarding for SMB customers",
      }),
    ];
    const success = [
      okrRow({
        id: "CS-1",
        type: "objective",
        team: "Success",
        title: "Launch a self-serve onboarding flow for small business customers",
      }),
      okrRow({ id: "CS-2", type: "objective", team: "Success", title: "Reduce support ticket backlog" }),
    ];
    const found = checkQuality([sheet("sales", sales), sheet("success", success)]).filter(
      (p) => p.code === "duplicate_work",
    );
    expect(found.map((p) => p.ids)).toEqual([["CS-1", "S-1"]]);
  });
});

describe("task-like key results", () => {
  it.each([
    ["Launch the new website", true],
    ["Skapa en kundportal", true],
    ["Lage ny onboarding", true],
    ["Launch 3 new markets", false],
    ["Customers renew at 95%", false],
    ["Kundnöjdhet över 80", false],
  ])("%s -> %s", (title, expected) => {
    expect(readsLikeTask(title)).toBe(expected);
  });
});

describe("similarity", () => {
  // The pairs the default threshold (0.45) was chosen on: 9 true duplicates score 0.49-1.00, 8 pairs of different work sharing words 0.00-0.37.
  const duplicates = [
    [
      "Launch self-service onboarding for SMB customers",
      "Launch a self-serve onboarding flow for small business customers",
    ],
    ["Reduce customer churn", "Reduce churn among customers"],
    ["Öka kundnöjdheten", "Öka kundnöjdhet i Norden"],
    ["Øke kundetilfredsheten", "Øke kundetilfredshet i Norge"],
    ["Make onboarding delightful for new customers", "Make new customer onboarding delightful"],
    ["Cut cloud hosting costs", "Reduce our cloud hosting cost"],
    ["Minska ledtiden för leveranser", "Kortare ledtid för leveranserna"],
    ["Redusere sykefraværet i lageret", "Lavere sykefravær på lageret"],
    ["Migrate billing to the new payment provider", "Move billing onto the new payment provider"],
  ];
  const different = [
    ["Improve developer productivity", "Improve hiring pipeline"],
    ["Increase revenue in the Nordics", "Increase NPS in the Nordics"],
    ["Grow enterprise pipeline", "Reduce infrastructure cost"],
    ["Reduce customer churn", "Reduce customer support wait time"],
    ["Öka kundnöjdheten i Sverige", "Öka försäljningen i Sverige"],
    ["Øke salget i Norge", "Øke kundetilfredsheten i Norge"],
    ["Launch the mobile app in Norway", "Launch the partner portal in Norway"],
    ["New customer onboarding emails", "New customer invoicing process"],
  ];
  it.each(duplicates)("%s ~ %s", (a, b) => expect(similarity(a!, b!)).toBeGreaterThanOrEqual(0.45));
  it.each(different)("%s !~ %s", (a, b) => expect(similarity(a!, b!)).toBeLessThan(0.45));

  it("finds the same pairs as comparing every pair, for items that share a distinctive word", () => {
    // 400 words over 300 items of 3-4 words: every word is distinctive (used by at most 32 items).
    const words = Array.from({ length: 400 }, (_, i) => `word${i.toString(36)}x`);
    const items = Array.from({ length: 300 }, (_, i) => ({
      team: `T${i % 7}`,
      text: `${words[i % 97]} ${words[(i * 7) % 89]} ${words[(i * 3 + 1) % 83]} ${i % 4 === 0 ? "" : words[(i * 11) % 101]}`,
    }));
    const fast = findNearDuplicates(
      items,
      (x) => x.text,
      (x) => x.team,
      0.45,
    );
    let brute = 0;
    for (let i = 0; i < items.length; i++) {
      for (let j = i + 1; j < items.length; j++) {
        if (items[i]!.team !== items[j]!.team && similarity(items[i]!.text, items[j]!.text) >= 0.45) brute++;
      }
    }
    expect(brute).toBeGreaterThan(10);
    expect(fast.length).toBe(brute);
  });
});

describe("analysis messages", () => {
  it("every alignment and quality code has a complete message in en, sv and nb", () => {
    for (const language of ["en", "sv", "nb"] as const) {
      for (const code of Object.keys(ANALYSIS_MESSAGES.en) as AnalysisCode[]) {
        const text = analysisMessage(language, code, {
          where: "W",
          id: "X",
          path: "A → B → A",
          sheet: "S",
          otherSheet: "T",
          owner: "Ann",
          count: 6,
          cycle: "2026-Q4",
          otherCycle: "2026-Q3",
          max: 5,
          min: 2,
          title: "T",
          other: "O",
          similarity: 50,
          level: "team",
          otherLevel: "company",
        });
        expect(text, `${language} ${code}`).not.toMatch(/[{}]/);
        if (language !== "en")
          expect(text, `${language} ${code}`).not.toBe(
            analysisMessage("en", code, {
              where: "W",
              id: "X",
              path: "A → B → A",
              sheet: "S",
              otherSheet: "T",
              owner: "Ann",
              count: 6,
              cycle: "2026-Q4",
              otherCycle: "2026-Q3",
              max: 5,
              min: 2,
              title: "T",
              other: "O",
              similarity: 50,
              level: "team",
              otherLevel: "company",
            }),
          );
      }
    }
  });

  it("quality findings speak Norwegian", () => {
    const rows = [
      okrRow({ id: "O-1", type: "objective" }),
      okrRow({ id: "KR-1", type: "key_result", objectiveId: "O-1", owner: "" }),
    ];
    const found = checkQuality([sheet("salg", rows)], { language: "nb" }).find(
      (p) => p.code === "key_result_without_owner",
    );
    expect(found?.message).toBe(`salg rad ${rows[1]!.row} (KR-1): mangler eier. Si hvem som flytter tallet.`);
  });
});
