// The artifact the stack deploys: `npm run build:lambda`'s bundle (ES module dependency builds, zod with English
// only) runs in a plain Node process as the Lambda runtime would load it, against dynalite, and answers HTTP API
// and Function URL events exactly as the source handler does (validation messages, the OpenAPI document, errors),
// and syncs and exports for real.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import * as path from "node:path";
import type { APIGatewayProxyResult, LambdaContext } from "hono/aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { full, sheet } from "../../test/api/rows.js";
import { createOrg, startBackend, TEST_TABLE, type TestBackend } from "../../test/support/api-server.js";
import { buildLambda, type LambdaBundle } from "./build-lambda.js";

type Handler = (event: unknown, context: LambdaContext) => Promise<APIGatewayProxyResult>;

const root = path.resolve(import.meta.dirname, "../..");
const context = { functionName: "okr-api", awsRequestId: "bundle-test" } as unknown as LambdaContext;
let backend: TestBackend;
let bundle: LambdaBundle;
let sourceHandler: Handler;
let adminKey: string;
let env: Record<string, string>;
const scratch: string[] = [];

function fixture(name: string, fill: Record<string, string> = {}): Record<string, unknown> {
  let text = readFileSync(path.join(root, "test/api/fixtures", name), "utf8");
  for (const [key, value] of Object.entries(fill)) text = text.replaceAll(`{{${key}}}`, value);
  return JSON.parse(text) as Record<string, unknown>;
}

/** An HTTP API v2 POST to `rawPath` with a JSON body, built from the sync fixture. */
function post(rawPath: string, body: unknown, idempotencyKey: string): Record<string, unknown> {
  const text = JSON.stringify(body);
  const event = fixture("http-api-sync.json", {
    KEY: adminKey,
    LENGTH: String(Buffer.byteLength(text)),
    BODY: Buffer.from(text).toString("base64"),
  }) as { headers: Record<string, string>; requestContext: { http: { path: string } } };
  event.headers["idempotency-key"] = idempotencyKey;
  event.requestContext.http.path = rawPath;
  return { ...event, rawPath };
}

/**
 * Loads the bundle in a fresh `node` (no vitest, no tsx) and passes it the events one after the other.
 * Asynchronous: dynalite answers from this process, so it must not block.
 */
async function runBundle(events: unknown[]): Promise<APIGatewayProxyResult[]> {
  const script = [
    `const { handler } = await import(${JSON.stringify(bundle.file)});`,
    'const { readFileSync } = await import("node:fs");',
    "const out = [];",
    'for (const event of JSON.parse(readFileSync(0, "utf8")))',
    '  out.push(await handler(event, { functionName: "okr-api", awsRequestId: "bundle" }));',
    "process.stdout.write(JSON.stringify(out), () => process.exit(0));", // keep-alive sockets would hold it open
  ].join("\n");
  const child = spawn(process.execPath, ["--input-type=module", "-e", script], {
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["pipe", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => {
    stdout += chunk;
  });
  child.stderr.on("data", (chunk) => {
    stderr += chunk;
  });
  child.stdin.end(JSON.stringify(events));
  const [code] = (await once(child, "close")) as [number];
  if (code !== 0) throw new Error(`the bundle exited with ${code}: ${stderr}`);
  return JSON.parse(stdout) as APIGatewayProxyResult[];
}

const bodyOf = (r: APIGatewayProxyResult) =>
  r.isBase64Encoded ? Buffer.from(r.body, "base64").toString("utf8") : r.body;

beforeAll(async () => {
  backend = await startBackend();
  // What the Lambda runtime gives the function: the role's keys in env, a region, and (only here) dynalite as the
  // DynamoDB endpoint through the SDK's own AWS_ENDPOINT_URL_DYNAMODB, so the bundle takes the default credential
  // chain and endpoint resolution exactly as deployed (OKR_DYNAMODB_ENDPOINT would switch to fixed local keys).
  const home = mkdtempSync(path.join(tmpdir(), "okr-bundle-home-"));
  scratch.push(home);
  env = {
    TABLE_NAME: TEST_TABLE,
    AWS_ENDPOINT_URL_DYNAMODB: backend.local.endpoint,
    AWS_REGION: "eu-north-1",
    AWS_ACCESS_KEY_ID: "ASIAEXAMPLEBUNDLETEST",
    AWS_SECRET_ACCESS_KEY: "bundle-test-secret",
    AWS_SESSION_TOKEN: "bundle-test-session",
    HOME: home,
    AWS_CONFIG_FILE: path.join(home, "none"),
    AWS_SHARED_CREDENTIALS_FILE: path.join(home, "none"),
  };
  Object.assign(process.env, env);
  delete process.env.OKR_DYNAMODB_ENDPOINT;
  sourceHandler = (await import("../entry/lambda.js")).handler as unknown as Handler;
  adminKey = (await createOrg(backend.store, "Bundle AB")).adminKey;
  bundle = await buildLambda(
    path.join(root, "api/entry/lambda.ts"),
    scratch[scratch.push(mkdtempSync(path.join(tmpdir(), "okr-bundle-"))) - 1]!,
  );
});
afterAll(async () => {
  await backend?.close();
  for (const dir of scratch) rmSync(dir, { recursive: true, force: true });
});

describe("the deployed Lambda bundle", () => {
  it("answers like the source handler: health, a zod validation error, a missing key, the OpenAPI document (prebuilt in the bundle, generated from the routes by the source)", async () => {
    const noKey = fixture("function-url-rollup-csv.json", { KEY: "" }) as { headers: Record<string, string> };
    delete noKey.headers.authorization;
    const openapi = { ...fixture("function-url-health.json"), rawPath: "/v1/openapi.json" };
    // The dashboard's JSX pages are bundled too (hono/jsx through each file's jsxImportSource pragma).
    const signInPage = { ...fixture("function-url-health.json"), rawPath: "/dashboard/sign-in" };
    const events = [
      fixture("function-url-health.json"),
      post("/v1/sheets/bundle-bad/sync", { baseRevision: "one", rows: [{ id: 7 }] }, "bundle-bad-1"),
      noKey,
      openapi,
      signInPage,
    ];
    const fromBundle = await runBundle(events);
    const fromSource: APIGatewayProxyResult[] = [];
    for (const event of events) fromSource.push(await sourceHandler(event, context));

    expect(fromBundle.map((r) => r.statusCode)).toEqual([200, 400, 401, 200, 200]);
    expect(fromBundle.map((r) => r.statusCode)).toEqual(fromSource.map((r) => r.statusCode));
    // Health carries the time; the rest must match byte for byte.
    expect(JSON.parse(bodyOf(fromBundle[0]!)).status).toBe("ok");
    for (const i of [1, 2, 3, 4]) expect(bodyOf(fromBundle[i]!), `event ${i}`).toBe(bodyOf(fromSource[i]!));
    expect(bodyOf(fromBundle[4]!)).toContain("<h1>Sign in to the dashboard</h1>");
    // zod's messages are still English with its other locales left out of the bundle.
    expect(bodyOf(fromBundle[1]!)).toMatch(/expected number, received string/i);
    expect(JSON.parse(bodyOf(fromBundle[3]!)).paths).toHaveProperty(["/v1/sheets/{sheetId}/sync"]);
    // A cold start loads neither the document's generator nor the routes' zod schemas (first /v1 request).
    const loaded = bundle.contributors.map(([name]) => name);
    expect(loaded).toContain("hono");
    expect(loaded).not.toContain("zod");
    expect(loaded).not.toContain("@hono/zod-openapi");
    expect(loaded).not.toContain("@asteasolutions/zod-to-openapi");
    // A first sync loads the sync's routes and zod, still not the document's generator (one stray
    // `import { z } from "@hono/zod-openapi"` once pulled 105 KiB of it into every first request), nor the
    // other route modules (api/routes/api.ts loads each on its first request).
    const firstSync = bundle.firstSync.contributors.map(([name]) => name);
    expect(firstSync).toContain("zod");
    expect(firstSync).not.toContain("@hono/zod-openapi");
    expect(firstSync).not.toContain("@asteasolutions/zod-to-openapi");
    const loads = (source: string) => bundle.firstSync.sources.some((name) => name.endsWith(source));
    expect(loads("api/routes/sheets.ts")).toBe(true);
    // A first health check validates nothing: no zod, none of the contract's schemas (api/routes/health.ts).
    expect(bundle.firstHealth.sources.some((name) => name.endsWith("api/routes/health.ts"))).toBe(true);
    expect(bundle.firstHealth.contributors.map(([name]) => name)).not.toContain("zod");
    expect(bundle.firstHealth.sources.filter((name) => name.includes("shared/contract"))).toEqual([]);
    for (const other of [
      "rollup",
      "history",
      "exports",
      "people",
      "check-ins",
      "cycles",
      "keys",
      "openapi-document",
    ])
      expect(loads(`api/routes/${other}.ts`), other).toBe(false);
  });

  it("syncs a sheet into DynamoDB and exports it as CSV", async () => {
    const rows = sheet("B", 2).map(full);
    const [synced, csv] = await runBundle([
      post("/v1/sheets/bundle-sheet/sync", { baseRevision: 0, name: "Bundle", rows }, "bundle-sync-1"),
      fixture("function-url-rollup-csv.json", { KEY: adminKey }),
    ]);
    expect(synced!.statusCode, bodyOf(synced!)).toBe(200);
    expect(JSON.parse(bodyOf(synced!))).toMatchObject({ sheetId: "bundle-sheet", revision: 1, written: 3 });
    expect(csv!.statusCode).toBe(200);
    expect(bodyOf(csv!).split("\r\n")[0]).toMatch(/^\uFEFFcycle,id,/);
    expect(bodyOf(csv!)).toContain("B-O");
  });
});
