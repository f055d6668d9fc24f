// Idempotency-Key: the first answer (status < 500) is stored per key; a retry with the same key and
// the same request gets that answer again without running the handler; a different request is refused.
// Keeping that copy is best effort: if it fails, the answer still goes out and a retry runs again.
import type { Context, MiddlewareHandler } from "hono";
import { sha256Hex } from "../../auth/api-keys.js";
import type { AppEnv } from "../../env.js";
import { ApiError } from "../../errors.js";
import type { Store } from "../../store/types.js";

export const IDEMPOTENCY_HEADER = "Idempotency-Key";
export const REPLAYED_HEADER = "Idempotency-Replayed";

const noCopyNeeded = new WeakSet<Request>();

/**
 * Called by a handler whose answer changed nothing (an unchanged sheet): running the request again
 * is as safe as replaying it, so no copy is kept and the request stays free of writes.
 */
export function keepNoCopy(c: Context): void {
  noCopyNeeded.add(c.req.raw);
}

export function idempotency(store: Store, now: () => Date): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const key = c.req.header(IDEMPOTENCY_HEADER);
    if (key === undefined) return next();
    if (!/^[\x21-\x7e]{1,200}$/.test(key)) {
      throw new ApiError(
        400,
        "invalid_idempotency_key",
        "Idempotency-Key must be 1-200 visible ASCII characters",
      );
    }
    const auth = c.get("auth");
    // Scoped by API key, so two keys of one organisation never share answers.
    const scopedKey = `${auth.keyId}:${key}`;
    const body = await c.req.text();
    const fingerprint = await sha256Hex(`${c.req.method} ${c.req.path}\n${body}`);
    const stored = await store.getIdempotency(auth.orgId, scopedKey);
    if (stored) {
      if (stored.fingerprint !== fingerprint) {
        throw new ApiError(
          422,
          "idempotency_key_reused",
          "This Idempotency-Key was used for a different request; use a new key for a new request",
        );
      }
      return new Response(stored.body, {
        status: stored.status,
        headers: { "Content-Type": "application/json", [REPLAYED_HEADER]: "true" },
      });
    }
    await next();
    const status = c.res.status;
    if (status < 500 && status !== 429 && !noCopyNeeded.has(c.req.raw)) {
      const text = await c.res.clone().text();
      try {
        await store.putIdempotency(auth.orgId, scopedKey, {
          fingerprint,
          status,
          body: text,
          createdAt: now().toISOString(),
        });
      } catch (error) {
        // The handler's work is done and its answer is true: failing to keep a copy for retries
        // must not turn it into a 500 (the client would retry a request that succeeded).
        console.error("Could not store the answer for an Idempotency-Key", error);
      }
    }
  };
}
