// The performance rule: Spreadsheet service calls do not grow with rows (one read per sheet, one write per
// column block). The same operations on 100 and 5,000 rows must make the same number of calls; the counts
// and the bytes sent are printed. The 5,000-row run keeps the add-on's formulas without computing them
// (HyperFormula recalculating whole-column SUMIFS on 5,000 rows was nearly all of this test's time); the
// 100-row runs show, in both modes, that the calls and bytes do not depend on computed values.
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

const SPREADSHEET = ["SpreadsheetApp.", "Spreadsheet.", "Sheet.", "Range.", "RangeList."];
const GROW = ["Sheet.insertRowsAfter", "Sheet.insertColumnsAfter"];
/** OKR_CALL_COUNT_EVALUATE=1 computes the 5,000-row sheet's formulas too (slow: HyperFormula at scale). */
const EVALUATE_LARGE = process.env.OKR_CALL_COUNT_EVALUATE === "1";

interface Measured {
  counts: Record<string, number>;
  syncBytes: number[];
}

/**
 * Runs set-up, quality, sync, check-in, a second sync and Pull rollup on a sheet of `rows` rows (IDs from `prefix`),
 * counting Spreadsheet service calls per step and the bytes of each accepted sync request.
 * evaluate false: the double keeps the add-on's formulas without computing them (see FakeWorkbook).
 */
function measure(rows: number, sheetId: string, prefix: string, evaluate: boolean): Measured {
  const book = largeWorkbook(rows, prefix);
  book.evaluateFormulas = evaluate;
  const { gas, addon } = loadAddon({ book, upstreams: api.upstreams });
  addon.saveSettings({ apiUrl: api.publicUrl, apiKey: api.adminKey, sheetId });
  const label = `${rows} rows${evaluate ? "" : " (formulas kept, not computed)"}`;
  const counts: Record<string, number> = {};
  const step = (name: string, run: () => unknown) => {
    gas.counter.reset();
    const started = performance.now();
    const result = run();
    // Growing a sheet's grid is one call per sheet and dimension, needed only once a block outgrows it (a
    // 1,250-objective catalog does, a 25-objective one does not): counted apart, and bounded.
    const grows = gas.counter.total(GROW);
    counts[name] = gas.counter.total(SPREADSHEET) - grows;
    expect(grows, `${name}: grid growths`).toBeLessThanOrEqual(4);
    console.log(
      `${label}, ${name}: ${counts[name]} Spreadsheet calls (+${grows} to grow a grid), ${(performance.now() - started).toFixed(0)} ms`,
    );
    return result;
  };
  step("set up", () => addon.menuSetUpSheet());
  step("check quality", () => addon.getQualityReport());
  const sync = step("sync (first)", () => addon.menuSyncNow()) as { ok: boolean; message: string };
  expect(sync.ok, sync.message).toBe(true);
  const checkIn = step("check in", () => addon.submitCheckIn({ krId: `KR-${prefix}1`, value: 3 })) as {
    ok: boolean;
    message: string;
  };
  expect(checkIn.ok, checkIn.message).toBe(true);
  const second = step("sync (after one check-in)", () => addon.menuSyncNow()) as {
    ok: boolean;
    fullRows: number;
  };
  expect(second).toMatchObject({ ok: true, fullRows: 1 });
  // The Rollup sheet with its KPI board (the organisation's, which grows with each run): the same calls, and one
  // request for the board however many KPIs it holds.
  const pulled = step("pull rollup", () => addon.menuPullRollup()) as { ok: boolean; message: string };
  expect(pulled.ok, pulled.message).toBe(true);
  expect(gas.fetches.filter((f) => new URL(f.url).pathname.endsWith("/v1/kpis"))).toHaveLength(1);
  const syncBytes = gas.fetches
    .filter((f) => f.url.endsWith("/sync") && f.status === 200)
    .map((f) => f.bytes);
  const attempts = gas.fetches.filter((f) => f.url.endsWith("/sync")).map((f) => `${f.status}:${f.bytes}`);
  console.log(`${label}: sync requests (status:bytes) ${attempts.join(", ")}`);
  const checkIns = gas.fetches
    .filter((f) => f.url.endsWith("/check-ins"))
    .map((f) => `${f.status}:${f.bytes}`);
  console.log(`${label}: check-in requests (status:bytes) ${checkIns.join(", ")}`);
  return { counts, syncBytes };
}

describe("Spreadsheet service calls are constant in rows", () => {
  it("100 and 5,000 rows: the same number of calls for every operation", () => {
    // 100 rows with every formula computed by HyperFormula, as in the other add-on tests.
    const small = measure(100, "S", "S", true);
    // The same sheet with formulas kept but not computed: the add-on makes the very same calls and sends
    // the very same bytes, so what it does does not depend on computed values ...
    // (IDs of its own, as long as the first's: a sheet owns its IDs, so the same IDs would be refused.)
    const smallKept = measure(100, "S-kept", "K", false);
    expect(smallKept.counts).toEqual(small.counts);
    expect(smallKept.syncBytes).toEqual(small.syncBytes);
    // ... and on 5,000 rows it makes the same calls as on 100.
    const large = measure(5000, "L", "L", EVALUATE_LARGE);
    expect(large.counts).toEqual(small.counts);
    // Unchanged rows travel as stubs: the sync after one check-in is far smaller than the first.
    expect(small.syncBytes[1]!).toBeLessThan(small.syncBytes[0]! / 4);
    expect(large.syncBytes[1]!).toBeLessThan(large.syncBytes[0]! / 4);
  }, 240_000);
});
