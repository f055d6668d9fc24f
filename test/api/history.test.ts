// The history of every row: each sync keeps the version each changed row held (sheet revision, time, key), and
// the rollup of a past day is that day's rows, replayed: equal to the rollup taken on the day itself.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { liveSheets } from "../../api/read/index.js";
import type { OkrRow } from "../../shared/model.js";
import { buildRollup } from "../../shared/rollup.js";
import { createOrg, startTestApp } from "../support/api-server.js";
import { caller } from "./client.js";
import { full, objective, okrRow } from "./rows.js";

let clock = new Date("2026-10-05T10:00:00Z");
const at = (iso: string) => {
  clock = new Date(iso);
};
let api: Awaited<ReturnType<typeof startTestApp>>;
let http: ReturnType<typeof caller>;
let admin: string;
let orgId: string;

beforeAll(async () => {
  api = await startTestApp({ now: () => clock });
  http = caller((request) => api.app.fetch(request));
  ({ adminKey: admin, orgId } = await createOrg(api.store, "History AB", clock));
});
afterAll(() => api?.close());

const TZ = "Europe/Stockholm";

async function syncRows(sheetId: string, rows: OkrRow[], key = admin) {
  const current = (await http.get(`/v1/sheets/${sheetId}`, key)).json?.revision ?? 0;
  const res = await http.sync(sheetId, key, {
    baseRevision: current,
    name: sheetId,
    timeZone: TZ,
    rows: rows.map(full),
  });
  expect(res.status, res.text).toBe(200);
  return res.json as { revision: number; written: number; deleted: number };
}
const rollup = async (asOf?: string) => {
  const res = await http.get(`/v1/rollup?cycle=2026-Q4${asOf ? `&asOf=${asOf}` : ""}`, admin);
  expect(res.status, res.text).toBe(200);
  return res.json;
};

describe("the history of every row", () => {
  it("keeps the version each sync replaces, with its revision, time and key; unchanged rows keep none", async () => {
    const writer = await http.createKey(admin, { role: "writer", sheetId: "h1" });
    const rows = [
      objective("H1-O", { row: 2 }),
      okrRow("H1-KR1", { objectiveId: "H1-O", row: 3, target: 150 }),
      okrRow("H1-KR2", { objectiveId: "H1-O", row: 4 }),
    ];
    at("2026-10-05T10:00:00Z");
    expect((await syncRows("h1", rows, writer)).revision).toBe(1);
    expect(await api.store.listRowVersions(orgId, "h1")).toEqual([]);
    at("2026-10-12T10:00:00Z");
    const moved = [rows[0]!, { ...rows[1]!, target: 250 }];
    expect(await syncRows("h1", moved)).toMatchObject({ revision: 2, written: 1, deleted: 1 });
    const kept = await api.store.listRowVersions(orgId, "h1");
    // KR1 (target moved) and KR2 (removed): their versions of revision 1, written by the writer key
    expect(kept.map((v) => [v.id, v.revision, v.target, v.deleted, v.writtenAt])).toEqual([
      ["H1-KR1", 1, 150, false, "2026-10-05T10:00:00.000Z"],
      ["H1-KR2", 1, 100, false, "2026-10-05T10:00:00.000Z"],
    ]);
    const keys = (await http.get("/v1/keys", admin)).json.keys as { id: string; role: string }[];
    const writerKey = keys.find((key) => key.role === "writer")!;
    expect(kept.every((v) => v.writtenBy === `key:${writerKey.id}`)).toBe(true);
    // the rows now: written by the admin key at revision 2
    const now = (await http.get("/v1/sheets/h1", admin)).json.rows as {
      id: string;
      revision: number;
      deleted: boolean;
    }[];
    expect(now.map((row) => [row.id, row.revision, row.deleted])).toEqual([
      ["H1-O", 1, false],
      ["H1-KR1", 2, false],
      ["H1-KR2", 2, true],
    ]);
  });

  it("replays the rollup of a past day exactly as it was taken that day (that day's rows, not today's)", async () => {
    const o = objective("Q-O", { row: 2, team: "Sales", level: "team" });
    const kr = (n: number, extra: Partial<OkrRow> = {}) =>
      okrRow(`Q-KR${n}`, { objectiveId: "Q-O", row: 2 + n, target: 100, current: 10 * n, ...extra });
    const snapshots = new Map<string, unknown>();
    const snap = async (day: string) => snapshots.set(day, await rollup());

    at("2026-10-05T09:00:00Z");
    // an organisation of its own: nothing else written on these days
    ({ adminKey: admin, orgId } = await createOrg(api.store, "Replay AB", clock));
    await syncRows("q", [o, kr(1), kr(2), kr(3)]);
    await snap("2026-10-05");

    at("2026-10-19T12:00:00Z");
    await syncRows("q", [o, kr(1, { current: 40 }), kr(2, { target: 30 }), kr(3)]);
    const check = await http.post("/v1/sheets/q/key-results/Q-KR3/check-ins", admin, {
      value: 35,
      note: "Two deals closed",
      author: "Kari",
    });
    expect(check.status, check.text).toBe(201);
    await snap("2026-10-19");

    // 23:30 UTC is 01:30 the next morning in Stockholm: that is the 20th's rows
    at("2026-10-19T23:30:00Z");
    await syncRows("q", [o, kr(1, { current: 40 }), kr(2, { target: 30 }), kr(4, { current: 0 })]);
    await snap("2026-10-20");

    at("2026-11-02T08:00:00Z");
    await syncRows("q", [
      { ...o, title: "Win the Nordics" },
      kr(1, { current: 80 }),
      kr(2, { target: 30, current: 30 }),
      kr(4, { current: 5, weight: 2 }),
    ]);
    await snap("2026-11-02");

    at("2026-11-20T08:00:00Z");
    for (const [day, taken] of snapshots) expect(await rollup(day), `the rollup of ${day}`).toEqual(taken);
    // and what is not the same: today's rows judged on a past day
    const naive = buildRollup(await liveSheets(api.store, orgId), {
      cycle: "2026-Q4",
      asOf: "2026-10-05",
      lastCheckIns: new Map(),
      timeZone: TZ,
    });
    expect(naive).not.toEqual(snapshots.get("2026-10-05"));
    // the 19th does not see the row that came at 01:30 on the 20th (Stockholm), which the 20th does
    expect(snapshots.get("2026-10-19")).not.toEqual(snapshots.get("2026-10-20"));
    // a day between two syncs is the earlier sync's rows: the objective's old title, not today's
    const title = (rollup: { roots: { id: string; title: string }[] }) =>
      rollup.roots.find((root) => root.id === "Q-O")?.title;
    expect(title(await rollup("2026-11-01"))).toBe("Objective Q-O");
    expect(title(await rollup())).toBe("Win the Nordics");
  });
});
