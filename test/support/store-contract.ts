// The store's behaviour, as a suite run against every real DynamoDB implementation we have
// (dynalite always, DynamoDB Local when Java is present). Not a test file itself.
import { randomBytes } from "node:crypto";
import { BatchWriteCommand, type BatchWriteCommandOutput } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { UnprocessedItemsError } from "../../api/store/batch.js";
import { createClients, type DynamoClients } from "../../api/store/client.js";
import type { LocalDynamo } from "../../api/store/dynalite.js";
import { createDynamoStore } from "../../api/store/dynamo-store.js";
import { countOperations, type OperationCounter } from "../../api/store/instrument.js";
import { ensureTable } from "../../api/store/table.js";
import type { ApiKeyRecord, LinkableType, Store, StoredRow } from "../../api/store/types.js";
import { rowHash } from "../../shared/contract.js";
import type { OkrRow } from "../../shared/model.js";
import { keyResultRow } from "./rows.js";
import { cycleContract } from "./store-cycle-contract.js";
import { historyContract } from "./store-history-contract.js";
import { rhythmContract } from "./store-rhythm-contract.js";

export function storedRow(id: string, overrides: Partial<OkrRow> = {}, revision = 1): StoredRow {
  const row = keyResultRow(id, { team: "Sälj", owner: "Åsa Øvergård", current: null, ...overrides });
  return { ...row, hash: rowHash(row), deleted: false, deletedAt: null, revision };
}

/**
 * Wraps the document client's send so the first `times` BatchWrite calls really write only
 * their first item and hand the rest back as UnprocessedItems, as DynamoDB does under load.
 */
function injectUnprocessed(clients: DynamoClients, times: number | "always") {
  const client = clients.documentClient;
  const original = client.send.bind(client);
  let remaining = times;
  let injected = 0;
  client.send = (async (command: unknown) => {
    if (command instanceof BatchWriteCommand && (remaining === "always" || remaining > 0)) {
      if (remaining !== "always") remaining -= 1;
      const [table, requests] = Object.entries(command.input.RequestItems ?? {})[0]!;
      const [first, ...rest] = requests;
      await original(new BatchWriteCommand({ RequestItems: { [table]: [first!] } }));
      injected += rest.length;
      return {
        UnprocessedItems: rest.length ? { [table]: rest } : {},
        $metadata: {},
      } as BatchWriteCommandOutput;
    }
    return original(command as never);
  }) as typeof client.send;
  return {
    injected: () => injected,
    restore: () => {
      client.send = original;
    },
  };
}

export function describeStoreContract(name: string, start: () => Promise<LocalDynamo>): void {
  describe(`DynamoDB store on ${name}`, () => {
    let local: LocalDynamo;
    let clients: DynamoClients;
    let store: Store;
    let counter: OperationCounter;
    const tableName = "okr-store-test";
    const noSleep = async () => {};

    beforeAll(async () => {
      local = await start();
      clients = createClients({ endpoint: local.endpoint, region: "local" });
      await ensureTable(clients.client, { tableName });
      await ensureTable(clients.client, { tableName }); // idempotent
      counter = countOperations(clients.documentClient);
      store = createDynamoStore({
        client: clients.documentClient,
        tableName,
        retry: { sleep: noSleep, maxAttempts: 30 },
      });
    });
    afterAll(async () => {
      clients?.client.destroy();
      await local?.close();
    });

    it("keeps organisations and finds API keys by hash, listing and revoking them", async () => {
      await store.putOrg({ id: "org-a", name: "Acme AB", createdAt: "2026-11-01T00:00:00Z" });
      expect(await store.getOrg("org-a")).toEqual({
        id: "org-a",
        name: "Acme AB",
        createdAt: "2026-11-01T00:00:00Z",
      });
      expect(await store.getOrg("org-missing")).toBeNull();
      // The time zone, once the organisation has one, is kept with it.
      await store.putOrg({
        id: "org-a",
        name: "Acme AB",
        createdAt: "2026-11-01T00:00:00Z",
        timeZone: "Europe/Stockholm",
      });
      expect(await store.getOrg("org-a")).toMatchObject({ name: "Acme AB", timeZone: "Europe/Stockholm" });
      const key: ApiKeyRecord = {
        id: "k1",
        orgId: "org-a",
        role: "writer",
        sheetId: "sheet-1",
        label: "Sales sheet",
        hash: "a".repeat(64),
        createdAt: "2026-11-01T00:00:00Z",
        revokedAt: null,
      };
      await store.putApiKey(key);
      expect(await store.findApiKeyByHash(key.hash)).toEqual(key);
      expect(await store.findApiKeyByHash("b".repeat(64))).toBeNull();
      expect(await store.listApiKeys("org-a")).toEqual([key]);
      expect(await store.listApiKeys("org-b")).toEqual([]);
      expect(await store.revokeApiKey("org-b", "k1", "2026-11-02T00:00:00Z")).toBe(false);
      expect(await store.revokeApiKey("org-a", "k1", "2026-11-02T00:00:00Z")).toBe(true);
      expect((await store.findApiKeyByHash(key.hash))?.revokedAt).toBe("2026-11-02T00:00:00Z");
    });

    it("claims sheet revisions with conditional writes: exactly one of two racing writers wins", async () => {
      const at = "2026-11-03T00:00:00Z";
      const racing = await Promise.all([
        store.claimRevision("org-a", "race", { expected: 0, next: 1, name: "A", at, contentHash: null }),
        store.claimRevision("org-a", "race", { expected: 0, next: 1, name: "B", at, contentHash: null }),
      ]);
      expect(racing.filter(Boolean)).toHaveLength(1);
      expect(
        await store.claimRevision("org-a", "race", {
          expected: 0,
          next: 1,
          name: "C",
          at,
          contentHash: null,
        }),
      ).toBe(false);
      expect(
        await store.claimRevision("org-a", "race", {
          expected: 1,
          next: 2,
          name: "Sales",
          at,
          contentHash: "abc",
        }),
      ).toBe(true);
      expect(
        await store.claimRevision("org-a", "race", {
          expected: 1,
          next: 2,
          name: "Stale",
          at,
          contentHash: null,
        }),
      ).toBe(false);
      expect(await store.getSheet("org-a", "race")).toEqual({
        sheetId: "race",
        name: "Sales",
        revision: 2,
        updatedAt: at,
        contentHash: "abc",
        rowsPending: null,
      });
      expect(await store.getSheet("org-b", "race")).toBeNull();
      expect(await store.setContentHash("org-a", "race", 1, "stale")).toBe(false);
      expect(await store.setContentHash("org-a", "race", 2, "fresh")).toBe(true);
      expect((await store.getSheet("org-a", "race"))?.contentHash).toBe("fresh");
    });

    it("claims a revision with its rows pending: no content hash until the holder commits it", async () => {
      const at = "2026-11-03T00:00:00.000Z";
      const pending = { token: "t-1", until: "2026-11-03T00:00:15.000Z" };
      expect(
        await store.claimRevision("org-p", "s", {
          expected: 0,
          next: 1,
          name: "Ops",
          at,
          contentHash: "ignored while pending",
          rowsPending: pending,
        }),
      ).toBe(true);
      expect(await store.getSheet("org-p", "s")).toMatchObject({
        revision: 1,
        contentHash: null,
        rowsPending: pending,
      });
      // nothing marks a pending revision complete but its holder's commit
      expect(await store.setContentHash("org-p", "s", 1, "h")).toBe(false);
      expect(await store.renewRevision("org-p", "s", { revision: 1, token: "other", until: "x" })).toBe(
        false,
      );
      const renewed = { revision: 1, token: "t-1", until: "2026-11-03T00:00:30.000Z" };
      expect(await store.renewRevision("org-p", "s", renewed)).toBe(true);
      expect((await store.getSheet("org-p", "s"))?.rowsPending?.until).toBe(renewed.until);
      expect(
        await store.commitRevision("org-p", "s", { revision: 1, token: "other", contentHash: "h" }),
      ).toBe(false);
      expect(await store.commitRevision("org-p", "s", { revision: 1, token: "t-1", contentHash: "h" })).toBe(
        true,
      );
      expect(await store.getSheet("org-p", "s")).toMatchObject({
        revision: 1,
        contentHash: "h",
        rowsPending: null,
      });
      // committed once: the claim is gone, so neither a late renewal nor a second commit applies
      expect(await store.commitRevision("org-p", "s", { revision: 1, token: "t-1", contentHash: "z" })).toBe(
        false,
      );
      expect(await store.renewRevision("org-p", "s", renewed)).toBe(false);
      // the next claim is conditional on the revision as ever; an abandoned claim can be committed by a
      // later holder of the same token only
      expect(
        await store.claimRevision("org-p", "s", {
          expected: 1,
          next: 2,
          name: "Ops",
          at,
          contentHash: null,
          rowsPending: { token: "t-2", until: at },
        }),
      ).toBe(true);
      expect(await store.commitRevision("org-p", "s", { revision: 2, token: "t-2", contentHash: null })).toBe(
        true,
      );
      expect(await store.getSheet("org-p", "s")).toMatchObject({
        revision: 2,
        contentHash: null,
        rowsPending: null,
      });
    });

    it("calls the lease hook before every batch of rows, and stops writing when it throws", async () => {
      const rows = Array.from({ length: 60 }, (_, i) => storedRow(`hook-${i}`));
      let calls = 0;
      await store.putRows("org-a", "hooked", rows, {
        beforeBatch: async () => {
          calls += 1;
        },
      });
      expect(calls).toBe(3);
      let allowed = 1;
      const lapsed = new Error("lease lost");
      const serial = createDynamoStore({
        client: clients.documentClient,
        tableName,
        retry: { sleep: noSleep, concurrency: 1 },
      });
      await expect(
        serial.putRows("org-a", "stopped", rows, {
          beforeBatch: async () => {
            if (allowed-- <= 0) throw lapsed;
          },
        }),
      ).rejects.toBe(lapsed);
      expect(await store.getSheetRows("org-a", "stopped")).toHaveLength(25);
    });

    it("records the IDs each sheet owns and answers which sheets hold given IDs, any ID at all", async () => {
      const long = "漢".repeat(128);
      await store.putSheetIds("org-o", "a", [
        { id: "O-1", type: "objective" },
        { id: "KR-1", type: "key_result" },
        { id: "KPI-1", type: "kpi" },
        { id: long, type: "key_result" },
        { id: "\ud800lone", type: "kpi" },
      ]);
      await store.putSheetIds("org-o", "b", [
        { id: "KR-1", type: "key_result" },
        { id: "KR-b", type: "key_result" },
      ]);
      await store.putSheetIds("org-o2", "a", [{ id: "O-other-org", type: "objective" }]);
      const owners = async (ids: string[]) =>
        Object.fromEntries(
          [...(await store.liveRowOwners("org-o", ids))].map(([id, found]) => [
            id,
            found.map((o) => `${o.sheetId}:${o.type}`).sort(),
          ]),
        );
      expect(
        await owners(["O-1", "KR-1", "KPI-1", long, "\ud800lone", "O-other-org", "x", "\ud801lone"]),
      ).toEqual({
        "O-1": ["a:objective"],
        "KR-1": ["a:key_result", "b:key_result"],
        "KPI-1": ["a:kpi"],
        [long]: ["a:key_result"],
        "\ud800lone": ["a:kpi"],
      });
      // a new record replaces the old: IDs the sheet let go of are free
      await store.putSheetIds("org-o", "b", [{ id: "KR-b", type: "key_result" }]);
      expect(await owners(["KR-1", "KR-b"])).toEqual({ "KR-1": ["a:key_result"], "KR-b": ["b:key_result"] });
      expect(await store.liveRowOwners("org-o", [])).toEqual(new Map());
      // 5,000 IDs of 128 characters (the contract's limits) fit one record
      const many = Array.from({ length: 5_000 }, (_, i) => ({
        id: `${i}`.padStart(128, "x"),
        type: "kpi" as const,
      }));
      await store.putSheetIds("org-big", "s", many);
      expect((await store.liveRowOwners("org-big", [many[4_999]!.id])).get(many[4_999]!.id)).toEqual([
        { sheetId: "s", type: "kpi" },
      ]);
    });

    it("answers a readiness ping", async () => {
      await expect(store.ping()).resolves.toBeUndefined();
    });

    it("writes more than 25 rows in batches and reads them back as text, nulls and all", async () => {
      const rows = Array.from({ length: 60 }, (_, i) =>
        storedRow(`KR#${i}`, {
          notes: i === 0 ? "=SUM(A1) — ünïcödé 🎯" : "",
          contributesTo: i === 1 ? ["O-2", "O-3"] : [],
        }),
      );
      counter.reset();
      await store.putRows("org-a", "batch", rows);
      expect(counter.commands.get("BatchWriteItemCommand")).toBe(3);
      const back = await store.getSheetRows("org-a", "batch");
      expect(back).toHaveLength(60);
      const byId = new Map(back.map((row) => [row.id, row]));
      expect(byId.get("KR#0")).toEqual(rows[0]);
      expect(byId.get("KR#1")?.contributesTo).toEqual(["O-2", "O-3"]);
      expect(await store.getRow("org-a", "batch", "KR#5")).toEqual(rows[5]);
      // "#" in IDs cannot leak one sheet's rows into another's prefix
      await store.putRows("org-a", "batch#2", [storedRow("x")]);
      expect(await store.getSheetRows("org-a", "batch")).toHaveLength(60);
    });

    it("keeps any ID and any finite number the contract allows, exactly", async () => {
      // IDs whose URI-encoded key would pass DynamoDB's 1,024-byte sort key, or cannot be encoded
      const longSheet = "表".repeat(128);
      const ids = ["漢".repeat(128), "\ud800lone", "\udfffx", "Å".repeat(128), "O-1#ROW#x", "plain"];
      const numbers = [
        1e200,
        -1.7976931348623157e308,
        5e-324,
        1e-200,
        2 ** 53 + 2,
        1.5e-7,
        0.1 + 0.2,
        1e-129,
      ];
      const rows = ids.map((id, i) =>
        storedRow(id, {
          start: numbers[i % numbers.length]!,
          target: numbers[(i + 1) % numbers.length]!,
          current: numbers[(i + 2) % numbers.length]!,
          weight: numbers[(i + 3) % numbers.length]!,
          confidence: 1e-200,
          title: `lone \ud83d surrogate ${i}`,
          row: i + 2,
        }),
      );
      for (const sheetId of [longSheet, "\udc00sheet", "normal"]) {
        await store.putRows("org-n", sheetId, rows);
        const back = await store.getSheetRows("org-n", sheetId);
        expect(new Map(back.map((row) => [row.id, row]))).toEqual(new Map(rows.map((row) => [row.id, row])));
        for (const row of rows) expect(await store.getRow("org-n", sheetId, row.id)).toEqual(row);
      }
      // distinct lone surrogates stay distinct rows
      expect(await store.getRow("org-n", "normal", "\ud801lone")).toBeNull();
      const listed = await store.listOrgSheets("org-n");
      expect(listed.map(({ sheet }) => sheet.sheetId).sort()).toEqual(
        ["\udc00sheet", longSheet, "normal"].sort(),
      );

      for (const [i, krId] of ids.entries()) {
        const checkIn = {
          krId,
          objectiveId: ids[(i + 1) % ids.length]!,
          sheetId: longSheet,
          value: numbers[i % numbers.length]!,
          confidence: 1e-200,
          note: "",
          author: "Åsa",
          at: "2026-11-04T10:00:00.000Z",
        };
        await store.putCheckIn("org-n", checkIn);
        expect(await store.listCheckInsForKeyResult("org-n", krId)).toEqual([checkIn]);
        expect(await store.listCheckInsForObjective("org-n", checkIn.objectiveId)).toEqual([checkIn]);
      }
      expect([...(await store.lastCheckIns("org-n")).keys()].sort()).toEqual([...ids].sort());
    });

    it("follows LastEvaluatedKey over more than 1 MB of items", async () => {
      const filler = "x".repeat(1_000);
      const rows = Array.from({ length: 1_100 }, (_, i) =>
        storedRow(`big-${i}`, { notes: filler, row: i + 2 }),
      );
      await store.putRows("org-a", "big", rows);
      counter.reset();
      const back = await store.getSheetRows("org-a", "big");
      expect(back).toHaveLength(1_100);
      expect(new Set(back.map((row) => row.id)).size).toBe(1_100);
      expect(counter.commands.get("QueryCommand")).toBeGreaterThan(1);
    });

    it("retries UnprocessedItems until every item is written", async () => {
      const injection = injectUnprocessed(clients, 5);
      try {
        const rows = Array.from({ length: 30 }, (_, i) => storedRow(`u-${i}`));
        await store.putRows("org-a", "unprocessed", rows);
        expect(injection.injected()).toBeGreaterThan(0);
        expect(await store.getSheetRows("org-a", "unprocessed")).toHaveLength(30);
      } finally {
        injection.restore();
      }
    });

    it("gives up with a clear error when items stay unprocessed", async () => {
      const injection = injectUnprocessed(clients, "always");
      const stubborn = createDynamoStore({
        client: clients.documentClient,
        tableName,
        retry: { sleep: noSleep, maxAttempts: 3 },
      });
      try {
        await expect(
          stubborn.putRows("org-a", "stubborn", [
            storedRow("s1"),
            storedRow("s2"),
            storedRow("s3"),
            storedRow("s4"),
          ]),
        ).rejects.toBeInstanceOf(UnprocessedItemsError);
      } finally {
        injection.restore();
      }
    });

    it("lists every sheet of an organisation with its rows, and nothing of another", async () => {
      await store.claimRevision("org-c", "s1", {
        expected: 0,
        next: 1,
        name: "Ops",
        at: "2026-11-04T00:00:00Z",
        contentHash: null,
      });
      await store.putRows("org-c", "s1", [
        storedRow("O-1", { type: "objective", objectiveId: null }),
        storedRow("KR-1"),
      ]);
      await store.claimRevision("org-c", "s2", {
        expected: 0,
        next: 1,
        name: "HR",
        at: "2026-11-04T00:00:00Z",
        contentHash: null,
      });
      await store.putRows("org-c", "s2", [
        { ...storedRow("KR-9"), deleted: true, deletedAt: "2026-11-04T00:00:00Z" },
      ]);
      const sheets = await store.listOrgSheets("org-c");
      expect(sheets.map((s) => [s.sheet.sheetId, s.sheet.name, s.rows.length]).sort()).toEqual([
        ["s1", "Ops", 2],
        ["s2", "HR", 1],
      ]);
      expect(sheets.find((s) => s.sheet.sheetId === "s2")?.rows[0]?.deleted).toBe(true);
      expect(await store.listOrgSheets("org-nobody")).toEqual([]);
    });

    it("indexes live objectives and key results for the catalog: not KPIs, not deleted rows, not other orgs", async () => {
      const objective = storedRow("O-L", { type: "objective", objectiveId: null });
      const kr = storedRow("KR-L");
      const kpi = storedRow("KPI-L", { type: "kpi", krType: null, kpiKind: "leading" });
      const odd = storedRow("\ud800 lone", { type: "objective", objectiveId: null });
      await store.putRows("org-l", "sheet/one", [objective, kr, kpi, odd]);
      await store.putRows("org-l2", "s", [storedRow("O-OTHER", { type: "objective", objectiveId: null })]);
      const ids = async (types: LinkableType[]) =>
        (await store.listLinkableRows("org-l", types))
          .map((entry) => `${entry.sheetId}:${entry.row.id}`)
          .sort();
      expect(await ids(["objective"])).toEqual(["sheet/one:O-L", "sheet/one:\ud800 lone"]);
      expect(await ids(["objective", "key_result"])).toEqual([
        "sheet/one:KR-L",
        "sheet/one:O-L",
        "sheet/one:\ud800 lone",
      ]);
      const [entry] = (await store.listLinkableRows("org-l", ["key_result"])).map((e) => e.row);
      expect(entry).toEqual(kr);
      // Deleted rows leave the index; restored ones come back.
      await store.putRows("org-l", "sheet/one", [
        { ...objective, deleted: true, deletedAt: "2026-11-05T00:00:00Z" },
      ]);
      expect(await ids(["objective"])).toEqual(["sheet/one:\ud800 lone"]);
      await store.putRows("org-l", "sheet/one", [objective]);
      expect(await ids(["objective"])).toEqual(["sheet/one:O-L", "sheet/one:\ud800 lone"]);
      expect(await store.listLinkableRows("org-nobody", ["objective", "key_result"])).toEqual([]);
    });

    it("records check-ins per key result and per objective, keeping the latest time per KR", async () => {
      const base = {
        objectiveId: "O-7",
        sheetId: "s1",
        confidence: 0.5,
        note: "",
        author: "kari@example.no",
      };
      await store.putCheckIn("org-d", { ...base, krId: "KR-7", value: 10, at: "2026-11-05T10:00:00.000Z" });
      await store.putCheckIn("org-d", { ...base, krId: "KR-7", value: 20, at: "2026-11-06T10:00:00.000Z" });
      // an older check-in arriving late must not move "last check-in" back
      await store.putCheckIn("org-d", { ...base, krId: "KR-7", value: 5, at: "2026-11-01T10:00:00.000Z" });
      await store.putCheckIn("org-d", { ...base, krId: "KR-8", value: 1, at: "2026-11-02T10:00:00.000Z" });
      await store.putCheckIn("org-d", {
        ...base,
        krId: "KR-X",
        objectiveId: null,
        value: 1,
        at: "2026-11-02T10:00:00.000Z",
      });
      const history = await store.listCheckInsForKeyResult("org-d", "KR-7");
      expect(history.map((c) => c.value)).toEqual([5, 10, 20]);
      const perObjective = await store.listCheckInsForObjective("org-d", "O-7");
      expect(perObjective.map((c) => `${c.krId}:${c.value}`).sort()).toEqual([
        "KR-7:10",
        "KR-7:20",
        "KR-7:5",
        "KR-8:1",
      ]);
      const last = await store.lastCheckIns("org-d");
      expect(Object.fromEntries(last)).toEqual({
        "KR-7": "2026-11-06T10:00:00.000Z",
        "KR-8": "2026-11-02T10:00:00.000Z",
        "KR-X": "2026-11-02T10:00:00.000Z",
      });
      expect(await store.listCheckInsForKeyResult("org-e", "KR-7")).toEqual([]);
    });

    it("records a batch of check-ins: the history, the latest per key result as one by one, one read revision", async () => {
      const base = {
        objectiveId: "O-9",
        sheetId: "s9",
        confidence: 0.5,
        note: "",
        author: "kari@example.no",
      };
      const at = (day: number) => `2026-11-${String(day).padStart(2, "0")}T10:00:00.000Z`;
      // KR-A already has a later check-in; KR-B an earlier one; the rest are new
      await store.putCheckIn("org-batch", { ...base, krId: "KR-A", value: 99, at: at(20) });
      await store.putCheckIn("org-batch", { ...base, krId: "KR-B", value: 1, at: at(1) });
      const revision = (await store.readState("org-batch")).revision;
      // 30 more key results (KR-0..KR-29): more than one update's worth of check-in times
      const many = Array.from({ length: 30 }, (_, i) => ({ ...base, krId: `KR-${i}`, value: i, at: at(3) }));
      const batch = [
        { ...base, krId: "KR-A", value: 10, at: at(5) },
        { ...base, krId: "KR-B", value: 30, at: at(9) },
        { ...base, krId: "KR-B", value: 20, at: at(7) },
        // the same time twice: the first one stays the latest, as when sent one by one
        { ...base, krId: "KR-C", value: 5, at: at(4) },
        { ...base, krId: "KR-C", value: 6, at: at(4) },
        { ...base, krId: "KR-X", objectiveId: null, value: 2, at: at(2) },
        ...many,
      ];
      counter.reset();
      await store.putCheckIns("org-batch", batch, { batchId: "batch-1" });
      expect(counter.commands.get("BatchWriteItemCommand"), "the check-ins in batches of 25").toBe(2);
      expect(counter.commands.get("PutItemCommand"), "one latest check-in per key result").toBe(34);
      expect((await store.readState("org-batch")).revision, "one read revision for the batch").toBe(
        revision + 1,
      );
      const values = async (krId: string) =>
        (await store.listCheckInsForKeyResult("org-batch", krId)).map((c) => c.value);
      expect(await values("KR-A")).toEqual([10, 99]);
      expect(await values("KR-B")).toEqual([1, 20, 30]);
      expect((await values("KR-C")).sort()).toEqual([5, 6]);
      expect(
        (await store.listCheckInsForObjective("org-batch", "O-9")).filter((c) => c.krId === "KR-B"),
      ).toHaveLength(3);
      const last = await store.lastCheckIns("org-batch");
      expect(last.get("KR-A"), "an older check-in never moves the last one back").toBe(at(20));
      expect(last.get("KR-B")).toBe(at(9));
      expect(last.get("KR-X")).toBe(at(2));
      expect(last.get("KR-29")).toBe(at(3));
      const latest = await store.latestCheckIns("org-batch");
      expect(["KR-A", "KR-B", "KR-C"].map((krId) => latest.get(krId)?.value)).toEqual([99, 30, 5]);
      // the read model's copy: the same latest times
      const times = (await store.readSummaries("org-batch")).checkIns;
      expect(
        Object.fromEntries([...times].filter(([krId]) => ["KR-A", "KR-B", "KR-C", "KR-X"].includes(krId))),
      ).toEqual({
        "KR-A": at(20),
        "KR-B": at(9),
        "KR-C": at(4),
        "KR-X": at(2),
      });
      expect(times.get("KR-0")).toBe(at(3));
      expect(times.get("KR-29")).toBe(at(3));

      // the same batch again (a retry): nothing twice; another batch with the same check-ins adds them
      await store.putCheckIns("org-batch", batch, { batchId: "batch-1" });
      expect(await values("KR-B")).toEqual([1, 20, 30]);
      expect((await store.listCheckInsForObjective("org-batch", "O-9")).length).toBe(2 + batch.length - 1);
      await store.putCheckIns("org-batch", batch.slice(1, 2), { batchId: "batch-2" });
      expect(await values("KR-B")).toEqual([1, 20, 30, 30]);
      expect(await store.listCheckInsForKeyResult("org-other", "KR-B")).toEqual([]);
    });

    it("keeps the later of stored and new check-in times for many key results of a sheet at once", async () => {
      const at = (hour: number) => `2026-11-10T${String(hour).padStart(2, "0")}:00:00.000Z`;
      const ids = Array.from({ length: 120 }, (_, i) => `T-${i}`);
      // more than one update's worth per item; every third one already has a later time
      for (const [i, krId] of ids.entries())
        if (i % 3 === 0) await store.recordCheckInTime("org-times", "s-t", krId, at(20));
      await store.recordCheckInTimes(
        "org-times",
        "s-t",
        ids.map((krId) => ({ krId, at: at(10) })),
      );
      // and some again, earlier and later, in one call: the later one per key result counts
      await store.recordCheckInTimes("org-times", "s-t", [
        { krId: "T-1", at: at(12) },
        { krId: "T-1", at: at(8) },
        { krId: "T-2", at: at(9) },
      ]);
      const times = (await store.readSummaries("org-times")).checkIns;
      expect(ids.map((krId) => times.get(krId))).toEqual(
        ids.map((_, i) => (i === 1 ? at(12) : i % 3 === 0 ? at(20) : at(10))),
      );
    });

    it("stores the first answer for an idempotency key only", async () => {
      const record = {
        fingerprint: "f1",
        status: 200,
        body: '{"ok":true}',
        createdAt: "2026-11-05T00:00:00.000Z",
      };
      expect(await store.putIdempotency("org-a", "key-1", record)).toBe(true);
      expect(await store.putIdempotency("org-a", "key-1", { ...record, body: "other" })).toBe(false);
      expect(await store.getIdempotency("org-a", "key-1")).toEqual(record);
      expect(await store.getIdempotency("org-b", "key-1")).toBeNull();
    });

    it("reserves an idempotency key for one request, with a lease a retry may take over once it lapsed", async () => {
      const t0 = "2026-11-05T00:00:00.000Z";
      const reservation = {
        fingerprint: "f",
        token: "r1",
        createdAt: t0,
        leaseUntil: "2026-11-05T00:00:15.000Z",
      };
      expect(await store.reserveIdempotency("org-a", "res", reservation, t0)).toBe(true);
      // a duplicate running at the same time cannot reserve it
      expect(await store.reserveIdempotency("org-a", "res", { ...reservation, token: "r2" }, t0)).toBe(false);
      expect(await store.getIdempotency("org-a", "res")).toEqual(reservation);
      expect(await store.renewIdempotency("org-a", "res", "r2", "2026-11-05T00:00:30.000Z")).toBe(false);
      expect(await store.renewIdempotency("org-a", "res", "r1", "2026-11-05T00:00:30.000Z")).toBe(true);
      // still held at 00:00:20 (renewed to 00:00:30); lapsed at 00:00:31: a retry takes it over
      expect(
        await store.reserveIdempotency(
          "org-a",
          "res",
          { ...reservation, token: "r2" },
          "2026-11-05T00:00:20.000Z",
        ),
      ).toBe(false);
      expect(
        await store.reserveIdempotency(
          "org-a",
          "res",
          { ...reservation, token: "r2" },
          "2026-11-05T00:00:31.000Z",
        ),
      ).toBe(true);
      const answer = { fingerprint: "f", status: 201, body: '{"n":1}', createdAt: t0 };
      // the first holder, back from the dead, never overwrites the holder now
      expect(await store.putIdempotency("org-a", "res", { ...answer, body: "late" }, "r1")).toBe(false);
      await store.releaseIdempotency("org-a", "res", "r1");
      expect(await store.putIdempotency("org-a", "res", answer, "r2")).toBe(true);
      expect(await store.getIdempotency("org-a", "res")).toEqual(answer);
      // an answered key is never reserved again, however late
      expect(
        await store.reserveIdempotency(
          "org-a",
          "res",
          { ...reservation, token: "r3" },
          "2027-01-01T00:00:00.000Z",
        ),
      ).toBe(false);
      // released keys are free again (a request whose answer was not worth keeping)
      expect(await store.reserveIdempotency("org-a", "free", { ...reservation, token: "r4" }, t0)).toBe(true);
      await store.releaseIdempotency("org-a", "free", "r4");
      const released = await store.getIdempotency("org-a", "free");
      expect(released && "leaseUntil" in released && released.leaseUntil < t0).toBe(true);
      expect(await store.reserveIdempotency("org-a", "free", { ...reservation, token: "r7" }, t0)).toBe(true);
      // a large answer over a reservation: parts first, then the item, only for the holder
      expect(await store.reserveIdempotency("org-a", "big-res", { ...reservation, token: "r5" }, t0)).toBe(
        true,
      );
      const noise = randomBytes(400_000).toString("base64");
      expect(await store.putIdempotency("org-a", "big-res", { ...answer, body: noise }, "r6")).toBe(false);
      expect(await store.putIdempotency("org-a", "big-res", { ...answer, body: noise }, "r5")).toBe(true);
      expect((await store.getIdempotency("org-a", "big-res")) as { body: string }).toMatchObject({
        body: noise,
      });
    });

    it("keeps idempotency answers larger than a DynamoDB item (400 KB), compressible or not", async () => {
      const record = { fingerprint: "f2", status: 200, createdAt: "2026-11-05T00:00:00.000Z" };
      // ~1 MB of JSON like a 5,000-row sync answer: gzipped into the item itself
      const json = JSON.stringify({
        computed: Array.from({ length: 20_000 }, (_, i) => ({ id: `KR-${i}`, progress: i / 20_000 })),
      });
      expect(json.length).toBeGreaterThan(400 * 1024);
      counter.reset();
      expect(await store.putIdempotency("org-a", "big-json", { ...record, body: json })).toBe(true);
      expect(counter.writes()).toBe(1);
      expect(await store.getIdempotency("org-a", "big-json")).toMatchObject({ body: json });

      // ~1.5 MB that gzip cannot shrink below one item: split into parts, read back in order
      const noise = randomBytes(1_100_000).toString("base64");
      counter.reset();
      expect(await store.putIdempotency("org-a", "big-noise", { ...record, body: noise })).toBe(true);
      expect(counter.writes()).toBeGreaterThan(2);
      expect(await store.getIdempotency("org-a", "big-noise")).toEqual({ ...record, body: noise });
      // the first answer still wins, and a loser's parts never mix into it
      expect(
        await store.putIdempotency("org-a", "big-noise", {
          ...record,
          body: noise.split("").reverse().join(""),
        }),
      ).toBe(false);
      expect(await store.getIdempotency("org-a", "big-noise")).toMatchObject({ body: noise });
    });

    it("keeps dashboard sessions by token hash until they are ended", async () => {
      const session = {
        orgId: "org-a",
        keyId: "key-1",
        keyHash: "ab".repeat(32),
        csrfToken: "csrf-1",
        createdAt: "2026-11-05T00:00:00.000Z",
        expiresAt: "2026-11-05T08:00:00.000Z",
        endedAt: null,
      };
      const tokenHash = "cd".repeat(32);
      expect(await store.getSession(tokenHash)).toBeNull();
      await store.putSession(tokenHash, session);
      expect(await store.getSession(tokenHash)).toEqual(session);
      expect(await store.endSession(tokenHash, "2026-11-05T01:00:00.000Z")).toBe(true);
      expect(await store.getSession(tokenHash)).toEqual({ ...session, endedAt: "2026-11-05T01:00:00.000Z" });
      expect(await store.endSession("ef".repeat(32), "2026-11-05T01:00:00.000Z")).toBe(false);
      expect(await store.getSession("ef".repeat(32))).toBeNull();
    });

    rhythmContract(() => store);
    historyContract(() => store, storedRow);
    cycleContract(() => store);
  });
}
