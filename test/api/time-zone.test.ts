// One "today": the spreadsheet's time zone. At 22:30 UTC on 14 October it is already the 15th in Stockholm,
// where the sheet's TODAY() says 15 October; the server computes Expected and Status for that day, keeps the
// first time zone it is sent as the organisation's, and the rollup and its quiet days count in it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrg, startTestApp } from "../support/api-server.js";
import { caller } from "./client.js";
import { full, sheet } from "./rows.js";

const NOW = new Date("2026-10-14T22:30:00Z");
/** Q4 2026 has 92 days; on 15 October 14 of them have passed, on the 14th 13. */
const STOCKHOLM_EXPECTED = 14 / 92;
const UTC_EXPECTED = 13 / 92;

let api: Awaited<ReturnType<typeof startTestApp>>;
let http: ReturnType<typeof caller>;

beforeAll(async () => {
  api = await startTestApp({ now: () => NOW });
  http = caller((request) => api.app.fetch(request));
});
afterAll(() => api?.close());

const expectedOf = (json: { computed: { id: string; expected: number }[] }, id: string) =>
  json.computed.find((c) => c.id === id)?.expected;

describe("the organisation's time zone", () => {
  it("computes for the day the sheet's time zone is in, and keeps the first zone as the organisation's", async () => {
    const { orgId, adminKey } = await createOrg(api.store, "Nordic", NOW);
    const first = await http.sync("stockholm", adminKey, {
      baseRevision: 0,
      rows: sheet("STO", 1).map(full),
      timeZone: "Europe/Stockholm",
    });
    expect(first.status).toBe(200);
    expect(expectedOf(first.json, "STO-KR1")).toBeCloseTo(STOCKHOLM_EXPECTED, 12);
    expect(await api.store.getOrg(orgId)).toMatchObject({ timeZone: "Europe/Stockholm" });

    // A sheet that sends none gets the organisation's day; one that sends another zone gets its own day, and
    // the organisation keeps the zone it had.
    const none = await http.sync("no-zone", adminKey, { baseRevision: 0, rows: sheet("NZ", 1).map(full) });
    expect(expectedOf(none.json, "NZ-KR1")).toBeCloseTo(STOCKHOLM_EXPECTED, 12);
    const london = await http.sync("london", adminKey, {
      baseRevision: 0,
      rows: sheet("LON", 1).map(full),
      timeZone: "Europe/London",
    });
    expect(expectedOf(london.json, "LON-KR1")).toBeCloseTo(UTC_EXPECTED, 12);
    expect(await api.store.getOrg(orgId)).toMatchObject({ timeZone: "Europe/Stockholm" });

    // The rollup's today is the organisation's.
    const rollup = await http.get("/v1/rollup?cycle=2026-Q4", adminKey);
    expect(rollup.json.asOf).toBe("2026-10-15");
    const node = rollup.json.roots.find((r: { id: string }) => r.id === "STO-O");
    expect(node.expected).toBeCloseTo(STOCKHOLM_EXPECTED, 12);

    // So is the dashboard's.
    const signIn = await api.app.request(
      new Request("http://okr.test/dashboard/sign-in", {
        method: "POST",
        headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "http://okr.test" },
        body: new URLSearchParams({ key: adminKey, next: "/dashboard/tree" }).toString(),
        redirect: "manual",
      }),
    );
    const cookie = /okr_session=[^;]+/.exec(signIn.headers.get("Set-Cookie") ?? "")?.[0] ?? "";
    const page = await api.app.request(
      new Request("http://okr.test/dashboard/tree?cycle=2026-Q4", { headers: { Cookie: cookie } }),
    );
    expect(page.status).toBe(200);
    // Expected 14/92 = 15% on the 15th (it would read 14% on the 14th, UTC's day).
    const text = await page.text();
    expect(text).toContain("Expected 15%");
    expect(text).not.toContain("Expected 14%");
  });

  it("an organisation without one counts in UTC, as before", async () => {
    const { adminKey } = await createOrg(api.store, "Plain", NOW);
    const res = await http.sync("utc", adminKey, { baseRevision: 0, rows: sheet("UTC", 1).map(full) });
    expect(expectedOf(res.json, "UTC-KR1")).toBeCloseTo(UTC_EXPECTED, 12);
    expect((await http.get("/v1/rollup?cycle=2026-Q4", adminKey)).json.asOf).toBe("2026-10-14");
  });

  it("counts a check-in's day in the organisation's zone for 'quiet' key results", async () => {
    const zoned = await createOrg(api.store, "Quiet Nordic", NOW);
    const plain = await createOrg(api.store, "Quiet Plain", NOW);
    const quietIds = async (adminKey: string, timeZone?: string) => {
      // No Current yet, so the check-in is the key result's only update (a synced new value would be one too).
      await http.sync("team", adminKey, {
        baseRevision: 0,
        rows: sheet("Q", 1, { current: null }).map(full),
        ...(timeZone ? { timeZone } : {}),
      });
      // 22:30 UTC on 1 October: the 2nd in Stockholm, the 1st in UTC. Fourteen days before the 15th is the 1st.
      const checkIn = await http.post("/v1/sheets/team/key-results/Q-KR1/check-ins", adminKey, {
        value: 20,
        author: "ada@example.com",
        at: "2026-10-01T22:30:00Z",
      });
      expect(checkIn.status).toBe(201);
      const rollup = await http.get("/v1/rollup?cycle=2026-Q4&asOf=2026-10-15", adminKey);
      return rollup.json.insights.quiet.map((kr: { id: string }) => kr.id);
    };
    expect(await quietIds(zoned.adminKey, "Europe/Stockholm")).toEqual([]);
    expect(await quietIds(plain.adminKey)).toEqual(["Q-KR1"]);
  });

  it("refuses a time zone that is not one, saying what it expects", async () => {
    const { adminKey } = await createOrg(api.store, "Typo", NOW);
    const res = await http.sync("typo", adminKey, {
      baseRevision: 0,
      rows: sheet("TY", 1).map(full),
      timeZone: "Europe/Stokholm",
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain("expected an IANA time zone such as Europe/Stockholm");
  });
});
