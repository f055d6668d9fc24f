// A leader's first ten seconds and finance's KPI board in headless Chromium, over the demo organisation that
// `npm start` seeds: at 1280 and 390 px, in English and Swedish, the headline (progress against expected, the
// status mix) on the first screen, no card label running under its bar (text measured by Chromium), the
// unaligned team objective marked, the KPI board with health and trends; axe-core clean on each.
// Screenshots go to test-results/leaders-*.png.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningMain, startMain } from "../../api/entry/main.js";
import { expectAccessible, launchBrowser } from "./support/browser.js";

const SHOTS = path.resolve(import.meta.dirname, "../../test-results");
const SIZES = { desktop: { width: 1280, height: 900 }, phone: { width: 390, height: 844 } } as const;

let main: RunningMain;
let browser: Browser;
let dataDir: string;
const pages = new Map<keyof typeof SIZES, Page>();
const consoleErrors: string[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "okr-leaders-"));
  main = await startMain({
    env: { OKR_DATA_DIR: dataDir, OKR_RHYTHM_INTERVAL_MS: "0" },
    port: 0,
    log: () => {},
  });
  mkdirSync(SHOTS, { recursive: true });
  browser = await launchBrowser();
  for (const size of Object.keys(SIZES) as (keyof typeof SIZES)[]) {
    const context = await browser.newContext({ viewport: SIZES[size] });
    const page = await context.newPage();
    page.on("console", (message) => {
      if (message.type() === "error") consoleErrors.push(`${page.url()}: ${message.text()}`);
    });
    await page.goto(`${main.dashboardUrl}/tree?lang=en`);
    await page.getByLabel("Reader key").fill(main.demo!.readerKey);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/dashboard\/tree/);
    pages.set(size, page);
  }
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await main?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

/** Each card label's right end against its bar's left edge, as Chromium lays the text out. */
async function labelOverlaps(page: Page) {
  return page.locator("svg.tree text.card-label").evaluateAll((labels) =>
    labels.flatMap((label) => {
      const text = label as SVGTextElement;
      const bar = text.parentElement?.querySelector("rect.bar-bg");
      const end = Number(text.getAttribute("x")) + text.getComputedTextLength();
      const start = Number(bar?.getAttribute("x"));
      return end > start ? [`${text.textContent?.trim()}: ends at ${end.toFixed(1)}, bar at ${start}`] : [];
    }),
  );
}

describe("the leaders' first screen in Chromium", () => {
  for (const language of ["en", "sv"] as const) {
    it(`desktop, ${language}: headline, labels clear of their bars, the unaligned objective marked`, async () => {
      const page = pages.get("desktop")!;
      await page.goto(`${main.dashboardUrl}/tree?lang=${language}`);
      const state = page.locator("section.state");
      await expect
        .poll(() => state.textContent())
        .toMatch(language === "en" ? /expected \d+\s?% by today/ : /förväntat \d+\s?% i dag/);
      expect(await state.locator(".mix-text").textContent()).toMatch(/\d/);
      expect(await labelOverlaps(page)).toEqual([]);
      // The aligned label is the long one in Swedish: it was measured above, and it is there.
      expect(await page.locator("svg.tree text.card-label").allTextContents()).toContainEqual(
        expect.stringMatching(language === "en" ? /^Aligned/ : /^Stödjande/),
      );
      // Økonomi's objective supports no company objective: marked, and drawn after the company roots.
      const marked = page.locator('svg.tree g.card.unaligned[data-id="O-F1"]');
      expect(await marked.count()).toBe(1);
      expect(await marked.locator("text.card-tag").textContent()).toContain(
        language === "en" ? "Not aligned" : "Ej förankrat",
      );
      await page.screenshot({ path: path.join(SHOTS, `leaders-tree-1280-${language}.png`) });
      await expectAccessible(page);
    });

    it(`phone, ${language}: the state of the company on the first screen`, async () => {
      const page = pages.get("phone")!;
      await page.goto(`${main.dashboardUrl}/tree?lang=${language}`);
      const box = await page.locator("section.state").boundingBox();
      expect(box).not.toBeNull();
      expect(box!.y + box!.height).toBeLessThanOrEqual(SIZES.phone.height);
      // Nothing wider than the screen but the tree's own scrolling box.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        SIZES.phone.width,
      );
      expect(await labelOverlaps(page)).toEqual([]);
      await page.screenshot({ path: path.join(SHOTS, `leaders-tree-390-${language}.png`) });
      await expectAccessible(page);
    });

    it(`KPI board, ${language}: leading beside lagging, health in words, trends`, async () => {
      for (const size of ["desktop", "phone"] as const) {
        const page = pages.get(size)!;
        await page.goto(`${main.dashboardUrl}/kpis?lang=${language}`);
        const items = page.locator("ul.kpis li");
        expect(await items.count()).toBeGreaterThanOrEqual(15);
        const health = await page.locator("ul.kpis .health").allTextContents();
        const words = language === "en" ? ["Healthy", "Unhealthy"] : ["Inom gränsen", "Utanför gränsen"];
        for (const word of words)
          expect(
            health.some((text) => text.includes(word)),
            word,
          ).toBe(true);
        // The demo's KPIs are checked in: every one has a trend of several values.
        const trends = await page
          .locator("ul.kpis svg.spark")
          .evaluateAll((svgs) => svgs.map((svg) => svg.querySelectorAll("circle").length));
        expect(trends.length).toBe(await items.count());
        expect(Math.min(...trends)).toBeGreaterThanOrEqual(2);
        if (size === "desktop") {
          // Side by side: the first objective's leading and lagging lists start on one line.
          const sides = page.locator(".kpi-objective").first().locator(".kpi-sides > div");
          const [a, b] = [await sides.nth(0).boundingBox(), await sides.nth(1).boundingBox()];
          if (a && b) expect(Math.abs(a.y - b.y)).toBeLessThan(2);
        }
        await page.screenshot({
          path: path.join(SHOTS, `leaders-kpis-${SIZES[size].width}-${language}.png`),
          fullPage: size === "desktop",
        });
        await expectAccessible(page);
      }
    });
  }

  it("logged no console errors", () => {
    expect(consoleErrors).toEqual([]);
  });
});
