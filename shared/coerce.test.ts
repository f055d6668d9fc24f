import { describe, expect, it } from "vitest";
import { isFormulaError, toBinary, toFraction, toIsoDate, toNumber, toText } from "./coerce.js";

describe("toNumber edge cases", () => {
  it.each([
    [".5", 0.5],
    [",5", 0.5],
    ["-1 234,5", -1234.5],
    ["12,5 %", 0.125],
    ["€ 1 200", 1200],
    ["1 200 kr", 1200],
    ["1'000", 1000],
    ["+3", 3],
    ["  7  ", 7],
    [false, 0],
    [null, null],
    [undefined, null],
  ])("%j is %j", (cell, value) => {
    expect(toNumber(cell)).toEqual({ ok: true, value });
  });

  it.each(["1,000,5", "1.2.3,4,5", "twelve", "12 apples and pears", {}, [], Number.POSITIVE_INFINITY])(
    "%j is not a number, with a reason",
    (cell) => {
      const result = toNumber(cell);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.reason).toMatch(/number/);
    },
  );

  it("a formula error is named in the reason", () => {
    expect(toNumber("#DIV/0!")).toEqual({ ok: false, reason: "shows the formula error #DIV/0!" });
  });
});

describe("isFormulaError", () => {
  it.each(["#REF!", "#N/A", "#VALUE!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#ERROR!", " #n/a "])(
    "%j is one",
    (cell) => {
      expect(isFormulaError(cell)).toBe(true);
    },
  );
  it.each(["#FOO", "REF!", 5, null, "#"])("%j is not", (cell) => {
    expect(isFormulaError(cell)).toBe(false);
  });
});

describe("toFraction", () => {
  it.each([
    [1, 1],
    [10, 1],
    ["11", 0.11],
    ["0,7", 0.7],
    ["", null],
  ])("%j is %j", (cell, value) => {
    expect(toFraction(cell)).toEqual({ ok: true, value });
  });
  it.each([-0.1, 101, "high"])("%j is refused", (cell) => {
    expect(toFraction(cell).ok).toBe(false);
  });
});

describe("toBinary", () => {
  it.each([
    ["yes", 1],
    ["DONE", 1],
    ["true", 1],
    ["ja", 1],
    ["klar", 1],
    ["ferdig", 1],
    ["no", 0],
    ["false", 0],
    ["nej", 0],
    ["nei", 0],
    [true, 1],
    [0, 0],
    ["", null],
  ])("%j is %j", (cell, value) => {
    expect(toBinary(cell)).toEqual({ ok: true, value });
  });
  it("refuses other words", () => {
    expect(toBinary("maybe").ok).toBe(false);
  });
});

describe("toIsoDate and toText", () => {
  it("refuses impossible dates and non-dates", () => {
    expect(toIsoDate("2026-02-30").ok).toBe(false);
    expect(toIsoDate(true).ok).toBe(false);
    expect(toIsoDate(new Date("nope")).ok).toBe(false);
    expect(toIsoDate("")).toEqual({ ok: true, value: null });
  });
  it("shows cells as text", () => {
    expect(toText("  a ")).toBe("a");
    expect(toText(12.5)).toBe("12.5");
    expect(toText(null)).toBe("");
    expect(toText(new Date(2026, 0, 2))).toBe("2026-01-02");
  });
});
