// Which server sheet a downloaded workbook came from: the export writes the sheet ID and its tab into the
// hidden settings tab, beside the cells the formulas read, so importing the file again (edited in Excel or
// LibreOffice) updates that sheet instead of making a new one with the same row IDs.
import { SETTINGS_SHEET } from "../../shared/formulas.js";

/**
 * Cells of the settings tab (0-based row, column): G1 "Sheet ID" / H1 the ID; G2 "Tab" / H2 the tab that
 * is that sheet; G3 "Name" / H3 the sheet's name (a tab name is at most 31 characters).
 */
export const SHEET_MARKER = {
  idLabel: "Sheet ID",
  tabLabel: "Tab",
  nameLabel: "Name",
  column: 6,
} as const;

export interface SheetMarker {
  sheetId: string;
  tab: string;
  name: string;
}

export function markerCells(marker: SheetMarker): { row: number; column: number; value: string }[] {
  const { column } = SHEET_MARKER;
  return [
    { row: 0, column, value: SHEET_MARKER.idLabel },
    { row: 0, column: column + 1, value: marker.sheetId },
    { row: 1, column, value: SHEET_MARKER.tabLabel },
    { row: 1, column: column + 1, value: marker.tab },
    { row: 2, column, value: SHEET_MARKER.nameLabel },
    { row: 2, column: column + 1, value: marker.name },
  ];
}

/** The marker of a workbook's tabs, if its settings tab has one. */
export function readSheetMarker(
  tabs: readonly { name: string; grid: readonly (readonly unknown[])[] }[],
): SheetMarker | null {
  const settings = tabs.find((tab) => tab.name === SETTINGS_SHEET);
  if (!settings) return null;
  const { column } = SHEET_MARKER;
  const cell = (row: number, at: number) => String(settings.grid[row]?.[at] ?? "").trim();
  if (cell(0, column) !== SHEET_MARKER.idLabel || cell(1, column) !== SHEET_MARKER.tabLabel) return null;
  const sheetId = cell(0, column + 1);
  const tab = cell(1, column + 1);
  const name = cell(2, column) === SHEET_MARKER.nameLabel ? cell(2, column + 1) : "";
  return sheetId && sheetId.length <= 128 && tab ? { sheetId, tab, name: name || tab } : null;
}
