// Check in: a new value (with confidence and a note) for a key result or a KPI. Current is updated unless it
// holds the user's own formula (live data: a finance tab, SUMIFS, IMPORTRANGE), in which case the formula stays
// and the check-in records the value it shows, with the confidence and note, as a point of the value history.
// Key results and KPIs take the one path.
// Every check-in is appended to the Check-ins sheet and, when connected, sent to the API; one that could not
// be sent (offline, not connected yet, or a key result the server does not hold until the next sync) stays
// marked unsent in the log, and the next successful sync sends it (sendPendingCheckIns).

import { toFraction, toMeasure } from "../shared/coerce.js";
import { headerLabel, TERMS, valueLabel } from "../shared/columns.js";
import { LANGUAGES, type Language, type OkrRow } from "../shared/model.js";
import { type ApiConfig, ApiFailure, call } from "./api-client.js";
import { activeSpreadsheet } from "./context.js";
import { ensureGrid, plainText } from "./grid.js";
import { readSettings } from "./settings.js";
import { findOkrSheet, parseData } from "./sheet-read.js";
import { word } from "./words.js";

export interface CheckInChoice {
  id: string;
  /** What is checked in on: the dialog lists key results and KPIs in two groups. */
  type: "key_result" | "kpi";
  /** A KPI's kind in the sheet's words (leading / lagging), else "". */
  kind: string;
  title: string;
  current: number | string | null;
  /** Current as the dialog shows it: "65 %" on a percent key result, "1200 kr" with a unit. */
  shown: string;
  unit: string;
  /** Current is the user's formula: the dialog shows its value and does not ask for one. */
  live: boolean;
  /** On a live row: what the check-in does (the formula stays, its value is recorded), else "". */
  liveNote: string;
  /** A percent key result: what is typed is read as percent ("65" is 65 %). */
  percent: boolean;
}

export interface CheckInContext {
  keyResults: CheckInChoice[];
  kpis: CheckInChoice[];
  /** The key result or KPI on the selected row, if any. */
  selected: string | null;
  language: string;
  /** The dialog's words for the choice, its two groups and confidence (the vocabulary's). */
  labels: { keyResult: string; keyResults: string; kpis: string; confidence: string; none: string };
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
  /** Current holds the user's formula: it was kept, and the check-in recorded its value. */
  formulaKept?: boolean;
}

/**
 * Check-ins log columns (0-based): Date (in the spreadsheet's time zone), Key result, Value, Confidence, Note, Who,
 * Sent, Time (UTC).
 */
const LOG = { kr: 1, value: 2, confidence: 3, note: 4, who: 5, sent: 6, at: 7 } as const;
/**
 * The Sent column: "✓" sent; "" not sent yet (never tried, or no answer: the server may hold it under the
 * first Idempotency-Key, so that key is used again); "…" refused once before the next sync (e.g. a key result
 * the server does not hold yet; that answer is stored under the first key, so a second key is used);
 * "✗" refused after a sync (the key result is not on the server): not tried again.
 */
const SENT = "✓";
const REFUSED_ONCE = "…";
const REFUSED = "✗";
const MAX_RESENT_PER_SYNC = 50;

const CHECK_IN = "POST /sheets/{sheetId}/key-results/{krId}/check-ins";

/** The same key for every attempt at one check-in, so the server records it once. */
function checkInKey(krId: string, at: string, refusedOnce = false): Record<string, string> {
  return { "Idempotency-Key": `checkin-${krId}-${at}${refusedOnce ? "-2" : ""}` };
}

/** A definite answer that the server did not record it (not a network error, throttling or 5xx). */
function refused(error: ApiFailure): boolean {
  return error.status >= 400 && error.status < 500 && error.status !== 429;
}

function dialogLabels(language: Language): CheckInContext["labels"] {
  return {
    keyResult: `${valueLabel("type", "key_result", language)} / ${valueLabel("type", "kpi", language)}`,
    keyResults: TERMS[language].keyResults,
    kpis: TERMS[language].kpis,
    confidence: `${headerLabel("confidence", language)} (0–100 %)`,
    none: word(language, "checkInNone"),
  };
}

type CheckInType = CheckInChoice["type"];
const checkInType = (row: Pick<OkrRow, "type">): CheckInType | null =>
  row.type === "key_result" || row.type === "kpi" ? row.type : null;

/** A value as the user reads it: a percent key result's fraction as percent, else the number and its unit. */
function shownValue(row: Pick<OkrRow, "krType" | "unit">, value: number | null, language: Language): string {
  if (value === null) return "";
  if (row.krType === "percent")
    return word(language, "checkInPercent", { value: Math.round(value * 10000) / 100 });
  return row.unit && row.unit !== "%" ? `${value} ${row.unit}` : String(value);
}

export function checkInContext(): CheckInContext {
  const spreadsheet = activeSpreadsheet();
  const settings = readSettings();
  const labels = dialogLabels(settings.language);
  const found = findOkrSheet(spreadsheet);
  const language = settings.language;
  if (!found) return { keyResults: [], kpis: [], selected: null, language, labels };
  const parsed = parseData(found.data, language, settings.sheetId);
  const current = parsed.layout?.columns.current;
  const choices = parsed.rows.flatMap((r): CheckInChoice[] => {
    const type = checkInType(r);
    if (!type || !r.id) return [];
    const shown = shownValue(r, r.current, language);
    const live = current !== undefined && Boolean(found.data.formulas[r.row - 1]?.[current]);
    return [
      {
        id: r.id,
        type,
        kind: type === "kpi" && r.kpiKind ? valueLabel("kpiKind", r.kpiKind, language) : "",
        title: r.title,
        current: r.current,
        shown,
        unit: r.unit,
        live,
        liveNote: live ? word(language, "checkInLive", { value: shown }) : "",
        percent: r.krType === "percent",
      },
    ];
  });
  const active = spreadsheet.getActiveRange();
  const activeRow =
    active && active.getSheet().getName() === found.data.sheet.getName() ? active.getRow() : null;
  const selected = parsed.rows.find((r) => r.row === activeRow && checkInType(r))?.id ?? null;
  return {
    keyResults: choices.filter((c) => c.type === "key_result"),
    kpis: choices.filter((c) => c.type === "kpi"),
    selected,
    language,
    labels,
  };
}

export function submitCheckIn(form: CheckInForm): CheckInOutcome {
  const spreadsheet = activeSpreadsheet();
  const settings = readSettings();
  const language = settings.language;
  const found = findOkrSheet(spreadsheet);
  if (!found) return { ok: false, message: word(language, "noOkrSheet") };
  const parsed = parseData(found.data, language, settings.sheetId);
  const row = parsed.rows.find((r) => r.id === form.krId && checkInType(r));
  const currentIndex = parsed.layout?.columns.current;
  if (!row || currentIndex === undefined)
    return { ok: false, message: word(language, "unknownKr", { id: form.krId }) };

  const live = Boolean(found.data.formulas[row.row - 1]?.[currentIndex]);
  let value: number;
  if (live) {
    // The user's formula (finance tab, IMPORTRANGE, SUMIFS) is the truth: record what it computes now, as the
    // parser read it (what the sheet's formulas count).
    if (row.current === null)
      return {
        ok: false,
        message: word(language, "badValue", {
          value: String(found.data.values[row.row - 1]?.[currentIndex] ?? ""),
        }),
      };
    value = row.current;
  } else {
    // The one coercion, as the parser reads the cell (shared/coerce.ts).
    const entered = toMeasure(row, form.value);
    if (!entered.ok || entered.value === null)
      return { ok: false, message: word(language, "badValue", { value: String(form.value ?? "") }) };
    value = entered.value;
  }
  const fraction = toFraction(form.confidence);
  if (!fraction.ok)
    return { ok: false, message: word(language, "badConfidence", { value: String(form.confidence) }) };
  const confidence = fraction.value;
  const note = String(form.note ?? "").slice(0, 5000);
  const author = Session.getActiveUser().getEmail() || "unknown";
  const at = new Date().toISOString();

  // Send first when connected, so the log records whether the server has it.
  let sent = false;
  let notSent: string | null = null;
  let mark = "";
  if (settings.apiUrl && settings.apiKey) {
    const config: ApiConfig = { apiUrl: settings.apiUrl, apiKey: settings.apiKey, language };
    try {
      call(
        config,
        CHECK_IN,
        {
          params: { sheetId: settings.sheetId, krId: row.id },
          body: { value, confidence, note, author, at },
        },
        checkInKey(row.id, at),
      );
      sent = true;
      mark = SENT;
    } catch (error) {
      // The check-in is kept in the sheet either way, marked unsent; the next sync sends it.
      if (!(error instanceof ApiFailure)) throw error;
      notSent = error.message;
      if (refused(error)) mark = REFUSED_ONCE;
    }
  }

  if (!live) {
    const cell = found.data.sheet.getRange(row.row, currentIndex + 1);
    cell.setValue(value);
    if (row.krType === "percent") cell.setNumberFormat("0%");
  }
  appendCheckIn(spreadsheet, language, [
    // The day as the sheet's TODAY() and the server (the organisation's time zone) count it.
    Utilities.formatDate(new Date(at), spreadsheet.getSpreadsheetTimeZone(), "yyyy-MM-dd"),
    row.id,
    value,
    confidence ?? "",
    note,
    author,
    mark,
    at,
  ]);
  const shown = shownValue(row, value, language);
  const saved =
    notSent === null
      ? word(language, "checkInSaved", { id: row.id, value: shown })
      : word(language, "checkInNotSent", { id: row.id, value: shown, reason: notSent });
  // A live row's formula is kept: say so, so nobody expects the typed number in Current.
  const message = live ? `${saved} ${word(language, "checkInFormulaKept")}` : saved;
  return { ok: true, message, value, sent, formulaKept: live };
}

/**
 * Sends the log's unsent check-ins (after a successful sync, so their key results are on the server) and
 * marks them in one write. Stops at the first sign the server is unreachable. Returns how many were sent.
 */
export function sendPendingCheckIns(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  config: ApiConfig,
  sheetId: string,
): number {
  const sheet = LANGUAGES.map((l) => spreadsheet.getSheetByName(word(l, "checkInsSheet"))).find(Boolean);
  if (!sheet) return 0;
  const values = sheet.getDataRange().getValues();
  const marks = values.map((row) => row[LOG.sent]);
  let sent = 0;
  let first = -1;
  let last = -1;
  let tried = 0;
  for (let i = 1; i < values.length && tried < MAX_RESENT_PER_SYNC; i++) {
    const row = values[i] ?? [];
    const krId = String(row[LOG.kr] ?? "");
    const at = String(row[LOG.at] ?? "");
    const mark = row[LOG.sent];
    if (krId === "" || (mark !== "" && mark !== REFUSED_ONCE) || !/^\d{4}-\d{2}-\d{2}T/.test(at)) continue;
    tried++;
    const confidence = row[LOG.confidence];
    try {
      call(
        config,
        CHECK_IN,
        {
          params: { sheetId, krId },
          body: {
            value: Number(row[LOG.value]),
            confidence: confidence === "" ? null : Number(confidence),
            note: String(row[LOG.note] ?? ""),
            author: String(row[LOG.who] ?? "") || "unknown",
            at,
          },
        },
        checkInKey(krId, at, mark === REFUSED_ONCE),
      );
      marks[i] = SENT;
      sent++;
    } catch (error) {
      if (!(error instanceof ApiFailure)) throw error;
      if (!refused(error)) break;
      marks[i] = REFUSED;
    }
    if (first < 0) first = i;
    last = i;
  }
  if (first >= 0)
    sheet
      .getRange(first + 1, LOG.sent + 1, last - first + 1, 1)
      .setValues(marks.slice(first, last + 1).map((mark) => [mark]));
  return sent;
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
    ensureGrid(sheet, 1, header.length);
    sheet.getRange(1, 1, 1, header.length).setValues([header]);
    sheet.setFrozenRows(1);
  }
  // appendRow is atomic (no read-then-write of the last row), so two people checking in at once each get
  // their own line.
  sheet.appendRow(entry.map(plainText));
}
