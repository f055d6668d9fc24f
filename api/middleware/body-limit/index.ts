// Rejects bodies over the limit with 413 before they are read in full (Content-Length or streamed count).
import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { ApiError } from "../../app/errors.js";

export function limitBody(maxBytes: number): MiddlewareHandler {
  return bodyLimit({
    maxSize: maxBytes,
    onError: () => {
      throw new ApiError(413, "payload_too_large", `The request body is larger than ${maxBytes} bytes`, {
        maxBytes,
      });
    },
  });
}
