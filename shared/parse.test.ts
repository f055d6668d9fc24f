import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toBinary, toFraction, toIsoDate, toNumber } from "./coerce.js";
import {
  COLUMN_ALIASES,
  headerLabel,
  matchHeader,
  parseEnumValue,
  valueLabel,
  valueLabels,
} from "./columns.js";
import { format, languageFromLocale } from "./i18n.js";
import { assignIds, newId } from "./ids.js";
import { COLUMN_KEYS, LANGUAGES, type OkrRow } from "./model.js";
import { parseSheet } from "./parse.js";

describe("columns", () => {
  it("match headers by alias, ignoring case, spaces and punctuation", () => {
    expect(matchHeader("  key RESULT type ")).toBeNull();
    expect(matchHeader("startverdi")).toEqual({ key: "start", language: "nb" });
    expect(matchHeader("kr type")).toEqual({ key: "krType", language: "en" });
    expect(matchHeader("ÄGARE")).toEqual({ key: "owner", language: "sv" });
    expect(matchHeader("Aligns-to")).toEqual({ key: "alignsTo", language: "en" });
    expect(matchHeader(42)).toBeNull();
  });

  it("every canonical header in every language reads back as its own column", () => {
    for (const key of COLUMN_KEYS) {
      for (const language of LANGUAGES) expect(matchHeader(headerLabel(key, language))?.key).toBe(key);
    }
  });

  it("no alias names two columns", () => {
    const owners = new Map<string, string>();
    for (const [key, byLanguage] of Object.entries(COLUMN_ALIASES)) {
      for (const alias of Object.values(byLanguage).flat()) {
        const word = alias.toLowerCase().replace(/[\s\-_.:/()*]+/g, "");
        expect(owners.get(word) ?? key, `${alias}`).toBe(key);
        owners.set(word, key);
      }
    }
  });

  it("value words in all three languages", () => {
    expect(parseEnumValue("type", "Mål")).toBe("objective");
    expect(parseEnumValue("type", "nøkkelresultat")).toBe("key_result");
    expect(parseEnumValue("level", "Företag")).toBe("company");
    expect(parseEnumValue("kpiKind", "etterslepende")).toBe("lagging");
    expect(parseEnumValue("krType", "Milstolpe")).toBe("milestone");
    expect(valueLabel("type", "key_result", "sv")).toBe("Nyckelresultat");
    expect(valueLabels("level", "nb")).toEqual(["Selskap", "Team", "Individuell"]);
  });
});

describe("coercion", () => {
  it.each([
    [1200, 1200],
    ["1 234,5", 1234.5],
    ["1\u00a0234,5", 1234.5],
    ["1,234.5", 1234.5],
    ["1.234,5", 1234.5],
    ["1.234.567", 1_234_567],
    ["0,25", 0.25],
    ["45%", 0.45],
    ["12 kr", 12],
    ["$1,200", 1200],
    ["-3", -3],
    [true, 1],
    ["", null],
  ])("%j is %j", (cell, value) => {
    expect(toNumber(cell)).toEqual({ ok: true, value });
  });

  it.each(["abc", "#N/A", "12abc34", "1,23,4", Number.NaN])("%j is not a number", (cell) => {
    expect(toNumber(cell).ok).toBe(false);
  });

  it("numbers written with thousands separators in any locale read back", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 999_999_999 }),
        fc.integer({ min: 0, max: 99 }),
        fc.constantFrom("en", "sv", "de"),
        (whole, cents, style) => {
          const grouped = whole
            .toString()
            .replace(/\B(?=(\d{3})+(?!\d))/g, style === "en" ? "," : style === "sv" ? " " : ".");
          const decimal = style === "en" ? "." : ",";
          const text = `${grouped}${decimal}${String(cents).padStart(2, "0")}`;
          const result = toNumber(text);
          expect(result.ok && result.value).toBeCloseTo(whole + cents / 100, 6);
        },
      ),
    );
  });

  it("confidence, binary and dates", () => {
    expect(toFraction("70%")).toEqual({ ok: true, value: 0.7 });
    expect(toFraction(7)).toEqual({ ok: true, value: 0.7 });
    expect(toFraction(0.3)).toEqual({ ok: true, value: 0.3 });
    expect(toFraction(250).ok).toBe(false);
    expect(toBinary("Klar")).toEqual({ ok: true, value: 1 });
    expect(toBinary("nei")).toEqual({ ok: true, value: 0 });
    expect(toIsoDate(new Date(2026, 9, 1))).toEqual({ ok: true, value: "2026-10-01" });
    expect(toIsoDate("2026-10-01T09:00:00Z")).toEqual({ ok: true, value: "2026-10-01" });
    expect(toIsoDate(46_296)).toEqual({ ok: true, value: "2026-10-01" });
    expect(toIsoDate("1 oct").ok).toBe(false);
  });
});

describe("ids", () => {
  it("are short, readable and unique", () => {
    const taken = new Set<string>();
    const ids = Array.from({ length: 2000 }, () => newId("key_result", taken));
    expect(new Set(ids).size).toBe(2000);
    for (const id of ids) expect(id).toMatch(/^KR-[0-9A-HJKMNP-TV-Z]{4,}$/);
    expect(newId("objective", new Set(), () => 0)).toBe("O-0000");
  });

  it("grow longer when the short ones are taken", () => {
    const taken = new Set(["O-0000"]);
    expect(newId("objective", taken, () => 0)).toBe("O-00000");
  });

  it("are assigned only to rows without one, and reported for writing back", () => {
    const rows = [
      { id: "O-1", type: "objective", row: 2 },
      { id: "", type: "kpi", row: 3 },
    ] as OkrRow[];
    const written = assignIds(rows, new Set(), () => 0.5);
    expect(written).toEqual([{ row: 3, id: rows[1]!.id }]);
    expect(rows[1]!.id).toMatch(/^KPI-/);
  });
});

describe("i18n", () => {
  it("picks the language from the locale", () => {
    expect(languageFromLocale("sv_SE")).toBe("sv");
    expect(languageFromLocale("nn-NO")).toBe("nb");
    expect(languageFromLocale("no")).toBe("nb");
    expect(languageFromLocale("de")).toBe("en");
    expect(languageFromLocale(undefined)).toBe("en");
    expect(format("Row {row}: {x}", { row: 3 })).toBe("Row 3: {x}");
  });
});

describe("parseSheet", () => {
  const header = ["ID", "Type", "Title", "Objective", "Cycle", "Start", "Target", "Current"];
  const data = [
    ["O-1", "Objective", "A", "", "2026-Q4"],
    ["KR-1", "KR", "B", "O-1", "", 0, 10, 4],
    ["KR-2", "KR", "C", "O-1", "", 5, 1, 3],
    ["O-2", "Objective", "D", "", "2026-Q4"],
    ["KPI-1", "KPI", "E", "KR-1", "", 1, 2, ""],
  ];

  it("permuting the data rows changes nothing but row numbers", () => {
    const sorted = parseSheet([header, ...data]);
    fc.assert(
      fc.property(
        fc.shuffledSubarray(data, { minLength: data.length, maxLength: data.length }),
        (shuffled) => {
          const result = parseSheet([header, ...shuffled]);
          const strip = (rows: OkrRow[]) =>
            rows.map(({ row: _row, ...rest }) => rest).sort((a, b) => (a.id < b.id ? -1 : 1));
          expect(strip(result.rows)).toEqual(strip(sorted.rows));
          expect(result.problems.map((p) => p.code).sort()).toEqual(
            sorted.problems.map((p) => p.code).sort(),
          );
        },
      ),
    );
  });

  it("finds the header below title rows and keeps the layout", () => {
    const result = parseSheet([["Our OKRs"], [], header, ...data]);
    expect(result.layout).toMatchObject({ headerRow: 3, language: "en", width: header.length });
    expect(result.rows[0]).toMatchObject({ id: "O-1", row: 4 });
    expect(result.rows[1]).toMatchObject({ cycle: "2026-Q4", krType: "numeric", weight: 1 });
  });

  it("writes problem messages in the language asked for", () => {
    const result = parseSheet([header, ["KR-1", "KR", "B", "O-9", "", 0, 10, 4]], {
      language: "nb",
      sheetId: "s1",
    });
    expect(result.problems[0]).toMatchObject({
      code: "unknown_objective",
      sheetId: "s1",
      row: 2,
      column: "objective",
    });
    expect(result.problems[0]!.message).toBe(
      "Rad 2, Objective: 'O-9' er verken ID eller tittel for et mål i arket eller organisasjonen.",
    );
  });
});
