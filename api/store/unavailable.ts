// Whether an error from the store means "the database cannot be reached right now" (a retry later may work),
// as opposed to a request the database refused. The API answers the first with 503 and Retry-After.

/** Socket-level failures: the database process is gone, restarting, or unreachable. */
const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
]);

/** The AWS SDK's and DynamoDB's names for an outage or a timeout (after the SDK's own retries). */
const UNAVAILABLE_NAMES = new Set([
  "TimeoutError",
  "RequestTimeout",
  "RequestTimeoutException",
  "InternalServerError",
  "InternalFailure",
  "ServiceUnavailable",
  "ServiceUnavailableException",
  "NetworkingError",
]);

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  cause?: unknown;
  $metadata?: { httpStatusCode?: number };
}

export function isStoreUnavailable(error: unknown): boolean {
  for (let current: unknown = error, depth = 0; current && depth < 5; depth++) {
    const e = current as ErrorLike;
    if (typeof e.name === "string" && UNAVAILABLE_NAMES.has(e.name)) return true;
    if (typeof e.code === "string" && NETWORK_CODES.has(e.code)) return true;
    const status = e.$metadata?.httpStatusCode;
    if (typeof status === "number" && status >= 500) return true;
    current = e.cause;
  }
  return false;
}
