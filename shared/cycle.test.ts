import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dayNumber, expectedProgress, isoFromDayNumber, parseCycle, sheetSerial } from "./cycle.js";

describe("parseCycle", () => {
  it.each([
    ["2026-Q4", "2026-10-01", "2026-12-31"],
    ["Q1 2026", "2026-01-01", "2026-03-31"],
    ["2026 K2", "2026-04-01", "2026-06-30"],
    ["2026q3", "2026-07-01", "2026-09-30"],
    ["2026-H1", "2026-01-01", "2026-06-30"],
    ["H2 2026", "2026-07-01", "2026-12-31"],
    ["2026", "2026-01-01", "2026-12-31"],
    ["2028-Q1", "2028-01-01", "2028-03-31"],
    ["2026-10-15..2026-12-15", "2026-10-15", "2026-12-15"],
    ["2026-10-15 - 2026-12-15", "2026-10-15", "2026-12-15"],
    ["2026-10-15/2026-12-15", "2026-10-15", "2026-12-15"],
  ])("%s is %s to %s", (label, start, end) => {
    expect(parseCycle(label)).toEqual({ label, start, end });
  });

  it.each(["", "Q5 2026", "2026-H3", "next quarter", "2026-12-31..2026-01-01", "2026-02-30..2026-03-01"])(
    "rejects %j",
    (label) => {
      expect(parseCycle(label)).toBeNull();
    },
  );
});

describe("expectedProgress", () => {
  const q4 = { label: "2026-Q4", start: "2026-10-01", end: "2026-12-31" };

  it("is 0 before and on the first day, 1 after the last day", () => {
    expect(expectedProgress(q4, "2026-09-01")).toBe(0);
    expect(expectedProgress(q4, "2026-10-01")).toBe(0);
    expect(expectedProgress(q4, "2027-01-01")).toBe(1);
    expect(expectedProgress(q4, "2027-06-01")).toBe(1);
  });

  it("rises by one day in 92 through Q4", () => {
    expect(expectedProgress(q4, "2026-11-22")).toBeCloseTo(52 / 92, 12);
    expect(expectedProgress(q4, "2026-12-31")).toBeCloseTo(91 / 92, 12);
  });

  it("never leaves 0..1 and never decreases as time passes", () => {
    fc.assert(
      fc.property(fc.integer({ min: 19_000, max: 22_000 }), fc.integer({ min: 0, max: 400 }), (day, step) => {
        const a = expectedProgress(q4, isoFromDayNumber(day));
        const b = expectedProgress(q4, isoFromDayNumber(day + step));
        expect(a).toBeGreaterThanOrEqual(0);
        expect(b).toBeLessThanOrEqual(1);
        expect(b).toBeGreaterThanOrEqual(a);
      }),
    );
  });
});

describe("day numbers", () => {
  it("match Sheets serials", () => {
    expect(sheetSerial("1899-12-30")).toBe(0);
    expect(sheetSerial("2026-11-22")).toBe(46348);
    expect(dayNumber("1970-01-01")).toBe(0);
  });
});
