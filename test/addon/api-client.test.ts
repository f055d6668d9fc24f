// The add-on's API client (addon/api-client.ts) on the Apps Script double: how it waits when the server says
// another request is still writing (409 request_in_progress / sync_in_progress), and how it honours
// Retry-After; every attempt of one call carries the same headers (so the same Idempotency-Key).
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DIST } from "../support/gas/load-addon.js";
import { createGas, type Gas } from "../support/gas/services.js";

const API = "https://okr.example";
const globals = globalThis as Record<string, unknown>;
// What build.ts compiles into the bundle (the manifest's allowlist), set before the module reads it.
globals.__OKR_URL_ALLOWLIST__ = [`${API}/`];
const { ApiFailure, callApi, MAX_IN_PROGRESS_WAIT_MS } = await import("../../addon/api-client.js");
type ApiFailure = InstanceType<typeof ApiFailure>;

let gas: Gas;
const seen: Record<string, string>[] = [];
const config = { apiUrl: API, apiKey: "okr_x" };

beforeEach(() => {
  gas = createGas({ htmlDir: DIST, manifest: { urlFetchWhitelist: [`${API}/`] } });
  globals.UrlFetchApp = gas.globals.UrlFetchApp;
  globals.Utilities = gas.globals.Utilities;
  seen.length = 0;
});
afterEach(() => {
  delete globals.UrlFetchApp;
  delete globals.Utilities;
});

/** Answers the calls in turn with these (status, body, headers), recording each call's headers. */
function answers(...list: { status: number; error?: object; headers?: Record<string, string> }[]) {
  gas.intercept((_url, params) => {
    seen.push({ ...(params.headers ?? {}) });
    const next = list.shift() ?? { status: 200 };
    return {
      status: next.status,
      body: JSON.stringify(next.error ? { error: next.error } : { ok: true }),
      headers: next.headers ?? {},
    } as never;
  });
}

const inProgress = (code: string, seconds?: number) => ({
  status: 409,
  error: { code, message: "still writing", ...(seconds ? { details: { retryAfterSeconds: seconds } } : {}) },
});

describe("callApi and requests still being written", () => {
  it("waits as Retry-After says on 409 request_in_progress, then asks again with the same key", () => {
    answers(
      { ...inProgress("request_in_progress"), headers: { "retry-after": "3" } },
      { ...inProgress("request_in_progress"), headers: { "Retry-After": "1" } },
    );
    const result = callApi(config, "post", "/sheets/s/sync", { rows: [] }, { "Idempotency-Key": "k-1" });
    expect(result).toEqual({ ok: true });
    expect(gas.sleeps).toEqual([3000, 1000]);
    expect(seen.map((headers) => headers["Idempotency-Key"])).toEqual(["k-1", "k-1", "k-1"]);
  });

  it("reads the wait from the answer's details when there is no header (sync_in_progress)", () => {
    answers(inProgress("sync_in_progress", 2));
    callApi(config, "post", "/sheets/s/sync", {});
    expect(gas.sleeps).toEqual([2000]);
  });

  it("gives up after waiting its budget, saying what the server said", () => {
    answers(...Array.from({ length: 100 }, () => inProgress("request_in_progress", 10)));
    let failure: unknown;
    try {
      callApi(config, "post", "/sheets/s/sync", {});
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(ApiFailure);
    expect((failure as ApiFailure).code).toBe("request_in_progress");
    expect(gas.sleeps.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(MAX_IN_PROGRESS_WAIT_MS);
    expect(gas.sleeps.every((ms) => ms === 10_000)).toBe(true);
  });

  it("waits at least the server's Retry-After on 503, and its own backoff otherwise", () => {
    answers(
      { status: 503, error: { code: "store_unavailable", message: "down" }, headers: { "Retry-After": "2" } },
      { status: 503, error: { code: "store_unavailable", message: "down" } },
    );
    callApi(config, "get", "/sheets");
    expect(gas.sleeps).toEqual([2000, 1000]);
  });

  it("does not wait on a 409 that is an answer (stale_revision)", () => {
    answers({ status: 409, error: { code: "stale_revision", message: "moved on" } });
    expect(() => callApi(config, "post", "/sheets/s/sync", {})).toThrow(ApiFailure);
    expect(gas.sleeps).toEqual([]);
  });
});
