// The Lambda handler with Function URL / HTTP API v2 event fixtures, against dynalite.
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { gunzipSync } from "node:zlib";
import type { APIGatewayProxyResult, LambdaContext } from "hono/aws-lambda";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueApiKey, sha256Hex } from "../../api/auth/api-keys.js";
import { createOrg, startBackend, TEST_TABLE, type TestBackend } from "../support/api-server.js";
import { full, sheet } from "./rows.js";

type Handler = (event: unknown, context: LambdaContext) => Promise<APIGatewayProxyResult>;

let backend: TestBackend;
let handler: Handler;
let adminKey: string;
const context = { functionName: "okr-api", awsRequestId: "test" } as unknown as LambdaContext;

function fixture(name: string, fill: Record<string, string> = {}): unknown {
  let text = readFileSync(new URL(`./fixtures/${name}`, import.meta.url), "utf8");
  for (const [key, value] of Object.entries(fill)) text = text.replaceAll(`{{${key}}}`, value);
  return JSON.parse(text);
}

beforeAll(async () => {
  backend = await startBackend();
  process.env.TABLE_NAME = TEST_TABLE;
  process.env.OKR_DYNAMODB_ENDPOINT = backend.local.endpoint;
  process.env.AWS_REGION = "local";
  process.env.AWS_ACCESS_KEY_ID = "local";
  process.env.AWS_SECRET_ACCESS_KEY = "local";
  // The weekly run's team webhooks may reach the test's loopback server.
  process.env.OKR_WEBHOOK_HOSTS = "127.0.0.1";
  handler = (await import("../../api/entry/lambda.js")).handler as unknown as Handler;
  adminKey = (await createOrg(backend.store, "Lambda AB")).adminKey;
});
afterAll(() => backend?.close());

describe("Lambda handler (hono/aws-lambda)", () => {
  it("answers a Function URL GET", async () => {
    const result = await handler(fixture("function-url-health.json"), context);
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body).status).toBe("ok");
    expect(result.headers?.["content-type"]).toContain("application/json");
  });

  it("syncs from an HTTP API v2 POST with a base64 body, and replays its Idempotency-Key", async () => {
    const body = JSON.stringify({ baseRevision: 0, name: "Lambda", rows: sheet("L", 2).map(full) });
    const event = fixture("http-api-sync.json", {
      KEY: adminKey,
      LENGTH: String(Buffer.byteLength(body)),
      BODY: Buffer.from(body).toString("base64"),
    });
    const first = await handler(event, context);
    expect(first.statusCode).toBe(200);
    expect(JSON.parse(first.body)).toMatchObject({ sheetId: "lambda-sheet", revision: 1, written: 3 });
    backend.counter.reset();
    const retry = await handler(event, context);
    expect(retry.statusCode).toBe(200);
    expect(retry.body).toBe(first.body);
    expect(backend.counter.writes()).toBe(0);
  });

  it("serves the CSV export with its query string", async () => {
    const result = await handler(fixture("function-url-rollup-csv.json", { KEY: adminKey }), context);
    expect(result.statusCode).toBe(200);
    const csv = result.isBase64Encoded ? Buffer.from(result.body, "base64").toString("utf8") : result.body;
    expect(csv.split("\r\n")[0]).toMatch(/^\uFEFFcycle,id,/);
    expect(csv).toContain("L-O");
  });

  it("gzips a large answer for a client that accepts it, base64-encoded as Lambda requires", async () => {
    const event = fixture("function-url-rollup-csv.json", { KEY: adminKey }) as {
      rawPath: string;
      requestContext: { http: { path: string } };
      headers: Record<string, string>;
    };
    event.rawPath = "/v1/rollup";
    event.requestContext.http.path = "/v1/rollup";
    event.headers.accept = "application/json";
    event.headers["accept-encoding"] = "gzip, deflate, br";
    const result = await handler(event, context);
    expect(result.statusCode).toBe(200);
    expect(result.headers?.["content-encoding"]).toBe("gzip");
    expect(result.isBase64Encoded).toBe(true);
    const rollup = JSON.parse(gunzipSync(Buffer.from(result.body, "base64")).toString("utf8"));
    expect(rollup.cycle).toBe("2026-Q4");
    expect(JSON.stringify(rollup)).toContain("L-O");
  });

  it("serves the dashboard's sign-in page, and sets a Secure session cookie behind HTTPS", async () => {
    const reader = await issueApiKey(backend.store, {
      orgId: (await backend.store.findApiKeyByHash(await sha256Hex(adminKey)))!.orgId,
      role: "reader",
      sheetId: null,
      label: "lambda reader",
      now: new Date(),
    });
    const event = fixture("function-url-rollup-csv.json", { KEY: "" }) as {
      rawPath: string;
      rawQueryString: string;
      queryStringParameters?: Record<string, string>;
      body?: string;
      isBase64Encoded: boolean;
      requestContext: { http: { path: string; method: string } };
      headers: Record<string, string>;
    };
    delete event.headers.authorization;
    event.rawPath = "/dashboard/sign-in";
    event.requestContext.http.path = "/dashboard/sign-in";
    event.rawQueryString = "";
    delete event.queryStringParameters;
    event.headers.accept = "text/html";
    const page = await handler(event, context);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Sign in to the dashboard");

    event.requestContext.http.method = "POST";
    event.headers["content-type"] = "application/x-www-form-urlencoded";
    event.headers.origin = `https://${event.headers.host}`;
    event.body = new URLSearchParams({ key: reader.secret }).toString();
    const signIn = await handler(event, context);
    expect(signIn.statusCode).toBe(303);
    const cookies = (signIn as { cookies?: string[] }).cookies ?? [String(signIn.headers?.["set-cookie"])];
    expect(cookies.join("\n")).toMatch(/okr_session=.*HttpOnly; Secure; SameSite=Strict/);
  });

  it("refuses a request without a key with the JSON error body", async () => {
    const event = fixture("function-url-rollup-csv.json", { KEY: "" }) as { headers: Record<string, string> };
    delete event.headers.authorization;
    const result = await handler(event, context);
    expect(result.statusCode).toBe(401);
    expect(JSON.parse(result.body).error.code).toBe("missing_api_key");
  });

  it("runs the weekly rhythm on EventBridge Scheduler's event: each due organisation once per week", async () => {
    const posts: string[] = [];
    const hooks = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        posts.push(body);
        res.writeHead(200).end("{}");
      });
    });
    await new Promise<void>((resolve) => hooks.listen(0, "127.0.0.1", resolve));
    try {
      const { orgId } = await createOrg(backend.store, "Rhythm AB");
      const now = new Date();
      const weekday = now.getUTCDay() || 7;
      await backend.store.putRhythmSettings(orgId, {
        enabled: true,
        schedule: { day: weekday, hour: now.getUTCHours(), timeZone: "UTC" },
        quietDays: 14,
        language: "en",
      });
      const port = (hooks.address() as AddressInfo).port;
      await backend.store.putTeamWebhook(orgId, "Sales", `http://127.0.0.1:${port}/hook`);
      const event = { source: "okr-weekly-run", publicUrl: "https://api.example/" };
      const first = (await handler(event, context)) as unknown as { organisations: number; sent: number };
      expect(first.organisations).toBeGreaterThanOrEqual(1);
      expect(posts).toHaveLength(1);
      expect(JSON.parse(posts[0]!).text).toContain("· Sales");
      await handler(event, context);
      expect(posts).toHaveLength(1);
    } finally {
      await new Promise<void>((resolve) => hooks.close(() => resolve()));
    }
  });
});
