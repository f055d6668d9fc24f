// Authenticates "Authorization: Bearer okr_..." against stored key hashes and checks the key's role.
import type { MiddlewareHandler } from "hono";
import type { KeyRole } from "../../../shared/contract.js";
import { verifyApiKey } from "../../auth/api-keys.js";
import type { AppEnv, AuthContext } from "../../env.js";
import { ApiError } from "../../errors.js";
import type { Store } from "../../store/types.js";

export function requireKey(store: Store, roles: readonly KeyRole[]): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const header = c.req.header("Authorization") ?? "";
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) {
      c.header("WWW-Authenticate", 'Bearer realm="okr"');
      throw new ApiError(401, "missing_api_key", "Send your API key as 'Authorization: Bearer <key>'");
    }
    const result = await verifyApiKey(store, match[1]!);
    if (!result.ok) {
      throw result.reason === "revoked"
        ? new ApiError(401, "revoked_api_key", "This API key was revoked; ask an admin for a new one")
        : new ApiError(401, "invalid_api_key", "This API key is not valid");
    }
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
export function assertMayWriteSheet(auth: AuthContext, sheetId: string): void {
  if (auth.role === "admin") return;
  if (auth.role === "writer" && auth.sheetId === sheetId) return;
  throw new ApiError(403, "sheet_not_allowed", `This key may not write sheet '${sheetId}'`);
}

/** Readers and admins read every sheet; writers their own. */
export function assertMayReadSheet(auth: AuthContext, sheetId: string): void {
  if (auth.role === "writer" && auth.sheetId !== sheetId) {
    throw new ApiError(403, "sheet_not_allowed", `This key may not read sheet '${sheetId}'`);
  }
}
