// `npm run bench:api`: sync API figures on DynamoDB Local (dynalite when Java is missing).
// Prints figures; asserts nothing. Loopback only. BENCH_SYNC_ONLY=1 stops after the sync figures; BENCH_SIZES
// (sheets of 50 rows, default 200,2000), BENCH_ROLLUP_RUNS and BENCH_OLD_RUNS (the every-row path) set the views' part.
import { createRequire } from "node:module";
import { BatchWriteCommand } from "@aws-sdk/lib-dynamodb";
import { createOrgWithAdminKey, issueApiKey } from "../../api/auth/api-keys.js";
import { startServer } from "../../api/entry/server.js";
import { liveSheetsWithUpdates, summarize } from "../../api/read/index.js";
import { createClients } from "../../api/store/client.js";
import { type LocalDynamo, startDynalite } from "../../api/store/dynalite.js";
import { createDynamoStore, rowItem } from "../../api/store/dynamo-store.js";
import { javaAvailable, startDynamoDbLocal } from "../../api/store/dynamodb-local.js";
import { countOperations } from "../../api/store/instrument.js";
import { ensureTable } from "../../api/store/table.js";
import { rowHash, type SyncRow } from "../../shared/contract.js";
import type { OkrRow } from "../../shared/model.js";
import { buildRollup } from "../../shared/rollup.js";

type Autocannon = (options: Record<string, unknown>) => Promise<{
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}>;
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

const TABLE = "okr-bench";
const ROLLUP_RUNS = Number(process.env.BENCH_ROLLUP_RUNS ?? 15);
const CYCLE = "2026-Q4";

// Titles from pseudo-random made-up words: realistic variety, so the rollup's near-duplicate finder
// sees distinct work (identical generated titles everywhere would make every pair a duplicate).
let seed = 42;
function word(): string {
  const letters = "abcdefghijklmnopqrstuvwxyz";
  let text = "";
  const length = 4 + (seed % 6);
  for (let i = 0; i < length; i++) {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    text += letters[seed % 26];
  }
  return text;
}
const title = () => `${word()} ${word()} ${word()} ${word()}`;

function makeSheet(prefix: string, objectives: number, krsPerObjective: number, version = 0): OkrRow[] {
  const rows: OkrRow[] = [];
  let row = 2;
  const base = {
    alignsTo: null,
    contributesTo: [],
    team: prefix,
    owner: "Owner",
    cycle: CYCLE,
    unit: "",
    weight: 1,
    confidence: null,
    kpiKind: null,
    notes: "",
  };
  for (let o = 0; o < objectives; o++) {
    const objectiveId = `${prefix}-O${o}`;
    rows.push({
      ...base,
      id: objectiveId,
      type: "objective",
      title: title(),
      objectiveId: null,
      alignsTo: o === 0 ? null : `${prefix}-O0`,
      level: "team",
      start: null,
      target: null,
      current: null,
      krType: null,
      row: row++,
    });
    for (let k = 0; k < krsPerObjective; k++) {
      rows.push({
        ...base,
        id: `${prefix}-O${o}-KR${k}`,
        type: "key_result",
        title: title(),
        objectiveId,
        level: null,
        start: 0,
        target: 100,
        current: (o * 7 + k * 13 + version) % 100,
        krType: "numeric",
        row: row++,
      });
    }
  }
  return rows;
}

const full = (row: OkrRow): SyncRow => ({ ...row, hash: rowHash(row) });
const stub = (row: OkrRow) => ({ id: row.id, hash: rowHash(row) });
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
};
const ms = (value: number) => `${value.toFixed(1)} ms`;
const cpuMs = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};

/** Read units consumed, as DynamoDB reports them (ReturnConsumedCapacity on every read). */
function countReadUnits(client: ReturnType<typeof createClients>["documentClient"]) {
  let units = 0;
  const READS = new Set([
    "GetCommand",
    "QueryCommand",
    "BatchGetCommand",
    "GetItemCommand",
    "QueryItemCommand",
  ]);
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const name = context.commandName ?? "";
      const read = READS.has(name) || name === "BatchGetItemCommand";
      if (read) (args.input as Record<string, unknown>).ReturnConsumedCapacity = "TOTAL";
      const result = await next(args);
      if (read) {
        const output = result.output as {
          ConsumedCapacity?: { CapacityUnits?: number } | { CapacityUnits?: number }[];
        };
        const consumed = output.ConsumedCapacity;
        for (const entry of Array.isArray(consumed) ? consumed : consumed ? [consumed] : [])
          units += entry.CapacityUnits ?? 0;
      }
      return result;
    },
    { step: "initialize", name: "benchReadUnits" },
  );
  return {
    units: () => units,
    reset: () => {
      units = 0;
    },
  };
}

const percentiles = (times: number[]) => `p50 ${ms(median(times))}, p99 ${ms(percentile(times, 99))}`;

async function main() {
  const useJava = javaAvailable();
  const local: LocalDynamo = useJava ? await startDynamoDbLocal() : await startDynalite();
  console.log(
    `Backend: ${useJava ? "DynamoDB Local (Java)" : "dynalite (no Java on PATH)"} at ${local.endpoint}`,
  );
  const clients = createClients({ endpoint: local.endpoint, region: "local" });
  await ensureTable(clients.client, { tableName: TABLE });
  const counter = countOperations(clients.documentClient);
  const readUnits = countReadUnits(clients.documentClient);
  const store = createDynamoStore({ client: clients.documentClient, tableName: TABLE });
  const server = await startServer({ store });
  const shutdown = async () => {
    await server.close();
    clients.client.destroy();
    await local.close();
  };
  try {
    const { orgId, key } = await createOrgWithAdminKey(store, { name: "Bench", now: new Date() });
    const auth = { Authorization: `Bearer ${key.secret}`, "Content-Type": "application/json" };
    const sync = async (sheetId: string, body: unknown, idempotencyKey?: string) => {
      const res = await fetch(`${server.url}/v1/sheets/${sheetId}/sync`, {
        method: "POST",
        headers: idempotencyKey ? { ...auth, "Idempotency-Key": idempotencyKey } : auth,
        body: JSON.stringify(body),
      });
      const json = (await res.json()) as { revision: number; written: number; problems?: { code: string }[] };
      if (res.status !== 200) throw new Error(`sync ${sheetId}: ${res.status} ${JSON.stringify(json)}`);
      // Refused rows are rows not written: a figure with any would flatter the API.
      if (json.problems?.some((p) => p.code === "duplicate_id_across_sheets"))
        throw new Error(`sync ${sheetId}: rows refused as another sheet's IDs`);
      return json;
    };

    // 1. 1,000-row sheet through the API vs the same items with raw BatchWriteItem.
    const RUNS = Number(process.env.BENCH_RUNS ?? 5);
    const rows1000 = makeSheet("S", 200, 4); // 200 objectives + 800 KRs
    // The same sheet under IDs of its own: a sheet owns its IDs, so every sheet synced here gets its own
    // (same length, same content otherwise), and the raw baseline writes the very rows its run synced.
    const renamed = (prefix: string): OkrRow[] => {
      const id = (value: string | null) => (value === null ? null : value.replace(/^S-/, `${prefix}-`));
      return rows1000.map((row) => ({
        ...row,
        id: id(row.id)!,
        objectiveId: id(row.objectiveId),
        alignsTo: id(row.alignsTo),
      }));
    };
    const apiTimes: number[] = [];
    const rawTimes: number[] = [];
    const apiCpu: number[] = [];
    const rawCpu: number[] = [];
    // Untimed syncs first: the first requests pay for JIT compilation of the whole path (parsing,
    // validation, the SDK's serializers) here and in DynamoDB Local's JVM; a keyed sync measured after
    // the timed ones came out at 1.05x raw while the first timed ones were at 1.38x.
    for (let i = 0; i < 3; i++)
      await sync(`warm-up-${i}`, { baseRevision: 0, name: "Warm-up", rows: renamed(`W${i}`).map(full) });
    for (let run = 0; run < RUNS; run++) {
      const sheetId = `thousand-${run}`;
      const sheetRows = renamed(`A${run}`);
      const body = { baseRevision: 0, name: "Thousand", rows: sheetRows.map(full) };
      let start = performance.now();
      let cpu = process.cpuUsage();
      await sync(sheetId, body);
      apiTimes.push(performance.now() - start);
      apiCpu.push(cpuMs(cpu));

      // Exactly the items the store writes (index attributes and all), so only the API's own work differs.
      const at = new Date().toISOString();
      const items = sheetRows.map((row) => ({
        PutRequest: {
          Item: rowItem(orgId, `raw-${run}`, {
            ...row,
            hash: rowHash(row),
            deleted: false,
            deletedAt: null,
            revision: 1,
            currentChangedAt: row.current === null ? null : at,
          }),
        },
      }));
      start = performance.now();
      cpu = process.cpuUsage();
      const chunks: (typeof items)[] = [];
      for (let i = 0; i < items.length; i += 25) chunks.push(items.slice(i, i + 25));
      let next = 0;
      // Same concurrency (4 chunks in flight) as the store, so only the API's own work differs.
      await Promise.all(
        Array.from({ length: 4 }, async () => {
          while (next < chunks.length) {
            let pending = chunks[next++]!;
            while (pending.length) {
              const result = await clients.documentClient.send(
                new BatchWriteCommand({ RequestItems: { [TABLE]: pending } }),
              );
              pending = (result.UnprocessedItems?.[TABLE] as typeof pending | undefined) ?? [];
            }
          }
        }),
      );
      rawTimes.push(performance.now() - start);
      rawCpu.push(cpuMs(cpu));
    }
    // The add-on sends a fresh Idempotency-Key with every sync: the answer is then kept for retries.
    const keyedTimes: number[] = [];
    counter.reset();
    for (let run = 0; run < RUNS; run++) {
      const start = performance.now();
      await sync(
        `keyed-${run}`,
        { baseRevision: 0, name: "Keyed", rows: renamed(`K${run}`).map(full) },
        `bench-${run}`,
      );
      keyedTimes.push(performance.now() - start);
    }
    const keyedWrites = counter.writes() / RUNS;
    const apiMedian = median(apiTimes);
    const rawMedian = median(rawTimes);
    console.log(`\n1,000-row sheet, first sync (median of ${RUNS}):`);
    console.log(`  through the API (HTTP, validate, plan, claim, batch write): ${ms(apiMedian)}`);
    console.log(`  raw BatchWriteItem of the same 1,000 items:               ${ms(rawMedian)}`);
    console.log(`  ratio API / raw: ${(apiMedian / rawMedian).toFixed(2)}x (goal <= 1.3x)`);
    // This process's CPU: the client's request and the server in one process (the database is ${useJava ? "a JVM of its own" : "dynalite, in this process too"}).
    console.log(
      `  CPU in this process per sync: API ${ms(median(apiCpu))} (min ${ms(Math.min(...apiCpu))}), raw ${ms(median(rawCpu))}; ` +
        `the API's own CPU ${ms(median(apiCpu) - median(rawCpu))} per 1,000 rows${useJava ? "" : " (dynalite's CPU included on both sides)"}`,
    );
    console.log(
      `  with an Idempotency-Key, as the add-on sends: ${ms(median(keyedTimes))} ` +
        `(${(median(keyedTimes) / rawMedian).toFixed(2)}x raw; ${keyedWrites} items written per sync)`,
    );

    // 2. Re-sync unchanged, as stubs and as full rows.
    const thousand0 = renamed("A0");
    const stubTimes: number[] = [];
    const fullTimes: number[] = [];
    const stubCpu: number[] = [];
    const fullCpu: number[] = [];
    // The bodies are made before the clock starts: only the request is timed.
    const stubBody = { baseRevision: 1, rows: thousand0.map(stub) };
    const fullBody = { baseRevision: 1, rows: thousand0.map(full) };
    counter.reset();
    for (let i = 0; i < 20; i++) {
      let start = performance.now();
      let cpu = process.cpuUsage();
      await sync("thousand-0", stubBody);
      stubTimes.push(performance.now() - start);
      stubCpu.push(cpuMs(cpu));
      start = performance.now();
      cpu = process.cpuUsage();
      await sync("thousand-0", fullBody);
      fullTimes.push(performance.now() - start);
      fullCpu.push(cpuMs(cpu));
    }
    // This process's CPU is the client's request and the server's work (DynamoDB Local is a JVM of its own).
    console.log("\nRe-sync of the unchanged 1,000-row sheet (20 runs each):");
    console.log(
      `  as {id, hash} stubs: p50 ${ms(median(stubTimes))}, p99 ${ms(percentile(stubTimes, 99))}, min ${ms(Math.min(...stubTimes))}; ` +
        `CPU in this process p50 ${ms(median(stubCpu))}`,
    );
    console.log(
      `  as full rows:        p50 ${ms(median(fullTimes))}, p99 ${ms(percentile(fullTimes, 99))}, min ${ms(Math.min(...fullTimes))}; ` +
        `CPU in this process p50 ${ms(median(fullCpu))}`,
    );
    console.log(`  DynamoDB items written over all 40 re-syncs: ${counter.writes()}`);
    const keyedStubTimes: number[] = [];
    counter.reset();
    for (let i = 0; i < 20; i++) {
      const start = performance.now();
      await sync("thousand-0", { baseRevision: 1, rows: thousand0.map(stub) }, `bench-resync-${i}`);
      keyedStubTimes.push(performance.now() - start);
    }
    console.log(
      `  as stubs with an Idempotency-Key (the add-on): p50 ${ms(median(keyedStubTimes))}, ` +
        `p99 ${ms(percentile(keyedStubTimes, 99))}, items written over 20: ${counter.writes()}`,
    );

    // 2a. A body nested a million levels deep (2 MB): refused before JSON.parse would block the event loop.
    const deep = `${"[".repeat(1_000_000)}${"]".repeat(1_000_000)}`;
    const deepTimes: number[] = [];
    let deepStatus = 0;
    for (let i = 0; i < 10; i++) {
      const start = performance.now();
      const res = await fetch(`${server.url}/v1/sheets/deep/sync`, {
        method: "POST",
        headers: auth,
        body: deep,
      });
      await res.text();
      deepStatus = res.status;
      deepTimes.push(performance.now() - start);
    }
    console.log(
      `\n2 MB body nested 1,000,000 levels (10 requests, HTTP round trip): status ${deepStatus}, ` +
        `min ${ms(Math.min(...deepTimes))}, p50 ${ms(median(deepTimes))}, max ${ms(Math.max(...deepTimes))}`,
    );
    if (process.env.BENCH_SYNC_ONLY) return;

    async function leadersViews(sheetCount: number) {
      const { orgId: bigOrg, key: bigKey } = await createOrgWithAdminKey(store, {
        name: "Big",
        now: new Date(),
      });
      const at = new Date().toISOString();
      const seedStart = performance.now();
      // Seeded as a sync leaves each sheet: rows stored, the summary written, the revision committed.
      let team0: OkrRow[] = [];
      const seedOne = async (s: number) => {
        const sheetId = `team-${s}`;
        const made = makeSheet(`T${s}`, 10, 4);
        if (s === 0) team0 = made;
        const rows = made.map((row) => ({
          ...row,
          hash: rowHash(row),
          deleted: false,
          deletedAt: null,
          revision: 1,
          currentChangedAt: row.current === null ? null : at,
        }));
        const token = `seed-${s}`;
        await store.claimRevision(bigOrg, sheetId, {
          expected: 0,
          next: 1,
          name: `Team ${s}`,
          at,
          contentHash: null,
          rowsPending: { token, until: new Date(Date.now() + 600_000).toISOString() },
        });
        await store.putRows(bigOrg, sheetId, rows);
        await store.putSheetIds(bigOrg, sheetId, rows);
        await store.putSheetSummary(bigOrg, summarize(sheetId, `Team ${s}`, 1, rows));
        await store.commitRevision(bigOrg, sheetId, { revision: 1, token, contentHash: null });
      };
      let nextSheet = 0;
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (nextSheet < sheetCount) await seedOne(nextSheet++);
        }),
      );
      await store.markBackfilled(bigOrg);
      await store.bumpReadRevision(bigOrg);
      const rowCount = sheetCount * 50;
      console.log(
        `\nLeaders' views, ${sheetCount} sheets / ${rowCount.toLocaleString("en")} objectives + KRs ` +
          `(seeded in ${((performance.now() - seedStart) / 1000) | 0} s; ${ROLLUP_RUNS} requests each):`,
      );
      const bearer = { Authorization: `Bearer ${bigKey.secret}` };

      // The old path, in process: every row read (consistent), the engine over all of it.
      const oldTimes: number[] = [];
      let oldUnits = 0;
      let oldBytes = 0;
      // BENCH_OLD_RUNS=0 skips it (at 100,000 rows each run reads every row: about a minute on a loaded machine).
      for (let i = 0; i < Number(process.env.BENCH_OLD_RUNS ?? Math.min(5, ROLLUP_RUNS)); i++) {
        readUnits.reset();
        const start = performance.now();
        const { sheets, lastUpdates } = await liveSheetsWithUpdates(store, bigOrg);
        const result = buildRollup(sheets, {
          cycle: CYCLE,
          asOf: at.slice(0, 10),
          lastCheckIns: lastUpdates,
        });
        oldBytes = JSON.stringify(result).length;
        oldTimes.push(performance.now() - start);
        oldUnits = readUnits.units();
      }
      if (oldTimes.length > 0)
        console.log(
          `  old path (every row, in process, ${oldTimes.length} runs): ${percentiles(oldTimes)}, ` +
            `${oldUnits.toFixed(0)} read units, whole rollup ${(oldBytes / 1024).toFixed(0)} KB`,
        );

      // One changed row in one sheet through the API: the views of the next request are cold. Its value, or
      // (`retitle`) its title: the rollup's near-duplicate search is kept for what it searched, so a view after
      // a write that changed no title does not search again, and one after a new title does.
      let revision = 1;
      let changes = 0;
      const changeOneRow = async (_i: number, retitle = false) => {
        changes++;
        const rows = team0.map((row, j) =>
          j !== 1
            ? row
            : retitle
              ? { ...row, title: `${row.title} ${changes}` }
              : { ...row, current: changes % 100 },
        );
        const res = await fetch(`${server.url}/v1/sheets/team-0/sync`, {
          method: "POST",
          headers: { ...bearer, "Content-Type": "application/json" },
          body: JSON.stringify({ baseRevision: revision, rows: rows.map(full) }),
        });
        if (res.status !== 200) throw new Error(`sync team-0: ${res.status} ${await res.text()}`);
        revision = ((await res.json()) as { revision: number }).revision;
      };
      const measure = async (
        label: string,
        path: string,
        headers: Record<string, string>,
        cold: boolean,
        retitle = false,
      ) => {
        const times: number[] = [];
        let units = 0;
        let bytes = 0;
        // Warm: this very view was read once since the last write (untimed), as a leader's second look is.
        if (!cold) await (await fetch(`${server.url}${path}`, { headers })).text();
        for (let i = 0; i < ROLLUP_RUNS; i++) {
          if (cold) await changeOneRow(i, retitle);
          readUnits.reset();
          const start = performance.now();
          const res = await fetch(`${server.url}${path}`, { headers });
          const text = await res.text();
          times.push(performance.now() - start);
          if (res.status !== 200) throw new Error(`${path}: ${res.status} ${text.slice(0, 300)}`);
          units += readUnits.units();
          bytes = Buffer.byteLength(text);
        }
        console.log(
          `  ${label} ${cold ? (retitle ? "cold after a new title" : "cold") : "warm"}: ${percentiles(times)}, ${(units / ROLLUP_RUNS).toFixed(1)} read units per view, ${(bytes / 1024).toFixed(0)} KB`,
        );
      };
      // 100 per list: the page is full at both sizes (the default, 500, fills only from 500 roots on).
      const first = `/v1/rollup?cycle=${CYCLE}&limit=100`;
      // The process's first rollup also compiles the engine's code: reported apart, not as one of the cold views
      // (a new Lambda instance pays it once; bench:lambda measures start-up).
      await changeOneRow(-1);
      const firstStart = performance.now();
      const firstRes = await fetch(`${server.url}${first}`, { headers: bearer });
      await firstRes.text();
      console.log(
        `  GET /v1/rollup, this process's first (the engine's code not yet compiled): ${ms(performance.now() - firstStart)}`,
      );
      await measure("GET /v1/rollup (first page, 100 per list)", first, bearer, true);
      await measure("GET /v1/rollup (first page, 100 per list)", first, bearer, true, true);
      await measure("GET /v1/rollup (first page, 100 per list)", first, bearer, false);
      const head = (await (await fetch(`${server.url}${first}`, { headers: bearer })).json()) as {
        page: { lists: { roots: { nextCursor: string | null } } };
      };
      const cursor = head.page.lists.roots.nextCursor;
      if (cursor === null) throw new Error("the first page holds every root: no cursor to page on");
      await measure(
        "GET /v1/rollup/list (roots 100-199, by the first page's cursor)",
        `/v1/rollup/list?cycle=${CYCLE}&list=roots&limit=100&cursor=${cursor}`,
        bearer,
        false,
      );

      const reader = await issueApiKey(store, {
        orgId: bigOrg,
        role: "reader",
        sheetId: null,
        label: "bench",
        now: new Date(),
      });
      const signIn = await fetch(`${server.url}/dashboard/sign-in`, {
        method: "POST",
        redirect: "manual",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: server.url },
        body: new URLSearchParams({ key: reader.secret }).toString(),
      });
      const cookie = /okr_session=[^;]+/.exec(signIn.headers.get("set-cookie") ?? "")?.[0];
      if (!cookie) throw new Error(`dashboard sign-in: ${signIn.status}`);
      for (const path of ["tree", "insights", "teams"]) {
        await measure(`/dashboard/${path}`, `/dashboard/${path}`, { Cookie: cookie }, true);
        await measure(`/dashboard/${path}`, `/dashboard/${path}`, { Cookie: cookie }, false);
      }
      await measure("/dashboard/tree?expand=all", "/dashboard/tree?expand=all", { Cookie: cookie }, false);
    }

    // 3. Leaders' views at two sizes, cold (just after a sync) and warm, beside the old path (every row).
    const sizes = (process.env.BENCH_SIZES ?? "200,2000").split(",").map(Number);
    for (const sheetCount of sizes) await leadersViews(sheetCount);

    // 4. Concurrent syncs from 50 sheets (each connection its own sheet, one changed row per sync).
    const SHEETS = 50;
    const small = Array.from({ length: SHEETS }, (_, s) => makeSheet(`C${s}`, 4, 4)); // 20 rows each
    for (let s = 0; s < SHEETS; s++) await sync(`conc-${s}`, { baseRevision: 0, rows: small[s]!.map(full) });
    // autocannon resets a connection's context between requests, so per-sheet state lives here:
    // each request takes a sheet nobody is syncing right now, so no two syncs of one sheet overlap.
    const revisions = small.map(() => 1);
    const versions = small.map(() => 0);
    const busy = small.map(() => false);
    let cursor = 0;
    const statuses = new Map<number, number>();
    const result = await autocannon({
      url: server.url,
      connections: SHEETS,
      duration: 10,
      requests: [
        {
          method: "POST",
          setupRequest: (request: Record<string, unknown>, context: Record<string, number>) => {
            let sheet = cursor++ % SHEETS;
            for (let tries = 0; busy[sheet] && tries < SHEETS; tries++) sheet = cursor++ % SHEETS;
            busy[sheet] = true;
            context.sheet = sheet;
            const rows = small[sheet]!;
            versions[sheet] = versions[sheet]! + 1;
            const changed = { ...rows[1]!, current: versions[sheet]! % 100 };
            return {
              ...request,
              path: `/v1/sheets/conc-${sheet}/sync`,
              headers: auth,
              body: JSON.stringify({
                baseRevision: revisions[sheet],
                rows: rows.map((row, i) => (i === 1 ? full(changed) : stub(row))),
              }),
            };
          },
          onResponse: (status: number, body: string, context: Record<string, number>) => {
            const sheet = context.sheet!;
            busy[sheet] = false;
            statuses.set(status, (statuses.get(status) ?? 0) + 1);
            const json = JSON.parse(body) as {
              revision?: number;
              error?: { details?: { currentRevision?: number } };
            };
            const revision = json.revision ?? json.error?.details?.currentRevision;
            if (revision !== undefined) revisions[sheet] = revision;
          },
        },
      ],
    });
    console.log(`\nConcurrent syncs, ${SHEETS} sheets x 1 connection each, 10 s (autocannon, loopback):`);
    console.log(
      `  ${result.requests.average.toFixed(0)} requests/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ` +
        `${result.requests.total} requests, non-2xx ${result.non2xx}, errors ${result.errors}`,
    );
    console.log(`  statuses: ${JSON.stringify(Object.fromEntries(statuses))}`);
    // let in-flight requests finish before the database goes away
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  } finally {
    await shutdown();
  }
}

await main();
