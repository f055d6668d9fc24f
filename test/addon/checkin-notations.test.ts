// The check-in dialog and the custom functions read values as the sheet's parser reads a cell (issue 12): one
// coercion (shared/coerce.ts) for numbers in en/sv/nb notation, units, percent signs, percent points on a percent
// key result, yes/no words, and one rule for the confidence's scales. Through the built add-on.
import { beforeAll, describe, expect, it } from "vitest";
import { parseSheet } from "../../shared/parse.js";
import { ensureBuiltAddon } from "../support/gas/built-addon.js";
import { loadAddon } from "../support/gas/load-addon.js";
import { FakeWorkbook } from "../support/gas/spreadsheet.js";

beforeAll(async () => {
  await ensureBuiltAddon();
});

const HEADER = ["ID", "Type", "Title", "Objective", "Cycle", "Start", "Target", "Current", "KR type", "Unit"];

function book(): FakeWorkbook {
  const workbook = new FakeWorkbook();
  workbook.addSheet("OKRs", [
    HEADER,
    ["O-1", "Objective", "Grow", "", "2026-Q4", "", "", "", "", ""],
    ["KR-NUM", "Key result", "Revenue", "O-1", "", 0, 2000, 100, "", "kSEK"],
    ["KR-PCT", "Key result", "Satisfied customers", "O-1", "", 0.8, 0.9, 0.8, "Percent", ""],
    ["KR-BIN", "Key result", "Ship the help centre", "O-1", "", "", "", "no", "Binary", ""],
  ]);
  return workbook;
}

/** What the dialog's value means, per key result: every notation the issue names, and its value. */
const VALUES: [kr: string, typed: unknown, stored: number][] = [
  ["KR-NUM", "1 500", 1500],
  ["KR-NUM", "1,500", 1500],
  ["KR-NUM", "1500 kSEK", 1500],
  ["KR-NUM", "1\u00a0500", 1500],
  ["KR-NUM", "1 234,5", 1234.5],
  ["KR-NUM", "1.234,5", 1234.5],
  ["KR-NUM", "1,234.5", 1234.5],
  ["KR-NUM", "4,5", 4.5],
  ["KR-NUM", "12 kr", 12],
  ["KR-NUM", 750, 750],
  ["KR-PCT", "65%", 0.65],
  ["KR-PCT", "65 %", 0.65],
  ["KR-PCT", "65", 0.65],
  ["KR-PCT", 88, 0.88],
  ["KR-PCT", "0,85", 0.85],
  ["KR-PCT", 0.85, 0.85],
  ["KR-BIN", "ja", 1],
  ["KR-BIN", " Done", 1],
  ["KR-BIN", "KLART", 1],
  ["KR-BIN", "ferdig", 1],
  ["KR-BIN", "true", 1],
  ["KR-BIN", "nei", 0],
  ["KR-BIN", "nej", 0],
  ["KR-BIN", 1, 1],
];

/** The confidence, on each of its scales (0-1, 0-100 %, 1-10), as the parser reads the Confidence column. */
const CONFIDENCES: [typed: unknown, stored: number | ""][] = [
  ["70%", 0.7],
  ["70 %", 0.7],
  ["70", 0.7],
  ["7", 0.7],
  [7, 0.7],
  ["0,7", 0.7],
  [0.7, 0.7],
  ["", ""],
];

describe("the check-in dialog reads every notation as the sheet does", () => {
  it("values: numbers in en/sv/nb notation and units, percent in every form, yes/no words; the sheet's Current and progress follow", () => {
    const workbook = book();
    const { addon } = loadAddon({ book: workbook });
    addon.menuSetUpSheet();
    const sheet = workbook.sheet("OKRs")!;
    const { layout } = parseSheet(sheet.values());
    const { columns } = layout!;
    for (const [kr, typed, stored] of VALUES) {
      const outcome = addon.submitCheckIn({ krId: kr, value: typed, confidence: "" }) as {
        ok: boolean;
        message: string;
        value: number;
      };
      expect(outcome.ok, `${kr} ${JSON.stringify(typed)}: ${outcome.message}`).toBe(true);
      expect(outcome.value, `${kr} ${JSON.stringify(typed)}`).toBeCloseTo(stored, 12);
      const values = sheet.values();
      const parsed = parseSheet(values);
      const row = parsed.rows.find((r) => r.id === kr)!;
      // The cell holds the number the engine reads, and the sheet's formula computes from it.
      expect(values[row.row - 1]![columns.current!], `${kr} ${JSON.stringify(typed)} in Current`).toBeCloseTo(
        stored,
        12,
      );
      const progress = values[row.row - 1]![columns.progress!] as number;
      const expected =
        kr === "KR-NUM"
          ? stored / 2000
          : kr === "KR-PCT"
            ? Math.min(1, Math.max(0, (stored - 0.8) / 0.1))
            : stored;
      expect(progress, `${kr} ${JSON.stringify(typed)} progress`).toBeCloseTo(
        Math.min(1, Math.max(0, expected)),
        9,
      );
    }
    const log = workbook.sheet("Check-ins")!.values().slice(1);
    expect(log.map((line) => line[2])).toEqual(VALUES.map(([, , stored]) => expect.closeTo(stored, 12)));
  });

  it("confidence: 70 %, 70, 7, 0.7 and 0,7 are all 70 %, as the Confidence column reads them; 250 and words are refused", () => {
    const workbook = book();
    const { addon } = loadAddon({ book: workbook });
    addon.menuSetUpSheet();
    for (const [typed, stored] of CONFIDENCES) {
      const outcome = addon.submitCheckIn({ krId: "KR-NUM", value: 10, confidence: typed }) as {
        ok: boolean;
        message: string;
      };
      expect(outcome.ok, `${JSON.stringify(typed)}: ${outcome.message}`).toBe(true);
      const log = workbook.sheet("Check-ins")!.values();
      expect(log[log.length - 1]![3], JSON.stringify(typed)).toBe(stored);
    }
    const before = workbook.sheet("OKRs")!.values();
    for (const bad of ["250", "very", "-5"]) {
      const outcome = addon.submitCheckIn({ krId: "KR-NUM", value: 20, confidence: bad }) as {
        ok: boolean;
        message: string;
      };
      expect(outcome.ok, bad).toBe(false);
      expect(outcome.message).toContain(bad);
      expect(outcome.message).not.toMatch(/HTTP|Error|undefined/);
    }
    expect(workbook.sheet("OKRs")!.values()).toEqual(before);
  });

  it("a value that is no number for its key result says so in the user's language and changes nothing", () => {
    const workbook = book();
    const { addon } = loadAddon({ book: workbook });
    addon.saveSettings({ language: "sv" });
    addon.menuSetUpSheet();
    const before = workbook.sheet("OKRs")!.values();
    for (const [kr, bad] of [
      ["KR-NUM", "massor"],
      ["KR-BIN", "kanske"],
      ["KR-PCT", "#VALUE!"],
    ] as const) {
      const outcome = addon.submitCheckIn({ krId: kr, value: bad }) as { ok: boolean; message: string };
      expect(outcome.ok).toBe(false);
      expect(outcome.message).toContain(`'${bad}'`);
      expect(outcome.message).not.toContain("is not a number");
    }
    expect(workbook.sheet("OKRs")!.values()).toEqual(before);
  });
});

describe("the custom functions read cells as the parser does", () => {
  it("OKR_PROGRESS takes numbers typed as text in en/sv/nb notation", () => {
    const { customFunction } = loadAddon({ book: book() });
    expect(customFunction("OKR_PROGRESS", "0", "2 469", "1 234,5")).toBeCloseTo(0.5, 12);
    expect(customFunction("OKR_PROGRESS", 0, "2,469", "1,234.5")).toBeCloseTo(0.5, 12);
    expect(customFunction("OKR_PROGRESS", "0 kr", "10 kr", "4,5 kr")).toBeCloseTo(0.45, 12);
    expect(customFunction("OKR_PROGRESS", "0 %", "100 %", "45 %")).toBeCloseTo(0.45, 12);
  });
});
