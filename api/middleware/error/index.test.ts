import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { SyncRequestSchema } from "../../../shared/contract.js";
import { okrRow } from "../../../test/api/rows.js";
import { ApiError } from "../../app/errors.js";
import { UnprocessedItemsError } from "../../store/batch.js";
import { handleError, handleNotFound, validationError } from "./index.js";

function appThrowing(error: unknown) {
  const app = new Hono();
  app.onError(handleError);
  app.notFound(handleNotFound);
  app.get("/boom", () => {
    throw error;
  });
  return app;
}

describe("error middleware", () => {
  it("renders ApiError as {error: {code, message, details}} with its status", async () => {
    const res = await appThrowing(
      new ApiError(409, "stale_revision", "Stale", { currentRevision: 3 }),
    ).request("/boom");
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({
      error: { code: "stale_revision", message: "Stale", details: { currentRevision: 3 } },
    });
  });

  it("names malformed JSON", async () => {
    const res = await appThrowing(
      new HTTPException(400, { message: "Malformed JSON in request body" }),
    ).request("/boom");
    expect(res.status).toBe(400);
    expect((await res.json()).error.code).toBe("malformed_json");
  });

  it("turns DynamoDB throttling into 429 with Retry-After", async () => {
    const throttled = Object.assign(new Error("slow down"), {
      name: "ProvisionedThroughputExceededException",
    });
    const res = await appThrowing(throttled).request("/boom");
    expect(res.status).toBe(429);
    expect(res.headers.get("Retry-After")).toBe("1");
    const unprocessed = await appThrowing(new UnprocessedItemsError(3)).request("/boom");
    expect(unprocessed.status).toBe(429);
    expect((await unprocessed.json()).error.code).toBe("throttled");
  });

  it("turns an unreachable database into 503 store_unavailable with Retry-After, not internal_error", async () => {
    const original = console.error;
    console.error = () => {};
    try {
      const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:8000"), {
        code: "ECONNREFUSED",
        $metadata: { attempts: 5 },
      });
      const timeout = Object.assign(new Error("Connection timed out"), { name: "TimeoutError" });
      const outage = Object.assign(new Error("Internal server error"), {
        name: "InternalServerError",
        $metadata: { httpStatusCode: 500 },
      });
      const wrapped = new Error("query failed", {
        cause: Object.assign(new Error("reset"), { code: "ECONNRESET" }),
      });
      for (const error of [refused, timeout, outage, wrapped]) {
        const res = await appThrowing(error).request("/boom");
        expect(res.status).toBe(503);
        expect(res.headers.get("Retry-After")).toBe("2");
        const body = await res.json();
        expect(body.error.code).toBe("store_unavailable");
        expect(body.error.message).toContain("retry");
      }
      // a request the database refused is no outage
      const invalid = Object.assign(new Error("Item size has exceeded the maximum allowed size"), {
        name: "ValidationException",
        $metadata: { httpStatusCode: 400 },
      });
      expect((await appThrowing(invalid).request("/boom")).status).toBe(500);
    } finally {
      console.error = original;
    }
  });

  it("carries an ApiError's headers (Retry-After on a 409 in progress)", async () => {
    const res = await appThrowing(
      new ApiError(409, "request_in_progress", "wait", { retryAfterSeconds: 3 }, { "Retry-After": "3" }),
    ).request("/boom");
    expect(res.status).toBe(409);
    expect(res.headers.get("Retry-After")).toBe("3");
  });

  it("names application/json when the body's type is not JSON (415)", async () => {
    const res = await appThrowing(new HTTPException(415, { message: "Unsupported Media Type" })).request(
      "/boom",
    );
    expect(res.status).toBe(415);
    expect((await res.json()).error).toEqual({
      code: "unsupported_media_type",
      message: "Send the request body as JSON, with the header 'Content-Type: application/json'",
    });
  });

  it("hides internals of unexpected errors", async () => {
    const original = console.error;
    console.error = () => {};
    try {
      const res = await appThrowing(new Error("secret table name")).request("/boom");
      expect(res.status).toBe(500);
      const body = await res.json();
      expect(body.error.code).toBe("internal_error");
      expect(JSON.stringify(body)).not.toContain("secret");
    } finally {
      console.error = original;
    }
  });

  it("answers unknown paths with a JSON 404", async () => {
    const res = await appThrowing(null).request("/nope");
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe("not_found");
  });

  it("names the failing field of a validation error, through unions", () => {
    const schema = z.object({
      rows: z.array(z.union([z.object({ target: z.number() }), z.strictObject({ id: z.string() })])),
    });
    const result = schema.safeParse({ rows: [{ target: 1 }, { target: "abc" }] });
    const error = validationError(result.error!, "request body");
    expect(error.status).toBe(400);
    expect(error.message).toContain("rows[1].target");
    const whole = validationError(schema.safeParse(null).error!, "request body");
    expect(whole.message).toBe("Invalid request body: Invalid input: expected object, received null");
  });

  it("names the allowed values of a row's type, not the stub's 'type must be absent'", () => {
    const body = {
      baseRevision: 0,
      rows: [{ ...okrRow("KR-1", { row: 14 }), hash: "0123456789abcdef", type: "goal" }],
    };
    const result = SyncRequestSchema.safeParse(body);
    const error = validationError(result.error!, "request body", body);
    expect(error.message).toBe(
      "Invalid request body: rows[0].type (sheet row 14, ID 'KR-1'): " +
        'Invalid option: expected one of "objective"|"key_result"|"kpi"',
    );
  });
});
