// `npx tsx api/infra/cost.ts`: what a small organisation's month costs on the deployed stack, from measured
// requests. The real app (createApp, the DynamoDB store) runs on in-memory dynalite with every DynamoDB call
// asked for its ConsumedCapacity, through the add-on's requests: an hourly sync with nothing changed (stubs, an
// Idempotency-Key, then GET /v1/objectives for the catalog), a sync with 3 changed rows, a check-in, and a
// leader's rollup of the whole organisation. The month multiplies those by the stated usage; prices are
// us-east-1 list prices (check your region). Prints figures; asserts nothing. docs/deploy.md quotes its output.
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { rowHash } from "../../shared/contract.js";
import type { OkrRow } from "../../shared/model.js";
import { createApp } from "../app/app.js";
import { DEFAULT_CONFIG } from "../app/config.js";
import { createOrgWithAdminKey } from "../auth/api-keys.js";
import { createClients } from "../store/client.js";
import { startDynalite } from "../store/dynalite.js";
import { createDynamoStore } from "../store/dynamo-store.js";
import { ensureTable } from "../store/table.js";

/** The organisation and its month. */
export const USAGE = {
  sheets: 20,
  objectivesPerSheet: 10,
  keyResultsPerObjective: 4,
  /** Hourly sync trigger over a 10-hour working day, 22 working days. */
  syncsPerSheetPerMonth: 10 * 22,
  /** Share of syncs that carry a change. */
  changedShare: 0.25,
  /** Every key result checked in weekly (4.4 weeks a month). */
  checkInsPerKeyResultPerMonth: 4.4,
  /** 10 leaders opening the rollup or dashboard 5 times a working day. */
  rollupsPerMonth: 10 * 5 * 22,
} as const;

/** us-east-1 list prices (on-demand DynamoDB after the November 2024 cut; Lambda arm64). */
export const PRICES = {
  writeRequestUnit: 0.625 / 1e6,
  readRequestUnit: 0.125 / 1e6,
  storageGbMonth: 0.25,
  pitrGbMonth: 0.2,
  lambdaRequest: 0.2 / 1e6,
  lambdaArmGbSecond: 0.0000133334,
  httpApiRequest: 1.0 / 1e6,
  logsIngestGb: 0.5,
  /** Per metric an alarm watches (a metric-math alarm pays for each metric in it). */
  alarmMetric: 0.1,
} as const;

/** Lambda: 512 MB is ~0.29 of a vCPU, so CPU time here is scaled up; each DynamoDB call adds a round trip. */
const LAMBDA_GB = 0.5;
const CPU_SLOWDOWN = 1769 / 512;
const DYNAMODB_ROUND_TRIP_MS = 8;
/** START/END/REPORT lines and the app's own line per request. */
const LOG_BYTES_PER_REQUEST = 600;
/** Lambda errors, Lambda throttles, API 5xx, DynamoDB read + write throttle events (api/infra/stack.ts). */
export const ALARM_METRICS = 1 + 1 + 1 + 2;

interface Meter {
  read: number;
  write: number;
  calls: number;
}

/** Adds ReturnConsumedCapacity to every command and sums what DynamoDB reports. */
function meterCapacity(client: DynamoDBDocumentClient): Meter {
  const meter: Meter = { read: 0, write: 0, calls: 0 };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      (args.input as Record<string, unknown>).ReturnConsumedCapacity = "TOTAL";
      const result = await next(args);
      const consumed = (result.output as { ConsumedCapacity?: unknown }).ConsumedCapacity;
      const units = [consumed ?? []]
        .flat()
        .reduce((sum: number, c) => sum + ((c as { CapacityUnits?: number }).CapacityUnits ?? 0), 0);
      const name = context.commandName ?? "";
      if (/^(Get|Query|BatchGet|Scan)/.test(name)) meter.read += units;
      else meter.write += units;
      meter.calls += 1;
      return result;
    },
    { step: "initialize", name: "meterCapacity" },
  );
  return meter;
}

function sheetRows(prefix: string, version = 0): OkrRow[] {
  const rows: OkrRow[] = [];
  let row = 2;
  const base = {
    alignsTo: null,
    contributesTo: [],
    team: `Team ${prefix}`,
    owner: "Kari Nordmann",
    cycle: "2026-Q4",
    unit: "",
    weight: 1,
    confidence: null,
    kpiKind: null,
    notes: "Some context for the row, as people write it.",
  };
  for (let o = 0; o < USAGE.objectivesPerSheet; o++) {
    const objectiveId = `${prefix}-O${o}`;
    rows.push({
      ...base,
      id: objectiveId,
      type: "objective",
      title: `Grow the ${prefix} customer base in segment ${o}`,
      objectiveId: null,
      level: "team",
      start: null,
      target: null,
      current: null,
      krType: null,
      row: row++,
    });
    for (let k = 0; k < USAGE.keyResultsPerObjective; k++) {
      rows.push({
        ...base,
        id: `${objectiveId}-KR${k}`,
        type: "key_result",
        title: `Raise weekly active accounts in segment ${o} from 120 to 400 (${k})`,
        objectiveId,
        level: null,
        start: 120,
        target: 400,
        current: 150 + ((o * 7 + k * 13 + version) % 200),
        krType: "numeric",
        row: row++,
      });
    }
  }
  return rows;
}

async function main(): Promise<void> {
  const local = await startDynalite();
  const clients = createClients({ endpoint: local.endpoint, region: "local" });
  try {
    await ensureTable(clients.client, { tableName: "okr-cost" });
    const store = createDynamoStore({ client: clients.documentClient, tableName: "okr-cost" });
    const meter = meterCapacity(clients.documentClient);
    const app = createApp({ store, now: () => new Date("2026-11-10T09:00:00Z"), config: DEFAULT_CONFIG });
    const { key } = await createOrgWithAdminKey(store, { name: "Cost AB", now: new Date() });
    const auth = { authorization: `Bearer ${key.secret}`, "content-type": "application/json" };
    let requestNo = 0;
    const call = async (method: string, path: string, body?: unknown) => {
      const res = await app.request(path, {
        method,
        headers: { ...auth, "idempotency-key": `cost-${++requestNo}` },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return res.json() as Promise<{ revision?: number }>;
    };
    /** Runs `operation` `times` times and returns the mean per run. */
    const measure = async (times: number, operation: (i: number) => Promise<number>) => {
      const start = { ...meter };
      const cpu = process.cpuUsage();
      let requests = 0;
      for (let i = 0; i < times; i++) requests += await operation(i);
      const used = process.cpuUsage(cpu);
      return {
        read: (meter.read - start.read) / times,
        write: (meter.write - start.write) / times,
        calls: (meter.calls - start.calls) / times,
        requests: requests / times,
        cpuMs: (used.user + used.system) / 1000 / times,
      };
    };

    // The organisation: every sheet synced once (its first sync is a one-off, not part of the month).
    const revisions = new Map<string, number>();
    const current = new Map<string, OkrRow[]>();
    for (let s = 0; s < USAGE.sheets; s++) {
      current.set(`s${s}`, sheetRows(`S${s}`));
      const rows = sheetRows(`S${s}`).map((row) => ({ ...row, hash: rowHash(row) }));
      const synced = await call("POST", `/v1/sheets/s${s}/sync`, { baseRevision: 0, name: `S${s}`, rows });
      revisions.set(`s${s}`, synced.revision ?? 1);
    }
    await call("GET", "/v1/rollup?cycle=2026-Q4"); // warm the code paths before measuring

    const stubs = (rows: OkrRow[]) => rows.map((row) => ({ id: row.id, hash: rowHash(row) }));
    const unchanged = await measure(20, async (i) => {
      const sheet = `s${i % USAGE.sheets}`;
      await call("POST", `/v1/sheets/${sheet}/sync`, {
        baseRevision: revisions.get(sheet),
        rows: stubs(current.get(sheet) ?? []),
      });
      return 1;
    });
    const changed = await measure(20, async (i) => {
      const sheet = `s${i % USAGE.sheets}`;
      // Three key results get a new current value; the other rows go as {id, hash} stubs, as the add-on sends them.
      const rows = (current.get(sheet) ?? []).map((row, n) =>
        n === 1 || n === 6 || n === 11 ? { ...row, current: (row.current ?? 0) + 1 } : row,
      );
      current.set(sheet, rows);
      const synced = await call("POST", `/v1/sheets/${sheet}/sync`, {
        baseRevision: revisions.get(sheet),
        rows: rows.map((row, n) =>
          n === 1 || n === 6 || n === 11
            ? { ...row, hash: rowHash(row) }
            : { id: row.id, hash: rowHash(row) },
        ),
      });
      revisions.set(sheet, synced.revision ?? 0);
      return 1;
    });
    // After each sync the add-on refreshes its alignment catalog with the organisation's objectives.
    const catalog = await measure(10, async () => {
      await call("GET", "/v1/objectives");
      return 1;
    });
    const checkIn = await measure(20, async (i) => {
      const s = i % USAGE.sheets;
      await call("POST", `/v1/sheets/s${s}/key-results/S${s}-O1-KR2/check-ins`, {
        value: 200 + i,
        confidence: 0.7,
        note: "Two new partners signed",
        author: "kari@example.com",
      });
      return 1;
    });
    const rollup = await measure(5, async () => {
      await call("GET", "/v1/rollup?cycle=2026-Q4");
      return 1;
    });

    const syncs = USAGE.sheets * USAGE.syncsPerSheetPerMonth;
    const month = {
      "sync, unchanged": syncs * (1 - USAGE.changedShare),
      "sync, 3 rows changed": syncs * USAGE.changedShare,
      "catalog after a sync": syncs,
      "check-in":
        USAGE.sheets *
        USAGE.objectivesPerSheet *
        USAGE.keyResultsPerObjective *
        USAGE.checkInsPerKeyResultPerMonth,
      "rollup (a leader)": USAGE.rollupsPerMonth,
    };
    const measured = {
      "sync, unchanged": unchanged,
      "sync, 3 rows changed": changed,
      "catalog after a sync": catalog,
      "check-in": checkIn,
      "rollup (a leader)": rollup,
    };
    const rows = USAGE.sheets * USAGE.objectivesPerSheet * (1 + USAGE.keyResultsPerObjective);
    console.log(
      `Organisation: ${USAGE.sheets} sheets, ${rows} rows. Per operation, measured (DynamoDB units from dynalite's ConsumedCapacity; CPU in this process):`,
    );
    console.log("operation              per month  HTTP req  DynamoDB calls    RRU      WRU   CPU ms");
    let rru = 0;
    let wru = 0;
    let requests = 0;
    let gbSeconds = 0;
    for (const [name, m] of Object.entries(measured) as [keyof typeof month, typeof unchanged][]) {
      const n = month[name];
      rru += n * m.read;
      wru += n * m.write;
      requests += n * m.requests;
      const seconds = (m.cpuMs * CPU_SLOWDOWN + m.calls * DYNAMODB_ROUND_TRIP_MS) / 1000;
      gbSeconds += n * seconds * LAMBDA_GB;
      console.log(
        `${name.padEnd(22)} ${String(Math.round(n)).padStart(9)} ${m.requests.toFixed(0).padStart(9)} ${m.calls.toFixed(1).padStart(15)} ${m.read.toFixed(1).padStart(6)} ${m.write.toFixed(1).padStart(8)} ${m.cpuMs.toFixed(1).padStart(8)}`,
      );
    }
    const storageGb = 0.01; // 1,000 rows of ~1 KB, check-ins and idempotency records: a few MB
    const logsGb = (requests * LOG_BYTES_PER_REQUEST) / 1e9;
    const lines: [string, string, number][] = [
      ["DynamoDB writes", `${Math.round(wru).toLocaleString("en")} WRU`, wru * PRICES.writeRequestUnit],
      ["DynamoDB reads", `${Math.round(rru).toLocaleString("en")} RRU`, rru * PRICES.readRequestUnit],
      [
        "DynamoDB storage + PITR",
        `~${storageGb * 1000} MB`,
        storageGb * (PRICES.storageGbMonth + PRICES.pitrGbMonth),
      ],
      [
        "Lambda (arm64, 512 MB)",
        `${Math.round(requests).toLocaleString("en")} invocations, ${Math.round(gbSeconds).toLocaleString("en")} GB-s`,
        requests * PRICES.lambdaRequest + gbSeconds * PRICES.lambdaArmGbSecond,
      ],
      ["HTTP API", `${Math.round(requests).toLocaleString("en")} requests`, requests * PRICES.httpApiRequest],
      ["CloudWatch Logs", `${(logsGb * 1000).toFixed(1)} MB ingested`, logsGb * PRICES.logsIngestGb],
      ["CloudWatch alarms", `${ALARM_METRICS} alarm metrics`, ALARM_METRICS * PRICES.alarmMetric],
    ];
    console.log("\nA month (before free tiers):");
    for (const [item, amount, dollars] of lines)
      console.log(`  ${item.padEnd(26)} ${amount.padEnd(40)} $${dollars.toFixed(3)}`);
    console.log(
      `  ${"Total".padEnd(26)} ${"".padEnd(40)} $${lines.reduce((n, [, , d]) => n + d, 0).toFixed(2)}`,
    );
  } finally {
    clients.client.destroy();
    await local.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
