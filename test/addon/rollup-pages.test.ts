// Pull rollup against the real API (node server + dynalite in a child process) when the API cuts what it
// sends: the lists at the page's limit and each node's children too. The double forwards the add-on's
// requests with a small limit (the add-on asks for ROLLUP_PAGE.max), so a small tree is cut at every depth; the
// sheet the add-on writes must be the one it writes from the uncut answer.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OkrRow } from "../../shared/model.js";
import { full, objective } from "../api/rows.js";
import { type ApiChild, startApiChild } from "../support/gas/api-child.js";
import { fetchBlocking } from "../support/gas/blocking-fetch.js";
import { ensureBuiltAddon } from "../support/gas/built-addon.js";
import { loadAddon, TEST_API_URL } from "../support/gas/load-addon.js";
import { FakeWorkbook } from "../support/gas/spreadsheet.js";

let api: ApiChild;

beforeAll(async () => {
  await ensureBuiltAddon();
  api = await startApiChild();
});
afterAll(async () => {
  await api?.stop();
});

/** A company objective with 5 aligned to it; the first has 3, whose first has 3 more; and 2 other roots. */
function treeRows(): OkrRow[] {
  const rows: OkrRow[] = [];
  const add = (id: string, overrides: Partial<OkrRow>) =>
    rows.push(objective(id, { row: rows.length + 2, cycle: "2026-Q4", ...overrides }));
  add("C", { level: "company", team: "Board" });
  for (let i = 0; i < 5; i++) add(`C-${i}`, { alignsTo: "C", team: `Team ${i}` });
  for (let i = 0; i < 3; i++) add(`C-0-${i}`, { alignsTo: "C-0", team: "Team 0" });
  for (let i = 0; i < 3; i++) add(`C-0-0-${i}`, { alignsTo: "C-0-0", level: "individual", team: "Team 0" });
  add("D", { level: "company", team: "Board" });
  add("E", { level: "company", team: "Board" });
  return rows;
}

describe("Pull rollup when the API cuts lists and children", () => {
  it("reads every cut node's children page by page and writes the same sheet as from the whole tree", async () => {
    const rows = treeRows();
    const synced = await api.request("/v1/sheets/tree/sync", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Idempotency-Key": "rollup-pages-1" },
      body: JSON.stringify({ baseRevision: 0, name: "Tree", rows: rows.map(full) }),
    });
    expect(synced.status, await synced.text()).toBe(200);

    const pull = (limit: number | null) => {
      const { addon, gas } = loadAddon({
        book: new FakeWorkbook(undefined, "pages-spreadsheet"),
        upstreams: api.upstreams,
      });
      addon.saveSettings({
        apiUrl: TEST_API_URL,
        apiKey: api.adminKey,
        sheetId: "reader",
        language: "en",
        rollupCycle: "2026-Q4",
      });
      const asked: string[] = [];
      // The add-on's request, sent on to the API with `limit` in place of the one it asked for.
      gas.intercept((url, params) => {
        const target = new URL(url.replace(TEST_API_URL, api.url));
        if (!/\/v1\/rollup(\/list)?$/.test(target.pathname)) return null;
        if (limit !== null) target.searchParams.set("limit", String(limit));
        const list = target.searchParams.get("list");
        asked.push(list === null ? "first" : list);
        const answer = fetchBlocking({
          url: target.toString(),
          method: "GET",
          headers: params.headers ?? {},
          body: null,
        });
        if (!answer.ok) throw new Error(answer.error);
        return { status: answer.status, body: answer.body };
      });
      const pulled = addon.menuPullRollup() as { ok: boolean; message: string };
      expect(pulled.ok, pulled.message).toBe(true);
      return { sheet: gas.book.sheet("Rollup")!.values(), asked, message: pulled.message };
    };

    const whole = pull(null);
    expect(whole.asked).toEqual(["first"]);
    const cut = pull(2);
    // The roots' second page, and the children of C (offsets 2 and 4), of C-0 and of C-0-0 (offset 2 each).
    expect(cut.asked.filter((list) => list === "roots")).toHaveLength(1);
    expect(cut.asked.filter((list) => list === "children")).toHaveLength(4);
    expect(cut.sheet).toEqual(whole.sheet);
    expect(cut.message).toBe(whole.message);
    // The tree (below the title and header rows, before the team totals): every objective once, at its depth
    // under its parent.
    const tree = whole.sheet.slice(2, 2 + rows.length);
    const titles = tree.map((row) => String(row[0]));
    const ids = tree.map((row) => row[1]);
    for (const row of rows)
      expect(
        ids.filter((id) => id === row.id),
        row.id,
      ).toHaveLength(1);
    const depth = (id: string) => {
      const title = titles[ids.indexOf(id)]!;
      return (title.length - title.trimStart().length) / 4;
    };
    expect(["C", "C-4", "C-0-2", "C-0-0-2", "E"].map(depth)).toEqual([0, 1, 2, 3, 0]);
    expect(ids.indexOf("C-0-0-2")).toBeLessThan(ids.indexOf("C-0-1"));
  });
});
