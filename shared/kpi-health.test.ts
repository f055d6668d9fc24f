import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type Bound,
  boundOn,
  boundText,
  keeps,
  kpiHealth,
  parseThreshold,
  thresholdTarget,
} from "./kpi-health.js";
import { LANGUAGES } from "./model.js";

const kpi = (target: number | null, current: number | null, extra: Record<string, unknown> = {}) => ({
  start: null,
  target,
  current,
  unit: "",
  ...extra,
});

const threshold = (text: string, percentUnit = false) => {
  const read = parseThreshold(text, { percentUnit });
  if (!read?.ok) throw new Error(`not a threshold: ${text} (${JSON.stringify(read)})`);
  return read.threshold;
};

describe("parseThreshold", () => {
  it("leaves a plain number to the Target column", () => {
    for (const text of ["95", "1 200", "0,5", "45 %", "-3", ""]) expect(parseThreshold(text)).toBeNull();
  });

  it("reads at least, at most and ranges in en, sv and nb", () => {
    const atLeast95: Bound = { kind: "at_least", value: 95 };
    for (const text of ["at least 95", "≥ 95", ">=95", "minst 95", "Min 95", "AT LEAST 95"])
      expect(threshold(text).otherwise, text).toEqual(atLeast95);
    for (const text of ["at most 3", "≤3", "högst 3", "høyst 3", "maks 3", "max 3"])
      expect(threshold(text).otherwise, text).toEqual({ kind: "at_most", value: 3 });
    for (const text of [
      "90–110",
      "90 - 110",
      "90..110",
      "between 90 and 110",
      "mellan 90 och 110",
      "mellom 90 og 110",
    ])
      expect(threshold(text).otherwise, text).toEqual({ kind: "range", low: 90, high: 110 });
  });

  it("reads locale numbers and percent", () => {
    expect(threshold("minst 1 200,5").otherwise).toEqual({ kind: "at_least", value: 1200.5 });
    expect(threshold("högst 2,5 %").otherwise).toEqual({ kind: "at_most", value: 0.025 });
    // On a % KPI a bare number above 1 is percent points, as a percent Current is read.
    expect(threshold("at least 90", true).otherwise).toEqual({ kind: "at_least", value: 0.9 });
    expect(threshold("at least 0.9", true).otherwise).toEqual({ kind: "at_least", value: 0.9 });
  });

  it("reads one threshold per month, spans over the new year, and a default for the rest", () => {
    const read = threshold("jan–mar: at least 100; Apr: minst 120; okt: ≤ 5; at least 110");
    expect(read.months[1]).toEqual({ kind: "at_least", value: 100 });
    expect(read.months[3]).toEqual({ kind: "at_least", value: 100 });
    expect(read.months[4]).toEqual({ kind: "at_least", value: 120 });
    expect(read.months[10]).toEqual({ kind: "at_most", value: 5 });
    expect(read.months[5]).toBeUndefined();
    expect(read.otherwise).toEqual({ kind: "at_least", value: 110 });
    const winter = threshold("nov–feb: 10–20");
    expect(
      Object.keys(winter.months)
        .map(Number)
        .sort((a, b) => a - b),
    ).toEqual([1, 2, 11, 12]);
    expect(winter.otherwise).toBeNull();
  });

  it("gives a reason for what it cannot read", () => {
    expect(parseThreshold("at least ninety")).toEqual({ ok: false, reason: "unreadable" });
    expect(parseThreshold("smarch: at least 5")).toEqual({ ok: false, reason: "unreadable" });
    expect(parseThreshold("110–90")).toEqual({ ok: false, reason: "reversed" });
    expect(parseThreshold("jan: ≥ 1; jan: ≥ 2")).toEqual({ ok: false, reason: "month_twice" });
    expect(parseThreshold("≥ 1; ≤ 5")).toEqual({ ok: false, reason: "month_twice" });
  });

  it("stands for one Target only as a lone one-sided bound", () => {
    expect(thresholdTarget(threshold("at least 95"))).toBe(95);
    expect(thresholdTarget(threshold("90–110"))).toBeNull();
    expect(thresholdTarget(threshold("jan: at least 5"))).toBeNull();
  });
});

const finite = fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true });
const rounded = fc.integer({ min: -100_000, max: 100_000 }).map((n) => n / 100);

describe("kpiHealth (properties)", () => {
  it("at least: healthy exactly when the value is the bound or more", () => {
    fc.assert(
      fc.property(rounded, finite, (bound, value) => {
        const row = kpi(null, value, { threshold: `at least ${bound}` });
        expect(kpiHealth(row, "2026-05-10")).toBe(value >= bound ? "healthy" : "unhealthy");
      }),
    );
  });

  it("at most: healthy exactly when the value is the bound or less", () => {
    fc.assert(
      fc.property(rounded, finite, (bound, value) => {
        const row = kpi(null, value, { threshold: `≤ ${bound}` });
        expect(kpiHealth(row, "2026-05-10")).toBe(value <= bound ? "healthy" : "unhealthy");
      }),
    );
  });

  it("a range: healthy exactly inside it, both ends included", () => {
    fc.assert(
      fc.property(rounded, rounded, finite, (a, b, value) => {
        const [low, high] = a <= b ? [a, b] : [b, a];
        const row = kpi(null, value, { threshold: `between ${low} and ${high}` });
        expect(kpiHealth(row, "2026-05-10")).toBe(low <= value && value <= high ? "healthy" : "unhealthy");
        expect(kpiHealth({ ...row, current: low }, "2026-05-10")).toBe("healthy");
        expect(kpiHealth({ ...row, current: high }, "2026-05-10")).toBe("healthy");
      }),
    );
  });

  it("per month: a day is judged by its month's bound, else the default", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 28 }),
        rounded,
        rounded,
        (month, dayOfMonth, monthBound, otherBound) => {
          const row = kpi(null, 0, { threshold: `may: at least ${monthBound}; at most ${otherBound}` });
          const day = `2026-${String(month).padStart(2, "0")}-${String(dayOfMonth).padStart(2, "0")}`;
          expect(boundOn(row, day)).toEqual(
            month === 5 ? { kind: "at_least", value: monthBound } : { kind: "at_most", value: otherBound },
          );
        },
      ),
    );
  });

  it("a plain Target is reached in the Start → Target direction", () => {
    fc.assert(
      fc.property(rounded, rounded, finite, (start, target, value) => {
        fc.pre(start !== target);
        const row = kpi(target, value, { start });
        const healthy = target > start ? value >= target : value <= target;
        expect(kpiHealth(row, "2026-01-01")).toBe(healthy ? "healthy" : "unhealthy");
      }),
    );
  });

  it("written back in any language, a bound reads as the same bound", () => {
    const bound = fc.oneof(
      rounded.map((value): Bound => ({ kind: "at_least", value })),
      rounded.map((value): Bound => ({ kind: "at_most", value })),
      fc
        .tuple(rounded, rounded)
        .map(([a, b]): Bound => ({ kind: "range", low: Math.min(a, b), high: Math.max(a, b) })),
    );
    fc.assert(
      fc.property(bound, fc.constantFrom(...LANGUAGES), (written, language) => {
        // The dashboard's numbers: the locale's decimal comma, a minus sign, spaces between thousands.
        const format = (value: number) =>
          new Intl.NumberFormat(language === "en" ? "en-GB" : language, { maximumFractionDigits: 2 }).format(
            value,
          );
        const text = boundText(written, language, format);
        const read = parseThreshold(text);
        // "1,234" and "1.234" read as thousands; what the dashboard writes is read back as written.
        expect(read?.ok && read.threshold.otherwise, text).toEqual(written);
      }),
    );
  });

  it("says nothing without a value or a threshold", () => {
    expect(kpiHealth(kpi(null, 5), "2026-01-01")).toBeNull();
    expect(kpiHealth(kpi(10, null), "2026-01-01")).toBeNull();
    expect(kpiHealth(kpi(null, 5, { threshold: "jan: ≥ 1" }), "2026-02-01")).toBeNull();
    expect(kpiHealth(kpi(null, 5, { threshold: "nonsense" }), "2026-02-01")).toBeNull();
    expect(keeps({ kind: "range", low: 1, high: 1 }, 1)).toBe(true);
  });
});
