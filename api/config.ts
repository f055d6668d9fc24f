// Settings of the app itself; transport- and storage-specific settings live with their entry points.
import type { Store } from "./store/types.js";

export interface AppConfig {
  /** Largest request body accepted, in bytes (a 5,000-row sheet is about 3 MB). */
  maxBodyBytes: number;
  /** Browser origins allowed to call the API (CORS); empty: no CORS headers at all. */
  corsOrigins: string[];
}

export const DEFAULT_CONFIG: AppConfig = { maxBodyBytes: 4 * 1024 * 1024, corsOrigins: [] };

export interface AppDeps {
  store: Store;
  /** The clock: tests and demos pin it. */
  now: () => Date;
  config: AppConfig;
}

/** Config from environment variables (OKR_MAX_BODY_BYTES, OKR_CORS_ORIGINS comma-separated). */
export function configFromEnv(env: Record<string, string | undefined> = process.env): AppConfig {
  const maxBody = Number(env.OKR_MAX_BODY_BYTES);
  return {
    maxBodyBytes: Number.isFinite(maxBody) && maxBody > 0 ? maxBody : DEFAULT_CONFIG.maxBodyBytes,
    corsOrigins: (env.OKR_CORS_ORIGINS ?? "")
      .split(",")
      .map((origin) => origin.trim())
      .filter(Boolean),
  };
}

export const isoDay = (date: Date) => date.toISOString().slice(0, 10);
