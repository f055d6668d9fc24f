// The performance rule: Spreadsheet service calls do not grow with rows (one read per sheet, one write per
// column block). The same operations on 100 and 5,000 rows must make the same number of calls; the counts
// and the bytes sent are printed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiChild, startApiChild } from "../support/gas/api-child.js";
import { ensureBuiltAddon } from "../support/gas/built-addon.js";
import { loadAddon } from "../support/gas/load-addon.js";
import { largeWorkbook } from "./fixtures.js";

let api: ApiChild;

beforeAll(async () => {
  await ensureBuiltAddon();
  api = await startApiChild();
});

afterAll(async () => {
  await api?.stop();
});

const SPREADSHEET = ["SpreadsheetApp.", "Spreadsheet.", "Sheet.", "Range."];

function measure(rows: number, sheetId: string) {
  const { gas, addon } = loadAddon({ book: largeWorkbook(rows, sheetId) });
  addon.saveSettings({ apiUrl: api.url, apiKey: api.adminKey, sheetId });
  const counts: Record<string, number> = {};
  const step = (name: string, run: () => unknown) => {
    gas.counter.reset();
    const started = performance.now();
    const result = run();
    counts[name] = gas.counter.total(SPREADSHEET);
    console.log(
      `${rows} rows, ${name}: ${counts[name]} Spreadsheet calls, ${(performance.now() - started).toFixed(0)} ms`,
    );
    return result;
  };
  step("set up", () => addon.menuSetUpSheet());
  step("check quality", () => addon.getQualityReport());
  const sync = step("sync (first)", () => addon.menuSyncNow()) as { ok: boolean; message: string };
  expect(sync.ok, sync.message).toBe(true);
  step("check in", () => addon.submitCheckIn({ krId: `KR-${sheetId}1`, value: 3 }));
  step("sync (after one check-in)", () => addon.menuSyncNow());
  const syncBytes = gas.fetches
    .filter((f) => f.url.endsWith("/sync") && f.status === 200)
    .map((f) => f.bytes);
  const attempts = gas.fetches.filter((f) => f.url.endsWith("/sync")).map((f) => `${f.status}:${f.bytes}`);
  console.log(`${rows} rows: sync requests (status:bytes) ${attempts.join(", ")}`);
  return { counts, syncBytes };
}

describe("Spreadsheet service calls are constant in rows", () => {
  it("100 and 5,000 rows: the same number of calls for every operation", () => {
    const small = measure(100, "S");
    const large = measure(5000, "L");
    expect(large.counts).toEqual(small.counts);
    // Unchanged rows travel as stubs: the sync after one check-in is far smaller than the first.
    expect(small.syncBytes[1]!).toBeLessThan(small.syncBytes[0]! / 4);
  }, 240_000);
});
