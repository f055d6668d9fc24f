// Liveness (/health: the process answers) and readiness (/ready: it can also reach its database).
// Their responses name their schemas (contractSchema) rather than import them: neither validates anything, so a
// cold start's first health check loads no zod and builds none of shared/contract.ts's schemas.

import { route } from "../../shared/wire.js";
import type { AppDeps } from "../app/config.js";
import { errorBody, STORE_RETRY_AFTER_SECONDS } from "../middleware/error/index.js";
import { contractSchema, createRoute, newRouter } from "./router.js";

const health = createRoute({
  ...route("GET /health"),
  summary: "Liveness: the API answers (does not touch the database)",
  responses: {
    200: { description: "OK", content: { "application/json": { schema: contractSchema("HealthSchema") } } },
  },
});

const ready = createRoute({
  ...route("GET /ready"),
  summary: "Readiness: the API answers and reaches its database (one small read)",
  responses: {
    200: { description: "Ready", content: { "application/json": { schema: contractSchema("ReadySchema") } } },
    503: {
      description: "The database cannot be reached (Retry-After says when to ask again)",
      content: { "application/json": { schema: contractSchema("ErrorSchema") } },
    },
  },
});

export function healthRoutes(deps: AppDeps) {
  return newRouter()
    .openapi(health, (c) => c.json({ status: "ok" as const, time: deps.now().toISOString() }, 200))
    .openapi(ready, async (c) => {
      try {
        await deps.store.ping();
      } catch (error) {
        // Whatever the cause (unreachable, no table, no permission), this instance cannot serve: not ready.
        console.error("Readiness check failed", (error as Error)?.message ?? error);
        c.header("Retry-After", String(STORE_RETRY_AFTER_SECONDS));
        return c.json(
          errorBody("store_unavailable", "The API cannot reach its database; retry shortly"),
          503,
        );
      }
      return c.json({ status: "ready" as const, time: deps.now().toISOString() }, 200);
    });
}
