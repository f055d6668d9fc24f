// Dashboard sessions: a reader (or admin) key is exchanged once for a random session token in an
// HttpOnly, SameSite=Strict cookie (Secure over HTTPS). The store keeps only the token's SHA-256.
// Every request re-checks the key behind the session, so revoking the key closes its sessions too.
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { KeyRole } from "../../../shared/contract.js";
import type { Person } from "../../../shared/people.js";
import { constantTimeEqual, generateSecret, sha256Hex } from "../../auth/api-keys.js";
import type { ApiKeyRecord, SessionRecord, Store } from "../../store/types.js";

export const SESSION_COOKIE = "okr_session";
export const SESSION_PATH = "/dashboard";
export const SESSION_SECONDS = 8 * 60 * 60;
/** Keys that may open the whole organisation's dashboard. Writers are bound to one sheet. */
export const DASHBOARD_ROLES: readonly KeyRole[] = ["reader", "admin"];

export interface DashboardSession {
  orgId: string;
  /** The key that signed in; "" for a person's own sign-in. */
  keyId: string;
  role: KeyRole;
  csrfToken: string;
  tokenHash: string;
  /** The person signed in as themselves (OpenID Connect or an invite link); null for a key's session. */
  person: Person | null;
}

export interface SessionEnv {
  Variables: { session: DashboardSession };
}

/** HTTPS as the browser sees it (behind API Gateway and Function URLs the proxy says so). */
export function isHttps(c: Context): boolean {
  return new URL(c.req.url).protocol === "https:" || c.req.header("x-forwarded-proto") === "https";
}

/** Starts a session for a verified key and sets its cookie. */
export async function openSession(c: Context, store: Store, key: ApiKeyRecord, now: Date): Promise<void> {
  await startSession(c, store, now, { orgId: key.orgId, keyId: key.id, keyHash: key.hash });
}

/** Starts a person's own session (after OpenID Connect or an invite link) and sets its cookie. */
export async function openPersonSession(
  c: Context,
  store: Store,
  orgId: string,
  person: Person,
  now: Date,
): Promise<void> {
  await startSession(c, store, now, { orgId, keyId: "", keyHash: "", email: person.email });
}

async function startSession(
  c: Context,
  store: Store,
  now: Date,
  who: Pick<SessionRecord, "orgId" | "keyId" | "keyHash" | "email">,
): Promise<void> {
  const token = generateSecret();
  const session: SessionRecord = {
    ...who,
    csrfToken: generateSecret(),
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + SESSION_SECONDS * 1000).toISOString(),
    endedAt: null,
  };
  await store.putSession(await sha256Hex(token), session);
  setCookie(c, SESSION_COOKIE, token, {
    path: SESSION_PATH,
    httpOnly: true,
    sameSite: "Strict",
    secure: isHttps(c),
    maxAge: SESSION_SECONDS,
  });
}

/** The session of this request, if its cookie names a live session whose key is still valid. */
export async function currentSession(c: Context, store: Store, now: Date): Promise<DashboardSession | null> {
  const token = getCookie(c, SESSION_COOKIE);
  if (!token || token.length > 200) return null;
  const tokenHash = await sha256Hex(token);
  const session = await store.getSession(tokenHash);
  if (!session || session.endedAt !== null || Date.parse(session.expiresAt) <= now.getTime()) return null;
  if (session.email) {
    // A person's session lives as long as they are on the people list; their role is read each time.
    const person = await store.getPerson(session.orgId, session.email);
    if (!person) return null;
    const role = person.role;
    return { orgId: session.orgId, keyId: "", role, csrfToken: session.csrfToken, tokenHash, person };
  }
  const key = await store.findApiKeyByHash(session.keyHash);
  if (!key || key.revokedAt || key.id !== session.keyId || !DASHBOARD_ROLES.includes(key.role)) return null;
  return {
    orgId: key.orgId,
    keyId: key.id,
    role: key.role,
    csrfToken: session.csrfToken,
    tokenHash,
    person: null,
  };
}

/** Ends the session in the store and removes the cookie. */
export async function closeSession(c: Context, store: Store, session: DashboardSession, now: Date) {
  await store.endSession(session.tokenHash, now.toISOString());
  deleteCookie(c, SESSION_COOKIE, {
    path: SESSION_PATH,
    secure: isHttps(c),
    httpOnly: true,
    sameSite: "Strict",
  });
}

/** Whether a form's CSRF token is the session's (constant time). */
export function validCsrf(session: DashboardSession, token: unknown): boolean {
  return typeof token === "string" && token.length > 0 && constantTimeEqual(token, session.csrfToken);
}

/**
 * A path inside the dashboard to return to after sign-in. It is resolved first, so "..", "%2e%2e", "//host"
 * or a backslash cannot lead outside the dashboard (or off the site); anything else goes to the tree.
 */
export function safeNext(next: unknown): string {
  const fallback = `${SESSION_PATH}/tree`;
  if (typeof next !== "string" || next.length > 2000 || !next.startsWith("/") || /[\\\s]/.test(next))
    return fallback;
  const base = "http://dashboard.invalid";
  let url: URL;
  try {
    url = new URL(next, base);
  } catch {
    return fallback;
  }
  const inside =
    url.origin === base && (url.pathname === SESSION_PATH || url.pathname.startsWith(`${SESSION_PATH}/`));
  return inside && !url.pathname.includes("//") ? `${url.pathname}${url.search}` : fallback;
}

/**
 * Pages behind sign-in: without a live session a GET goes to the sign-in page (and comes back after),
 * anything else is refused.
 */
export function requireSession(store: Store, now: () => Date): MiddlewareHandler<SessionEnv> {
  return async (c, next) => {
    const session = await currentSession(c, store, now());
    if (!session) {
      if (getCookie(c, SESSION_COOKIE)) deleteCookie(c, SESSION_COOKIE, { path: SESSION_PATH });
      if (c.req.method !== "GET") return c.text("Sign in first", 401);
      const url = new URL(c.req.url);
      const back = encodeURIComponent(`${url.pathname}${url.search}`);
      return c.redirect(`${SESSION_PATH}/sign-in?next=${back}`, 303);
    }
    c.set("session", session);
    c.header("Cache-Control", "no-store");
    await next();
  };
}
