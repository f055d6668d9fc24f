// Signed links (unsubscribe): an organisation ID, a payload and an HMAC-SHA256 over both with the
// organisation's own random secret (kept in the store). Web Crypto only, as on Lambda.
const encoder = new TextEncoder();

const base64Url = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64url");

async function hmac(secret: string, text: string): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey(
    "raw",
    encoder.encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  return new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(text)));
}

/** "<org>.<payload>.<signature>", all base64url. */
export async function signToken(orgId: string, secret: string, payload: unknown): Promise<string> {
  const head = `${base64Url(encoder.encode(orgId))}.${base64Url(encoder.encode(JSON.stringify(payload)))}`;
  return `${head}.${base64Url(await hmac(secret, head))}`;
}

/** The organisation a token names (before its signature can be checked with that organisation's secret). */
export function tokenOrg(token: string): string | null {
  const [org] = token.split(".");
  if (!org || token.length > 2000) return null;
  try {
    return Buffer.from(org, "base64url").toString("utf8") || null;
  } catch {
    return null;
  }
}

/** The payload when the signature is right (compared in constant time), else null. */
export async function verifyToken(token: string, secret: string): Promise<unknown> {
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  const [org, body, signature] = parts as [string, string, string];
  const expected = await hmac(secret, `${org}.${body}`);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length) return null;
  let difference = 0;
  for (let i = 0; i < expected.length; i++) difference |= expected[i]! ^ given[i]!;
  if (difference !== 0) return null;
  try {
    return JSON.parse(Buffer.from(body, "base64url").toString("utf8"));
  } catch {
    return null;
  }
}
