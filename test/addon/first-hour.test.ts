// The first hour with the add-on (issue 12), through the built add-on: a ready sheet from the template in en/sv/nb,
// a tab that looks like OKRs but cannot be read (Set up says what it found and needs, in the tab's language, and
// creates no empty tab beside it), and a company sheet whose "no team supports this" clears once a team aligns
// (the catalog carries alignment).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { word } from "../../addon/words.js";
import { STATUS_LABELS, valueLabel } from "../../shared/columns.js";
import { LANGUAGES, type Language } from "../../shared/model.js";
import { parseSheet } from "../../shared/parse.js";
import { computeRows } from "../../shared/progress.js";
import { type ApiChild, startApiChild } from "../support/gas/api-child.js";
import { ensureBuiltAddon } from "../support/gas/built-addon.js";
import { loadAddon } from "../support/gas/load-addon.js";
import { FakeWorkbook } from "../support/gas/spreadsheet.js";
import { SYNC_HEADER } from "./fixtures.js";

let api: ApiChild;
beforeAll(async () => {
  await ensureBuiltAddon();
  api = await startApiChild(["first-company", "first-team"]);
});
afterAll(async () => {
  await api?.stop();
});

const today = () => new Date().toISOString().slice(0, 10);

describe("New OKR sheet from template", () => {
  for (const language of LANGUAGES)
    it(`${language}: a new tab with one objective, its key results and a leading KPI, computing what shared/ computes`, () => {
      const book = new FakeWorkbook();
      book.addSheet("Budget", [
        ["Month", "Cost"],
        ["2026-10", 100],
      ]);
      const { addon } = loadAddon({ book });
      addon.saveSettings({ language });
      const result = addon.menuNewSheetFromTemplate() as { ok: boolean; sheetName: string; message: string };
      expect(result.ok, result.message).toBe(true);
      expect(result.sheetName).toBe(word(language, "sheetName"));
      // The user's own tab is untouched.
      expect(book.sheet("Budget")!.values()).toEqual([
        ["Month", "Cost"],
        ["2026-10", 100],
      ]);
      const values = book.sheet(result.sheetName)!.values();
      const parsed = parseSheet(values);
      expect(parsed.layout!.language).toBe(language);
      const types = parsed.rows.map((row) => row.type);
      expect(types.filter((t) => t === "objective")).toHaveLength(1);
      expect(types.filter((t) => t === "key_result").length).toBeGreaterThanOrEqual(2);
      expect(parsed.rows.filter((row) => row.type === "kpi").map((row) => row.kpiKind)).toEqual(["leading"]);
      // Every key result belongs to the objective; the Type cells are in the sheet's words.
      const objective = parsed.rows.find((row) => row.type === "objective")!;
      for (const row of parsed.rows.filter((r) => r.type !== "objective"))
        expect(row.objectiveId).toBe(objective.id);
      const { columns } = parsed.layout!;
      expect(values[objective.row - 1]![columns.type!]).toBe(valueLabel("type", "objective", language));
      // The sheet computes what the engine computes (Progress, Status in the sheet's words).
      const computed = computeRows(parsed.rows, { asOf: today() });
      for (const row of parsed.rows.filter((r) => r.type !== "kpi")) {
        const engine = computed.get(row.id)!;
        expect(values[row.row - 1]![columns.progress!]).toBeCloseTo(engine.progress!, 9);
        expect(values[row.row - 1]![columns.status!]).toBe(STATUS_LABELS[language][engine.status]);
      }
      const report = addon.getQualityReport() as { problems: { severity: string }[] };
      expect(report.problems.filter((p) => p.severity === "error")).toEqual([]);
      // A second template never replaces the first: a tab of its own.
      const again = addon.menuNewSheetFromTemplate() as { sheetName: string };
      expect(again.sheetName).toBe(`${word(language, "sheetName")} 2`);
    });
});

describe("a tab that looks like OKRs but cannot be read", () => {
  const cases: [Language, unknown[][]][] = [
    [
      "en",
      [
        ["Owner", "Target", "Current", "Status"],
        ["Ada", 10, 4, ""],
      ],
    ],
    [
      "sv",
      [
        ["Ägare", "Målvärde", "Nuvarande", "Status"],
        ["Åsa", 10, 4, ""],
      ],
    ],
    [
      "nb",
      [
        ["Eier", "Målverdi", "Nåverdi", "Status"],
        ["Åse", 10, 4, ""],
      ],
    ],
  ];
  for (const [language, rows] of cases)
    it(`${language}: Set up says what it found and what it needs, in the tab's language, and creates no tab`, () => {
      const book = new FakeWorkbook();
      book.addSheet("Mine", rows);
      // The user's language is English: the message follows the tab's.
      const { addon } = loadAddon({ book });
      const before = book.sheet("Mine")!.serialized();
      const result = addon.menuSetUpSheet() as { ok: boolean; message: string };
      expect(result.ok).toBe(false);
      expect(result.message).toContain("'Mine'");
      const expected = word(language, "okrLikeFound", { tab: "Mine", row: 1, found: "", needs: "" }).slice(
        0,
        12,
      );
      expect(result.message.startsWith(expected), result.message).toBe(true);
      expect(book.sheets.map((s) => s.getName())).toEqual(["Mine"]);
      expect(book.sheet("Mine")!.serialized()).toEqual(before);
    });
});

describe("a company objective no team supports", () => {
  it("is named by Check quality until a team's objective aligns to it; then, after the next sync, it clears", () => {
    const company = new FakeWorkbook(undefined, "first-company-spreadsheet");
    company.addSheet("Company", [
      SYNC_HEADER,
      [
        "O-FH-CO",
        "Objective",
        "Be the customers' favourite",
        "",
        "",
        "Company",
        "Leadership",
        "Eva",
        "2026-Q4",
        "",
        "",
        "",
      ],
      ["KR-FH-CO", "Key result", "NPS 50", "O-FH-CO", "", "", "", "Eva", "", 10, 50, 30],
    ]);
    const leader = loadAddon({ book: company, upstreams: api.upstreams });
    leader.addon.saveSettings({
      apiUrl: api.publicUrl,
      apiKey: api.writerKeys["first-company"],
      sheetId: "first-company",
    });
    leader.addon.menuSetUpSheet();
    expect((leader.addon.menuSyncNow() as { ok: boolean }).ok).toBe(true);
    const unsupported = () =>
      (leader.addon.getQualityReport() as { problems: { code: string }[] }).problems.filter(
        (p) => p.code === "unsupported_company_objective",
      );
    expect(unsupported()).toHaveLength(1);

    const teamBook = new FakeWorkbook(undefined, "first-team-spreadsheet");
    teamBook.addSheet("Team", [
      SYNC_HEADER,
      [
        "O-FH-T",
        "Objective",
        "Answer faster",
        "",
        "O-FH-CO",
        "Team",
        "Support",
        "Ada",
        "2026-Q4",
        "",
        "",
        "",
      ],
      ["KR-FH-T", "Key result", "Reply in 2 h", "O-FH-T", "", "", "", "Ada", "", 8, 2, 5],
    ]);
    const team = loadAddon({ book: teamBook, upstreams: api.upstreams });
    team.addon.saveSettings({
      apiUrl: api.publicUrl,
      apiKey: api.writerKeys["first-team"],
      sheetId: "first-team",
    });
    team.addon.menuSetUpSheet();
    expect((team.addon.menuSyncNow() as { ok: boolean }).ok).toBe(true);

    // The company sheet learns of it with its next sync (the catalog, with each objective's alignment).
    expect((leader.addon.menuSyncNow() as { ok: boolean }).ok).toBe(true);
    expect(unsupported()).toEqual([]);
  }, 120_000);
});
