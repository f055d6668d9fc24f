import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isoDayIn, isTimeZone } from "./time-zone.js";

const ZONES = [
  "UTC",
  "Europe/Stockholm",
  "Europe/Oslo",
  "America/Los_Angeles",
  "Pacific/Kiritimati",
  "Asia/Kolkata",
];

/** The day as a fresh formatter reads it, nothing kept. */
function dayOf(date: Date, timeZone: string): string {
  const format = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  });
  const parts = Object.fromEntries(format.formatToParts(date).map((part) => [part.type, part.value]));
  return `${parts.year}-${parts.month}-${parts.day}`;
}

describe("isoDayIn", () => {
  it("is the instant's calendar day in the zone, asked once or again, in any zone", () => {
    const instant = fc.integer({ min: Date.UTC(2000, 0, 1), max: Date.UTC(2040, 0, 1) });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(instant, fc.constantFrom(...ZONES)), { minLength: 1, maxLength: 40 }),
        (asks) => {
          // each instant asked twice, and in a second zone: a kept day is never another zone's or instant's
          for (const [ms, zone] of [
            ...asks,
            ...asks,
            ...asks.map(([ms]) => [ms, "Pacific/Kiritimati"] as const),
          ])
            expect(isoDayIn(new Date(ms), zone)).toBe(dayOf(new Date(ms), zone));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("turns the day at the zone's midnight, summer time included", () => {
    // 2026-03-29 02:00 in Stockholm is when summer time begins: 22:00 UTC the day before is midnight there
    expect(isoDayIn(new Date("2026-03-28T22:59:59Z"), "Europe/Stockholm")).toBe("2026-03-28");
    expect(isoDayIn(new Date("2026-03-28T23:00:00Z"), "Europe/Stockholm")).toBe("2026-03-29");
    expect(isoDayIn(new Date("2026-06-30T22:00:00Z"), "Europe/Stockholm")).toBe("2026-07-01");
    expect(isoDayIn(new Date("2026-06-30T22:00:00Z"), "UTC")).toBe("2026-06-30");
  });

  it("falls back to UTC for a zone Intl does not know, and refuses an invalid date", () => {
    expect(isTimeZone("Mars/Base")).toBe(false);
    expect(isoDayIn(new Date("2026-06-30T23:30:00Z"), "Mars/Base")).toBe("2026-06-30");
    expect(isoDayIn(new Date("2026-06-30T23:30:00Z"), null)).toBe("2026-06-30");
    expect(() => isoDayIn(new Date(Number.NaN), "UTC")).toThrow(RangeError);
  });
});
