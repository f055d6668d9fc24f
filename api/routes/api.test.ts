// The API's dispatch (./api.ts) loads each route module on the first request it serves, from a table of the
// routes each module declares: that table must be exactly what the modules' routers declare (a route missing
// from it would answer 404), and every route must reach its module.
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrg, startTestApp } from "../../test/support/api-server.js";
import { DEFAULT_CONFIG } from "../app/config.js";
import type { AppEnv } from "../app/context.js";
import { mountApiRoutes } from "./all-routes.js";
import { ROUTE_MODULES } from "./api.js";
import { mountRouters } from "./router.js";

const deps = { store: {} as never, now: () => new Date(), config: DEFAULT_CONFIG };
const names = (routes: { method: string; path: string }[]) =>
  routes.map(({ method, path }) => `${method.toUpperCase()} ${path.replace(/^\/v1/, "")}`);

let t: Awaited<ReturnType<typeof startTestApp>>;
let adminKey: string;
beforeAll(async () => {
  t = await startTestApp();
  adminKey = (await createOrg(t.store, "Dispatch AB")).adminKey;
});
afterAll(() => t?.close());

describe("the API's dispatch to its route modules", () => {
  it("lists each module's routes exactly as its router declares them, and together all the API's routes", async () => {
    for (const { load, routes } of ROUTE_MODULES) {
      const router = (await load())(deps);
      expect(names(mountRouters(new Hono<AppEnv>(), "/v1", [router]))).toEqual(routes);
    }
    expect(ROUTE_MODULES.flatMap(({ routes }) => routes)).toEqual(
      names(mountApiRoutes(new Hono<AppEnv>(), deps)),
    );
  });

  it("hands every route to its module (none answers 'No endpoint'), and an unknown one to none", async () => {
    for (const name of ROUTE_MODULES.flatMap(({ routes }) => routes)) {
      const [method, path] = name.split(" ") as [string, string];
      const url = `/v1${path.replaceAll(/{.+?}/g, "dispatch-x")}`;
      // A key and a JSON body, so a route answers for itself (its 400, 404 or 200), not the first check's 401.
      const res = await t.app.request(url, {
        method,
        headers: {
          authorization: `Bearer ${adminKey}`,
          "content-type": "application/json",
          "idempotency-key": `dispatch-${name}`,
        },
        ...(method === "GET" || method === "DELETE" ? {} : { body: "{}" }),
      });
      const body = await res.text();
      expect(body, name).not.toContain("No endpoint");
      expect(res.status, name).not.toBe(500);
    }
    const unknown = await t.app.request("/v1/sheets/x/unknown", { method: "POST" });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: { code: "not_found" } });
    expect((await t.app.request("/v1/sheets", { method: "PUT" })).status).toBe(404);
  });
});
