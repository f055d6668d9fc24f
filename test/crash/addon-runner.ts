// The add-on as its own process for the crash suite: the BUILT add-on (dist/addon/Code.js) in the Apps Script
// double, syncing a workbook against the API process. Its UrlFetchApp blocks like Apps Script's, so it runs
// apart from the suite, which meanwhile kills and restarts the server and the database. Utilities.sleep
// really sleeps here: the add-on's backoff and its waits on 409 request_in_progress take real time, as on
// Google's servers.
//
// Commands, one JSON line each on stdin; one JSON answer line each on stdout:
//   {"cmd": "open", "apiUrl", "apiKey", "sheetId", "grid"}  a new spreadsheet holding `grid`, connected to
//                                                            the loopback API at apiUrl (as TEST_API_URL)
//   {"cmd": "setGrid", "grid"}                                the OKR tab's cells replaced (the user edited)
//   {"cmd": "sync"}                                           Sync now: its outcome and the calls it made
//   {"cmd": "rows"}                                           the sheet's rows as the add-on parses them
import { createInterface } from "node:readline";
import { parseSheet } from "../../shared/parse.js";
import { loadAddon, TEST_API_URL } from "../support/gas/load-addon.js";
import { FakeWorkbook } from "../support/gas/spreadsheet.js";
import { createSyncFetch } from "./sync-fetch.js";

// stdout is the answer channel: the add-on's own console output goes to stderr.
for (const method of ["log", "info", "warn", "error", "debug"] as const)
  console[method] = (...args: unknown[]) => process.stderr.write(`${args.map(String).join(" ")}\n`);

const TAB = "OKRs";
let current: (ReturnType<typeof loadAddon> & { sheetId: string }) | null = null;
const blocker = new Int32Array(new SharedArrayBuffer(4));
const request = createSyncFetch();

function open(apiUrl: string, apiKey: string, sheetId: string, grid: unknown[][]) {
  const book = new FakeWorkbook(undefined, `spreadsheet-${sheetId}`);
  // Only cells the add-on reads matter here: no formula needs computing (and 5,000 rows recompute slowly).
  book.evaluateFormulas = false;
  book.addSheet(TAB, grid);
  book.active = book.sheet(TAB) ?? null;
  const loaded = loadAddon({ book });
  loaded.gas.globals.Utilities.sleep = (ms: number) => {
    loaded.gas.sleeps.push(ms);
    Atomics.wait(blocker, 0, 0, ms);
  };
  // The double's fetch (its allowlist checked first), answered through one worker thread (see sync-fetch.ts)
  // instead of a process per request; the add-on's https API URL served by the loopback API, as a
  // TLS-terminating proxy would.
  loaded.gas.intercept((url, params) => {
    const headers = {
      ...(params.headers ?? {}),
      ...(params.contentType ? { "Content-Type": params.contentType } : {}),
    };
    const target = url.startsWith(`${TEST_API_URL}/`) ? `${apiUrl}${url.slice(TEST_API_URL.length)}` : url;
    return request(target, (params.method ?? "get").toUpperCase(), headers, params.payload ?? null);
  });
  const saved = loaded.addon.saveSettings({ apiUrl: TEST_API_URL, apiKey, sheetId }) as { errors: string[] };
  if (saved.errors.length > 0) throw new Error(saved.errors.join("; "));
  current = { ...loaded, sheetId };
}

function sheet() {
  if (!current) throw new Error("open a spreadsheet first");
  return current;
}

function handle(command: Record<string, unknown>): unknown {
  switch (command.cmd) {
    case "open":
      open(
        String(command.apiUrl),
        String(command.apiKey),
        String(command.sheetId),
        command.grid as unknown[][],
      );
      return { ok: true };
    case "setGrid": {
      const tab = sheet().gas.book.sheet(TAB)!;
      tab.clear();
      tab.write(1, 1, command.grid as unknown[][]);
      return { ok: true };
    }
    case "sync": {
      const { addon, gas } = sheet();
      const fetchesBefore = gas.fetches.length;
      const sleepsBefore = gas.sleeps.length;
      const started = performance.now();
      const outcome = addon.menuSyncNow() as { ok: boolean; message: string; revision?: number };
      return {
        ok: outcome.ok,
        message: outcome.message,
        revision: outcome.revision ?? null,
        ms: Math.round(performance.now() - started),
        calls: gas.fetches
          .slice(fetchesBefore)
          .map((f) => `${f.method} ${new URL(f.url).pathname.replace(/^\/v1/, "")} ${f.status}`),
        sleeps: gas.sleeps.slice(sleepsBefore),
        storedRevision: Number(gas.documentProperties.getProperty("okr.revision") ?? 0),
      };
    }
    case "rows": {
      const { gas, sheetId } = sheet();
      const parsed = parseSheet(gas.book.sheet(TAB)!.values(), { language: "en", sheetId });
      return { rows: parsed.rows.filter((row) => row.id !== "") };
    }
    default:
      throw new Error(`unknown command ${String(command.cmd)}`);
  }
}

const lines = createInterface({ input: process.stdin });
lines.on("line", (line) => {
  let answer: unknown;
  try {
    answer = handle(JSON.parse(line) as Record<string, unknown>);
  } catch (error) {
    answer = { error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  process.stdout.write(`${JSON.stringify(answer)}\n`);
});
lines.on("close", () => process.exit(0));
