// The Rollup sheet's KPI board rows (addon/kpi-board-sheet.ts) from a GET /v1/kpis answer: the Health column of
// each side in the vocabulary's words of the sheet's language, empty where the API gives no health.
import { describe, expect, it } from "vitest";
import { KPI_BOARD_WIDTH, kpiBoardRows } from "../../addon/kpi-board-sheet.js";
import type { KpiBoard, KpiBoardEntry } from "../../shared/wire.js";

const entry = (id: string, overrides: Partial<KpiBoardEntry>): KpiBoardEntry => ({
  id,
  title: `KPI ${id}`,
  sheetId: "ops",
  team: "Ops",
  owner: "Kari",
  kind: "leading",
  objectiveId: "O-1",
  objectiveTitle: "Smooth operations",
  keyResultId: null,
  start: null,
  target: null,
  current: 5,
  unit: "",
  progress: null,
  threshold: null,
  health: null,
  trend: [],
  ...overrides,
});

const board: KpiBoard = {
  cycle: "2026-Q4",
  asOf: "2026-11-04",
  kpis: [
    entry("L-1", { threshold: "minst 3", health: "healthy" }),
    entry("L-2", {}),
    entry("G-1", { kind: "lagging", threshold: "högst 2", health: "unhealthy" }),
    entry("N-1", { kind: null, health: "healthy" }),
  ],
};

const noKind = { en: "(no KPI kind)", sv: "(ingen KPI-typ)", nb: "(ingen KPI-type)" } as const;

describe("the Rollup sheet's KPI board: health", () => {
  it.each([
    ["sv", "Läge", "Inom gränsen", "Utanför gränsen"],
    ["nb", "Tilstand", "Innenfor grensen", "Utenfor grensen"],
    ["en", "Health", "Healthy", "Unhealthy"],
  ] as const)("says each side's health in %s, blank without one", (language, header, healthy, unhealthy) => {
    const rows = kpiBoardRows(board, language, 1);
    for (const row of rows) expect(row).toHaveLength(KPI_BOARD_WIDTH);
    // Each side: KPI, Current, Target, Health, Trend.
    expect(rows[2]![5]).toBe(header);
    expect(rows[2]![10]).toBe(header);
    // Labels are plain text: written with the apostrophe that keeps Sheets from reading them (addon/grid.ts).
    const lines = rows.slice(3).map((row) => [row[2], row[5], row[7], row[10]]);
    expect(lines).toEqual([
      ["'L-1 – KPI L-1", healthy, "'G-1 – KPI G-1", unhealthy],
      ["'L-2 – KPI L-2", "", "", ""],
      // Kind not given: its own line, on the leading side.
      [`'N-1 – KPI N-1 ${noKind[language]}`, healthy, "", ""],
    ]);
  });
});
