import { describe, expect, it } from "vitest";
import { parseSheet } from "../shared/parse.js";
import { companyAndTeamSheets } from "./fixtures/sheets.js";

const withoutRowNumbers = (language: keyof typeof companyAndTeamSheets) => {
  const result = parseSheet(companyAndTeamSheets[language]);
  return { result, rows: result.rows.map(({ row: _row, ...rest }) => rest) };
};

describe("the same OKRs with en, sv and nb headers", () => {
  const en = withoutRowNumbers("en");

  it("parse the English sheet as written", () => {
    expect(en.result.layout?.language).toBe("en");
    expect(en.rows).toHaveLength(5);
    const [objective, arr, cycle, partner, kpi] = en.rows;
    expect(objective).toMatchObject({
      id: "O-1",
      type: "objective",
      alignsTo: "C-1",
      contributesTo: ["O-9", "C-2"],
      level: "team",
      team: "Sales",
    });
    expect(arr).toMatchObject({
      type: "key_result",
      start: 1_200_000,
      target: 2_000_000,
      current: 1_450_000,
      weight: 2,
      confidence: 0.7,
      krType: "numeric",
      team: "Sales",
      cycle: "2026-Q4",
      level: "team",
    });
    expect(cycle).toMatchObject({ start: 60, target: 45, current: 52, confidence: 0.6 });
    expect(partner).toMatchObject({ krType: "binary", current: 1 });
    expect(kpi).toMatchObject({ type: "kpi", kpiKind: "leading", objectiveId: "O-1" });
    expect(en.result.problems.filter((p) => p.severity === "error")).toEqual([]);
  });

  it.each(["sv", "nb"] as const)("%s gives the identical model", (language) => {
    const other = withoutRowNumbers(language);
    expect(other.result.layout?.language).toBe(language);
    expect(other.rows).toEqual(en.rows);
    expect(other.result.problems.filter((p) => p.severity === "error")).toEqual([]);
  });
});
