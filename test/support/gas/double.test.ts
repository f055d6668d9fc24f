// The double is only as good as its strictness: each documented rule it enforces, checked on the double itself
// (the add-on's tests then rely on it). Rules and their sources are cited where services.ts and spreadsheet.ts
// enforce them.
import { describe, expect, it } from "vitest";
import { allowlisted, createGas, FakeAccount, formatDate, validAllowlistPrefix } from "./services.js";
import { FakeWorkbook, NEW_SHEET_COLUMNS, NEW_SHEET_ROWS, OUTSIDE_GRID } from "./spreadsheet.js";

const gasFor = (book = new FakeWorkbook(), account = new FakeAccount()) =>
  createGas({ book, account, htmlDir: ".", manifest: { urlFetchWhitelist: ["https://okr-api.test/"] } });

describe("the grid", () => {
  it("a new sheet is 1000 x 26; a range outside it throws Sheets' error; insertRowsAfter/insertColumnsAfter grow it", () => {
    const gas = gasFor();
    const sheet = gas.globals.SpreadsheetApp.getActiveSpreadsheet()!.insertSheet("New");
    expect([sheet.getMaxRows(), sheet.getMaxColumns()]).toEqual([NEW_SHEET_ROWS, NEW_SHEET_COLUMNS]);
    expect(() => sheet.getRange(1, 1, 1000, 26)).not.toThrow();
    expect(() => sheet.getRange(1000, 27)).toThrow(OUTSIDE_GRID);
    expect(() => sheet.getRange(2, 1, 1000, 1)).toThrow(OUTSIDE_GRID);
    expect(() => sheet.getRange("A1:AA1")).toThrow(OUTSIDE_GRID);
    expect(() => sheet.getRange("Z1000")).not.toThrow();
    sheet.insertRowsAfter(sheet.getMaxRows(), 9000);
    sheet.insertColumnsAfter(sheet.getMaxColumns(), 4);
    expect([sheet.getMaxRows(), sheet.getMaxColumns()]).toEqual([10_000, 30]);
    sheet.getRange(10_000, 30).setValue("corner");
    expect(gas.book.sheet("New")!.values()[9999]![29]).toBe("corner");
    // Whole-column A1 ranges end at the grid, not beyond.
    expect(sheet.getRange("B2:B").getNumRows()).toBe(9999);
  });

  it("appendRow adds a row to a full grid, but never a column", () => {
    const book = new FakeWorkbook();
    const full = book.addSheet(
      "Log",
      Array.from({ length: 1000 }, (_, i) => [i]),
    );
    const gas = gasFor(book);
    const sheet = gas.globals.SpreadsheetApp.getActiveSpreadsheet()!.getSheetByName("Log")!;
    sheet.appendRow(["next"]);
    expect(full.getMaxRows()).toBe(1001);
    expect(() => sheet.appendRow(Array(27).fill("x"))).toThrow(OUTSIDE_GRID);
  });
});

describe("authorization modes", () => {
  it("NONE: the menu and the user's locale only", () => {
    const gas = createGas({ htmlDir: ".", authMode: "NONE" });
    const { SpreadsheetApp, PropertiesService, Session, UrlFetchApp, ScriptApp } = gas.globals;
    expect(() => SpreadsheetApp.getUi().createAddonMenu().addItem("A", "a").addToUi()).not.toThrow();
    expect(Session.getActiveUserLocale()).toBe("en");
    for (const call of [
      () => SpreadsheetApp.getActiveSpreadsheet(),
      () => PropertiesService.getDocumentProperties(),
      () => Session.getActiveUser(),
      () => UrlFetchApp.fetch("https://okr-api.test/v1/health"),
      () => ScriptApp.getProjectTriggers(),
      () => SpreadsheetApp.getUi().alert("x"),
    ])
      expect(call).toThrow(/permission.*AuthMode\.NONE/);
  });

  it("LIMITED (onOpen when enabled, onEdit): the document and properties, menus, no dialogs, no fetch, no triggers", () => {
    const gas = gasFor();
    gas.runAs({ authMode: "LIMITED", kind: "simple-trigger" }, () => {
      const { SpreadsheetApp, PropertiesService, UrlFetchApp, ScriptApp, Session } = gas.globals;
      SpreadsheetApp.getActiveSpreadsheet()!.getActiveSheet().getRange(1, 1).setValue(1);
      PropertiesService.getDocumentProperties()!.setProperty("k", "v");
      expect(Session.getActiveUser().getEmail()).toBe("");
      expect(() => SpreadsheetApp.getUi().showSidebar({} as never)).toThrow(/AuthMode\.LIMITED/);
      expect(() => SpreadsheetApp.getActiveSpreadsheet()!.toast("hi")).toThrow(/AuthMode\.LIMITED/);
      expect(() => UrlFetchApp.fetch("https://okr-api.test/v1/health")).toThrow(/AuthMode\.LIMITED/);
      expect(() => ScriptApp.newTrigger("x")).toThrow(/AuthMode\.LIMITED/);
    });
  });

  it("CUSTOM_FUNCTION: the spreadsheet read-only, no UI, fetch allowed", () => {
    const book = new FakeWorkbook();
    book.addSheet("S", [[1]]);
    const gas = gasFor(book);
    gas.runAs({ authMode: "CUSTOM_FUNCTION", kind: "custom-function" }, () => {
      const spreadsheet = gas.globals.SpreadsheetApp.getActiveSpreadsheet()!;
      expect(spreadsheet.getSheetByName("S")!.getRange(1, 1).getValue()).toBe(1);
      expect(spreadsheet.getSpreadsheetTimeZone()).toBe("Etc/UTC");
      expect(() => spreadsheet.getSheetByName("S")!.getRange(1, 1).setValue(2)).toThrow(/CUSTOM_FUNCTION/);
      expect(() => spreadsheet.insertSheet("T")).toThrow(/CUSTOM_FUNCTION/);
      expect(() => gas.globals.SpreadsheetApp.getUi()).toThrow(/CUSTOM_FUNCTION/);
      expect(() => gas.globals.PropertiesService.getDocumentProperties()).not.toThrow();
    });
  });

  it("a time-driven trigger runs in no document: no active spreadsheet, no document properties, no document lock, no UI", () => {
    const gas = gasFor();
    gas.runAs({ authMode: "FULL", kind: "clock-trigger" }, () => {
      const { SpreadsheetApp, PropertiesService, LockService } = gas.globals;
      expect(SpreadsheetApp.getActiveSpreadsheet()).toBeNull();
      expect(PropertiesService.getDocumentProperties()).toBeNull();
      expect(LockService.getDocumentLock()).toBeNull();
      expect(PropertiesService.getUserProperties()).not.toBeNull();
      expect(() => SpreadsheetApp.getUi()).toThrow("Cannot call SpreadsheetApp.getUi() from this context");
    });
  });

  it("an installable spreadsheet trigger has its document's properties, but no UI and no toast", () => {
    const gas = gasFor();
    const spreadsheet = gas.book.api();
    gas.runAs({ authMode: "FULL", kind: "installable-trigger" }, () => {
      expect(gas.globals.PropertiesService.getDocumentProperties()).not.toBeNull();
      expect(gas.globals.Session.getActiveUser().getEmail()).toBe("");
      expect(() => spreadsheet.toast("hi")).toThrow("Cannot call Spreadsheet.toast() from this context");
      expect(() => gas.globals.SpreadsheetApp.getUi()).toThrow(/from this context/);
    });
  });
});

describe("installable triggers", () => {
  it("belong to the user: getProjectTriggers lists all their spreadsheets', getUserTriggers(spreadsheet) one's", () => {
    const account = new FakeAccount();
    const a = gasFor(new FakeWorkbook(undefined, "sheet-a"), account);
    const b = gasFor(new FakeWorkbook(undefined, "sheet-b"), account);
    const ssA = a.globals.SpreadsheetApp.getActiveSpreadsheet()!;
    const ssB = b.globals.SpreadsheetApp.getActiveSpreadsheet()!;
    a.globals.ScriptApp.newTrigger("f").forSpreadsheet(ssA).onChange().create();
    b.globals.ScriptApp.newTrigger("f").forSpreadsheet(ssB).onChange().create();
    expect(a.globals.ScriptApp.getProjectTriggers()).toHaveLength(2);
    expect(a.globals.ScriptApp.getUserTriggers(ssA).map((t) => t.getTriggerSourceId())).toEqual(["sheet-a"]);
    // Another account sees none of them.
    const other = gasFor(new FakeWorkbook(undefined, "sheet-a"), new FakeAccount("bo@example.com"));
    expect(other.globals.ScriptApp.getProjectTriggers()).toEqual([]);
  });

  it("an add-on: one trigger of each type per user per document, only for its own file, time-driven at most hourly", () => {
    const gas = gasFor(new FakeWorkbook(undefined, "sheet-a"));
    const { ScriptApp, SpreadsheetApp } = gas.globals;
    const spreadsheet = SpreadsheetApp.getActiveSpreadsheet()!;
    ScriptApp.newTrigger("f").forSpreadsheet(spreadsheet).onChange().create();
    expect(() => ScriptApp.newTrigger("g").forSpreadsheet(spreadsheet).onChange().create()).toThrow(
      /already has a ON_CHANGE trigger/,
    );
    expect(() => ScriptApp.newTrigger("g").forSpreadsheet(spreadsheet).onOpen().create()).not.toThrow();
    expect(() => ScriptApp.newTrigger("g").forSpreadsheet("sheet-b").onOpen().create()).toThrow(
      /only create triggers for the file in which the add-on is used/,
    );
    expect(() => ScriptApp.newTrigger("h").timeBased().everyMinutes(5).create()).toThrow(/once per hour/);
    ScriptApp.newTrigger("h").timeBased().everyHours(1).create();
    // A time-driven trigger has no source spreadsheet: getUserTriggers(spreadsheet) does not list it here.
    expect(ScriptApp.getUserTriggers(spreadsheet).map((t) => t.getHandlerFunction())).toEqual(["f", "g"]);
  });
});

describe("the URL allowlist", () => {
  it("matches the documented examples", () => {
    const prefix = ["https://example.com/foo"];
    for (const url of [
      "https://example.com/foo",
      "https://example.com/foo/",
      "https://example.com/foo/bar",
      "https://example.com/foo?bar",
      "https://example.com/foo#bar",
    ])
      expect(allowlisted(url, prefix), url).toBe(true);
    for (const url of ["https://example.com/foobar", "https://example.com/Foo", "http://example.com/foo"])
      expect(allowlisted(url, prefix), url).toBe(false);
    const wild = ["https://*.example.com/foo"];
    expect(allowlisted("https://subdomain.example.com/foo", wild)).toBe(true);
    expect(allowlisted("https://any.number.of.subdomains.example.com/foo", wild)).toBe(true);
    expect(allowlisted("https://subdomain.example.com/bar", wild)).toBe(false);
    expect(allowlisted("https://example.com/foo", wild)).toBe(false);
    // Prefix rules: https, a full domain, a non-empty path.
    expect(validAllowlistPrefix("https://www.google.com/")).toBe(true);
    expect(validAllowlistPrefix("https://www.google.com")).toBe(false);
    expect(validAllowlistPrefix("http://www.google.com/")).toBe(false);
  });

  it("UrlFetchApp refuses what the manifest does not allow, before any request", () => {
    const gas = gasFor();
    expect(() => gas.globals.UrlFetchApp.fetch("https://evil.example/v1/sync")).toThrow(/urlFetchWhitelist/);
    expect(() => gas.globals.UrlFetchApp.fetch("http://okr-api.test/v1/sync")).toThrow(/urlFetchWhitelist/);
    const none = createGas({ htmlDir: "." });
    expect(() => none.globals.UrlFetchApp.fetch("https://okr-api.test/v1/sync")).toThrow(/empty/);
  });
});

describe("time", () => {
  it("TODAY() is today in the spreadsheet's time zone; Utilities.formatDate formats in the zone it is given", () => {
    const book = new FakeWorkbook();
    const sheet = book.addSheet("S", [["=TODAY()"]]);
    book.now = () => new Date("2026-10-14T22:30:00Z");
    book.timeZone = "Europe/Stockholm";
    // 2026-10-15 in Stockholm (serial 46310), while UTC is still on the 14th.
    expect(sheet.values()[0]![0]).toBe(46310);
    book.timeZone = "America/Los_Angeles";
    sheet.write(1, 2, [[1]]);
    expect(sheet.values()[0]![0]).toBe(46309);
    expect(formatDate(new Date("2026-10-14T22:30:00Z"), "Europe/Oslo", "yyyy-MM-dd HH:mm")).toBe(
      "2026-10-15 00:30",
    );
    expect(formatDate(new Date("2026-10-14T22:30:00Z"), "UTC", "yyyy-MM-dd'T'HH:mm:ss")).toBe(
      "2026-10-14T22:30:00",
    );
  });
});

describe("SPARKLINE (https://support.google.com/docs/answer/3093289)", () => {
  it("takes a range of data and, optionally, options two cells wide; its cell holds no text", () => {
    const book = new FakeWorkbook();
    const sheet = book.addSheet("Board", [
      [1, 2, 3, "charttype", "line"],
      [
        "=SPARKLINE(A1:C1)",
        "=SPARKLINE(A1)",
        "=SPARKLINE(A1:C1,D1:E1)",
        "=SPARKLINE(A1:C1,D1:D1)",
        "=SPARKLINE()",
      ],
    ]);
    const [drawn, one, withOptions, narrowOptions, none] = sheet.values()[1]!;
    expect([drawn, one, withOptions]).toEqual(["", "", ""]);
    // "If referring to a range, options should be two cells wide".
    expect(narrowOptions).toBe("#VALUE!");
    expect(none).toBe("#N/A");
  });
});
