// Health, OpenAPI, headers, catalog, cycles, rollup (JSON and CSV) and check-ins through app.request().
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrg, startTestApp } from "../support/api-server.js";
import { caller } from "./client.js";
import { full, objective, okrRow } from "./rows.js";

const NOW = new Date("2026-11-15T12:00:00Z");
let api: Awaited<ReturnType<typeof startTestApp>>;
let http: ReturnType<typeof caller>;
let admin: string;
let reader: string;
let writer: string;

beforeAll(async () => {
  api = await startTestApp({ now: () => NOW, config: { corsOrigins: ["https://dashboard.example"] } });
  http = caller((request) => api.app.fetch(request));
  admin = (await createOrg(api.store, "Acme", NOW)).adminKey;
  reader = await http.createKey(admin, { role: "reader" });
  writer = await http.createKey(admin, { role: "writer", sheetId: "team" });
  const company = [
    objective("C-1", { level: "company", title: "=Grow the business", team: "Leadership", row: 2 }),
    okrRow("C-1-KR", { objectiveId: "C-1", current: 40, row: 3 }),
    objective("OLD", { cycle: "2026-Q3", row: 4 }),
  ];
  const team = [
    objective("T-1", { alignsTo: "C-1", title: "Win the north", team: "Nord", row: 2 }),
    okrRow("T-1-KR", { objectiveId: "T-1", current: 80, row: 3 }),
  ];
  expect(
    (await http.sync("company", admin, { baseRevision: 0, name: "Company", rows: company.map(full) })).status,
  ).toBe(200);
  expect(
    (await http.sync("team", writer, { baseRevision: 0, name: "Nord", rows: team.map(full) })).status,
  ).toBe(200);
});
afterAll(() => api?.close());

describe("public endpoints and headers", () => {
  it("answers health without a key", async () => {
    const res = await http.get("/v1/health", null);
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ status: "ok", time: NOW.toISOString() });
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("Strict-Transport-Security")).toContain("max-age");
  });

  it("serves an OpenAPI document generated from the schemas", async () => {
    const res = await http.get("/v1/openapi.json", null);
    expect(res.status).toBe(200);
    expect(res.json.openapi).toMatch(/^3\./);
    for (const path of [
      "/v1/sheets/{sheetId}/sync",
      "/v1/objectives",
      "/v1/rollup",
      "/v1/rollup.csv",
      "/v1/keys",
    ]) {
      expect(Object.keys(res.json.paths)).toContain(path);
    }
    expect(JSON.stringify(res.json)).toContain("baseRevision");
    expect(res.json.components.securitySchemes.apiKey.scheme).toBe("bearer");
  });

  it("sends CORS headers to listed browser origins only", async () => {
    const allowed = await http.send("OPTIONS", "/v1/rollup", null, undefined, {
      Origin: "https://dashboard.example",
      "Access-Control-Request-Method": "GET",
    });
    expect(allowed.headers.get("Access-Control-Allow-Origin")).toBe("https://dashboard.example");
    const other = await http.send("GET", "/v1/health", null, undefined, { Origin: "https://evil.example" });
    expect(other.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });
});

describe("catalog, cycles and rollup", () => {
  it("lists alignable objectives across sheets with their alignment, optionally for one cycle", async () => {
    const all = await http.get("/v1/objectives", writer);
    // What each aligns and contributes to: a sheet's quality check sees that T-1 supports C-1.
    expect(all.json.objectives).toContainEqual({
      id: "T-1",
      title: "Win the north",
      team: "Nord",
      owner: "Kari Nordmann",
      level: "team",
      cycle: "2026-Q4",
      sheetId: "team",
      alignsTo: "C-1",
      contributesTo: [],
    });
    const q4 = await http.get("/v1/objectives?cycle=2026-Q4", writer);
    expect(q4.json.objectives.map((o: { id: string }) => o.id).sort()).toEqual(["C-1", "T-1"]);
  });

  it("lists the cycles in use", async () => {
    const res = await http.get("/v1/cycles", reader);
    expect(res.json.cycles).toEqual(expect.arrayContaining(["2026-Q3", "2026-Q4"]));
  });

  it("rolls a cycle up across every sheet", async () => {
    const res = await http.get("/v1/rollup?cycle=2026-Q4", reader);
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ cycle: "2026-Q4", asOf: "2026-11-15" });
    expect(JSON.stringify(res.json.roots)).toContain("C-1");
    expect(JSON.stringify(res.json.roots)).toContain("T-1");
    expect(JSON.stringify(res.json)).not.toContain("OLD");
    expect((await http.get("/v1/rollup?cycle=2026-Q4&asOf=2026-12-31", reader)).json.asOf).toBe("2026-12-31");
    expect((await http.get("/v1/rollup", reader)).status).toBe(400);
    expect((await http.get("/v1/rollup?cycle=2026-Q4&asOf=tomorrow", reader)).status).toBe(400);
  });

  it("exports the rollup as CSV, formula-like cells quoted", async () => {
    const res = await http.get("/v1/rollup.csv?cycle=2026-Q4", reader);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toContain("text/csv");
    expect(res.headers.get("Content-Disposition")).toContain("okr-rollup-2026-Q4.csv");
    const lines = res.text.trimEnd().split("\r\n");
    expect(lines[0]).toMatch(/^cycle,id,parent_id/);
    expect(res.text).toContain("'=Grow the business");
    expect(res.text).not.toMatch(/,=Grow/);
    expect(lines.some((line) => line.includes(",T-1,"))).toBe(true);
  });
});

describe("check-ins", () => {
  it("records a check-in with value, confidence, note, who and when", async () => {
    const res = await http.post("/v1/sheets/team/key-results/T-1-KR/check-ins", writer, {
      value: 85,
      confidence: 0.8,
      note: "Två nya kunder",
      author: "kari@example.no",
    });
    expect(res.status).toBe(201);
    expect(res.json).toEqual({
      krId: "T-1-KR",
      objectiveId: "T-1",
      sheetId: "team",
      value: 85,
      confidence: 0.8,
      note: "Två nya kunder",
      author: "kari@example.no",
      at: NOW.toISOString(),
    });
    await http.post("/v1/sheets/team/key-results/T-1-KR/check-ins", writer, {
      value: 60,
      author: "kari@example.no",
      at: "2026-11-01T09:00:00+01:00",
    });
  });

  it("lists history per key result and per objective, oldest first", async () => {
    const perKr = await http.get("/v1/key-results/T-1-KR/check-ins", reader);
    expect(perKr.json.checkIns.map((c: { value: number; at: string }) => [c.value, c.at])).toEqual([
      [60, "2026-11-01T08:00:00.000Z"],
      [85, NOW.toISOString()],
    ]);
    const perObjective = await http.get("/v1/objectives/T-1/check-ins", writer);
    expect(perObjective.json.checkIns.map((c: { value: number }) => c.value)).toEqual([60, 85]);
  });

  it("refuses check-ins on unknown key results or with bad values", async () => {
    expect(
      (await http.post("/v1/sheets/team/key-results/nope/check-ins", writer, { value: 1, author: "x" }))
        .status,
    ).toBe(404);
    expect(
      (await http.post("/v1/sheets/team/key-results/T-1/check-ins", writer, { value: 1, author: "x" }))
        .status,
    ).toBe(404);
    // One rule for confidence scales: 2 is 0.2 on a 1-10 scale; 250 is on none.
    const bad = await http.post("/v1/sheets/team/key-results/T-1-KR/check-ins", writer, {
      value: 1,
      confidence: 250,
      author: "x",
    });
    expect(bad.status).toBe(400);
    expect(bad.json.error.message).toContain("confidence");
    const words = await http.post("/v1/sheets/team/key-results/T-1-KR/check-ins", writer, {
      value: "lots",
      author: "x",
    });
    expect(words.status).toBe(400);
    expect(words.json.error.message).toBe("value: 'lots' is not a number for this key result");
    expect(
      (await http.post("/v1/sheets/team/key-results/T-1-KR/check-ins", writer, { value: 1 })).status,
    ).toBe(400);
  });
});
