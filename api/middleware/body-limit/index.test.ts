import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { handleError } from "../error/index.js";
import { limitBody } from "./index.js";

const app = new Hono();
app.onError(handleError);
app.use("*", limitBody(1_000));
app.post("/echo", async (c) => c.json({ length: (await c.req.text()).length }));

describe("body limit", () => {
  it("passes bodies within the limit", async () => {
    const res = await app.request("/echo", { method: "POST", body: "x".repeat(1_000) });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ length: 1_000 });
  });

  it("refuses a larger body with 413 and the limit", async () => {
    const res = await app.request("/echo", { method: "POST", body: "x".repeat(1_001) });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({
      error: {
        code: "payload_too_large",
        message: "The request body is larger than 1000 bytes",
        details: { maxBytes: 1_000 },
      },
    });
  });

  it("counts streamed bodies without a Content-Length", async () => {
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 5; i++) controller.enqueue(new TextEncoder().encode("y".repeat(400)));
        controller.close();
      },
    });
    const res = await app.request("/echo", { method: "POST", body: stream, duplex: "half" } as RequestInit);
    expect(res.status).toBe(413);
  });
});
