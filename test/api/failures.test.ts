// Failures say what they are: the database going away answers 503 store_unavailable with Retry-After (not
// 500), the readiness check says so, and liveness stays up.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrg, startTestApp } from "../support/api-server.js";
import { caller } from "./client.js";
import { full, sheet } from "./rows.js";

let api: Awaited<ReturnType<typeof startTestApp>>;
let http: ReturnType<typeof caller>;
let admin: string;
const quiet = console.error;

beforeAll(async () => {
  api = await startTestApp();
  http = caller((request) => api.app.fetch(request));
  admin = (await createOrg(api.store, "Outage AB")).adminKey;
});
afterAll(async () => {
  console.error = quiet;
  api?.clients.client.destroy();
});

describe("the database, up and then gone", () => {
  it("is ready while the database answers", async () => {
    const ready = await http.get("/v1/ready", null);
    expect(ready.status).toBe(200);
    expect(ready.json).toMatchObject({ status: "ready" });
  });

  it("answers 503 with Retry-After once it is gone; /ready says so and /health stays up", async () => {
    await api.local.close();
    console.error = () => {};
    const sync = await http.sync("s", admin, { baseRevision: 0, rows: sheet("X").map(full) });
    expect(sync.status).toBe(503);
    expect(sync.headers.get("Retry-After")).toBe("2");
    expect(sync.json.error.code).toBe("store_unavailable");
    const read = await http.get("/v1/sheets", admin);
    expect(read.status).toBe(503);
    const ready = await http.get("/v1/ready", null);
    expect(ready.status).toBe(503);
    expect(ready.headers.get("Retry-After")).toBe("2");
    expect(ready.json.error.code).toBe("store_unavailable");
    const health = await http.get("/v1/health", null);
    expect(health.status).toBe(200);
    expect(health.json.status).toBe("ok");
  });
});
