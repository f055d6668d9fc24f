// Check in: a new value (with confidence and a note) for a key result. Current is updated unless it holds
// the user's own formula (live data), in which case the formula stays and the check-in records its value.
// Every check-in is appended to the Check-ins sheet and, when connected, sent to the API.
import { type ApiConfig, ApiFailure, callApi } from "./api-client.js";
import { plainText } from "./catalog.js";
import { readSettings } from "./settings.js";
import { findOkrSheet, parseData } from "./sheet-read.js";
import { word } from "./words.js";

export interface CheckInChoice {
  id: string;
  title: string;
  current: number | string | null;
  unit: string;
  /** Current is the user's formula: the dialog shows its value and does not ask for one. */
  live: boolean;
}

export interface CheckInContext {
  keyResults: CheckInChoice[];
  /** The key result on the selected row, if any. */
  selected: string | null;
  language: string;
}

export interface CheckInForm {
  krId: string;
  value?: number | string | null;
  confidence?: number | string | null;
  note?: string;
}

export interface CheckInOutcome {
  ok: boolean;
  message: string;
  value?: number;
  sent?: boolean;
}

export function checkInContext(): CheckInContext {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const settings = readSettings();
  const found = findOkrSheet(spreadsheet);
  if (!found) return { keyResults: [], selected: null, language: settings.language };
  const parsed = parseData(found.data, settings.language, settings.sheetId);
  const current = parsed.layout?.columns.current;
  const keyResults = parsed.rows
    .filter((r) => r.type === "key_result" && r.id)
    .map((r) => ({
      id: r.id,
      title: r.title,
      current: r.current,
      unit: r.unit,
      live: current !== undefined && Boolean(found.data.formulas[r.row - 1]?.[current]),
    }));
  const active = spreadsheet.getActiveRange();
  const activeRow =
    active && active.getSheet().getName() === found.data.sheet.getName() ? active.getRow() : null;
  const selected = parsed.rows.find((r) => r.row === activeRow && r.type === "key_result")?.id ?? null;
  return { keyResults, selected, language: settings.language };
}

function toNumber(value: unknown): number | null {
  if (value === null || value === undefined || value === "") return null;
  const n = typeof value === "number" ? value : Number(String(value).trim().replace(",", "."));
  return Number.isFinite(n) ? n : Number.NaN;
}

export function submitCheckIn(form: CheckInForm): CheckInOutcome {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const settings = readSettings();
  const language = settings.language;
  const found = findOkrSheet(spreadsheet);
  if (!found) return { ok: false, message: word(language, "noOkrSheet") };
  const parsed = parseData(found.data, language, settings.sheetId);
  const row = parsed.rows.find((r) => r.id === form.krId && r.type === "key_result");
  const currentIndex = parsed.layout?.columns.current;
  if (!row || currentIndex === undefined)
    return { ok: false, message: word(language, "unknownKr", { id: form.krId }) };

  const live = Boolean(found.data.formulas[row.row - 1]?.[currentIndex]);
  let value: number;
  if (live) {
    // The user's formula (finance tab, IMPORTRANGE, SUMIFS) is the truth: record what it computes now.
    const computed = toNumber(found.data.values[row.row - 1]?.[currentIndex]);
    if (computed === null || Number.isNaN(computed))
      return {
        ok: false,
        message: word(language, "badValue", {
          value: String(found.data.values[row.row - 1]?.[currentIndex] ?? ""),
        }),
      };
    value = computed;
  } else {
    const entered = toNumber(form.value);
    if (entered === null || Number.isNaN(entered))
      return { ok: false, message: word(language, "badValue", { value: String(form.value ?? "") }) };
    value = entered;
  }
  let confidence = toNumber(form.confidence);
  if (confidence !== null && confidence > 1 && confidence <= 100) confidence /= 100;
  if (confidence !== null && (Number.isNaN(confidence) || confidence < 0 || confidence > 1))
    return { ok: false, message: word(language, "badValue", { value: String(form.confidence) }) };
  const note = String(form.note ?? "").slice(0, 5000);
  const author = Session.getActiveUser().getEmail() || "unknown";
  const at = new Date().toISOString();

  // Send first when connected, so the log records whether the server has it.
  let sent = false;
  if (settings.apiUrl && settings.apiKey) {
    const config: ApiConfig = { apiUrl: settings.apiUrl, apiKey: settings.apiKey };
    try {
      callApi(
        config,
        "post",
        `/sheets/${encodeURIComponent(settings.sheetId)}/key-results/${encodeURIComponent(row.id)}/check-ins`,
        {
          value,
          confidence,
          note,
          author,
          at,
        },
        { "Idempotency-Key": `checkin-${row.id}-${at}` },
      );
      sent = true;
    } catch (error) {
      // The check-in is kept in the sheet either way; the next sync carries the value.
      if (!(error instanceof ApiFailure)) throw error;
    }
  }

  if (!live) found.data.sheet.getRange(row.row, currentIndex + 1).setValue(value);
  appendCheckIn(spreadsheet, language, [
    at.slice(0, 10),
    row.id,
    value,
    confidence ?? "",
    note,
    author,
    sent ? "✓" : "",
  ]);
  return { ok: true, message: word(language, "checkInSaved", { id: row.id, value }), value, sent };
}

function appendCheckIn(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  language: "en" | "sv" | "nb",
  entry: unknown[],
): void {
  const name = word(language, "checkInsSheet");
  let sheet = spreadsheet.getSheetByName(name);
  if (!sheet) {
    sheet = spreadsheet.insertSheet(name);
    const header = word(language, "checkInHeaders").split("|");
    sheet.getRange(1, 1, 1, header.length).setValues([header]);
    sheet.setFrozenRows(1);
  }
  // appendRow is atomic (no read-then-write of the last row), so two people checking in at once each get
  // their own line.
  sheet.appendRow(entry.map(plainText));
}
