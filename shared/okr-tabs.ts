// A spreadsheet's OKR tabs sync as one sheet (one sheet ID on the server): the tab the add-on works in and every
// other tab Set up adopted, so a rollover into a new tab (a tab per cycle), or a tab started by hand for the
// next quarter, never takes the old tab's rows off the server. Row IDs are unique across the tabs; a row
// deleted from a tab is deleted, a tab removed takes its rows with it (an ended cycle's kept as its record).
import { HELPER_HEADERS } from "./formulas.js";
import type { OkrRow } from "./model.js";

/** A tab's header as Set up leaves it: with the helper columns its formulas read. */
export function adoptedBySetUp(header: readonly unknown[]): boolean {
  const cells = new Set(header.map((cell) => String(cell ?? "")));
  return [HELPER_HEADERS.weight, HELPER_HEADERS.weighted, HELPER_HEADERS.started].every((name) =>
    cells.has(name),
  );
}

export interface TabRows {
  /** The tab's name. */
  tab: string;
  rows: readonly OkrRow[];
}

/** One ID in two tabs: where each row is. */
export interface TabClash {
  id: string;
  first: { tab: string; row: number };
  second: { tab: string; row: number };
}

export interface SheetOfTabs {
  /** The rows with an ID of every tab, tab by tab (each row keeps its own tab's row number). */
  rows: OkrRow[];
  /** Row ID → the tab it is in (its first tab for a clash). */
  tabOf: Map<string, string>;
  /** IDs used in more than one tab (in case, as the spreadsheet compares them); none may be sent. */
  clashes: TabClash[];
}

/**
 * The rows the tabs sync as one sheet. Two rows of one tab sharing an ID are the sheet's own problem (the
 * server reports them); an ID in two tabs is a copied tab's, and sending it would make one row of two.
 */
export function sheetOfTabs(tabs: readonly TabRows[]): SheetOfTabs {
  const rows: OkrRow[] = [];
  const tabOf = new Map<string, string>();
  const firstOf = new Map<string, { tab: string; row: OkrRow }>();
  const clashes: TabClash[] = [];
  for (const { tab, rows: tabRows } of tabs) {
    const here = new Set<string>();
    for (const row of tabRows) {
      if (row.id === "") continue;
      const key = row.id.toLowerCase();
      const first = firstOf.get(key);
      if (first && first.tab !== tab && !here.has(key))
        clashes.push({
          id: row.id,
          first: { tab: first.tab, row: first.row.row },
          second: { tab, row: row.row },
        });
      here.add(key);
      if (!first) firstOf.set(key, { tab, row });
      if (!tabOf.has(row.id)) tabOf.set(row.id, tab);
      rows.push(row);
    }
  }
  return { rows, tabOf, clashes };
}
