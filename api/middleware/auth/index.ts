// Authenticates "Authorization: Bearer okr_..." against stored key hashes and checks the key's role.
import type { MiddlewareHandler } from "hono";
import type { KeyRole } from "../../../shared/contract.js";
import type { AppEnv, AuthContext } from "../../app/context.js";
import { ApiError } from "../../app/errors.js";
import { sha256Hex, verifyApiKey } from "../../auth/api-keys.js";
import type { ApiKeyRecord, Store } from "../../store/types.js";
import { clientAddress, type FailedAuthLimiter } from "./failures.js";

/** 429 for an address past its failure budget, naming when to try again. */
function tooManyFailures(seconds: number): ApiError {
  return new ApiError(
    429,
    "too_many_failed_attempts",
    `Too many requests with a missing or invalid API key from this address; retry in ${seconds} s with a valid key`,
    { retryAfterSeconds: seconds },
    { "Retry-After": String(seconds) },
  );
}

/**
 * Authenticates a presented secret with the failed-attempt limit applied: the key record, or the error to
 * answer (401, or 429 once the address failed too often). Valid keys always pass.
 */
export async function authenticate(
  store: Store,
  limiter: FailedAuthLimiter | undefined,
  address: string,
  secret: string,
): Promise<{ ok: true; key: ApiKeyRecord } | { ok: false; error: ApiError }> {
  const hash = await sha256Hex(secret);
  if (limiter?.refusesUnread(address, hash))
    return { ok: false, error: tooManyFailures(limiter.retryAfter(address)) };
  const result = await verifyApiKey(store, secret);
  if (result.ok) return result;
  if (limiter && !limiter.failed(address, hash))
    return { ok: false, error: tooManyFailures(limiter.retryAfter(address)) };
  return {
    ok: false,
    error:
      result.reason === "revoked"
        ? new ApiError(401, "revoked_api_key", "This API key was revoked; ask an admin for a new one")
        : new ApiError(401, "invalid_api_key", "This API key is not valid"),
  };
}

export function requireKey(store: Store, roles: readonly KeyRole[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const limiter = c.get("authLimiter");
    const address = clientAddress(c);
    const header = c.req.header("Authorization") ?? "";
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) {
      if (limiter && !limiter.failed(address)) throw tooManyFailures(limiter.retryAfter(address));
      c.header("WWW-Authenticate", 'Bearer realm="okr"');
      throw new ApiError(401, "missing_api_key", "Send your API key as 'Authorization: Bearer <key>'");
    }
    const result = await authenticate(store, limiter, address, match[1]!);
    if (!result.ok) throw result.error;
    const { key } = result;
    if (!roles.includes(key.role)) {
      throw new ApiError(403, "forbidden", `A ${key.role} key cannot do this (needs: ${roles.join(" or ")})`);
    }
    const auth: AuthContext = { orgId: key.orgId, keyId: key.id, role: key.role, sheetId: key.sheetId };
    c.set("auth", auth);
    await next();
  };
}

/** Writers touch only their own sheet; admins any sheet of their organisation. */
export function mayWriteSheet(auth: AuthContext, sheetId: string): boolean {
  return auth.role === "admin" || (auth.role === "writer" && auth.sheetId === sheetId);
}

export function assertMayWriteSheet(auth: AuthContext, sheetId: string): void {
  if (mayWriteSheet(auth, sheetId)) return;
  throw new ApiError(403, "sheet_not_allowed", `This key may not write sheet '${sheetId}'`);
}

/** Readers and admins read every sheet; writers their own. */
export function assertMayReadSheet(auth: AuthContext, sheetId: string): void {
  if (auth.role === "writer" && auth.sheetId !== sheetId) {
    throw new ApiError(403, "sheet_not_allowed", `This key may not read sheet '${sheetId}'`);
  }
}
