import { describe, expect, it } from "vitest";
import { okrRow } from "../test/support/rows.js";
import type { OkrRow } from "./model.js";
import { validateRows } from "./validate.js";

const base: OkrRow = okrRow({ id: "O-1", type: "objective", title: "Grow", row: 2 });
const objective = base;
const kr = (fields: Partial<OkrRow>): OkrRow => ({
  ...base,
  id: "KR-1",
  type: "key_result",
  objectiveId: "O-1",
  level: null,
  krType: "numeric",
  start: 0,
  target: 10,
  row: 3,
  ...fields,
});
const codes = (rows: OkrRow[], known?: Set<string>) =>
  validateRows(rows, known ? { knownObjectiveIds: known } : {}).map((p) => p.code);

describe("validateRows", () => {
  it("a clean objective with a key result has no problems", () => {
    expect(validateRows([objective, kr({})])).toEqual([]);
  });

  it("parents may live in other sheets of the organisation", () => {
    expect(codes([kr({ objectiveId: "O-77" })])).toEqual(["unknown_objective"]);
    expect(codes([kr({ objectiveId: "O-77" })], new Set(["O-77"]))).toEqual([]);
  });

  it("a KPI may sit beside a key result; a key result may not", () => {
    const kpi = kr({ id: "KPI-1", type: "kpi", objectiveId: "KR-1", krType: null, row: 4 });
    expect(codes([objective, kr({}), kpi])).toEqual([]);
    expect(codes([objective, kr({}), kr({ id: "KR-2", objectiveId: "KR-1", row: 4 })])).toEqual([
      "parent_is_key_result",
    ]);
  });

  it("a key result needs an objective; a KPI may stand alone", () => {
    expect(codes([kr({ objectiveId: null })])).toEqual(["missing_objective"]);
    expect(codes([kr({ type: "kpi", objectiveId: null, krType: null })])).toEqual([]);
  });

  it("duplicate IDs are reported on both rows, with both IDs", () => {
    const problems = validateRows([objective, { ...objective, row: 9 }]);
    expect(problems.map((p) => [p.code, p.row])).toEqual([
      ["duplicate_id", 9],
      ["duplicate_id", 2],
    ]);
    expect(problems[0]!.message).toBe("Row 9, ID: 'O-1' is also the ID of row 2. Give each row its own ID.");
  });

  it("range checks", () => {
    expect(codes([objective, kr({ confidence: 1.5 })])).toEqual(["confidence_out_of_range"]);
    expect(codes([objective, kr({ weight: -1 })])).toEqual(["negative_weight"]);
    expect(codes([objective, kr({ start: 50, target: 50 })])).toEqual(["target_equals_start"]);
    expect(codes([objective, kr({ cycle: "someday" })])).toEqual(["invalid_cycle"]);
    expect(codes([{ ...objective, level: null }])).toEqual(["missing_level"]);
    expect(codes([objective, kr({ alignsTo: "O-2", contributesTo: ["O-3"] })])).toEqual([
      "objective_fields_on_key_result",
      "objective_fields_on_key_result",
    ]);
  });

  it("severities: hints and warnings are not errors", () => {
    const problems = validateRows([{ ...objective, level: null }, kr({ start: 5, target: 5 })]);
    expect(Object.fromEntries(problems.map((p) => [p.code, p.severity]))).toEqual({
      missing_level: "warning",
      target_equals_start: "hint",
    });
  });

  it("writes messages in Swedish and Norwegian", () => {
    const [sv] = validateRows([kr({ objectiveId: "O-9" })], { language: "sv" });
    expect(sv!.message).toBe(
      "Rad 3, Hör till mål: 'O-9' är varken ID eller titel för ett mål i bladet eller organisationen.",
    );
    const [nb] = validateRows([kr({ weight: -2 })], { language: "nb", knownObjectiveIds: new Set(["O-1"]) });
    expect(nb!.message).toMatch(/^Rad 3, Vekt: -2 er negativ/);
  });
});
