// AWS Lambda entry (Function URL / HTTP API v2 events, and EventBridge Scheduler's hourly weekly-run event).
// Config from env: TABLE_NAME, INDEX_NAME, OKR_MAX_BODY_BYTES, OKR_CORS_ORIGINS, OKR_MAIL_TRANSPORT=ses,
// OKR_MAIL_FROM, OKR_OIDC_*, OKR_PUBLIC_URL. The table is created by the CDK stack, not here.
import { defaultIsContentTypeBinary, handle } from "hono/aws-lambda";
import { createApp } from "../app/app.js";
import { DEFAULT_WEBHOOK_HOSTS } from "../app/config.js";
import type { Mailer } from "../mail/mailer.js";
import { configFromEnv, storeConfigFromEnv, storeFromConfig } from "./environment.js";

const { store } = storeFromConfig(storeConfigFromEnv());

const config = configFromEnv();

/** Mail is set up on first use (invites, the weekly run), so an ordinary request's cold start never loads it. */
let mail: Promise<Mailer | null> | undefined;
const mailer = (): Promise<Mailer | null> =>
  (mail ??= import("../mail/mailer.js").then(({ mailerFromEnv }) => mailerFromEnv(process.env)));
const lazyMailer: Mailer = {
  get from() {
    return process.env.OKR_MAIL_FROM ?? "";
  },
  async send(message) {
    const real = await mailer();
    if (!real) throw new Error("no mail transport is configured (OKR_MAIL_TRANSPORT=ses, OKR_MAIL_FROM)");
    return real.send(message);
  },
};
const mailConfigured = Boolean(process.env.OKR_SMTP_URL || process.env.OKR_MAIL_TRANSPORT === "ses");

export const app = createApp({
  store,
  now: () => new Date(),
  config,
  ...(mailConfigured ? { mailer: lazyMailer } : {}),
});
// CSV travels as bytes (base64): as text the adapter decodes it and drops the byte-order mark Excel reads it by.
const http = handle(app, {
  isContentTypeBinary: (type) => /^text\/csv\b/i.test(type) || defaultIsContentTypeBinary(type),
});

interface WeeklyRunEvent {
  source: "okr-weekly-run";
  publicUrl?: string;
}

const isWeeklyRun = (event: unknown): event is WeeklyRunEvent =>
  typeof event === "object" && event !== null && (event as { source?: unknown }).source === "okr-weekly-run";

export const handler = async (event: Parameters<typeof http>[0], context: Parameters<typeof http>[1]) => {
  if (!isWeeklyRun(event)) return http(event, context);
  const { runDue } = await import("../rhythm/run.js");
  const reports = await runDue({
    store,
    mailer: mailConfigured ? lazyMailer : null,
    now: () => new Date(),
    publicUrl: (config.publicUrl ?? event.publicUrl ?? "").replace(/\/+$/, ""),
    webhookHosts: config.webhookHosts ?? DEFAULT_WEBHOOK_HOSTS,
  });
  for (const report of reports) console.log(JSON.stringify({ weeklyRun: report }));
  return { organisations: reports.length, sent: reports.reduce((sum, report) => sum + report.sent, 0) };
};
