// Sync now: send the sheet (full rows only where the row hash changed since the last sync, {id, hash} stubs
// for the rest), store the new revision and hashes, refresh the catalog. A document lock keeps two syncs
// apart; nothing is written to the sheet until the server has accepted the rows.
//
// A stale revision (409: the server's copy changed since our last sync, e.g. another copy of this sheet
// synced, a deleted row was restored, or our last answer was lost) is re-based, never resent blindly: rows
// the server changed meanwhile that equal ours are no conflict; for the others this sheet's version is sent
// (the sheet is what its owner sees and edits) and the server's version is kept in the conflicts sheet, and
// the user is told which rows. Neither side is lost silently.
//
// Once the server has accepted the rows, the sheet's own state is written first and whole (revision and hashes in
// one setProperties), then the rest (conflicts sheet, check-ins, catalog) each in place: a failure there is
// reported with the sync's result, never leaves a half-written catalog, and never undoes the sync.
//
// Automatic sync (Settings): installable triggers of this spreadsheet, see autoSync below.

import type { Language, OkrRow, Problem, SheetLayout } from "../shared/model.js";
import { sheetOfTabs } from "../shared/okr-tabs.js";
import type { ParseResult } from "../shared/parse.js";
import { rowHash } from "../shared/row-hash.js";
import {
  type RowChange,
  type RowStub,
  type StoredRowWire,
  type SyncResponse,
  type SyncRow,
  staleRevisionDetails,
} from "../shared/wire.js";
import { type ApiConfig, ApiFailure, call } from "./api-client.js";
import { replaceCatalog } from "./catalog.js";
import { sendPendingCheckIns } from "./checkin.js";
import { activeSpreadsheet, inSpreadsheet } from "./context.js";
import { refreshPeople, sendSheetUrl } from "./conversation.js";
import { errorMessage } from "./errors.js";
import { ensureGrid, plainText } from "./grid.js";
import { cellOf, type ShownProblem } from "./quality.js";
import {
  lastServerProblems,
  pinOkrSheet,
  readLastSync,
  readRevision,
  readSettings,
  readSyncedHashes,
  recordLastSync,
  rememberServerProblems,
  setAutoSyncBy,
  writeSyncState,
} from "./settings.js";
import { applyCatalogRules, stampAsOf } from "./setup.js";
import { findOkrTabs, parseData } from "./sheet-read.js";
import { word } from "./words.js";

/**
 * changed: both sides hold the row with different contents (ours sent, theirs kept in the conflicts sheet);
 * deleted: deleted elsewhere but still in this sheet (kept); absent: restored or added elsewhere but not in
 * this sheet (marked deleted again on the server, restorable there; its version kept in the conflicts sheet).
 */
export interface SyncConflict {
  id: string;
  kind: "changed" | "deleted" | "absent";
  revision: number;
}

export interface SyncOutcome {
  ok: boolean;
  message: string;
  revision?: number;
  fullRows?: number;
  stubs?: number;
  /** Set when the sync was re-based after a stale revision: the server revision it was re-based on. */
  rebasedOn?: number;
  conflicts?: SyncConflict[];
  /** Check-ins from the log that had not reached the server and were sent after this sync. */
  checkInsSent?: number;
  problems: ShownProblem[];
}

type Payload = (SyncRow | RowStub)[];

const LOCK_WAIT_MS = 2000;
type AfterSyncStep = "stepConflicts" | "stepCheckIns" | "stepCatalog" | "stepPeople";
const CONFLICT_KIND_WORD = {
  changed: "conflictChanged",
  deleted: "conflictDeleted",
  absent: "conflictAbsent",
} as const;

export interface SyncOptions {
  /** A trigger runs it: no one to show a toast to, and the result is marked automatic. */
  automatic?: boolean;
}

/** One sync, its result recorded (Settings and the quality sidebar show the last one). */
export function syncNow(options: SyncOptions = {}): SyncOutcome {
  const outcome = syncUnrecorded(options);
  recordLastSync({
    at: new Date().toISOString(),
    ok: outcome.ok,
    message: outcome.message,
    automatic: options.automatic === true,
  });
  return outcome;
}

function syncUnrecorded(options: SyncOptions): SyncOutcome {
  const settings = readSettings();
  const language = settings.language;
  if (!settings.apiUrl || !settings.apiKey)
    return { ok: false, message: word(language, "notConnected"), problems: [] };
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(LOCK_WAIT_MS)) return { ok: false, message: word(language, "syncBusy"), problems: [] };
  try {
    return syncLocked(options);
  } finally {
    lock.releaseLock();
  }
}

/** Rows the server changed since our base that differ from this sheet (equal contents are no conflict). */
export function conflictsOf(
  changed: readonly RowChange[],
  local: ReadonlyMap<string, string>,
): SyncConflict[] {
  const conflicts: SyncConflict[] = [];
  for (const change of changed) {
    const ours = local.get(change.id);
    if (change.deleted) {
      if (ours !== undefined) conflicts.push({ id: change.id, kind: "deleted", revision: change.revision });
    } else if (ours === undefined) {
      conflicts.push({ id: change.id, kind: "absent", revision: change.revision });
    } else if (ours !== change.hash) {
      conflicts.push({ id: change.id, kind: "changed", revision: change.revision });
    }
  }
  return conflicts.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/**
 * The request on the server's current revision: a stub where the server now holds exactly our row (its
 * hash is the changed one, or, for rows it did not change, the one we last synced), the full row elsewhere.
 */
export function rebasePayload(
  rows: readonly OkrRow[],
  local: ReadonlyMap<string, string>,
  synced: ReadonlyMap<string, string>,
  changed: readonly RowChange[],
): Payload {
  const byId = new Map(changed.map((change) => [change.id, change]));
  return rows.map((row) => {
    const hash = local.get(row.id) as string;
    const change = byId.get(row.id);
    const serverHash = change ? (change.deleted ? undefined : change.hash) : synced.get(row.id);
    return serverHash === hash ? { id: row.id, hash } : { ...row, hash };
  });
}

function syncLocked(options: SyncOptions): SyncOutcome {
  const spreadsheet = activeSpreadsheet();
  // The day the server computes Expected and Status for: this spreadsheet's, the day its As of cell holds.
  const timeZone = spreadsheet.getSpreadsheetTimeZone();
  stampAsOf(spreadsheet);
  const settings = readSettings();
  const language = settings.language;
  // The pinned tab and every other tab Set up adopted, as one sheet (shared/okr-tabs.ts): a rollover into a
  // new tab leaves the old tab's rows on the server, and its later edits reach it.
  const tabs = findOkrTabs(spreadsheet, settings.okrSheet).map((tab) => ({
    ...tab,
    name: tab.data.sheet.getName(),
    parsed: parseData(tab.data, language, settings.sheetId),
  }));
  const found = tabs[0];
  if (!found) return { ok: false, message: word(language, "noOkrSheet"), problems: [] };
  // Rows without an ID cannot be synced: Set up sheet gives them one (reported as a problem meanwhile).
  const sheet = sheetOfTabs(tabs.map((tab) => ({ tab: tab.name, rows: tab.parsed.rows })));
  const clash = sheet.clashes[0];
  if (clash) {
    const message = word(language, "tabIdClash", {
      id: clash.id,
      tab: clash.first.tab,
      row: clash.first.row,
      other: clash.second.tab,
      otherRow: clash.second.row,
    });
    if (!options.automatic) spreadsheet.toast(message);
    return { ok: false, message, problems: [] };
  }
  const rows = sheet.rows;
  const synced = readSyncedHashes();
  const { payload, hashes } = payloadOf(rows, synced);
  const config: ApiConfig = { apiUrl: settings.apiUrl, apiKey: settings.apiKey, language };
  const send = sender(config, rows, hashes, {
    sheetId: settings.sheetId,
    name: found.name,
    language,
    timeZone,
  });

  let result: Rebased;
  try {
    result = sendRebasing(send, config, settings.sheetId, { rows, payload, hashes, synced });
  } catch (error) {
    return failedSync(language, error);
  }
  const { sent, conflicts, theirs, rebasedOn } = result;
  const { response } = sent;

  rememberSync(response, hashes);
  const tab = found.data.sheet.getSheetId();
  if (settings.okrSheet !== tab) pinOkrSheet(tab);
  // The server has the rows: what follows only mirrors it here, and a failure in one step is reported, not thrown.
  const afterSync: string[] = [];
  const step = <T>(what: AfterSyncStep, fallback: T, run: () => T): T => {
    try {
      return run();
    } catch (error) {
      const reason = errorMessage(error).replace(/\.$/, "");
      console.error(`Sync ${response.revision}: ${what}: ${reason}`);
      afterSync.push(word(language, "afterSyncFailed", { what: word(language, what), reason }));
      return fallback;
    }
  };
  if (conflicts.length > 0)
    step("stepConflicts", undefined, () =>
      recordConflicts(spreadsheet, language, conflicts, theirs, response.revision),
    );
  const checkInsSent = step("stepCheckIns", 0, () =>
    sendPendingCheckIns(spreadsheet, config, settings.sheetId),
  );
  step("stepCatalog", undefined, () => refreshCatalog(spreadsheet, config, rows, tabs));
  step("stepPeople", undefined, () => refreshPeople(spreadsheet, config));
  step("stepPeople", undefined, () => sendSheetUrl(spreadsheet, config, settings.sheetId));
  const problems = shownProblems(response, tabs, sheet.tabOf);
  const message = syncMessage(language, response, problems.length, conflicts, checkInsSent, afterSync);
  if (!options.automatic) spreadsheet.toast(message);
  return {
    ok: true,
    message,
    revision: response.revision,
    fullRows: sent.full,
    stubs: rows.length - sent.full,
    checkInsSent,
    ...(rebasedOn === undefined ? {} : { rebasedOn, conflicts }),
    problems,
  };
}

/** Each row's hash, and the request's rows: a stub where the server holds what we last synced, else the row. */
function payloadOf(
  rows: readonly OkrRow[],
  synced: ReadonlyMap<string, string>,
): { payload: Payload; hashes: Map<string, string> } {
  const hashes = new Map<string, string>();
  const payload: Payload = rows.map((row) => {
    const hash = rowHash(row);
    hashes.set(row.id, hash);
    return synced.get(row.id) === hash ? { id: row.id, hash } : { ...row, hash };
  });
  return { payload, hashes };
}

type Sent = { response: SyncResponse; full: number };
type Send = (baseRevision: number, body: Payload) => Sent;

/** One sync request; stubs the server does not hold (422 unknown_row_stub) are resent as full rows. */
function sender(
  config: ApiConfig,
  rows: readonly OkrRow[],
  hashes: ReadonlyMap<string, string>,
  sheet: { sheetId: string; name: string; language: Language; timeZone: string },
): Send {
  const { sheetId, name, language, timeZone } = sheet;
  return (baseRevision, body) => {
    const post = (rowsToSend: Payload) =>
      call(
        config,
        "POST /sheets/{sheetId}/sync",
        {
          params: { sheetId },
          body: { baseRevision, name, rows: rowsToSend, language, timeZone },
        },
        { "Idempotency-Key": Utilities.getUuid() },
      );
    try {
      return { response: post(body), full: body.filter((r) => "type" in r).length };
    } catch (error) {
      if (!(error instanceof ApiFailure) || error.code !== "unknown_row_stub") throw error;
      return {
        response: post(rows.map((row) => ({ ...row, hash: hashes.get(row.id) as string }))),
        full: rows.length,
      };
    }
  };
}

interface Rebased {
  sent: Sent;
  conflicts: SyncConflict[];
  /** The server's versions of conflicting rows, read before ours replace them. */
  theirs: Map<string, StoredRowWire>;
  rebasedOn: number | undefined;
}

/** Sends on the revision last synced; on a stale revision, once more on the server's, with its conflicts. */
function sendRebasing(
  send: Send,
  config: ApiConfig,
  sheetId: string,
  sheet: {
    rows: readonly OkrRow[];
    payload: Payload;
    hashes: ReadonlyMap<string, string>;
    synced: ReadonlyMap<string, string>;
  },
): Rebased {
  try {
    return {
      sent: send(readRevision(), sheet.payload),
      conflicts: [],
      theirs: new Map(),
      rebasedOn: undefined,
    };
  } catch (error) {
    const details =
      error instanceof ApiFailure && error.code === "stale_revision"
        ? staleRevisionDetails(error.details)
        : null;
    if (!details) throw error;
    const conflicts = conflictsOf(details.changed, sheet.hashes);
    // Their versions are read before ours replace them on the server.
    const theirs = conflicts.some((c) => c.kind !== "deleted") ? serverRows(config, sheetId) : new Map();
    const rebasedOn = details.currentRevision;
    const sent = send(
      details.currentRevision,
      rebasePayload(sheet.rows, sheet.hashes, sheet.synced, details.changed),
    );
    return { sent, conflicts, theirs, rebasedOn };
  }
}

function failedSync(language: Language, error: unknown): SyncOutcome {
  const reason = errorMessage(error);
  const attempts = error instanceof ApiFailure ? error.attempts : 1;
  // One attempt is a definite answer (refused, or not allowlisted), not a retry story.
  const message =
    attempts > 1
      ? word(language, "syncFailed", { attempts, reason })
      : word(language, "syncRefused", { reason });
  return { ok: false, message, problems: [] };
}

/**
 * The revision and the hashes the server now holds. Rows the server refused (their ID belongs to another sheet)
 * are not on the server: not remembered as synced, so the next sync sends them in full again (as a stub they
 * would only be refused as unknown).
 */
function rememberSync(response: SyncResponse, hashes: ReadonlyMap<string, string>): void {
  const refused = new Set(
    response.problems.filter((p) => p.code === "duplicate_id_across_sheets").flatMap((p) => p.ids ?? []),
  );
  writeSyncState(
    response.revision,
    refused.size > 0 ? new Map([...hashes].filter(([id]) => !refused.has(id))) : hashes,
  );
}

/**
 * The server's problems and the local check's own, with their tabs and cells. The server checked every tab's
 * rows as one sheet: a problem naming a row ID (its row's, else one involved) is that row's tab's, else the
 * first tab holding its row number.
 */
function shownProblems(
  response: SyncResponse,
  tabs: readonly { name: string; parsed: ParseResult }[],
  tabOfRow: ReadonlyMap<string, string>,
): ShownProblem[] {
  // An unchanged sheet's answer carries no problems: the last check's still hold.
  const serverProblems = response.unchangedSheet ? lastServerProblems() : response.problems;
  if (!response.unchangedSheet) rememberServerProblems(serverProblems);
  const tabOf = (p: Problem): number => {
    // A row's problem names the row's ID (row numbers repeat across tabs); others name the IDs involved.
    const byId = [...(p.rowId === undefined ? [] : [p.rowId]), ...(p.ids ?? [])]
      .map((id) => tabOfRow.get(id))
      .map((name) => tabs.findIndex((tab) => tab.name === name))
      .find((i) => i >= 0);
    if (byId !== undefined) return byId;
    const byRow = tabs.findIndex((tab) => tab.parsed.rows.some((row) => row.row === p.row));
    return Math.max(0, byRow);
  };
  const shown = (p: Problem, i: number): ShownProblem => ({
    severity: p.severity,
    code: p.code,
    message: p.message,
    row: p.row,
    a1: cellOf(p, tabs[i]!.parsed.layout),
    sheetName: tabs[i]!.name,
  });
  const fromServer = serverProblems.map((p) => ({ p, i: tabOf(p) }));
  const local = tabs.flatMap((tab, i) =>
    localOnly(
      tab.parsed.problems,
      fromServer.filter((entry) => entry.i === i).map((entry) => entry.p),
    ).map((p) => ({ p, i })),
  );
  return [...fromServer, ...local].map(({ p, i }) => shown(p, i));
}

function syncMessage(
  language: Language,
  response: SyncResponse,
  problems: number,
  conflicts: readonly SyncConflict[],
  checkInsSent: number,
  afterSync: readonly string[],
): string {
  const done = word(language, "syncDone", {
    revision: response.revision,
    written: response.written,
    unchanged: response.unchanged,
    deleted: response.deleted,
    problems,
  });
  return [
    done,
    ...(conflicts.length > 0
      ? [
          word(language, "syncConflicts", {
            count: conflicts.length,
            ids: conflicts.map((c) => c.id).join(", "),
            sheet: word(language, "conflictsSheet"),
          }),
        ]
      : []),
    ...(checkInsSent > 0 ? [word(language, "checkInsResent", { count: checkInsSent })] : []),
    ...afterSync,
  ].join("\n");
}

/**
 * The local check's errors the server did not report. The server checked the same rows knowing the whole
 * organisation, so its word stands: a problem both found is shown once, and an objective that is unknown in
 * this sheet but known elsewhere (a KPI beside another team's key result) is no problem.
 */
function localOnly(local: readonly Problem[], server: readonly Problem[]): Problem[] {
  const key = (p: Problem) => `${p.code}|${p.row}|${p.column}`;
  const reported = new Set(server.map(key));
  return local.filter(
    (p) => p.severity === "error" && p.code !== "unknown_objective" && !reported.has(key(p)),
  );
}

/** The server's rows of this sheet (deleted ones too), by ID. */
function serverRows(config: ApiConfig, sheetId: string): Map<string, StoredRowWire> {
  const sheet = call(config, "GET /sheets/{sheetId}", { params: { sheetId } });
  return new Map(sheet.rows.map((row) => [row.id, row]));
}

/**
 * Appends the conflicts to the conflicts sheet (created on first use): when, ID, what happened, the
 * revision, and the server's version (title, current, and the whole row as JSON), all as plain text.
 */
function recordConflicts(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  language: "en" | "sv" | "nb",
  conflicts: readonly SyncConflict[],
  theirs: ReadonlyMap<string, StoredRowWire>,
  revision: number,
): void {
  const name = word(language, "conflictsSheet");
  const header = word(language, "conflictHeaders").split("|");
  let sheet = spreadsheet.getSheetByName(name);
  let next = 1;
  const block: unknown[][] = [];
  if (!sheet) {
    sheet = spreadsheet.insertSheet(name);
    block.push(header);
  } else {
    next = sheet.getLastRow() + 1;
  }
  const at = new Date().toISOString();
  ensureGrid(sheet, next + conflicts.length + block.length - 1, header.length);
  for (const conflict of conflicts) {
    const server = conflict.kind === "deleted" ? undefined : theirs.get(conflict.id);
    let json = "";
    if (server) {
      const { hash: _hash, deleted: _deleted, revision: _revision, ...row } = server;
      json = JSON.stringify(row);
    }
    block.push([
      at,
      conflict.id,
      word(language, CONFLICT_KIND_WORD[conflict.kind]),
      revision,
      server?.title ?? "",
      server?.current ?? "",
      json,
    ]);
  }
  sheet
    .getRange(next, 1, block.length, header.length)
    .setValues(block.map((row) => row.map((cell) => plainText(cell))));
}

/**
 * The organisation's objectives for the Aligns to / Objective dropdowns, written over the catalog in place; the
 * dropdown rules then point at the catalog's new extent.
 */
function refreshCatalog(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  config: ApiConfig,
  rows: readonly OkrRow[],
  tabs: readonly { data: { sheet: GoogleAppsScript.Spreadsheet.Sheet }; layout: SheetLayout }[],
): void {
  const catalog = call(config, "GET /objectives", { query: {} });
  replaceCatalog(spreadsheet, catalog.objectives, rows);
  // Always (a few calls per tab, whatever the sizes): a rule keeps the range it was given, and the catalog may
  // have grown.
  for (const tab of tabs) applyCatalogRules(spreadsheet, tab.data.sheet, tab.layout);
}

// --- Automatic sync ---
//
// An add-on's time-driven trigger is not documented to run in a document (its event has no source: no active
// spreadsheet, and getDocumentProperties() "returns null" there), and opening the spreadsheet by ID would need the
// all-spreadsheets scope instead of spreadsheets.currentonly. So automatic sync uses the two installable triggers
// that are documented to carry this spreadsheet as their event's `source` and run in AuthMode.FULL: on change
// (any edit, in any tab, by anyone) and on open. A change syncs at once unless the last sync is younger than
// AUTO_SYNC_MINUTES; then it waits for the next change or open (Settings shows what is waiting). Each runs as the
// user who turned it on (https://developers.google.com/apps-script/guides/triggers/installable#restrictions).

export const AUTO_SYNC_HANDLER = "autoSync";
/** The handler of the first version's hourly time-driven trigger; one still installed removes itself. */
export const LEGACY_HANDLER = "hourlySync";
export const AUTO_SYNC_MINUTES = 15;

interface TriggerEvent {
  source?: GoogleAppsScript.Spreadsheet.Spreadsheet;
  triggerUid?: string;
}

/** Turns automatic sync on or off for this user in this spreadsheet only (never another spreadsheet's triggers). */
export function setAutoSync(on: boolean): void {
  const spreadsheet = activeSpreadsheet();
  // getUserTriggers(spreadsheet): "this user ... in the given spreadsheet, for this script or add-on only"
  // (https://developers.google.com/apps-script/reference/script/script-app#getUserTriggers(Spreadsheet)), where
  // getProjectTriggers() would be every spreadsheet of this user.
  for (const trigger of ScriptApp.getUserTriggers(spreadsheet)) {
    const handler = trigger.getHandlerFunction();
    if (handler === AUTO_SYNC_HANDLER || handler === LEGACY_HANDLER) ScriptApp.deleteTrigger(trigger);
  }
  setAutoSyncBy(on ? Session.getEffectiveUser().getEmail() : "");
  if (!on) return;
  ScriptApp.newTrigger(AUTO_SYNC_HANDLER).forSpreadsheet(spreadsheet).onChange().create();
  ScriptApp.newTrigger(AUTO_SYNC_HANDLER).forSpreadsheet(spreadsheet).onOpen().create();
}

/**
 * Automatic sync is on, but this user's triggers are missing (a document from the first version, whose hourly
 * trigger removed itself): puts them back, when it is this user's to run (a colleague's menu never adds theirs).
 */
export function repairAutoSync(): void {
  const settings = readSettings();
  if (!settings.autoSync) return;
  const me = Session.getEffectiveUser().getEmail();
  if (settings.autoSyncBy && settings.autoSyncBy !== me) return;
  const ours = ScriptApp.getUserTriggers(activeSpreadsheet()).filter(
    (trigger) => trigger.getHandlerFunction() === AUTO_SYNC_HANDLER,
  );
  if (ours.length < 2) setAutoSync(true);
}

/** A trigger's entry: never throws (an add-on trigger's failure reaches no one); the result is recorded instead. */
export function autoSync(event?: TriggerEvent): void {
  const spreadsheet = event?.source;
  if (!spreadsheet) {
    // A time-driven trigger of the first version: it has no document to sync, so it removes itself.
    removeTrigger(event?.triggerUid);
    return;
  }
  inSpreadsheet(spreadsheet, () => {
    try {
      autoSyncIn(spreadsheet);
    } catch (error) {
      const reason = errorMessage(error);
      console.error(`Automatic sync failed: ${reason}`);
      recordLastSync({
        at: new Date().toISOString(),
        ok: false,
        message: word(readSettings().language, "autoSyncError", { reason }),
        automatic: true,
      });
    }
  });
}

function autoSyncIn(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): void {
  const settings = readSettings();
  if (!settings.autoSync) {
    // Turned off by another user, who cannot see (nor delete) this user's triggers: they remove themselves.
    for (const trigger of ScriptApp.getUserTriggers(spreadsheet))
      if (trigger.getHandlerFunction() === AUTO_SYNC_HANDLER) ScriptApp.deleteTrigger(trigger);
    return;
  }
  const last = readLastSync();
  const now = new Date();
  if (last && now.getTime() - Date.parse(last.at) < AUTO_SYNC_MINUTES * 60_000) {
    if (!last.waitingSince) recordLastSync({ ...last, waitingSince: now.toISOString() });
    return;
  }
  syncNow({ automatic: true });
}

function removeTrigger(uid: string | undefined): void {
  if (!uid) return;
  for (const trigger of ScriptApp.getProjectTriggers())
    if (trigger.getUniqueId() === uid) ScriptApp.deleteTrigger(trigger);
}
