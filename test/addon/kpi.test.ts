// KPIs as finance and ops use them, through the built add-on over the strict double against the real API
// (node server + dynalite in a child process): the Check in dialog offers KPIs and their check-ins move the
// server's value and history; a Current fed by the user's formula keeps the formula (key results and KPIs
// alike); Pull rollup writes a KPI board with leading and lagging side by side and a SPARKLINE trend.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiChild, startApiChild } from "../support/gas/api-child.js";
import { ensureBuiltAddon } from "../support/gas/built-addon.js";
import { type AddonGlobals, loadAddon as loadWith } from "../support/gas/load-addon.js";
import { FakeWorkbook } from "../support/gas/spreadsheet.js";
import { SYNC_HEADER } from "./fixtures.js";

let api: ApiChild;
const loadAddon = (options: Parameters<typeof loadWith>[0] = {}) =>
  loadWith({ upstreams: api.upstreams, ...options });

beforeAll(async () => {
  await ensureBuiltAddon();
  api = await startApiChild(["kpi-sales"]);
});

afterAll(async () => {
  await api?.stop();
});

const HEADER = [...SYNC_HEADER, "KPI kind", "Unit"];
const CURRENT = HEADER.indexOf("Current") + 1;

/** A sales sheet: a key result with a leading KPI beside it, a lagging KPI fed by the finance tab. */
function salesBook(): FakeWorkbook {
  const book = new FakeWorkbook(undefined, "sales-spreadsheet");
  // ID, Type, Title, Objective, Aligns to, Level, Team, Owner, Cycle, Start, Target, Current, KPI kind, Unit
  book.addSheet("Sales", [
    HEADER,
    [
      "O-K1",
      "Objective",
      "Grow revenue in the Nordics",
      "",
      "",
      "Team",
      "Sales",
      "Ada",
      "2026-Q4",
      "",
      "",
      "",
      "",
      "",
    ],
    [
      "KR-K1",
      "Key result",
      "Reach 12 MSEK in new ARR",
      "O-K1",
      "",
      "",
      "",
      "Ada",
      "",
      0,
      12,
      4.5,
      "",
      "MSEK",
    ],
    ["KPI-K1", "KPI", "Qualified pipeline", "KR-K1", "", "", "", "Bo", "", 10, 40, 18, "Leading", "MSEK"],
    ["KPI-K2", "KPI", "Gross margin", "O-K1", "", "", "", "Cy", "", 0.5, 0.6, "=Finance!B2", "Lagging", ""],
    [
      "KR-K2",
      "Key result",
      "Book 30 MSEK revenue",
      "O-K1",
      "",
      "",
      "",
      "Cy",
      "",
      0,
      30,
      "=Finance!B3",
      "",
      "MSEK",
    ],
  ]);
  book.addSheet("Finance", [
    ["Measure", "Value"],
    ["Gross margin", 0.58],
    ["Revenue", 21],
  ]);
  book.active = book.sheet("Sales") ?? null;
  return book;
}

function connect(addon: AddonGlobals) {
  const saved = addon.saveSettings({
    apiUrl: api.publicUrl,
    apiKey: api.writerKeys["kpi-sales"]!,
    sheetId: "kpi-sales",
  }) as { errors: string[] };
  expect(saved.errors).toEqual([]);
}

interface Choice {
  id: string;
  type: string;
  kind: string;
  live: boolean;
  liveNote: string;
  shown: string;
}
interface Context {
  keyResults: Choice[];
  kpis: Choice[];
  labels: Record<string, string>;
}
interface Outcome {
  ok: boolean;
  message: string;
  sent?: boolean;
  formulaKept?: boolean;
}

async function history(rowId: string) {
  const response = await api.request(`/v1/rows/${rowId}/history`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { points: { value: number; source: string; note: string }[] }).points;
}

async function kpiBoard() {
  const response = await api.request("/v1/kpis?cycle=2026-Q4");
  expect(response.status).toBe(200);
  return (await response.json()) as { kpis: { id: string; current: number; trend: number[] }[] };
}

const team = { book: salesBook(), loaded: null as ReturnType<typeof loadAddon> | null };
function sales() {
  if (!team.loaded) {
    team.loaded = loadAddon({ book: team.book, userEmail: "bo@example.com" });
    connect(team.loaded.addon);
    team.loaded.addon.menuSetUpSheet();
    const synced = team.loaded.addon.menuSyncNow() as { ok: boolean; message: string };
    expect(synced.ok, synced.message).toBe(true);
  }
  return team.loaded;
}

describe("KPIs in the add-on", () => {
  it("the Check in dialog lists KPIs apart from key results, in the vocabulary's words", () => {
    const { addon } = sales();
    const context = addon.getCheckInContext() as Context;
    expect(context.keyResults.map((c) => c.id)).toEqual(["KR-K1", "KR-K2"]);
    expect(context.kpis.map((c) => [c.id, c.type, c.kind])).toEqual([
      ["KPI-K1", "kpi", "Leading"],
      ["KPI-K2", "kpi", "Lagging"],
    ]);
    expect(context.labels).toMatchObject({ keyResults: "Key results", kpis: "KPIs" });
    const margin = context.kpis[1]!;
    expect(margin.live).toBe(true);
    expect(margin.liveNote).toBe(
      "Current is your formula (live data): it stays as it is. This check-in records the value it shows, 0.58, with your confidence and note in the history.",
    );
    expect(context.kpis[0]).toMatchObject({ live: false, liveNote: "", shown: "18 MSEK" });

    // The same words in Swedish: the vocabulary's (KPI:er, Ledande), the add-on's own sentences.
    const swedish = loadAddon({ book: salesBook(), userLocale: "sv_SE" });
    const sv = swedish.addon.getCheckInContext() as Context;
    expect(sv.labels).toMatchObject({ keyResults: "Nyckelresultat", kpis: "KPI:er" });
    expect(sv.kpis.map((c) => c.kind)).toEqual(["Ledande", "Eftersläpande"]);
    expect(sv.kpis[1]!.liveNote).toContain("Nuvarande är din formel");
  });

  it("a KPI check-in writes Current, moves the server's current value and appears in its history", async () => {
    const { addon, gas } = sales();
    const outcome = addon.submitCheckIn({
      krId: "KPI-K1",
      value: "22",
      confidence: "80 %",
      note: "Two deals moved to Q1",
    }) as Outcome;
    expect(outcome).toMatchObject({ ok: true, sent: true, formulaKept: false });
    expect(outcome.message).toBe("Check-in saved for KPI-K1: 22 MSEK.");
    expect(gas.book.sheet("Sales")!.values()[3]![CURRENT - 1]).toBe(22);
    expect(gas.book.sheet("Check-ins")!.values()[1]!.slice(1, 7)).toEqual([
      "KPI-K1",
      22,
      0.8,
      "Two deals moved to Q1",
      "bo@example.com",
      "✓",
    ]);

    const points = await history("KPI-K1");
    expect(points.map((p) => [p.value, p.source])).toEqual([
      [18, "sheet"],
      [22, "check_in"],
    ]);
    expect(points.at(-1)!.note).toBe("Two deals moved to Q1");
    const board = await kpiBoard();
    expect(board.kpis.find((k) => k.id === "KPI-K1")).toMatchObject({ current: 22, trend: [18, 22] });
  });

  it("a check-in on a formula-fed KPI or key result keeps the formula and records the value it shows", async () => {
    const { addon, gas } = sales();
    const sheet = gas.book.sheet("Sales")!;
    for (const [id, row, formula, value] of [
      ["KPI-K2", 5, "=Finance!B2", 0.58],
      ["KR-K2", 6, "=Finance!B3", 21],
    ] as const) {
      // A value typed anyway (the dialog disables the field on such a row) does not replace the formula.
      const outcome = addon.submitCheckIn({
        krId: id,
        value: 99,
        confidence: 0.6,
        note: "month closed",
      }) as Outcome;
      expect(outcome).toMatchObject({ ok: true, sent: true, formulaKept: true });
      expect(outcome.message).toContain(
        "Current is your formula: it was kept, and the check-in recorded the value it shows.",
      );
      expect(sheet.formulas()[row - 1]![CURRENT - 1]).toBe(formula);
      expect(sheet.values()[row - 1]![CURRENT - 1]).toBe(value);
      const last = (await history(id)).at(-1)!;
      expect(last).toMatchObject({ value, source: "check_in", note: "month closed" });
    }
  });

  it("Pull rollup writes the KPI board: leading and lagging side by side, current, target, health and a trend", () => {
    const { addon, gas } = sales();
    // A Rollup sheet narrower than the board (trimmed by someone): the add-on grows it, as Google requires.
    const narrow = gas.book.addSheet("Rollup", [["old"]]);
    narrow.maxColumns = 12;
    const pulled = addon.menuPullRollup() as { ok: boolean; message: string };
    expect(pulled.ok, pulled.message).toBe(true);
    expect(pulled.message).toBe("Rollup of 2026-Q4: 1 objectives, 2 KPIs.");
    const rollup = gas.book.sheet("Rollup")!;
    const rows = rollup.values();
    const heading = rows.findIndex((r) => r[0] === "KPIs");
    expect(heading).toBeGreaterThan(2);
    expect(rows[heading + 1]!.slice(0, 12)).toEqual([
      "Team",
      "Objective",
      "Leading",
      "Current",
      "Target",
      "Health",
      "Trend",
      "Lagging",
      "Current",
      "Target",
      "Health",
      "Trend",
    ]);
    const line = rows[heading + 2]!;
    expect(line.slice(0, 12)).toEqual([
      "Sales",
      "Grow revenue in the Nordics",
      "KPI-K1 – Qualified pipeline (MSEK)",
      22,
      40,
      // A plain Target is a bound to reach: 22 of 40 keeps none.
      "Unhealthy",
      // A SPARKLINE draws a chart; its cell holds no text.
      "",
      "KPI-K2 – Gross margin",
      0.58,
      0.6,
      "Unhealthy",
      "",
    ]);
    // The trend cells: the last values, oldest first, each side in its own block.
    expect(line.slice(12, 14)).toEqual([18, 22]);
    expect(line.slice(20, 22)).toEqual([0.58, 0.58]);
    const sheetRow = heading + 3;
    const formulas = rollup.formulas();
    expect(formulas[sheetRow - 1]![6]).toBe(`=SPARKLINE(M${sheetRow}:N${sheetRow})`);
    expect(formulas[sheetRow - 1]![11]).toBe(`=SPARKLINE(U${sheetRow}:V${sheetRow})`);
    // No other formula anywhere in the Rollup sheet: titles and teams stay plain text.
    expect(formulas.flat().filter(Boolean)).toEqual([
      `=SPARKLINE(M${sheetRow}:N${sheetRow})`,
      `=SPARKLINE(U${sheetRow}:V${sheetRow})`,
    ]);
    expect(rows.length).toBe(sheetRow);
  });
});
