// `npm run screenshots`: the pictures of docs/ taken again from the real thing (not part of npm test).
// - the dashboard of `npm start` (startMain on a temporary data folder, the demo seeded through the sync path) in
//   headless Chromium: the tree (docs/dashboard.png), an objective, insights, meeting mode, since last review,
//   the tree in Swedish;
// - the add-on's sidebar and dialogs (the HTML clasp pushes) answered by the built add-on over the spreadsheet
//   double;
// - a team's sheet after Set up sheet: the double's sheet (values HyperFormula computed from the formulas Set up
//   wrote, its hidden columns, its status colours) drawn as a grid;
// - docs/architecture.svg rendered to test-results/architecture.png, to look at before committing it.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { startMain } from "../../api/entry/main.js";
import { teamWorkbook } from "../addon/fixtures.js";
import { openAddonHtml } from "../browser/support/addon-html.js";
import { launchBrowser } from "../browser/support/browser.js";
import { ensureBuiltAddon } from "./gas/built-addon.js";
import { loadAddon } from "./gas/load-addon.js";
import type { FakeSheet, FakeWorkbook } from "./gas/spreadsheet.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const DOCS = path.join(ROOT, "docs");
const IMAGES = path.join(DOCS, "images");
const RESULTS = path.join(ROOT, "test-results");

async function dashboardShots(browser: Browser): Promise<void> {
  const dataDir = mkdtempSync(path.join(tmpdir(), "okr-screenshots-"));
  // What npm start printed: the one-time sign-in link of the demo's admin person is among it.
  const startLog: string[] = [];
  const main = await startMain({
    env: { OKR_DATA_DIR: dataDir, OKR_RHYTHM_INTERVAL_MS: "0" },
    port: 0,
    log: (line) => startLog.push(line),
  });
  try {
    if (!main.demo) throw new Error("npm start seeded no demo organisation");
    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const page = await context.newPage();
    await page.goto(`${main.dashboardUrl}/sign-in?lang=en`);
    await page.getByLabel("Reader key").fill(main.demo.readerKey);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(/\/dashboard\/tree/);
    await shot(page, path.join(DOCS, "dashboard.png"));

    // Sales' revenue objective has key results, a KPI and weeks of check-ins; any objective will do if it is gone.
    const cards = page.locator("svg.tree a[href*='/dashboard/objective']");
    const revenue = cards.filter({ hasText: "Expand revenue" });
    const objective = await ((await revenue.count()) ? revenue : cards).first().getAttribute("href");
    if (!objective) throw new Error("The tree links no objective");
    await page.goto(new URL(objective, main.dashboardUrl).href);
    await shot(page, path.join(IMAGES, "objective.png"), { fullPage: true, maxHeight: 1500 });

    await page.goto(`${main.dashboardUrl}/insights?lang=en`);
    await shot(page, path.join(IMAGES, "insights.png"), { fullPage: true, maxHeight: 1400 });
    await page.goto(`${main.dashboardUrl}/since?team=Sales&lang=en`);
    await shot(page, path.join(IMAGES, "since.png"), { fullPage: true, maxHeight: 1400 });
    await page.goto(`${main.dashboardUrl}/tree?lang=sv`);
    await shot(page, path.join(IMAGES, "tree-sv.png"));
    await context.close();

    // Meeting mode as the demo's admin person sees it: with the Review held button.
    const person = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const personPage = await person.newPage();
    const invite = /(http:\/\/\S+\/dashboard\/invite\?t=\S+)/.exec(startLog.join("\n"))?.[1];
    if (!invite) throw new Error("npm start printed no invite link for the demo's admin person");
    await personPage.goto(invite);
    await personPage.getByRole("button", { name: "Sign in" }).click();
    await personPage.waitForURL(/\/dashboard\/tree/);
    await personPage.goto(`${main.dashboardUrl}/meeting?team=Sales&lang=en`);
    await shot(personPage, path.join(IMAGES, "meeting.png"), { fullPage: true });
    await person.close();
  } finally {
    await main.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function shot(page: Page, file: string, options: { fullPage?: boolean; maxHeight?: number } = {}) {
  await page.waitForLoadState("networkidle");
  const viewport = page.viewportSize()!;
  const height = await page.evaluate(() => document.documentElement.scrollHeight);
  const clip =
    options.fullPage && options.maxHeight
      ? { x: 0, y: 0, width: viewport.width, height: Math.min(height, options.maxHeight) }
      : undefined;
  await page.screenshot({ path: file, fullPage: options.fullPage ?? false, clip });
  console.log(`wrote ${path.relative(ROOT, file)}`);
}

async function addonShots(browser: Browser): Promise<void> {
  await ensureBuiltAddon();
  {
    const book = teamWorkbook();
    const { addon } = loadAddon({ book });
    addon.menuSetUpSheet();
    const { page, errors } = await openAddonHtml(browser, "quality", addon, { width: 300, height: 640 });
    await page
      .locator("#problems li")
      .first()
      .waitFor({ timeout: 10_000 })
      .catch((error) => {
        throw new Error(`The quality sidebar listed nothing: ${errors.join("; ") || error}`);
      });
    await shot(page, path.join(IMAGES, "addon-quality.png"));
    await page.close();

    const sheetPage = await browser.newPage({ viewport: { width: 2400, height: 400 } });
    await sheetPage.setContent(sheetHtml(book, book.sheet("Team")!));
    const width = await sheetPage.evaluate(
      () => document.querySelector("table")!.getBoundingClientRect().width,
    );
    const height = await sheetPage.evaluate(
      () => document.querySelector("table")!.getBoundingClientRect().bottom,
    );
    await sheetPage.setViewportSize({ width: Math.ceil(width) + 2, height: Math.ceil(height) + 2 });
    await shot(sheetPage, path.join(IMAGES, "sheet-after-setup.png"));
    await sheetPage.close();
  }
  {
    const book = teamWorkbook();
    const { addon } = loadAddon({ book });
    addon.menuSetUpSheet();
    const { page } = await openAddonHtml(browser, "checkin", addon, { width: 420, height: 380 });
    await page.locator("#kr option").first().waitFor({ state: "attached" });
    const nps = (await page.locator("#kr option").allTextContents()).find((o) => o.includes("Raise NPS"));
    if (nps) await page.selectOption("#kr", nps.split(" – ")[0]!);
    await page.fill("#value", "34");
    await page.fill("#confidence", "70");
    await page.fill("#note", "Survey of week 44: up 4 points");
    await shot(page, path.join(IMAGES, "addon-checkin.png"));
    await page.close();
  }
  {
    const { addon } = loadAddon({ book: teamWorkbook() });
    addon.saveSettings({ apiUrl: "https://okr-api.test", apiKey: "okr_example", sheetId: "support-q4" });
    const { page } = await openAddonHtml(browser, "settings", addon, { width: 460, height: 600 });
    await page.locator("#keyState").filter({ hasText: /./ }).waitFor();
    await shot(page, path.join(IMAGES, "addon-settings.png"));
    await page.close();
  }
}

const escapeHtml = (text: string) =>
  text.replace(/[&<>"]/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[ch]!);

function columnName(index: number): string {
  let name = "";
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** The sheet as Sheets would show it: column letters, row numbers, visible columns, status colours, progress bars. */
function sheetHtml(book: FakeWorkbook, sheet: FakeSheet): string {
  const values = sheet.values();
  const formulas = sheet.formulas();
  const lastRow = values.reduce((last, row, i) => (row.some((v) => v !== "" && v !== null) ? i : last), 0);
  const lastColumn = Math.max(
    ...values.slice(0, lastRow + 1).map((row) => row.findLastIndex((v) => v !== "" && v !== null)),
  );
  const header = values[0]!.map(String);
  const percentColumns = new Set(["Progress", "Expected", "Confidence"].map((name) => header.indexOf(name)));
  const progress = header.indexOf("Progress");
  // Hidden helper columns stay hidden; columns with nothing below the header yet are left out of the picture.
  const columns = [...Array(lastColumn + 1).keys()].filter(
    (c) =>
      !sheet.isColumnHiddenByUser(c + 1) &&
      values.slice(1, lastRow + 1).some((row) => row[c] !== "" && row[c] !== null),
  );
  const background = (row: number, column: number, text: string): string | null => {
    for (const rule of sheet.conditionalRules) {
      if (rule.kind !== "textEqualTo" || rule.args[0] !== text || !rule.background) continue;
      const inside = rule.ranges.some(
        (r) =>
          row >= r.row && row < r.row + r.numRows && column >= r.column && column < r.column + r.numColumns,
      );
      if (inside) return rule.background;
    }
    return null;
  };
  const cell = (r: number, c: number): string => {
    const value = values[r]![c];
    const formula = formulas[r]?.[c] ?? "";
    if (r > 0 && /SPARKLINE/i.test(formula)) {
      const share =
        typeof values[r]![progress] === "number"
          ? Math.max(0, Math.min(1, values[r]![progress] as number))
          : 0;
      return `<td class="bar"><span style="width:${Math.round(share * 100)}%"></span></td>`;
    }
    let text = value === null || value === undefined ? "" : String(value);
    if (typeof value === "number" && r > 0)
      text = percentColumns.has(c) ? `${Math.round(value * 100)} %` : String(Math.round(value * 100) / 100);
    const color = r > 0 ? background(r + 1, c + 1, text) : null;
    const classes = [
      r === 0 ? "head" : "",
      typeof value === "number" ? "num" : "",
      formula && r > 0 ? "fx" : "",
    ];
    return `<td class="${classes.join(" ").trim()}"${color ? ` style="background:${color}"` : ""}>${escapeHtml(text)}</td>`;
  };
  const rows = [...Array(lastRow + 1).keys()]
    .map((r) => `<tr><th>${r + 1}</th>${columns.map((c) => cell(r, c)).join("")}</tr>`)
    .join("\n");
  return `<!doctype html><meta charset="utf-8"><title>${escapeHtml(book.api().getName())}</title>
<style>
  body { margin: 0; font: 13px Arial, Helvetica, sans-serif; color: #202124; background: #fff; }
  .tabs { padding: 6px 10px; background: #f1f3f4; border-bottom: 1px solid #dadce0; font-size: 12px; color: #444; }
  table { border-collapse: collapse; margin: 0; }
  th, td { border: 1px solid #e2e3e3; padding: 4px 7px; white-space: nowrap; height: 18px; }
  th { background: #f8f9fa; color: #5f6368; font-weight: normal; min-width: 26px; text-align: center; }
  td.head { font-weight: bold; background: #f3f6fb; border-bottom: 2px solid #9aa0a6; }
  td.num { text-align: right; }
  td.fx { color: #1a4d8f; }
  td.bar { width: 90px; } td.bar span { display: block; height: 10px; background: #1a73e8; border-radius: 2px; }
</style>
<div class="tabs">Tabs: <b>${escapeHtml(sheet.getName())}</b> · ${book
    .api()
    .getSheets()
    .filter((s) => !s.isSheetHidden() && s.getName() !== sheet.getName())
    .map((s) => escapeHtml(s.getName()))
    .join(" · ")} (hidden: ${book
    .api()
    .getSheets()
    .filter((s) => s.isSheetHidden())
    .map((s) => escapeHtml(s.getName()))
    .join(", ")}). Blue cells hold formulas. Columns still empty are not shown.</div>
<table><tr><th></th>${columns.map((c) => `<th>${columnName(c)}</th>`).join("")}</tr>
${rows}</table>`;
}

async function architecturePng(browser: Browser): Promise<void> {
  const page = await browser.newPage({ viewport: { width: 1240, height: 800 } });
  await page.setContent(readFileSync(path.join(DOCS, "architecture.svg"), "utf8"));
  await shot(page, path.join(RESULTS, "architecture.png"));
  await page.close();
}

mkdirSync(IMAGES, { recursive: true });
mkdirSync(RESULTS, { recursive: true });
const browser = await launchBrowser();
try {
  await architecturePng(browser);
  await addonShots(browser);
  await dashboardShots(browser);
} finally {
  await browser.close();
}
