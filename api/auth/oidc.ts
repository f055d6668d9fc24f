// OpenID Connect sign-in for people (Authorization Code flow with PKCE, state and nonce) through oauth4webapi:
// discovery, the authorization URL, and the callback that exchanges the code and checks the ID token's
// signature (against the provider's JWKS), issuer, audience, expiry and nonce. Google in production; any
// provider by configuration (tests run a real one on loopback). No session logic here: callers get claims.
import * as oauth from "oauth4webapi";
import type { OidcConfig } from "./oidc-config.js";

export type { OidcConfig } from "./oidc-config.js";

export interface SignInStart {
  url: string;
  state: string;
  nonce: string;
  codeVerifier: string;
}

export interface VerifiedIdentity {
  email: string;
  name: string;
  subject: string;
}

/** Why a sign-in was refused; the page tells the person what to do, the log keeps the detail. */
export class OidcError extends Error {
  constructor(
    readonly reason: "provider" | "state" | "token" | "email",
    message: string,
  ) {
    super(message);
    this.name = "OidcError";
  }
}

/** Plain http only for a provider on this machine (tests, local development): never for a real one. */
function isLoopback(url: URL): boolean {
  return url.hostname === "127.0.0.1" || url.hostname === "localhost" || url.hostname === "[::1]";
}

const discovered = new Map<string, { as: oauth.AuthorizationServer; at: number }>();
const DISCOVERY_TTL_MS = 60 * 60 * 1000;

function options(config: OidcConfig) {
  const issuer = new URL(config.issuer);
  return {
    ...(isLoopback(issuer) && issuer.protocol === "http:" ? { [oauth.allowInsecureRequests]: true } : {}),
    ...(config.fetch ? { [oauth.customFetch]: config.fetch } : {}),
  };
}

async function server(config: OidcConfig, now: number): Promise<oauth.AuthorizationServer> {
  const cached = discovered.get(config.issuer);
  if (cached && now - cached.at < DISCOVERY_TTL_MS) return cached.as;
  const issuer = new URL(config.issuer);
  try {
    const response = await oauth.discoveryRequest(issuer, { algorithm: "oidc", ...options(config) });
    const as = await oauth.processDiscoveryResponse(issuer, response);
    discovered.set(config.issuer, { as, at: now });
    return as;
  } catch (error) {
    throw new OidcError("provider", `Discovery at ${config.issuer} failed: ${(error as Error).message}`);
  }
}

/** The provider's sign-in URL for a new attempt, with a fresh state, nonce and PKCE verifier. */
export async function startSignIn(
  config: OidcConfig,
  redirectUri: string,
  now = Date.now(),
): Promise<SignInStart> {
  const as = await server(config, now);
  if (!as.authorization_endpoint)
    throw new OidcError("provider", "The provider names no authorization endpoint");
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const state = oauth.generateRandomState();
  const nonce = oauth.generateRandomNonce();
  const url = new URL(as.authorization_endpoint);
  url.searchParams.set("client_id", config.clientId);
  url.searchParams.set("redirect_uri", redirectUri);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("scope", "openid email profile");
  url.searchParams.set("code_challenge", await oauth.calculatePKCECodeChallenge(codeVerifier));
  url.searchParams.set("code_challenge_method", "S256");
  url.searchParams.set("state", state);
  url.searchParams.set("nonce", nonce);
  return { url: url.href, state, nonce, codeVerifier };
}

/**
 * The callback: checks the state, exchanges the code with the PKCE verifier, and verifies the ID token
 * (signature against the provider's keys, issuer, audience, expiry, nonce). Returns the verified address.
 */
export async function finishSignIn(
  config: OidcConfig,
  redirectUri: string,
  callbackUrl: URL,
  expected: { state: string; nonce: string; codeVerifier: string },
  now = Date.now(),
): Promise<VerifiedIdentity> {
  const as = await server(config, now);
  const client: oauth.Client = { client_id: config.clientId };
  let params: URLSearchParams;
  try {
    params = oauth.validateAuthResponse(as, client, callbackUrl, expected.state);
  } catch (error) {
    throw new OidcError("state", `Callback refused: ${(error as Error).message}`);
  }
  let claims: oauth.IDToken | undefined;
  try {
    const response = await oauth.authorizationCodeGrantRequest(
      as,
      client,
      oauth.ClientSecretBasic(config.clientSecret),
      params,
      redirectUri,
      expected.codeVerifier,
      options(config),
    );
    const result = await oauth.processAuthorizationCodeResponse(as, client, response, {
      expectedNonce: expected.nonce,
      requireIdToken: true,
    });
    // The token came straight from the token endpoint; its signature is checked all the same, so a token
    // altered on the way (or by a compromised proxy) is refused.
    await oauth.validateApplicationLevelSignature(as, response, options(config));
    claims = oauth.getValidatedIdTokenClaims(result);
  } catch (error) {
    throw new OidcError("token", `ID token refused: ${(error as Error).message}`);
  }
  const email = typeof claims?.email === "string" ? claims.email : "";
  if (!email || claims?.email_verified !== true)
    throw new OidcError("email", "The provider did not confirm an e-mail address for this account");
  return { email, name: typeof claims?.name === "string" ? claims.name : "", subject: claims!.sub };
}
