// Close cycle: the sheet is synced, the API freezes the cycle's rows, final values and grades as the cycle's
// record (POST /sheets/{sheetId}/cycles/close), and the sheet gets them too: the frozen grades in the Grade
// column (added when missing), which the Status formula shows before anything else ("0.8 · Achieved"), so a
// later edit of Current moves the progress but not the grade; and the closed rows under warning-only protection
// (Range.protect().setWarningOnly(true): "users who edit the range are shown a warning", documented at
// https://developers.google.com/apps-script/reference/spreadsheet/protection#setWarningOnly(Boolean)), whose
// description says the edits are not counted.
import { headerLabel } from "../shared/columns.js";
import { cycleEnded } from "../shared/cycle-nesting.js";
import type { Language, OkrRow, SheetLayout } from "../shared/model.js";
import type { CloseCycleResponse } from "../shared/wire.js";
import { ApiFailure, call } from "./api-client.js";
import { knownObjectives, readCatalog } from "./catalog.js";
import { activeSpreadsheet } from "./context.js";
import { errorMessage } from "./errors.js";
import { ensureGrid } from "./grid.js";
import { readSettings } from "./settings.js";
import { setUpSheet } from "./setup.js";
import { findOkrSheet, findOkrTabs, parseData, type SheetData } from "./sheet-read.js";
import { syncNow } from "./sync.js";
import { word } from "./words.js";

const CLOSE_CYCLE = "POST /sheets/{sheetId}/cycles/close";
const GRADE_FORMAT = "0.0";

export interface CycleChoice {
  label: string;
  /** Its last day is before today. */
  ended: boolean;
  objectives: number;
}

export interface CloseCycleContext {
  language: Language;
  cycles: CycleChoice[];
  /** The one to offer first: the cycle that ended last, else the first. */
  selected: string | null;
  connected: boolean;
  message: string;
}

export interface CloseCycleOutcome {
  ok: boolean;
  message: string;
  /** Rows frozen on the server, and grades written into the sheet. */
  closed?: number;
  graded?: number;
}

function today(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): string {
  return Utilities.formatDate(new Date(), spreadsheet.getSpreadsheetTimeZone(), "yyyy-MM-dd");
}

/** The cycles of the sheet's objectives, in label order, and which have ended. */
export function cycleChoices(rows: readonly OkrRow[], day: string): CycleChoice[] {
  const counts = new Map<string, number>();
  for (const row of rows)
    if (row.type === "objective" && row.cycle !== "") counts.set(row.cycle, (counts.get(row.cycle) ?? 0) + 1);
  return [...counts]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([label, objectives]) => ({ label, ended: cycleEnded(label, day), objectives }));
}

export function closeCycleContext(): CloseCycleContext {
  const spreadsheet = activeSpreadsheet();
  const settings = readSettings();
  const language = settings.language;
  const connected = settings.apiUrl !== "" && settings.apiKey !== "";
  const tabs = findOkrTabs(spreadsheet, settings.okrSheet);
  if (tabs.length === 0)
    return { language, cycles: [], selected: null, connected, message: word(language, "noOkrSheet") };
  // Every OKR tab's cycles: a past cycle's tab (a tab per cycle) is closed from the new one too.
  const rows = tabs.flatMap((tab) => parseData(tab.data, language, settings.sheetId).rows);
  const cycles = cycleChoices(rows, today(spreadsheet));
  const ended = cycles.filter((cycle) => cycle.ended);
  const selected = (ended[ended.length - 1] ?? cycles[0])?.label ?? null;
  const message = !connected
    ? word(language, "notConnected")
    : cycles.length === 0
      ? word(language, "noCycles")
      : "";
  return { language, cycles, selected, connected, message };
}

export function closeCycle(form: { cycle: string }): CloseCycleOutcome {
  const spreadsheet = activeSpreadsheet();
  const settings = readSettings();
  const language = settings.language;
  const cycle = String(form.cycle ?? "").trim();
  if (settings.apiUrl === "" || settings.apiKey === "")
    return { ok: false, message: word(language, "notConnected") };
  if (!findOkrSheet(spreadsheet, settings.okrSheet))
    return { ok: false, message: word(language, "noOkrSheet") };
  // The server freezes what it holds: the sheet as it stands now goes first.
  const synced = syncNow();
  if (!synced.ok)
    return { ok: false, message: word(language, "closeNeedsSync", { cycle, reason: synced.message }) };

  let answer: CloseCycleResponse;
  try {
    answer = call(
      { apiUrl: settings.apiUrl, apiKey: settings.apiKey, language },
      CLOSE_CYCLE,
      { params: { sheetId: settings.sheetId }, body: { cycle } },
      // One key for every attempt of this close (a retry after a lost answer gets the first answer).
      { "Idempotency-Key": `close-${Utilities.getUuid()}` },
    );
  } catch (error) {
    const reason = error instanceof ApiFailure ? error.message : errorMessage(error);
    return { ok: false, message: word(language, "closeFailed", { cycle, reason }) };
  }

  // The grades go where the cycle's rows are: the OKR sheet, and any other OKR tab (a past cycle's tab).
  const known = knownObjectives(readCatalog(spreadsheet));
  const grades = new Map(answer.grades.map((entry) => [entry.id, entry.grade]));
  const active = spreadsheet.getActiveSheet();
  let graded = 0;
  const tabs = findOkrTabs(spreadsheet, settings.okrSheet);
  for (const { data, layout } of tabs) {
    const rows = parseData(data, language, settings.sheetId, known).rows;
    const closedRows = rows.filter((row) => row.cycle === cycle || grades.has(row.id)).map((row) => row.row);
    if (closedRows.length === 0) continue;
    graded += writeGrades(data, layout, rows, grades);
    // The Status formulas read the Grade column once Set up has written them with it.
    setUpSheet({ sheet: data.sheet, pin: false });
    protectClosedRows(
      data.sheet,
      closedRows,
      word(language, "closedProtection", { cycle, date: today(spreadsheet) }),
    );
  }
  // Set up shows each tab it set up: the person stays where they were.
  active.activate();
  const message = word(language, "cycleClosed", {
    cycle,
    rows: answer.closed,
    grades: graded,
    column: headerLabel("grade", tabs[0]!.layout.language),
  });
  spreadsheet.toast(message);
  return { ok: true, message, closed: answer.closed, graded };
}

/** The frozen grades into the Grade column (added after the last column when missing): one write. */
function writeGrades(
  data: SheetData,
  layout: SheetLayout,
  rows: readonly OkrRow[],
  grades: ReadonlyMap<string, number | null>,
): number {
  const { sheet } = data;
  let column = layout.columns.grade;
  if (column === undefined) {
    column = sheet.getLastColumn();
    ensureGrid(sheet, layout.headerRow, column + 1);
    sheet.getRange(layout.headerRow, column + 1).setValue(headerLabel("grade", layout.language));
  }
  const targets = rows.filter((row) => typeof grades.get(row.id) === "number");
  if (targets.length === 0) return 0;
  const first = Math.min(...targets.map((row) => row.row));
  const last = Math.max(...targets.map((row) => row.row));
  // Cells in between keep what they hold (another cycle's frozen grades).
  const block: unknown[][] = [];
  for (let r = first; r <= last; r++) {
    const formula = data.formulas[r - 1]?.[column];
    block.push([formula ? formula : (data.values[r - 1]?.[column] ?? "")]);
  }
  for (const row of targets) block[row.row - first] = [grades.get(row.id)];
  ensureGrid(sheet, last, column + 1);
  const range = sheet.getRange(first, column + 1, block.length, 1);
  range.setValues(block);
  range.setNumberFormat(GRADE_FORMAT);
  return targets.length;
}

/** Warning-only protection over each run of closed rows (whole rows of the used width). */
function protectClosedRows(
  sheet: GoogleAppsScript.Spreadsheet.Sheet,
  rowNumbers: readonly number[],
  description: string,
): void {
  const sorted = [...new Set(rowNumbers)].sort((a, b) => a - b);
  const width = sheet.getLastColumn();
  let start = 0;
  for (let i = 1; i <= sorted.length; i++) {
    if (i < sorted.length && sorted[i] === sorted[i - 1]! + 1) continue;
    const top = sorted[start]!;
    const count = sorted[i - 1]! - top + 1;
    sheet.getRange(top, 1, count, width).protect().setDescription(description).setWarningOnly(true);
    start = i;
  }
}
