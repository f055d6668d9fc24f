// Sync now: send the sheet (full rows only where the row hash changed since the last sync, {id, hash} stubs
// for the rest), store the new revision and hashes, refresh the catalog. A document lock keeps two syncs
// apart; nothing is written to the sheet until the server has accepted the rows.
import type { RowStub, SyncResponse, SyncRow } from "../shared/contract.js";
import type { ObjectiveRef, OkrRow, Problem } from "../shared/model.js";
import { rowHash } from "../shared/row-hash.js";
import { ApiFailure, callApi } from "./api-client.js";
import { replaceCatalog } from "./catalog.js";
import { cellOf, type ShownProblem } from "./quality.js";
import { readRevision, readSettings, readSyncedHashes, writeSyncState } from "./settings.js";
import { findOkrSheet, parseData } from "./sheet-read.js";
import { word } from "./words.js";

export interface SyncOutcome {
  ok: boolean;
  message: string;
  revision?: number;
  fullRows?: number;
  stubs?: number;
  problems: ShownProblem[];
}

const LOCK_WAIT_MS = 2000;

export function syncNow(): SyncOutcome {
  const settings = readSettings();
  const language = settings.language;
  if (!settings.apiUrl || !settings.apiKey)
    return { ok: false, message: word(language, "notConnected"), problems: [] };
  const lock = LockService.getDocumentLock();
  if (!lock.tryLock(LOCK_WAIT_MS)) return { ok: false, message: word(language, "syncBusy"), problems: [] };
  try {
    return syncLocked();
  } finally {
    lock.releaseLock();
  }
}

function syncLocked(): SyncOutcome {
  const spreadsheet = SpreadsheetApp.getActiveSpreadsheet();
  const settings = readSettings();
  const language = settings.language;
  const found = findOkrSheet(spreadsheet);
  if (!found) return { ok: false, message: word(language, "noOkrSheet"), problems: [] };
  const parsed = parseData(found.data, language, settings.sheetId);
  // Rows without an ID cannot be synced: Set up sheet gives them one (reported as a problem meanwhile).
  const rows = parsed.rows.filter((row) => row.id !== "");
  const synced = readSyncedHashes();
  const hashes = new Map<string, string>();
  const payload: (SyncRow | RowStub)[] = rows.map((row) => {
    const hash = rowHash(row);
    hashes.set(row.id, hash);
    return synced.get(row.id) === hash ? { id: row.id, hash } : { ...row, hash };
  });
  const config = { apiUrl: settings.apiUrl, apiKey: settings.apiKey };
  const path = `/sheets/${encodeURIComponent(settings.sheetId)}/sync`;
  const name = found.data.sheet.getName();
  const send = (baseRevision: number, body: (SyncRow | RowStub)[]) =>
    callApi<SyncResponse>(
      config,
      "post",
      path,
      { baseRevision, name, rows: body, language },
      { "Idempotency-Key": Utilities.getUuid() },
    );

  let response: SyncResponse;
  let sentFull = payload.filter((r) => "type" in r).length;
  try {
    try {
      response = send(readRevision(), payload);
    } catch (error) {
      // Someone else synced this sheet (or the server lost our hashes): send every row in full on their revision.
      if (!(error instanceof ApiFailure) || (error.code !== "stale_revision" && error.status !== 422))
        throw error;
      const current =
        (error.details as { currentRevision?: number } | undefined)?.currentRevision ?? readRevision();
      const full = rows.map((row) => ({ ...row, hash: hashes.get(row.id) as string }));
      sentFull = full.length;
      response = send(current, full);
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    const attempts = error instanceof ApiFailure ? error.attempts : 1;
    return { ok: false, message: word(language, "syncFailed", { attempts, reason }), problems: [] };
  }

  writeSyncState(response.revision, hashes);
  refreshCatalog(spreadsheet, config, rows);
  const problems = [
    ...parsed.problems.filter((p) => p.severity === "error"),
    ...(response.problems as Problem[]),
  ].map((p) => ({
    severity: p.severity,
    code: p.code,
    message: p.message,
    row: p.row,
    a1: cellOf(p, parsed.layout),
  }));
  const message = word(language, "syncDone", {
    revision: response.revision,
    written: response.written,
    unchanged: response.unchanged,
    deleted: response.deleted,
    problems: problems.length,
  });
  spreadsheet.toast(message);
  return {
    ok: true,
    message,
    revision: response.revision,
    fullRows: sentFull,
    stubs: payload.length - sentFull,
    problems,
  };
}

/** The organisation's objectives for the Aligns to dropdown; a failure here does not fail the sync. */
function refreshCatalog(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  config: { apiUrl: string; apiKey: string },
  rows: readonly OkrRow[],
): void {
  try {
    const catalog = callApi<{ objectives: ObjectiveRef[] }>(config, "get", "/objectives");
    replaceCatalog(spreadsheet, catalog.objectives, rows);
  } catch (error) {
    if (!(error instanceof ApiFailure)) throw error;
  }
}

/** The hourly trigger's entry: syncs quietly, never throws (a trigger's failure mails the user). */
export function scheduledSync(): void {
  try {
    syncNow();
  } catch (error) {
    console.error(`Scheduled sync failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

export function setHourlySync(on: boolean): void {
  for (const trigger of ScriptApp.getProjectTriggers()) {
    if (trigger.getHandlerFunction() === "hourlySync") ScriptApp.deleteTrigger(trigger);
  }
  if (on) ScriptApp.newTrigger("hourlySync").timeBased().everyHours(1).create();
}
