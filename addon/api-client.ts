// The API client: JSON over UrlFetchApp with retries (network errors, 429 and 5xx) and backoff (longer when
// the server's Retry-After says so), waits while the server says another request is still writing (409
// request_in_progress / sync_in_progress), and errors that say what happened as a sentence in the user's language
// (errors.ts), never a raw HTTP line. Every attempt of one call sends the same headers, so its Idempotency-Key too.
// UrlFetchApp is synchronous, so waits use Utilities.sleep.

import type { Language } from "../shared/model.js";
import type { ApiRoutes, ErrorCode, RouteName } from "../shared/wire.js";
import { isAllowlisted, URL_ALLOWLIST } from "./allowlist.js";
import { apiErrorSentence, errorMessage } from "./errors.js";

export interface ApiConfig {
  apiUrl: string;
  apiKey: string;
  /** The language of the error sentences (the user's); English when not given. */
  language?: Language;
}

/** The API's error codes, the HTTP status of an answer that was no JSON error, and the client's own. */
export type FailureCode = ErrorCode | `http_${number}` | "not_allowlisted" | "unavailable";

export class ApiFailure extends Error {
  constructor(
    /** A sentence for the user, in their language. */
    message: string,
    readonly status: number,
    readonly code: FailureCode | (string & {}),
    readonly attempts: number,
    readonly details?: unknown,
    /** What the server or the network said, for the execution log. */
    readonly technical = "",
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
const IN_PROGRESS = new Set<string>(["request_in_progress", "sync_in_progress"] satisfies ErrorCode[]);

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

type Method = "get" | "post" | "delete";
/** What a route takes besides the config: its path parameters, query and body, as the contract names them. */
export type RouteArgs<R extends RouteName> = {
  [K in "params" | "query" | "body" as K extends keyof ApiRoutes[R] ? K : never]: ApiRoutes[R][K &
    keyof ApiRoutes[R]];
};
interface AnyRouteArgs {
  params?: Readonly<Record<string, string>>;
  query?: Readonly<Record<string, string | undefined>>;
  body?: unknown;
}

/**
 * Calls one route of the contract (shared/wire.ts): the answer's type is the route's response, so no call site
 * declares a shape of its own. Path parameters and query values are URL-encoded.
 */
export function call<R extends RouteName>(
  config: ApiConfig,
  name: R,
  args: RouteArgs<R>,
  headers?: Record<string, string>,
): ApiRoutes[R]["response"];
export function call(
  config: ApiConfig,
  name: RouteName,
  args: AnyRouteArgs,
  headers: Record<string, string> = {},
): unknown {
  const space = name.indexOf(" ");
  const method: Method = name.startsWith("GET ") ? "get" : name.startsWith("DELETE ") ? "delete" : "post";
  const path = name
    .slice(space + 1)
    .replace(/\{(\w+)\}/g, (_, key: string) => encodeURIComponent(args.params?.[key] ?? ""));
  const query = Object.entries(args.query ?? {})
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([key, value]) => `${encodeURIComponent(key)}=${encodeURIComponent(value)}`)
    .join("&");
  return callApi(config, method, query ? `${path}?${query}` : path, args.body, headers);
}

/** One request with retries; the answer's JSON as it came (call() gives it its type from the contract). */
export function callApi<T = unknown>(
  config: ApiConfig,
  method: Method,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): T {
  const language = config.language ?? "en";
  const url = `${config.apiUrl.replace(/\/+$/, "")}/v1${path}`;
  const sentence = (status: number, code: string, details?: unknown, serverMessage?: string) =>
    apiErrorSentence(language, {
      status,
      code,
      details,
      path,
      apiUrl: config.apiUrl,
      allowed: URL_ALLOWLIST,
      ...(serverMessage === undefined ? {} : { serverMessage }),
    });
  // Apps Script refuses a URL outside the manifest's allowlist; no retry can change that (an API URL stored
  // before Settings checked it).
  if (!isAllowlisted(url))
    throw new ApiFailure(sentence(0, "not_allowlisted"), 0, "not_allowlisted", 1, undefined, url);
  const params: GoogleAppsScript.URL_Fetch.URLFetchRequestOptions = {
    method,
    muteHttpExceptions: true,
    headers: { Authorization: `Bearer ${config.apiKey}`, ...headers },
    ...(body === undefined ? {} : { contentType: "application/json", payload: JSON.stringify(body) }),
  };
  let last: ApiFailure | null = null;
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
      const technical = `cannot reach ${config.apiUrl} (${errorMessage(error)})`;
      last = new ApiFailure(sentence(0, "unavailable"), 0, "unavailable", attempts, undefined, technical);
      failures++;
      if (failures >= MAX_ATTEMPTS) break;
      waitMs = BACKOFF_MS * 2 ** (failures - 1);
      continue;
    }
    // An empty answer is null.
    if (status >= 200 && status < 300) return JSON.parse(text || "null");
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
      // Not JSON (a proxy's error page): the status says what kind of failure it was.
    }
    const failure = new ApiFailure(
      sentence(status, code, details, message),
      status,
      code,
      attempts,
      details,
      `HTTP ${status} ${code}: ${message}`,
    );
    last = failure;
    const serverWait = retryAfterMs(responseHeaders, details);
    if (status === 409 && IN_PROGRESS.has(code)) {
      // Another request is writing (e.g. ours, before a crash): wait as told and ask again, same request.
      const wait = serverWait ?? 1000;
      if (waitedMs + wait > MAX_IN_PROGRESS_WAIT_MS) throw failure;
      waitedMs += wait;
      waitMs = wait;
      continue;
    }
    if (!retriable(status)) throw failure;
    failures++;
    if (failures >= MAX_ATTEMPTS) break;
    waitMs = Math.max(BACKOFF_MS * 2 ** (failures - 1), serverWait ?? 0);
  }
  // Out of attempts: the last reason stands, counted over every attempt.
  const final = last!;
  throw new ApiFailure(final.message, final.status, final.code, attempts, final.details, final.technical);
}
