// The spreadsheet this execution works on. From a menu, a dialog or a simple trigger it is the active one; an
// installable spreadsheet trigger gets it as its event's `source` (the documented way in:
// https://developers.google.com/apps-script/guides/triggers/events#google_sheets_events), since whether it also
// has an active spreadsheet is not documented. Every module asks here, never SpreadsheetApp directly.

let bound: GoogleAppsScript.Spreadsheet.Spreadsheet | null = null;

export function activeSpreadsheet(): GoogleAppsScript.Spreadsheet.Spreadsheet {
  const spreadsheet = bound ?? SpreadsheetApp.getActiveSpreadsheet();
  if (!spreadsheet) throw new Error("OKR Sheets: this execution has no spreadsheet");
  return spreadsheet;
}

/** Runs fn with `spreadsheet` as the one this execution works on (a trigger's event source). */
export function inSpreadsheet<T>(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet, fn: () => T): T {
  const previous = bound;
  bound = spreadsheet;
  try {
    return fn();
  } finally {
    bound = previous;
  }
}
