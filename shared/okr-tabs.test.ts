import { describe, expect, it } from "vitest";
import { okrRow } from "../test/support/rows.js";
import { HELPER_HEADERS, refersToSheet } from "./formulas.js";
import { adoptedBySetUp, sheetOfTabs } from "./okr-tabs.js";

describe("the OKR tabs of a spreadsheet as one sheet", () => {
  it("sends every tab's rows with an ID, each with its own tab's row number, and knows each row's tab", () => {
    const sheet = sheetOfTabs([
      {
        tab: "Q4",
        rows: [
          okrRow({ type: "objective", id: "O-NEW", row: 2 }),
          okrRow({ type: "objective", id: "", row: 3 }),
        ],
      },
      {
        tab: "Q3",
        rows: [
          okrRow({ type: "objective", id: "O-OLD", row: 2 }),
          okrRow({ type: "objective", id: "KR-OLD", row: 3 }),
        ],
      },
    ]);
    expect(sheet.rows.map((row) => [row.id, row.row])).toEqual([
      ["O-NEW", 2],
      ["O-OLD", 2],
      ["KR-OLD", 3],
    ]);
    expect(Object.fromEntries(sheet.tabOf)).toEqual({ "O-NEW": "Q4", "O-OLD": "Q3", "KR-OLD": "Q3" });
    expect(sheet.clashes).toEqual([]);
  });

  it("an ID in two tabs (in any case) is a clash, named once per tab; twice in one tab is the tab's own problem", () => {
    const sheet = sheetOfTabs([
      {
        tab: "Sales",
        rows: [
          okrRow({ type: "objective", id: "O-A", row: 2 }),
          okrRow({ type: "objective", id: "O-B", row: 3 }),
          okrRow({ type: "objective", id: "O-B", row: 4 }),
        ],
      },
      {
        tab: "Copy of Sales",
        rows: [
          okrRow({ type: "objective", id: "o-a", row: 5 }),
          okrRow({ type: "objective", id: "O-A", row: 6 }),
        ],
      },
    ]);
    expect(sheet.clashes).toEqual([
      { id: "o-a", first: { tab: "Sales", row: 2 }, second: { tab: "Copy of Sales", row: 5 } },
    ]);
  });

  it("a tab is adopted once Set up wrote its helper columns", () => {
    const header = ["ID", "Type", "Title", "Progress"];
    expect(adoptedBySetUp(header)).toBe(false);
    expect(
      adoptedBySetUp([...header, HELPER_HEADERS.weight, HELPER_HEADERS.weighted, HELPER_HEADERS.started]),
    ).toBe(true);
    expect(adoptedBySetUp([...header, HELPER_HEADERS.weight, HELPER_HEADERS.weighted])).toBe(false);
  });

  it("a formula refers to a tab quoted, or bare as a spreadsheet writes a plain name back", () => {
    expect(refersToSheet("=SORT('Sales 2026-Q3'!$A$1:$A$9)", "Sales 2026-Q3")).toBe(true);
    expect(refersToSheet("=SORT(Team!$A$1:$A$9)", "Team")).toBe(true);
    expect(refersToSheet("=SORT('Team'!$A$1:$A$9)", "Team")).toBe(true);
    expect(refersToSheet("=SORT(MyTeam!$A$1:$A$9)", "Team")).toBe(false);
    expect(refersToSheet("=SORT('Sales 2026-Q4'!$A$1:$A$9)", "Sales 2026-Q3")).toBe(false);
    expect(refersToSheet("=SORT('It''s ours'!$A$1)", "It's ours")).toBe(true);
  });
});
