// npm run bench:lambda: the Lambda bundle's size, and the time to import it in a fresh Node process against a
// bare Hono + AWS SDK DynamoDB baseline bundled the same way (buildLambda: same esbuild options, plugins and
// chunk splitting), measured side by side. Both are imported as the Lambda runtime does, without
// --enable-source-maps (the stack does not set it). Each fresh process also times its first request (a Function
// URL GET /v1/health, which touches no database): the app loads its API routes then, the baseline answers 404
// through Hono; so what the import no longer does shows up there. Wall and CPU time of the process's own work,
// min and median of RUNS processes. Not a test.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import * as path from "node:path";
import { buildLambda } from "../../api/infra/build-lambda.js";

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
    'const app = new Hono().get("/", async (c) => c.json(await db.send(new QueryCommand({ TableName: "t", KeyConditionExpression: "PK = :p", ExpressionAttributeValues: { ":p": "x" } }))));',
    "export const handler = handle(app);",
  ].join("\n"),
);

try {
  const app = await buildLambda(path.join(root, "api/entry/lambda.ts"), path.join(work, "app"));
  const baseline = await buildLambda(baselineEntry, path.join(work, "baseline"));

  const event = readFileSync(path.join(root, "test/api/fixtures/function-url-health.json"), "utf8");
  /** One fresh process: [import wall, import CPU, import + first request wall, import + first request CPU] in ms. */
  const coldStart = (file: string): number[] => {
    const script = [
      "const cpu0 = process.cpuUsage(); const t0 = performance.now();",
      `const { handler } = await import(${JSON.stringify(file)});`,
      "const cpu1 = process.cpuUsage(cpu0); const t1 = performance.now();",
      `await handler(${event}, { functionName: "bench", awsRequestId: "bench" });`,
      "const cpu2 = process.cpuUsage(cpu0); const t2 = performance.now();",
      "const ms = (c) => (c.user + c.system) / 1000;",
      "console.log([t1 - t0, ms(cpu1), t2 - t0, ms(cpu2)].join(' '));",
    ].join("\n");
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
      env: { ...process.env, TABLE_NAME: "bench", AWS_REGION: "eu-north-1" },
      stdio: ["ignore", "pipe", "ignore"], // the SDK's Node-version warning, once per process
    });
    return out.toString().trim().split(" ").map(Number);
  };
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const appRuns: number[][] = [];
  const baseRuns: number[][] = [];
  const load = loadavg();
  // Interleaved, so both see the same machine load.
  for (let i = 0; i < RUNS; i++) {
    appRuns.push(coldStart(app.file));
    baseRuns.push(coldStart(baseline.file));
  }
  const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
  const size = (x: typeof app) => `${kib(x.bytes)} at cold start (${kib(x.totalBytes)} with lazy chunks)`;
  console.log(`Lambda bundle:   ${size(app)}`);
  console.log(`Baseline bundle: ${size(baseline)} (bare Hono + DynamoDB document client)`);
  console.log(
    `The first /v1 request loads ${kib(app.firstApiRequest.bytes)} more: ${app.firstApiRequest.contributors
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
  console.log(`${RUNS} fresh processes each, load average ${load.map((n) => n.toFixed(2)).join(" ")} before`);
  const measures = [
    "import, wall",
    "import, CPU",
    "import + first request, wall",
    "import + first request, CPU",
  ];
  console.log("| measure | app min | app median | baseline min | baseline median | ratio of medians |");
  console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
  measures.forEach((name, i) => {
    const a = appRuns.map((run) => run[i]!);
    const b = baseRuns.map((run) => run[i]!);
    const ms = (n: number) => `${n.toFixed(1)} ms`;
    const ratio = median(a) / median(b);
    console.log(
      `| ${name} | ${ms(Math.min(...a))} | ${ms(median(a))} | ${ms(Math.min(...b))} | ${ms(median(b))} | ${ratio.toFixed(2)}x${i === 0 ? " (goal <= 1.5x)" : ""} |`,
    );
  });
} finally {
  rmSync(baselineEntry, { force: true });
  rmSync(work, { recursive: true, force: true });
}
