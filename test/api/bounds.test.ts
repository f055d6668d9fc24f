// What time and numbers can do: check-ins not from the future, real calendar dates, sane weights.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrg, startTestApp } from "../support/api-server.js";
import { caller } from "./client.js";
import { full, objective, okrRow } from "./rows.js";

const NOW = new Date("2026-11-15T12:00:00Z");
let api: Awaited<ReturnType<typeof startTestApp>>;
let http: ReturnType<typeof caller>;
let admin: string;

beforeAll(async () => {
  api = await startTestApp({ now: () => NOW });
  http = caller((request) => api.app.fetch(request));
  admin = (await createOrg(api.store, "Bounds AB", NOW)).adminKey;
  const rows = [objective("W-O", { row: 2 }), okrRow("W-KR1", { objectiveId: "W-O", row: 3 })];
  expect((await http.sync("w", admin, { baseRevision: 0, rows: rows.map(full) })).status).toBe(200);
});
afterAll(() => api?.close());

const checkIn = (at: string) =>
  http.post("/v1/sheets/w/key-results/W-KR1/check-ins", admin, { value: 5, author: "Ada", at });

describe("check-in times", () => {
  it("refuses a check-in from the future with a clear 400 (it would be 'last update' for ever)", async () => {
    const res = await checkIn("9999-12-31T23:59:59Z");
    expect(res.status).toBe(400);
    expect(res.json.error).toMatchObject({
      code: "check_in_in_future",
      details: { at: "9999-12-31T23:59:59Z", now: NOW.toISOString() },
    });
    expect(res.json.error.message).toContain("later than now");
    expect((await checkIn("2026-11-15T12:10:00Z")).status).toBe(400);
    expect((await checkIn("1970-01-01T00:00:00Z")).json.error.code).toBe("check_in_too_old");
    const history = await http.get("/v1/key-results/W-KR1/check-ins", admin);
    expect(history.json.checkIns).toEqual([]);
  });

  it("accepts a clock a few minutes fast, and any offset, stored in UTC", async () => {
    const res = await checkIn("2026-11-15T13:03:00+01:00");
    expect(res.status).toBe(201);
    expect(res.json.at).toBe("2026-11-15T12:03:00.000Z");
  });
});

describe("calendar dates", () => {
  it("answers 400 for an asOf that is no real day", async () => {
    for (const asOf of ["2026-02-30", "9999-99-99", "2026-13-01", "2026-04-31"]) {
      const res = await http.get(`/v1/rollup?cycle=2026-Q4&asOf=${asOf}`, admin);
      expect(res.status, asOf).toBe(400);
      expect(res.json.error.message).toContain("real calendar date");
    }
    expect((await http.get("/v1/rollup?cycle=2026-Q4&asOf=2028-02-29", admin)).status).toBe(200);
    expect((await http.get("/v1/rollup.csv?cycle=2026-Q4&asOf=2026-02-30", admin)).status).toBe(400);
  });

  it("reports a cycle whose dates do not exist on its row", async () => {
    const rows = [objective("CY-O", { cycle: "2026-02-30..2026-03-31", row: 2 })];
    const res = await http.sync("cy", admin, { baseRevision: 0, rows: rows.map(full) });
    expect(res.json.problems.find((p: { code: string }) => p.code === "invalid_cycle")).toMatchObject({
      row: 2,
    });
  });
});

describe("weights", () => {
  it("reports weights too large to mean anything, and the objective's progress stays the mean", async () => {
    const rows = [
      objective("WT-O", { row: 2 }),
      okrRow("WT-KR1", { objectiveId: "WT-O", weight: 1e308, current: 100, row: 3 }),
      okrRow("WT-KR2", { objectiveId: "WT-O", weight: 1e308, current: 0, row: 4 }),
    ];
    const res = await http.sync("wt", admin, { baseRevision: 0, rows: rows.map(full) });
    expect(res.status).toBe(200);
    const problems = res.json.problems.filter((p: { code: string }) => p.code === "weight_out_of_range");
    expect(problems.map((p: { row: number }) => p.row)).toEqual([3, 4]);
    expect(problems[0].message).toContain("too large to be a weight");
    // two equal weights: the mean of 1 and 0, not 0 (1e308 + 1e308 overflowed to Infinity)
    const o = res.json.computed.find((c: { id: string }) => c.id === "WT-O");
    expect(o.progress).toBe(0.5);
  });
});
