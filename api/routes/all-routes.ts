// All the API's route modules mounted at once: what the OpenAPI document describes (generated on its first
// request, or prebuilt into the Lambda bundle by api/infra/build-lambda.ts). Requests are served by
// ./api.ts, which loads each route module on the first request it serves.
import type { RouteConfig } from "@hono/zod-openapi";
import type { Hono } from "hono";

import type { AppDeps } from "../app/config.js";
import type { AppEnv } from "../app/context.js";
import { checkInRoutes } from "./check-ins.js";
import { cycleRoutes } from "./cycles.js";
import { exportRoutes } from "./exports.js";
import { healthRoutes } from "./health.js";
import { historyRoutes } from "./history.js";
import { keyRoutes } from "./keys.js";
import { peopleRoutes } from "./people.js";
import { readRoutes } from "./rollup.js";
import { mountRouters } from "./router.js";
import { sheetRoutes } from "./sheets.js";

/** Mounts the API's routes on `app` under /v1; returns their configs (what the OpenAPI document describes). */
export function mountApiRoutes(app: Hono<AppEnv>, deps: AppDeps): RouteConfig[] {
  return mountRouters(app, "/v1", [
    healthRoutes(deps),
    keyRoutes(deps),
    sheetRoutes(deps),
    readRoutes(deps),
    checkInRoutes(deps),
    cycleRoutes(deps),
    exportRoutes(deps),
    peopleRoutes(deps),
    historyRoutes(deps),
  ]);
}
