// The built add-on (dist/addon/Code.js) in a node:vm context over the spreadsheet double: menu, set-up,
// formulas computed by HyperFormula against shared/, check-in, custom functions, rollup formula injection.
import { beforeAll, describe, expect, it } from "vitest";
import { headerLabel } from "../../shared/columns.js";
import { parseSheet } from "../../shared/parse.js";
import { computeRows } from "../../shared/progress.js";
import { ensureBuiltAddon } from "../support/gas/built-addon.js";
import { loadAddon, TEST_API_URL } from "../support/gas/load-addon.js";
import { FakeWorkbook } from "../support/gas/spreadsheet.js";
import { linkKeyResults, teamWorkbook } from "./fixtures.js";

beforeAll(async () => {
  await ensureBuiltAddon();
});

const today = () => new Date().toISOString().slice(0, 10);

function snapshot(book: FakeWorkbook) {
  return book.sheets.map((sheet) => ({
    name: sheet.name,
    formulas: sheet.serialized(),
    validations: [...sheet.validations],
    rules: sheet.conditionalRules.map((r) => [
      r.kind,
      r.args,
      r.background,
      r.ranges.map((x) => x.getA1Notation()),
    ]),
    protections: sheet.protections.map((p) => [p.range.getA1Notation(), p.warningOnly, p.description]),
    frozen: sheet.frozenRows,
    hidden: [sheet.hidden, [...sheet.hiddenColumns]],
  }));
}

describe("menu", () => {
  it("onOpen adds the OKR Sheets menu in the user's language, every item naming a global function", () => {
    for (const [locale, first] of [
      ["en_US", "Set up sheet"],
      ["sv_SE", "Förbered bladet"],
      ["nb_NO", "Klargjør arket"],
    ] as const) {
      // The double refuses, as Apps Script does in AuthMode.NONE, the document, properties, locks, fetches.
      const { gas, addon, simpleTrigger } = loadAddon({ userLocale: locale, authMode: "NONE" });
      simpleTrigger("onOpen", {}, "NONE");
      const items = gas.ui.menus.get("addon")!.filter((i) => i !== "separator");
      expect(items).toHaveLength(11);
      expect(items[0]!.caption).toBe(first);
      // The cycle's lifecycle after Pull rollup (Start next cycle, Close cycle), in the same language.
      expect(items.map((item) => item.functionName).slice(5, 8)).toEqual([
        "menuPullRollup",
        "menuStartNextCycle",
        "menuCloseCycle",
      ]);
      for (const item of items) expect(typeof addon[item.functionName]).toBe("function");
      // AuthMode.NONE: the menu only; no spreadsheet reads.
      expect(gas.counter.total(["Spreadsheet.", "Sheet.", "Range."])).toBe(0);
      addon.onInstall({ authMode: "NONE" });
      // The double's NONE mode is real: anything beyond the menu fails there.
      expect(() => addon.menuSetUpSheet()).toThrow(/permission/);
    }
  });
});

describe("set up sheet", () => {
  it("adds missing columns, assigns IDs, writes formulas that compute what shared/ computes", () => {
    const book = teamWorkbook();
    const { addon } = loadAddon({ book });
    const result = addon.menuSetUpSheet() as { rows: number; newIds: number };
    expect(result).toMatchObject({ rows: 5, newIds: 5 });
    linkKeyResults(book);
    addon.menuSetUpSheet();

    const values = book.sheet("Team")!.values();
    const header = values[0]!.map(String);
    for (const key of ["id", "expected", "status", "level", "confidence"] as const)
      expect(header).toContain(headerLabel(key, "en"));
    const parsed = parseSheet(values);
    expect(parsed.rows.every((r) => /^(O|KR|KPI)-[0-9A-Z]{4,}$/.test(r.id))).toBe(true);
    const expected = computeRows(parsed.rows, { asOf: today() });
    const col = (key: "progress" | "expected" | "status") => parsed.layout!.columns[key]!;
    for (const row of parsed.rows) {
      const cells = values[row.row - 1]!;
      const want = expected.get(row.id)!;
      if (want.progress === null) expect(cells[col("progress")]).toBe("");
      else expect(cells[col("progress")]).toBeCloseTo(want.progress, 9);
      expect(cells[col("expected")]).toBeCloseTo(want.expected!, 9);
      expect(cells[col("status")]).toBe(
        {
          not_started: "Not started",
          on_track: "On track",
          at_risk: "At risk",
          off_track: "Off track",
          done: "Done",
        }[want.status],
      );
    }
    // The objective's progress is the weighted mean of its KRs: (0.5*2 + 0.5*1 + 1*1) / 4.
    const objective = parsed.rows.find((r) => r.type === "objective")!;
    expect(values[objective.row - 1]![col("progress")]).toBeCloseTo((0.5 * 2 + 0.5 + 1) / 4, 9);
  });

  it("running it twice changes nothing (values, formulas, dropdowns, formats, protection)", () => {
    const book = teamWorkbook();
    const { addon } = loadAddon({ book });
    addon.menuSetUpSheet();
    const first = snapshot(book);
    addon.menuSetUpSheet();
    expect(snapshot(book)).toEqual(first);
    const team = book.sheet("Team")!;
    expect(team.frozenRows).toBe(1);
    expect(team.protections.every((p) => p.warningOnly)).toBe(true);
    expect(team.protections.length).toBeGreaterThanOrEqual(6);
    expect([...team.validations.values()].map((v) => v?.values)).toContainEqual([
      "Objective",
      "Key result",
      "KPI",
    ]);
    expect(team.conditionalRules.filter((r) => r.kind === "textEqualTo").map((r) => r.args[0])).toEqual([
      "Not started",
      "On track",
      "At risk",
      "Off track",
      "Done",
    ]);
    expect(book.sheet("OKR Settings")!.hidden).toBe(true);
  });

  it("keeps a user's formula in Current (live data) and reads its computed value", () => {
    const book = teamWorkbook();
    const { addon } = loadAddon({ book });
    addon.menuSetUpSheet();
    const team = book.sheet("Team")!;
    const parsed = parseSheet(team.values());
    const current = parsed.layout!.columns.current!;
    const formulas = team.formulas();
    expect(formulas[5]![current]).toBe("=Finance!B2");
    const kpi = parsed.rows.find((r) => r.type === "kpi")!;
    expect(kpi.current).toBe(150);
    // The finance tab changes: the sheet's progress follows without any add-on call.
    book.sheet("Finance")!.write(2, 2, [[200]]);
    expect(team.values()[5]![parsed.layout!.columns.progress!]).toBe(1);
  });

  it("adopts a Swedish sheet and writes Swedish words the formulas compare", () => {
    const book = new FakeWorkbook();
    book.addSheet("Mål", [
      ["Typ", "Titel", "Mål-ID", "Cykel", "Startvärde", "Målvärde", "Nuvärde"],
      ["Mål", "Nöjdare kunder", "", "2026-Q4", "", "", ""],
    ]);
    const { addon } = loadAddon({ book, userLocale: "sv_SE" });
    addon.menuSetUpSheet();
    const values = book.sheet("Mål")!.values();
    const header = values[0]!.map(String);
    expect(header).toContain(headerLabel("status", "sv"));
    expect(values[1]![header.indexOf(headerLabel("status", "sv"))]).toBe("Ej påbörjad");
  });
});

describe("check in", () => {
  it("updates Current, appends to Check-ins and recomputes progress", () => {
    const book = teamWorkbook();
    const { addon } = loadAddon({ book, userEmail: "bo@example.com" });
    addon.menuSetUpSheet();
    linkKeyResults(book);
    const context = addon.getCheckInContext() as {
      keyResults: { id: string; live: boolean; title: string }[];
    };
    const nps = context.keyResults.find((k) => k.title.startsWith("Raise NPS"))!;
    const outcome = addon.submitCheckIn({
      krId: nps.id,
      value: "35",
      confidence: "80",
      note: '=HYPERLINK("x")',
    }) as { ok: boolean; sent: boolean };
    expect(outcome).toMatchObject({ ok: true, sent: false });
    const parsed = parseSheet(book.sheet("Team")!.values());
    const row = parsed.rows.find((r) => r.id === nps.id)!;
    expect(row.current).toBe(35);
    expect(book.sheet("Team")!.values()[row.row - 1]![parsed.layout!.columns.progress!]).toBeCloseTo(0.75, 9);
    const log = book.sheet("Check-ins")!.values();
    expect(log[0]).toEqual([
      "Date",
      "Key result",
      "Value",
      "Confidence",
      "Note",
      "Who",
      "Sent",
      "Time (UTC)",
    ]);
    expect(log[1]![7]).toMatch(new RegExp(`^${today()}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}Z$`));
    expect(log[1]!.slice(0, 6)).toEqual([today(), nps.id, 35, 0.8, '=HYPERLINK("x")', "bo@example.com"]);
    // The note stays text, never a formula.
    expect(book.engine.getSheetFormulas(book.sheet("Check-ins")!.hfId).flat().filter(Boolean)).toEqual([]);
  });

  it("rejects a bad value with a clear message and changes nothing", () => {
    const book = teamWorkbook();
    const { addon } = loadAddon({ book });
    addon.menuSetUpSheet();
    const before = book.sheet("Team")!.values();
    const context = addon.getCheckInContext() as { keyResults: { id: string }[] };
    const outcome = addon.submitCheckIn({ krId: context.keyResults[0]!.id, value: "lots" }) as {
      ok: boolean;
      message: string;
    };
    expect(outcome).toEqual({ ok: false, message: "'lots' is not a number." });
    expect(book.sheet("Team")!.values()).toEqual(before);
    expect(book.sheet("Check-ins")).toBeUndefined();
  });
});

describe("custom functions", () => {
  it("OKR_PROGRESS and OKR_STATUS take single values and 2-D ranges", () => {
    const { customFunction } = loadAddon();
    expect(customFunction("OKR_PROGRESS", 20, 40, 30)).toBe(0.5);
    expect(customFunction("OKR_PROGRESS", "", 10, "")).toBe(0);
    expect(customFunction("OKR_PROGRESS", 8, 2, 5)).toBe(0.5);
    expect(customFunction("OKR_PROGRESS", [[0], [0]], [[10], [4]], [[5], [8]])).toEqual([[0.5], [1]]);
    expect(customFunction("OKR_STATUS", 1, "2020-Q1")).toBe("Done");
    expect(customFunction("OKR_STATUS", "", "2020-Q1")).toBe("Not started");
    expect(customFunction("OKR_STATUS", [[0.1], [1]], "2020-Q1")).toEqual([["Off track"], ["Done"]]);
    expect(() => customFunction("OKR_PROGRESS", "a", 1, 1)).toThrow("'a' is not a number");
  });

  it("OKR_STATUS speaks the spreadsheet's language, or the one asked for", () => {
    const book = new FakeWorkbook();
    book.locale = "sv_SE";
    const { customFunction } = loadAddon({ book });
    expect(customFunction("OKR_STATUS", 1, "2020-Q1")).toBe("Klar");
    expect(customFunction("OKR_STATUS", [[0.1], [""]], "2020-Q1")).toEqual([["Efter plan"], ["Ej påbörjad"]]);
    expect(customFunction("OKR_STATUS", 1, "2020-Q1", "nb")).toBe("Ferdig");
    expect(customFunction("OKR_STATUS", 1, "2020-Q1", "EN")).toBe("Done");
    expect(() => customFunction("OKR_STATUS", 1, "2020-Q1", "de")).toThrow(
      "language 'de' is not one of en, sv, nb",
    );
  });
});

describe("settings", () => {
  it("stores the API key in document properties, never in a cell, and never shows it back", () => {
    const book = teamWorkbook();
    const { gas, addon } = loadAddon({ book });
    const saved = addon.saveSettings({
      apiUrl: `${TEST_API_URL}/`,
      apiKey: "okr_secret",
      autoSync: true,
    }) as { ok: boolean };
    expect(saved.ok).toBe(true);
    expect(gas.documentProperties.getProperty("okr.apiKey")).toBe("okr_secret");
    const shown = addon.getSettings() as Record<string, unknown>;
    expect(shown).toMatchObject({
      apiUrl: TEST_API_URL,
      hasApiKey: true,
      autoSync: true,
      allowedUrls: [`${TEST_API_URL}/`],
    });
    expect(JSON.stringify(shown)).not.toContain("okr_secret");
    // Automatic sync: an on-change and an on-open trigger of this spreadsheet, nothing time-driven.
    expect(gas.triggers.map((t) => [t.handler, t.eventType, t.sourceId])).toEqual([
      ["autoSync", "ON_CHANGE", book.id],
      ["autoSync", "ON_OPEN", book.id],
    ]);
    addon.menuSetUpSheet();
    for (const sheet of book.sheets) expect(JSON.stringify(sheet.values())).not.toContain("okr_secret");
    // New thresholds and cycle dates reach the settings sheet the formulas read.
    addon.saveSettings({
      atRiskGap: 0.05,
      offTrackGap: 0.3,
      cycles: [{ label: "2026-Q4", start: "2026-10-01", end: "2026-11-30" }],
    });
    const settingsSheet = book.sheet("OKR Settings")!.values();
    expect(settingsSheet[1]![1]).toBe(0.05);
    expect(settingsSheet[2]![1]).toBe(0.3);
    expect(settingsSheet.find((r) => r[0] === "2026-Q4")!.slice(1, 3)).toEqual([46296, 46356]);
    const bad = addon.saveSettings({ apiUrl: "ftp://x", atRiskGap: 0.5, offTrackGap: 0.2 }) as {
      ok: boolean;
      errors: string[];
    };
    expect(bad.ok).toBe(false);
    expect(bad.errors).toHaveLength(2);
  });

  it("refuses an API URL Apps Script would refuse: not https, or not under the manifest's allowlist", () => {
    const { gas, addon } = loadAddon({ book: teamWorkbook() });
    const refused = (apiUrl: string) => (addon.saveSettings({ apiUrl }) as { errors: string[] }).errors;
    expect(refused("http://okr-api.test")).toEqual([
      "API URL: 'http://okr-api.test' is not an https:// address (Apps Script fetches only https)",
    ]);
    // A look-alike host is not under the allowlisted prefix https://okr-api.test/.
    for (const url of [
      "https://okr-api.test.evil.example",
      "https://api.example.com",
      "https://okr-api.testing/",
    ])
      expect(refused(url)).toEqual([
        `API URL: '${url}' is not an API this add-on may call; it may call ${TEST_API_URL}/. For another API, whoever deploys OKR Sheets builds it with OKR_API_URL (or OKR_URL_ALLOWLIST) set to that URL`,
      ]);
    expect(gas.documentProperties.getProperty("okr.apiUrl")).toBeNull();
    // Under the prefix: the API's root and a path below it.
    expect(refused(`${TEST_API_URL}/`)).toEqual([]);
    expect(refused(`${TEST_API_URL}/okr`)).toEqual([]);
    // One stored before Settings checked it is never fetched: the sync says why, after one attempt.
    gas.documentProperties.setProperties({ "okr.apiUrl": "https://old.example.com", "okr.apiKey": "k" });
    const outcome = addon.menuSyncNow() as { ok: boolean; message: string };
    expect(outcome.ok).toBe(false);
    expect(outcome.message).toBe(
      `Sync failed: https://old.example.com is not an API this add-on may call (it may call ${TEST_API_URL}/). Nothing in the sheet was changed.`,
    );
    expect(gas.fetches).toEqual([]);
  });
});

describe("finding the OKR sheet", () => {
  it("looks at other tabs' header rows only, never reading a large non-OKR tab in full", () => {
    const book = teamWorkbook();
    const ledger = book.addSheet("Ledger", [
      ["Date", "Account", "Amount"],
      ...Array.from({ length: 3000 }, (_, i) => ["2026-10-01", `A${i}`, i]),
    ]);
    book.active = ledger;
    const { addon } = loadAddon({ book });
    expect(addon.getQualityReport()).toMatchObject({ sheetName: "Team" });
    const ledgerReads = book.reads.filter((read) => read.startsWith("Ledger!"));
    expect(ledgerReads).toEqual(["Ledger!A1:C20"]);
  });
});

describe("settings in the user's language", () => {
  it("explains bad input in Swedish and Norwegian, and shows Auto while no language is chosen", () => {
    const sv = loadAddon({ book: teamWorkbook(), userLocale: "sv_SE" });
    expect(sv.addon.getSettings()).toMatchObject({ language: "sv", languageChoice: "" });
    const bad = sv.addon.saveSettings({ apiUrl: "ftp://x", atRiskGap: 0.5, offTrackGap: 0.2 }) as {
      errors: string[];
    };
    expect(bad.errors).toEqual([
      "API-adress: 'ftp://x' är inte en https://-adress (Apps Script hämtar bara via https)",
      "Marginaler: kräver 0 ≤ marginal för risk ≤ marginal för efter ≤ 1 (t.ex. 0,1 och 0,25)",
    ]);
    // Messages follow the language being chosen.
    const nb = sv.addon.saveSettings({ language: "nb", cycles: [{ label: "Q", start: "x", end: "y" }] }) as {
      errors: string[];
    };
    expect(nb.errors).toEqual([
      "Syklus 'Q': start og slutt må være datoer åååå-mm-dd, slutten ikke før starten",
    ]);
    const nbUrl = sv.addon.saveSettings({ language: "nb", apiUrl: "https://okr.example.no" }) as {
      errors: string[];
    };
    expect(nbUrl.errors).toEqual([
      `API-adresse: 'https://okr.example.no' er ikke et API tillegget kan kalle; det kan kalle ${TEST_API_URL}/. For et annet API bygger den som drifter OKR Sheets tillegget med OKR_API_URL (eller OKR_URL_ALLOWLIST) satt til den adressen`,
    ]);
    expect(sv.addon.saveSettings({ language: "nb" })).toEqual({ ok: true, errors: [] });
    expect(sv.addon.getSettings()).toMatchObject({ language: "nb", languageChoice: "nb" });
  });

  it("another sheet ID forgets the last sync's revision and hashes; saving the same one keeps them", () => {
    const { gas, addon } = loadAddon({ book: teamWorkbook() });
    gas.documentProperties.setProperties({ "okr.revision": "7", "okr.hashes.0": "O-1\t0123456789abcdef" });
    // The dialog always sends the sheet ID it shows (the spreadsheet's ID by default).
    addon.saveSettings({ sheetId: "spreadsheet-1", apiUrl: TEST_API_URL });
    expect(gas.documentProperties.getProperty("okr.revision")).toBe("7");
    addon.saveSettings({ sheetId: "team-b" });
    expect(gas.documentProperties.getProperty("okr.revision")).toBeNull();
    expect(gas.documentProperties.getProperty("okr.hashes.0")).toBeNull();
    expect(gas.documentProperties.getProperty("okr.sheetId")).toBe("team-b");
  });
});

describe("live data and edits", () => {
  it("check-in on a KR whose Current is a formula keeps the formula and records its value", () => {
    const book = teamWorkbook();
    const { addon } = loadAddon({ book });
    addon.menuSetUpSheet();
    const team = book.sheet("Team")!;
    const layout = parseSheet(team.values()).layout!;
    const current = layout.columns.current!;
    team.write(3, current + 1, [["=Finance!B2/5"]]);
    const row = parseSheet(team.values()).rows.find((r) => r.row === 3)!;
    const outcome = addon.submitCheckIn({ krId: row.id, value: "999" }) as { ok: boolean; value: number };
    expect(outcome).toMatchObject({ ok: true, value: 30 });
    expect(team.formulas()[2]![current]).toBe("=Finance!B2/5");
    expect(book.sheet("Check-ins")!.values()[1]![2]).toBe(30);
  });

  it("onEdit gives a row whose Type changed the formulas of its new type", () => {
    const book = teamWorkbook();
    const { gas, addon, simpleTrigger } = loadAddon({ book });
    addon.menuSetUpSheet();
    const team = book.sheet("Team")!;
    const { layout } = parseSheet(team.values());
    const type = layout!.columns.type!;
    const progress = layout!.columns.progress!;
    // Row 6 was a KPI (Current =Finance!B2 = 150 of 100..200): make it a key result.
    team.write(6, type + 1, [["Key result"]]);
    gas.counter.reset();
    // A simple trigger: AuthMode.LIMITED (the document, properties; no UI, no fetch).
    simpleTrigger("onEdit", { range: book.sheet("Team")!.getRange(6, type + 1) });
    expect(team.formulas()[5]![progress]).toContain('"Key result"');
    expect(team.values()[5]![progress]).toBe(0.5);
    // An edit outside the Type column writes nothing.
    const before = team.serialized();
    simpleTrigger("onEdit", { range: book.sheet("Team")!.getRange(6, 2) });
    expect(team.serialized()).toEqual(before);
  });
});
