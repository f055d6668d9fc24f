// The API's routes under /v1, and the OpenAPI document describing them (generated on its first request, or the
// one the Lambda bundle carries prebuilt).
import type { RouteConfig } from "@hono/zod-openapi";
import { Hono } from "hono";

import type { AppDeps } from "../app/config.js";
import type { AppEnv } from "../app/context.js";
import { handleError, handleNotFound } from "../middleware/error/index.js";
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

export const OPENAPI_PATH = "/v1/openapi.json";

/**
 * The API as its own app, which createApp (api/app/app.ts) loads on the first /v1 request and hands each /v1
 * request to, after its own middleware (headers, compression, CORS, body limits).
 */
export function apiApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.onError(handleError);
  app.notFound(handleNotFound);
  const { authLimiter } = deps;
  if (!authLimiter) throw new Error("createApp gives the API its failed-authentication count");
  app.use("*", async (c, next) => {
    c.set("authLimiter", authLimiter);
    await next();
  });
  mountApiRoutes(app, deps);
  return app;
}

/** Mounts the API's routes on `app`; returns their configs (what the OpenAPI document describes). */
export function mountApiRoutes(app: Hono<AppEnv>, deps: AppDeps): RouteConfig[] {
  const routes = mountRouters(app, "/v1", [
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
  let document: Promise<unknown> | undefined;
  app.get(OPENAPI_PATH, async (c) => {
    document ??= import("./openapi-document.js").then(({ openApiDocument }) => openApiDocument(routes));
    return c.json(await document);
  });
  return routes;
}
