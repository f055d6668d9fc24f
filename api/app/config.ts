// Settings and dependencies of the app itself. Reading them from the environment is the entry points' job
// (api/entry/environment.ts); transport- and storage-specific settings live with their entry points.
import type { OidcConfig } from "../auth/oidc-config.js";
import type { Mailer } from "../mail/mailer.js";
import type { FailedAuthLimiter } from "../middleware/auth/failures.js";
import type { Store } from "../store/types.js";

export interface AppConfig {
  /** Largest request body accepted, in bytes (a 5,000-row sheet is about 3 MB). */
  maxBodyBytes: number;
  /** Browser origins allowed to call the API (CORS); empty: no CORS headers at all. */
  corsOrigins: string[];
  /** People sign in through OpenID Connect (OKR_OIDC_*); absent or null: invite links only. */
  oidc?: OidcConfig | null;
  /** The public base URL for links in messages and the OIDC redirect (OKR_PUBLIC_URL); absent: the request's. */
  publicUrl?: string;
  /**
   * Hosts a team's incoming webhook may point at (OKR_WEBHOOK_HOSTS): Google Chat and Slack by default, so a
   * webhook setting cannot make the server call anything else (tests add their loopback server).
   */
  webhookHosts?: string[];
  /**
   * How long a write holds what it reserved (an Idempotency-Key, a sheet's pending revision) without renewing
   * it. A request that crashed frees them after this long; one still writing renews them every third of it.
   * Longer than Lambda's timeout (10 s in the stack), so a Lambda killed at its timeout never holds one.
   */
  writeLeaseMs: number;
}

export const DEFAULT_WEBHOOK_HOSTS = ["chat.googleapis.com", "hooks.slack.com"];

export const DEFAULT_CONFIG: AppConfig = {
  maxBodyBytes: 4 * 1024 * 1024,
  corsOrigins: [],
  writeLeaseMs: 15_000,
};

export interface AppDeps {
  store: Store;
  /** The clock: tests and demos pin it. */
  now: () => Date;
  config: AppConfig;
  /** Sends e-mail (invites, reminders, digests); absent: nothing is mailed (invite links are shown instead). */
  mailer?: Mailer | null;
  /** npm start's local SMTP server: the messages it received, for the dashboard's outbox page. */
  outbox?: Outbox | null;
  /** Counts failed authentications per client address; createApp makes one per app when absent. */
  authLimiter?: FailedAuthLimiter;
}

export interface OutboxMessage {
  id: string;
  receivedAt: string;
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

export interface Outbox {
  list(): Promise<OutboxMessage[]>;
}
