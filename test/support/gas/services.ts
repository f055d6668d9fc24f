// The Apps Script globals the add-on uses, as one object to install into a node:vm context:
// SpreadsheetApp (over FakeWorkbook), PropertiesService, LockService, UrlFetchApp (synchronous, reaching a real
// HTTP server through a child process, like the real blocking fetch), HtmlService, ScriptApp, Session, Utilities.
import { spawnSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { CallCounter, counted } from "./counter.js";
import { FakeConditionalBuilder, FakeValidationBuilder, FakeWorkbook } from "./spreadsheet.js";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const HTTP_CHILD = path.join(HERE, "http-child.mjs");

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

export interface GasOptions {
  book?: FakeWorkbook;
  /** Folder holding the pushed HTML files (dist/addon). */
  htmlDir: string;
  userEmail?: string;
  userLocale?: string;
  authMode?: "NONE" | "LIMITED" | "FULL";
}

/** Apps Script's quotas: 9 kB per property value, 500 kB per property store. */
export const PROPERTY_VALUE_BYTES = 9 * 1024;
export const PROPERTY_STORE_BYTES = 500 * 1024;

class FakeProperties {
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

/** Everything a test needs: the globals to install and the state to inspect. */
export function createGas(options: GasOptions) {
  const counter = options.book?.counter ?? new CallCounter();
  const book = options.book ?? new FakeWorkbook(counter);
  const ui = new FakeUi();
  const documentProperties = new FakeProperties();
  const userProperties = new FakeProperties();
  const scriptProperties = new FakeProperties();
  const lock = new FakeLock();
  const fetches: FetchRecord[] = [];
  const triggers: { handler: string; everyHours: number; id: string }[] = [];
  const sleeps: number[] = [];
  /** Test hook: answer a fetch before it reaches the network (to inject network errors and 5xx). */
  let interceptor:
    | ((url: string, params: FetchParams) => { status: number; body: string } | "network" | null)
    | null = null;

  const SpreadsheetApp = {
    getActiveSpreadsheet: () => book.api(),
    getActive: () => book.api(),
    getUi: () => ui,
    flush: () => undefined,
    newDataValidation: () => new FakeValidationBuilder(),
    newConditionalFormatRule: () => new FakeConditionalBuilder(),
    ProtectionType: { RANGE: "RANGE", SHEET: "SHEET" },
  };

  const UrlFetchApp = {
    fetch(url: string, params: FetchParams = {}) {
      const method = (params.method ?? "get").toUpperCase();
      const body = params.payload ?? null;
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
        const child = spawnSync(process.execPath, [HTTP_CHILD], {
          input: JSON.stringify({ url, method, headers, body }),
          encoding: "utf8",
          maxBuffer: 256 * 1024 * 1024,
        });
        const answer = JSON.parse(child.stdout || '{"ok":false,"error":"no answer"}') as
          | { ok: true; status: number; body: string; headers: Record<string, string> }
          | { ok: false; error: string };
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

  const ScriptApp = {
    AuthMode: { NONE: "NONE", LIMITED: "LIMITED", FULL: "FULL", CUSTOM_FUNCTION: "CUSTOM_FUNCTION" },
    getProjectTriggers: () =>
      triggers.map((t) => ({ getHandlerFunction: () => t.handler, getUniqueId: () => t.id })),
    deleteTrigger(trigger: { getUniqueId(): string }) {
      const index = triggers.findIndex((t) => t.id === trigger.getUniqueId());
      if (index >= 0) triggers.splice(index, 1);
    },
    newTrigger(handler: string) {
      let everyHours = 1;
      const builder = {
        timeBased: () => builder,
        everyHours: (n: number) => {
          everyHours = n;
          return builder;
        },
        create: () => {
          triggers.push({ handler, everyHours, id: randomUUID() });
          return {};
        },
      };
      return builder;
    },
  };

  const Session = {
    getActiveUser: () => ({ getEmail: () => options.userEmail ?? "ada@example.com" }),
    getEffectiveUser: () => ({ getEmail: () => options.userEmail ?? "ada@example.com" }),
    getActiveUserLocale: () => options.userLocale ?? "en",
    getScriptTimeZone: () => "UTC",
  };

  const Utilities = {
    sleep: (ms: number) => {
      sleeps.push(ms);
    },
    getUuid: () => randomUUID(),
    formatDate: (date: Date, _tz: string, _pattern: string) => date.toISOString().slice(0, 10),
  };

  /**
   * AuthMode.NONE (an add-on's onOpen before it is used in the document): only what needs no authorization
   * works (the UI to build a menu, the user's locale); the document, properties, locks, fetches and the
   * user's identity throw, as in Apps Script.
   */
  const denied = (name: string) => () => {
    throw new Error(`Exception: You do not have permission to call ${name} in AuthMode.NONE`);
  };
  const none = options.authMode === "NONE";
  const guard = <T extends object>(service: T, name: string, allowed: readonly string[]): T =>
    none
      ? (new Proxy(service, {
          get(object, property, receiver) {
            const value = Reflect.get(object, property, receiver);
            return typeof value === "function" && typeof property === "string" && !allowed.includes(property)
              ? denied(`${name}.${property}`)
              : value;
          },
        }) as T)
      : service;

  const globals = {
    SpreadsheetApp: guard(counted(SpreadsheetApp, "SpreadsheetApp", counter), "SpreadsheetApp", ["getUi"]),
    PropertiesService: guard(
      {
        getDocumentProperties: () => documentProperties,
        getUserProperties: () => userProperties,
        getScriptProperties: () => scriptProperties,
      },
      "PropertiesService",
      [],
    ),
    LockService: guard(
      { getDocumentLock: () => lock, getScriptLock: () => lock, getUserLock: () => lock },
      "LockService",
      [],
    ),
    UrlFetchApp: guard(UrlFetchApp, "UrlFetchApp", []),
    HtmlService,
    ScriptApp: guard(ScriptApp, "ScriptApp", []),
    Session: guard(Session, "Session", ["getActiveUserLocale"]),
    Utilities,
    Logger: { log: () => undefined },
    console,
  };

  return {
    globals,
    book,
    counter,
    ui,
    documentProperties,
    lock,
    fetches,
    triggers,
    sleeps,
    intercept(fn: typeof interceptor) {
      interceptor = fn;
    },
  };
}

export type Gas = ReturnType<typeof createGas>;
