import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBackend, type TestBackend } from "../../../test/support/api-server.js";
import { constantTimeEqual, issueApiKey, sha256Hex } from "../../auth/api-keys.js";
import type { AppEnv } from "../../env.js";
import { handleError } from "../error/index.js";
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
