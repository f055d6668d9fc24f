// The key cache over the real store (dynalite): reads saved, revocations through it at once, elsewhere within
// the cache's time; a read racing a revocation never keeps the key it read.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBackend, type TestBackend } from "../../test/support/api-server.js";
import type { ApiKeyRecord, Store } from "../store/types.js";
import { issueApiKey, sha256Hex } from "./api-keys.js";
import { withKeyCache } from "./key-cache.js";

let backend: TestBackend;
beforeAll(async () => {
  backend = await startBackend();
});
afterAll(() => backend?.close());

async function setUp() {
  let reads = 0;
  let clock = 0;
  // A held read stops after reading, until released; `read` settles once it has read.
  let gate: { read: () => void; released: Promise<void> } | null = null;
  const counted: Store = {
    ...backend.store,
    findApiKeyByHash: async (hash: string) => {
      reads += 1;
      const key = await backend.store.findApiKeyByHash(hash);
      const held = gate;
      gate = null;
      held?.read();
      await held?.released;
      return key;
    },
  };
  const cached = withKeyCache(counted, { ttlMs: 5_000, clock: () => clock });
  const { record, secret } = await issueApiKey(backend.store, {
    orgId: "org-cache",
    role: "writer",
    sheetId: "s1",
    label: "",
    now: new Date("2026-11-02T00:00:00Z"),
  });
  return {
    cached,
    record,
    hash: await sha256Hex(secret),
    reads: () => reads,
    advance: (ms: number) => {
      clock += ms;
    },
    hold: () => {
      let release = () => {};
      let read = () => {};
      const hasRead = new Promise<void>((resolve) => {
        read = resolve;
      });
      gate = {
        read,
        released: new Promise<void>((resolve) => {
          release = resolve;
        }),
      };
      return { hasRead, release };
    },
  };
}

describe("withKeyCache", () => {
  it("reads a key once within its time, then again", async () => {
    const t = await setUp();
    expect((await t.cached.findApiKeyByHash(t.hash))?.id).toBe(t.record.id);
    t.advance(4_999);
    expect((await t.cached.findApiKeyByHash(t.hash))?.id).toBe(t.record.id);
    expect(t.reads()).toBe(1);
    t.advance(1);
    await t.cached.findApiKeyByHash(t.hash);
    expect(t.reads()).toBe(2);
  });

  it("never keeps an unknown key: each lookup reads", async () => {
    const t = await setUp();
    const unknown = await sha256Hex("okr_nobody");
    expect(await t.cached.findApiKeyByHash(unknown)).toBeNull();
    expect(await t.cached.findApiKeyByHash(unknown)).toBeNull();
    expect(t.reads()).toBe(2);
  });

  it("sees a revocation made through it at once", async () => {
    const t = await setUp();
    await t.cached.findApiKeyByHash(t.hash);
    expect(await t.cached.revokeApiKey("org-cache", t.record.id, "2026-11-03T00:00:00Z")).toBe(true);
    expect((await t.cached.findApiKeyByHash(t.hash))?.revokedAt).toBe("2026-11-03T00:00:00Z");
  });

  it("sees a revocation made elsewhere once the key's time is up", async () => {
    const t = await setUp();
    await t.cached.findApiKeyByHash(t.hash);
    await backend.store.revokeApiKey("org-cache", t.record.id, "2026-11-03T00:00:00Z");
    expect((await t.cached.findApiKeyByHash(t.hash))?.revokedAt).toBeNull();
    t.advance(5_000);
    expect((await t.cached.findApiKeyByHash(t.hash))?.revokedAt).toBe("2026-11-03T00:00:00Z");
  });

  it("does not keep a key read before a revocation that finished while the read was under way", async () => {
    const t = await setUp();
    const { hasRead, release } = t.hold();
    const racing = t.cached.findApiKeyByHash(t.hash);
    await hasRead; // the read has fetched the live key, and waits
    await t.cached.revokeApiKey("org-cache", t.record.id, "2026-11-03T00:00:00Z");
    release();
    expect(((await racing) as ApiKeyRecord).revokedAt).toBeNull(); // what it read before the revocation
    expect((await t.cached.findApiKeyByHash(t.hash))?.revokedAt).toBe("2026-11-03T00:00:00Z");
    expect(t.reads()).toBe(2);
  });
});
