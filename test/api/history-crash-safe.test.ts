// The history under issue 10's crash-safety: a sync cut off anywhere (before, inside or after the writing of the
// versions it keeps), then retried as the add-on does, leaves a history that claims no version the rows did not
// hold, loses none they held, and holds each once; a retried request with the same key adds nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { StoredRow } from "../../api/store/types.js";
import type { OkrRow } from "../../shared/model.js";
import { expectStoreMatchesSheet } from "../support/store-matches-sheet.js";
import { type AddonState, sheetOf } from "./addon-sync.js";
import { type CrashApp, startCrashApp } from "./crash-app.js";
import { full } from "./rows.js";

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
  ({ api, http, admin, orgId, faults, addonSync } = await startCrashApp(
    "History crash AB",
    () => clock,
    LEASE_MS,
  ));
});
afterAll(() => api?.close());

const versionKey = (row: Pick<StoredRow, "id" | "revision" | "hash">) =>
  `${row.id}@${row.revision}:${row.hash}`;

/** Every version the sheet's rows hold now, added to what was seen of them before. */
async function observe(sheetId: string, seen: Set<string>) {
  for (const row of await api.store.getSheetRows(orgId, sheetId)) seen.add(versionKey(row));
}

async function expectHistoryTrue(sheetId: string, seen: Set<string>) {
  const kept = await api.store.listRowVersions(orgId, sheetId);
  const now = new Set((await api.store.getSheetRows(orgId, sheetId)).map(versionKey));
  const keptKeys = kept.map(versionKey);
  expect(new Set(keptKeys).size, "no version is kept twice").toBe(keptKeys.length);
  const claimed = keptKeys.filter((key) => !seen.has(key));
  expect(claimed, "the history claims no version the rows did not hold").toEqual([]);
  const lost = [...seen].filter((key) => !now.has(key) && !keptKeys.includes(key));
  expect(lost, "every version the rows held and no longer hold is kept").toEqual([]);
  return kept;
}

/** A 120-row sheet edited: every other key result's Current moved, a tenth removed, ten rows added. */
function edited(rows: OkrRow[], prefix: string): OkrRow[] {
  return [
    ...rows
      .filter((_, i) => i % 10 !== 5)
      .map((row, i) =>
        row.type === "key_result" && i % 2 === 0 ? { ...row, current: 77, notes: "moved" } : row,
      ),
    ...sheetOf(`${prefix}N`, 10).map((row, i) => ({ ...row, row: 300 + i })),
  ];
}

describe("history when an update sync is cut off", () => {
  // Writes of the update sync: its key's reservation, the claim, then the versions it keeps (60, three batches),
  // then the rows (70: 48 changed, 10 added, 12 marked deleted), the ID record, the commit. Cut before, inside and after the versions, and inside the rows.
  for (const [name, cutAfter] of [
    ["right after the claim", 2],
    ["inside the kept versions", 2 + 30],
    ["after the versions, before any row", 2 + 60],
    ["inside the rows", 2 + 60 + 40],
    ["before the commit", 2 + 60 + 70 + 1],
  ] as const) {
    it(`${name}: the retry keeps each replaced version once and claims none the rows did not hold`, async () => {
      const sheetId = `h-${cutAfter}`;
      const prefix = `HC${cutAfter}`;
      const first = sheetOf(prefix, 120);
      const state: AddonState = { revision: 0, synced: new Map() };
      const seen = new Set<string>();
      expect((await addonSync(sheetId, first, state, `${sheetId}-1`)).status).toBe(200);
      await observe(sheetId, seen);
      const after = edited(first, prefix);

      faults.failAfterWrites(cutAfter);
      const cut = await addonSync(sheetId, after, state, `${sheetId}-2`);
      faults.heal();
      expect(cut.status).toBe(503);
      await observe(sheetId, seen);
      await expectHistoryTrue(sheetId, seen);

      later(LEASE_MS + 1_000);
      const done = await addonSync(sheetId, after, state, `${sheetId}-2`);
      expect(done.status, done.text).toBe(200);
      expectStoreMatchesSheet((await http.get(`/v1/sheets/${sheetId}`, admin)).json, after);
      await observe(sheetId, seen);
      const kept = await expectHistoryTrue(sheetId, seen);
      // the versions of revision 1 kept are exactly those of the rows changed or removed
      const replaced = first.filter((row) => {
        const now = after.find((other) => other.id === row.id);
        return !now || JSON.stringify(now) !== JSON.stringify(row);
      });
      const keptFirst = kept.filter((version) => version.revision === 1).map((version) => version.id);
      expect(new Set(keptFirst)).toEqual(new Set(replaced.map((row) => row.id)));

      // One more edit, its request sent twice with the same key (a retry), then the sheet again: one version more.
      const third = after.map((row, n) => (n === 3 ? { ...row, title: `${row.title} (third)` } : row));
      const body = { baseRevision: state.revision, name: sheetId, rows: third.map(full) };
      const sent = await http.sync(sheetId, admin, body, { "Idempotency-Key": `${sheetId}-3` });
      expect(sent.status, sent.text).toBe(200);
      const count = (await api.store.listRowVersions(orgId, sheetId)).length;
      expect(count).toBe(kept.length + 1);
      const retried = await http.sync(sheetId, admin, body, { "Idempotency-Key": `${sheetId}-3` });
      expect(retried.json).toEqual(sent.json);
      const resent = await http.sync(sheetId, admin, { ...body, baseRevision: sent.json.revision });
      expect(resent.json.unchangedSheet).toBe(true);
      expect((await api.store.listRowVersions(orgId, sheetId)).length).toBe(count);
    });
  }
});

describe("a batch of check-ins cut off midway", () => {
  // Writes of a 60-check-in batch on 6 key results: its key's reservation, the check-ins (3 batches of 25, in
  // flight together), the latest per key result (6 conditional puts), the check-in times, the read revision.
  for (const [name, cutAfter] of [
    ["before any check-in", 1],
    ["after the check-ins, before the latest ones", 1 + 60],
    ["inside the latest ones", 1 + 60 + 3],
    ["before the check-in times", 1 + 60 + 6],
  ] as const) {
    it(`${name}: the retry with the same key keeps each check-in once, at the first attempt's time`, async () => {
      const sheetId = `ci-${cutAfter}`;
      const rows = sheetOf(`CI${cutAfter}`, 8).filter((row) => row.type === "key_result");
      const state: AddonState = { revision: 0, synced: new Map() };
      expect((await addonSync(sheetId, sheetOf(`CI${cutAfter}`, 8), state, `${sheetId}-sync`)).status).toBe(
        200,
      );
      const krIds = rows.map((row) => row.id);
      expect(krIds).toHaveLength(6);
      // ten weeks per key result, the last of each without a time (the server stamps it)
      const batch = krIds.flatMap((krId, k) =>
        Array.from({ length: 10 }, (_, week) => ({
          krId,
          value: week * 10 + k,
          author: "Kari",
          ...(week < 9 ? { at: new Date(Date.UTC(2026, 8, 1 + week * 7, 8 + k)).toISOString() } : {}),
        })),
      );
      const path = `/v1/sheets/${sheetId}/check-ins`;
      const key = { "Idempotency-Key": `${sheetId}-batch` };
      const firstAt = clock.toISOString();

      // Cut off twice: the second try takes the key over and is cut off too (at most right after the check-ins:
      // the latest ones are already there, so their conditional puts write nothing), the third completes it.
      for (let attempt = 0; attempt < 2; attempt++) {
        if (attempt > 0) later(LEASE_MS + 1_000);
        faults.failAfterWrites(attempt === 0 ? cutAfter : Math.min(cutAfter, 1 + 60));
        const cut = await http.post(path, admin, { checkIns: batch }, key);
        faults.heal();
        expect(cut.status).toBe(503);
        for (const krId of krIds)
          expect((await api.store.listCheckInsForKeyResult(orgId, krId)).length).toBeLessThanOrEqual(10);
      }

      later(LEASE_MS + 1_000);
      const done = await http.post(path, admin, { checkIns: batch }, key);
      expect(done.status, done.text).toBe(201);
      const stamped = done.json.checkIns.filter((_: unknown, i: number) => i % 10 === 9);
      expect(stamped.map((checkIn: { at: string }) => checkIn.at)).toEqual(krIds.map(() => firstAt));
      const times = (await api.store.readSummaries(orgId)).checkIns;
      const last = await api.store.lastCheckIns(orgId);
      for (const [k, krId] of krIds.entries()) {
        const kept = await api.store.listCheckInsForKeyResult(orgId, krId);
        expect(
          kept.map((checkIn) => checkIn.value).sort((a, b) => a - b),
          `${krId}: each check-in once`,
        ).toEqual(Array.from({ length: 10 }, (_, week) => week * 10 + k));
        expect(last.get(krId)).toBe(firstAt);
        expect(times.get(krId)).toBe(firstAt);
      }
      const again = await http.post(path, admin, { checkIns: batch }, key);
      expect(again.headers.get("Idempotency-Replayed")).toBe("true");
      expect(again.json).toEqual(done.json);
      expect((await api.store.listCheckInsForKeyResult(orgId, krIds[0]!)).length).toBe(10);
    });
  }
});

describe("one check-in cut off midway", () => {
  // Writes: its key's reservation, the check-in, the latest one, its time, the read revision (then the answer).
  for (const [name, cutAfter] of [
    ["after the check-in, before the latest one", 2],
    ["after the latest one and its time, before the read revision", 4],
  ] as const) {
    it(`${name}: the add-on's retry with the same key keeps it once`, async () => {
      const sheetId = `one-${cutAfter}`;
      const state: AddonState = { revision: 0, synced: new Map() };
      const rows = sheetOf(`ONE${cutAfter}`, 3);
      expect((await addonSync(sheetId, rows, state, `${sheetId}-sync`)).status).toBe(200);
      const krId = rows.find((row) => row.type === "key_result")!.id;
      const path = `/v1/sheets/${sheetId}/key-results/${krId}/check-ins`;
      const body = { value: 42, author: "Kari", at: "2026-11-14T09:00:00.000Z" };
      const key = { "Idempotency-Key": `checkin-${krId}-${body.at}` };
      faults.failAfterWrites(cutAfter);
      const cut = await http.post(path, admin, body, key);
      faults.heal();
      expect(cut.status).toBe(503);
      later(LEASE_MS + 1_000);
      const done = await http.post(path, admin, body, key);
      expect(done.status, done.text).toBe(201);
      const kept = await api.store.listCheckInsForKeyResult(orgId, krId);
      expect(kept.map((checkIn) => [checkIn.value, checkIn.at])).toEqual([[42, body.at]]);
      expect((await api.store.lastCheckIns(orgId)).get(krId)).toBe(body.at);
    });
  }
});

describe("the cost of history", () => {
  it("keeps one item per replaced row, written in batches before the rows: figures per sync", async () => {
    const first = sheetOf("COST", 120);
    const state: AddonState = { revision: 0, synced: new Map() };
    api.counter.reset();
    expect((await addonSync("cost", first, state, "cost-1")).status).toBe(200);
    const firstWrites = api.counter.writes();
    const after = edited(first, "COST");
    api.counter.reset();
    const res = await addonSync("cost", after, state, "cost-2");
    expect(res.status).toBe(200);
    const updateWrites = api.counter.writes();
    const kept = await api.store.listRowVersions(orgId, "cost");
    const replaced = res.json.written - 10 + res.json.deleted;
    expect(kept.length).toBe(replaced);
    console.log(
      `history cost: first sync of 120 rows ${firstWrites} items written, 0 versions kept; update of ` +
        `${res.json.written} written + ${res.json.deleted} deleted rows: ${updateWrites} items written, ` +
        `of which ${kept.length} kept versions (${Math.ceil(kept.length / 25)} batch writes more)`,
    );
  });
});
