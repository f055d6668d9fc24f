// Malformed sheets: each gives the expected problem codes, with row and column, and never throws.
import { describe, expect, it } from "vitest";
import { parseSheet } from "../shared/parse.js";

const HEADER = [
  "ID",
  "Type",
  "Title",
  "Objective",
  "Aligns to",
  "Level",
  "Cycle",
  "Start",
  "Target",
  "Current",
  "KR type",
  "Weight",
  "Confidence",
];
const sheet = (...rows: unknown[][]) => [HEADER, ...rows];
const objective = ["O-1", "Objective", "Grow", "", "", "Team", "2026-Q4", "", "", "", "", "", ""];

const cases: { name: string; values: unknown[][]; codes: string[]; rows?: number }[] = [
  { name: "an empty sheet", values: [], codes: ["missing_header_row"], rows: 0 },
  {
    name: "a sheet of blank rows",
    values: [[], [null, undefined, ""], []],
    codes: ["missing_header_row"],
    rows: 0,
  },
  { name: "only the header", values: [HEADER], codes: [], rows: 0 },
  {
    name: "no Title column",
    values: [
      ["ID", "Type", "Owner", "Cycle"],
      ["O-1", "Objective", "Ann", "2026-Q4"],
    ],
    codes: ["missing_column"],
    rows: 0,
  },
  { name: "a header twice", values: [[...HEADER, "Title"], objective], codes: ["duplicate_column"], rows: 1 },
  {
    name: "wrong types in number cells",
    values: sheet(objective, [
      "KR-1",
      "Key result",
      "Revenue",
      "O-1",
      "",
      "",
      "2026-Q4",
      "abc",
      "12 apples and pears",
      "1..2",
      "",
      "heavy",
      "very",
    ]),
    codes: ["not_a_number", "not_a_number", "not_a_number", "not_a_number", "not_a_fraction"],
  },
  {
    name: "formula errors",
    values: sheet(objective, [
      "KR-1",
      "Key result",
      "#REF!",
      "O-1",
      "",
      "",
      "2026-Q4",
      0,
      "#N/A",
      "#DIV/0!",
      "",
      "",
      "",
    ]),
    codes: ["formula_error", "formula_error", "formula_error", "missing_title"],
  },
  {
    name: "duplicate IDs, reported on both rows",
    values: sheet(objective, [
      "O-1",
      "Objective",
      "Again",
      "",
      "",
      "Team",
      "2026-Q4",
      "",
      "",
      "",
      "",
      "",
      "",
    ]),
    codes: ["duplicate_id", "duplicate_id"],
  },
  {
    name: "unknown parent objective",
    values: sheet(objective, [
      "KR-1",
      "Key result",
      "Revenue",
      "O-404",
      "",
      "",
      "2026-Q4",
      0,
      10,
      5,
      "",
      "",
      "",
    ]),
    codes: ["unknown_objective"],
  },
  {
    name: "a key result under a key result, and objective fields on it",
    values: sheet(
      objective,
      ["KR-1", "Key result", "A", "O-1", "", "", "2026-Q4", 0, 10, 5, "", "", ""],
      ["KR-2", "Key result", "B", "KR-1", "O-1", "", "2026-Q4", 0, 10, 5, "", "", ""],
    ),
    codes: ["parent_is_key_result", "objective_fields_on_key_result"],
  },
  {
    name: "unknown words",
    values: sheet(
      ["O-1", "Goal-ish", "Grow", "", "", "Galaxy", "2026-Q4"],
      ["O-2", "Objective", "Grow", "", "", "Galaxy", "2026-Q4"],
    ),
    codes: ["unknown_value", "unknown_value", "missing_level"],
  },
  {
    name: "a blank type",
    values: sheet(["O-1", "", "Grow", "", "", "Team", "2026-Q4"]),
    codes: ["missing_type"],
    rows: 0,
  },
  {
    name: "a bad cycle and no level",
    values: sheet(["O-1", "Objective", "Grow", "", "", "", "next year"]),
    codes: ["invalid_cycle", "missing_level"],
  },
  {
    name: "negative weight",
    values: sheet(objective, ["KR-1", "Key result", "A", "O-1", "", "", "2026-Q4", 0, 10, 5, "", -2, ""]),
    codes: ["negative_weight"],
  },
  {
    name: "target equal to start",
    values: sheet(objective, [
      "KR-1",
      "Key result",
      "Hold NPS",
      "O-1",
      "",
      "",
      "2026-Q4",
      50,
      50,
      52,
      "",
      "",
      "",
    ]),
    codes: ["target_equals_start"],
  },
  {
    name: "a missing ID",
    values: sheet(["", "Objective", "Grow", "", "", "Team", "2026-Q4"]),
    codes: ["missing_id"],
  },
  {
    name: "note rows and blank rows are skipped",
    values: [["Our plan"], [], HEADER, ["Section: growth"], objective, [null, null, "a lone comment"]],
    codes: [],
    rows: 1,
  },
  {
    name: "cells of every JavaScript kind",
    values: [
      HEADER,
      [
        Symbol("x"),
        { a: 1 },
        ["nested"],
        () => 1,
        Number.NaN,
        Number.POSITIVE_INFINITY,
        new Date("invalid"),
        true,
        12n,
        null,
        undefined,
        -0,
        "x",
      ],
    ],
    codes: ["unknown_value"],
    rows: 0,
  },
];

describe("bad input", () => {
  it.each(cases)("$name", ({ values, codes, rows }) => {
    const result = parseSheet(values as unknown[][]);
    expect(result.problems.map((p) => p.code).sort()).toEqual([...codes].sort());
    if (rows !== undefined) expect(result.rows).toHaveLength(rows);
    for (const problem of result.problems) {
      expect(problem.message.length).toBeGreaterThan(10);
      if (problem.row !== null) expect(problem.message).toMatch(new RegExp(`Row ${problem.row}\\b`));
    }
  });

  it("names the row, the user's header and the value", () => {
    const result = parseSheet([
      ["ID", "Type", "Title", "Objective", "Goal value"],
      ["O-1", "Objective", "Grow"],
      ["KR-1", "KR", "Revenue", "O-1", "abc"],
    ]);
    expect(result.problems.find((p) => p.code === "not_a_number")?.message).toBe(
      "Row 3, Goal value: 'abc' is not a number. Enter a number such as 1200 or 45%.",
    );
  });

  it("reads 10,000 columns of junk quickly and keeps the OKR columns", () => {
    const junk = Array.from({ length: 10_000 }, (_, i) => `junk ${i} ${"x".repeat(i % 50)}`);
    const values = [
      [...junk, "ID", "Type", "Title"],
      [...junk.map((_, i) => (i % 3 === 0 ? Number.NaN : `#REF!`)), "O-1", "Objective", "Grow"],
      junk,
    ];
    const result = parseSheet(values);
    expect(result.layout?.columns.title).toBe(10_002);
    expect(result.rows.map((row) => row.id)).toEqual(["O-1"]);
  });

  it("never throws on random grids", async () => {
    const fc = (await import("fast-check")).default;
    const cell = fc.oneof(
      fc.anything(),
      fc.constantFrom(
        "ID",
        "Type",
        "Title",
        "Objective",
        "Key result",
        "KR",
        "#N/A",
        "1 234,5",
        "45%",
        "",
        "Mål",
        "2026-Q4",
      ),
    );
    fc.assert(
      fc.property(fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 12 }), (values) => {
        const result = parseSheet(values);
        expect(Array.isArray(result.problems)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });
});
