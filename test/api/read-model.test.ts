// The read model (api/read/): after any mix of syncs, deletions, restores and check-ins the summaries equal a
// summary computed afresh from the stored rows, and every view equals the engine run over every row (the old
// path); a warm view is one read; every kind of write drops the cached views; the rollup pages; and a sync
// that dies on the way never leaves a view that disagrees with the rows.
import { gunzipSync } from "node:zlib";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../api/app/app.js";
import { type AppDeps, DEFAULT_CONFIG } from "../../api/app/config.js";
import { cyclesInUse } from "../../api/read/current.js";
import { liveSheetsWithUpdates } from "../../api/read/live-rows.js";
import { summarize } from "../../api/read/summaries.js";
import { cyclesView, rollupView } from "../../api/read/views.js";
import type { Store } from "../../api/store/types.js";
import type { OkrRow } from "../../shared/model.js";
import { createOrg, startTestApp } from "../support/api-server.js";
import { readModelDisagreements, rollupFromRows as rollupFromRowsOn } from "../support/read-model-check.js";
import { caller } from "./client.js";
import { full, objective, okrRow, stub } from "./rows.js";

const NOW = new Date("2026-11-15T12:00:00Z");
let clock = NOW.getTime();
const now = () => new Date(clock);
let api: Awaited<ReturnType<typeof startTestApp>>;
let http: ReturnType<typeof caller>;
let deps: AppDeps;

beforeAll(async () => {
  api = await startTestApp({ now });
  http = caller((request) => api.app.fetch(request));
  deps = { store: api.store, now, config: DEFAULT_CONFIG };
});
afterAll(() => api?.close());

const CYCLES = ["2026-Q4", "2026-Q3"];
const SHEETS = ["alpha", "beta", "gamma"];
const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

const rollupFromRows = (store: Store, orgId: string, cycle: string, asOf = "2026-11-15") =>
  rollupFromRowsOn(store, orgId, cycle, asOf);

/** Every sheet's summary as stored equals one computed from its rows; every view equals the old path. */
async function expectReadModelMatchesRows(orgId: string) {
  const { summaries, incomplete } = await api.store.readSummaries(orgId);
  expect(incomplete).toEqual([]);
  const stored = await api.store.listOrgSheets(orgId);
  const committed = stored.filter(({ sheet }) => sheet.rowsPending === null && sheet.revision > 0);
  expect(summaries.map((summary) => summary.sheetId).sort()).toEqual(
    committed.map(({ sheet }) => sheet.sheetId).sort(),
  );
  for (const { sheet, rows } of committed) {
    const fresh = summarize(sheet.sheetId, sheet.name, sheet.revision, rows);
    expect(summaries.find((summary) => summary.sheetId === sheet.sheetId)).toEqual(fresh);
  }
  const { checkIns } = await api.store.readSummaries(orgId);
  expect(checkIns).toEqual(await api.store.lastCheckIns(orgId));
  const { sheets, records } = await liveSheetsWithUpdates(api.store, orgId);
  expect(await cyclesView(deps, orgId)).toEqual(cyclesInUse(sheets, records));
  for (const cycle of CYCLES) {
    const view = await rollupView(deps, orgId, { cycle, asOf: "2026-11-15" });
    expect(view.rollup).toEqual(await rollupFromRows(api.store, orgId, cycle));
  }
}

// One sheet's rows: objectives and key results from a small pool of IDs (per sheet, so no sheet takes
// another's), linked within and across sheets, in two cycles, some without a value.
const words = ["grow", "sales", "north", "churn", "hire", "ship", "cost", "quality"];
const rowArb = (sheet: string) =>
  fc
    .record({
      n: fc.integer({ min: 0, max: 5 }),
      kind: fc.constantFrom("objective", "key_result", "kpi"),
      parent: fc.integer({ min: 0, max: 5 }),
      parentSheet: fc.constantFrom(...SHEETS),
      cycle: fc.constantFrom(...CYCLES),
      title: fc.array(fc.constantFrom(...words), { minLength: 2, maxLength: 4 }),
      current: fc.option(fc.integer({ min: 0, max: 100 })),
      level: fc.constantFrom("company", "team", "individual"),
      notes: fc.constantFrom("", "A note"),
    })
    .map((r) => ({ ...r, sheet }));

function rowsOf(picked: ReturnType<typeof rowArb> extends fc.Arbitrary<infer R> ? R[] : never): OkrRow[] {
  const seen = new Set<string>();
  const rows: OkrRow[] = [];
  for (const [i, r] of picked.entries()) {
    const id = `${r.sheet}-${r.kind === "objective" ? "O" : r.kind === "kpi" ? "P" : "K"}${r.n}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const title = r.title.join(" ");
    const cycle = r.cycle;
    if (r.kind === "objective")
      rows.push(
        objective(id, {
          title,
          cycle,
          level: r.level as OkrRow["level"],
          alignsTo: r.parent === 0 ? null : `${r.parentSheet}-O${r.parent}`,
          notes: r.notes,
          row: i + 2,
        }),
      );
    else
      rows.push(
        okrRow(id, {
          type: r.kind as OkrRow["type"],
          title,
          cycle,
          objectiveId: `${r.sheet}-O${r.parent}`,
          current: r.current,
          krType: r.kind === "kpi" ? null : "numeric",
          notes: r.notes,
          row: i + 2,
        }),
      );
  }
  return rows;
}

const opArb = fc.oneof(
  fc.constantFrom(...SHEETS).chain((sheet) =>
    fc.record({
      op: fc.constant("sync" as const),
      sheet: fc.constant(sheet),
      rows: fc.array(rowArb(sheet), { maxLength: 10 }),
      rename: fc.boolean(),
    }),
  ),
  fc.record({
    op: fc.constant("checkIn" as const),
    sheet: fc.constantFrom(...SHEETS),
    n: fc.integer({ min: 0, max: 5 }),
    minutes: fc.integer({ min: -20_000, max: 0 }),
  }),
  fc.record({
    op: fc.constant("restore" as const),
    sheet: fc.constantFrom(...SHEETS),
    n: fc.integer({ min: 0, max: 5 }),
  }),
);

describe("summaries after random syncs, deletions, restores and check-ins", () => {
  it("equal summaries computed afresh from the rows, and the views equal the engine over every row", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 8 }), async (ops) => {
        const { orgId, adminKey } = await createOrg(api.store, `Property ${run++}`, NOW);
        const revisions = new Map<string, number>();
        const held = new Map<string, OkrRow[]>();
        for (const op of ops) {
          if (op.op === "sync") {
            const rows = rowsOf(op.rows);
            const before = new Map((held.get(op.sheet) ?? []).map((row) => [row.id, row]));
            const res = await http.sync(op.sheet, adminKey, {
              baseRevision: revisions.get(op.sheet) ?? 0,
              name: op.rename ? `${op.sheet} ${revisions.get(op.sheet) ?? 0}` : "",
              // rows the server holds unchanged go as stubs, as the add-on sends them
              rows: rows.map((row) =>
                JSON.stringify(before.get(row.id)) === JSON.stringify(row) ? stub(row) : full(row),
              ),
            });
            expect(res.status, res.text).toBe(200);
            revisions.set(op.sheet, res.json.revision);
            held.set(op.sheet, rows);
          } else if (op.op === "checkIn") {
            const res = await http.post(
              `/v1/sheets/${op.sheet}/key-results/${op.sheet}-K${op.n}/check-ins`,
              adminKey,
              { value: 10, author: "Kari", at: new Date(NOW.getTime() + op.minutes * 60_000).toISOString() },
            );
            expect([201, 404]).toContain(res.status);
          } else {
            const id = `${op.sheet}-K${op.n}`;
            const res = await http.post(`/v1/sheets/${op.sheet}/rows/${id}/restore`, adminKey);
            expect([200, 404, 409]).toContain(res.status);
            if (res.status === 200) {
              revisions.set(op.sheet, res.json.revision);
              // the add-on's sheet lacks the row until its next sync: it is held as changed
              held.set(op.sheet, [...(held.get(op.sheet) ?? []), { ...res.json.row, notes: "-" }]);
            }
          }
        }
        await expectReadModelMatchesRows(orgId);
      }),
      { numRuns: 15, seed: 15_2026, endOnFailure: true },
    );
  });
});

describe("the cached views", () => {
  let orgId: string;
  let adminKey: string;
  const company = [
    objective("C-1", { level: "company", title: "Grow the business", row: 2 }),
    okrRow("C-1-KR", { objectiveId: "C-1", current: 5, row: 3 }),
  ];
  const team = [
    objective("T-1", { alignsTo: "C-1", title: "Win the north", row: 2 }),
    okrRow("T-1-KR", { objectiveId: "T-1", current: 80, row: 3 }),
    okrRow("T-1-KR2", { objectiveId: "T-1", current: 10, row: 4 }),
  ];
  let teamRevision = 0;

  beforeAll(async () => {
    ({ orgId, adminKey } = await createOrg(api.store, "Cache AB", NOW));
    await http.sync("company", adminKey, { baseRevision: 0, name: "Company", rows: company.map(full) });
    teamRevision = (
      await http.sync("team", adminKey, { baseRevision: 0, name: "Nord", rows: team.map(full) })
    ).json.revision;
  });

  const view = () => rollupView(deps, orgId, { cycle: "2026-Q4" });

  it("answers a warm view with one read, and the same view", async () => {
    const cold = await view();
    api.counter.reset();
    const warm = await view();
    // one GetItem of the read state (the document client's GetCommand, as the SDK names it)
    expect(Object.fromEntries(api.counter.commands)).toEqual({ GetItemCommand: 1 });
    expect(warm).toEqual(plain(cold));
    expect(warm.rollup).toEqual(await rollupFromRows(api.store, orgId, "2026-Q4"));
  });

  /** The view after a write: recomputed (more than one read), and equal to the engine over the rows. */
  const expectFresh = async () => {
    api.counter.reset();
    const fresh = await view();
    expect(api.counter.commands.get("QueryCommand")).toBeGreaterThan(0);
    expect(fresh.rollup).toEqual(await rollupFromRows(api.store, orgId, "2026-Q4", fresh.rollup.asOf));
    await view();
    return fresh;
  };

  it("drops them on a sync that changes a value", async () => {
    await view();
    team[1] = { ...team[1]!, current: 90 };
    teamRevision = (await http.sync("team", adminKey, { baseRevision: teamRevision, rows: team.map(full) }))
      .json.revision;
    const fresh = await expectFresh();
    expect(fresh.rollup.roots[0]!.children[0]!.progress).toBeCloseTo(0.5);
  });

  it("drops them on a sync that deletes a row, and on a restore", async () => {
    await view();
    const res = await http.sync("team", adminKey, {
      baseRevision: teamRevision,
      rows: team.slice(0, 2).map(stub),
    });
    expect(res.json.deleted).toBe(1);
    expect((await expectFresh()).rollup.roots[0]!.children[0]!.keyResultCount).toBe(1);
    const restored = await http.post("/v1/sheets/team/rows/T-1-KR2/restore", adminKey);
    expect(restored.status).toBe(200);
    teamRevision = restored.json.revision;
    expect((await expectFresh()).rollup.roots[0]!.children[0]!.keyResultCount).toBe(2);
  });

  it("drops them on a renamed sheet and a new sheet", async () => {
    await view();
    teamRevision = (
      await http.sync("team", adminKey, { baseRevision: teamRevision, name: "Nord 2", rows: team.map(stub) })
    ).json.revision;
    await expectFresh();
    await http.sync("extra", adminKey, {
      baseRevision: 0,
      rows: [objective("X-1", { alignsTo: "C-1", row: 2 })].map(full),
    });
    expect((await expectFresh()).rollup.roots[0]!.children.map((node) => node.id)).toContain("X-1");
  });

  it("drops them on a check-in", async () => {
    const lastUpdate = async () =>
      (await view()).rollup.insights.atRisk.find((kr) => kr.id === "C-1-KR")?.lastCheckInAt;
    expect(await lastUpdate()).toBe(NOW.toISOString());
    const at = new Date(NOW.getTime() + 60_000).toISOString();
    const res = await http.post("/v1/sheets/company/key-results/C-1-KR/check-ins", adminKey, {
      value: 6,
      author: "Kari",
      at,
    });
    expect(res.status).toBe(201);
    await expectFresh();
    expect(await lastUpdate()).toBe(at);
  });

  it("drops them when the organisation's time zone changes, and when the day changes", async () => {
    const before = await view();
    const org = (await api.store.getOrg(orgId))!;
    await api.store.putOrg({ ...org, timeZone: "Pacific/Kiritimati" });
    const fresh = await expectFresh();
    expect(fresh.rollup.asOf).toBe("2026-11-16");
    expect(before.rollup.asOf).toBe("2026-11-15");
    await api.store.putOrg({ ...org, timeZone: "Europe/Oslo" });
    await view();
    clock += 86_400_000;
    try {
      api.counter.reset();
      expect((await view()).rollup.asOf).toBe("2026-11-16");
      expect(api.counter.commands.get("QueryCommand")).toBeGreaterThan(0);
    } finally {
      clock = NOW.getTime();
    }
  });
});

describe("the crash suite's check (test/support/read-model-check.ts)", () => {
  it("finds nothing when the read model agrees, and a summary that is not its rows' when one is", async () => {
    const { orgId, adminKey } = await createOrg(api.store, "Check AB", NOW);
    const rows = [
      objective("K-1", { row: 2 }),
      okrRow("K-1-KR", { objectiveId: "K-1", current: 40, row: 3 }),
    ];
    await http.sync("checked", adminKey, { baseRevision: 0, name: "Checked", rows: rows.map(full) });
    expect(await readModelDisagreements(deps, orgId, "2026-11-15")).toEqual([]);
    // A row changed under its summary, at the committed revision: what a write lost from the summary would leave.
    const [stored] = (await api.store.getSheetRows(orgId, "checked")).filter((row) => row.id === "K-1-KR");
    await api.store.putRows(orgId, "checked", [{ ...stored!, current: 90 }]);
    expect(await readModelDisagreements(deps, orgId, "2026-11-15")).toEqual([
      "sheet checked: its summary is not the one its rows make",
      "cycle 2026-Q4: the rollup from the summaries is not the rollup from every row",
    ]);
  });
});

describe("the rollup in pages", () => {
  it("caps every list at the limit, says how long each is, and pages through the rest", async () => {
    const { adminKey } = await createOrg(api.store, "Pages AB", NOW);
    const rows = Array.from({ length: 7 }, (_, i) => objective(`R-${i}`, { level: "team", row: i + 2 }));
    expect((await http.sync("roots", adminKey, { baseRevision: 0, rows: rows.map(full) })).status).toBe(200);
    const whole = await http.get("/v1/rollup?cycle=2026-Q4", adminKey);
    expect(whole.json.roots).toHaveLength(7);
    expect(whole.json.page.lists.roots).toEqual({ total: 7, nextOffset: null, nextCursor: null });

    const first = await http.get("/v1/rollup?cycle=2026-Q4&limit=3", adminKey);
    expect(first.status).toBe(200);
    expect(first.json.roots).toHaveLength(3);
    expect(first.json.insights.unaligned).toHaveLength(3);
    expect(first.json.page).toMatchObject({ limit: 3, lists: { roots: { total: 7, nextOffset: 3 } } });
    expect(first.json.page.lists.unaligned).toMatchObject({ total: 7, nextOffset: 3 });

    const paged = [...first.json.roots];
    let offset: number | null = first.json.page.lists.roots.nextOffset;
    while (offset !== null) {
      const page = await http.get(
        `/v1/rollup/list?cycle=2026-Q4&list=roots&offset=${offset}&limit=3`,
        adminKey,
      );
      expect(page.status).toBe(200);
      expect(page.json).toMatchObject({ list: "roots", offset, limit: 3, total: 7 });
      paged.push(...page.json.items);
      offset = page.json.nextOffset;
    }
    expect(paged).toEqual(whole.json.roots);

    const bad = await http.get("/v1/rollup/list?cycle=2026-Q4&list=nope", adminKey);
    expect(bad.status).toBe(400);
    expect((await http.get("/v1/rollup?cycle=2026-Q4&limit=0", adminKey)).status).toBe(400);
  });
});

describe("the rollup's lists by cursor", () => {
  // Roots in three teams, each with key results at risk (no value): every list the test pages is long.
  const rowsOf = (team: string, count: number, current: number | null = null) =>
    Array.from({ length: count }, (_, i) => [
      objective(`${team}-R${i}`, { level: "team", team, row: 2 * i + 2 }),
      okrRow(`${team}-R${i}-KR`, { objectiveId: `${team}-R${i}`, team, current, row: 2 * i + 3 }),
    ]).flat();
  const lists = ["roots", "teams", "unaligned", "atRisk"] as const;
  const itemsOf = (page: { roots: unknown[]; teams: unknown[]; insights: Record<string, unknown[]> }) => ({
    roots: page.roots,
    teams: page.teams,
    unaligned: page.insights.unaligned!,
    atRisk: page.insights.atRisk!,
  });

  it("reaches every item of every list exactly once, page by page", async () => {
    const { adminKey } = await createOrg(api.store, "Cursor AB", NOW);
    for (const [n, team] of ["Alpha", "Beta", "Gamma"].entries())
      expect(
        (await http.sync(team, adminKey, { baseRevision: 0, rows: rowsOf(team, 3 + n).map(full) })).status,
      ).toBe(200);
    const whole = itemsOf((await http.get("/v1/rollup?cycle=2026-Q4&limit=5000", adminKey)).json);
    expect(whole.roots).toHaveLength(12);
    expect(whole.teams).toHaveLength(3);
    const first = await http.get("/v1/rollup?cycle=2026-Q4&limit=2", adminKey);
    for (const list of lists) {
      const paged = [...itemsOf(first.json)[list]];
      let cursor: string | null = first.json.page.lists[list].nextCursor;
      expect(first.json.page.lists[list].total).toBe(whole[list].length);
      while (cursor !== null) {
        const page = await http.get(
          `/v1/rollup/list?cycle=2026-Q4&list=${list}&limit=2&cursor=${encodeURIComponent(cursor)}`,
          adminKey,
        );
        expect(page.status, page.text).toBe(200);
        expect(page.json.items.length).toBeLessThanOrEqual(2);
        expect(page.json.offset).toBe(paged.length);
        paged.push(...page.json.items);
        cursor = page.json.nextCursor;
      }
      // Each once, in order: as many pages as the list needs and no item twice.
      expect(paged, list).toEqual(whole[list]);
      expect(new Set(paged.map((item) => JSON.stringify(item))).size).toBe(whole[list].length);
    }
  });

  it("refuses a cursor made before a later write, clearly, and pages again from a new first page", async () => {
    const { adminKey } = await createOrg(api.store, "Stale AB", NOW);
    const rows = rowsOf("Alpha", 5);
    await http.sync("alpha", adminKey, { baseRevision: 0, rows: rows.map(full) });
    const first = await http.get("/v1/rollup?cycle=2026-Q4&limit=2", adminKey);
    const cursor: string = first.json.page.lists.roots.nextCursor;
    const pagePath = (at: string) =>
      `/v1/rollup/list?cycle=2026-Q4&list=roots&limit=2&cursor=${encodeURIComponent(at)}`;
    expect((await http.get(pagePath(cursor), adminKey)).status).toBe(200);
    // A check-in is a write the rollup depends on: the page the cursor pointed at may hold other items now.
    const checkIn = await http.post("/v1/sheets/alpha/key-results/Alpha-R0-KR/check-ins", adminKey, {
      value: 50,
      author: "Ada",
      at: NOW.toISOString(),
    });
    expect(checkIn.status, checkIn.text).toBeLessThan(300);
    const stale = await http.get(pagePath(cursor), adminKey);
    expect(stale.status).toBe(409);
    expect(stale.json.error.code).toBe("stale_cursor");
    expect(stale.json.error.message).toContain("read GET /v1/rollup again");
    expect(stale.json.error.details.currentRevision).toBeGreaterThan(stale.json.error.details.cursorRevision);
    // The new first page's cursor works.
    const again = await http.get("/v1/rollup?cycle=2026-Q4&limit=2", adminKey);
    const fresh = await http.get(pagePath(again.json.page.lists.roots.nextCursor), adminKey);
    expect(fresh.status).toBe(200);
    expect(fresh.json.items).toEqual(
      (await http.get("/v1/rollup/list?cycle=2026-Q4&list=roots&limit=2&offset=2", adminKey)).json.items,
    );
  });

  it("refuses a cursor it did not make, or one of another list", async () => {
    const { adminKey } = await createOrg(api.store, "Bad cursor AB", NOW);
    await http.sync("alpha", adminKey, { baseRevision: 0, rows: rowsOf("Alpha", 5).map(full) });
    const first = await http.get("/v1/rollup?cycle=2026-Q4&limit=2", adminKey);
    const roots: string = first.json.page.lists.roots.nextCursor;
    for (const [list, cursor] of [
      ["roots", "not-a-cursor"],
      ["unaligned", roots],
    ]) {
      const bad = await http.get(`/v1/rollup/list?cycle=2026-Q4&list=${list}&cursor=${cursor}`, adminKey);
      expect(bad.status).toBe(400);
      expect(bad.json.error.message).toContain("nextCursor");
    }
  });

  it("sends a cached page's gzip as it is to a client that takes gzip, the same JSON", async () => {
    const { adminKey } = await createOrg(api.store, "Gzip AB", NOW);
    await http.sync("alpha", adminKey, { baseRevision: 0, rows: rowsOf("Alpha", 5).map(full) });
    for (const path of [
      "/v1/rollup?cycle=2026-Q4&limit=2",
      "/v1/rollup/list?cycle=2026-Q4&list=roots&offset=2",
    ]) {
      const plainJson = await http.get(path, adminKey);
      const res = await api.app.fetch(
        new Request(`http://okr.test${path}`, {
          headers: { Authorization: `Bearer ${adminKey}`, "Accept-Encoding": "gzip, deflate" },
        }),
      );
      expect(res.status).toBe(200);
      expect(res.headers.get("Content-Encoding")).toBe("gzip");
      expect(res.headers.get("Content-Type")).toBe("application/json");
      const body = JSON.parse(gunzipSync(new Uint8Array(await res.arrayBuffer())).toString("utf8"));
      expect(body).toEqual(plainJson.json);
    }
  });

  it("keeps the whole rollup gzipped for speed and a page a client is sent gzipped small", async () => {
    const { orgId, adminKey } = await createOrg(api.store, "Compression AB", NOW);
    await http.sync("alpha", adminKey, { baseRevision: 0, rows: rowsOf("Alpha", 5).map(full) });
    expect((await http.get("/v1/rollup?cycle=2026-Q4", adminKey)).status).toBe(200);
    const state = await api.store.readState(orgId);
    // A gzip header's 9th byte (XFL) says how hard zlib worked: 4 for level 1, 0 for its default (RFC 1952).
    const levels = new Map<string, number>();
    for (const [key, view] of state.views) {
      const body = view.body ?? (await api.store.viewBody(orgId, state.revision, key, view.parts));
      expect(body).not.toBeNull();
      JSON.parse(gunzipSync(body!).toString("utf8"));
      levels.set(JSON.parse(key)[1], body![8]!);
    }
    expect(levels.get("rollup")).toBe(4);
    expect(
      [...levels].filter(([name]) => name !== "rollup" && name !== "cycles").map(([, xfl]) => xfl),
    ).toContain(0);
  });

  it("answers a warm page from its own cached item, without recomputing", async () => {
    const { adminKey } = await createOrg(api.store, "Warm page AB", NOW);
    await http.sync("alpha", adminKey, { baseRevision: 0, rows: rowsOf("Alpha", 5).map(full) });
    const path = "/v1/rollup/list?cycle=2026-Q4&list=roots&offset=2&limit=2";
    const cold = await http.get(path, adminKey);
    api.counter.reset();
    const warm = await http.get(path, adminKey);
    expect(warm.json).toEqual(cold.json);
    // No summaries read (a Query of them and a BatchGet of the sheets' revisions): READ, and the page at most.
    expect(api.counter.commands.get("BatchGetCommand") ?? 0).toBe(0);
    expect(api.counter.commands.get("QueryCommand") ?? 0).toBeLessThanOrEqual(1);
  });
});

describe("a node's children in pages", () => {
  // One company objective with 5 objectives aligned to it, the first of which has 3 of its own, and a second
  // root with none: at limit 2 the company node and its first child are cut, the rest are whole.
  const treeRows = () => {
    const rows: OkrRow[] = [objective("C", { level: "company", team: "Board", row: 2 })];
    for (let i = 0; i < 5; i++)
      rows.push(objective(`C-${i}`, { alignsTo: "C", team: `Team ${i}`, row: rows.length + 2 }));
    for (let i = 0; i < 3; i++)
      rows.push(objective(`C-0-${i}`, { alignsTo: "C-0", team: "Team 0", row: rows.length + 2 }));
    rows.push(objective("Lone", { level: "company", team: "Board", row: rows.length + 2 }));
    return rows;
  };
  type Node = { id: string; children: Node[]; childCount?: number; nextCursor?: string };
  const find = (nodes: Node[], id: string): Node | undefined => {
    for (const node of nodes) {
      if (node.id === id) return node;
      const found = find(node.children, id);
      if (found) return found;
    }
    return undefined;
  };
  const childrenPath = (at: string, limit = 2) =>
    `/v1/rollup/list?cycle=2026-Q4&list=children&limit=${limit}&cursor=${encodeURIComponent(at)}`;
  const synced = async (name: string) => {
    const { adminKey } = await createOrg(api.store, name, NOW);
    const res = await http.sync("tree", adminKey, { baseRevision: 0, rows: treeRows().map(full) });
    expect(res.status, res.text).toBe(200);
    return adminKey;
  };

  it("cuts each node's children at the limit, at every depth, with its childCount and a cursor when cut", async () => {
    const adminKey = await synced("Children cap AB");
    const whole = (await http.get("/v1/rollup?cycle=2026-Q4&limit=5000", adminKey)).json;
    const company = find(whole.roots, "C")!;
    expect(company.children.map((child) => child.id)).toEqual(["C-0", "C-1", "C-2", "C-3", "C-4"]);
    expect(company.childCount).toBe(5);
    expect(company).not.toHaveProperty("nextCursor");

    const first = await http.get("/v1/rollup?cycle=2026-Q4&limit=2", adminKey);
    expect(first.status).toBe(200);
    const roots: Node[] = first.json.roots;
    expect(roots.map((root) => root.id)).toEqual(["C", "Lone"]);
    const [cut, lone] = roots as [Node, Node];
    expect(cut.children.map((child) => child.id)).toEqual(["C-0", "C-1"]);
    expect(cut.childCount).toBe(5);
    expect(cut.nextCursor).toEqual(expect.any(String));
    const [deep, leaf] = cut.children as [Node, Node];
    expect(deep.children.map((child) => child.id)).toEqual(["C-0-0", "C-0-1"]);
    expect(deep.childCount).toBe(3);
    expect(deep.nextCursor).toEqual(expect.any(String));
    expect(leaf).toMatchObject({ childCount: 0, children: [] });
    expect(leaf).not.toHaveProperty("nextCursor");
    expect(lone).toMatchObject({ childCount: 0, children: [] });
    expect(lone).not.toHaveProperty("nextCursor");
    // The roots' later pages cut theirs the same way.
    const rootsPage = await http.get("/v1/rollup/list?cycle=2026-Q4&list=roots&limit=2", adminKey);
    expect(rootsPage.json.items[0]).toEqual(cut);
  });

  it("pages a node's children to the end by cursor or by parent, and the pages make the whole tree", async () => {
    const adminKey = await synced("Children paging AB");
    const whole = (await http.get("/v1/rollup?cycle=2026-Q4&limit=5000", adminKey)).json;
    const first = (await http.get("/v1/rollup?cycle=2026-Q4&limit=2", adminKey)).json;
    const offsets: number[] = [];
    // Every cut node (those read from children pages too) completed from its cursor, as a client does.
    const nodes: Node[] = [...first.roots];
    for (let node = nodes.pop(); node; node = nodes.pop()) {
      for (let cursor = node.nextCursor ?? null; cursor !== null; ) {
        const page = await http.get(childrenPath(cursor), adminKey);
        expect(page.status, page.text).toBe(200);
        expect(page.json).toMatchObject({ list: "children", parent: node.id, total: node.childCount });
        expect(page.json.offset).toBe(node.children.length);
        expect(page.json.items.length).toBeLessThanOrEqual(2);
        if (node.id === "C") offsets.push(page.json.offset);
        node.children.push(...page.json.items);
        cursor = page.json.nextCursor;
      }
      delete node.nextCursor;
      expect(node.children).toHaveLength(node.childCount!);
      nodes.push(...node.children);
    }
    expect(offsets).toEqual([2, 4]);
    expect(first.roots).toEqual(whole.roots);
    // The same page by parent and offset as by cursor.
    const byParent = await http.get(
      "/v1/rollup/list?cycle=2026-Q4&list=children&parent=C&offset=2&limit=2",
      adminKey,
    );
    const again = (await http.get("/v1/rollup?cycle=2026-Q4&limit=2", adminKey)).json;
    const byCursor = await http.get(childrenPath(again.roots[0].nextCursor), adminKey);
    expect(byParent.status).toBe(200);
    expect(byParent.json.items.map((item: Node) => item.id)).toEqual(["C-2", "C-3"]);
    expect(byParent.json).toEqual(byCursor.json);
  });

  it("refuses a children cursor made before a later write (409 stale_cursor), and a request it cannot answer", async () => {
    const adminKey = await synced("Children stale AB");
    const first = (await http.get("/v1/rollup?cycle=2026-Q4&limit=2", adminKey)).json;
    const cursor: string = first.roots[0].nextCursor;
    expect((await http.get(childrenPath(cursor), adminKey)).status).toBe(200);
    const rows = treeRows();
    rows[1] = { ...rows[1]!, title: "Renamed" };
    const write = await http.sync("tree", adminKey, { baseRevision: 1, rows: rows.map(full) });
    expect(write.status, write.text).toBe(200);
    const stale = await http.get(childrenPath(cursor), adminKey);
    expect(stale.status).toBe(409);
    expect(stale.json.error.code).toBe("stale_cursor");
    expect(stale.json.error.details.currentRevision).toBeGreaterThan(stale.json.error.details.cursorRevision);
    const fresh = (await http.get("/v1/rollup?cycle=2026-Q4&limit=2", adminKey)).json;
    expect((await http.get(childrenPath(fresh.roots[0].nextCursor), adminKey)).status).toBe(200);

    // At limit 1 the roots go on to a second page: a cursor of the roots list.
    const roots: string = (await http.get("/v1/rollup?cycle=2026-Q4&limit=1", adminKey)).json.page.lists.roots
      .nextCursor;
    expect(roots).toEqual(expect.any(String));
    const base = "/v1/rollup/list?cycle=2026-Q4";
    for (const [path, status] of [
      [`${base}&list=children`, 400], // no node named
      [`${base}&list=children&parent=Nope`, 404],
      [`${base}&list=roots&parent=C`, 400],
      [`${base}&list=children&cursor=${encodeURIComponent(roots)}`, 400],
      [`${base}&list=roots&cursor=${encodeURIComponent(fresh.roots[0].nextCursor)}`, 400],
      [`${base}&list=children&parent=C-0&cursor=${encodeURIComponent(fresh.roots[0].nextCursor)}`, 400],
    ] as const) {
      const res = await http.get(path, adminKey);
      expect(res.status, path).toBe(status);
    }
  });
});

describe("which sheets a cold view checks against their revision", () => {
  /** The store, recording the sheets each sheetStates call asks for. */
  function recording() {
    const asked: string[][] = [];
    const store = new Proxy(api.store, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (property !== "sheetStates" || typeof value !== "function") return value;
        return (orgId: string, sheetIds: readonly string[]) => {
          asked.push([...sheetIds].sort());
          return value.call(target, orgId, sheetIds);
        };
      },
    });
    return { deps: { ...deps, store }, asked };
  }

  it("only those a sync marked since a view found them committed, and unmarks them", async () => {
    const { orgId, adminKey } = await createOrg(api.store, "Marks", NOW);
    const rowsOfSheet = (sheet: string, current: number) => [
      objective(`${sheet}-O`, { row: 2 }),
      okrRow(`${sheet}-K`, { objectiveId: `${sheet}-O`, current, row: 3 }),
    ];
    for (const sheet of SHEETS)
      await http.sync(sheet, adminKey, { baseRevision: 0, rows: rowsOfSheet(sheet, 10).map(full) });
    // marks are not known to be kept until a view has checked every sheet once (organisations older than them)
    expect((await api.store.readState(orgId)).pendingSheets).toBeNull();
    const view = (at: AppDeps) => rollupView(at, orgId, { cycle: "2026-Q4", asOf: "2026-11-15" });
    const first = recording();
    await view(first.deps);
    expect(first.asked).toEqual([[...SHEETS].sort()]);
    expect([...((await api.store.readState(orgId)).pendingSheets ?? [])]).toEqual([]);

    await http.sync("beta", adminKey, { baseRevision: 1, rows: rowsOfSheet("beta", 60).map(full) });
    expect([...((await api.store.readState(orgId)).pendingSheets ?? [])]).toEqual(["beta"]);
    const next = recording();
    const cold = await view(next.deps);
    expect(next.asked).toEqual([["beta"]]);
    expect(cold.rollup).toEqual(await rollupFromRows(api.store, orgId, "2026-Q4"));
    expect([...((await api.store.readState(orgId)).pendingSheets ?? [])]).toEqual([]);
    // a check-in marks no sheet: the cold view after it checks none
    await api.store.bumpReadRevision(orgId);
    const none = recording();
    await view(none.deps);
    expect(none.asked).toEqual([]);
  });

  it("keeps a mark when a claim came after the view read the read state", async () => {
    const { orgId } = await createOrg(api.store, "Marks race", NOW);
    await api.store.bumpReadRevision(orgId, "s");
    await api.store.settleSheets(orgId, (await api.store.readState(orgId)).revision, []);
    const read = await api.store.readState(orgId);
    expect([...(read.pendingSheets ?? [])]).toEqual(["s"]);
    // a sync of the sheet claims again (and marks it again) before the view unmarks what it found committed
    await api.store.bumpReadRevision(orgId, "s");
    await api.store.settleSheets(orgId, read.revision, ["s"]);
    expect([...((await api.store.readState(orgId)).pendingSheets ?? [])]).toEqual(["s"]);
    await api.store.settleSheets(orgId, read.revision + 1, ["s"]);
    expect([...((await api.store.readState(orgId)).pendingSheets ?? [])]).toEqual([]);
  });
});

describe("a sync that dies on the way", () => {
  /** The app over a store whose `method` fails once, when `armed`. */
  function failingOnce(method: "putSheetSummary" | "commitRevision") {
    let armed = false;
    const store = new Proxy(api.store, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver);
        if (property !== method || typeof value !== "function") return value;
        return (...args: unknown[]) => {
          if (armed) {
            armed = false;
            return Promise.reject(new Error(`${method} died`));
          }
          return value.apply(target, args);
        };
      },
    });
    const app = createApp({ store, now, config: { ...DEFAULT_CONFIG, writeLeaseMs: 1_000 } });
    return { http: caller((request) => app.fetch(request)), arm: () => (armed = true) };
  }

  it("shows a new sheet whose first sync died after its rows, and caches no view until it is committed", async () => {
    const quiet = console.error;
    console.error = () => {};
    try {
      const { orgId, adminKey } = await createOrg(api.store, "Crash first sync", NOW);
      const faulty = failingOnce("putSheetSummary");
      const company = [
        objective("C-1", { row: 2 }),
        okrRow("C-K", { objectiveId: "C-1", current: 40, row: 3 }),
      ];
      await faulty.http.sync("company", adminKey, { baseRevision: 0, rows: company.map(full) });
      const asOf = "2026-11-15";
      await rollupView(deps, orgId, { cycle: "2026-Q4", asOf });
      const rows = [objective("N-1", { row: 2 }), okrRow("N-K", { objectiveId: "N-1", current: 70, row: 3 })];
      faulty.arm();
      expect(
        (await faulty.http.sync("new", adminKey, { baseRevision: 0, rows: rows.map(full) })).status,
      ).toBe(500);
      // its rows are stored, its revision pending, and it has no summary: the view reads its rows
      const during = await rollupView(deps, orgId, { cycle: "2026-Q4", asOf });
      expect(during.rollup).toEqual(await rollupFromRows(api.store, orgId, "2026-Q4"));
      expect(during.rollup.roots.map((root) => root.id).sort()).toEqual(["C-1", "N-1"]);
      // the retry finds every row stored and commits without a new read revision: no view was cached meanwhile
      clock += 2_000;
      try {
        let retried = await faulty.http.sync("new", adminKey, { baseRevision: 0, rows: rows.map(full) });
        if (retried.status === 409)
          retried = await faulty.http.sync("new", adminKey, {
            baseRevision: retried.json.error.details.currentRevision,
            rows: rows.map(full),
          });
        expect(retried.status, retried.text).toBe(200);
      } finally {
        clock = NOW.getTime();
      }
      await expectReadModelMatchesRows(orgId);
    } finally {
      console.error = quiet;
    }
  });

  for (const method of ["putSheetSummary", "commitRevision"] as const) {
    it(`never leaves a view that disagrees with the rows (dies at ${method})`, async () => {
      const quiet = console.error;
      console.error = () => {};
      try {
        const { orgId, adminKey } = await createOrg(api.store, `Crash ${method}`, NOW);
        const faulty = failingOnce(method);
        const rows = [
          objective("O-1", { row: 2 }),
          okrRow("K-1", { objectiveId: "O-1", current: 20, row: 3 }),
        ];
        await faulty.http.sync("s", adminKey, { baseRevision: 0, rows: rows.map(full) });
        await rollupView(deps, orgId, { cycle: "2026-Q4", asOf: "2026-11-15" });
        const changed = [
          rows[0]!,
          { ...rows[1]!, current: 70 },
          okrRow("K-2", { objectiveId: "O-1", row: 4 }),
        ];
        faulty.arm();
        const died = await faulty.http.sync("s", adminKey, { baseRevision: 1, rows: changed.map(full) });
        expect(died.status).toBe(500);
        // the rows are stored, the revision pending: the views are those of the rows
        expect((await api.store.getSheet(orgId, "s"))?.rowsPending).not.toBeNull();
        const during = await rollupView(deps, orgId, { cycle: "2026-Q4", asOf: "2026-11-15" });
        expect(during.rollup).toEqual(await rollupFromRows(api.store, orgId, "2026-Q4"));
        expect(during.rollup.roots[0]!.keyResultCount).toBe(2);
        // the add-on retries once the lease has lapsed: the sync completes, and so does its summary
        clock += 2_000;
        try {
          // as the add-on does: a 409 (the dead sync's revision is ahead) re-bases and syncs again
          let retried = await faulty.http.sync("s", adminKey, { baseRevision: 1, rows: changed.map(full) });
          if (retried.status === 409)
            retried = await faulty.http.sync("s", adminKey, {
              baseRevision: retried.json.error.details.currentRevision,
              rows: changed.map(full),
            });
          expect(retried.status, retried.text).toBe(200);
        } finally {
          clock = NOW.getTime();
        }
        await expectReadModelMatchesRows(orgId);
      } finally {
        console.error = quiet;
      }
    });
  }
});
