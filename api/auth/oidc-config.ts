// OpenID Connect settings from the environment (kept apart from the client, which loads only on sign-in).

export interface OidcConfig {
  /** Issuer URL, e.g. https://accounts.google.com. */
  issuer: string;
  clientId: string;
  clientSecret: string;
  /** Shown on the sign-in button ("Sign in with Google"). */
  providerName: string;
  /** Only for tests: the fetch the client uses (to tamper with answers as an attacker on the wire would). */
  fetch?: typeof fetch;
}

/** The OIDC settings from the environment; null when no client is configured (invite links only). */
export function oidcFromEnv(env: Record<string, string | undefined>): OidcConfig | null {
  const clientId = env.OKR_OIDC_CLIENT_ID?.trim();
  const clientSecret = env.OKR_OIDC_CLIENT_SECRET?.trim();
  if (!clientId || !clientSecret) return null;
  const issuer = env.OKR_OIDC_ISSUER?.trim() || "https://accounts.google.com";
  return {
    issuer,
    clientId,
    clientSecret,
    providerName: env.OKR_OIDC_NAME?.trim() || (issuer === "https://accounts.google.com" ? "Google" : "SSO"),
  };
}
