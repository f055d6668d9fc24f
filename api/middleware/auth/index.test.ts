import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBackend, type TestBackend } from "../../../test/support/api-server.js";
import type { AppEnv } from "../../app/context.js";
import { constantTimeEqual, issueApiKey, sha256Hex } from "../../auth/api-keys.js";
import { handleError } from "../error/index.js";
import { clientAddress, FailedAuthLimiter } from "./failures.js";
import { assertMayWriteSheet, requireKey } from "./index.js";

let backend: TestBackend;
let app: Hono<AppEnv>;
const keys: Record<string, string> = {};
const now = new Date("2026-11-20T00:00:00Z");

beforeAll(async () => {
  backend = await startBackend();
  await backend.store.putOrg({ id: "org-1", name: "Acme", createdAt: now.toISOString() });
  for (const role of ["admin", "writer", "reader"] as const) {
    const { secret } = await issueApiKey(backend.store, {
      orgId: "org-1",
      role,
      sheetId: "s1",
      label: role,
      now,
    });
    keys[role] = secret;
  }
  const revoked = await issueApiKey(backend.store, {
    orgId: "org-1",
    role: "admin",
    sheetId: null,
    label: "",
    now,
  });
  await backend.store.revokeApiKey("org-1", revoked.record.id, now.toISOString());
  keys.revoked = revoked.secret;
  app = new Hono<AppEnv>();
  app.onError(handleError);
  app.get("/write/:sheet", requireKey(backend.store, ["admin", "writer"]), (c) => {
    assertMayWriteSheet(c.get("auth"), c.req.param("sheet"));
    return c.json(c.get("auth"));
  });
});
afterAll(() => backend?.close());

const call = (path: string, key?: string) =>
  app.request(path, key ? { headers: { Authorization: `Bearer ${key}` } } : {});

describe("auth middleware", () => {
  it("needs a bearer key", async () => {
    const res = await call("/write/s1");
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe("missing_api_key");
    expect(res.headers.get("WWW-Authenticate")).toContain("Bearer");
  });

  it("refuses unknown and revoked keys", async () => {
    expect((await (await call("/write/s1", "okr_not-a-real-key")).json()).error.code).toBe("invalid_api_key");
    expect((await (await call("/write/s1", "garbage")).json()).error.code).toBe("invalid_api_key");
    const revoked = await call("/write/s1", keys.revoked);
    expect(revoked.status).toBe(401);
    expect((await revoked.json()).error.code).toBe("revoked_api_key");
  });

  it("checks the role, then the writer's sheet", async () => {
    expect((await call("/write/s1", keys.reader)).status).toBe(403);
    const writer = await call("/write/s1", keys.writer);
    expect(writer.status).toBe(200);
    expect(await writer.json()).toMatchObject({ orgId: "org-1", role: "writer", sheetId: "s1" });
    const other = await call("/write/s2", keys.writer);
    expect(other.status).toBe(403);
    expect((await other.json()).error.code).toBe("sheet_not_allowed");
    expect((await call("/write/s2", keys.admin)).status).toBe(200);
  });

  it("stores only the SHA-256 of a key", async () => {
    const listed = await backend.store.listApiKeys("org-1");
    expect(listed.map((key) => key.hash)).toContain(await sha256Hex(keys.writer!));
    expect(JSON.stringify(listed)).not.toContain(keys.writer);
  });
});

describe("constantTimeEqual", () => {
  it("is plain equality in result", () => {
    expect(constantTimeEqual("abc", "abc")).toBe(true);
    expect(constantTimeEqual("abc", "abd")).toBe(false);
    expect(constantTimeEqual("abc", "abcd")).toBe(false);
    expect(constantTimeEqual("", "")).toBe(true);
  });
});

describe("failed authentication, limited per client address", () => {
  let clock = 0;
  let limited: Hono<AppEnv>;
  let reads = 0;
  beforeAll(() => {
    const limiter = new FailedAuthLimiter({ burst: 5, perSecond: 2, clock: () => clock });
    const counted = {
      ...backend.store,
      findApiKeyByHash: (hash: string) => {
        reads += 1;
        return backend.store.findApiKeyByHash(hash);
      },
    };
    limited = new Hono<AppEnv>();
    limited.onError(handleError);
    limited.use("*", async (c, next) => {
      c.set("authLimiter", limiter);
      await next();
    });
    limited.get("/write/:sheet", requireKey(counted, ["admin", "writer"]), (c) => c.json(c.get("auth")));
  });
  // As @hono/node-server hands the app its request: the socket's peer is the client.
  const from = (address: string, key?: string) =>
    limited.request("/write/s1", key ? { headers: { Authorization: `Bearer ${key}` } } : {}, {
      incoming: { socket: { remoteAddress: address } },
    });

  it("answers 429 with Retry-After once an address failed a burst, and lets it try again at the rate", async () => {
    for (let i = 0; i < 5; i++) expect((await from("10.0.0.1", `okr_guess-${i}`)).status).toBe(401);
    const blocked = await from("10.0.0.1", "okr_guess-6");
    expect(blocked.status).toBe(429);
    expect(blocked.headers.get("Retry-After")).toBe("1");
    expect((await blocked.json()).error.code).toBe("too_many_failed_attempts");
    expect((await from("10.0.0.1")).status).toBe(429); // no key at all counts as a failure too
    // another address is not held up
    expect((await from("10.0.0.2", "okr_other")).status).toBe(401);
    clock += 1_000; // two failures earned back
    expect((await from("10.0.0.1", "okr_guess-7")).status).toBe(401);
  });

  it("never slows a valid key, even from an address that is being limited", async () => {
    for (let i = 0; i < 10; i++) await from("10.0.0.3", `okr_flood-${i}`);
    expect((await from("10.0.0.3", "okr_flood-x")).status).toBe(429);
    const valid = await from("10.0.0.3", keys.writer);
    expect(valid.status).toBe(200);
    expect(await valid.json()).toMatchObject({ role: "writer" });
  });

  it("refuses a bad key repeated from a limited address without reading the database", async () => {
    for (let i = 0; i < 6; i++) await from("10.0.0.4", "okr_stuck-client");
    reads = 0;
    for (let i = 0; i < 20; i++) expect((await from("10.0.0.4", "okr_stuck-client")).status).toBe(429);
    expect(reads).toBe(0);
  });
});

describe("the client's address", () => {
  const addressOf = async (env: unknown, headers: Record<string, string> = {}) => {
    const app = new Hono();
    app.get("/", (c) => c.text(clientAddress(c)));
    return (await app.request("/", { headers }, env as never)).text();
  };

  it("is what API Gateway or the Function URL saw on Lambda, never a forgeable header", async () => {
    expect(
      await addressOf(
        { requestContext: { http: { sourceIp: "203.0.113.7" } } },
        { "X-Forwarded-For": "1.2.3.4" },
      ),
    ).toBe("203.0.113.7");
    expect(await addressOf({ requestContext: { identity: { sourceIp: "203.0.113.8" } } })).toBe(
      "203.0.113.8",
    );
  });

  it("is the socket's peer on Node, and 'unknown' elsewhere", async () => {
    expect(await addressOf({ incoming: { socket: { remoteAddress: "127.0.0.1" } } })).toBe("127.0.0.1");
    expect(await addressOf(undefined, { "X-Forwarded-For": "1.2.3.4" })).toBe("unknown");
  });
});
