// The Hono environment every router shares: the authenticated key, once auth has run.
import type { KeyRole } from "../../shared/contract.js";
import type { FailedAuthLimiter } from "../middleware/auth/failures.js";

export interface AuthContext {
  orgId: string;
  keyId: string;
  role: KeyRole;
  /** Writers: their one sheet. */
  sheetId: string | null;
}

/** Set by the idempotency middleware when the request carries an Idempotency-Key (see its module). */
export interface IdempotencyHandle {
  /** Reserves the key before the handler's first write (no-op when already reserved). */
  reserve(): Promise<void>;
  /** Extends the reservation's lease while a long write goes on. */
  renew(): Promise<void>;
  /** The key, scoped to the API key: stable across retries, for IDs a retry must write again, not anew. */
  key: string;
  /** When the first request with this key arrived (a retry after a crash keeps it): a stable "now". */
  firstSeenAt: string;
}

export interface AppEnv {
  Variables: { auth: AuthContext; idempotency?: IdempotencyHandle; authLimiter?: FailedAuthLimiter };
}
