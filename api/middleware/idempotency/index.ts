// Idempotency-Key: one effect per key, even when duplicates arrive at once or the first request crashed.
// - The key is reserved with a conditional write before the handler's first write (before the handler runs,
//   unless the route defers it: a sync reserves only once it knows it will write, so an unchanged sheet costs
//   no write). Of concurrent duplicates exactly one reserves it; the others get its answer when it is stored,
//   or 409 request_in_progress with Retry-After while it runs.
// - The reservation has a lease (config.writeLeaseMs): a request that crashed holds the key only that long,
//   then a retry takes it over. A request whose lease lapsed and was taken over never overwrites the answer.
// - The answer (status < 500, not 429, and no Retry-After: those say "try again") is stored over the
//   reservation, so a retry with the same key and request gets it again without running the handler; other
//   answers release the key, so a retry runs again. A different request with the same key is refused.
// - Keeping the copy is best effort: if it fails, the answer still goes out and the key is released.
import type { Context, MiddlewareHandler } from "hono";
import type { AppEnv } from "../../app/context.js";
import { ApiError, inProgress, secondsUntil } from "../../app/errors.js";
import { sha256Hex } from "../../auth/api-keys.js";
import {
  type IdempotencyRecord,
  type IdempotencyReservation,
  isIdempotencyReservation,
  type Store,
} from "../../store/types.js";

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

export interface IdempotencyOptions {
  /** How long a reservation holds the key unless renewed (AppConfig.writeLeaseMs). */
  leaseMs?: number;
  /**
   * Reserve only when the handler calls c.var.idempotency.reserve() before its first write, not before it
   * runs: for a handler that often writes nothing.
   */
  deferred?: boolean;
}

/** Thrown by reserve() when another request with the key finished first: its answer goes out instead. */
class WinnerAnswered extends ApiError {
  constructor(readonly record: IdempotencyRecord) {
    super(409, "request_answered", "Another request with this Idempotency-Key answered first");
  }
}

function replay(record: IdempotencyRecord): Response {
  return new Response(record.body, {
    status: record.status,
    headers: { "Content-Type": "application/json", [REPLAYED_HEADER]: "true" },
  });
}

const reused = () =>
  new ApiError(
    422,
    "idempotency_key_reused",
    "This Idempotency-Key was used for a different request; use a new key for a new request",
  );

const stillRunning = (reservation: IdempotencyReservation, now: Date) => {
  const seconds = secondsUntil(reservation.leaseUntil, now);
  return inProgress(
    "request_in_progress",
    `A request with this Idempotency-Key is still being handled; retry in ${seconds} s to get its answer`,
    seconds,
  );
};

/** Answers that say "try again" are not the request's outcome: never kept for replay. */
const transient = (res: Response) =>
  res.status >= 500 || res.status === 429 || res.headers.has("Retry-After");

export function idempotency(
  store: Store,
  now: () => Date,
  options: IdempotencyOptions = {},
): MiddlewareHandler<AppEnv> {
  const leaseMs = options.leaseMs ?? 15_000;
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
    const { orgId, keyId } = c.get("auth");
    // Scoped by API key, so two keys of one organisation never share answers.
    const scopedKey = `${keyId}:${key}`;
    const body = await c.req.text();
    const fingerprint = await sha256Hex(`${c.req.method} ${c.req.path}\n${body}`);
    const found = await store.getIdempotency(orgId, scopedKey);
    if (found) {
      if (found.fingerprint !== fingerprint) throw reused();
      if (!isIdempotencyReservation(found)) return replay(found);
      const at = now();
      // A lapsed reservation is a crashed request's: this one takes the key over (reserve below).
      if (Date.parse(found.leaseUntil) > at.getTime()) throw stillRunning(found, at);
    }
    // A takeover keeps the first arrival's time: what the request stamps stays the same on every retry.
    const firstSeenAt = found?.createdAt ?? now().toISOString();

    let token: string | null = null;
    let renewedAt = 0;
    const reserve = async () => {
      if (token !== null) return;
      const at = now();
      const mine = crypto.randomUUID();
      const reservation = {
        fingerprint,
        token: mine,
        createdAt: firstSeenAt,
        leaseUntil: new Date(at.getTime() + leaseMs).toISOString(),
      };
      if (await store.reserveIdempotency(orgId, scopedKey, reservation, at.toISOString())) {
        token = mine;
        renewedAt = performance.now();
        return;
      }
      // A duplicate got there first: its answer if stored, else it is still running.
      const winner = await store.getIdempotency(orgId, scopedKey);
      if (winner && winner.fingerprint !== fingerprint) throw reused();
      if (winner && !isIdempotencyReservation(winner)) throw new WinnerAnswered(winner);
      throw stillRunning(winner ?? reservation, at);
    };
    const renew = async () => {
      if (token === null || performance.now() - renewedAt < leaseMs / 3) return;
      const leaseUntil = new Date(now().getTime() + leaseMs).toISOString();
      if (!(await store.renewIdempotency(orgId, scopedKey, token, leaseUntil))) {
        token = null;
        throw new ApiError(
          503,
          "lease_lost",
          "This request took too long and a retry took it over; retry to get the answer",
        );
      }
      renewedAt = performance.now();
    };
    c.set("idempotency", { reserve, renew, key: scopedKey, firstSeenAt });

    if (!options.deferred) {
      try {
        await reserve();
      } catch (error) {
        if (error instanceof WinnerAnswered) return replay(error.record);
        throw error;
      }
    }
    await next();

    if (c.error instanceof WinnerAnswered) {
      c.res = undefined;
      c.res = replay(c.error.record);
      return;
    }
    const held = token as string | null;
    if (held === null) return; // never reserved: the handler wrote nothing
    const res = c.res;
    if (transient(res) || noCopyNeeded.has(c.req.raw)) {
      await store
        .releaseIdempotency(orgId, scopedKey, held)
        .catch((error) => console.error("Could not release an Idempotency-Key", error));
      return;
    }
    try {
      const stored = await store.putIdempotency(
        orgId,
        scopedKey,
        { fingerprint, status: res.status, body: await res.clone().text(), createdAt: now().toISOString() },
        held,
      );
      // Our lease lapsed and a retry took the key over: its answer stands, ours still goes out.
      if (!stored) console.error(`Idempotency-Key ${key}: reservation taken over; answer not kept`);
    } catch (error) {
      // The handler's work is done and its answer is true: failing to keep a copy for retries
      // must not turn it into a 500 (the client would retry a request that succeeded).
      console.error("Could not store the answer for an Idempotency-Key", error);
      await store.releaseIdempotency(orgId, scopedKey, held).catch(() => {});
    }
  };
}
