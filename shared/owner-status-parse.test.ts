// The owner's word as the sheet states it: the Owner status column read by the parser in en/sv/nb words (any
// case, padded; unknown words named by row and column in the user's language), held to the same on sync, kept as
// the row's ownerStatus without changing the hash of rows that have none, and written back in the sheet's words.
import { describe, expect, it } from "vitest";
import { canonicalCells } from "./canonical.js";
import { STATUS_LABELS } from "./columns.js";
import type { Language, OkrRow, Status } from "./model.js";
import { parseSheet } from "./parse.js";
import { rowHash } from "./row-hash.js";
import { sheetStatus } from "./sheet-status.js";
import { validateRows } from "./validate.js";

const HEADERS = {
  en: ["ID", "Type", "Title", "Objective", "Level", "Start", "Target", "Current", "Owner status"],
  sv: ["ID", "Typ", "Titel", "Hör till mål", "Nivå", "Startvärde", "Målvärde", "Nuvarande", "Ägarens status"],
  nb: ["ID", "Type", "Tittel", "Tilhører mål", "Nivå", "Startverdi", "Målverdi", "Nåverdi", "Eiers status"],
} as const;
const TYPES = {
  en: { objective: "Objective", keyResult: "Key result", team: "Team" },
  sv: { objective: "Mål", keyResult: "Nyckelresultat", team: "Team" },
  nb: { objective: "Mål", keyResult: "Nøkkelresultat", team: "Team" },
} as const;

/** An objective (its owner's word first) and one key result per further word, in rows 2, 3, ... */
function sheet(language: Language, objectiveSays: unknown, ...keyResultsSay: unknown[]): unknown[][] {
  const t = TYPES[language];
  return [
    [...HEADERS[language]],
    ["O-1", t.objective, "Grow", "", t.team, "", "", "", objectiveSays],
    ...keyResultsSay.map((said, i) => [
      `KR-${i + 1}`,
      t.keyResult,
      `Result ${i + 1}`,
      "O-1",
      "",
      0,
      10,
      5,
      said,
    ]),
  ];
}

const ownerStatuses = (rows: readonly OkrRow[]) => rows.map((row) => [row.id, row.ownerStatus ?? null]);

describe("the Owner status column, parsed", () => {
  it("reads the status words of en, sv and nb, in any case and padded, in a sheet of any language", () => {
    const words: Record<Language, [string, string, string, string]> = {
      en: ["Off track", "  on TRACK ", "at  risk", "Done"],
      sv: ["Efter plan", " enligt PLAN", "I RISKZONEN  ", "klar"],
      nb: ["Bak plan", "I RUTE ", "  i   faresonen", "FERDIG"],
    };
    for (const language of ["en", "sv", "nb"] as const) {
      const [objective, ...keyResults] = words[language];
      const parsed = parseSheet(sheet(language, objective, ...keyResults, ""));
      expect(
        parsed.problems.filter((p) => p.severity !== "hint"),
        language,
      ).toEqual([]);
      expect(ownerStatuses(parsed.rows), language).toEqual([
        ["O-1", "off_track"],
        ["KR-1", "on_track"],
        ["KR-2", "at_risk"],
        ["KR-3", "done"],
        ["KR-4", null],
      ]);
      // Blank: no field at all (the row hashes as it did before the column was synced).
      expect("ownerStatus" in parsed.rows[4]!).toBe(false);
    }
    // Another language's word is still the owner's word (Set up writes the sheet's own, see below).
    const mixed = parseSheet(sheet("sv", "At risk", "I rute", "Enligt plan"));
    expect(ownerStatuses(mixed.rows)).toEqual([
      ["O-1", "at_risk"],
      ["KR-1", "on_track"],
      ["KR-2", "on_track"],
    ]);
  });

  it("names the row, the column and the words it takes when a word is none of them, in the user's language", () => {
    const en = parseSheet(sheet("en", "Green", "On track", "maybe"));
    expect(en.problems.map((p) => [p.code, p.severity, p.row, p.column])).toEqual([
      ["unknown_value", "error", 2, "ownerStatus"],
      ["unknown_value", "error", 4, "ownerStatus"],
    ]);
    expect(en.problems[0]!.message).toBe(
      "Row 2, Owner status: 'Green' is not one of Not started, On track, At risk, Off track, Done.",
    );
    // The row stays, without the owner's word: its pace is what it shows, in the sheet and on the dashboard.
    expect(ownerStatuses(en.rows)).toEqual([
      ["O-1", null],
      ["KR-1", "on_track"],
      ["KR-2", null],
    ]);
    const sv = parseSheet(sheet("sv", "", " Grönt "));
    expect(sv.problems.map((p) => p.message)).toEqual([
      "Rad 3, Ägarens status: 'Grönt' är inte något av Ej påbörjad, Enligt plan, I riskzonen, Efter plan, Klar.",
    ]);
    const nb = parseSheet(sheet("nb", "Grønn"));
    expect(nb.problems.map((p) => p.message)).toEqual([
      "Rad 2, Eiers status: 'Grønn' er ikke en av Ikke startet, I rute, I faresonen, Bak plan, Ferdig.",
    ]);
    // Asked for in another language than the headers': the messages speak it, naming the user's own header.
    const asked = parseSheet(sheet("en", "Grün"), { language: "sv" });
    expect(asked.problems[0]!.message).toBe(
      "Rad 2, Owner status: 'Grün' är inte något av Ej påbörjad, Enligt plan, I riskzonen, Efter plan, Klar.",
    );
  });

  it("sent through the API is held to the status codes", () => {
    const [objective] = parseSheet(sheet("en", "Done")).rows;
    expect(validateRows([objective!])).toEqual([]);
    const bad = { ...objective!, ownerStatus: "green" as Status };
    expect(validateRows([bad], { language: "nb" }).map((p) => [p.code, p.column, p.message])).toEqual([
      [
        "unknown_value",
        "ownerStatus",
        "Rad 2, Eiers status: 'green' er ikke en av Ikke startet, I rute, I faresonen, Bak plan, Ferdig.",
      ],
    ]);
  });

  it("is written back in the sheet's own words, where the Status formula would not read it", () => {
    const grid = sheet("sv", "At risk", " enligt plan ", "Klar", "Efter plan");
    const parsed = parseSheet(grid);
    const writes = canonicalCells(grid, null, parsed.layout!, parsed, { language: "sv" }).filter(
      (write) => write.column === "ownerStatus",
    );
    // A word of another language and padding the formula trims: both written as the sheet's word; only the
    // first changes what the Status formula reads (it trims and ignores case).
    expect(writes.map((write) => [write.row, write.value, write.affectsFormulas])).toEqual([
      [2, "I riskzonen", true],
      [3, "Enligt plan", false],
    ]);
  });

  it("shows in Status what the parsed row carries: the sheet's Status and the synced word agree", () => {
    for (const language of ["en", "sv", "nb"] as const) {
      const grid = sheet(language, STATUS_LABELS[language].at_risk, ` ${STATUS_LABELS[language].done} `, "");
      const parsed = parseSheet(grid);
      const computed = { progress: 0.5, rawProgress: 0.5, expected: 0.2, status: "on_track" as const };
      for (const row of parsed.rows) {
        const cell = grid[row.row - 1]![8];
        const sheetShows = sheetStatus(row, computed, { asOf: "2026-11-01", language, ownerStatus: cell });
        expect(sheetShows, `${language} ${row.id}`).toBe(
          STATUS_LABELS[language][row.ownerStatus ?? computed.status],
        );
      }
    }
  });
});

describe("the row hash with the owner's word", () => {
  /** A row literal (no builder), so its hash is what it was when computed before the owner's word was synced. */
  const row: OkrRow = {
    id: "KR-7",
    type: "key_result",
    title: "Ship the new onboarding",
    objectiveId: "O-2",
    alignsTo: null,
    contributesTo: [],
    level: "team",
    team: "Growth",
    owner: "Åsa",
    cycle: "2026-Q4",
    start: 0,
    target: 100,
    current: 40,
    unit: "%",
    krType: "numeric",
    weight: 1,
    confidence: 0.7,
    kpiKind: null,
    notes: "",
    row: 5,
  };

  it("is unchanged for rows without it: the hash main's row-hash.ts gave before the field existed", () => {
    // Computed with shared/row-hash.ts and shared/model.ts of the commit before OkrRow had ownerStatus.
    expect(rowHash(row)).toBe("a78ef683e6630a84");
    expect(rowHash({ ...row, ownerStatus: undefined })).toBe("a78ef683e6630a84");
    const objective: OkrRow = {
      ...row,
      type: "objective",
      id: "O-2",
      objectiveId: null,
      krType: null,
      current: null,
    };
    expect(rowHash(objective)).toBe("2663908aef5427ed");
  });

  it("changes with the owner's word, and never reads as a threshold", () => {
    const said = rowHash({ ...row, ownerStatus: "at_risk" });
    expect(said).not.toBe(rowHash(row));
    expect(rowHash({ ...row, ownerStatus: "on_track" })).not.toBe(said);
    // The same text as a threshold (the field before it) and as the owner's word: two different rows.
    expect(rowHash({ ...row, threshold: "at_risk" })).not.toBe(said);
    expect(rowHash({ ...row, threshold: "at least 5", ownerStatus: "at_risk" })).not.toBe(
      rowHash({ ...row, threshold: "at least 5" }),
    );
  });
});
