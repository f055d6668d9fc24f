// The cycle dialogs (Start next cycle, Close cycle) in headless Chromium, google.script.run answered by the built
// add-on over the spreadsheet double: they load without console errors, list the sheet's cycles and objectives,
// and Start next cycle carries the ticked objectives over. Screenshots go to test-results/.
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuiltAddon } from "../support/gas/built-addon.js";
import { loadAddon } from "../support/gas/load-addon.js";
import { FakeWorkbook } from "../support/gas/spreadsheet.js";
import { openAddonHtml } from "./support/addon-html.js";
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

function book(): FakeWorkbook {
  const workbook = new FakeWorkbook(undefined, "dialogs-spreadsheet");
  workbook.now = () => new Date("2026-10-05T09:00:00Z");
  workbook.addSheet("OKRs", [
    ["ID", "Type", "Title", "Objective", "Cycle", "Start", "Target", "Current"],
    ["O-DLG1", "Objective", "Win the Nordics", "", "2026-Q3", "", "", ""],
    ["KR-DLG1", "Key result", "Close 100 deals", "O-DLG1", "2026-Q3", 0, 100, 80],
    ["O-DLG2", "Objective", "Keep the lights on", "", "2026-Q3", "", "", ""],
    ["KR-DLG2", "Key result", "Ten releases", "O-DLG2", "2026-Q3", 0, 10, 10],
  ]);
  return workbook;
}

describe("cycle dialogs in Chromium", () => {
  it("Start next cycle lists the objectives and carries the ticked ones below the last row", async () => {
    const workbook = book();
    const { addon } = loadAddon({ book: workbook });
    addon.menuSetUpSheet();
    const { page, errors, calls } = await openAddonHtml(browser, "next-cycle", addon, {
      width: 480,
      height: 560,
    });
    await page.locator("#objectives input").first().waitFor();
    expect(await page.locator("#cycle option").allTextContents()).toEqual(["2026-Q3 → 2026-Q4"]);
    const objectives = await page.locator("#objectives label").allTextContents();
    expect(objectives).toEqual([
      "O-DLG1 – Win the Nordics (1 key results)",
      "O-DLG2 – Keep the lights on (1 key results)",
    ]);
    // One cycle in the tab: a new tab is offered first; the user keeps one tab for all cycles instead.
    expect(await page.locator("#layoutTab").isChecked()).toBe(true);
    await page.locator("#layoutRows").check();
    await page.locator("#objectives input").nth(1).uncheck();
    await page.screenshot({ path: path.join(SHOTS, "addon-next-cycle-dialog.png") });
    await page.locator("#save").click();
    await expect
      .poll(() => page.locator("#message").textContent())
      .toContain("carried over from 2026-Q3 to 2026-Q4");
    const call = calls.find((c) => c.name === "startNextCycle")!;
    expect(call.args[0]).toEqual({ cycle: "2026-Q3", objectiveIds: ["O-DLG1"], layout: "rows" });
    const titles = workbook
      .sheet("OKRs")!
      .values()
      .map((row) => [row[2], row[4]]);
    expect(titles.filter(([, cycle]) => cycle === "2026-Q4")).toEqual([
      ["Win the Nordics", "2026-Q4"],
      ["Close 100 deals", "2026-Q4"],
    ]);
    expect(errors).toEqual([]);
    await page.close();
  });

  it("Close cycle shows which cycles ended and, not connected, says what to do in Swedish", async () => {
    const { addon } = loadAddon({ book: book(), userLocale: "sv_SE" });
    addon.menuSetUpSheet();
    const { page, errors } = await openAddonHtml(browser, "close-cycle", addon);
    await page.locator("#cycle option").first().waitFor({ state: "attached" });
    expect(await page.locator("#cycle option").allTextContents()).toEqual(["2026-Q3 (avslutad)"]);
    expect(await page.locator("#save").textContent()).toBe("Stäng cykel");
    expect(await page.locator("#save").isDisabled()).toBe(true);
    expect(await page.locator("#message").textContent()).toBe(
      "Inte ansluten: ange API-adress och nyckel under Inställningar.",
    );
    await page.screenshot({ path: path.join(SHOTS, "addon-close-cycle-dialog.png") });
    expect(errors).toEqual([]);
    await page.close();
  });
});
