// The cycle's lifecycle from the built add-on over the strict double, against the real API (node server +
// dynalite in a child process): Start next cycle in one tab for all cycles and into a new tab per cycle keeps
// 2026-Q3 and its grades on the server; Close cycle freezes the grades in the sheet and on the server, and a
// later edit changes neither.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { nextCycleLabel } from "../../shared/next-cycle.js";
import { dashboardCookie as signIn } from "../support/dashboard-session.js";
import { type ApiChild, startApiChild } from "../support/gas/api-child.js";
import { ensureBuiltAddon } from "../support/gas/built-addon.js";
import { type AddonGlobals, loadAddon as loadWith } from "../support/gas/load-addon.js";
import { FakeWorkbook } from "../support/gas/spreadsheet.js";

let api: ApiChild;
const loadAddon = (options: Parameters<typeof loadWith>[0] = {}) =>
  loadWith({ upstreams: api.upstreams, ...options });

beforeAll(async () => {
  await ensureBuiltAddon();
  api = await startApiChild([
    "one-tab",
    "tab-per-cycle",
    "closing",
    ...ROLLOVERS.map((case_) => case_.sheetId),
    "by-hand",
    "copied-tab",
  ]);
});
afterAll(async () => {
  await api?.stop();
});

/** The day the sheets are used on: 2026-Q3 has ended, 2026-Q4 is running. */
const TODAY = new Date("2026-10-05T09:00:00Z");
const HEADER = ["ID", "Type", "Title", "Objective", "Team", "Owner", "Cycle", "Start", "Target", "Current"];

/**
 * Q3 (or `options.cycle`): one objective at 0.55 (grade 0.6) with two key results (0.8 and 0.3), one done (1.0);
 * `options.pilot` adds a third objective with one key result (rows 7 and 8).
 */
function q3Book(
  id: string,
  tab: string,
  prefix: string,
  options: { cycle?: string; now?: Date; pilot?: boolean } = {},
): FakeWorkbook {
  const book = new FakeWorkbook(undefined, id);
  const now = options.now ?? TODAY;
  book.now = () => now;
  const cycle = options.cycle ?? "2026-Q3";
  // IDs are unique in the organisation: each spreadsheet its own.
  const [win, deals, nps, ops, up, pilot, trial] = [
    "O-WIN",
    "KR-DEALS",
    "KR-NPS",
    "O-OPS",
    "KR-UP",
    "O-PILOT",
    "KR-TRIAL",
  ].map((name) => name.replace("-", `-${prefix}`));
  book.addSheet(tab, [
    HEADER,
    [win, "Objective", "Win the Nordics", "", "Sales", "Ada", cycle, "", "", ""],
    [deals, "Key result", "Close 100 deals", win, "Sales", "Ada", cycle, 0, 100, 80],
    [nps, "Key result", "Reach NPS 10", win, "Sales", "Bo", cycle, 0, 10, 3],
    [ops, "Objective", "Keep the lights on", "", "Sales", "Cy", cycle, "", "", ""],
    [up, "Key result", "Ten releases", ops, "Sales", "Cy", cycle, 0, 10, 10],
    ...(options.pilot
      ? [
          [pilot, "Objective", "Run a pilot", "", "Sales", "Di", cycle, "", "", ""],
          [trial, "Key result", "One trial customer", pilot, "Sales", "Di", cycle, 0, 1, 0],
        ]
      : []),
  ]);
  return book;
}

/** An ID of q3Book's rows with the spreadsheet's prefix ("O-WIN" → "O-AWIN"). */
const idIn = (prefix: string) => (name: string) => name.replace("-", `-${prefix}`);

function connect(addon: AddonGlobals, sheetId: string) {
  const saved = addon.saveSettings({ apiUrl: api.publicUrl, apiKey: api.writerKeys[sheetId], sheetId }) as {
    errors: string[];
  };
  expect(saved.errors).toEqual([]);
}

function sync(addon: AddonGlobals) {
  const outcome = addon.menuSyncNow() as { ok: boolean; message: string };
  expect(outcome.ok, outcome.message).toBe(true);
}

async function json(path: string) {
  const response = await api.request(path);
  expect(response.status, path).toBe(200);
  return response.json();
}

interface Node {
  id: string;
  title: string;
  cycle: string;
  progress: number | null;
  grade: number | null;
  children: Node[];
}
const rollup = async (cycle: string) =>
  // The server's today (asOf in the past would replay the rows as they were that day, before these syncs).
  (await json(`/v1/rollup?cycle=${encodeURIComponent(cycle)}`)) as { roots: Node[] };
const byTitle = (nodes: Node[], title: string) => nodes.filter((node) => node.title === title);

/** Column of a header in a tab (0-based). */
const column = (values: unknown[][], name: string) => values[0]!.map(String).indexOf(name);

function rowOf(values: unknown[][], id: string): unknown[] {
  const at = column(values, "ID");
  const row = values.find((cells) => cells[at] === id);
  if (!row) throw new Error(`No row ${id}`);
  return row;
}

describe("Start next cycle", () => {
  it("in one tab for all cycles: the new rows below, Cycle set, fresh key results; Q3 and its grades stay", async () => {
    const book = q3Book("one-tab-spreadsheet", "OKRs", "A");
    const name = idIn("A");
    const { addon } = loadAddon({ book });
    connect(addon, "one-tab");
    addon.menuSetUpSheet();
    sync(addon);
    const sheet = book.sheet("OKRs")!;
    const before = sheet.values().slice(0, 6);

    const context = addon.getNextCycleContext() as {
      cycles: { label: string; next: string; choices: { id: string; keyResults: number }[] }[];
      selected: string;
      layout: string;
    };
    expect(context.selected).toBe("2026-Q3");
    expect(context.cycles[0]).toMatchObject({ label: "2026-Q3", next: "2026-Q4" });
    expect(context.cycles[0]!.choices.map((choice) => [choice.id, choice.keyResults])).toEqual([
      [name("O-WIN"), 2],
      [name("O-OPS"), 1],
    ]);

    const outcome = addon.startNextCycle({
      cycle: "2026-Q3",
      objectiveIds: [name("O-WIN")],
      layout: "rows",
    }) as {
      ok: boolean;
      message: string;
    };
    expect(outcome.ok, outcome.message).toBe(true);
    expect(outcome.message).toContain(
      "1 objectives carried over from 2026-Q3 to 2026-Q4 with 2 fresh key results",
    );

    const values = sheet.values();
    // The old rows, untouched (their values and what their formulas show).
    expect(values.slice(0, 6)).toEqual(before);
    const [id, type, title, objective, cycle, current, status] = [
      "ID",
      "Type",
      "Title",
      "Objective",
      "Cycle",
      "Current",
      "Status",
    ].map((name) => column(values, name)) as number[];
    const added = values.slice(6).filter((cells) => cells[id!] !== "");
    expect(added.map((cells) => [cells[type!], cells[title!], cells[cycle!], cells[current!]])).toEqual([
      ["Objective", "Win the Nordics", "2026-Q4", ""],
      ["Key result", "Close 100 deals", "2026-Q4", ""],
      ["Key result", "Reach NPS 10", "2026-Q4", ""],
    ]);
    const newObjective = String(added[0]![id!]);
    expect(newObjective).toMatch(/^O-[0-9A-Z]{4}$/);
    expect([name("O-WIN"), name("O-OPS")]).not.toContain(newObjective);
    for (const kr of added.slice(1)) expect(String(kr[objective!])).toContain(newObjective);
    // Q3 ended: its rows show their grade; the new quarter's have not started.
    expect(rowOf(values, name("O-WIN"))[status!]).toBe("0.6 · Partly achieved");
    expect(rowOf(values, name("KR-DEALS"))[status!]).toBe("0.8 · Achieved");
    expect(rowOf(values, name("KR-NPS"))[status!]).toBe("0.3 · Missed");
    expect(added.map((cells) => cells[status!])).toEqual(["Not started", "Not started", "Not started"]);

    sync(addon);
    expect(byTitle((await rollup("2026-Q4")).roots, "Win the Nordics").map((node) => node.id)).toEqual([
      newObjective,
    ]);
    // Later the team clears last quarter's rows: the server keeps them as 2026-Q3's record, grades and all.
    const width = sheet.values()[0]!.length;
    for (let r = 2; r <= 6; r++) sheet.write(r, 1, [Array(width).fill("")]);
    sync(addon);
    const past = (await rollup("2026-Q3")).roots;
    expect(past.find((node) => node.id === name("O-WIN"))).toMatchObject({ progress: 0.55, grade: 0.6 });
    expect(past.find((node) => node.id === name("O-OPS"))).toMatchObject({ progress: 1, grade: 1 });
    expect(((await json("/v1/cycles")) as { cycles: string[] }).cycles).toEqual(
      expect.arrayContaining(["2026-Q3", "2026-Q4"]),
    );
  });

  it("into a new tab per cycle: set up, syncing from then on; the old tab stays; Q3 and its grades stay", async () => {
    const book = q3Book("tab-spreadsheet", "Sales 2026-Q3", "B");
    const name = idIn("B");
    const { addon } = loadAddon({ book });
    connect(addon, "tab-per-cycle");
    addon.menuSetUpSheet();
    sync(addon);
    const old = book.sheet("Sales 2026-Q3")!;
    const oldValues = old.values();
    const oldFormulas = old.formulas();

    const context = addon.getNextCycleContext() as { layout: string; sheetName: string };
    // All the tab's objectives are of one cycle: a tab per cycle is what it looks like.
    expect(context).toMatchObject({ layout: "tab", sheetName: "Sales 2026-Q3" });
    const outcome = addon.startNextCycle({
      cycle: "2026-Q3",
      objectiveIds: [name("O-WIN"), name("O-OPS")],
      layout: "tab",
    }) as { ok: boolean; message: string; sheetName: string };
    expect(outcome.ok, outcome.message).toBe(true);
    expect(outcome.sheetName).toBe("Sales 2026-Q4");
    expect(outcome.message).toContain(
      "in the new tab 'Sales 2026-Q4'. The tab 'Sales 2026-Q3' stays as it was, and both sync",
    );

    // The old tab: the same cells and results. The hidden index serves the tab that syncs, so its objectives
    // now sum their key results themselves (SUMIFS), and compute what they did.
    expect(old.values()).toEqual(oldValues);
    const progressAt = column(oldValues, "Progress");
    expect(oldFormulas[1]![progressAt]).toContain("OKR_INDEX_TOTALS");
    expect(old.formulas()[1]![progressAt]).toContain("SUMIFS");
    expect(old.formulas()[1]![progressAt]).not.toContain("OKR_INDEX_TOTALS");
    const tab = book.sheet("Sales 2026-Q4")!;
    const values = tab.values();
    expect(values[0]).toEqual(oldValues[0]);
    const [id, cycle, status, progress] = ["ID", "Cycle", "Status", "Progress"].map((name) =>
      column(values, name),
    ) as number[];
    const rows = values.slice(1).filter((cells) => cells[id!] !== "");
    expect(rows).toHaveLength(5);
    expect(rows.every((cells) => cells[cycle!] === "2026-Q4")).toBe(true);
    expect(rows.map((cells) => cells[status!])).toEqual(Array(5).fill("Not started"));
    // Set up: the formulas compute (an objective with fresh key results is at 0).
    expect(rows[0]![progress!]).toBe(0);
    expect(tab.formulas()[1]![status!]).toMatch(/^=IF\(/);

    // The next sync sends both tabs: last quarter's rows stay on the server's sheet, this quarter's join them.
    sync(addon);
    const stored = (await json("/v1/sheets/tab-per-cycle")) as { rows: { id: string; deleted: boolean }[] };
    expect(stored.rows.filter((row) => row.id === name("O-WIN")).map((row) => row.deleted)).toEqual([false]);
    const past = (await rollup("2026-Q3")).roots;
    // Once, with its grade.
    expect(past.filter((node) => node.id === name("O-WIN")).map((node) => node.grade)).toEqual([0.6]);
    const current = (await rollup("2026-Q4")).roots;
    const ids = new Set(rows.map((cells) => String(cells[id!])));
    expect(
      current
        .filter((node) => ids.has(node.id))
        .map((node) => node.title)
        .sort(),
    ).toEqual(["Keep the lights on", "Win the Nordics"]);
  });

  it("says what is wrong: no next cycle, nothing chosen (en/sv/nb)", () => {
    const book = q3Book("wrong-spreadsheet", "OKRs", "C");
    const name = idIn("C");
    book.sheet("OKRs")!.write(2, 7, [["someday"]]);
    const { addon } = loadAddon({ book });
    addon.menuSetUpSheet();
    const none = addon.startNextCycle({
      cycle: "someday",
      objectiveIds: [name("O-WIN")],
      layout: "rows",
    }) as {
      ok: boolean;
      message: string;
    };
    expect(none.ok).toBe(false);
    expect(none.message).toContain("'someday' is no cycle that has a next one");
    addon.saveSettings({ language: "sv" });
    const nothing = addon.startNextCycle({ cycle: "2026-Q3", objectiveIds: [], layout: "rows" }) as {
      message: string;
    };
    expect(nothing.message).toBe("Välj minst ett mål i 2026-Q3 att föra över.");
    addon.saveSettings({ language: "nb" });
    expect(
      (addon.startNextCycle({ cycle: "2026-Q3", objectiveIds: [], layout: "tab" }) as { message: string })
        .message,
    ).toBe("Velg minst ett mål i 2026-Q3 å føre over.");
  });
});

// --- A rollover keeps the old cycle (issue 13) ---

const DAY_MS = 86_400_000;
const isoDay = (date: Date) => date.toISOString().slice(0, 10);

/**
 * A quarter that has not ended on the server's day (its clock is the real one): the running quarter, or the
 * next one when the running one ends within two days (so the time zones between test and server never matter).
 */
function unendedQuarter(now: Date): { label: string; end: string } {
  const quarter = (date: Date) => {
    const year = date.getUTCFullYear();
    const q = Math.floor(date.getUTCMonth() / 3) + 1;
    return { label: `${year}-Q${q}`, end: isoDay(new Date(Date.UTC(year, q * 3, 0))) };
  };
  const running = quarter(now);
  return Date.parse(running.end) - now.getTime() > 2 * DAY_MS
    ? running
    : quarter(new Date(Date.parse(running.end) + DAY_MS));
}

interface Rollover {
  name: string;
  sheetId: string;
  prefix: string;
  layout: "rows" | "tab";
  ended: boolean;
}

const ROLLOVERS: Rollover[] = [
  {
    name: "in one tab, after the cycle's end",
    sheetId: "roll-rows-ended",
    prefix: "F",
    layout: "rows",
    ended: true,
  },
  {
    name: "in a new tab, after the cycle's end",
    sheetId: "roll-tab-ended",
    prefix: "G",
    layout: "tab",
    ended: true,
  },
  {
    name: "in one tab, before the cycle's end",
    sheetId: "roll-rows-early",
    prefix: "H",
    layout: "rows",
    ended: false,
  },
  {
    name: "in a new tab, before the cycle's end",
    sheetId: "roll-tab-early",
    prefix: "J",
    layout: "tab",
    ended: false,
  },
];

interface StoredRows {
  rows: { id: string; deleted: boolean; current: number | null; cycle: string }[];
}

/** Every node of a tree, depth first. */
const nodesOf = (roots: Node[]): Node[] => roots.flatMap((node) => [node, ...nodesOf(node.children)]);

/** A leader signed in to the dashboard with the admin key. */
async function dashboardCookie(): Promise<string> {
  return signIn((request) => fetch(request), api.url, api.adminKey);
}

async function dashboard(cookie: string, path: string): Promise<string> {
  const response = await fetch(`${api.url}${path}`, { headers: { Cookie: cookie, Connection: "close" } });
  expect(response.status, path).toBe(200);
  return response.text();
}

/** The IDs in the dashboard's tree download of a cycle (machine CSV: one line per objective). */
async function dashboardTreeIds(cookie: string, cycle: string): Promise<string[]> {
  const csv = await dashboard(cookie, `/dashboard/export.csv?view=tree&cycle=${encodeURIComponent(cycle)}`);
  const lines = csv.trim().split("\r\n");
  const header = lines[0]!.split(",");
  // The reader's CSV names the ID column by its header word.
  const at = header.findIndex((cell) => /^"?ID"?$/.test(cell));
  expect(at, header.join(",")).toBeGreaterThanOrEqual(0);
  return lines.slice(1).map((line) => line.split(",")[at]!.replace(/"/g, ""));
}

describe("a rollover in one tab and in a new tab keeps Q3 and its grades", () => {
  it.each(ROLLOVERS)(
    "$name: the old cycle stays on the server and the dashboard, its later edits and deletions reach it, its closed grades stay frozen",
    async (rollover) => {
      const now = rollover.ended ? TODAY : new Date();
      const old = rollover.ended ? { label: "2026-Q3", end: "2026-09-30" } : unendedQuarter(now);
      const name = idIn(rollover.prefix);
      const oldTab = `Sales ${old.label}`;
      const book = q3Book(`${rollover.sheetId}-spreadsheet`, oldTab, rollover.prefix, {
        cycle: old.label,
        now,
        pilot: true,
      });
      const { addon, simpleTrigger } = loadAddon({ book });
      connect(addon, rollover.sheetId);
      addon.menuSetUpSheet();
      sync(addon);
      // The old cycle judged once it has ended: the server's today, or the day after its end.
      const judged = rollover.ended ? "" : `&asOf=${isoDay(new Date(Date.parse(old.end) + DAY_MS))}`;
      const oldRollup = async () =>
        nodesOf(
          ((await json(`/v1/rollup?cycle=${encodeURIComponent(old.label)}${judged}`)) as { roots: Node[] })
            .roots,
        );
      const stored = async () => (await json(`/v1/sheets/${rollover.sheetId}`)) as StoredRows;
      const sheetRow = async (id: string) => {
        const rows = (await stored()).rows.filter((row) => row.id === id);
        expect(rows, id).toHaveLength(1);
        return rows[0]!;
      };

      const started = addon.startNextCycle({
        cycle: old.label,
        objectiveIds: [name("O-WIN"), name("O-OPS")],
        layout: rollover.layout,
      }) as { ok: boolean; message: string; sheetName: string };
      expect(started.ok, started.message).toBe(true);
      const next = nextCycleLabel(old.label)!;
      expect(started.sheetName).toBe(rollover.layout === "tab" ? `Sales ${next}` : oldTab);
      // No warning to close first: nothing leaves the sheet.
      expect(started.message).not.toContain("has not ended");
      sync(addon);

      // The old cycle's rows are all live on the server, the new cycle's beside them; no ID twice.
      const oldIds = ["O-WIN", "KR-DEALS", "KR-NPS", "O-OPS", "KR-UP", "O-PILOT", "KR-TRIAL"].map(name);
      let rows = (await stored()).rows;
      expect(new Set(rows.map((row) => row.id)).size).toBe(rows.length);
      expect(
        rows.filter((row) => oldIds.includes(row.id)).map((row) => [row.id, row.deleted, row.cycle]),
      ).toEqual(expect.arrayContaining(oldIds.map((id) => [id, false, old.label])));
      const newRows = rows.filter((row) => row.cycle === next);
      expect(newRows).toHaveLength(5);
      expect(newRows.every((row) => !row.deleted)).toBe(true);
      expect(((await json("/v1/cycles")) as { cycles: string[] }).cycles).toEqual(
        expect.arrayContaining([old.label, next]),
      );
      // The old cycle's picture: its objectives once each, with their grades; the new cycle's, the copies once each.
      let past = await oldRollup();
      expect(new Set(past.map((node) => node.id)).size).toBe(past.length);
      expect(
        past
          .filter((node) => oldIds.includes(node.id))
          .map((node) => [node.id, node.progress, node.grade])
          .sort(),
      ).toEqual([
        [name("O-OPS"), 1, 1],
        [name("O-PILOT"), 0, 0],
        [name("O-WIN"), 0.55, 0.6],
      ]);
      const current = nodesOf((await rollup(next)).roots).filter((node) =>
        newRows.some((row) => row.id === node.id),
      );
      expect(current.map((node) => node.title).sort()).toEqual(["Keep the lights on", "Win the Nordics"]);
      // And on the dashboard (its tree download): the old cycle's objectives once each, and the new ones.
      const cookie = await dashboardCookie();
      const shownPast = await dashboardTreeIds(cookie, old.label);
      expect(shownPast.filter((id) => oldIds.includes(id)).sort()).toEqual(
        [name("O-OPS"), name("O-PILOT"), name("O-WIN")].sort(),
      );
      const shownNext = await dashboardTreeIds(cookie, next);
      expect(shownNext.filter((id) => current.some((node) => node.id === id))).toHaveLength(2);
      if (rollover.ended)
        expect(await dashboard(cookie, `/dashboard/tree?cycle=${old.label}`)).toContain("Grade 0.6");

      // A later edit in the old tab reaches the server (its own formulas keep computing it in the sheet).
      const sheet = book.sheet(oldTab)!;
      const currentColumn = column(sheet.values(), "Current") + 1;
      sheet.write(4, currentColumn, [[6]]);
      simpleTrigger("onEdit", { range: sheet.getRange(4, currentColumn) });
      expect(rowOf(sheet.values(), name("O-WIN"))[column(sheet.values(), "Progress")]).toBeCloseTo(0.7, 10);
      sync(addon);
      expect((await sheetRow(name("KR-NPS"))).current).toBe(6);
      past = await oldRollup();
      expect(past.find((node) => node.id === name("O-WIN"))).toMatchObject({ progress: 0.7, grade: 0.7 });

      // A row deleted from the old tab is deleted on the server (an ended cycle keeps it as its record).
      const width = sheet.values()[0]!.length;
      sheet.write(7, 1, [Array(width).fill(""), Array(width).fill("")]);
      sync(addon);
      expect((await sheetRow(name("O-PILOT"))).deleted).toBe(true);
      expect((await sheetRow(name("KR-TRIAL"))).deleted).toBe(true);
      rows = (await stored()).rows;
      expect(rows.filter((row) => !row.deleted).map((row) => row.id)).toEqual(
        expect.arrayContaining(oldIds.slice(0, 5)),
      );
      past = await oldRollup();
      expect(past.filter((node) => node.id === name("O-PILOT"))).toHaveLength(rollover.ended ? 1 : 0);

      // Close cycle from the tab the add-on works in: the old rows are frozen on the server, and their grades are
      // written where the rows are (the old tab).
      const context = addon.getCloseCycleContext() as { cycles: { label: string }[] };
      expect(context.cycles.map((cycle) => cycle.label)).toEqual(expect.arrayContaining([old.label, next]));
      const closed = addon.closeCycle({ cycle: old.label }) as {
        ok: boolean;
        message: string;
        closed: number;
      };
      expect(closed.ok, closed.message).toBe(true);
      expect(closed.closed).toBe(5);
      const values = sheet.values();
      const grade = column(values, "Grade");
      expect(oldIds.slice(0, 5).map((id) => rowOf(values, id)[grade])).toEqual([0.7, 0.8, 0.6, 1, 1]);
      if (rollover.layout === "tab")
        expect(column(book.sheet(started.sheetName)!.values(), "Grade")).toBe(-1);
      // A closed row edited later: the edit reaches the server, the frozen grade stays.
      sheet.write(3, currentColumn, [[100]]);
      simpleTrigger("onEdit", { range: sheet.getRange(3, currentColumn) });
      sync(addon);
      expect((await sheetRow(name("KR-DEALS"))).current).toBe(100);
      past = await oldRollup();
      expect(past.find((node) => node.id === name("O-WIN"))).toMatchObject({ progress: 0.7, grade: 0.7 });
      expect(new Set(past.map((node) => node.id)).size).toBe(past.length);
      // The new cycle's rows are untouched by all this.
      expect(
        nodesOf((await rollup(next)).roots).filter((node) => newRows.some((row) => row.id === node.id)),
      ).toHaveLength(2);
    },
  );
});

describe("a new tab started by hand", () => {
  it("set up beside the old tab: both sync, Q3 and its grades stay, the old tab computes on its own and its edits reach the server", async () => {
    const book = q3Book("by-hand-spreadsheet", "Sales 2026-Q3", "K");
    const name = idIn("K");
    const { addon, simpleTrigger } = loadAddon({ book });
    connect(addon, "by-hand");
    addon.menuSetUpSheet();
    sync(addon);
    const old = book.sheet("Sales 2026-Q3")!;
    const before = old.values();

    // The team writes next quarter's rows into a tab of its own, then runs Set up sheet there.
    const tab = book.addSheet("Sales 2026-Q4", [
      HEADER,
      ["", "Objective", "Grow the Nordics", "", "Sales", "Ada", "2026-Q4", "", "", ""],
      ["", "Key result", "Sign 20 partners", "", "Sales", "Ada", "2026-Q4", 0, 20, 5],
    ]);
    book.active = tab;
    const setUp = addon.menuSetUpSheet() as { ok: boolean; sheetName: string };
    expect(setUp).toMatchObject({ ok: true, sheetName: "Sales 2026-Q4" });
    // The old tab shows what it did, its objectives now summing their key results themselves.
    expect(old.values()).toEqual(before);
    const progressAt = column(before, "Progress");
    expect(old.formulas()[1]![progressAt]).toContain("SUMIFS");
    expect(tab.formulas()[1]![progressAt]).toContain("OKR_INDEX_TOTALS");
    expect(rowOf(tab.values(), String(tab.values()[1]![column(before, "ID")]))[progressAt]).toBe(0.25);

    sync(addon);
    const stored = (await json("/v1/sheets/by-hand")) as StoredRows;
    const live = stored.rows.filter((row) => !row.deleted);
    expect(live.filter((row) => row.cycle === "2026-Q3")).toHaveLength(5);
    expect(live.filter((row) => row.cycle === "2026-Q4")).toHaveLength(2);
    const past = nodesOf((await rollup("2026-Q3")).roots);
    expect(past.filter((node) => node.id === name("O-WIN")).map((node) => node.grade)).toEqual([0.6]);
    expect(
      nodesOf((await rollup("2026-Q4")).roots).filter((node) => node.title === "Grow the Nordics"),
    ).toHaveLength(1);

    // An edit in the old tab: computed there by its own formulas, and sent.
    const currentColumn = column(before, "Current") + 1;
    old.write(4, currentColumn, [[6]]);
    simpleTrigger("onEdit", { range: old.getRange(4, currentColumn) });
    expect(rowOf(old.values(), name("O-WIN"))[progressAt]).toBeCloseTo(0.7, 10);
    expect(old.formulas()[3]![progressAt]).not.toContain("OKR_INDEX");
    // The new tab's objective still reads the index, which still serves it.
    expect(rowOf(tab.values(), String(tab.values()[1]![column(before, "ID")]))[progressAt]).toBe(0.25);
    sync(addon);
    const after = (await json("/v1/sheets/by-hand")) as StoredRows;
    expect(after.rows.find((row) => row.id === name("KR-NPS"))?.current).toBe(6);

    // Both tabs' objectives at row 2 have no Level: the server reports each by its row's ID, and the add-on
    // shows each in its own tab (row numbers repeat across tabs).
    const outcome = addon.menuSyncNow() as {
      ok: boolean;
      message: string;
      problems: { code: string; row: number | null; sheetName?: string }[];
    };
    expect(outcome.ok, outcome.message).toBe(true);
    const atRow2 = outcome.problems.filter(
      (problem) => problem.code === "missing_level" && problem.row === 2,
    );
    expect(atRow2.map((problem) => problem.sheetName).sort()).toEqual(["Sales 2026-Q3", "Sales 2026-Q4"]);
  });

  it("a copied tab with the same IDs: the sync says where, sends nothing; new IDs in the copy and both sync", async () => {
    const book = q3Book("copied-tab-spreadsheet", "Sales 2026-Q3", "M");
    const name = idIn("M");
    const { addon, gas, simpleTrigger } = loadAddon({ book });
    connect(addon, "copied-tab");
    addon.menuSetUpSheet();
    sync(addon);
    const revision = ((await json("/v1/sheets/copied-tab")) as { revision: number }).revision;

    // Duplicate: the copy holds the same rows, IDs and all.
    const copy = book.addSheet("Copy of Sales 2026-Q3", book.sheet("Sales 2026-Q3")!.values());
    const requests = gas.fetches.length;
    const refused = addon.menuSyncNow() as { ok: boolean; message: string };
    expect(refused.ok).toBe(false);
    expect(refused.message).toContain(
      `the ID ${name("O-WIN")} is in two tabs, 'Sales 2026-Q3' row 2 and 'Copy of Sales 2026-Q3' row 2`,
    );
    expect(refused.message).toContain("Nothing was sent.");
    expect(gas.fetches.slice(requests).filter((fetch) => fetch.url.endsWith("/sync"))).toEqual([]);
    expect(((await json("/v1/sheets/copied-tab")) as { revision: number }).revision).toBe(revision);

    // The copy's IDs cleared: the add-on gives its rows new ones, and both tabs sync, nothing doubled.
    const idColumn = column(copy.values(), "ID") + 1;
    copy.write(2, idColumn, [[""], [""], [""], [""], [""]]);
    simpleTrigger("onEdit", { range: copy.getRange(2, idColumn, 5, 1) });
    const newIds = copy
      .values()
      .slice(1, 6)
      .map((cells) => String(cells[idColumn - 1]));
    expect(newIds.every((id) => /^(O|KR)-[0-9A-Z]{4}$/.test(id))).toBe(true);
    sync(addon);
    const stored = (await json("/v1/sheets/copied-tab")) as StoredRows;
    const live = stored.rows.filter((row) => !row.deleted).map((row) => row.id);
    expect(live.sort()).toEqual(
      [...["O-WIN", "KR-DEALS", "KR-NPS", "O-OPS", "KR-UP"].map(name), ...newIds].sort(),
    );
  });
});

describe("Close cycle", () => {
  it("freezes the grades in the sheet and on the server; a later edit is not counted; closing again says so", async () => {
    const book = q3Book("closing-spreadsheet", "OKRs", "D");
    const name = idIn("D");
    const { addon, simpleTrigger } = loadAddon({ book });
    connect(addon, "closing");
    addon.menuSetUpSheet();
    sync(addon);
    const sheet = book.sheet("OKRs")!;

    const context = addon.getCloseCycleContext() as {
      cycles: { label: string; ended: boolean }[];
      selected: string;
    };
    expect(context).toMatchObject({ selected: "2026-Q3", cycles: [{ label: "2026-Q3", ended: true }] });
    const outcome = addon.closeCycle({ cycle: "2026-Q3" }) as {
      ok: boolean;
      message: string;
      closed: number;
    };
    expect(outcome.ok, outcome.message).toBe(true);
    expect(outcome.closed).toBe(5);
    expect(outcome.message).toContain(
      "2026-Q3 closed: 5 rows frozen on the server, 5 grades written in the Grade column",
    );

    let values = sheet.values();
    const [grade, status, progress, current] = ["Grade", "Status", "Progress", "Current"].map((name) =>
      column(values, name),
    ) as number[];
    expect(grade).toBeGreaterThan(0);
    expect(
      [name("O-WIN"), name("KR-DEALS"), name("KR-NPS"), name("O-OPS"), name("KR-UP")].map(
        (id) => rowOf(values, id)[grade!],
      ),
    ).toEqual([0.6, 0.8, 0.3, 1, 1]);
    expect(rowOf(values, name("O-WIN"))[status!]).toBe("0.6 · Partly achieved");
    // The closed rows are protected, warning only, with a description that says edits are not counted.
    const protections = sheet.protections.filter((p) => p.description.includes("2026-Q3 closed"));
    expect(protections.length).toBeGreaterThan(0);
    expect(protections.every((p) => p.warningOnly)).toBe(true);
    expect(protections.map((p) => [p.range.row, p.range.numRows])).toEqual([[2, 5]]);
    expect(protections[0]!.description).toContain("Edits here are not counted");

    // Someone edits a closed row anyway: its progress moves, its grade and status stay as closed.
    sheet.write(3, current! + 1, [[100]]);
    simpleTrigger("onEdit", { range: sheet.getRange(3, current! + 1) });
    values = sheet.values();
    expect(rowOf(values, name("KR-DEALS"))[progress!]).toBe(1);
    expect(rowOf(values, name("KR-DEALS"))[status!]).toBe("0.8 · Achieved");
    expect(rowOf(values, name("O-WIN"))[status!]).toBe("0.6 · Partly achieved");
    // The server too: the synced edit does not change the closed cycle's grades.
    sync(addon);
    const roots = (await rollup("2026-Q3")).roots;
    const past = roots.find((node) => node.id === name("O-WIN"));
    expect(past).toMatchObject({ progress: 0.55, grade: 0.6 });

    // Closing it again: a clear sentence, in the user's language, and nothing changed.
    const again = addon.closeCycle({ cycle: "2026-Q3" }) as { ok: boolean; message: string };
    expect(again.ok).toBe(false);
    expect(again.message).toBe(
      "Closing 2026-Q3 failed: cycle '2026-Q3' is already closed in this sheet: its grades stay as they were frozen, and later edits are not counted. Nothing in the sheet was changed.",
    );
    addon.saveSettings({ language: "sv" });
    const swedish = addon.closeCycle({ cycle: "2026-Q3" }) as { message: string };
    expect(swedish.message).toContain("cykeln '2026-Q3' är redan stängd i det här bladet");
    expect(sheet.protections.filter((p) => p.description.includes("2026-Q3"))).toHaveLength(1);
  });

  it("offline: says the server cannot be reached, and changes nothing in the sheet", () => {
    const book = q3Book("offline-spreadsheet", "OKRs", "E");
    const { addon } = loadAddon({ book, upstreams: {} });
    addon.saveSettings({ apiUrl: api.publicUrl, apiKey: "okr_x", sheetId: "closing" });
    addon.menuSetUpSheet();
    const before = book.sheet("OKRs")!.serialized();
    const outcome = addon.closeCycle({ cycle: "2026-Q3" }) as { ok: boolean; message: string };
    expect(outcome.ok).toBe(false);
    expect(outcome.message).toMatch(/^Closing 2026-Q3 sends the sheet first, and that failed: /);
    expect(book.sheet("OKRs")!.serialized()).toEqual(before);
  });
});

describe("the owner's word and confidence beside status", () => {
  it("an Owner status column overrides the pace shown, with the status words as its dropdown; blank keeps the pace", () => {
    const book = new FakeWorkbook(undefined, "owner-spreadsheet");
    book.now = () => new Date("2026-11-15T09:00:00Z");
    book.addSheet("Team", [
      ["ID", "Type", "Title", "Objective", "Cycle", "Start", "Target", "Current", "Owner status"],
      ["O-OWN", "Objective", "Ship it", "", "2026-Q4", "", "", "", ""],
      // Half way through the quarter, both at 0.5: on track by pace.
      ["KR-SAYS", "Key result", "Half the features", "O-OWN", "2026-Q4", 0, 10, 5, "  at RISK "],
      ["KR-QUIET", "Key result", "Half the docs", "O-OWN", "2026-Q4", 0, 10, 5, ""],
      ["KR-JUNK", "Key result", "Half the tests", "O-OWN", "2026-Q4", 0, 10, 5, "maybe"],
    ]);
    const { addon } = loadAddon({ book });
    addon.menuSetUpSheet();
    const sheet = book.sheet("Team")!;
    const values = sheet.values();
    const status = column(values, "Status");
    const owner = column(values, "Owner status");
    expect(["KR-SAYS", "KR-QUIET", "KR-JUNK"].map((id) => rowOf(values, id)[status])).toEqual([
      "At risk",
      "On track",
      "On track",
    ]);
    // Set up writes the owner's word back in the sheet's words (main since 87b80af), as its dropdown offers them.
    expect(rowOf(values, "KR-SAYS")[owner]).toBe("At risk");
    const letter = String.fromCharCode(65 + owner);
    const rule = [...sheet.validations].find(([a1]) => a1.startsWith(`${letter}2:`))?.[1];
    expect(rule).toMatchObject({
      kind: "list",
      values: ["Not started", "On track", "At risk", "Off track", "Done"],
      allowInvalid: true,
    });
    // Once a cycle ends, the Status is coloured by the grade's band.
    const bands = sheet.conditionalRules
      .filter((r) => r.kind === "textContains")
      .map((r) => [r.args[0], r.background]);
    expect(bands).toEqual([
      [" · Achieved", "#ceead6"],
      [" · Partly achieved", "#feefc3"],
      [" · Missed", "#fad2cf"],
    ]);
  });

  it("a Swedish sheet reads Ägarens status in its words; a new sheet has Confidence beside Status", () => {
    const book = new FakeWorkbook(undefined, "owner-sv-spreadsheet");
    book.now = () => new Date("2026-11-15T09:00:00Z");
    book.addSheet("Team", [
      [
        "ID",
        "Typ",
        "Titel",
        "Hör till mål",
        "Cykel",
        "Startvärde",
        "Målvärde",
        "Nuvarande",
        "Ägarens status",
      ],
      ["O-SV", "Mål", "Leverera", "", "2026-Q4", "", "", "", ""],
      ["KR-SV", "Nyckelresultat", "Hälften", "O-SV", "2026-Q4", 0, 10, 5, "Efter plan"],
    ]);
    const { addon } = loadAddon({ book, userLocale: "sv_SE" });
    addon.menuSetUpSheet();
    const values = book.sheet("Team")!.values();
    expect(rowOf(values, "KR-SV")[column(values, "Status")]).toBe("Efter plan");
    expect(rowOf(values, "KR-SV")[column(values, "Säkerhet")]).toBe("");
    // Set up added the missing Confidence column right after Status.
    expect(column(values, "Säkerhet")).toBe(column(values, "Status") + 1);
  });
});
