import { createRoute } from "@hono/zod-openapi";
import { HealthSchema } from "../../shared/contract.js";
import type { AppDeps } from "../config.js";
import { newRouter } from "./router.js";

const health = createRoute({
  method: "get",
  path: "/health",
  summary: "Liveness: the API answers (does not touch the database)",
  responses: { 200: { description: "OK", content: { "application/json": { schema: HealthSchema } } } },
});

export function healthRoutes(deps: AppDeps) {
  return newRouter().openapi(health, (c) =>
    c.json({ status: "ok" as const, time: deps.now().toISOString() }, 200),
  );
}
