// The sidebar thread for the selected row (comments and replies; the author is the Google account the add-on
// runs as), its team's alignment review (state, decisions, findings; ask for review), and the people list
// (read after each sync for the quality check's unknown owners; a person can be added from the add-on).
// All of it goes through the API with the sheet's key; comments posted here are also logged in a Comments
// sheet as plain text (never a formula).
import type { Comment } from "../shared/comments.js";
import { reviewTarget } from "../shared/comments.js";
import type { Person } from "../shared/people.js";
import { type ApiConfig, ApiFailure, call } from "./api-client.js";
import { activeSpreadsheet } from "./context.js";
import { asSentence, errorMessage } from "./errors.js";
import { plainText } from "./grid.js";
import { readSettings } from "./settings.js";
import { findOkrSheet, parseData } from "./sheet-read.js";
import { word } from "./words.js";

export const PEOPLE_SHEET = "OKR People";

export interface SelectedRow {
  id: string;
  title: string;
  type: string;
  team: string;
  cycle: string;
}

export interface ConversationContext {
  language: string;
  notice: string | null;
  row: SelectedRow | null;
  comments: Comment[];
  review: Record<string, unknown> | null;
}

function connection(): { config: ApiConfig; sheetId: string } | null {
  const settings = readSettings();
  if (!settings.apiUrl || !settings.apiKey) return null;
  // The language: API errors come back as sentences in the user's words (errors.ts).
  return {
    config: { apiUrl: settings.apiUrl, apiKey: settings.apiKey, language: settings.language },
    sheetId: settings.sheetId,
  };
}

/** The row under the cursor on the OKR sheet (its objective's team and cycle for a key result). */
function selectedRow(): SelectedRow | null {
  const spreadsheet = activeSpreadsheet();
  const settings = readSettings();
  const found = findOkrSheet(spreadsheet, settings.okrSheet);
  if (!found) return null;
  const active = spreadsheet.getActiveRange();
  if (!active || active.getSheet().getName() !== found.data.sheet.getName()) return null;
  const parsed = parseData(found.data, settings.language, settings.sheetId);
  const row = parsed.rows.find((r) => r.row === active.getRow() && r.id && r.type !== "kpi");
  if (!row) return null;
  const parent = row.objectiveId ? parsed.rows.find((r) => r.id === row.objectiveId) : undefined;
  return {
    id: row.id,
    title: row.title,
    type: row.type,
    team: row.team || parent?.team || "",
    cycle: row.cycle || parent?.cycle || "",
  };
}

export function conversationContext(): ConversationContext {
  const language = readSettings().language;
  const connected = connection();
  if (!connected)
    return { language, notice: word(language, "notConnected"), row: null, comments: [], review: null };
  const row = selectedRow();
  if (!row)
    return { language, notice: word(language, "noRowSelected"), row: null, comments: [], review: null };
  const params = { sheetId: connected.sheetId };
  try {
    const { comments } = call(connected.config, "GET /sheets/{sheetId}/comments", {
      params,
      query: { target: row.id },
    });
    const review =
      row.team && row.cycle
        ? call(connected.config, "GET /sheets/{sheetId}/review", {
            params,
            query: { team: row.team, cycle: row.cycle, language },
          })
        : null;
    return { language, notice: null, row, comments, review };
  } catch (error) {
    if (!(error instanceof ApiFailure)) throw error;
    return {
      language,
      notice: error.status === 404 ? word(language, "syncFirst") : asSentence(error.message),
      row,
      comments: [],
      review: null,
    };
  }
}

export interface CommentForm {
  targetId: string;
  parentId?: string | null;
  text: string;
}

export function postComment(form: CommentForm): { ok: boolean; message: string } {
  const language = readSettings().language;
  const connected = connection();
  if (!connected) return { ok: false, message: word(language, "notConnected") };
  const author = Session.getActiveUser().getEmail() || Session.getEffectiveUser().getEmail();
  if (!author) return { ok: false, message: word(language, "noAccount") };
  try {
    const comment = call(connected.config, "POST /sheets/{sheetId}/comments", {
      params: { sheetId: connected.sheetId },
      body: {
        targetId: form.targetId,
        parentId: form.parentId || null,
        text: String(form.text ?? ""),
        author,
      },
    });
    logComment(comment, language);
    return { ok: true, message: word(language, "commentPosted") };
  } catch (error) {
    if (!(error instanceof ApiFailure)) throw error;
    return { ok: false, message: asSentence(error.message) };
  }
}

/** Appends a comment to the Comments sheet: every cell plain text, so "=…" stays words. */
function logComment(comment: Comment, language: "en" | "sv" | "nb"): void {
  const spreadsheet = activeSpreadsheet();
  const name = word(language, "commentsSheet");
  let sheet = spreadsheet.getSheetByName(name);
  if (!sheet) {
    sheet = spreadsheet.insertSheet(name);
    const header = word(language, "commentHeaders").split("|");
    sheet.getRange(1, 1, 1, header.length).setValues([header]);
    sheet.setFrozenRows(1);
  }
  sheet.appendRow(
    [comment.at, comment.targetId, comment.authorEmail, comment.text, comment.parentId ?? ""].map(plainText),
  );
}

export function askForReview(form: { team: string; cycle: string }): { ok: boolean; message: string } {
  const language = readSettings().language;
  const connected = connection();
  if (!connected) return { ok: false, message: word(language, "notConnected") };
  try {
    const author = Session.getActiveUser().getEmail() || "unknown";
    const answer = call(connected.config, "POST /sheets/{sheetId}/review", {
      params: { sheetId: connected.sheetId },
      body: { team: form.team, cycle: form.cycle, author },
    });
    return { ok: true, message: word(language, "reviewRequested", { round: answer.round }) };
  } catch (error) {
    if (!(error instanceof ApiFailure)) throw error;
    return { ok: false, message: asSentence(error.message) };
  }
}

/** The review thread's target (the sidebar posts review comments there). */
export function reviewThreadOf(team: string, cycle: string): string {
  return reviewTarget(team, cycle);
}

const SHEET_URL_KEY = "okr.sheetUrl";

/**
 * Tells the server this spreadsheet's address (the link in its owners' reminders), once per sheet ID and
 * address: the document remembers what it last sent. A failure is no sync failure; the next sync tries again.
 */
export function sendSheetUrl(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  config: ApiConfig,
  sheetId: string,
): void {
  const url = spreadsheet.getUrl();
  const sent = `${sheetId}\n${url}`;
  const properties = PropertiesService.getDocumentProperties();
  if (!url || properties.getProperty(SHEET_URL_KEY) === sent) return;
  try {
    call(config, "POST /sheets/{sheetId}/url", { params: { sheetId }, body: { url } });
  } catch (error) {
    if (!(error instanceof ApiFailure)) throw error;
    return;
  }
  try {
    properties.setProperty(SHEET_URL_KEY, sent);
  } catch (error) {
    // A property store already full (see writeSyncState): the address is sent again next time, no harm.
    console.warn(`Sheet URL not remembered: ${errorMessage(error)}`);
  }
}

/** Replaces the hidden people sheet with the organisation's list (after a sync); a failure is no sync failure. */
export function refreshPeople(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  config: ApiConfig,
): void {
  let people: Person[];
  try {
    people = call(config, "GET /people", {}).people;
  } catch (error) {
    if (!(error instanceof ApiFailure)) throw error;
    return;
  }
  let sheet = spreadsheet.getSheetByName(PEOPLE_SHEET);
  if (!sheet) {
    sheet = spreadsheet.insertSheet(PEOPLE_SHEET);
    sheet.hideSheet();
  }
  sheet.clear();
  const rows = [
    ["E-mail", "Name", "Team", "Role", "Leader"],
    ...people.map((p) => [p.email, p.name, p.team, p.role, p.leader ? "yes" : ""]),
  ];
  sheet.getRange(1, 1, rows.length, 5).setValues(rows.map((row) => row.map(plainText)));
}

/** The people list as the last sync left it in the hidden sheet (empty before any sync). */
export function readPeople(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): Person[] {
  const sheet = spreadsheet.getSheetByName(PEOPLE_SHEET);
  if (!sheet || sheet.getLastRow() < 2) return [];
  return sheet
    .getDataRange()
    .getValues()
    .slice(1)
    .filter((r) => r[0] !== "")
    .map((r) => ({
      email: String(r[0]),
      name: String(r[1] ?? ""),
      team: String(r[2] ?? ""),
      role: r[3] === "admin" ? "admin" : "reader",
      leader: r[4] === "yes",
    }));
}

/** Adds or updates a person from the add-on (writer keys may add readers). */
export function savePerson(form: { email: string; name: string; team?: string; leader?: boolean }): {
  ok: boolean;
  message: string;
} {
  const language = readSettings().language;
  const connected = connection();
  if (!connected) return { ok: false, message: word(language, "notConnected") };
  try {
    call(connected.config, "POST /people", {
      body: { email: form.email, name: form.name, team: form.team ?? "", leader: Boolean(form.leader) },
    });
    refreshPeople(activeSpreadsheet(), connected.config);
    return { ok: true, message: word(language, "personSaved", { email: form.email }) };
  } catch (error) {
    if (!(error instanceof ApiFailure)) throw error;
    return { ok: false, message: asSentence(error.message) };
  }
}
