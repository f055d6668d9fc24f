// The API client: JSON over UrlFetchApp with retries (network errors, 429 and 5xx) and backoff (longer when
// the server's Retry-After says so), waits while the server says another request is still writing (409
// request_in_progress / sync_in_progress), and errors that say what happened. Every attempt of one call sends
// the same headers, so its Idempotency-Key too. UrlFetchApp is synchronous, so waits use Utilities.sleep.

import { isAllowlisted, URL_ALLOWLIST } from "./allowlist.js";
import { errorMessage } from "./errors.js";

export interface ApiConfig {
  apiUrl: string;
  apiKey: string;
}

export class ApiFailure extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly code: string,
    readonly attempts: number,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

export const MAX_ATTEMPTS = 4;
const BACKOFF_MS = 500;
/**
 * How long one call waits, in all, while the server says another request is still writing (409
 * request_in_progress: the same Idempotency-Key; sync_in_progress: the same sheet). After a crash the
 * server frees those within its write lease (15 s), so this covers a crash and the retry that follows it.
 */
export const MAX_IN_PROGRESS_WAIT_MS = 45_000;
const MAX_ONE_WAIT_MS = 10_000;
const IN_PROGRESS = new Set(["request_in_progress", "sync_in_progress"]);

function retriable(status: number): boolean {
  return status === 429 || status >= 500;
}

/** The Retry-After header (seconds), in milliseconds; the JSON error's details.retryAfterSeconds otherwise. */
function retryAfterMs(headers: Record<string, unknown>, details: unknown): number | null {
  const name = Object.keys(headers).find((header) => header.toLowerCase() === "retry-after");
  const fromHeader = name === undefined ? Number.NaN : Number(headers[name]);
  const fromBody = Number((details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds);
  const seconds = Number.isFinite(fromHeader) ? fromHeader : fromBody;
  return Number.isFinite(seconds) && seconds >= 0 ? Math.min(MAX_ONE_WAIT_MS, seconds * 1000) : null;
}

export function callApi<T>(
  config: ApiConfig,
  method: "get" | "post",
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): T {
  const url = `${config.apiUrl.replace(/\/+$/, "")}/v1${path}`;
  // Apps Script refuses a URL outside the manifest's allowlist; no retry can change that (an API URL stored
  // before Settings checked it).
  if (!isAllowlisted(url))
    throw new ApiFailure(
      `${config.apiUrl} is not an API this add-on may call (it may call ${URL_ALLOWLIST.join(", ")})`,
      0,
      "not_allowlisted",
      1,
    );
  const params: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions = {
    method,
    muteHttpExceptions: true,
    headers: { Authorization: `Bearer ${config.apiKey}`, ...headers },
    ...(body === undefined ? {} : { contentType: "application/json", payload: JSON.stringify(body) }),
  };
  let lastReason = "";
  let attempts = 0;
  let failures = 0;
  let waitedMs = 0;
  let waitMs = 0;
  for (;;) {
    if (waitMs > 0) Utilities.sleep(waitMs);
    attempts++;
    let status: number;
    let text: string;
    let responseHeaders: Record<string, unknown> = {};
    try {
      const response = UrlFetchApp.fetch(url, params);
      status = response.getResponseCode();
      text = response.getContentText();
      responseHeaders = (response.getHeaders?.() ?? {}) as Record<string, unknown>;
    } catch (error) {
      lastReason = `cannot reach ${config.apiUrl} (${errorMessage(error)})`;
      failures++;
      if (failures >= MAX_ATTEMPTS) break;
      waitMs = BACKOFF_MS * 2 ** (failures - 1);
      continue;
    }
    if (status >= 200 && status < 300) return (text ? JSON.parse(text) : null) as T;
    let code = `http_${status}`;
    let message = text.slice(0, 300);
    let details: unknown;
    try {
      const parsed = JSON.parse(text) as { error?: { code?: string; message?: string; details?: unknown } };
      if (parsed.error) {
        code = parsed.error.code ?? code;
        message = parsed.error.message ?? message;
        details = parsed.error.details;
      }
    } catch {
      // Not JSON (a proxy's error page): keep the text.
    }
    lastReason = `HTTP ${status} ${code}: ${message}`;
    const serverWait = retryAfterMs(responseHeaders, details);
    if (status === 409 && IN_PROGRESS.has(code)) {
      // Another request is writing (e.g. ours, before a crash): wait as told and ask again, same request.
      const wait = serverWait ?? 1000;
      if (waitedMs + wait > MAX_IN_PROGRESS_WAIT_MS)
        throw new ApiFailure(lastReason, status, code, attempts, details);
      waitedMs += wait;
      waitMs = wait;
      continue;
    }
    if (!retriable(status)) throw new ApiFailure(lastReason, status, code, attempts, details);
    failures++;
    if (failures >= MAX_ATTEMPTS) break;
    waitMs = Math.max(BACKOFF_MS * 2 ** (failures - 1), serverWait ?? 0);
  }
  throw new ApiFailure(lastReason, 0, "unavailable", attempts);
}
