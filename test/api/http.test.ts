// The same API over real HTTP: the node server on a random loopback port, dynalite behind it.
import { request as httpRequest } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrg, startApiServer } from "../support/api-server.js";
import { caller } from "./client.js";
import { full, okrRow, sheet, stub } from "./rows.js";

let api: Awaited<ReturnType<typeof startApiServer>>;
let http: ReturnType<typeof caller>;
let admin: string;
let writer: string;
let otherOrgAdmin: string;

beforeAll(async () => {
  api = await startApiServer({ config: { maxBodyBytes: 100_000 } });
  http = caller((request) => fetch(request), api.url);
  admin = (await createOrg(api.store, "Acme")).adminKey;
  otherOrgAdmin = (await createOrg(api.store, "Other")).adminKey;
  writer = await http.createKey(admin, { role: "writer", sheetId: "ops" });
});
afterAll(() => api?.close());

describe("sync over HTTP", () => {
  const rows = sheet("H", 4);

  it("syncs, re-syncs unchanged with zero writes, deletes and restores", async () => {
    const first = await http.sync("ops", writer, { baseRevision: 0, name: "Ops", rows: rows.map(full) });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ revision: 1, written: 5 });

    api.counter.reset();
    const same = await http.sync("ops", writer, { baseRevision: 1, rows: rows.map(stub) });
    expect(same.json).toMatchObject({ revision: 1, written: 0, deleted: 0, unchanged: 5 });
    expect(api.counter.writes()).toBe(0);

    const deleted = await http.sync("ops", writer, { baseRevision: 1, rows: rows.slice(0, 4).map(stub) });
    expect(deleted.json).toMatchObject({ revision: 2, deleted: 1 });
    const restored = await http.post("/v1/sheets/ops/rows/H-KR4/restore", writer);
    expect(restored.json).toMatchObject({ revision: 3, row: { id: "H-KR4", deleted: false } });
  });

  it("replays an idempotent retry and refuses a stale revision", async () => {
    const body = {
      baseRevision: 3,
      rows: [...rows.map(stub), full(okrRow("H-KR5", { objectiveId: "H-O", row: 7 }))],
    };
    const first = await http.sync("ops", writer, body, { "Idempotency-Key": "http-1" });
    const retry = await http.sync("ops", writer, body, { "Idempotency-Key": "http-1" });
    expect(first.json.revision).toBe(4);
    expect(retry.text).toBe(first.text);
    const stale = await http.sync("ops", writer, body, { "Idempotency-Key": "http-2" });
    expect(stale.status).toBe(409);
    expect(stale.json.error.details.changed.map((c: { id: string }) => c.id)).toEqual(["H-KR5"]);
  });

  it("keeps organisations apart", async () => {
    expect((await http.get("/v1/sheets/ops", otherOrgAdmin)).status).toBe(404);
    expect((await http.get("/v1/objectives", otherOrgAdmin)).json.objectives).toEqual([]);
  });

  it("refuses malformed and oversized bodies", async () => {
    const malformed = await http.send("POST", "/v1/sheets/ops/sync", writer, "[1,", {
      "Content-Type": "application/json",
    });
    expect(malformed.status).toBe(400);
    expect(malformed.json.error.code).toBe("malformed_json");
    const big = Array.from({ length: 200 }, (_, i) =>
      full(okrRow(`B${i}`, { notes: "n".repeat(600), row: i + 2 })),
    );
    const oversized = await http.sync("ops", writer, { baseRevision: 4, rows: big });
    expect(oversized.status).toBe(413);
    expect(oversized.json.error.code).toBe("payload_too_large");
  });

  it("refuses an oversized chunked body (no Content-Length) too", async () => {
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = httpRequest(
        `${api.url}/v1/sheets/ops/sync`,
        {
          method: "POST",
          headers: { Authorization: `Bearer ${writer}`, "Content-Type": "application/json" },
        },
        (res) => {
          let text = "";
          res.on("data", (chunk) => {
            text += chunk;
          });
          res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
        },
      );
      req.on("error", reject);
      for (let i = 0; i < 30; i++) req.write("x".repeat(5_000));
      req.end();
    });
    expect(status).toBe(413);
    expect(JSON.parse(body).error.code).toBe("payload_too_large");
  });
});
