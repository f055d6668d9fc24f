// No state is claimed before it is stored, in process: the database goes away mid-sync (after N items
// written), comes back, and the add-on's own retry and re-base logic (addon/sync.ts) runs until the store holds
// exactly the sheet. The real processes are killed in test/crash/; this file covers each branch fast.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrg, startTestApp } from "../support/api-server.js";
import { type Faults, injectFaults } from "../support/faults.js";
import { expectStoreMatchesSheet } from "../support/store-matches-sheet.js";
import { type AddonState, sheetOf } from "./addon-sync.js";
import { caller } from "./client.js";
import { type CrashApp, startCrashApp } from "./crash-app.js";
import { full, stub } from "./rows.js";

const LEASE_MS = 15_000;
let clock = new Date("2026-11-15T12:00:00Z");
const later = (ms: number) => {
  clock = new Date(clock.getTime() + ms);
};
let api: CrashApp["api"];
let http: CrashApp["http"];
let admin: string;
let orgId: string;
let faults: CrashApp["faults"];
let addonSync: CrashApp["addonSync"];

beforeAll(async () => {
  ({ api, http, admin, orgId, faults, addonSync } = await startCrashApp("Crash AB", () => clock, LEASE_MS));
});
afterAll(() => api?.close());

async function stored(sheetId: string) {
  const res = await http.get(`/v1/sheets/${sheetId}`, admin);
  expect(res.status).toBe(200);
  return res.json;
}

describe("a sync cut off by the database going away", () => {
  it("leaves its revision pending (no content hash), and the retry after the lease writes what is missing", async () => {
    const rows = sheetOf("A", 300);
    const state: AddonState = { revision: 0, synced: new Map() };
    // reservation + claim + two batches of rows, then nothing reaches the database
    faults.failAfterWrites(2 + 50);
    const cut = await addonSync("a", rows, state, "a-1");
    expect(cut.status).toBe(503);
    expect(cut.json.error.code).toBe("store_unavailable");
    expect(cut.headers.get("Retry-After")).toBe("2");
    faults.heal();
    expect(await api.store.getSheet(orgId, "a")).toMatchObject({ revision: 1, contentHash: null });
    expect((await api.store.getSheet(orgId, "a"))?.rowsPending).not.toBeNull();
    const half = await stored("a");
    expect(half.revision).toBe(1);
    expect(half.rows.length).toBeGreaterThanOrEqual(50);
    expect(half.rows.length).toBeLessThan(rows.length);

    // The same request again (the add-on's own retry, same key): the key is still held by the request that
    // died (the database refused to release it too), so: in progress, with when to ask again.
    const held = await http.sync(
      "a",
      admin,
      { baseRevision: 0, name: "a", rows: rows.map(full) },
      {
        "Idempotency-Key": "a-1",
      },
    );
    expect(held.status).toBe(409);
    expect(held.json.error.code).toBe("request_in_progress");
    expect(Number(held.headers.get("Retry-After"))).toBeGreaterThan(0);

    // After the lease the add-on's retry takes the key over, learns the sheet moved on, and re-bases.
    later(LEASE_MS + 1_000);
    const done = await addonSync("a", rows, state, "a-1");
    expect(done.status).toBe(200);
    expect(done.json).toMatchObject({ revision: 2, deleted: 0, unchangedSheet: false });
    expect(done.json.written).toBe(rows.length - half.rows.length);
    const whole = await stored("a");
    expectStoreMatchesSheet(whole, rows);
    expect(await api.store.getSheet(orgId, "a")).toMatchObject({ revision: 2, rowsPending: null });

    // and now the fast path holds: nothing written
    api.counter.reset();
    const again = await addonSync("a", rows, state, "a-2");
    expect(again.json).toMatchObject({ revision: 2, unchangedSheet: true });
    expect(api.counter.writes()).toBe(0);
  });
});

describe("after a cut-off update sync", () => {
  it("all full rows at the server's revision are written and deleted as needed, not answered 'unchanged'", async () => {
    const before = sheetOf("B", 120);
    const state: AddonState = { revision: 0, synced: new Map() };
    expect((await addonSync("b", before, state, "b-1")).status).toBe(200);
    // 99 rows changed, 10 removed, 10 added: more batches than are in flight at once, so the cut lands mid-way
    const after = [
      ...before.slice(0, 110).map((row, i) => (i % 10 !== 0 ? { ...row, current: 99, notes: "moved" } : row)),
      ...sheetOf("B2", 10).map((row, i) => ({ ...row, row: 200 + i })),
    ];
    // reservation, claim, the 109 versions the changed and removed rows held (history), then ten rows
    faults.failAfterWrites(2 + 109 + 10);
    expect((await addonSync("b", after, state, "b-2")).status).toBe(503);
    faults.heal();
    const cut = await stored("b");
    expect(cut.revision).toBe(2);
    later(LEASE_MS + 1_000);
    // What the issue saw: every row in full at the current revision answered unchangedSheet, written 0.
    const res = await http.sync("b", admin, { baseRevision: 2, name: "b", rows: after.map(full) });
    expect(res.status).toBe(200);
    expect(res.json.unchangedSheet).toBe(false);
    expect(res.json.revision).toBe(3);
    expect(res.json.deleted + cut.rows.filter((r: { deleted: boolean }) => r.deleted).length).toBe(10);
    const whole = await stored("b");
    expectStoreMatchesSheet(whole, after);
    // revisions only went up: the rows the cut sync wrote kept its revision, the rest got the next
    const revisions: number[] = whole.rows.map((row: { revision: number }) => row.revision);
    expect(new Set(revisions)).toEqual(new Set([1, 2, 3]));
  });

  it("a cut after the last row but before the commit is completed without writing the rows again", async () => {
    const rows = sheetOf("C", 20);
    const state: AddonState = { revision: 0, synced: new Map() };
    // reservation + claim + the one batch of 20 rows: the commit is what fails
    faults.failAfterWrites(2 + 20);
    expect((await addonSync("c", rows, state, "c-1")).status).toBe(503);
    faults.heal();
    expect(await api.store.getSheet(orgId, "c")).toMatchObject({ revision: 1, contentHash: null });
    later(LEASE_MS + 1_000);
    api.counter.reset();
    const done = await addonSync("c", rows, state, "c-2");
    expect(done.json).toMatchObject({ revision: 1, written: 0, unchanged: 20 });
    expectStoreMatchesSheet(await stored("c"), rows);
    expect(await api.store.getSheet(orgId, "c")).toMatchObject({ revision: 1, rowsPending: null });
    const fast = await addonSync("c", rows, state, "c-3");
    expect(fast.json.unchangedSheet).toBe(true);
  });

  it("while the lease of a cut-off sync runs, another sync is told to wait (sync_in_progress), then proceeds", async () => {
    const rows = sheetOf("D", 60);
    faults.failAfterWrites(2 + 25);
    expect(
      (
        await http.sync(
          "d",
          admin,
          { baseRevision: 0, name: "d", rows: rows.map(full) },
          { "Idempotency-Key": "d-1" },
        )
      ).status,
    ).toBe(503);
    faults.heal();
    const busy = await http.sync("d", admin, { baseRevision: 1, name: "d", rows: rows.map(full) });
    expect(busy.status).toBe(409);
    expect(busy.json.error).toMatchObject({ code: "sync_in_progress" });
    const wait = Number(busy.headers.get("Retry-After"));
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(LEASE_MS / 1000);
    later(wait * 1000);
    const done = await http.sync("d", admin, { baseRevision: 1, name: "d", rows: rows.map(full) });
    expect(done.status).toBe(200);
    expectStoreMatchesSheet(await stored("d"), rows);
  });
});

describe("a writer whose lease lapsed while it stalled", () => {
  let real: Awaited<ReturnType<typeof startTestApp>>;
  let realHttp: ReturnType<typeof caller>;
  let key: string;
  let realFaults: Faults;
  beforeAll(async () => {
    // The real clock: the lease lapses in real time while the first writer's answers are held back.
    real = await startTestApp({ config: { writeLeaseMs: 300 } });
    realHttp = caller((request) => real.app.fetch(request));
    key = (await createOrg(real.store, "Stall AB")).adminKey;
    realFaults = injectFaults(real.clients.documentClient);
  });
  afterAll(() => real?.close());

  it("stops before its next batch and never commits; the sync that took over is what the store holds", async () => {
    const ours = sheetOf("E", 200);
    const theirs = ours.map((row, i) =>
      i % 3 === 0 ? { ...row, title: `${row.title} (edited later)` } : row,
    );
    // The first writer's first four batches land, but their answers are held: it stalls past its lease.
    const hold = realFaults.holdBatchAnswers(4);
    const stalled = realHttp.sync("e", key, { baseRevision: 0, name: "e", rows: ours.map(full) });
    while (hold.held() < 4) await new Promise((resolve) => setTimeout(resolve, 10));
    // The second sync (the sheet edited since) waits for the lease to lapse, then takes the sheet over.
    let taken: Awaited<ReturnType<typeof realHttp.sync>>;
    for (;;) {
      const stale = await realHttp.sync("e", key, { baseRevision: 0, name: "e", rows: theirs.map(full) });
      const base = stale.json.error?.details?.currentRevision ?? 0;
      taken = await realHttp.sync("e", key, { baseRevision: base, name: "e", rows: theirs.map(full) });
      if (taken.status !== 409) break;
      expect(taken.json.error.code).toBe("sync_in_progress");
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(taken.status).toBe(200);
    expect(taken.json.revision).toBe(2);
    hold.release();
    const late = await stalled;
    expect(late.status).toBe(503);
    expect(late.json.error.code).toBe("lease_lost");
    const sheet = await realHttp.get("/v1/sheets/e", key);
    expect(sheet.json.revision).toBe(2);
    expectStoreMatchesSheet(sheet.json, theirs);
    expect(
      (await realHttp.sync("e", key, { baseRevision: 2, rows: theirs.map(stub) })).json.unchangedSheet,
    ).toBe(true);
  });
});
