// The entry points Apps Script calls: menu items, triggers, google.script.run and custom functions.
// Only declarations here; the logic lives in the modules. build.ts turns every export into a top-level
// function of the pushed Code.js.

import { type CheckInForm, checkInContext, submitCheckIn as submit } from "./checkin.js";
import { closeCycle as close, closeCycleContext } from "./close-cycle.js";
import {
  type CommentForm,
  conversationContext,
  postComment as post,
  askForReview as requestReview,
  savePerson as save,
} from "./conversation.js";
import { okrProgress, okrStatus } from "./custom-functions.js";
import { errorMessage } from "./errors.js";
import { type NextCycleForm, nextCycleContext, startNextCycle as start } from "./next-cycle.js";
import { qualityReport, selectCell } from "./quality.js";
import { pullRollup } from "./rollup-sheet.js";
import { publicSettings, readSettings, type SettingsForm, writeSettings } from "./settings.js";
import {
  newSheetFromTemplate,
  refreshEditedRows,
  refreshSettingsSheet,
  setUpSheet,
  stampAsOf,
  stampAsOfOnOpen,
} from "./setup.js";
import { repairAutoSync, autoSync as runAutoSync, setAutoSync, syncNow } from "./sync.js";
import { alert, buildMenu, showDialog, showSidebar } from "./ui.js";
import { word } from "./words.js";

export function onOpen(e?: GoogleAppsScript.Events.SheetsOnOpen): void {
  buildMenu();
  stampAsOfOnOpen(e?.authMode);
}

export function onInstall(e?: GoogleAppsScript.Events.AddonOnInstall): void {
  onOpen(e as GoogleAppsScript.Events.SheetsOnOpen | undefined);
}

/**
 * Simple trigger: edited rows get their values in canonical form, an ID, their objective and cycle, and the
 * formulas of their type (see setup.ts refreshEditedRows); the first edit of a day writes the day into the As of
 * cell (for a sheet left open overnight). Never throws at the user.
 */
export function onEdit(e?: GoogleAppsScript.Events.SheetsOnEdit): void {
  if (!e?.range) return;
  try {
    refreshEditedRows(e.range, (e as { oldValue?: unknown }).oldValue);
    stampAsOf(e.range.getSheet().getParent());
  } catch (error) {
    console.error(`onEdit: ${errorMessage(error)}`);
  }
}

export function menuSetUpSheet() {
  const result = setUpSheet();
  // What was found and what it needs, when the sheet cannot be read yet (a toast says what was done otherwise).
  if (!result.ok) alert(word(readSettings().language, "menuSetUp"), result.message);
  return result;
}

export function menuNewSheetFromTemplate() {
  return newSheetFromTemplate();
}

export function menuCheckQuality(): void {
  showSidebar("quality", "qualityTitle");
}

export function menuCheckIn(): void {
  showDialog("checkin", "checkInTitle", 420, 420);
}

export function menuSyncNow() {
  repairAutoSync();
  const outcome = syncNow();
  const lines = outcome.problems.slice(0, 25).map((p) => `${p.a1 ? `${p.a1}: ` : ""}${p.message}`);
  alert(word(readSettings().language, "menuSync"), [outcome.message, ...lines].join("\n"));
  return outcome;
}

export function menuPullRollup() {
  const outcome = pullRollup();
  if (!outcome.ok) alert(word(readSettings().language, "menuRollup"), outcome.message);
  return outcome;
}

export function menuStartNextCycle(): void {
  showDialog("next-cycle", "menuNextCycle", 480, 560);
}

export function menuCloseCycle(): void {
  showDialog("close-cycle", "menuCloseCycle", 420, 320);
}

export function menuConversation(): void {
  showSidebar("conversation", "conversationTitle");
}

export function menuSettings(): void {
  showDialog("settings", "settingsTitle", 460, 560);
}

export function menuHelp(): void {
  const language = readSettings().language;
  alert(word(language, "helpTitle"), word(language, "helpText"));
}

/** Installable on-change and on-open triggers of this spreadsheet (Settings: sync automatically). */
export function autoSync(
  e?: GoogleAppsScript.Events.SheetsOnChange | GoogleAppsScript.Events.SheetsOnOpen,
): void {
  runAutoSync(e as Parameters<typeof runAutoSync>[0]);
}

/** The first version's hourly time-driven trigger: with no document to sync, it removes itself. */
export function hourlySync(e?: GoogleAppsScript.Events.TimeDriven): void {
  runAutoSync(e as Parameters<typeof runAutoSync>[0]);
}

// --- google.script.run (sidebars and dialogs) ---

export function getQualityReport() {
  return qualityReport();
}

export function selectProblemCell(sheetName: string, a1: string): void {
  selectCell(sheetName, a1);
}

export function getCheckInContext() {
  return checkInContext();
}

export function submitCheckIn(form: CheckInForm) {
  return submit(form);
}

export function getNextCycleContext() {
  return nextCycleContext();
}

export function startNextCycle(form: NextCycleForm) {
  return start(form);
}

export function getCloseCycleContext() {
  return closeCycleContext();
}

export function closeCycle(form: { cycle: string }) {
  return close(form);
}

export function getConversation() {
  return conversationContext();
}

export function postComment(form: CommentForm) {
  return post(form);
}

export function askForReview(form: { team: string; cycle: string }) {
  return requestReview(form);
}

export function savePerson(form: { email: string; name: string; team?: string; leader?: boolean }) {
  return save(form);
}

export function getSettings() {
  repairAutoSync();
  return publicSettings();
}

export function saveSettings(form: SettingsForm) {
  const errors = writeSettings(form);
  if (errors.length === 0 && form.autoSync !== undefined) setAutoSync(form.autoSync);
  if (errors.length === 0 && (form.cycles || form.atRiskGap !== undefined || form.offTrackGap !== undefined))
    refreshSettingsSheet();
  return { ok: errors.length === 0, errors };
}

// --- custom functions (JSDoc for the sheet's autocomplete is written by build.ts on the top-level stubs) ---

export function OKR_PROGRESS(start: unknown, target: unknown, current: unknown) {
  return okrProgress(start, target, current);
}

export function OKR_STATUS(progress: unknown, cycle: unknown, ...optional: unknown[]) {
  return okrStatus(progress, cycle, ...optional);
}
