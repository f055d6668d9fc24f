// The add-on's sidebar and dialogs (the HTML clasp pushes) in headless Chromium, with a stub google.script.run
// answering from the built add-on running over the spreadsheet double: they load without console errors,
// list problems (click selects the cell), and submit a check-in. Screenshots go to test-results/.
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { linkKeyResults, teamWorkbook } from "../addon/fixtures.js";
import { ensureBuiltAddon } from "../support/gas/built-addon.js";
import { loadAddon } from "../support/gas/load-addon.js";
import { type AddonGlobals, openAddonHtml } from "./support/addon-html.js";
import { launchBrowser } from "./support/browser.js";

const SHOTS = path.resolve(import.meta.dirname, "../../test-results");
let browser: Browser;

beforeAll(async () => {
  await ensureBuiltAddon();
  mkdirSync(SHOTS, { recursive: true });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
});

type Addon = AddonGlobals;

/** A pushed HTML file in Chromium, google.script.run answered by the add-on (test/browser/support/addon-html.ts). */
const open = (file: string, addon: Addon, size?: { width: number; height: number }) =>
  openAddonHtml(browser, file, addon, size);

describe("add-on HTML in Chromium", () => {
  it("quality sidebar lists the sheet's problems and selects a problem's cell on click", async () => {
    const book = teamWorkbook();
    const { addon } = loadAddon({ book });
    addon.menuSetUpSheet();
    const { page, errors, calls } = await open("quality", addon, { width: 300, height: 640 });
    await page.locator("#problems li").first().waitFor();
    const items = await page.locator("#problems li").allTextContents();
    const report = addon.getQualityReport() as { problems: { message: string; severity: string }[] };
    expect(items.length).toBe(report.problems.length);
    expect(items.length).toBeGreaterThan(0);
    // The key results are linked to the objective above them (issue 12); the objective has no level yet.
    expect(items.join("\n")).toContain("Level: no level");
    // Each problem says its severity in words, not by the colour of its edge alone.
    const severities = await page.locator("#problems li .severity").allTextContents();
    expect(severities).toHaveLength(items.length);
    expect(new Set(severities)).toEqual(
      new Set(report.problems.map((p) => ({ error: "Error", warning: "Warning", hint: "Hint" })[p.severity])),
    );
    await page.screenshot({ path: path.join(SHOTS, "addon-quality-sidebar.png") });
    await page.locator("#problems li button:not([disabled])").first().click();
    await expect.poll(() => calls.some((c) => c.name === "selectProblemCell")).toBe(true);
    const selection = calls.find((c) => c.name === "selectProblemCell")!;
    expect(book.activeRange?.getA1Notation()).toBe(selection.args[1]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("check-in dialog submits a value and the sheet's Current changes", async () => {
    const book = teamWorkbook();
    const { addon } = loadAddon({ book });
    addon.menuSetUpSheet();
    linkKeyResults(book);
    const { page, errors } = await open("checkin", addon);
    await page.locator("#kr option").first().waitFor({ state: "attached" });
    const options = await page.locator("#kr option").allTextContents();
    // Three key results and the KPI, in two groups; the KPI's Current is the Finance tab's formula.
    expect(options.length).toBe(4);
    expect(
      await page.locator("#kr optgroup").evaluateAll((groups) => groups.map((g) => g.getAttribute("label"))),
    ).toEqual(["Key results", "KPIs"]);
    const kpi = (await page.locator("#kr optgroup[label='KPIs'] option").allTextContents())[0]!;
    expect(kpi).toContain("Monthly revenue (kSEK)");
    await page.selectOption("#kr", kpi.split(" – ")[0]!);
    expect(await page.locator("#value").isDisabled()).toBe(true);
    expect(await page.locator("#live").textContent()).toBe(
      "Current is your formula (live data): it stays as it is. This check-in records the value it shows, 150, with your confidence and note in the history.",
    );
    const nps = options.find((o) => o.includes("Raise NPS"))!;
    const id = nps.split(" – ")[0]!;
    await page.selectOption("#kr", id);
    await page.fill("#value", "38");
    await page.fill("#confidence", "70");
    await page.fill("#note", "Survey week 44");
    await page.screenshot({ path: path.join(SHOTS, "addon-checkin-dialog.png") });
    await page.click("#save");
    await expect.poll(() => page.locator("#message").textContent()).toBe(`Check-in saved for ${id}: 38.`);
    await page.screenshot({ path: path.join(SHOTS, "addon-checkin-saved.png") });
    const log = book.sheet("Check-ins")!.values();
    expect(log[1]!.slice(1, 5)).toEqual([id, 38, 0.7, "Survey week 44"]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("settings dialog saves without ever showing the stored key", async () => {
    const { addon, gas } = loadAddon({ book: teamWorkbook() });
    addon.saveSettings({ apiKey: "okr_secret" });
    const { page, errors } = await open("settings", addon, { width: 460, height: 600 });
    await expect.poll(() => page.locator("#keyState").textContent()).toContain("A key is stored");
    expect(await page.content()).not.toContain("okr_secret");
    await page.fill("#apiUrl", "https://okr-api.test");
    await page.click("#save");
    await expect.poll(() => page.locator("#message").textContent()).toBe("Saved.");
    expect(gas.documentProperties.getProperty("okr.apiUrl")).toBe("https://okr-api.test");
    expect(gas.documentProperties.getProperty("okr.apiKey")).toBe("okr_secret");
    await page.screenshot({ path: path.join(SHOTS, "addon-settings-dialog.png") });
    // The key field is emptied after saving and the page reloads what the server holds.
    expect(await page.inputValue("#apiKey")).toBe("");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("settings dialog speaks Swedish from the user's locale and keeps the language on Auto", async () => {
    const { addon, gas } = loadAddon({ book: teamWorkbook(), userLocale: "sv_SE" });
    const { page, errors } = await open("settings", addon, { width: 460, height: 600 });
    await expect.poll(() => page.locator("#apiKeyLabel").textContent()).toBe("API-nyckel");
    expect(await page.locator("#keyState").textContent()).toBe("Ingen nyckel sparad.");
    expect(await page.locator("#save").textContent()).toBe("Spara");
    expect(await page.inputValue("#language")).toBe("");
    await page.fill("#atRiskGap", "0.5");
    await page.fill("#offTrackGap", "0.2");
    await page.click("#save");
    await expect.poll(() => page.locator("#message").textContent()).toContain("Marginaler: kräver");
    await page.fill("#offTrackGap", "0.6");
    await page.click("#save");
    await expect.poll(() => page.locator("#message").textContent()).toBe("Sparat.");
    await page.screenshot({ path: path.join(SHOTS, "addon-settings-dialog-sv.png") });
    // Auto stays Auto: no language was stored.
    expect(gas.documentProperties.getProperty("okr.language")).toBe("");
    expect(errors).toEqual([]);
    await page.close();
  });

  it("settings and the quality sidebar show a failed automatic sync, and refuse an http:// API URL in Swedish", async () => {
    const book = teamWorkbook();
    book.timeZone = "Europe/Stockholm";
    const { addon, gas } = loadAddon({ book, userLocale: "sv_SE" });
    gas.documentProperties.setProperty(
      "okr.lastSync",
      JSON.stringify({
        at: "2026-10-15T06:30:00.000Z",
        ok: false,
        automatic: true,
        message:
          "Synkningen misslyckades efter 4 försök: cannot reach https://okr-api.test. Inget i bladet ändrades.",
      }),
    );
    const { page, errors } = await open("settings", addon, { width: 460, height: 640 });
    await expect
      .poll(() => page.locator("#lastSync").textContent())
      .toContain("Senaste synkning 2026-10-15 08:30 (automatisk)");
    expect(await page.locator("#lastSync").getAttribute("class")).toBe("error");
    expect(await page.locator("#autoSyncLabel").textContent()).toBe("Synka automatiskt");
    // The language list's Auto stays "Automatiskt" (the last-sync line has its own word).
    expect(await page.locator("#autoOption").textContent()).toBe("Automatiskt");
    expect(await page.locator("#allowed").textContent()).toBe("Tillåtna: https://okr-api.test/");
    await page.fill("#apiUrl", "http://okr-api.test");
    await page.click("#save");
    await expect
      .poll(() => page.locator("#message").textContent())
      .toBe(
        "API-adress: 'http://okr-api.test' är inte en https://-adress (Apps Script hämtar bara via https)",
      );
    await page.screenshot({ path: path.join(SHOTS, "addon-settings-failed-sync-sv.png") });
    expect(errors).toEqual([]);
    await page.close();

    const sidebar = await open("quality", addon, { width: 300, height: 640 });
    await expect
      .poll(() => sidebar.page.locator("#sync").textContent())
      .toContain("(automatisk): Synkningen misslyckades");
    expect(await sidebar.page.locator("#sync").getAttribute("class")).toBe("error");
    await sidebar.page.screenshot({ path: path.join(SHOTS, "addon-quality-sidebar-failed-sync-sv.png") });
    expect(sidebar.errors).toEqual([]);
    await sidebar.page.close();
  });

  it("conversation sidebar shows the thread as text, replies under a comment, and adds a person", async () => {
    // The sidebar against the shape getConversation answers (the add-on test drives the real one over the API).
    const calls: { name: string; args: unknown[] }[] = [];
    const evil = '<img src=x onerror="document.title=\'pwned\'"> =HYPERLINK("x")';
    const context = {
      language: "sv",
      notice: null,
      row: { id: "KR-1", title: "Öka ARR", type: "key_result", team: "Sälj", cycle: "2026-Q4" },
      comments: [
        {
          id: "c1",
          targetId: "KR-1",
          parentId: null,
          text: evil,
          authorName: "Ada",
          authorEmail: "ada@x.se",
          at: "2026-11-16T08:00:00Z",
          source: "addon",
          sheetId: "s",
        },
        {
          id: "c2",
          targetId: "KR-1",
          parentId: "c1",
          text: "Svar",
          authorName: "Bo",
          authorEmail: "bo@x.se",
          at: "2026-11-16T09:00:00Z",
          source: "dashboard",
          sheetId: "s",
        },
      ],
      review: {
        team: "Sälj",
        cycle: "2026-Q4",
        state: "approved",
        verdicts: [{ reviewerName: "Bo", reviewerEmail: "bo@x.se", decision: "approved" }],
        comments: [],
        findings: [{ message: "Sälj rad 3 (KR-1): saknar ledande KPI." }],
      },
    };
    const fixture = {
      getConversation: () => context,
      postComment: (form: unknown) => {
        calls.push({ name: "postComment", args: [form] });
        return { ok: true, message: "Kommentaren skickades." };
      },
      savePerson: (form: unknown) => {
        calls.push({ name: "savePerson", args: [form] });
        return { ok: true, message: "sparad" };
      },
      askForReview: () => ({ ok: true, message: "ok" }),
    };
    const { page, errors } = await open("conversation", fixture, { width: 300, height: 700 });
    await page.locator("li.comment").first().waitFor();
    expect(await page.locator("li.comment .text").first().textContent()).toBe(evil);
    expect(await page.locator("li.comment img").count()).toBe(0);
    expect(await page.title()).not.toBe("pwned");
    expect(await page.locator("#review-state").textContent()).toBe("Godkänd");
    expect(await page.locator("#title").textContent()).toBe("Samtal");
    await page.locator("li.comment button").first().click();
    await page.locator("li.comment textarea").fill("Håller med");
    await page.locator("li.comment form button").click();
    await expect
      .poll(() => calls.find((c) => c.name === "postComment")?.args[0])
      .toEqual({
        targetId: "KR-1",
        parentId: "c1",
        text: "Håller med",
      });
    await page.locator("#people summary").click();
    await page.fill("#person-name", "Cy");
    await page.fill("#person-email", "cy@x.se");
    await page.click("#person-save");
    await expect
      .poll(() => calls.find((c) => c.name === "savePerson")?.args[0])
      .toEqual({ name: "Cy", email: "cy@x.se", team: "Sälj" });
    await page.screenshot({ path: path.join(SHOTS, "addon-conversation-sidebar.png") });
    expect(errors).toEqual([]);
    await page.close();
  });
});
