// The add-on where real Google is strict (issue 11), through the strict double: the grid (a sheet with columns of
// its own, a 10,000-objective organisation), writes after the server accepted a sync that fail part way,
// automatic sync in the context Apps Script gives a trigger, in two spreadsheets of one user, the spreadsheet's
// time zone, OKR_STATUS following the day, formulas in a Swedish spreadsheet, levels in the sheet's words.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rollupRows } from "../../addon/rollup-sheet.js";
import { headerLabel, valueLabel } from "../../shared/columns.js";
import { dayNumber, expectedProgress, parseCycle, SHEET_EPOCH_OFFSET } from "../../shared/cycle.js";
import type { Rollup } from "../../shared/model.js";
import { parseSheet } from "../../shared/parse.js";
import { computeRows } from "../../shared/progress.js";
import { full, objective } from "../api/rows.js";
import { type ApiChild, startApiChild } from "../support/gas/api-child.js";
import { ensureBuiltAddon } from "../support/gas/built-addon.js";
import { loadAddon as loadWith } from "../support/gas/load-addon.js";
import { FakeAccount } from "../support/gas/services.js";
import { FakeWorkbook } from "../support/gas/spreadsheet.js";
import { SYNC_HEADER, teamWorkbook } from "./fixtures.js";

let api: ApiChild;
const loadAddon = (options: Parameters<typeof loadWith>[0] = {}, child: ApiChild = api) =>
  loadWith({ upstreams: child.upstreams, ...options });

beforeAll(async () => {
  await ensureBuiltAddon();
  api = await startApiChild();
});
afterAll(async () => {
  await api?.stop();
});

const HEADER = SYNC_HEADER;

function twoRowTeam(id: string, sheetId = `${id}-spreadsheet`): FakeWorkbook {
  const book = new FakeWorkbook(undefined, sheetId);
  book.addSheet("Team", [
    HEADER,
    [`O-${id}`, "Objective", `${id} objective`, "", "O-BIG-0", "Team", id, "Ada", "2026-Q4", "", "", ""],
    [`KR-${id}`, "Key result", `${id} result`, `O-${id}`, "", "", "", "Ada", "", 0, 10, 4],
  ]);
  return book;
}

function connect(addon: Record<string, unknown>, sheetId: string, child: ApiChild = api) {
  const saved = (addon.saveSettings as (f: unknown) => { errors: string[] })({
    apiUrl: child.publicUrl,
    apiKey: child.adminKey,
    sheetId,
  });
  expect(saved.errors).toEqual([]);
}

describe("the grid", () => {
  it("Set up on a sheet with five columns of its own grows the grid first (32 columns), and twice changes nothing", () => {
    const book = new FakeWorkbook();
    book.addSheet("OKRs", [
      ["Region", "Type", "Title", "Budget", "Customer", "Cycle", "Target", "Current", "Risk", "Sponsor"],
      ["North", "Objective", "Win the north", 100, "Acme", "2026-Q4", "", "", "low", "Eva"],
      ["North", "Key result", "Ten new accounts", 50, "Acme", "", 10, 4, "mid", "Eva"],
    ]);
    const { addon } = loadAddon({ book });
    const result = addon.menuSetUpSheet() as { rows: number };
    expect(result.rows).toBe(2);
    const sheet = book.sheet("OKRs")!;
    const header = sheet.values()[0]!.map(String);
    // Five of the user's own, 22 OKR columns, the bar and four helpers.
    expect(header.filter(Boolean)).toHaveLength(32);
    expect(sheet.getMaxColumns()).toBe(32);
    expect(header.slice(0, 10)).toEqual([
      "Region",
      "Type",
      "Title",
      "Budget",
      "Customer",
      "Cycle",
      "Target",
      "Current",
      "Risk",
      "Sponsor",
    ]);
    const parsed = parseSheet(sheet.values());
    const kr = parsed.rows.find((r) => r.type === "key_result")!;
    expect(sheet.values()[kr.row - 1]![parsed.layout!.columns.progress!]).toBeCloseTo(0.4, 9);
    const before = sheet.serialized();
    addon.menuSetUpSheet();
    expect(sheet.serialized()).toEqual(before);
    expect(sheet.getMaxColumns()).toBe(32);
  });

  it("a 2-row team syncs in a 10,000-objective organisation: the catalog holds all, the dropdown covers it, the rollup fits", async () => {
    // An API of its own: the other tests' syncs should not each fetch a 10,000-objective catalog.
    const big = await startApiChild();
    try {
      await tenThousand(big);
    } finally {
      await big.stop();
    }
  }, 240_000);
});

async function tenThousand(big: ApiChild): Promise<void> {
  // The organisation: two sheets of 5,000 objectives each (the most one sync may carry).
  for (const part of [0, 1]) {
    const rows = Array.from({ length: 5000 }, (_, i) =>
      objective(`O-BIG-${part * 5000 + i}`, { team: `Team ${i % 40}`, level: "company", row: i + 2 }),
    );
    const response = await big.request(`/v1/sheets/big-${part}/sync`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ baseRevision: 0, name: `Big ${part}`, rows: rows.map(full) }),
    });
    expect(response.status, await response.clone().text()).toBe(200);
  }
  const team = loadAddon({ book: twoRowTeam("TINY") }, big);
  connect(team.addon, "tiny", big);
  team.addon.menuSetUpSheet();
  const outcome = team.addon.menuSyncNow() as { ok: boolean; message: string };
  expect(outcome.ok, outcome.message).toBe(true);
  expect(outcome.message).not.toContain("failed here");
  const catalog = team.gas.book.sheet("OKR Catalog")!;
  const ids = catalog
    .values()
    .slice(1)
    .map((r) => r[0]);
  expect(ids.length).toBeGreaterThanOrEqual(10_001);
  expect(ids).toContain("O-BIG-9999");
  expect(ids).toContain("O-TINY");
  expect(catalog.getMaxRows()).toBeGreaterThanOrEqual(ids.length + 1);
  // The Aligns to dropdown reads the whole catalog, not the 1,000 rows it had before.
  const sheet = team.gas.book.sheet("Team")!;
  const alignsTo = parseSheet(sheet.values()).layout!.columns.alignsTo!;
  const rules = [...sheet.validations].filter(([, rule]) => rule?.kind === "range");
  expect(
    rules.some(
      ([a1, rule]) => a1.startsWith(String.fromCharCode(65 + alignsTo)) && rule!.values.length === ids.length,
    ),
  ).toBe(true);

  // A leader pulls the rollup of those 10,000 objectives into a new sheet.
  const leader = loadAddon({ book: twoRowTeam("LEAD", "leader-spreadsheet") }, big);
  connect(leader.addon, "leader", big);
  const pulled = leader.addon.menuPullRollup() as { ok: boolean; message: string; rows: number };
  expect(pulled.ok, pulled.message).toBe(true);
  expect(pulled.rows).toBeGreaterThan(10_000);
  const rollup = leader.gas.book.sheet("Rollup")!;
  // Each objective once in the tree, and all but O-BIG-0 (which the teams align to) again among the company
  // objectives nobody supports.
  expect(rollup.values().filter((r) => String(r[1]).startsWith("O-BIG-"))).toHaveLength(10_000 + 9_999);
}

describe("dropdowns", () => {
  it("Aligns to and Objective offer the catalog's objectives by title with their IDs; Contributes to, which holds several IDs, has no rule to flag them", () => {
    const book = teamWorkbook();
    const { addon } = loadAddon({ book });
    addon.menuSetUpSheet();
    const sheet = book.sheet("Team")!;
    const { columns } = parseSheet(sheet.values()).layout!;
    const ruleOf = (index: number) => {
      const letter = String.fromCharCode(65 + index);
      return [...sheet.validations].find(([a1]) => a1.startsWith(`${letter}2:`))?.[1];
    };
    expect(ruleOf(columns.alignsTo!)).toMatchObject({
      kind: "range",
      rangeName: "H2",
      values: [expect.stringMatching(/^O-[0-9A-Z]{4,} · Delight our customers$/)],
    });
    expect(ruleOf(columns.objective!)).toMatchObject({ kind: "range" });
    expect(ruleOf(columns.contributesTo!)).toBeNull();
  });
});

describe("after the server accepted a sync", () => {
  it("a catalog write that fails part way leaves the old catalog and the new sync state, and says so", () => {
    // Another team's objective is in the organisation, so the catalog holds more than this sheet's own.
    const other = loadAddon({ book: twoRowTeam("HALF-OTHER") });
    connect(other.addon, "half-other");
    expect((other.addon.menuSyncNow() as { ok: boolean }).ok).toBe(true);
    const team = loadAddon({ book: twoRowTeam("HALF") });
    connect(team.addon, "half");
    team.addon.menuSetUpSheet();
    expect((team.addon.menuSyncNow() as { ok: boolean }).ok).toBe(true);
    const catalog = () => team.gas.book.sheet("OKR Catalog")!.values();
    const before = catalog();
    expect(before.map((r) => r[0])).toEqual(expect.arrayContaining(["ID", "O-HALF", "O-HALF-OTHER"]));
    // Meanwhile a third team syncs: the refresh would bring its objective.
    const third = loadAddon({ book: twoRowTeam("HALF-THIRD") });
    connect(third.addon, "half-third");
    expect((third.addon.menuSyncNow() as { ok: boolean }).ok).toBe(true);
    team.gas.book.sheet("Team")!.write(3, 12, [[6]]);
    team.gas.book.failWrite = (sheet, method) => sheet === "OKR Catalog" && method === "setValues";
    const outcome = team.addon.menuSyncNow() as { ok: boolean; message: string; revision: number };
    team.gas.book.failWrite = null;
    expect(outcome.ok).toBe(true);
    expect(outcome.message).toContain(
      "The server has this sync, but refreshing the Aligns to list failed here: Exception: Service Spreadsheets failed while accessing document (setValues on OKR Catalog). The next sync tries again.",
    );
    // The sheet's own state is the new revision; the catalog is the old one, whole.
    expect(team.gas.documentProperties.getProperty("okr.revision")).toBe(String(outcome.revision));
    expect(catalog()).toEqual(before);
    expect(catalog().map((r) => r[0])).not.toContain("O-HALF-THIRD");
    // The next sync refreshes it.
    expect((team.addon.menuSyncNow() as { message: string }).message).not.toContain("failed here");
    expect(catalog().map((r) => r[0])).toContain("O-HALF-THIRD");
  });
});

describe("automatic sync", () => {
  it("runs from this spreadsheet's change trigger with no active spreadsheet, waits when it synced just now, records each result", async () => {
    const book = twoRowTeam("AUTO");
    let now = new Date("2026-10-05T08:00:00Z");
    book.now = () => now;
    const team = loadAddon({ book });
    connect(team.addon, "auto");
    expect(team.addon.saveSettings({ autoSync: true })).toEqual({ ok: true, errors: [] });
    // Someone edits: the on-change trigger syncs, as the user who turned it on, with no one to show a toast to.
    team.fireTriggers("ON_CHANGE");
    const sheet = await api.request("/v1/sheets/auto");
    expect(((await sheet.json()) as { revision: number }).revision).toBe(1);
    expect(team.gas.book.toasts).toEqual([]);
    const last = () => (team.addon.getSettings() as { lastSync: Record<string, unknown> }).lastSync;
    expect(last()).toMatchObject({ ok: true, automatic: true, when: "2026-10-05 08:00" });
    expect(String(last().message)).toMatch(/^Synced revision 1/);

    // Another change ten minutes later waits (at most every 15 minutes), and says what waits.
    now = new Date("2026-10-05T08:10:00Z");
    team.gas.book.sheet("Team")!.write(3, 12, [[5]]);
    const fetches = team.gas.fetches.length;
    team.fireTriggers("ON_CHANGE");
    expect(team.gas.fetches.length).toBe(fetches);
    expect(last()).toMatchObject({
      ok: true,
      waitingSince: "2026-10-05T08:10:00.000Z",
      waitingWhen: "2026-10-05 08:10",
    });
    // Opening the spreadsheet later sends it.
    now = new Date("2026-10-05T09:00:00Z");
    team.fireTriggers("ON_OPEN");
    expect(last()).toMatchObject({ ok: true, automatic: true, when: "2026-10-05 09:00" });
    expect(last().waitingSince).toBeUndefined();
    expect(String(last().message)).toMatch(/^Synced revision 2/);
  });

  it("a failed automatic sync is shown in Settings and the quality sidebar, never thrown away", () => {
    const book = twoRowTeam("FAIL");
    const team = loadAddon({ book });
    connect(team.addon, "fail");
    team.addon.saveSettings({ autoSync: true });
    team.gas.intercept(() => "network");
    expect(() => team.fireTriggers("ON_CHANGE")).not.toThrow();
    const shown = (
      team.addon.getSettings() as { lastSync: { ok: boolean; automatic: boolean; message: string } }
    ).lastSync;
    expect(shown).toMatchObject({ ok: false, automatic: true });
    expect(shown.message).toBe(
      "Sync failed after 4 attempts: the OKR server at https://okr-api.test could not be reached; check the connection and try again. Nothing in the sheet was changed.",
    );
    expect((team.addon.getQualityReport() as { lastSync: unknown }).lastSync).toEqual(shown);
    expect(team.gas.book.toasts).toEqual([]);
  });

  it("on and off in two spreadsheets of one user: each touches only its own triggers", () => {
    const account = new FakeAccount("ada@example.com");
    const a = loadAddon({ book: twoRowTeam("TWO-A"), account });
    const b = loadAddon({ book: twoRowTeam("TWO-B"), account });
    connect(a.addon, "two-a");
    connect(b.addon, "two-b");
    a.addon.saveSettings({ autoSync: true });
    b.addon.saveSettings({ autoSync: true });
    const mine = (id: string) => account.triggers.filter((t) => t.sourceId === id).map((t) => t.eventType);
    expect(mine(a.gas.book.id)).toEqual(["ON_CHANGE", "ON_OPEN"]);
    expect(mine(b.gas.book.id)).toEqual(["ON_CHANGE", "ON_OPEN"]);
    // Turning it on again replaces, never doubles (an add-on may have one trigger of each type per document).
    a.addon.saveSettings({ autoSync: true });
    expect(mine(a.gas.book.id)).toEqual(["ON_CHANGE", "ON_OPEN"]);
    a.addon.saveSettings({ autoSync: false });
    expect(mine(a.gas.book.id)).toEqual([]);
    expect(mine(b.gas.book.id)).toEqual(["ON_CHANGE", "ON_OPEN"]);
    b.fireTriggers("ON_CHANGE");
    expect((b.addon.getSettings() as { lastSync: { ok: boolean } }).lastSync.ok).toBe(true);
    expect(a.fireTriggers("ON_CHANGE")).toEqual([]);
  });

  it("turned off by a colleague (who cannot see this user's triggers), they remove themselves at their next run", () => {
    const book = twoRowTeam("COLL");
    const ada = loadAddon({ book, account: new FakeAccount("ada@example.com") });
    connect(ada.addon, "coll");
    ada.addon.saveSettings({ autoSync: true });
    // Bo opens the same spreadsheet (same document properties) and turns it off.
    const bo = loadAddon({ book, account: new FakeAccount("bo@example.com") });
    bo.gas.documentProperties.setProperties(ada.gas.documentProperties.getProperties());
    bo.addon.saveSettings({ autoSync: false });
    expect(ada.gas.account.triggers).toHaveLength(2);
    ada.gas.documentProperties.setProperties(bo.gas.documentProperties.getProperties());
    ada.fireTriggers("ON_CHANGE");
    expect(ada.gas.account.triggers).toEqual([]);
    expect(ada.gas.fetches).toEqual([]);
  });

  it("a document from the first version (on, but its hourly trigger gone) gets its triggers back from its user's next sync, not a colleague's", () => {
    const book = twoRowTeam("UPGRADE");
    const bo = loadAddon({ book, account: new FakeAccount("bo@example.com") });
    connect(bo.addon, "upgrade");
    bo.gas.documentProperties.setProperty("okr.hourlySync", "true");
    // Nobody knows whose it was: the first user to sync from the menu takes it on.
    bo.addon.menuSyncNow();
    expect(bo.gas.account.triggers.map((t) => t.eventType)).toEqual(["ON_CHANGE", "ON_OPEN"]);
    expect(bo.gas.documentProperties.getProperty("okr.autoSyncBy")).toBe("bo@example.com");
    expect((bo.addon.getSettings() as { autoSyncBy: string }).autoSyncBy).toBe("bo@example.com");
    // Ada, a colleague in the same spreadsheet, opening Settings or syncing adds none of hers.
    const ada = loadAddon({ book, account: new FakeAccount("ada@example.com") });
    ada.gas.documentProperties.setProperties(bo.gas.documentProperties.getProperties());
    ada.addon.getSettings();
    ada.addon.menuSyncNow();
    expect(ada.gas.account.triggers).toEqual([]);
  });

  it("the first version's hourly time-driven trigger, which has no document to sync, removes only itself", () => {
    const account = new FakeAccount();
    const team = loadAddon({ book: twoRowTeam("LEGACY"), account });
    connect(team.addon, "legacy");
    team.addon.saveSettings({ autoSync: true });
    account.triggers.push({
      id: "old-clock",
      handler: "hourlySync",
      eventType: "CLOCK",
      sourceId: null,
      documentId: team.gas.book.id,
      everyHours: 1,
    });
    const clock = account.triggers.find((t) => t.id === "old-clock")!;
    expect(() => team.fireClock(clock)).not.toThrow();
    expect(account.triggers.map((t) => t.handler)).toEqual(["autoSync", "autoSync"]);
  });
});

describe("the spreadsheet's time zone", () => {
  it("at 00:30 in Stockholm (22:30 UTC): TODAY(), Expected, the check-in's date, OKR_STATUS and the sync all say the 15th", () => {
    const book = teamWorkbook();
    book.timeZone = "Europe/Stockholm";
    book.now = () => new Date("2026-10-14T22:30:00Z");
    const team = loadAddon({ book });
    team.addon.menuSetUpSheet();
    const settings = book.sheet("OKR Settings")!.values();
    expect(settings[0]![1]).toBe(dayNumber("2026-10-15") + SHEET_EPOCH_OFFSET);
    const values = book.sheet("Team")!.values();
    const parsed = parseSheet(values);
    const computed = computeRows(parsed.rows, { asOf: "2026-10-15" });
    for (const row of parsed.rows)
      expect(values[row.row - 1]![parsed.layout!.columns.expected!]).toBeCloseTo(
        computed.get(row.id)!.expected!,
        9,
      );
    const kr = parsed.rows.find((r) => r.type === "key_result")!;
    team.addon.submitCheckIn({ krId: kr.id, value: 31 });
    expect(book.sheet("Check-ins")!.values()[1]!.slice(0, 1)).toEqual(["2026-10-15"]);
    expect(book.sheet("Check-ins")!.values()[1]![7]).toBe("2026-10-14T22:30:00.000Z");
    // OKR_STATUS without an as-of: today in the spreadsheet's zone. 0.045 is on track on the 14th (expected
    // 13/92, 0.096 behind) and at risk on the 15th (14/92, 0.107 behind).
    const window = parseCycle("2026-Q4")!;
    expect(expectedProgress(window, "2026-10-14") - 0.045).toBeLessThan(0.1);
    expect(expectedProgress(window, "2026-10-15") - 0.045).toBeGreaterThan(0.1);
    expect(team.customFunction("OKR_STATUS", 0.045, "2026-Q4")).toBe("At risk");
    expect(team.customFunction("OKR_STATUS", 0.045, "2026-Q4", "2026-10-14")).toBe("On track");

    // The sync tells the server the zone.
    let body = "";
    team.gas.intercept((url, params) => {
      if (url.endsWith("/sync")) body = String(params.payload);
      return null;
    });
    connect(team.addon, "stockholm-team");
    team.addon.menuSyncNow();
    expect(JSON.parse(body)).toMatchObject({ timeZone: "Europe/Stockholm" });
  });

  it("OKR_STATUS follows the as-of cell it is given (the settings sheet's =TODAY()), so it changes with the day", () => {
    const book = new FakeWorkbook();
    book.timeZone = "Europe/Oslo";
    const team = loadAddon({ book });
    // A date cell arrives in a custom function as a Date: midnight of that day in the spreadsheet's zone.
    const osloMidnight = (iso: string) => new Date(`${iso}T00:00:00+02:00`);
    expect(team.customFunction("OKR_STATUS", 0.3, "2026-Q4", osloMidnight("2026-10-20"))).toBe("On track");
    expect(team.customFunction("OKR_STATUS", 0.3, "2026-Q4", osloMidnight("2026-12-20"))).toBe("Off track");
    // A serial works too, and the language may come before or after it.
    const serial = dayNumber("2026-12-20") + SHEET_EPOCH_OFFSET;
    expect(team.customFunction("OKR_STATUS", 0.3, "2026-Q4", "nb", serial)).toBe("Bak plan");
    expect(team.customFunction("OKR_STATUS", [[0.3], [1]], "2026-Q4", serial, "sv")).toEqual([
      ["Efter plan"],
      ["Klar"],
    ]);
    // A custom function may read the spreadsheet, never write it (AuthMode.CUSTOM_FUNCTION).
    expect(() => team.customFunction("OKR_PROGRESS", 0, 10, 5)).not.toThrow();
  });
});

describe("a Swedish or Norwegian spreadsheet", () => {
  it("writes formulas with no decimal numbers or array literals, and conditional formats without separators", () => {
    const book = teamWorkbook();
    book.locale = "sv_SE";
    const team = loadAddon({ book, userLocale: "sv_SE" });
    team.addon.menuSetUpSheet();
    const formulas = book
      .sheet("Team")!
      .formulas()
      .flat()
      .filter((f) => f.startsWith("="));
    expect(formulas.length).toBeGreaterThan(20);
    for (const formula of formulas) {
      const code = formula.replace(/"[^"]*"/g, '""').replace(/'[^']*'/g, "''");
      // A user's own formula (=Finance!B2) stays as they wrote it.
      if (formula === "=Finance!B2") continue;
      expect(code, formula).not.toMatch(/\d\.\d/);
      expect(code, formula).not.toContain("{");
    }
    const rules = book.sheet("Team")!.conditionalRules.filter((r) => r.kind === "formula");
    expect(rules).toHaveLength(3);
    for (const rule of rules) expect(String(rule.args[0])).not.toMatch(/[,;]/);
  });

  it("if Apps Script read formulas in the spreadsheet's own syntax (';' between arguments), Set up finds out and still computes what shared/ computes", () => {
    const book = new FakeWorkbook(undefined, "sv-syntax", { formulaSyntax: "locale-sv" });
    book.locale = "sv_SE";
    book.addSheet("Mål", [
      [
        headerLabel("type", "sv"),
        headerLabel("title", "sv"),
        headerLabel("cycle", "sv"),
        headerLabel("start", "sv"),
        headerLabel("target", "sv"),
        headerLabel("current", "sv"),
        headerLabel("objective", "sv"),
        headerLabel("id", "sv"),
      ],
      ["Mål", "Nöjdare kunder", "2026-Q4", "", "", "", "", "O-1"],
      ["Nyckelresultat", "NPS 20 till 40", "", 20, 40, 30, "O-1", "KR-1"],
      ["Nyckelresultat", "Svarstid", "", 8, 2, 5, "O-1", "KR-2"],
    ]);
    const team = loadAddon({ book, userLocale: "sv_SE" });
    team.addon.menuSetUpSheet();
    expect(JSON.parse(team.gas.documentProperties.getProperty("okr.formulaSeparator")!)).toEqual({
      sv_SE: ";",
    });
    const values = book.sheet("Mål")!.values();
    const parsed = parseSheet(values);
    const computed = computeRows(parsed.rows, { asOf: new Date().toISOString().slice(0, 10) });
    const progress = parsed.layout!.columns.progress!;
    for (const row of parsed.rows)
      expect(values[row.row - 1]![progress], row.id).toBeCloseTo(computed.get(row.id)!.progress!, 9);
    expect(values[parsed.rows[0]!.row - 1]![parsed.layout!.columns.status!]).toMatch(
      /^(Enligt plan|I riskzonen|Efter plan|Klar|Ej påbörjad)$/,
    );
  });
});

describe("the Rollup sheet", () => {
  it("says each level in the sheet's words, as its Level dropdown has them", () => {
    const ref = {
      id: "O-1",
      title: "Vinn norr",
      team: "Norr",
      owner: "Åsa",
      level: "company" as const,
      cycle: "2026-Q4",
      sheetId: "s",
    };
    const node = {
      ...ref,
      progress: 0.5,
      alignedProgress: 0.5,
      expected: 0.4,
      status: "on_track" as const,
      keyResultCount: 2,
      contributesTo: [],
      children: [
        {
          ...ref,
          id: "O-2",
          level: "team" as const,
          progress: null,
          alignedProgress: null,
          expected: null,
          status: "not_started" as const,
          keyResultCount: 0,
          contributesTo: [],
          children: [],
        },
      ],
    };
    const rollup = {
      cycle: "2026-Q4",
      asOf: "2026-10-15",
      roots: [node],
      teams: [],
      levels: [],
      insights: { unsupported: [ref], unaligned: [] },
    } as unknown as Rollup;
    const levels = (language: "en" | "sv" | "nb") =>
      rollupRows(rollup, language)
        .filter((r) => r[1] !== "" && r[1] !== "ID")
        .map((r) => r[3]);
    expect(levels("sv")).toEqual([
      headerValue("sv", "company"),
      headerValue("sv", "team"),
      headerValue("sv", "company"),
    ]);
    expect(levels("nb")).toEqual([
      headerValue("nb", "company"),
      headerValue("nb", "team"),
      headerValue("nb", "company"),
    ]);
    expect(levels("en")).toEqual(["Company", "Team", "Company"]);
    expect(levels("sv")).not.toContain("company");
  });
});

function headerValue(language: "en" | "sv" | "nb", level: "company" | "team" | "individual"): string {
  return valueLabel("level", level, language);
}
