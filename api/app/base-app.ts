// What every Hono app of the API starts from: the error pages and the failed-authentication count its
// middleware reads. createApp (./app.ts) and the lazily loaded API (../routes/api.ts) both build on it.
import { Hono } from "hono";
import { TrieRouter } from "hono/router/trie-router";
import type { FailedAuthLimiter } from "../middleware/auth/failures.js";
import { handleError, handleNotFound } from "../middleware/error/index.js";
import type { AppEnv } from "./context.js";

export function baseApp(authLimiter: FailedAuthLimiter): Hono<AppEnv> {
  // The trie router, not Hono's default (which builds one regular expression of all routes on the first
  // request): each of these apps answers a cold start's first request, where building it cost ~4 ms CPU
  // (npm run bench:lambda); a trie matches the same routes the same way (trailing slashes too), built as added.
  const app = new Hono<AppEnv>({ router: new TrieRouter() });
  app.onError(handleError);
  app.notFound(handleNotFound);
  app.use("*", async (c, next) => {
    c.set("authLimiter", authLimiter);
    await next();
  });
  return app;
}
