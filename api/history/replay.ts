// The organisation as it stood at a past moment: its rows now and the versions kept of them (api/store/
// history-types.ts), replayed by shared/history.ts. Reads every sheet, every kept version and every check-in before
// the moment: a page of history, not a hot path (the rollup of today never comes here).
import { type SheetVersions, sheetsAt } from "../../shared/history.js";
import type { SheetRows } from "../../shared/model.js";
import type { RowVersion, SheetWithRows, Store } from "../store/types.js";

export interface OrgHistory {
  /** Per sheet: every version of its rows (kept ones and the rows now). */
  sheets: SheetVersions<RowVersion>[];
  checkIns: Awaited<ReturnType<Store["listCheckInsBetween"]>>;
}

/** Everything needed to replay the organisation at any moment before `until`. */
export async function loadHistory(store: Store, orgId: string, until: string): Promise<OrgHistory> {
  const [stored, kept, checkIns] = await Promise.all([
    store.listOrgSheets(orgId),
    store.listRowVersions(orgId),
    store.listCheckInsBetween(orgId, "", until),
  ]);
  return { sheets: withVersions(stored, kept), checkIns };
}

function withVersions(
  stored: readonly SheetWithRows[],
  kept: readonly RowVersion[],
): SheetVersions<RowVersion>[] {
  const sheets = new Map<string, SheetVersions<RowVersion>>();
  const entry = (sheetId: string, name: string) => {
    let found = sheets.get(sheetId);
    if (!found) {
      found = { sheetId, name, versions: [] };
      sheets.set(sheetId, found);
    }
    return found;
  };
  // Kept versions first: a row now at the same revision replaces its kept copy in the timeline.
  for (const { sheet } of stored) entry(sheet.sheetId, sheet.name);
  for (const version of kept) entry(version.sheetId, version.sheetId).versions.push(version);
  for (const { sheet, rows } of stored)
    entry(sheet.sheetId, sheet.name).versions.push(
      ...rows.map((row) => ({ ...row, sheetId: sheet.sheetId })),
    );
  return [...sheets.values()];
}

/** The live rows and latest updates as they stood just before `at`. */
export function replayAt(
  history: OrgHistory,
  at: string,
): { sheets: SheetRows[]; lastUpdates: Map<string, string> } {
  return sheetsAt(history.sheets, history.checkIns, at);
}

/** The organisation as it stood just before `at`: what liveSheetsWithUpdates gives for now. */
export async function orgSheetsAt(
  store: Store,
  orgId: string,
  at: string,
): Promise<{ sheets: SheetRows[]; lastUpdates: Map<string, string> }> {
  return replayAt(await loadHistory(store, orgId, at), at);
}
