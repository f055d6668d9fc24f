// Settings live in document properties (never in a cell): API URL and key, sheet ID, cycle dates, thresholds,
// language. The API key is write-only from the UI: the settings dialog learns only whether one is set.

import { languageFromLocale } from "../shared/i18n.js";
import {
  type CycleWindow,
  DEFAULT_THRESHOLDS,
  LANGUAGES,
  type Language,
  type Problem,
  type StatusThresholds,
} from "../shared/model.js";
import { isAllowlisted, URL_ALLOWLIST } from "./allowlist.js";
import { activeSpreadsheet } from "./context.js";
import { errorMessage } from "./errors.js";
import { word } from "./words.js";

/** Replaced at build time from OKR_API_URL (see build.ts). */
declare const __OKR_DEFAULT_API_URL__: string;

const KEY = {
  apiUrl: "okr.apiUrl",
  apiKey: "okr.apiKey",
  sheetId: "okr.sheetId",
  cycles: "okr.cycles",
  thresholds: "okr.thresholds",
  language: "okr.language",
  rollupCycle: "okr.rollupCycle",
  revision: "okr.revision",
  /** Kept under its first name ("hourly"), so documents that had it on keep it on. */
  autoSync: "okr.hourlySync",
  autoSyncBy: "okr.autoSyncBy",
  lastSync: "okr.lastSync",
  formulaSeparator: "okr.formulaSeparator",
  okrSheet: "okr.okrSheet",
  serverProblems: "okr.serverProblems",
} as const;

export interface Settings {
  apiUrl: string;
  apiKey: string;
  sheetId: string;
  cycles: CycleWindow[];
  thresholds: StatusThresholds;
  language: Language;
  rollupCycle: string;
  /** Sync by itself after changes and on open (installable triggers of this spreadsheet, see sync.ts). */
  autoSync: boolean;
  /** Whose triggers run it (they run as the user who turned it on); "" when not known (the first version). */
  autoSyncBy: string;
  /**
   * The tab that syncs (its sheet ID), pinned by Set up sheet and the first sync: with several OKR tabs (one
   * per quarter), whichever happens to be active must not replace the server's rows with its own.
   */
  okrSheet: number | null;
}

/** The last sync's time and result, manual or automatic, kept so a failed automatic sync is never silent. */
export interface LastSync {
  /** ISO time. */
  at: string;
  ok: boolean;
  message: string;
  /** True when a trigger ran it (no one was looking). */
  automatic: boolean;
  /** Set when an automatic sync was due but waited (synced too recently): changes since then are not sent yet. */
  waitingSince?: string;
}

/** What the settings dialog may see: everything but the key itself. */
export type PublicSettings = Omit<Settings, "apiKey"> & {
  hasApiKey: boolean;
  /** The stored language choice, "" for automatic (from the user's locale); `language` is the one in use. */
  languageChoice: string;
  /** The URLs the API URL may be under (the manifest's allowlist). */
  allowedUrls: readonly string[];
  lastSync: ShownLastSync | null;
};

export type ShownLastSync = LastSync & { when: string; waitingWhen?: string };

function props(): GoogleAppsScript.Properties.Properties {
  return PropertiesService.getDocumentProperties();
}

function json<T>(text: string | null, fallback: T): T {
  if (!text) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}

export function readSettings(): Settings {
  const all = props().getProperties();
  const language = all[KEY.language];
  return {
    apiUrl: all[KEY.apiUrl] ?? __OKR_DEFAULT_API_URL__,
    apiKey: all[KEY.apiKey] ?? "",
    sheetId: all[KEY.sheetId] || activeSpreadsheet().getId(),
    cycles: json<CycleWindow[]>(all[KEY.cycles] ?? null, []),
    thresholds: {
      ...DEFAULT_THRESHOLDS,
      ...json<Partial<StatusThresholds>>(all[KEY.thresholds] ?? null, {}),
    },
    language: LANGUAGES.includes(language as Language)
      ? (language as Language)
      : languageFromLocale(Session.getActiveUserLocale()),
    rollupCycle: all[KEY.rollupCycle] ?? "",
    autoSync: all[KEY.autoSync] === "true",
    autoSyncBy: all[KEY.autoSyncBy] ?? "",
    okrSheet: /^\d+$/.test(all[KEY.okrSheet] ?? "") ? Number(all[KEY.okrSheet]) : null,
  };
}

/** The user's language without reading every setting (menus run in AuthMode.NONE, where properties are off limits). */
export function localeLanguage(): Language {
  return languageFromLocale(Session.getActiveUserLocale());
}

export function publicSettings(): PublicSettings {
  const { apiKey, ...rest } = readSettings();
  const choice = props().getProperty(KEY.language) ?? "";
  return {
    ...rest,
    hasApiKey: apiKey !== "",
    languageChoice: LANGUAGES.includes(choice as Language) ? choice : "",
    allowedUrls: URL_ALLOWLIST,
    lastSync: shownLastSync(),
  };
}

/** "2026-10-15 09:30" in the spreadsheet's time zone: the clock its users read. */
export function localTime(iso: string): string {
  return Utilities.formatDate(
    new Date(iso),
    activeSpreadsheet().getSpreadsheetTimeZone(),
    "yyyy-MM-dd HH:mm",
  );
}

export function readLastSync(): LastSync | null {
  return json<LastSync | null>(props().getProperty(KEY.lastSync), null);
}

/** The last sync as the dialog and the sidebar show it (with the local time), or null before the first. */
export function shownLastSync(): ShownLastSync | null {
  const last = readLastSync();
  if (!last) return null;
  return {
    ...last,
    when: localTime(last.at),
    ...(last.waitingSince ? { waitingWhen: localTime(last.waitingSince) } : {}),
  };
}

/** Records a sync's result (the message is cut to what one property value holds). */
export function recordLastSync(last: LastSync): void {
  try {
    props().setProperty(KEY.lastSync, JSON.stringify({ ...last, message: last.message.slice(0, 2000) }));
  } catch (error) {
    // A property store already full (see writeSyncState): the execution log keeps it instead.
    console.error(`Sync result not stored (${errorMessage(error)}): ${last.message}`);
  }
}

export interface SettingsForm {
  apiUrl?: string;
  /** Empty or absent keeps the stored key. */
  apiKey?: string;
  sheetId?: string;
  cycles?: CycleWindow[];
  atRiskGap?: number;
  offTrackGap?: number;
  language?: string;
  rollupCycle?: string;
  autoSync?: boolean;
}

/**
 * Why an API URL cannot be used, or null when it can: Apps Script fetches only https, and only under a prefix
 * of the manifest's urlFetchWhitelist (https://developers.google.com/apps-script/manifest/allowlist-url).
 */
export function apiUrlProblem(url: string, given: string, language: Language): string | null {
  if (!/^https:\/\/[^\s/?#]+(\/[^\s]*)?$/i.test(url)) return word(language, "badApiUrl", { value: given });
  if (!isAllowlisted(`${url}/v1/`))
    return word(language, "apiUrlNotAllowed", { value: given, allowed: URL_ALLOWLIST.join(", ") });
  return null;
}

/** Validates and stores; returns the problems (empty when saved). */
export function writeSettings(form: SettingsForm): string[] {
  const errors: string[] = [];
  const values: Record<string, string> = {};
  // Messages in the language being chosen, else the one in use.
  const language = LANGUAGES.includes(form.language as Language)
    ? (form.language as Language)
    : readSettings().language;
  if (form.apiUrl !== undefined) {
    const url = form.apiUrl.trim().replace(/\/+$/, "");
    const problem = url === "" ? null : apiUrlProblem(url, form.apiUrl, language);
    if (problem) errors.push(problem);
    values[KEY.apiUrl] = url;
  }
  if (form.apiKey) values[KEY.apiKey] = form.apiKey.trim();
  // Another sheet ID is another server sheet: the revision and hashes of the old one mean nothing there.
  const effectiveSheetId = (id: string) => id || activeSpreadsheet().getId();
  const sheetChanged =
    form.sheetId !== undefined &&
    effectiveSheetId(form.sheetId.trim()) !== effectiveSheetId(props().getProperty(KEY.sheetId) ?? "");
  if (form.sheetId !== undefined) values[KEY.sheetId] = form.sheetId.trim();
  if (form.cycles !== undefined) {
    for (const cycle of form.cycles) {
      if (
        !/^\d{4}-\d{2}-\d{2}$/.test(cycle.start) ||
        !/^\d{4}-\d{2}-\d{2}$/.test(cycle.end) ||
        cycle.end < cycle.start
      )
        errors.push(word(language, "badCycle", { label: cycle.label }));
    }
    values[KEY.cycles] = JSON.stringify(form.cycles);
  }
  if (form.atRiskGap !== undefined || form.offTrackGap !== undefined) {
    const atRiskGap = Number(form.atRiskGap ?? DEFAULT_THRESHOLDS.atRiskGap);
    const offTrackGap = Number(form.offTrackGap ?? DEFAULT_THRESHOLDS.offTrackGap);
    if (!(atRiskGap >= 0 && atRiskGap <= 1 && offTrackGap >= atRiskGap && offTrackGap <= 1))
      errors.push(word(language, "badThresholds"));
    values[KEY.thresholds] = JSON.stringify({ atRiskGap, offTrackGap });
  }
  if (form.language !== undefined) {
    if (form.language !== "" && !LANGUAGES.includes(form.language as Language))
      errors.push(word(language, "badLanguage", { value: form.language, languages: LANGUAGES.join(", ") }));
    values[KEY.language] = form.language;
  }
  if (form.rollupCycle !== undefined) values[KEY.rollupCycle] = form.rollupCycle.trim();
  if (form.autoSync !== undefined) values[KEY.autoSync] = String(form.autoSync);
  if (errors.length === 0) {
    if (sheetChanged) clearSyncState();
    props().setProperties(values);
  }
  return errors;
}

/** Records (or forgets) whose triggers run automatic sync. */
export function setAutoSyncBy(email: string): void {
  if (email) props().setProperty(KEY.autoSyncBy, email);
  else props().deleteProperty(KEY.autoSyncBy);
}

/** The argument separator found for a spreadsheet locale (setup.ts formulaSeparator), if probed. */
export function readFormulaSeparator(locale: string): "," | ";" | null {
  const known = json<Record<string, string>>(props().getProperty(KEY.formulaSeparator), {});
  const separator = known[locale];
  return separator === "," || separator === ";" ? separator : null;
}

export function storeFormulaSeparator(locale: string, separator: "," | ";"): void {
  const known = json<Record<string, string>>(props().getProperty(KEY.formulaSeparator), {});
  props().setProperty(KEY.formulaSeparator, JSON.stringify({ ...known, [locale]: separator }));
}

/** Pins the tab that syncs (see Settings.okrSheet). */
export function pinOkrSheet(sheetId: number): void {
  props().setProperty(KEY.okrSheet, String(sheetId));
}

export function readRevision(): number {
  return Number(props().getProperty(KEY.revision) ?? 0) || 0;
}

/** Row hashes as last synced live in chunked properties (one property value holds at most 9 kB of UTF-8). */
const HASH_PREFIX = "okr.hashes.";
const HASH_CHUNK_BYTES = 8000;

/** Cuts text into pieces of at most maxBytes UTF-8 bytes (IDs may hold å, ä, ö: up to 3 bytes a character). */
export function utf8Chunks(text: string, maxBytes: number): string[] {
  const chunks: string[] = [];
  let start = 0;
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // A surrogate half counts 2: a pair is 4 bytes in UTF-8.
    const size = unit < 0x80 ? 1 : unit < 0x800 || (unit >= 0xd800 && unit <= 0xdfff) ? 2 : 3;
    if (bytes + size > maxBytes) {
      chunks.push(text.slice(start, i));
      start = i;
      bytes = 0;
    }
    bytes += size;
  }
  if (start < text.length) chunks.push(text.slice(start));
  return chunks;
}

export function readSyncedHashes(): Map<string, string> {
  const all = props().getProperties();
  const text = Object.keys(all)
    .filter((k) => k.startsWith(HASH_PREFIX))
    .sort((a, b) => Number(a.slice(HASH_PREFIX.length)) - Number(b.slice(HASH_PREFIX.length)))
    .map((k) => all[k])
    .join("");
  const map = new Map<string, string>();
  for (const line of text.split("\n")) {
    const [id, hash] = line.split("\t");
    if (id && hash) map.set(id, hash);
  }
  return map;
}

/** Forgets the last sync (revision, row hashes, the server's problems): the next sync sends every row in full. */
export function clearSyncState(): void {
  const store = props();
  for (const key of Object.keys(store.getProperties()))
    if (key.startsWith(HASH_PREFIX) || key === KEY.revision || key === KEY.serverProblems)
      store.deleteProperty(key);
}

/** Room for the server's problems in one property value (the limit is 9 kB). */
const SERVER_PROBLEMS_BYTES = 8_000;

/**
 * Keeps the server's problems of the last sync that checked the rows: the answer for an unchanged sheet
 * carries none ("keep the previous answer's"). As many as fit one property value, the first ones first.
 */
export function rememberServerProblems(problems: readonly Problem[]): void {
  const kept: Problem[] = [];
  for (const problem of problems) {
    kept.push(problem);
    if (utf8Chunks(JSON.stringify(kept), SERVER_PROBLEMS_BYTES).length > 1) {
      kept.pop();
      break;
    }
  }
  const store = props();
  try {
    store.setProperty(KEY.serverProblems, JSON.stringify(kept));
  } catch (error) {
    // A property store already full (see writeSyncState): rather none than a stale list.
    console.warn(`Server problems not stored: ${errorMessage(error)}`);
    store.deleteProperty(KEY.serverProblems);
  }
}

export function lastServerProblems(): Problem[] {
  return json<Problem[]>(props().getProperty(KEY.serverProblems), []);
}

/** Stores the revision and the hashes together, in one call, after the server accepted them. */
export function writeSyncState(revision: number, hashes: ReadonlyMap<string, string>): void {
  const store = props();
  const text = [...hashes].map(([id, hash]) => `${id}\t${hash}`).join("\n");
  const values: Record<string, string> = { [KEY.revision]: String(revision) };
  let chunks = 0;
  for (const chunk of utf8Chunks(text, HASH_CHUNK_BYTES)) values[`${HASH_PREFIX}${chunks++}`] = chunk;
  for (const key of Object.keys(store.getProperties()))
    if (key.startsWith(HASH_PREFIX) && Number(key.slice(HASH_PREFIX.length)) >= chunks)
      store.deleteProperty(key);
  try {
    store.setProperties(values);
  } catch (error) {
    // Over the 500 kB property quota (very long IDs): keep the revision and forget the hashes, so the next
    // sync sends every row in full instead of failing after the server accepted this one.
    console.warn(`Row hashes not stored: ${errorMessage(error)}`);
    clearSyncState();
    store.setProperty(KEY.revision, String(revision));
  }
}
