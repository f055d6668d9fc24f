// The one error type routes throw; the error middleware turns it into {error: {code, message, details}}.
import type { ContentfulStatusCode } from "hono/utils/http-status";

export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

export const notFound = (what: string) => new ApiError(404, "not_found", `${what} was not found`);
export const forbidden = (message: string) => new ApiError(403, "forbidden", message);
