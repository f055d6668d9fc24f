// API keys: random secrets shown once, kept only as SHA-256 hashes, compared in constant time.
// Web Crypto only, so the same code runs on Node and Lambda.
import type { KeyRole } from "../../shared/contract.js";
import type { ApiKeyRecord, Store } from "../store/types.js";

export const KEY_PREFIX = "okr_";

function base64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

export function randomId(bytes = 9): string {
  return base64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** A new secret: "okr_" + 256 random bits. */
export function generateSecret(): string {
  return KEY_PREFIX + base64Url(crypto.getRandomValues(new Uint8Array(32)));
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Compares two strings without an early exit, so timing does not reveal how much matched. */
export function constantTimeEqual(a: string, b: string): boolean {
  let difference = a.length ^ b.length;
  const length = Math.max(a.length, b.length);
  for (let i = 0; i < length; i++) difference |= (a.charCodeAt(i) || 0) ^ (b.charCodeAt(i) || 0);
  return difference === 0;
}

export interface IssuedKey {
  record: ApiKeyRecord;
  /** The secret; returned once, never stored. */
  secret: string;
}

export async function issueApiKey(
  store: Store,
  input: { orgId: string; role: KeyRole; sheetId: string | null; label: string; now: Date },
): Promise<IssuedKey> {
  const secret = generateSecret();
  const record: ApiKeyRecord = {
    id: randomId(),
    orgId: input.orgId,
    role: input.role,
    sheetId: input.role === "writer" ? input.sheetId : null,
    label: input.label,
    hash: await sha256Hex(secret),
    createdAt: input.now.toISOString(),
    revokedAt: null,
  };
  await store.putApiKey(record);
  return { record, secret };
}

/** The key record a presented secret belongs to, if it is valid and not revoked. */
export async function verifyApiKey(
  store: Store,
  secret: string,
): Promise<{ ok: true; key: ApiKeyRecord } | { ok: false; reason: "unknown" | "revoked" }> {
  if (!secret.startsWith(KEY_PREFIX) || secret.length > 200) return { ok: false, reason: "unknown" };
  const hash = await sha256Hex(secret);
  const key = await store.findApiKeyByHash(hash);
  if (!key || !constantTimeEqual(key.hash, hash)) return { ok: false, reason: "unknown" };
  if (key.revokedAt) return { ok: false, reason: "revoked" };
  return { ok: true, key };
}

/** A new organisation with its first admin key (what `admin create-org` does). */
export async function createOrgWithAdminKey(
  store: Store,
  input: { name: string; now: Date; orgId?: string },
): Promise<{ orgId: string; key: IssuedKey }> {
  const orgId = input.orgId ?? randomId(12);
  await store.putOrg({ id: orgId, name: input.name, createdAt: input.now.toISOString() });
  const key = await issueApiKey(store, {
    orgId,
    role: "admin",
    sheetId: null,
    label: "first admin key",
    now: input.now,
  });
  return { orgId, key };
}
