// The leaders' dashboard in headless Chromium against the running server of `npm start` (startMain on a
// temporary data folder, so the demo organisation is seeded through the sync path): sign-in and refusal,
// the tree with every seeded team, filters that survive reload, an objective's trend, CSV download,
// keyboard use, a phone-sized screen, axe-core on every view, no console errors, sign-out.
// Screenshots go to test-results/; OKR_UPDATE_SCREENSHOTS=1 also refreshes docs/dashboard.png for the README.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningMain, startMain } from "../../api/entry/main.js";
import { parseCsv } from "../../api/import/read-csv.js";
import { csvHeaderOf, ROLLUP_CSV_FIELDS, readerCsv } from "../../api/lib/csv.js";
import { expectAccessible, launchBrowser } from "./support/browser.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SHOTS = path.join(ROOT, "test-results");
const SEEDED_TEAMS = ["Leadership", "Sales", "Engineering", "Kundframgång", "Økonomi"];

let main: RunningMain;
let browser: Browser;
let context: BrowserContext;
let dataDir: string;
const consoleErrors: string[] = [];
/** What npm start printed: the one-time sign-in link of the demo's admin person is among it. */
const startLog: string[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "okr-dashboard-"));
  main = await startMain({
    env: { OKR_DATA_DIR: dataDir, OKR_RHYTHM_INTERVAL_MS: "0" },
    port: 0,
    log: (line) => startLog.push(line),
  });
  expect(main.seeded).toBe(true);
  mkdirSync(SHOTS, { recursive: true });
  browser = await launchBrowser();
  // The real Content-Security-Policy stays on: axe-core is evaluated through the DevTools protocol.
  context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
});

afterAll(async () => {
  await browser?.close();
  await main?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function newPage(ctx = context): Promise<Page> {
  const page = await ctx.newPage();
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(`${page.url()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => consoleErrors.push(`${page.url()}: ${error.message}`));
  return page;
}

async function signIn(page: Page, key: string) {
  await page.goto(`${main.dashboardUrl}/tree`);
  await page.getByLabel("Reader key").fill(key);
  await page.getByRole("button", { name: "Sign in" }).click();
}

describe("the dashboard in Chromium", () => {
  let page: Page;

  it("refuses a wrong key and says so on the sign-in page", async () => {
    page = await newPage();
    await page.goto(main.dashboardUrl);
    expect(new URL(page.url()).pathname).toBe("/dashboard/sign-in");
    await expectAccessible(page);
    await signIn(page, "okr_wrong-key");
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("not valid");
    expect(new URL(page.url()).pathname).toBe("/dashboard/sign-in");
    expect((await context.cookies()).some((cookie) => cookie.name === "okr_session")).toBe(false);
    await expectAccessible(page);
  });

  it("signs in with the reader key and draws the tree with every seeded team", async () => {
    await signIn(page, main.demo!.readerKey);
    await page.waitForURL(/\/dashboard\/tree/);
    const cookie = (await context.cookies()).find((c) => c.name === "okr_session");
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: "Strict", path: "/dashboard" });
    const cards = page.locator("svg.tree g.card");
    expect(await cards.count()).toBeGreaterThanOrEqual(15);
    const meta = (await page.locator("svg.tree .card-meta").allTextContents()).join("\n");
    for (const team of SEEDED_TEAMS) expect(meta).toContain(team);
    // Team objectives stand to the right of the company objectives they align to (d3 tidy tree).
    const depths = await cards.evaluateAll((nodes) =>
      nodes.map((node) => Number(/translate\(([\d.]+),/.exec(node.getAttribute("transform") ?? "")?.[1])),
    );
    expect(new Set(depths).size).toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: path.join(SHOTS, "dashboard.png") });
    if (process.env.OKR_UPDATE_SCREENSHOTS === "1")
      copyFileSync(path.join(SHOTS, "dashboard.png"), path.join(ROOT, "docs", "dashboard.png"));
    await expectAccessible(page);
  });

  it("collapses a subtree and expands it again", async () => {
    const toggle = page.locator("svg.tree a.toggle").first();
    const before = await page.locator("svg.tree g.card").count();
    await toggle.click();
    await page.waitForURL(/[?&]c=/);
    const after = await page.locator("svg.tree g.card").count();
    expect(after).toBeLessThan(before);
    await page.getByRole("link", { name: "Expand all" }).click();
    await expect.poll(() => page.locator("svg.tree g.card").count()).toBe(before);
  });

  it("filters by team from the dropdown, and the filter survives a reload", async () => {
    await page.getByLabel("Team", { exact: true }).selectOption("Sales");
    // Changing a dropdown with the keyboard does not leave the page (no submit on change: WCAG 3.2.2).
    const owner = page.getByLabel("Owner", { exact: true });
    await owner.focus();
    await page.keyboard.press("ArrowDown");
    expect(page.url()).not.toMatch(/owner=/);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("filter-owner");
    await owner.selectOption("");
    await page.locator("form.filters").getByRole("button", { name: "Apply" }).click();
    await page.waitForURL(/team=Sales/);
    const check = async () => {
      const cards = await page.locator("svg.tree g.card").evaluateAll((nodes) =>
        nodes.map((node) => ({
          dim: node.classList.contains("dim"),
          meta: node.querySelector(".card-meta")?.textContent ?? "",
        })),
      );
      expect(cards.length).toBeGreaterThan(0);
      for (const card of cards.filter((c) => !c.dim)) expect(card.meta.startsWith("Sales")).toBe(true);
      expect(cards.some((c) => !c.dim)).toBe(true);
      expect(await page.getByLabel("Team", { exact: true }).inputValue()).toBe("Sales");
    };
    await check();
    await page.reload();
    await check();
    await expectAccessible(page);
  });

  it("downloads the tree as CSV, filters applied, one line per objective shown", async () => {
    const shown = await page.locator("svg.tree g.card").count();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download CSV" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^okr-tree-.+\.csv$/);
    const [header, ...lines] = parseCsv(readFileSync((await download.path())!, "utf8")).filter(
      (row) => row.length > 1,
    );
    // The reader's form in the page's language (English here): its headers, not the machine names.
    expect(header).toEqual(csvHeaderOf(ROLLUP_CSV_FIELDS, readerCsv("en")));
    // One line per objective the filter matched (dimmed context cards are not exported).
    const matched = await page.locator("svg.tree g.card:not(.dim)").count();
    expect(shown).toBeGreaterThan(matched);
    expect(lines).toHaveLength(matched);
    expect(
      new Set(lines.map((line) => line[ROLLUP_CSV_FIELDS.findIndex(([name]) => name === "team")])),
    ).toEqual(new Set(["Sales"]));
  });

  it("opens an objective from its card by keyboard and shows its key results and trend", async () => {
    await page.goto(`${main.dashboardUrl}/tree`);
    const card = page.locator("svg.tree g.card a").nth(1);
    await card.focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/dashboard\/objective\?/);
    await expect.poll(() => page.locator("h1").textContent()).toBeTruthy();
    const points = await page.locator("figure.trend polyline").first().getAttribute("points");
    expect(points!.trim().split(" ").length).toBeGreaterThanOrEqual(3);
    expect(await page.locator("table[aria-labelledby='check-ins'] tbody tr").count()).toBeGreaterThan(3);
    await page.screenshot({ path: path.join(SHOTS, "dashboard-objective.png"), fullPage: true });
    await expectAccessible(page);
    // The not-found page, on a page of its own: the browser logs every 404 document as a console error.
    const lost = await context.newPage();
    const missing = await lost.goto(`${main.dashboardUrl}/objective?id=no-such-objective`);
    expect(missing?.status()).toBe(404);
    expect(await lost.locator("h1").textContent()).toBe("Not found");
    await expectAccessible(lost);
    await lost.close();
  });

  it("lists insights and teams, each view accessible", async () => {
    await page.goto(`${main.dashboardUrl}/insights`);
    for (const id of ["unsupported", "unaligned", "duplicates", "at-risk", "quiet"])
      expect(await page.locator(`section[aria-labelledby='${id}']`).count()).toBe(1);
    expect(Number(await page.locator("#unsupported .count").textContent())).toBeGreaterThan(0);
    expect(Number(await page.locator("#duplicates .count").textContent())).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(SHOTS, "dashboard-insights.png"), fullPage: true });
    await expectAccessible(page);
    await page.goto(`${main.dashboardUrl}/teams`);
    const teams = await page.locator("#teams tbody th").allTextContents();
    for (const team of SEEDED_TEAMS) expect(teams).toContain(team);
    await expectAccessible(page);
  });

  it("switches to Swedish and Norwegian and keeps the choice", async () => {
    await page.getByRole("link", { name: "Svenska" }).click();
    await expect.poll(() => page.locator("html").getAttribute("lang")).toBe("sv");
    expect(await page.locator("h1").textContent()).toBe("Team");
    await page.getByRole("link", { name: "Insikter" }).click();
    expect(await page.locator("h1").textContent()).toBe("Insikter");
    await page.getByRole("link", { name: "Norsk" }).click();
    expect(await page.locator("h1").textContent()).toBe("Innsikt");
    await expectAccessible(page);
    await page.getByRole("link", { name: "English" }).click();
  });

  it("fits a phone: no page-wide sideways scrolling, the tree scrolls in its own box", async () => {
    const phone = await browser.newContext({
      viewport: { width: 390, height: 844 },
      isMobile: true,
    });
    await phone.addCookies(await context.cookies());
    const small = await newPage(phone);
    for (const view of ["tree", "insights", "teams"]) {
      await small.goto(`${main.dashboardUrl}/${view}`);
      const overflow = await small.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, view).toBeLessThanOrEqual(0);
    }
    await small.screenshot({ path: path.join(SHOTS, "dashboard-phone.png") });
    await phone.close();
  });

  it("skips to the content with the keyboard", async () => {
    await page.goto(`${main.dashboardUrl}/teams`);
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Skip to content");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("main");
  });

  it("signs out; the dashboard then asks for a key again", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL(/\/dashboard\/sign-in\?signed-out/);
    expect(await page.getByRole("status").textContent()).toContain("signed out");
    await page.goto(`${main.dashboardUrl}/tree`);
    expect(new URL(page.url()).pathname).toBe("/dashboard/sign-in");
  });

  it("signs a person in with an invite link; they comment and reply on an objective, shown as text (axe clean)", async () => {
    const person = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await newPage(person);
    const link = /(http:\/\/\S+\/dashboard\/invite\?t=\S+)/.exec(startLog.join("\n"))![1]!;
    await page.goto(link);
    await expectAccessible(page);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/dashboard\/tree/);
    expect(await page.locator(".who").textContent()).toBe("Signed in as Anna Lindqvist");
    await page.locator("svg.tree g.card a").first().click();
    await page.waitForURL(/\/dashboard\/objective\?/);
    const text = '<script>alert(1)</script> =HYPERLINK("x") Where does the pipeline number come from?';
    await page.getByLabel("Comment", { exact: true }).fill(text);
    await page.getByRole("button", { name: "Post" }).last().click();
    await page.waitForURL(/#conversation$/);
    const thread = page.locator("ul.thread > li").first();
    expect(await thread.locator(".comment-text").first().textContent()).toBe(text);
    expect(await page.locator("ul.thread script").count()).toBe(0);
    await thread.locator("summary").click();
    await thread.getByLabel(/Reply to Anna Lindqvist/).fill("From the CRM export, weekly.");
    await thread.getByRole("button", { name: "Post" }).click();
    await page.waitForURL(/#conversation$/);
    expect(await page.locator("ul.thread .replies .comment-text").allTextContents()).toEqual([
      "From the CRM export, weekly.",
    ]);
    await page.screenshot({ path: path.join(SHOTS, "dashboard-conversation.png"), fullPage: true });
    await expectAccessible(page);

    // People: the owner nobody on the list answers to is named; the admin's form is there.
    await page.goto(`${main.dashboardUrl}/people`);
    expect(await page.locator("#unknown-owners + p + ul").textContent()).toContain("Oskar Persson");
    await expectAccessible(page);

    // Reminders: send this week's now; the local SMTP server's outbox shows the messages; unsubscribe works.
    await page.goto(`${main.dashboardUrl}/rhythm`);
    await expectAccessible(page);
    await page.getByRole("button", { name: "Send this week's now" }).click();
    await page.waitForURL(/\/dashboard\/rhythm\?sent=/);
    expect(Number(new URL(page.url()).searchParams.get("sent"))).toBeGreaterThan(0);
    expect(await page.locator("#deliveries + div tbody tr").count()).toBeGreaterThan(0);
    await page.goto(`${main.dashboardUrl}/outbox`);
    const subjects = await page.locator("main h2").allTextContents();
    expect(subjects.some((subject) => subject.startsWith("Check-in for week"))).toBe(true);
    expect(subjects.some((subject) => subject.startsWith("OKR digest"))).toBe(true);
    await page.screenshot({ path: path.join(SHOTS, "dashboard-outbox.png"), fullPage: true });
    await expectAccessible(page);
    const unsubscribe = /(http:\/\/\S+\/dashboard\/unsubscribe\?t=[^\s>]+)/.exec(
      (await page.locator("pre.mail").first().textContent()) ?? "",
    )![1]!;
    await page.goto(unsubscribe);
    await expectAccessible(page);
    await page.getByRole("button", { name: "Unsubscribe" }).click();
    expect(await page.getByRole("status").textContent()).toMatch(/gets no more/);

    // Reviews: every team of the cycle with its state; a team's page with its draft and findings.
    await page.goto(`${main.dashboardUrl}/reviews`);
    expect(await page.locator("tbody th").allTextContents()).toEqual(
      expect.arrayContaining(["Sales", "Engineering"]),
    );
    await expectAccessible(page);
    await page.getByRole("link", { name: /Review of Sales/ }).click();
    expect(await page.locator("#findings + ul li, #findings + p").count()).toBeGreaterThan(0);
    await expectAccessible(page);
    await page.getByRole("link", { name: "Svenska" }).click();
    expect(await page.locator("#draft").textContent()).toBe("Utkast");
    await person.close();
  });

  it("logged no console errors on any page", () => {
    expect(consoleErrors).toEqual([]);
  });
});
