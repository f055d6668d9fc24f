// npm run bench:lambda: the Lambda bundle's size, and the time to import it in a fresh Node process against a
// bare Hono + AWS SDK DynamoDB baseline bundled the same way (buildLambda: same esbuild options, plugins and
// chunk splitting), measured side by side. Both are imported as the Lambda runtime does, without
// --enable-source-maps (the stack does not set it). Each fresh process also times one first request, of one of
// two kinds: a Function URL GET /v1/health (touches no database; the app loads its API routes, the baseline
// answers 404 through Hono), or a sync (POST /v1/sheets/{id}/sync of a new 20-row sheet with its spreadsheet's
// time zone, as the add-on sends it: what its first call usually is) against dynalite in this process, which the
// baseline answers by parsing the JSON body and sending one DynamoDB Query through its document client. A second
// request of the same kind in the same process is the request's own work, warm (a 20-row sync is 18 DynamoDB
// commands, the baseline's one): import + first request - that is what start-up costs. Wall and CPU time of the
// child process's own work (dynalite runs here, outside it), min and median of RUNS processes of each kind. Not a
// test.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { buildLambda } from "../../api/infra/build-lambda.js";
import { full, sheet } from "../api/rows.js";
import { createOrg, startBackend, TEST_TABLE } from "../support/api-server.js";

const RUNS = Number(process.env.OKR_BENCH_RUNS ?? 15);
const root = path.resolve(import.meta.dirname, "../..");
const work = mkdtempSync(path.join(tmpdir(), "okr-lambda-bench-"));

// Written inside the repo so it resolves packages from this repo's node_modules; removed afterwards.
const baselineEntry = path.join(root, ".bench-baseline.ts");
writeFileSync(
  baselineEntry,
  [
    'import { DynamoDBClient } from "@aws-sdk/client-dynamodb";',
    'import { DynamoDBDocumentClient, QueryCommand } from "@aws-sdk/lib-dynamodb";',
    'import { Hono } from "hono";',
    'import { handle } from "hono/aws-lambda";',
    "const db = DynamoDBDocumentClient.from(new DynamoDBClient({}));",
    'const app = new Hono().post("*", async (c) => { const body = await c.req.json(); return c.json({ rows: body.rows.length, ...(await db.send(new QueryCommand({ TableName: process.env.TABLE_NAME, KeyConditionExpression: "PK = :p", ExpressionAttributeValues: { ":p": "x" } }))) }); });',
    "export const handler = handle(app);",
  ].join("\n"),
);

const backend = await startBackend();
try {
  const app = await buildLambda(path.join(root, "api/entry/lambda.ts"), path.join(work, "app"));
  const baseline = await buildLambda(baselineEntry, path.join(work, "baseline"));
  const { adminKey } = await createOrg(backend.store, "Bench AB");

  const fixture = (name: string) => readFileSync(path.join(root, "test/api/fixtures", name), "utf8");
  const health = fixture("function-url-health.json");
  /** A sync of a new sheet (its own ID and Idempotency-Key in each process), as an HTTP API v2 event. */
  const syncEvent = (n: number) => {
    const sheetId = `bench-${n}`;
    const body = JSON.stringify({
      baseRevision: 0,
      name: "Bench",
      rows: sheet("B", 19).map(full),
      timeZone: "Europe/Stockholm",
    });
    const event = JSON.parse(
      fixture("http-api-sync.json")
        .replaceAll("{{KEY}}", adminKey)
        .replaceAll("{{LENGTH}}", String(Buffer.byteLength(body)))
        .replaceAll("{{BODY}}", Buffer.from(body).toString("base64")),
    );
    event.headers["idempotency-key"] = `bench-sync-${n}`;
    event.rawPath = event.requestContext.http.path = `/v1/sheets/${sheetId}/sync`;
    return JSON.stringify(event);
  };
  // What the Lambda runtime gives the function (as api/infra/bundle.test.ts does): keys in env, a region, and
  // dynalite as the DynamoDB endpoint through the SDK's own AWS_ENDPOINT_URL_DYNAMODB.
  const home = mkdtempSync(path.join(work, "home-"));
  const env = {
    PATH: process.env.PATH ?? "",
    TABLE_NAME: TEST_TABLE,
    AWS_ENDPOINT_URL_DYNAMODB: backend.local.endpoint,
    AWS_REGION: "eu-north-1",
    AWS_ACCESS_KEY_ID: "ASIAEXAMPLEBENCH",
    AWS_SECRET_ACCESS_KEY: "bench-secret",
    AWS_SESSION_TOKEN: "bench-session",
    HOME: home,
    AWS_CONFIG_FILE: path.join(home, "none"),
    AWS_SHARED_CREDENTIALS_FILE: path.join(home, "none"),
  };
  /**
   * One fresh process: [import wall, import CPU, import + first request wall, import + first request CPU, second
   * request CPU] in ms; the second request (the same kind, warm) is the request's own work, which no start-up
   * saving removes. Asynchronous: dynalite answers from this process, so it must not block.
   */
  const coldStart = async (file: string, events: [string, string], expected: number[]): Promise<number[]> => {
    const script = [
      "const cpu0 = process.cpuUsage(); const t0 = performance.now();",
      `const { handler } = await import(${JSON.stringify(file)});`,
      "const cpu1 = process.cpuUsage(cpu0); const t1 = performance.now();",
      `const res = await handler(${events[0]}, { functionName: "bench", awsRequestId: "bench" });`,
      "const cpu2 = process.cpuUsage(cpu0); const t2 = performance.now();",
      `const again = await handler(${events[1]}, { functionName: "bench", awsRequestId: "bench" });`,
      "const cpu3 = process.cpuUsage(cpu0);",
      "const ms = (c) => (c.user + c.system) / 1000;",
      // keep-alive sockets to dynalite would hold the process open
      "const out = [t1 - t0, ms(cpu1), t2 - t0, ms(cpu2), ms(cpu3) - ms(cpu2), res.statusCode, again.statusCode];",
      "process.stdout.write(out.join(' '), () => process.exit(0));",
    ].join("\n");
    const { stdout } = await promisify(execFile)(process.execPath, ["--input-type=module", "-e", script], {
      env,
      maxBuffer: 1 << 20,
    });
    const values = stdout.trim().split(" ").map(Number);
    const statuses = values.splice(5);
    if (!statuses.every((status) => expected.includes(status)))
      throw new Error(`${file} answered ${statuses.join(", ")}, expected ${expected.join(" or ")}`);
    return values;
  };
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const runs = {
    appHealth: [] as number[][],
    baseHealth: [] as number[][],
    appSync: [] as number[][],
    baseSync: [] as number[][],
  };
  const load = loadavg();
  // Interleaved, so all see the same machine load.
  for (let i = 0; i < RUNS; i++) {
    runs.appHealth.push(await coldStart(app.file, [health, health], [200]));
    runs.baseHealth.push(await coldStart(baseline.file, [health, health], [404]));
    runs.appSync.push(await coldStart(app.file, [syncEvent(2 * i), syncEvent(2 * i + 1)], [200]));
    runs.baseSync.push(await coldStart(baseline.file, [syncEvent(2 * i), syncEvent(2 * i + 1)], [200]));
  }
  const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
  const size = (x: typeof app) => `${kib(x.bytes)} at cold start (${kib(x.totalBytes)} with lazy chunks)`;
  console.log(`Lambda bundle:   ${size(app)}`);
  console.log(`Baseline bundle: ${size(baseline)} (bare Hono + DynamoDB document client)`);
  console.log(
    `A first sync loads ${kib(app.firstSync.bytes)} more: ${app.firstSync.contributors
      .slice(0, 6)
      .map(([name, n]) => `${name} ${kib(n)}`)
      .join(", ")}`,
  );
  console.log(
    `A first health check loads ${kib(app.firstHealth.bytes)} more: ${app.firstHealth.contributors
      .slice(0, 6)
      .map(([name, n]) => `${name} ${kib(n)}`)
      .join(", ")}`,
  );
  console.log(
    `Largest parts of the Lambda bundle: ${app.contributors
      .slice(0, 6)
      .map(([name, n]) => `${name} ${kib(n)}`)
      .join(", ")}`,
  );
  console.log(
    `${RUNS} fresh processes of each kind, load average ${load.map((n) => n.toFixed(2)).join(" ")} before, ${loadavg()
      .map((n) => n.toFixed(2))
      .join(" ")} after`,
  );
  // [name, app runs, baseline runs, the figure of a run]
  type Runs = number[][];
  const measures: [string, Runs, Runs, (run: number[]) => number][] = [
    ["import, wall", runs.appHealth, runs.baseHealth, (run) => run[0]!],
    ["import, CPU", runs.appHealth, runs.baseHealth, (run) => run[1]!],
    ["import + GET /v1/health, wall", runs.appHealth, runs.baseHealth, (run) => run[2]!],
    ["import + GET /v1/health, CPU", runs.appHealth, runs.baseHealth, (run) => run[3]!],
    ["import + first sync, wall", runs.appSync, runs.baseSync, (run) => run[2]!],
    ["import + first sync, CPU", runs.appSync, runs.baseSync, (run) => run[3]!],
    ["a second sync (warm), CPU", runs.appSync, runs.baseSync, (run) => run[4]!],
    ["import + first sync - warm sync, CPU", runs.appSync, runs.baseSync, (run) => run[3]! - run[4]!],
  ];
  console.log("| measure | app min | app median | baseline min | baseline median | ratio of medians |");
  console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
  for (const [name, appRuns, baseRuns, figure] of measures) {
    const a = appRuns.map(figure);
    const b = baseRuns.map(figure);
    const ms = (n: number) => `${n.toFixed(1)} ms`;
    const ratio = median(a) / median(b);
    const goal = /^import \+ (GET \/v1\/health|first sync), CPU$/.test(name) ? " (goal <= 1.5x)" : "";
    console.log(
      `| ${name} | ${ms(Math.min(...a))} | ${ms(median(a))} | ${ms(Math.min(...b))} | ${ms(median(b))} | ${ratio.toFixed(2)}x${goal} |`,
    );
  }
} finally {
  await backend.close();
  rmSync(baselineEntry, { force: true });
  rmSync(work, { recursive: true, force: true });
}
