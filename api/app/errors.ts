// The one error type routes throw; the error middleware turns it into {error: {code, message, details}}.
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { ErrorCode } from "../../shared/wire.js";

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    /** One of the contract's codes (shared/wire.ts), so the add-on can tell them apart. */
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    /** Headers the answer carries, e.g. Retry-After on a 409 request_in_progress. */
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** Whole seconds until `until` (at least 1): what a Retry-After header says. */
export function secondsUntil(until: string | number, now: Date): number {
  const at = typeof until === "number" ? until : Date.parse(until);
  return Math.max(1, Math.ceil((at - now.getTime()) / 1000));
}

/** A 409 that says "this is being done right now; ask again in a moment", with Retry-After. */
export function inProgress(code: ErrorCode, message: string, retryAfterSeconds: number): ApiError {
  return new ApiError(
    409,
    code,
    message,
    { retryAfterSeconds },
    { "Retry-After": String(retryAfterSeconds) },
  );
}

export const notFound = (what: string) => new ApiError(404, "not_found", `${what} was not found`);
export const forbidden = (message: string) => new ApiError(403, "forbidden", message);
