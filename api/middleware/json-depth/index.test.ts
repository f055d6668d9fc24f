import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { handleError } from "../error/index.js";
import { limitJsonDepth, MAX_JSON_DEPTH, nestsDeeperThan } from "./index.js";

const app = new Hono();
app.onError(handleError);
app.use("*", limitJsonDepth());
app.post("/echo", async (c) =>
  c.req.header("Content-Type")?.startsWith("application/json")
    ? c.json({ parsed: typeof (await c.req.json()) })
    : c.json({ length: (await c.req.text()).length }),
);

const post = (body: string, type = "application/json") =>
  app.request("/echo", { method: "POST", body, headers: { "Content-Type": type } });

describe("JSON nesting limit", () => {
  it("counts arrays and objects inside each other, not brackets inside strings", () => {
    expect(nestsDeeperThan('{"a":[{"b":[]}]}', 4)).toBe(false);
    expect(nestsDeeperThan('{"a":[{"b":[]}]}', 3)).toBe(true);
    expect(nestsDeeperThan('{"a":"[[[[[[[[[[", "b": "\\\\\\"[[[["}', 1)).toBe(false);
    expect(nestsDeeperThan("[1,[2],[3],[4]]", 2)).toBe(false);
  });

  it("passes the deepest real request (a sync row's links) and refuses deeper before parsing", async () => {
    const sync = JSON.stringify({ rows: [{ contributesTo: ["O-1"] }] });
    expect((await post(sync)).status).toBe(200);
    const deep = `${"[".repeat(MAX_JSON_DEPTH + 1)}${"]".repeat(MAX_JSON_DEPTH + 1)}`;
    const res = await post(deep);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: {
        code: "json_too_deep",
        message: `The request body nests arrays and objects more than ${MAX_JSON_DEPTH} levels deep; no request of this API needs that many`,
        details: { maxDepth: MAX_JSON_DEPTH },
      },
    });
  });

  it("refuses a 2 MB body nested a million levels deep (JSON.parse of it blocks the event loop)", async () => {
    const body = `${"[".repeat(1_000_000)}${"]".repeat(1_000_000)}`;
    expect(body.length).toBe(2_000_000);
    const res = await post(body, "application/json; charset=utf-8");
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe("json_too_deep");
  });

  it("leaves other bodies to their own parsers", async () => {
    const form = await app.request("/echo", {
      method: "POST",
      body: "[".repeat(100),
      headers: { "Content-Type": "text/plain" },
    });
    expect(form.status).toBe(200);
    expect(await form.json()).toEqual({ length: 100 });
  });
});
