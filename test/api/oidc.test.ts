// People sign in as themselves through OpenID Connect, tested against a real OIDC provider on loopback
// (the oidc-provider package: discovery, authorization endpoint, login, token endpoint, JWKS), the dashboard
// running on the node server. The browser is played by fetch with a cookie jar per host. Checked: sign-in
// works and opens a person's session; state, nonce and PKCE are checked; a forged or altered ID token,
// a replayed callback and an address not on the people list are refused.
import { createSign, generateKeyPairSync } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import Provider from "oidc-provider";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrg, startApiServer } from "../support/api-server.js";

const CLIENT = { id: "okr-dashboard", secret: "a-long-test-client-secret-for-the-dashboard" };
const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
const signingKey = { ...privateKey.export({ format: "jwk" }), kid: "provider-key", use: "sig", alg: "RS256" };

let providerServer: Server;
let issuer: string;
let api: Awaited<ReturnType<typeof startApiServer>>;
let orgId: string;
/** Lets a test alter what the dashboard's OIDC client receives from the provider (an attacker on the wire). */
let tamper: ((url: string, body: string) => string) | null = null;

const tamperingFetch: typeof fetch = async (input, init) => {
  const response = await fetch(input, init);
  const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
  if (!tamper || !url.endsWith("/token")) return response;
  const body = tamper(url, await response.text());
  return new Response(body, { status: response.status, headers: response.headers });
};

beforeAll(async () => {
  // The provider's port first (its issuer names it), then the API with that issuer, then the provider with
  // the dashboard's redirect URI.
  let handler: (req: never, res: never) => void = () => undefined;
  providerServer = createServer((req, res) => handler(req as never, res as never));
  await new Promise<void>((resolve) => providerServer.listen(0, "127.0.0.1", resolve));
  issuer = `http://127.0.0.1:${(providerServer.address() as AddressInfo).port}`;
  api = await startApiServer({
    config: {
      oidc: {
        issuer,
        clientId: CLIENT.id,
        clientSecret: CLIENT.secret,
        providerName: "Test IdP",
        fetch: tamperingFetch,
      },
    },
  });
  ({ orgId } = await createOrg(api.store, "Acme"));
  const at = new Date().toISOString();
  await api.store.putPerson(
    orgId,
    { email: "ada@example.com", name: "Ada Lovelace", team: "Sales", role: "admin", leader: true },
    at,
  );
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: CLIENT.id,
        client_secret: CLIENT.secret,
        redirect_uris: [`${api.url}/dashboard/oidc/callback`],
        response_types: ["code"],
        grant_types: ["authorization_code"],
        token_endpoint_auth_method: "client_secret_basic",
      },
    ],
    jwks: { keys: [signingKey as never] },
    cookies: { keys: ["oidc-test-cookie-key"] },
    pkce: { required: () => true },
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    // The e-mail in the ID token itself, as Google sends it (oidc-provider keeps scope claims for userinfo by default).
    conformIdTokenClaims: false,
    // The login form accepts any login as the account (devInteractions); the account is its e-mail.
    findAccount: async (_ctx, sub) => ({
      accountId: sub,
      claims: async () => ({ sub, email: sub, email_verified: true, name: sub.split("@")[0] }),
    }),
    // Consent is taken as given for this first-party client (oidc-provider's documented way to skip it).
    loadExistingGrant: async (ctx) => {
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client!.clientId,
        accountId: ctx.oidc.session!.accountId!,
      });
      grant.addOIDCScope("openid email profile");
      await grant.save();
      return grant;
    },
  });
  handler = provider.callback() as never;
});

afterAll(async () => {
  await api?.close();
  await new Promise<void>((resolve) => providerServer?.close(() => resolve()));
});

/** A browser: cookies per host, redirects followed by hand. */
class Browser {
  private readonly jars = new Map<string, Map<string, string>>();
  async fetch(url: string, init: RequestInit = {}): Promise<Response> {
    const host = new URL(url).host;
    const jar = this.jars.get(host) ?? new Map<string, string>();
    this.jars.set(host, jar);
    const headers = new Headers(init.headers);
    if (jar.size) headers.set("Cookie", [...jar].map(([k, v]) => `${k}=${v}`).join("; "));
    const response = await fetch(url, { ...init, headers, redirect: "manual" });
    for (const line of response.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, ...value] = pair!.split("=");
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line)) jar.delete(name!.trim());
      else jar.set(name!.trim(), value.join("="));
    }
    return response;
  }
  cookie(host: string, name: string) {
    return this.jars.get(host)?.get(name);
  }
}

const location = (response: Response, base: string) => new URL(response.headers.get("location")!, base).href;

/**
 * Starts a sign-in at the dashboard and logs in at the provider as `login`; returns the callback URL the
 * provider sends the browser to (not yet opened), after letting `alter` change the authorization URL.
 */
async function toCallback(browser: Browser, login: string, alter: (url: URL) => void = () => {}) {
  const start = await browser.fetch(
    `${api.url}/dashboard/oidc/start?next=${encodeURIComponent("/dashboard/teams")}`,
  );
  expect(start.status).toBe(303);
  const authorize = new URL(location(start, api.url));
  expect(authorize.origin).toBe(issuer);
  for (const param of ["state", "nonce", "code_challenge"])
    expect(authorize.searchParams.get(param)).toBeTruthy();
  expect(authorize.searchParams.get("code_challenge_method")).toBe("S256");
  alter(authorize);
  let url = authorize.href;
  for (let step = 0; step < 12; step++) {
    if (url.startsWith(`${api.url}/dashboard/oidc/callback`)) return url;
    const response = await browser.fetch(url);
    if (response.status >= 300 && response.status < 400) {
      url = location(response, url);
      continue;
    }
    const html = await response.text();
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`No form at ${url} (${response.status}): ${html.slice(0, 300)}`);
    const fields = new URLSearchParams();
    for (const [, name, value] of html.matchAll(
      /<input[^>]*type="hidden"[^>]*name="([^"]+)"[^>]*value="([^"]*)"/g,
    ))
      fields.set(name!, value!);
    if (html.includes('name="login"')) {
      fields.set("login", login);
      fields.set("password", "any");
    }
    const posted = await browser.fetch(new URL(action, url).href, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: fields.toString(),
    });
    url = location(posted, url);
  }
  throw new Error("the provider never sent the browser back");
}

const apiHost = () => new URL(api.url).host;

/** Opens the callback; the dashboard's answer (a redirect) and where it leads. */
async function finish(browser: Browser, callback: string) {
  const response = await browser.fetch(callback);
  return { status: response.status, to: response.headers.get("location") ?? "" };
}

describe("OpenID Connect sign-in against a real provider on loopback", () => {
  it("signs a person on the people list in as themselves, with their role, and back to where they were going", async () => {
    const browser = new Browser();
    const result = await finish(browser, await toCallback(browser, "ada@example.com"));
    expect(result).toEqual({ status: 303, to: "/dashboard/teams" });
    expect(browser.cookie(apiHost(), "okr_session")).toBeTruthy();
    const page = await browser.fetch(`${api.url}/dashboard/people`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Signed in as Ada Lovelace");
    // an admin by the people list: the add form is there
    expect(html).toContain('action="/dashboard/people"');
    // taking her off the list ends her session at the next request
    await api.store.removePerson(orgId, "ada@example.com", new Date().toISOString());
    const after = await browser.fetch(`${api.url}/dashboard/people`);
    expect(after.status).toBe(303);
    expect(after.headers.get("location")).toContain("/dashboard/sign-in");
    await api.store.putPerson(
      orgId,
      { email: "ada@example.com", name: "Ada Lovelace", team: "Sales", role: "admin", leader: true },
      new Date().toISOString(),
    );
  });

  it("refuses an account whose address is on no people list", async () => {
    const browser = new Browser();
    const result = await finish(browser, await toCallback(browser, "mallory@example.com"));
    expect(result.to).toContain("error=not_on_list");
    expect(browser.cookie(apiHost(), "okr_session")).toBeUndefined();
  });

  it("checks the state: a callback with another state, or in a browser that did not start it, is refused", async () => {
    const browser = new Browser();
    const callback = new URL(await toCallback(browser, "ada@example.com"));
    callback.searchParams.set("state", "forged-state");
    expect((await finish(browser, callback.href)).to).toContain("error=oidc_failed");
    // the attacker's own valid callback, opened in the victim's browser (login CSRF): no attempt cookie there
    const attacker = new Browser();
    const stolen = await toCallback(attacker, "ada@example.com");
    const victim = new Browser();
    expect((await finish(victim, stolen)).to).toContain("error=oidc_failed");
    expect(victim.cookie(apiHost(), "okr_session")).toBeUndefined();
  });

  it("checks the nonce: an ID token issued for another nonce is refused", async () => {
    const browser = new Browser();
    const callback = await toCallback(browser, "ada@example.com", (url) =>
      url.searchParams.set("nonce", "attacker-nonce"),
    );
    expect((await finish(browser, callback)).to).toContain("error=oidc_failed");
    expect(browser.cookie(apiHost(), "okr_session")).toBeUndefined();
  });

  it("checks PKCE: a code issued for another code challenge does not exchange", async () => {
    const browser = new Browser();
    const callback = await toCallback(browser, "ada@example.com", (url) =>
      url.searchParams.set("code_challenge", "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"),
    );
    expect((await finish(browser, callback)).to).toContain("error=oidc_failed");
  });

  it("uses a callback once: replaying it is refused", async () => {
    const browser = new Browser();
    const callback = await toCallback(browser, "ada@example.com");
    // keep the attempt cookie to replay with it
    const attempt = browser.cookie(apiHost(), "okr_oidc");
    expect((await finish(browser, callback)).status).toBe(303);
    const replay = await fetch(callback, { headers: { Cookie: `okr_oidc=${attempt}` }, redirect: "manual" });
    expect(replay.headers.get("location")).toContain("error=oidc_failed");
  });

  const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const alterIdToken = (change: (token: string) => string) => (_url: string, body: string) => {
    const json = JSON.parse(body) as { id_token: string };
    return JSON.stringify({ ...json, id_token: change(json.id_token) });
  };

  it("refuses an ID token whose claims were altered on the way (the signature no longer matches)", async () => {
    tamper = alterIdToken((token) => {
      const [head, body, signature] = token.split(".");
      const claims = JSON.parse(Buffer.from(body!, "base64url").toString()) as Record<string, unknown>;
      return `${head}.${b64({ ...claims, email: "boss@example.com", sub: "boss@example.com" })}.${signature}`;
    });
    try {
      await api.store.putPerson(
        orgId,
        { email: "boss@example.com", name: "Boss", team: "", role: "admin", leader: false },
        new Date().toISOString(),
      );
      const browser = new Browser();
      const result = await finish(browser, await toCallback(browser, "mallory@example.com"));
      expect(result.to).toContain("error=oidc_failed");
      expect(browser.cookie(apiHost(), "okr_session")).toBeUndefined();
    } finally {
      tamper = null;
    }
  });

  it("refuses an ID token forged with another key, and one with no signature (alg none)", async () => {
    const forger = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey;
    const forge = (token: string, alg: "RS256" | "none") => {
      const [, body] = token.split(".");
      const claims = JSON.parse(Buffer.from(body!, "base64url").toString()) as Record<string, unknown>;
      const head = b64({ alg, kid: "provider-key", typ: "JWT" });
      const payload = b64({ ...claims, email: "boss@example.com", sub: "boss@example.com" });
      if (alg === "none") return `${head}.${payload}.`;
      const signature = createSign("RSA-SHA256")
        .update(`${head}.${payload}`)
        .sign(forger)
        .toString("base64url");
      return `${head}.${payload}.${signature}`;
    };
    for (const alg of ["RS256", "none"] as const) {
      tamper = alterIdToken((token) => forge(token, alg));
      try {
        const browser = new Browser();
        const result = await finish(browser, await toCallback(browser, "mallory@example.com"));
        expect(result.to, alg).toContain("error=oidc_failed");
        expect(browser.cookie(apiHost(), "okr_session")).toBeUndefined();
      } finally {
        tamper = null;
      }
    }
  });

  it("still lets machines and readers in with keys, and offers the provider on the sign-in page", async () => {
    const page = await fetch(`${api.url}/dashboard/sign-in`);
    const html = await page.text();
    expect(html).toContain("Sign in with Test IdP");
    expect(html).toContain('name="key"');
  });
});
