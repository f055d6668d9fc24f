// The crash suites' one assertion: the store holds exactly the sheet. Every row of the sheet live with its
// content, every other stored row marked deleted, no ID twice, no row newer than its sheet's revision.
import { expect } from "vitest";
import { rowHash } from "../../shared/contract.js";
import { OKR_ROW_FIELDS, type OkrRow } from "../../shared/model.js";

export interface StoredSheet {
  revision: number;
  rows: (OkrRow & { hash: string; deleted: boolean; revision: number })[];
}

const content = (row: OkrRow) => Object.fromEntries(OKR_ROW_FIELDS.map((field) => [field, row[field]]));

export function expectStoreMatchesSheet(stored: StoredSheet, sheet: readonly OkrRow[]): void {
  const ids = stored.rows.map((row) => row.id);
  expect(new Set(ids).size, "no row is stored twice").toBe(ids.length);
  const byId = new Map(stored.rows.map((row) => [row.id, row]));
  const missing = sheet.filter((row) => byId.get(row.id)?.deleted !== false).map((row) => row.id);
  expect(missing, "every row of the sheet is stored live").toEqual([]);
  const differing = sheet
    .filter((row) => JSON.stringify(content(byId.get(row.id)!)) !== JSON.stringify(content(row)))
    .map((row) => row.id);
  expect(differing, "every stored row holds the sheet's content").toEqual([]);
  for (const row of sheet) expect(byId.get(row.id)!.hash).toBe(rowHash(row));
  const inSheet = new Set(sheet.map((row) => row.id));
  const stale = stored.rows.filter((row) => !inSheet.has(row.id) && !row.deleted).map((row) => row.id);
  expect(stale, "rows removed from the sheet are marked deleted").toEqual([]);
  const ahead = stored.rows.filter((row) => row.revision > stored.revision).map((row) => row.id);
  expect(ahead, "no row is newer than its sheet").toEqual([]);
}
