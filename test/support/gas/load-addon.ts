// Loads the BUILT add-on (the Code.js clasp pushes, built for tests into dist/addon-test) into a node:vm context
// holding the double's globals, as Apps Script's V8 runtime does: one global scope, entry points as global
// functions. The manifest the double enforces (urlFetchWhitelist, time zone) is the built appsscript.json.
//
// Calling `addon.name()` directly runs it as the user does from a menu or a dialog (AuthMode.FULL, unless the
// options say otherwise). The helpers run it the way Apps Script starts other executions: a simple trigger, a
// custom function recalculating, an installable spreadsheet trigger, a time-driven trigger.
import { readFileSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { type AuthMode, createGas, type FakeTrigger, type GasOptions, type Manifest } from "./services.js";

export const DIST = path.resolve(import.meta.dirname, "../../../dist/addon-test");
/**
 * The API URL the test build allowlists (a reserved .test name, never on the internet); the double serves it
 * from the loopback API each test starts (GasOptions.upstreams).
 */
export const TEST_API_URL = "https://okr-api.test";

/** The add-on's global entry points (what menus, triggers, google.script.run and the sheet call). */
export type EntryName =
  | "onOpen"
  | "onInstall"
  | "onEdit"
  | "menuSetUpSheet"
  | "menuNewSheetFromTemplate"
  | "menuCheckQuality"
  | "menuCheckIn"
  | "menuSyncNow"
  | "menuPullRollup"
  | "menuSettings"
  | "menuHelp"
  | "autoSync"
  | "hourlySync"
  | "getQualityReport"
  | "selectProblemCell"
  | "getCheckInContext"
  | "submitCheckIn"
  | "getConversation"
  | "postComment"
  | "askForReview"
  | "savePerson"
  | "menuConversation"
  | "menuStartNextCycle"
  | "menuCloseCycle"
  | "getNextCycleContext"
  | "startNextCycle"
  | "getCloseCycleContext"
  | "closeCycle"
  | "getSettings"
  | "saveSettings"
  | "OKR_PROGRESS"
  | "OKR_STATUS";

export type AddonGlobals = Record<EntryName, (...args: unknown[]) => unknown> & Record<string, unknown>;

export function builtManifest(dir = DIST): Manifest {
  return JSON.parse(readFileSync(path.join(dir, "appsscript.json"), "utf8")) as Manifest;
}

export function loadAddon(options: Partial<GasOptions> = {}) {
  const gas = createGas({ htmlDir: DIST, manifest: builtManifest(), ...options });
  const context = vm.createContext({ ...gas.globals, __okrClock: () => gas.book.now() });
  // The add-on's `new Date()` reads the workbook's clock (tests pin it to check "today" around midnight).
  vm.runInContext(
    `(() => {
      const RealDate = Date;
      const clock = __okrClock;
      class ClockDate extends RealDate {
        constructor(...args) { if (args.length === 0) super(clock().getTime()); else super(...args); }
        static now() { return clock().getTime(); }
      }
      globalThis.Date = ClockDate;
    })();`,
    context,
  );
  const code = readFileSync(path.join(DIST, "Code.js"), "utf8");
  vm.runInContext(code, context, { filename: "Code.js" });
  const addon = context as unknown as AddonGlobals;
  const call = (name: string, args: unknown[]) => (addon[name] as (...a: unknown[]) => unknown)(...args);

  /** A custom function recalculating in a cell: AuthMode.CUSTOM_FUNCTION (read-only spreadsheet, no UI). */
  const customFunction = (name: "OKR_PROGRESS" | "OKR_STATUS", ...args: unknown[]) =>
    gas.runAs({ authMode: "CUSTOM_FUNCTION", kind: "custom-function" }, () => call(name, args));

  /** onOpen / onEdit as simple triggers: LIMITED (or NONE for onOpen before the add-on is used here). */
  const simpleTrigger = (
    name: "onOpen" | "onEdit",
    event: Record<string, unknown> = {},
    mode: AuthMode = "LIMITED",
  ) =>
    gas.runAs({ authMode: mode, kind: "simple-trigger" }, () => call(name, [{ authMode: mode, ...event }]));

  /**
   * Fires this account's installable triggers of one event type on this spreadsheet, as Apps Script does: each
   * in its own execution in AuthMode.FULL, with the documented event object (authMode, source, triggerUid, user)
   * (https://developers.google.com/apps-script/guides/triggers/events#google_sheets_events).
   */
  const fireTriggers = (
    eventType: "ON_OPEN" | "ON_EDIT" | "ON_CHANGE",
    extra: Record<string, unknown> = {},
  ) =>
    gas.account.triggers
      .filter((t) => t.sourceId === gas.book.id && t.eventType === eventType)
      .map((t) =>
        gas.runAs({ authMode: "FULL", kind: "installable-trigger" }, () =>
          call(t.handler, [
            {
              authMode: "FULL",
              source: gas.book.api(),
              triggerUid: t.id,
              user: { getEmail: () => "" },
              ...(eventType === "ON_CHANGE" ? { changeType: "EDIT" } : {}),
              ...extra,
            },
          ]),
        ),
      );

  /** A time-driven trigger firing: no document at all (https://developers.google.com/apps-script/guides/triggers/events#time-driven_events). */
  const fireClock = (trigger: FakeTrigger) => {
    const now = gas.book.now();
    return gas.runAs({ authMode: "FULL", kind: "clock-trigger" }, () =>
      call(trigger.handler, [
        {
          authMode: "FULL",
          triggerUid: trigger.id,
          year: now.getUTCFullYear(),
          month: now.getUTCMonth() + 1,
          "day-of-month": now.getUTCDate(),
          hour: now.getUTCHours(),
          minute: now.getUTCMinutes(),
          second: now.getUTCSeconds(),
          timezone: "UTC",
        },
      ]),
    );
  };

  return { gas, addon, context, customFunction, simpleTrigger, fireTriggers, fireClock };
}
