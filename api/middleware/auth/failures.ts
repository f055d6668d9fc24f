// Failed authentication, rate limited per client address: an address may fail a few times a second (a burst,
// then a steady rate); past that its failures are answered 429 with Retry-After instead of 401, and a key that
// just failed from it is refused again without a database read (a client stuck retrying one bad key costs
// nothing). Valid keys are never slowed: every other key is verified as always, and a valid one passes even
// from a limited address (Apps Script calls come from Google's shared addresses: one team's bad key must not
// lock out the others).
//
// Per instance, in memory: on Lambda each instance counts on its own (an attacker spread over instances gets
// that many times the rate; the stack's API Gateway throttle bounds the total). Guessing is pointless anyway
// (keys are 256 random bits); this keeps floods of bad keys cheap and visible.
import type { Context } from "hono";

export interface FailedAuthLimiterOptions {
  /** Failures an address may make at once. */
  burst?: number;
  /** Failures per second an address earns back. */
  perSecond?: number;
  /** Addresses and failed keys remembered at most (oldest forgotten first). */
  maxEntries?: number;
  /** How long a key that failed is refused without a read, while its address is limited. */
  badForMs?: number;
  /** Milliseconds clock (tests move it). */
  clock?: () => number;
}

export class FailedAuthLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly bad = new Map<string, number>();
  private readonly burst: number;
  private readonly perSecond: number;
  private readonly maxEntries: number;
  private readonly badForMs: number;
  private readonly clock: () => number;

  constructor(options: FailedAuthLimiterOptions = {}) {
    this.burst = options.burst ?? 10;
    this.perSecond = options.perSecond ?? 3;
    this.maxEntries = options.maxEntries ?? 10_000;
    this.badForMs = options.badForMs ?? 10 * 60_000;
    this.clock = options.clock ?? (() => performance.now());
  }

  private bucket(address: string) {
    const now = this.clock();
    const found = this.buckets.get(address);
    if (!found) return { tokens: this.burst, at: now };
    return {
      tokens: Math.min(this.burst, found.tokens + ((now - found.at) / 1000) * this.perSecond),
      at: now,
    };
  }

  /** Seconds until this address may fail again without a 429 (0: it may now). */
  retryAfter(address: string): number {
    const { tokens } = this.bucket(address);
    return tokens >= 1 ? 0 : Math.ceil((1 - tokens) / this.perSecond);
  }

  /** Counts one failed authentication; true while the address is within its budget (answer 401). */
  failed(address: string, keyHash?: string): boolean {
    const bucket = this.bucket(address);
    const within = bucket.tokens >= 1;
    if (within) bucket.tokens -= 1;
    remember(this.buckets, address, bucket, this.maxEntries);
    if (keyHash !== undefined) remember(this.bad, keyHash, this.clock() + this.badForMs, this.maxEntries);
    return within;
  }

  /** A key that failed lately, presented again from a limited address: refuse it without a read. */
  refusesUnread(address: string, keyHash: string): boolean {
    const until = this.bad.get(keyHash);
    return until !== undefined && until > this.clock() && this.retryAfter(address) > 0;
  }
}

/** Sets a map entry as the newest, forgetting the oldest beyond `max`. */
function remember<K, V>(map: Map<K, V>, key: K, value: V, max: number): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > max) map.delete(map.keys().next().value as K);
}

interface RuntimeEnv {
  /** hono/aws-lambda: the event's request context (HTTP API v2 and Function URLs; REST API v1). */
  requestContext?: { http?: { sourceIp?: string }; identity?: { sourceIp?: string } };
  /** @hono/node-server: the Node request. */
  incoming?: { socket?: { remoteAddress?: string } };
}

/**
 * The client's address as the platform saw it: on Lambda the source IP API Gateway (or the Function URL)
 * recorded, never X-Forwarded-For (a client writes that header itself); on Node the socket's peer.
 * Google's Apps Script fetches from shared Google addresses: hence only failures are limited.
 */
export function clientAddress(c: Context): string {
  const env = (c.env ?? {}) as RuntimeEnv;
  return (
    env.requestContext?.http?.sourceIp ??
    env.requestContext?.identity?.sourceIp ??
    env.incoming?.socket?.remoteAddress ??
    "unknown"
  );
}
