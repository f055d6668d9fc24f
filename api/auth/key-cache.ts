// API keys found by their hash, believed for a few seconds: an unchanged re-sync (the add-on's most common call)
// then reads only its sheet's revision, not the key too. Revoking a key through this app (the API, the
// dashboard) takes effect at once; a revocation made elsewhere (the admin CLI, another Lambda instance) within
// KEY_CACHE_MS. Only keys found are kept: an unknown key is read every time (the failed-attempt limit covers
// floods of them).
import type { ApiKeyRecord, Store } from "../store/types.js";

/** How long a key read from the store is believed by this instance. */
export const KEY_CACHE_MS = 5_000;
const MAX_KEYS = 1_000;

export interface KeyCacheOptions {
  ttlMs?: number;
  /** Milliseconds, only ever compared: a monotonic clock by default (not the app's, which tests pin). */
  clock?: () => number;
}

/** The store with findApiKeyByHash answered from memory for `ttlMs`; every other call passes through. */
export function withKeyCache(store: Store, options: KeyCacheOptions = {}): Store {
  const ttlMs = options.ttlMs ?? KEY_CACHE_MS;
  const clock = options.clock ?? (() => performance.now());
  const keys = new Map<string, { key: ApiKeyRecord; until: number }>();
  // Bumped by each revocation: a read that began before one never stores what it read.
  let generation = 0;
  const cached: Store = Object.create(store);
  cached.findApiKeyByHash = async (hash) => {
    const hit = keys.get(hash);
    if (hit && hit.until > clock()) return hit.key;
    keys.delete(hash);
    const began = generation;
    const key = await store.findApiKeyByHash(hash);
    if (key && began === generation) {
      if (keys.size >= MAX_KEYS) keys.delete(keys.keys().next().value!);
      keys.set(hash, { key, until: clock() + ttlMs });
    }
    return key;
  };
  cached.revokeApiKey = async (orgId, keyId, at) => {
    generation++;
    keys.clear();
    try {
      return await store.revokeApiKey(orgId, keyId, at);
    } finally {
      generation++;
      keys.clear();
    }
  };
  return cached;
}
