// The API's bare address leads a person to the dashboard.
import { afterAll, beforeAll, expect, it } from "vitest";
import { startTestApp } from "../support/api-server.js";

let api: Awaited<ReturnType<typeof startTestApp>>;
beforeAll(async () => {
  api = await startTestApp();
});
afterAll(() => api?.close());

it("GET / redirects to the dashboard, which asks a stranger to sign in", async () => {
  const root = await api.app.request("/");
  expect(root.status).toBe(302);
  expect(root.headers.get("Location")).toBe("/dashboard/tree");
  const tree = await api.app.request("/dashboard/tree");
  expect(tree.status).toBe(303);
  expect(tree.headers.get("Location")).toContain("/dashboard/sign-in");
});
