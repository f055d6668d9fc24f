// The one Hono app: composed of small routers with app.route(); runs on Node, Lambda and app.request().
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { compress } from "hono/compress";
import { cors } from "hono/cors";
import { secureHeaders } from "hono/secure-headers";
import { withKeyCache } from "../auth/key-cache.js";
import { appApi } from "../import/connect.js";
import { IMPORT_LIMITS } from "../import/limits.js";
import { FailedAuthLimiter } from "../middleware/auth/failures.js";
import { limitBody } from "../middleware/body-limit/index.js";
import { limitJsonDepth } from "../middleware/json-depth/index.js";
import { baseApp } from "./base-app.js";
import type { AppDeps } from "./config.js";
import type { AppEnv } from "./context.js";

export type { AppConfig, AppDeps } from "./config.js";

/** The dashboard's bodies are the sign-in and sign-out forms, and the upload form's files. */
const DASHBOARD_MAX_BODY_BYTES = 16 * 1024;
/** The upload form of the Sheets page (api/dashboard): the import's file limit plus the form's own parts. */
const DASHBOARD_IMPORT_PATH = "/dashboard/sheets/import";
const DASHBOARD_IMPORT_MAX_BODY_BYTES = IMPORT_LIMITS.fileBytes + 64 * 1024;

export function createApp(appDeps: AppDeps): Hono<AppEnv> {
  // One failed-authentication count per app (per Lambda instance), shared by the API and the dashboard.
  const authLimiter = appDeps.authLimiter ?? new FailedAuthLimiter();
  // Keys are believed for a few seconds once read (revoking through this app clears them): api/auth/key-cache.ts.
  const deps: AppDeps = { ...appDeps, authLimiter, store: withKeyCache(appDeps.store) };
  const app = baseApp(authLimiter);
  app.use("*", secureHeaders());
  // gzip for clients that ask: a large organisation's rollup is megabytes of JSON, and Lambda's
  // response limit is 6 MB (hono/aws-lambda sends compressed bodies base64-encoded).
  app.use("*", compress());
  if (deps.config.corsOrigins.length > 0) {
    // Only for browser callers on listed origins; the add-on calls server-to-server and needs none.
    app.use(
      "/v1/*",
      cors({
        origin: deps.config.corsOrigins,
        allowHeaders: ["Authorization", "Content-Type", "Idempotency-Key"],
        allowMethods: ["GET", "POST", "DELETE"],
        maxAge: 600,
      }),
    );
  }
  app.use("/v1/*", limitBody(deps.config.maxBodyBytes));
  app.use("/v1/*", limitJsonDepth());

  // A person who opens the API's address meets the dashboard (which asks them to sign in), not a JSON 404.
  app.get("/", (c) => c.redirect("/dashboard/tree", 302));
  // The API's routes (their zod schemas, the sync and the read model) load on the first /v1 request, not at
  // import: a Lambda's start-up is mostly parsing what it imports (npm run bench:lambda).
  let api: Promise<Hono<AppEnv>> | undefined;
  app.all("/v1/*", async (c) => {
    api ??= import("../routes/api.js").then(({ apiApp }) => apiApp(deps));
    return (await api).fetch(await forwardedRequest(c), c.env);
  });

  // The leaders' dashboard: server-rendered pages with their own session cookie (no API key in the browser).
  // Loaded on its first request, so the API's cold start (every sheet's sync) does not pay for its pages.
  let dashboard: Promise<Hono> | undefined;
  const formLimit = limitBody(DASHBOARD_MAX_BODY_BYTES);
  // Too large an upload is refused before it is read, with the page that says so (not a JSON error).
  const uploadLimit = bodyLimit({
    maxSize: DASHBOARD_IMPORT_MAX_BODY_BYTES,
    onError: (c) => c.redirect("/dashboard/sheets?error=too_large", 303),
  });
  app.use("/dashboard/*", (c, next) =>
    c.req.path === DASHBOARD_IMPORT_PATH ? uploadLimit(c, next) : formLimit(c, next),
  );
  app.all("/dashboard/*", async (c) => {
    dashboard ??= import("../dashboard/index.js").then(({ dashboardRoutes }) =>
      new Hono().route("/dashboard", dashboardRoutes(deps, appApi(app))),
    );
    // The runtime's env goes along: the dashboard's sign-in needs the client's address too.
    return (await dashboard).fetch(c.req.raw, c.env);
  });

  return app;
}

/**
 * The request as the API's routes read it. Its body may already have been read here (the JSON depth check
 * reads the text, which the request keeps), so it is handed on as those bytes rather than the spent stream.
 */
async function forwardedRequest(c: Context<AppEnv>): Promise<Request> {
  const raw = c.req.raw;
  if (!raw.bodyUsed) return raw;
  return new Request(raw.url, { method: raw.method, headers: raw.headers, body: await c.req.arrayBuffer() });
}
