// Liveness (/health: the process answers) and readiness (/ready: it can also reach its database).

import { ErrorSchema, HealthSchema, ReadySchema } from "../../shared/contract.js";
import { route } from "../../shared/wire.js";
import type { AppDeps } from "../app/config.js";
import { errorBody, STORE_RETRY_AFTER_SECONDS } from "../middleware/error/index.js";
import { createRoute, newRouter } from "./router.js";

const health = createRoute({
  ...route("GET /health"),
  summary: "Liveness: the API answers (does not touch the database)",
  responses: { 200: { description: "OK", content: { "application/json": { schema: HealthSchema } } } },
});

const ready = createRoute({
  ...route("GET /ready"),
  summary: "Readiness: the API answers and reaches its database (one small read)",
  responses: {
    200: { description: "Ready", content: { "application/json": { schema: ReadySchema } } },
    503: {
      description: "The database cannot be reached (Retry-After says when to ask again)",
      content: { "application/json": { schema: ErrorSchema } },
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
