// The API client: JSON over UrlFetchApp with retries (network errors, 429 and 5xx) and backoff, and errors
// that say what happened. UrlFetchApp is synchronous, so retries sleep with Utilities.sleep.

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

function retriable(status: number): boolean {
  return status === 429 || status >= 500;
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
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    if (attempt > 1) Utilities.sleep(BACKOFF_MS * 2 ** (attempt - 2));
    let status: number;
    let text: string;
    try {
      const response = UrlFetchApp.fetch(url, params);
      status = response.getResponseCode();
      text = response.getContentText();
    } catch (error) {
      lastReason = `cannot reach ${config.apiUrl} (${errorMessage(error)})`;
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
    if (!retriable(status)) throw new ApiFailure(lastReason, status, code, attempt, details);
  }
  throw new ApiFailure(lastReason, 0, "unavailable", MAX_ATTEMPTS);
}
