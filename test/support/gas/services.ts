// The Apps Script globals the add-on uses, as one object to install into a node:vm context:
// SpreadsheetApp (over FakeWorkbook), PropertiesService, LockService, UrlFetchApp (synchronous, reaching a real
// HTTP server through a worker thread, like the real blocking fetch), HtmlService, ScriptApp, Session, Utilities.
//
// As strict as Google's documentation, each rule cited where it is enforced:
// - the authorization-mode table (what onOpen in NONE/LIMITED, onEdit, custom functions and everything else
//   may call), and what an execution started by an installable or time-driven trigger has (no UI; a clock
//   trigger has no document, so no active spreadsheet, no document properties, no document lock);
// - installable triggers per user and per project, getUserTriggers(spreadsheet) per document, and the
//   add-on rules (one trigger of each type per user per document, only for the add-on's own file, time-driven
//   at most hourly);
// - the urlFetchWhitelist of the built manifest (https prefixes, prefix match).
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fetchBlocking } from "./blocking-fetch.js";
import { CallCounter, counted } from "./counter.js";
import { FakeConditionalBuilder, FakeValidationBuilder, FakeWorkbook } from "./spreadsheet.js";

export interface ShownUi {
  kind: "sidebar" | "dialog" | "alert";
  title: string;
  html: string;
}

export interface MenuItem {
  caption: string;
  functionName: string;
}

export interface FetchRecord {
  url: string;
  method: string;
  bytes: number;
  status: number;
}

/** https://developers.google.com/apps-script/reference/script/auth-mode */
export type AuthMode = "NONE" | "LIMITED" | "CUSTOM_FUNCTION" | "FULL";

/**
 * What started the execution: the user in the editor (a menu item, a dialog's google.script.run), a simple
 * trigger (onOpen, onEdit), a custom function recalculating, an installable spreadsheet trigger, a time-driven one.
 */
export type ExecutionKind =
  | "editor"
  | "simple-trigger"
  | "custom-function"
  | "installable-trigger"
  | "clock-trigger";

export interface Execution {
  authMode: AuthMode;
  kind: ExecutionKind;
}

/** The manifest fields the double enforces (from the built dist appsscript.json). */
export interface Manifest {
  timeZone?: string;
  urlFetchWhitelist?: string[];
}

export interface GasOptions {
  book?: FakeWorkbook;
  /** Folder holding the pushed HTML files (dist/addon). */
  htmlDir: string;
  /** The user running the add-on: their triggers and user properties span every spreadsheet they use. */
  account?: FakeAccount;
  userEmail?: string;
  userLocale?: string;
  /** The mode of executions the test starts by calling an entry point directly (default FULL: a menu item). */
  authMode?: AuthMode;
  manifest?: Manifest;
  /**
   * Where an allowlisted https origin is served in this test (e.g. https://okr-api.test -> the loopback API):
   * the allowlist is checked against the URL the add-on fetches, then the request goes to the local server,
   * as a TLS-terminating proxy would.
   */
  upstreams?: Record<string, string>;
}

/** Apps Script's quotas: 9 kB per property value, 500 kB per property store. */
export const PROPERTY_VALUE_BYTES = 9 * 1024;
export const PROPERTY_STORE_BYTES = 500 * 1024;

export class FakeProperties {
  private readonly data = new Map<string, string>();
  getProperty(key: string): string | null {
    return this.data.get(key) ?? null;
  }
  setProperty(key: string, value: string) {
    return this.setProperties({ [key]: value });
  }
  /** All or nothing here: a value over its quota fails the whole call. */
  setProperties(values: Record<string, string>) {
    const next = new Map(this.data);
    for (const [k, v] of Object.entries(values)) {
      if (Buffer.byteLength(String(v)) > PROPERTY_VALUE_BYTES)
        throw new Error(`Exception: Argument too large: value (${k})`);
      next.set(k, String(v));
    }
    let total = 0;
    for (const [k, v] of next) total += Buffer.byteLength(k) + Buffer.byteLength(v);
    if (total > PROPERTY_STORE_BYTES)
      throw new Error("Exception: You have exceeded the property storage quota.");
    for (const [k, v] of next) this.data.set(k, v);
    return this;
  }
  getProperties(): Record<string, string> {
    return Object.fromEntries(this.data);
  }
  deleteProperty(key: string) {
    this.data.delete(key);
    return this;
  }
}

/** One document lock shared by every execution against this workbook (as the real document lock is). */
export class FakeLock {
  held = false;
  tryLock(_timeoutMs: number): boolean {
    if (this.held) return false;
    this.held = true;
    return true;
  }
  waitLock(timeoutMs: number): void {
    if (!this.tryLock(timeoutMs))
      throw new Error("Lock timeout: another process was holding the lock for too long.");
  }
  hasLock(): boolean {
    return this.held;
  }
  releaseLock(): void {
    this.held = false;
  }
}

export type TriggerEventType = "CLOCK" | "ON_OPEN" | "ON_EDIT" | "ON_CHANGE" | "ON_FORM_SUBMIT";

export interface FakeTrigger {
  id: string;
  handler: string;
  eventType: TriggerEventType;
  /** The spreadsheet a spreadsheet trigger watches; null for a time-driven trigger. */
  sourceId: string | null;
  /** The document the add-on created it in (an add-on's triggers belong to one file). */
  documentId: string | null;
  everyHours?: number;
}

/**
 * A Google account using the add-on. Installable triggers "always run under the account of the person who
 * created them" and "a given account cannot see triggers installed from a second account"
 * (https://developers.google.com/apps-script/guides/triggers/installable#restrictions): they belong to the
 * account, across all its spreadsheets, as user properties do.
 */
export class FakeAccount {
  readonly triggers: FakeTrigger[] = [];
  readonly userProperties = new FakeProperties();
  constructor(readonly email = "ada@example.com") {}
}

function menu(ui: FakeUi, name: string) {
  const items: (MenuItem | "separator")[] = [];
  const builder = {
    addItem(caption: string, functionName: string) {
      items.push({ caption, functionName });
      return builder;
    },
    addSeparator() {
      items.push("separator");
      return builder;
    },
    addToUi() {
      ui.menus.set(name, items);
    },
  };
  return builder;
}

class FakeUi {
  readonly menus = new Map<string, (MenuItem | "separator")[]>();
  readonly shown: ShownUi[] = [];
  readonly ButtonSet = { OK: "OK", OK_CANCEL: "OK_CANCEL", YES_NO: "YES_NO" };
  readonly Button = { OK: "OK", CANCEL: "CANCEL", YES: "YES", NO: "NO" };
  createAddonMenu() {
    return menu(this, "addon");
  }
  createMenu(name: string) {
    return menu(this, name);
  }
  showSidebar(output: FakeHtmlOutput) {
    this.shown.push({ kind: "sidebar", title: output.title, html: output.content });
  }
  showModalDialog(output: FakeHtmlOutput, title: string) {
    this.shown.push({ kind: "dialog", title, html: output.content });
  }
  alert(title: string, message?: string) {
    this.shown.push({ kind: "alert", title, html: message ?? "" });
    return "OK";
  }
}

class FakeHtmlOutput {
  title = "";
  width = 300;
  height = 300;
  constructor(public content: string) {}
  setTitle(title: string) {
    this.title = title;
    return this;
  }
  setWidth(width: number) {
    this.width = width;
    return this;
  }
  setHeight(height: number) {
    this.height = height;
    return this;
  }
  getContent() {
    return this.content;
  }
}

interface FetchParams {
  method?: string;
  headers?: Record<string, string>;
  payload?: string;
  contentType?: string;
  muteHttpExceptions?: boolean;
}

const AUTH_LIFECYCLE =
  "https://developers.google.com/workspace/add-ons/concepts/editor-auth-lifecycle#authorization_modes";

function denied(what: string, mode: AuthMode): Error {
  return new Error(
    `Exception: You do not have permission to call ${what} in AuthMode.${mode} (${AUTH_LIFECYCLE})`,
  );
}

/** Reads keep a read-only execution going; anything else writes. */
const isRead = (method: string) => /^(get|is|has|find)/.test(method) || method === "toString";

/**
 * The authorization-mode table (https://developers.google.com/workspace/add-ons/concepts/editor-auth-lifecycle,
 * "Authorization modes"), for the services the add-on uses:
 *
 * |                        | NONE        | LIMITED        | CUSTOM_FUNCTION | FULL |
 * | user data              | locale only | locale only    | locale only     | yes  |
 * | document / spreadsheet | no          | yes            | yes, read-only  | yes  |
 * | user interface         | menu items  | menu items     | no              | yes  |
 * | Properties             | no          | yes            | yes             | yes  |
 * | UrlFetch               | no          | no             | yes             | yes  |
 * | other services         | Logger, Utilities | those that need no authorization (nor user data) | same | all |
 *
 * "Add-ons can't open sidebars or dialogs while executing in AuthMode.LIMITED" (same page), and simple triggers
 * "cannot use services that require authorization" (https://developers.google.com/apps-script/guides/triggers#restrictions):
 * ScriptApp (the script.scriptapp scope) is FULL only.
 */
function checkAuthMode(mode: AuthMode, service: string, method: string): void {
  if (mode === "FULL") return;
  const what = `${service}.${method}`;
  switch (service) {
    case "SpreadsheetApp":
      if (method === "getUi") {
        if (mode === "CUSTOM_FUNCTION") throw denied(what, mode);
        return;
      }
      if (mode === "NONE") throw denied(what, mode);
      if (mode === "CUSTOM_FUNCTION" && !isRead(method) && !method.startsWith("new"))
        throw denied(what, mode);
      return;
    case "Spreadsheet":
    case "Sheet":
    case "Range":
    case "RangeList":
      if (mode === "NONE") throw denied(what, mode);
      if (method === "toast") throw denied(what, mode);
      if (mode === "CUSTOM_FUNCTION" && !isRead(method)) throw denied(what, mode);
      return;
    case "Ui":
      // Menus only below FULL; a custom function has no UI at all (getUi already refused).
      if (!["createAddonMenu", "createMenu", "addItem", "addSeparator", "addToUi"].includes(method))
        throw denied(what, mode);
      return;
    case "PropertiesService":
    case "LockService":
      if (mode === "NONE") throw denied(what, mode);
      return;
    case "UrlFetchApp":
      if (mode === "NONE" || mode === "LIMITED") throw denied(what, mode);
      return;
    case "ScriptApp":
      throw denied(what, mode);
    case "Session":
      if (method === "getActiveUserLocale") return;
      // Below FULL "access to user data: locale only"; in LIMITED and CUSTOM_FUNCTION the User object still
      // exists with a blank email (https://developers.google.com/apps-script/reference/base/session#getActiveUser()),
      // in NONE nothing but the locale.
      if (mode === "NONE") throw denied(what, mode);
      return;
    default:
      return;
  }
}

/** https://developers.google.com/apps-script/manifest/allowlist-url: "Each prefix must use https://" ... */
export function validAllowlistPrefix(prefix: string): boolean {
  const match = /^https:\/\/(\*\.)?([^/*?#]+)(\/[^*]*)$/.exec(prefix);
  if (!match) return false;
  // "Each prefix must have a full domain" and "a non-empty path" (https://www.google.com/ is valid,
  // https://www.google.com is not); the one wildcard may only stand for the leading subdomains.
  return match[2]!.includes(".") && match[3]!.length >= 1;
}

/**
 * "Path matching is case-sensitive. If the prefix is identical to the URL, it is a match. If the URL is the same or
 * a child of the prefix, it is a match" (https://example.com/foo matches /foo, /foo/, /foo/bar, /foo?bar, /foo#bar);
 * "https://*.example.com/foo" matches any number of subdomains but not example.com itself
 * (https://developers.google.com/apps-script/manifest/allowlist-url#using_wildcards).
 */
export function allowlisted(url: string, prefixes: readonly string[]): boolean {
  const child = (rest: string, prefix: string) =>
    rest === "" ||
    prefix.endsWith("/") ||
    rest.startsWith("/") ||
    rest.startsWith("?") ||
    rest.startsWith("#");
  return prefixes.some((prefix) => {
    if (!validAllowlistPrefix(prefix)) return false;
    if (prefix.startsWith("https://*.")) {
      const tail = prefix.slice("https://*".length); // ".example.com/foo"
      const at = url.indexOf(tail);
      if (!url.startsWith("https://") || at < 0) return false;
      const subdomains = url.slice("https://".length, at);
      if (subdomains === "" || /[/?#]/.test(subdomains)) return false;
      return child(url.slice(at + tail.length), prefix);
    }
    return url.startsWith(prefix) && child(url.slice(prefix.length), prefix);
  });
}

const EDITOR_TRIGGERS =
  "https://developers.google.com/workspace/add-ons/concepts/editor-triggers#restrictions_2";

/** Everything a test needs: the globals to install and the state to inspect. */
export function createGas(options: GasOptions) {
  const counter = options.book?.counter ?? new CallCounter();
  const book = options.book ?? new FakeWorkbook(counter);
  const account = options.account ?? new FakeAccount(options.userEmail ?? "ada@example.com");
  const manifest: Manifest = options.manifest ?? {};
  const ui = new FakeUi();
  const documentProperties = new FakeProperties();
  const scriptProperties = new FakeProperties();
  const lock = new FakeLock();
  const fetches: FetchRecord[] = [];
  const sleeps: number[] = [];
  /** Test hook: answer a fetch before it reaches the network (to inject network errors and 5xx). */
  let interceptor:
    | ((url: string, params: FetchParams) => { status: number; body: string } | "network" | null)
    | null = null;

  const defaultExecution: Execution = {
    authMode: options.authMode ?? "FULL",
    kind: options.authMode === "NONE" || options.authMode === "LIMITED" ? "simple-trigger" : "editor",
  };
  let execution: Execution = defaultExecution;
  /** Runs fn as one execution of the given kind (what Apps Script starts for a trigger or a recalculation). */
  const runAs = <T>(next: Execution, fn: () => T): T => {
    const previous = execution;
    execution = next;
    try {
      return fn();
    } finally {
      execution = previous;
    }
  };
  const inTrigger = () => execution.kind === "installable-trigger" || execution.kind === "clock-trigger";
  /** A time-driven trigger's event has no source document (https://developers.google.com/apps-script/guides/triggers/events#time-driven_events). */
  const documentless = () => execution.kind === "clock-trigger";

  const check = (service: string, method: string) => {
    checkAuthMode(execution.authMode, service, method);
    // Not in the reference, but a trigger has no user looking at the spreadsheet: the add-on may show nothing.
    // Calling getUi() from a trigger fails with "Cannot call SpreadsheetApp.getUi() from this context"
    // (docs/verify-on-google.md has a person confirm both).
    if (inTrigger() && ((service === "SpreadsheetApp" && method === "getUi") || method === "toast"))
      throw new Error(`Exception: Cannot call ${service}.${method}() from this context.`);
  };
  book.access = check;

  const SpreadsheetApp = {
    // "Returns the currently active spreadsheet, or null if there is none"
    // (https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app#getActiveSpreadsheet()).
    // A time-driven trigger runs in no spreadsheet. Whether an installable spreadsheet trigger has an active
    // spreadsheet is not documented, so here it has none: its event's `source` is the documented way in.
    getActiveSpreadsheet: () => (inTrigger() ? null : book.api()),
    getActive: () => (inTrigger() ? null : book.api()),
    getUi: () => counted(ui, "Ui", counter, check),
    flush: () => undefined,
    newDataValidation: () => new FakeValidationBuilder(),
    newConditionalFormatRule: () => new FakeConditionalBuilder(),
    ProtectionType: { RANGE: "RANGE", SHEET: "SHEET" },
  };

  const upstream = (url: string) => {
    for (const [origin, target] of Object.entries(options.upstreams ?? {}))
      if (url.startsWith(`${origin}/`)) return `${target}${url.slice(origin.length)}`;
    return url;
  };

  const UrlFetchApp = {
    fetch(url: string, params: FetchParams = {}) {
      const method = (params.method ?? "get").toUpperCase();
      const body = params.payload ?? null;
      // https://developers.google.com/apps-script/manifest/allowlist-url: "when you define an allowlist, script
      // projects can't access URLs that have not been added", and it "is required when you create a versioned
      // deployment" (a published add-on): no allowlist, no fetch.
      const allowlist = manifest.urlFetchWhitelist ?? [];
      if (!allowlisted(url, allowlist)) {
        fetches.push({ url, method, bytes: body ? Buffer.byteLength(body) : 0, status: 0 });
        throw new Error(
          `Exception: The script does not have permission to fetch ${url}: it is not in the manifest's urlFetchWhitelist (${allowlist.join(", ") || "empty"}).`,
        );
      }
      const intercepted = interceptor?.(url, params) ?? null;
      let result: { status: number; body: string; headers?: Record<string, string> };
      if (intercepted === "network") {
        fetches.push({ url, method, bytes: body?.length ?? 0, status: 0 });
        throw new Error(`Address unavailable: ${url}`);
      } else if (intercepted) {
        result = intercepted;
      } else {
        const headers = {
          ...(params.headers ?? {}),
          ...(params.contentType ? { "Content-Type": params.contentType } : {}),
        };
        const answer = fetchBlocking({ url: upstream(url), method, headers, body });
        if (!answer.ok) {
          fetches.push({ url, method, bytes: body ? Buffer.byteLength(body) : 0, status: 0 });
          throw new Error(`Exception: Address unavailable: ${url} (${answer.error})`);
        }
        result = answer;
      }
      fetches.push({ url, method, bytes: body ? Buffer.byteLength(body) : 0, status: result.status });
      if (result.status >= 400 && !params.muteHttpExceptions) {
        throw new Error(
          `Request failed for ${url} returned code ${result.status}. Truncated server response: ${result.body.slice(0, 200)}`,
        );
      }
      return {
        getResponseCode: () => result.status,
        getContentText: () => result.body,
        getHeaders: () => result.headers ?? {},
      };
    },
  };

  const HtmlService = {
    createHtmlOutputFromFile(name: string) {
      return new FakeHtmlOutput(readFileSync(path.join(options.htmlDir, `${name}.html`), "utf8"));
    },
    createHtmlOutput(html = "") {
      return new FakeHtmlOutput(html);
    },
  };

  const triggerObject = (t: FakeTrigger) => ({
    getHandlerFunction: () => t.handler,
    getUniqueId: () => t.id,
    getEventType: () => t.eventType,
    getTriggerSource: () => (t.eventType === "CLOCK" ? "CLOCK" : "SPREADSHEETS"),
    getTriggerSourceId: () => t.sourceId,
  });

  /**
   * Creating an installable trigger from an add-on
   * (https://developers.google.com/workspace/add-ons/concepts/editor-triggers#restrictions_2): "Each add-on can only
   * have one trigger of each type, per user, per document"; "Add-ons can only create triggers for the file in which
   * the add-on is used"; "Time-driven triggers cannot run more frequently than once per hour".
   */
  const createTrigger = (spec: Omit<FakeTrigger, "id" | "documentId">) => {
    if (spec.sourceId !== null && spec.sourceId !== book.id)
      throw new Error(
        `Add-ons can only create triggers for the file in which the add-on is used (${EDITOR_TRIGGERS})`,
      );
    if (spec.everyHours !== undefined && !(spec.everyHours >= 1))
      throw new Error(
        `An add-on's time-driven trigger cannot run more than once per hour (${EDITOR_TRIGGERS})`,
      );
    if (account.triggers.some((t) => t.documentId === book.id && t.eventType === spec.eventType))
      throw new Error(
        `This add-on already has a ${spec.eventType} trigger for this user in this document (${EDITOR_TRIGGERS})`,
      );
    const trigger: FakeTrigger = { ...spec, id: randomUUID(), documentId: book.id };
    account.triggers.push(trigger);
    return triggerObject(trigger);
  };

  const ScriptApp = {
    AuthMode: { NONE: "NONE", LIMITED: "LIMITED", FULL: "FULL", CUSTOM_FUNCTION: "CUSTOM_FUNCTION" },
    EventType: { CLOCK: "CLOCK", ON_OPEN: "ON_OPEN", ON_EDIT: "ON_EDIT", ON_CHANGE: "ON_CHANGE" },
    TriggerSource: { SPREADSHEETS: "SPREADSHEETS", CLOCK: "CLOCK" },
    /**
     * "Gets all installable triggers associated with the current project and current user"
     * (https://developers.google.com/apps-script/reference/script/script-app#getProjectTriggers()): every
     * spreadsheet of this account, not just this one.
     */
    getProjectTriggers: () => account.triggers.map(triggerObject),
    /**
     * "Gets all installable triggers owned by this user in the given spreadsheet, for this script or add-on only"
     * (https://developers.google.com/apps-script/reference/script/script-app#getUserTriggers(Spreadsheet)).
     * Whether a time-driven trigger created in the spreadsheet is among them is not documented: here it is not.
     */
    getUserTriggers: (spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet) => {
      const id = spreadsheet.getId();
      return account.triggers.filter((t) => t.sourceId === id).map(triggerObject);
    },
    deleteTrigger(trigger: { getUniqueId(): string }) {
      const index = account.triggers.findIndex((t) => t.id === trigger.getUniqueId());
      if (index >= 0) account.triggers.splice(index, 1);
    },
    newTrigger(handler: string) {
      return {
        timeBased() {
          let everyHours: number | undefined;
          let minutes = false;
          const clock = {
            everyHours(n: number) {
              everyHours = n;
              return clock;
            },
            everyMinutes(_n: number) {
              minutes = true;
              return clock;
            },
            create() {
              return createTrigger({
                handler,
                eventType: "CLOCK",
                sourceId: null,
                everyHours: minutes ? 0 : everyHours,
              });
            },
          };
          return clock;
        },
        forSpreadsheet(target: string | GoogleAppsScript.Spreadsheet.Spreadsheet) {
          const sourceId = typeof target === "string" ? target : target.getId();
          const on = (eventType: TriggerEventType) => ({
            create: () => createTrigger({ handler, eventType, sourceId }),
          });
          return {
            onOpen: () => on("ON_OPEN"),
            onEdit: () => on("ON_EDIT"),
            onChange: () => on("ON_CHANGE"),
            onFormSubmit: () => on("ON_FORM_SUBMIT"),
          };
        },
      };
    },
  };

  const blankInContext = () =>
    execution.authMode !== "FULL" ||
    execution.kind === "installable-trigger" ||
    execution.kind === "clock-trigger";
  const Session = {
    // "the user's email address is not available in any context that allows a script to run without that user's
    // authorization, like a simple onOpen(e) or onEdit(e) trigger, a custom function" (and, for a consumer
    // account, an installable trigger runs as its creator, not as the person editing)
    // (https://developers.google.com/apps-script/reference/base/session#getActiveUser()).
    getActiveUser: () => ({ getEmail: () => (blankInContext() ? "" : account.email) }),
    getEffectiveUser: () => ({ getEmail: () => account.email }),
    getActiveUserLocale: () => options.userLocale ?? "en",
    getScriptTimeZone: () => manifest.timeZone ?? "Etc/UTC",
  };

  const Utilities = {
    sleep: (ms: number) => {
      sleeps.push(ms);
    },
    getUuid: () => randomUUID(),
    /**
     * Utilities.formatDate(date, timeZone, format) with SimpleDateFormat letters
     * (https://developers.google.com/apps-script/reference/utilities/utilities#formatDate(Date,String,String)):
     * the double knows yyyy, MM, dd, HH, mm, ss and quoted literals.
     */
    formatDate: (date: Date, timeZone: string, pattern: string) => formatDate(date, timeZone, pattern),
  };

  const guarded = <T extends object>(service: T, name: string): T => counted(service, name, counter, check);

  const globals = {
    SpreadsheetApp: guarded(SpreadsheetApp, "SpreadsheetApp"),
    PropertiesService: guarded(
      {
        // "When document properties are not available this method returns null"
        // (https://developers.google.com/apps-script/reference/properties/properties-service#getDocumentProperties()):
        // a time-driven trigger runs within no open document.
        getDocumentProperties: () => (documentless() ? null : documentProperties),
        getUserProperties: () => account.userProperties,
        getScriptProperties: () => scriptProperties,
      },
      "PropertiesService",
    ),
    LockService: guarded(
      {
        // "If this method is called outside of the context of a containing document ... null is returned"
        // (https://developers.google.com/apps-script/reference/lock/lock-service#getDocumentLock()).
        getDocumentLock: () => (documentless() ? null : lock),
        getScriptLock: () => lock,
        getUserLock: () => lock,
      },
      "LockService",
    ),
    UrlFetchApp: guarded(UrlFetchApp, "UrlFetchApp"),
    HtmlService,
    ScriptApp: guarded(ScriptApp, "ScriptApp"),
    Session: guarded(Session, "Session"),
    Utilities,
    Logger: { log: () => undefined },
    console,
  };

  return {
    globals,
    book,
    account,
    counter,
    ui,
    documentProperties,
    lock,
    fetches,
    /** This account's installable triggers (all its spreadsheets). */
    get triggers() {
      return account.triggers;
    },
    sleeps,
    runAs,
    get execution() {
      return execution;
    },
    intercept(fn: typeof interceptor) {
      interceptor = fn;
    },
  };
}

/** SimpleDateFormat's yyyy, MM, dd, HH, mm, ss in a time zone (the letters the add-on uses). */
export function formatDate(date: Date, timeZone: string, pattern: string): string {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
    hourCycle: "h23",
  }).formatToParts(date);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  const fields: Record<string, string> = {
    yyyy: part("year").padStart(4, "0"),
    MM: part("month"),
    dd: part("day"),
    HH: part("hour"),
    mm: part("minute"),
    ss: part("second"),
  };
  return pattern.replace(/'([^']*)'|yyyy|MM|dd|HH|mm|ss/g, (token, literal) =>
    literal !== undefined ? literal : (fields[token] ?? token),
  );
}

export type Gas = ReturnType<typeof createGas>;
