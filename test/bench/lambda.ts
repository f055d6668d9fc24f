// npm run bench:lambda: the Lambda bundle's size, and the time to import it in a fresh Node process against a
// bare Hono + AWS SDK DynamoDB baseline bundled the same way (buildLambda: same esbuild options, plugins and
// chunk splitting), measured side by side. Both are imported as the Lambda runtime does, without
// --enable-source-maps (the stack does not set it). Not a test.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import { buildLambda } from "../../api/infra/build-lambda.js";

const RUNS = 15;
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

  const importMs = (file: string): number => {
    const script = `const t = performance.now(); await import(${JSON.stringify(file)}); console.log(performance.now() - t);`;
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
      env: { ...process.env, TABLE_NAME: "bench", AWS_REGION: "eu-north-1" },
      stdio: ["ignore", "pipe", "ignore"], // the SDK's Node-version warning, once per process
    });
    return Number(out.toString().trim());
  };
  const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
  const appTimes: number[] = [];
  const baseTimes: number[] = [];
  // Interleaved, so both see the same machine load.
  for (let i = 0; i < RUNS; i++) {
    appTimes.push(importMs(app.file));
    baseTimes.push(importMs(baseline.file));
  }
  const [a, b] = [median(appTimes), median(baseTimes)];
  const kib = (n: number) => `${(n / 1024).toFixed(0)} KiB`;
  const size = (x: typeof app) => `${kib(x.bytes)} at cold start (${kib(x.totalBytes)} with lazy chunks)`;
  console.log(`Lambda bundle:   ${size(app)}   import median ${a.toFixed(1)} ms (${RUNS} fresh processes)`);
  console.log(
    `Baseline bundle: ${size(baseline)}   import median ${b.toFixed(1)} ms (bare Hono + DynamoDB document client)`,
  );
  console.log(
    `Largest parts of the Lambda bundle: ${app.contributors
      .slice(0, 6)
      .map(([name, n]) => `${name} ${kib(n)}`)
      .join(", ")}`,
  );
  console.log(`Ratio app / baseline: ${(a / b).toFixed(2)}x (goal <= 1.5x)`);
} finally {
  rmSync(baselineEntry, { force: true });
  rmSync(work, { recursive: true, force: true });
}
