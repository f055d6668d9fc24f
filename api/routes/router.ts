// Every router is an OpenAPIHono whose validation failures become our 400 error body.
import { OpenAPIHono } from "@hono/zod-openapi";
import { ErrorSchema } from "../../shared/contract.js";
import type { AppEnv } from "../app/context.js";
import { validationError } from "../middleware/error/index.js";

export function newRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: async (result, c) => {
      if (result.success) return;
      // The validator hands no raw input on failure; the body is cached, so read it to name sheet rows.
      const data = result.target === "json" ? await c.req.json().catch(() => undefined) : undefined;
      throw validationError(result.error, result.target === "json" ? "request body" : result.target, data);
    },
  });
}

/** A JSON response of the OpenAPI document: what it is and its schema. */
export const json = <T>(description: string, schema: T) => ({
  description,
  content: { "application/json": { schema } },
});

const errorResponse = (description: string) => json(description, ErrorSchema);

/** Error responses every authenticated route may give, for the OpenAPI document. */
export const ERROR_RESPONSES = {
  400: errorResponse("Invalid request (which field, what is wrong)"),
  401: errorResponse("Missing, invalid or revoked API key"),
  403: errorResponse("The key's role or sheet does not allow this"),
  404: errorResponse("Not found in this organisation"),
  429: errorResponse("Throttled; retry later"),
} as const;

export const SECURITY = [{ apiKey: [] }];

export const jsonBody = <T>(schema: T) => ({
  required: true,
  content: { "application/json": { schema } },
});
