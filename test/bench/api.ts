// `npm run bench:api`: sync API figures on DynamoDB Local (dynalite when Java is missing).
// Prints figures; asserts nothing. Loopback only. BENCH_SYNC_ONLY=1 stops after the sync figures.
import { createRequire } from "node:module";
import { BatchWriteCommand } from "@aws-sdk/lib-dynamodb";
import { createOrgWithAdminKey, issueApiKey } from "../../api/auth/api-keys.js";
import { startServer } from "../../api/entry/server.js";
import { createClients } from "../../api/store/client.js";
import { type LocalDynamo, startDynalite } from "../../api/store/dynalite.js";
import { createDynamoStore, rowItem } from "../../api/store/dynamo-store.js";
import { javaAvailable, startDynamoDbLocal } from "../../api/store/dynamodb-local.js";
import { countOperations } from "../../api/store/instrument.js";
import { ensureTable } from "../../api/store/table.js";
import { rowHash, type SyncRow } from "../../shared/contract.js";
import type { OkrRow } from "../../shared/model.js";

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

async function main() {
  const useJava = javaAvailable();
  const local: LocalDynamo = useJava ? await startDynamoDbLocal() : await startDynalite();
  console.log(
    `Backend: ${useJava ? "DynamoDB Local (Java)" : "dynalite (no Java on PATH)"} at ${local.endpoint}`,
  );
  const clients = createClients({ endpoint: local.endpoint, region: "local" });
  await ensureTable(clients.client, { tableName: TABLE });
  const counter = countOperations(clients.documentClient);
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
      await sync(sheetId, body);
      apiTimes.push(performance.now() - start);

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
    console.log(
      `  with an Idempotency-Key, as the add-on sends: ${ms(median(keyedTimes))} ` +
        `(${(median(keyedTimes) / rawMedian).toFixed(2)}x raw; ${keyedWrites} items written per sync)`,
    );

    // 2. Re-sync unchanged, as stubs and as full rows.
    const thousand0 = renamed("A0");
    const stubTimes: number[] = [];
    const fullTimes: number[] = [];
    counter.reset();
    for (let i = 0; i < 20; i++) {
      let start = performance.now();
      await sync("thousand-0", { baseRevision: 1, rows: thousand0.map(stub) });
      stubTimes.push(performance.now() - start);
      start = performance.now();
      await sync("thousand-0", { baseRevision: 1, rows: thousand0.map(full) });
      fullTimes.push(performance.now() - start);
    }
    console.log("\nRe-sync of the unchanged 1,000-row sheet (20 runs each):");
    console.log(`  as {id, hash} stubs: p50 ${ms(median(stubTimes))}, p99 ${ms(percentile(stubTimes, 99))}`);
    console.log(`  as full rows:        p50 ${ms(median(fullTimes))}, p99 ${ms(percentile(fullTimes, 99))}`);
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

    // 3. Rollup latency: an org of 200 sheets, 10,000 objectives + KRs.
    const { orgId: bigOrg, key: bigKey } = await createOrgWithAdminKey(store, {
      name: "Big",
      now: new Date(),
    });
    const at = new Date().toISOString();
    for (let s = 0; s < 200; s++) {
      const sheetId = `team-${s}`;
      const rows = makeSheet(`T${s}`, 10, 4); // 50 rows per sheet
      await store.claimRevision(bigOrg, sheetId, {
        expected: 0,
        next: 1,
        name: `Team ${s}`,
        at,
        contentHash: null,
      });
      await store.putRows(
        bigOrg,
        sheetId,
        rows.map((row) => ({ ...row, hash: rowHash(row), deleted: false, deletedAt: null, revision: 1 })),
      );
    }
    console.log("  (seeded; measuring rollups)");
    const rollupTimes: number[] = [];
    let rollupBytes = 0;
    for (let i = 0; i < ROLLUP_RUNS; i++) {
      const start = performance.now();
      const res = await fetch(`${server.url}/v1/rollup?cycle=${CYCLE}`, {
        headers: { Authorization: `Bearer ${bigKey.secret}` },
      });
      const text = await res.text();
      if (res.status !== 200) throw new Error(`rollup: ${res.status} ${text.slice(0, 300)}`);
      rollupBytes = text.length;
      rollupTimes.push(performance.now() - start);
    }
    console.log(`\nRollup of 200 sheets / 10,000 objectives + KRs (${ROLLUP_RUNS} requests):`);
    console.log(
      `  p50 ${ms(median(rollupTimes))}, p99 ${ms(percentile(rollupTimes, 99))}, response ${(rollupBytes / 1024).toFixed(0)} KB`,
    );

    // 3a. The catalog the add-on fetches after every sync, from the index of live objectives.
    const catalogTimes: number[] = [];
    let catalogCount = 0;
    for (let i = 0; i < ROLLUP_RUNS; i++) {
      const start = performance.now();
      const res = await fetch(`${server.url}/v1/objectives?cycle=${CYCLE}`, {
        headers: { Authorization: `Bearer ${bigKey.secret}` },
      });
      const body = (await res.json()) as { objectives: unknown[] };
      if (res.status !== 200) throw new Error(`catalog: ${res.status}`);
      catalogCount = body.objectives.length;
      catalogTimes.push(performance.now() - start);
    }
    console.log(
      `\nCatalog (GET /v1/objectives) of the same organisation, ${catalogCount} objectives (${ROLLUP_RUNS} requests):`,
    );
    console.log(`  p50 ${ms(median(catalogTimes))}, p99 ${ms(percentile(catalogTimes, 99))}`);

    // 3b. The dashboard's pages for the same organisation, as a signed-in leader reads them.
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
    console.log(`\nDashboard pages for the same organisation (${ROLLUP_RUNS} requests each, gzip accepted):`);
    for (const path of ["tree", "tree?expand=all", "tree?team=T7", "insights", "teams"]) {
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < ROLLUP_RUNS; i++) {
        const start = performance.now();
        const res = await fetch(`${server.url}/dashboard/${path}`, { headers: { Cookie: cookie } });
        const text = await res.text();
        if (res.status !== 200) throw new Error(`dashboard ${path}: ${res.status}`);
        bytes = text.length;
        times.push(performance.now() - start);
      }
      console.log(
        `  /dashboard/${path}: p50 ${ms(median(times))}, p99 ${ms(percentile(times, 99))}, HTML ${(bytes / 1024).toFixed(0)} KB`,
      );
    }

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
