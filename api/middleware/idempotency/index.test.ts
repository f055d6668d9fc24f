import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBackend, type TestBackend } from "../../../test/support/api-server.js";
import type { AppEnv } from "../../app/context.js";
import { sha256Hex } from "../../auth/api-keys.js";
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
    // no answer kept: the key's reservation was released (its lease ended), so the key is free
    const entry = await backend.store.getIdempotency("org-1", "k1:unchanged");
    expect(entry && "leaseUntil" in entry && entry.leaseUntil < "2026-11-20T00:00:00.000Z").toBe(true);
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

  it("answers 409 request_in_progress with Retry-After while the key's first request runs", async () => {
    let release = () => {};
    const slow = new Hono<AppEnv>();
    slow.onError(handleError);
    slow.use("*", async (c, next) => {
      c.set("auth", { orgId: "org-1", keyId: "k1", role: "admin", sheetId: null });
      await next();
    });
    let runs = 0;
    slow.post(
      "/slow",
      idempotency(backend.store, () => new Date("2026-11-20T00:00:00Z")),
      async (c) => {
        runs += 1;
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        return c.json({ runs }, 201);
      },
    );
    const send = () =>
      slow.request("/slow", {
        method: "POST",
        body: "{}",
        headers: { "Content-Type": "application/json", "Idempotency-Key": "slow-1" },
      });
    const first = send();
    while (runs === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await send();
    expect(second.status).toBe(409);
    expect(second.headers.get("Retry-After")).toBe("15");
    expect((await second.json()).error).toMatchObject({
      code: "request_in_progress",
      details: { retryAfterSeconds: 15 },
    });
    release();
    expect((await first).status).toBe(201);
    const third = await send();
    expect(third.status).toBe(201);
    expect(third.headers.get(REPLAYED_HEADER)).toBe("true");
    expect(runs).toBe(1);
  });

  it("lets a retry take over the key of a request that died, once its lease lapsed", async () => {
    let clock = new Date("2026-11-20T00:00:00Z");
    const crashy = new Hono<AppEnv>();
    crashy.onError(handleError);
    crashy.use("*", async (c, next) => {
      c.set("auth", { orgId: "org-1", keyId: "k1", role: "admin", sheetId: null });
      await next();
    });
    let runs = 0;
    crashy.post(
      "/once",
      idempotency(backend.store, () => clock, { leaseMs: 10_000 }),
      async (c) => {
        runs += 1;
        return c.json({ runs }, 201);
      },
    );
    // what a request that crashed after reserving leaves behind
    const fingerprint = await sha256Hex("POST /once\n{}");
    await backend.store.reserveIdempotency(
      "org-1",
      "k1:dead-1",
      { fingerprint, token: "dead", createdAt: clock.toISOString(), leaseUntil: "2026-11-20T00:00:10.000Z" },
      clock.toISOString(),
    );
    const send = () =>
      crashy.request("/once", {
        method: "POST",
        body: "{}",
        headers: { "Content-Type": "application/json", "Idempotency-Key": "dead-1" },
      });
    expect((await send()).status).toBe(409);
    clock = new Date("2026-11-20T00:00:11Z");
    const taken = await send();
    expect(taken.status).toBe(201);
    expect(runs).toBe(1);
    // the dead request, were it to come back, could not overwrite the answer
    expect(
      await backend.store.putIdempotency(
        "org-1",
        "k1:dead-1",
        { fingerprint, status: 500, body: "late", createdAt: clock.toISOString() },
        "dead",
      ),
    ).toBe(false);
    expect((await send()).headers.get(REPLAYED_HEADER)).toBe("true");
  });

  it("reserves a deferred key only when the handler is about to write", async () => {
    const deferred = new Hono<AppEnv>();
    deferred.onError(handleError);
    deferred.use("*", async (c, next) => {
      c.set("auth", { orgId: "org-1", keyId: "k1", role: "admin", sheetId: null });
      await next();
    });
    deferred.post(
      "/maybe",
      idempotency(backend.store, () => new Date("2026-11-20T00:00:00Z"), { deferred: true }),
      async (c) => {
        const body = await c.req.json();
        if (body.write) await c.get("idempotency")?.reserve();
        else keepNoCopy(c);
        return c.json({ wrote: Boolean(body.write) }, 200);
      },
    );
    const send = (body: unknown, key: string) =>
      deferred.request("/maybe", {
        method: "POST",
        body: JSON.stringify(body),
        headers: { "Content-Type": "application/json", "Idempotency-Key": key },
      });
    backend.counter.reset();
    expect((await send({ write: false }, "maybe-1")).status).toBe(200);
    expect(backend.counter.writes()).toBe(0);
    expect((await send({ write: true }, "maybe-2")).status).toBe(200);
    expect(backend.counter.writes()).toBe(2); // the reservation, then the answer over it
    expect((await send({ write: true }, "maybe-2")).headers.get(REPLAYED_HEADER)).toBe("true");
  });

  it("refuses unusable keys", async () => {
    const res = await post({ a: 1 }, { "Idempotency-Key": "x".repeat(201) });
    expect(res.status).toBe(400);
  });
});
