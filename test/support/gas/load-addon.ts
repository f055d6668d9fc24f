// Loads the BUILT add-on (dist/addon/Code.js, the file clasp pushes) into a node:vm context holding the
// double's globals, as Apps Script's V8 runtime does: one global scope, entry points as global functions.
import { readFileSync } from "node:fs";
import path from "node:path";
import vm from "node:vm";
import { createGas, type GasOptions } from "./services.js";

export const DIST = path.resolve(import.meta.dirname, "../../../dist/addon");

/** The add-on's global entry points (what menus, triggers, google.script.run and the sheet call). */
export type EntryName =
  | "onOpen"
  | "onInstall"
  | "onEdit"
  | "menuSetUpSheet"
  | "menuCheckQuality"
  | "menuCheckIn"
  | "menuSyncNow"
  | "menuPullRollup"
  | "menuSettings"
  | "menuHelp"
  | "hourlySync"
  | "getQualityReport"
  | "selectProblemCell"
  | "getCheckInContext"
  | "submitCheckIn"
  | "getSettings"
  | "saveSettings"
  | "OKR_PROGRESS"
  | "OKR_STATUS";

export type AddonGlobals = Record<EntryName, (...args: unknown[]) => unknown> & Record<string, unknown>;

export function loadAddon(options: Partial<GasOptions> = {}) {
  const gas = createGas({ htmlDir: DIST, ...options });
  const context = vm.createContext({ ...gas.globals });
  const code = readFileSync(path.join(DIST, "Code.js"), "utf8");
  vm.runInContext(code, context, { filename: "Code.js" });
  return { gas, addon: context as unknown as AddonGlobals, context };
}
