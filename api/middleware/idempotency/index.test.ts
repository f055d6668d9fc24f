import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBackend, type TestBackend } from "../../../test/support/api-server.js";
import type { AppEnv } from "../../env.js";
import { handleError } from "../error/index.js";
import { idempotency, keepNoCopy, REPLAYED_HEADER } from "./index.js";

let backend: TestBackend;
let app: Hono<AppEnv>;
let calls = 0;

beforeAll(async () => {
  backend = await startBackend();
  app = new Hono<AppEnv>();
  app.onError(handleError);
  app.use("*", async (c, next) => {
    c.set("auth", {
      orgId: c.req.header("x-org") ?? "org-1",
      keyId: c.req.header("x-key") ?? "k1",
      role: "admin",
      sheetId: null,
    });
    await next();
  });
  app.post(
    "/count",
    idempotency(backend.store, () => new Date("2026-11-20T00:00:00Z")),
    async (c) => {
      calls += 1;
      const body = await c.req.json();
      if (body.fail) return c.json({ error: { code: "boom", message: "boom" } }, 503);
      return c.json({ calls, echo: body }, 201);
    },
  );
  app.post(
    "/nothing-changed",
    idempotency(backend.store, () => new Date("2026-11-20T00:00:00Z")),
    async (c) => {
      calls += 1;
      keepNoCopy(c);
      return c.json({ calls }, 200);
    },
  );
  // a store whose copies of answers cannot be written (e.g. DynamoDB refuses the item)
  const failing = {
    ...backend.store,
    putIdempotency: async () => {
      throw Object.assign(new Error("Item size has exceeded the maximum allowed size"), {
        name: "ValidationException",
      });
    },
  };
  app.post(
    "/copy-fails",
    idempotency(failing, () => new Date("2026-11-20T00:00:00Z")),
    async (c) => {
      calls += 1;
      return c.json({ calls }, 201);
    },
  );
});
afterAll(() => backend?.close());

const post = (body: unknown, headers: Record<string, string> = {}) =>
  app.request("/count", {
    method: "POST",
    body: JSON.stringify(body),
    headers: { "Content-Type": "application/json", ...headers },
  });

describe("idempotency middleware", () => {
  it("answers a retry with the stored answer without running the handler again", async () => {
    const first = await post({ a: 1 }, { "Idempotency-Key": "retry-1" });
    const callsAfterFirst = calls;
    const second = await post({ a: 1 }, { "Idempotency-Key": "retry-1" });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(await second.json()).toEqual(await first.json());
    expect(second.headers.get(REPLAYED_HEADER)).toBe("true");
    expect(calls).toBe(callsAfterFirst);
  });

  it("refuses the same key for a different request", async () => {
    await post({ a: 1 }, { "Idempotency-Key": "retry-2" });
    const res = await post({ a: 2 }, { "Idempotency-Key": "retry-2" });
    expect(res.status).toBe(422);
    expect((await res.json()).error.code).toBe("idempotency_key_reused");
  });

  it("runs every request without a key, and scopes keys per API key and organisation", async () => {
    const before = calls;
    await post({ a: 1 });
    await post({ a: 1 });
    await post({ a: 1 }, { "Idempotency-Key": "shared", "x-key": "k1" });
    await post({ a: 1 }, { "Idempotency-Key": "shared", "x-key": "k2" });
    await post({ a: 1 }, { "Idempotency-Key": "shared", "x-key": "k1", "x-org": "org-2" });
    expect(calls - before).toBe(5);
  });

  it("does not keep server failures, so a retry runs again", async () => {
    const before = calls;
    expect((await post({ fail: true }, { "Idempotency-Key": "fails" })).status).toBe(503);
    expect((await post({ fail: true }, { "Idempotency-Key": "fails" })).status).toBe(503);
    expect(calls - before).toBe(2);
  });

  it("keeps no copy of an answer the handler says changed nothing: a retry runs again", async () => {
    const send = () =>
      app.request("/nothing-changed", {
        method: "POST",
        body: "{}",
        headers: { "Content-Type": "application/json", "Idempotency-Key": "unchanged" },
      });
    const before = calls;
    expect((await send()).status).toBe(200);
    const again = await send();
    expect(again.headers.get(REPLAYED_HEADER)).toBeNull();
    expect(calls - before).toBe(2);
    expect(await backend.store.getIdempotency("org-1", "k1:unchanged")).toBeNull();
  });

  it("still sends the handler's answer when its copy cannot be stored", async () => {
    const original = console.error;
    console.error = () => {};
    try {
      const res = await app.request("/copy-fails", {
        method: "POST",
        body: "{}",
        headers: { "Content-Type": "application/json", "Idempotency-Key": "copy-fails" },
      });
      expect(res.status).toBe(201);
      expect((await res.json()).calls).toBeGreaterThan(0);
    } finally {
      console.error = original;
    }
  });

  it("refuses unusable keys", async () => {
    const res = await post({ a: 1 }, { "Idempotency-Key": "x".repeat(201) });
    expect(res.status).toBe(400);
  });
});
