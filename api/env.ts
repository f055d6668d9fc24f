// The Hono environment every router shares: the authenticated key, once auth has run.
import type { KeyRole } from "../shared/contract.js";

export interface AuthContext {
  orgId: string;
  keyId: string;
  role: KeyRole;
  /** Writers: their one sheet. */
  sheetId: string | null;
}

export interface AppEnv {
  Variables: { auth: AuthContext };
}
