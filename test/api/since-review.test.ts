// "Since last review" for a scripted quarter: objectives added, removed and moved to another parent, a target moved
// toward the current value (flagged) and one away, a weight changed, a key result dropped mid-cycle, a new off
// track and a recovery, check-ins with notes, quiet key results; by team, as CSV, and from the last review meeting.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { historyChanges } from "../../api/history/since-review.js";
import type { OkrRow } from "../../shared/model.js";
import { createOrg, startTestApp } from "../support/api-server.js";
import { caller } from "./client.js";
import { full, objective, okrRow } from "./rows.js";

let clock = new Date("2026-10-01T08:00:00Z");
const at = (iso: string) => {
  clock = new Date(iso);
};
let api: Awaited<ReturnType<typeof startTestApp>>;
let http: ReturnType<typeof caller>;
let admin: string;
let reader: string;
let orgId: string;

beforeAll(async () => {
  api = await startTestApp({ now: () => clock });
  http = caller((request) => api.app.fetch(request));
  ({ adminKey: admin, orgId } = await createOrg(api.store, "Quarter AB", clock));
  reader = await http.createKey(admin, { role: "reader" });
});
afterAll(() => api?.close());

async function syncRows(sheetId: string, rows: OkrRow[]) {
  const current = (await http.get(`/v1/sheets/${sheetId}`, admin)).json?.revision ?? 0;
  const res = await http.sync(sheetId, admin, {
    baseRevision: current,
    name: sheetId,
    timeZone: "Europe/Oslo",
    rows: rows.map(full),
  });
  expect(res.status, res.text).toBe(200);
}

const company = [
  objective("C-1", { team: "Ledelse", level: "company", row: 2 }),
  objective("C-2", { team: "Ledelse", level: "company", row: 3 }),
];
const o = objective("S-O", { team: "Sales", alignsTo: "C-1", row: 2 });
const kr = (id: string, extra: Partial<OkrRow> = {}) =>
  okrRow(id, { objectiveId: "S-O", team: "Sales", start: 0, target: 100, current: 50, ...extra });
const week1 = [
  o,
  kr("KR-F12", { row: 3, target: 150, current: 100 }),
  kr("KR-F13", { row: 4, current: 0 }),
  kr("KR-F14", { row: 5, current: 40 }),
  kr("KR-F15", { row: 6, current: 60 }),
];

describe("since last review, over a scripted quarter", () => {
  it("tells each change as it happened, with the week, the key and the flags", async () => {
    at("2026-10-01T08:00:00Z");
    await syncRows("company", company);
    await syncRows("sales", week1);
    at("2026-10-20T08:00:00Z");
    await http.post("/v1/sheets/sales/key-results/KR-F15/check-ins", admin, {
      value: 60,
      note: "Steady",
      author: "Kari",
    });

    // week 44: the bar for F12 lowered to meet the result, F13 recovered and weighted up, F14 dropped, S-O moved to
    // C-2, a new objective; week 45: F15's target raised (away from current), a check-in with a note on F13
    at("2026-10-27T09:00:00Z");
    await syncRows("sales", [
      { ...o, alignsTo: "C-2" },
      kr("KR-F12", { row: 3, target: 110, current: 100 }),
      kr("KR-F13", { row: 4, current: 60, weight: 2 }),
      kr("KR-F15", { row: 6, current: 60 }),
      objective("S-O2", { team: "Sales", alignsTo: "C-1", row: 8 }),
    ]);
    at("2026-11-03T09:00:00Z");
    await syncRows("sales", [
      { ...o, alignsTo: "C-2" },
      kr("KR-F12", { row: 3, target: 110, current: 100 }),
      kr("KR-F13", { row: 4, current: 60, weight: 2 }),
      kr("KR-F15", { row: 6, current: 10, target: 300 }),
      objective("S-O2", { team: "Sales", alignsTo: "C-1", row: 8 }),
    ]);
    await http.post("/v1/sheets/sales/key-results/KR-F13/check-ins", admin, {
      value: 60,
      note: "=Signed two partners",
      author: "Ola",
    });
    await syncRows("company", [company[1]!]);

    at("2026-11-06T12:00:00Z");
    const res = await http.get("/v1/since-review?from=2026-10-21&to=2026-11-05", reader);
    expect(res.status, res.text).toBe(200);
    const report = res.json;
    expect(report).toMatchObject({ basis: "dates", fromDay: "2026-10-21", toDay: "2026-11-05", team: null });
    const changes = report.changes.map((c: Record<string, unknown>) => [c.kind, c.id, c.from, c.to, c.week]);
    expect(changes).toEqual([
      ["target_moved", "KR-F12", 150, 110, "2026-W44"],
      ["weight_changed", "KR-F13", 1, 2, "2026-W44"],
      ["dropped", "KR-F14", null, null, "2026-W44"],
      ["parent_moved", "S-O", "C-1", "C-2", "2026-W44"],
      ["added", "S-O2", null, null, "2026-W44"],
      ["removed", "C-1", null, null, "2026-W45"],
      ["target_moved", "KR-F15", 100, 300, "2026-W45"],
    ]);
    const moved = (id: string) =>
      report.changes.find((c: { id: string; kind: string }) => c.id === id && c.kind === "target_moved");
    expect(moved("KR-F12").towardCurrent).toBe(true);
    expect(moved("KR-F15").towardCurrent).toBe(false);
    expect(moved("KR-F12").by).toMatch(/^key:/);
    expect(report.statusChanges.map((s: Record<string, unknown>) => [s.kind, s.id, s.from, s.to])).toEqual([
      ["new_off_track", "KR-F15", "on_track", "off_track"],
      ["recovered", "KR-F13", "at_risk", "on_track"],
    ]);
    expect(report.checkIns.map((c: Record<string, unknown>) => [c.krId, c.note])).toEqual([
      ["KR-F13", "=Signed two partners"],
    ]);
    // F12 and F15 have had no update since 1 October (F15's Current moved on 3 November: updated)
    expect(report.quiet.map((kr: { id: string }) => kr.id).sort()).toEqual(["KR-F12"]);

    // by team: the company's removed objective is not Sales'
    const sales = (await http.get("/v1/since-review?from=2026-10-21&to=2026-11-05&team=Sales", reader)).json;
    expect(sales.changes.map((c: { id: string }) => c.id)).not.toContain("C-1");
    expect(sales.changes).toHaveLength(6);

    // CSV: a line per item, the note formula-safe
    const csv = await http.get("/v1/since-review.csv?from=2026-10-21&to=2026-11-05", reader);
    expect(csv.status).toBe(200);
    expect(csv.headers.get("Content-Type")).toMatch(/^text\/csv/);
    const lines = csv.text.trim().split("\r\n");
    expect(lines[0]).toBe("section,kind,id,title,team,sheet_id,from,to,at,week,by,toward_current,note");
    expect(lines).toHaveLength(1 + 7 + 2 + 1 + 1);
    expect(csv.text).toContain("'=Signed two partners");
    expect(lines.find((line) => line.includes("KR-F12") && line.startsWith("change"))).toContain(",true,");
  });

  it("is the digest's change source where history exists (each change with its time)", async () => {
    const source = await historyChanges(
      api.store,
      orgId,
      "2026-10-21T00:00:00Z",
      "2026-11-06T00:00:00Z",
      "Europe/Oslo",
      14,
    );
    expect(source).not.toBeNull();
    const feed = source!(null, { week: "2026-W45", takenAt: "2026-11-06T00:00:00Z", rows: {} });
    expect(feed.basis).toBe("history");
    expect(feed.changes.map((change) => [change.kind, change.id])).toEqual([
      ["target_moved", "KR-F12"],
      ["removed", "KR-F14"],
      ["target_moved", "KR-F15"],
    ]);
    expect(feed.changes[0]).toMatchObject({
      from: 150,
      to: 110,
      towardCurrent: true,
      at: "2026-10-27T09:00:00.000Z",
    });
    // an organisation with no history yet keeps the snapshot comparison
    const fresh = await createOrg(api.store, "Fresh AB", clock);
    expect(
      await historyChanges(api.store, fresh.orgId, "2026-10-21T00:00:00Z", "2026-11-06T00:00:00Z", "UTC", 14),
    ).toBeNull();
  });

  it("starts from the last review meeting recorded, else the last 7 days", async () => {
    at("2026-11-06T12:00:00Z");
    const last7 = (await http.get("/v1/since-review", reader)).json;
    expect(last7).toMatchObject({ basis: "last_days", from: "2026-10-30T12:00:00.000Z" });
    expect(last7.changes.map((c: { id: string }) => c.id)).toEqual(["C-1", "KR-F15"]);
    // only admins record a meeting
    expect((await http.post("/v1/review-meetings", reader, { team: "Sales" })).status).toBe(403);
    at("2026-11-04T10:00:00Z");
    const held = await http.post("/v1/review-meetings", admin, { team: "Sales" });
    expect(held.status, held.text).toBe(201);
    at("2026-11-06T12:00:00Z");
    const sales = (await http.get("/v1/since-review?team=Sales", reader)).json;
    expect(sales).toMatchObject({ basis: "last_review", from: "2026-11-04T10:00:00.000Z" });
    expect(sales.changes).toEqual([]);
    // the organisation's own window is not the team's meeting
    expect((await http.get("/v1/since-review", reader)).json.basis).toBe("last_days");
    expect((await http.get("/v1/review-meetings?team=Sales", reader)).json.meetings).toHaveLength(1);
  });
});
