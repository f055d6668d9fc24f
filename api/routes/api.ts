// The API's routes under /v1, each route module loaded on the first request it serves: a cold start's first
// sync loads the sync's routes, schemas and service, not the read model, the history or the exports (npm run
// bench:lambda). And the OpenAPI document describing them all (generated on its first request, or the one the
// Lambda bundle carries prebuilt).
import { type Context, Hono } from "hono";

import { baseApp } from "../app/base-app.js";
import type { AppDeps } from "../app/config.js";
import type { AppEnv } from "../app/context.js";

export const OPENAPI_PATH = "/v1/openapi.json";

type RouteModule = (deps: AppDeps) => Hono<AppEnv>;

/**
 * Each route module and the routes ("METHOD /path" under /v1) it declares, which api/routes/api.test.ts holds
 * equal to its router's; the order of ./all-routes.ts.
 */
export const ROUTE_MODULES: { load: () => Promise<RouteModule>; routes: string[] }[] = [
  { load: () => import("./health.js").then((m) => m.healthRoutes), routes: ["GET /health", "GET /ready"] },
  {
    load: () => import("./keys.js").then((m) => m.keyRoutes),
    routes: ["POST /keys", "GET /keys", "DELETE /keys/{keyId}"],
  },
  {
    load: () => import("./sheets.js").then((m) => m.sheetRoutes),
    routes: [
      "POST /sheets/{sheetId}/sync",
      "GET /sheets/{sheetId}",
      "GET /sheets",
      "POST /sheets/{sheetId}/rows/{rowId}/restore",
    ],
  },
  {
    load: () => import("./rollup.js").then((m) => m.readRoutes),
    routes: [
      "GET /kpis",
      "GET /objectives",
      "GET /cycles",
      "GET /rollup",
      "GET /rollup/list",
      "GET /rollup.csv",
    ],
  },
  {
    load: () => import("./check-ins.js").then((m) => m.checkInRoutes),
    routes: [
      "POST /sheets/{sheetId}/key-results/{krId}/check-ins",
      "POST /sheets/{sheetId}/check-ins",
      "GET /key-results/{krId}/check-ins",
      "GET /objectives/{objectiveId}/check-ins",
    ],
  },
  {
    load: () => import("./cycles.js").then((m) => m.cycleRoutes),
    routes: ["POST /sheets/{sheetId}/cycles/close", "GET /rows/{rowId}/history"],
  },
  { load: () => import("./exports.js").then((m) => m.exportRoutes), routes: ["GET /key-results.csv"] },
  {
    load: () => import("./people.js").then((m) => m.peopleRoutes),
    routes: [
      "GET /people",
      "POST /people",
      "DELETE /people/{email}",
      "POST /sheets/{sheetId}/url",
      "GET /sheets/{sheetId}/comments",
      "POST /sheets/{sheetId}/comments",
      "POST /sheets/{sheetId}/review",
      "GET /sheets/{sheetId}/review",
    ],
  },
  {
    load: () => import("./history.js").then((m) => m.historyRoutes),
    routes: [
      "GET /sheets/{sheetId}/history",
      "GET /sheets/{sheetId}/rows/{rowId}/history",
      "GET /since-review",
      "GET /since-review.csv",
      "GET /review-meetings",
      "POST /review-meetings",
    ],
  },
];

/**
 * The API as its own app, which createApp (api/app/app.ts) loads on the first /v1 request and hands each /v1
 * request to, after its own middleware (headers, compression, CORS, body limits).
 */
export function apiApp(deps: AppDeps): Hono<AppEnv> {
  const { authLimiter } = deps;
  if (!authLimiter) throw new Error("createApp gives the API its failed-authentication count");
  const newApp = () => baseApp(authLimiter);
  const app = newApp();
  for (const { load, routes } of ROUTE_MODULES) {
    let module: Promise<Hono<AppEnv>> | undefined;
    const serve = async (c: Context<AppEnv>) => {
      module ??= load().then((routes) => newApp().route("/v1", routes(deps)));
      return (await module).fetch(c.req.raw, c.env);
    };
    for (const name of routes) {
      const [method, path] = name.split(" ") as [string, string];
      app.on(method, `/v1${path.replaceAll(/\/{(.+?)}/g, "/:$1")}`, serve);
    }
  }
  let document: Promise<unknown> | undefined;
  app.get(OPENAPI_PATH, async (c) => {
    document ??= Promise.all([import("./all-routes.js"), import("./openapi-document.js")]).then(
      ([{ mountApiRoutes }, { openApiDocument }]) =>
        openApiDocument(mountApiRoutes(new Hono<AppEnv>(), deps)),
    );
    return c.json(await document);
  });
  return app;
}
