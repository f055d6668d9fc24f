// A KPI's threshold as the sheet states it: in the Target cell, in words of the sheet's language; bad input
// gives the row, the column and what to write instead, in that language. Synced rows are held to the same.
import { describe, expect, it } from "vitest";
import { kpiHealth } from "./kpi-health.js";
import type { OkrRow } from "./model.js";
import { parseSheet } from "./parse.js";
import { rowHash } from "./row-hash.js";
import { validateRows } from "./validate.js";

const HEADERS = {
  en: ["ID", "Type", "Title", "Objective", "Target", "Current", "Unit", "Cycle", "Level"],
  sv: ["ID", "Typ", "Titel", "Hör till mål", "Målvärde", "Nuvarande", "Enhet", "Kvartal", "Nivå"],
  nb: ["ID", "Type", "Tittel", "Tilhører mål", "Målverdi", "Nåverdi", "Enhet", "Syklus", "Nivå"],
} as const;
const WORDS = {
  en: { objective: "Objective", kpi: "KPI", team: "Team" },
  sv: { objective: "Mål", kpi: "KPI", team: "Team" },
  nb: { objective: "Mål", kpi: "KPI", team: "Team" },
} as const;

function sheet(language: keyof typeof HEADERS, kpis: [string, unknown, unknown, string][]) {
  const words = WORDS[language];
  return [
    [...HEADERS[language]],
    ["O-1", words.objective, "Grow", "", "", "", "", "2026-Q2", words.team],
    ...kpis.map(([id, target, current, unit]) => [
      id,
      words.kpi,
      `KPI ${id}`,
      "O-1",
      target,
      current,
      unit,
      "",
      "",
    ]),
  ];
}

describe("a KPI's threshold in its Target cell", () => {
  it("is read in en, sv and nb; its lone bound is the Target number", () => {
    const cases = {
      en: ["at least 95", "90–110", "jan–mar: at least 100; at least 120"],
      sv: ["minst 95", "mellan 90 och 110", "jan–mar: minst 100; minst 120"],
      nb: ["minst 95", "mellom 90 og 110", "jan–mar: minst 100; minst 120"],
    } as const;
    for (const language of ["en", "sv", "nb"] as const) {
      const [atLeast, range, monthly] = cases[language];
      const result = parseSheet(
        sheet(language, [
          ["K-1", atLeast, 97, ""],
          ["K-2", range, 80, ""],
          ["K-3", monthly, 110, ""],
          ["K-4", 50, 40, ""],
        ]),
      );
      expect(
        result.problems.filter((p) => p.severity === "error"),
        language,
      ).toEqual([]);
      const byId = new Map(result.rows.map((row) => [row.id, row]));
      expect(byId.get("K-1")).toMatchObject({ target: 95, threshold: atLeast });
      expect(byId.get("K-2")).toMatchObject({ target: null, threshold: range });
      expect(byId.get("K-4")!.threshold).toBeUndefined();
      expect(byId.get("K-4")!.target).toBe(50);
      expect(kpiHealth(byId.get("K-1")!, "2026-05-01")).toBe("healthy");
      expect(kpiHealth(byId.get("K-2")!, "2026-05-01")).toBe("unhealthy");
      // February asks 100 (110 is healthy), May 120 (it is not).
      expect(kpiHealth(byId.get("K-3")!, "2026-02-10")).toBe("healthy");
      expect(kpiHealth(byId.get("K-3")!, "2026-05-10")).toBe("unhealthy");
    }
  });

  it("on a % KPI reads bare numbers as percent points, as its Current", () => {
    const [row] = parseSheet(sheet("sv", [["K-1", "högst 3", "2,5 %", "%"]])).rows.filter(
      (r) => r.type === "kpi",
    );
    expect(row).toMatchObject({ current: 0.025, target: 0.03, threshold: "högst 3" });
    expect(kpiHealth(row!, "2026-05-01")).toBe("healthy");
  });

  it("that cannot be read names row, column and what to write, in the sheet's language", () => {
    const en = parseSheet(
      sheet("en", [
        ["K-1", "at least ninety", 1, ""],
        ["K-2", "110–90", 1, ""],
      ]),
    );
    expect(en.problems.map((p) => [p.code, p.row, p.column])).toEqual([
      ["bad_threshold", 3, "target"],
      ["threshold_reversed", 4, "target"],
    ]);
    expect(en.problems[0]!.message).toBe(
      "Row 3, Target: 'at least ninety' is neither a number nor a threshold. Write a number such as 95, or at least 95, at most 3 %, 90–110, or per month: jan–mar: at least 100; at least 120.",
    );
    const sv = parseSheet(sheet("sv", [["K-1", "jan: minst 1; jan: minst 2", 1, ""]]));
    expect(sv.problems[0]!.message).toBe(
      "Rad 3, Målvärde: 'jan: minst 1; jan: minst 2' ger en månad (eller resten av året) två trösklar. Ge varje månad en, åtskilda med ';'.",
    );
    const nb = parseSheet(sheet("nb", [["K-1", "omtrent nitti", 1, ""]]));
    expect(nb.problems[0]!.message).toContain(
      "Rad 3, Målverdi: 'omtrent nitti' er verken et tall eller en terskel.",
    );
    // The row stays, without a Target or threshold: nothing is judged on a threshold nobody wrote.
    expect(nb.rows.find((row) => row.id === "K-1")).toMatchObject({ target: null });
    expect(nb.rows.find((row) => row.id === "K-1")!.threshold).toBeUndefined();
  });

  it("sent through the API is held to the same rules", () => {
    const row = parseSheet(sheet("en", [["K-1", "at least 5", 1, ""]])).rows.find((r) => r.id === "K-1")!;
    expect(validateRows([row]).filter((p) => p.column === "target")).toEqual([]);
    const bad: OkrRow = { ...row, threshold: "9–1" };
    expect(
      validateRows([bad], { language: "nb", knownObjectiveIds: new Set(["O-1"]) }).map((p) => [
        p.code,
        p.message,
      ]),
    ).toEqual([
      [
        "threshold_reversed",
        "Rad 3, Målverdi: '9–1' har den høye grensen først. Skriv intervallet fra lavt til høyt, som 90–110.",
      ],
    ]);
  });

  it("changes the row's hash; rows without one keep the hash they had", () => {
    const row = parseSheet(sheet("en", [["K-1", 5, 1, ""]])).rows.find((r) => r.id === "K-1")!;
    expect(rowHash({ ...row, threshold: "at least 5" })).not.toBe(rowHash(row));
    expect(rowHash({ ...row, threshold: "" })).toBe(rowHash(row));
    // The hash of a row written before thresholds existed: its fields alone, in their old order.
    const { threshold: _none, ...old } = row;
    expect(rowHash(row)).toBe(rowHash(old as OkrRow));
  });
});
