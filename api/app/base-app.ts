// What every Hono app of the API starts from: the error pages and the failed-authentication count its
// middleware reads. createApp (./app.ts) and the lazily loaded API (../routes/api.ts) both build on it.
import { Hono } from "hono";
import type { FailedAuthLimiter } from "../middleware/auth/failures.js";
import { handleError, handleNotFound } from "../middleware/error/index.js";
import type { AppEnv } from "./context.js";

export function baseApp(authLimiter: FailedAuthLimiter): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.onError(handleError);
  app.notFound(handleNotFound);
  app.use("*", async (c, next) => {
    c.set("authLimiter", authLimiter);
    await next();
  });
  return app;
}
