// The Sheets page in headless Chromium against `npm start -- --import` (startMain on a temporary data
// folder): the admin uploads a multi-tab workbook and en/sv/nb CSV files with the form, sees each sheet and
// its problems row by row; the same upload again changes nothing; a bad file says why and stores nothing;
// a reader sees no form; a sheet downloads as .xlsx that parses back. axe-core clean on every state.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningMain, startMain } from "../../api/entry/main.js";
import { readXlsx } from "../../api/import/read-xlsx.js";
import { parseSheet } from "../../shared/parse.js";
import { COMPANY_CSV, norwegianCsv, swedishExcelCsv, teamWorkbook } from "../support/okr-files.js";
import { expectAccessible, launchBrowser } from "./support/browser.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SHOTS = path.join(ROOT, "test-results");

let main: RunningMain;
let browser: Browser;
let dataDir: string;
let files: Record<string, string>;
const consoleErrors: string[] = [];

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(tmpdir(), "okr-import-browser-"));
  const fileDir = path.join(dataDir, "files");
  mkdirSync(fileDir);
  const put = (name: string, bytes: Uint8Array | string) => {
    const at = path.join(fileDir, name);
    writeFileSync(at, bytes);
    return at;
  };
  files = {
    company: put("company.csv", COMPANY_CSV),
    team: put("Team OKRs.xlsx", await teamWorkbook()),
    sv: put("Utveckling.csv", swedishExcelCsv()),
    nb: put("Økonomi.csv", norwegianCsv()),
    png: put("logo.xlsx", new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0])),
  };
  // The company sheet comes from the command line; the rest through the form.
  main = await startMain({
    argv: ["--import", files.company!, "--org-name", "Browser AB"],
    env: { OKR_DATA_DIR: dataDir, LANG: "en_GB.UTF-8" },
    port: 0,
    log: () => undefined,
  });
  expect(main.ownOrg).not.toBeNull();
  mkdirSync(SHOTS, { recursive: true });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await main?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

async function newPage(): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1300, height: 1000 },
    acceptDownloads: true,
  });
  const page = await context.newPage();
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(`${page.url()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => consoleErrors.push(`${page.url()}: ${error.message}`));
  return page;
}

async function signIn(page: Page, key: string) {
  await page.goto(`${main.dashboardUrl}/sheets`);
  await page.getByLabel("Reader key").fill(key);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/dashboard\/sheets/);
}

const sheetIds = async (page: Page) =>
  (await page.locator("#sheets tbody td code").allTextContents()).map((text) => text.trim()).sort();

describe("importing sheets with the dashboard's upload form", () => {
  let page: Page;

  it("the admin uploads a multi-tab workbook and en/sv/nb CSV files and sees each sheet and its problems", async () => {
    page = await newPage();
    await signIn(page, main.ownOrg!.adminKey);
    expect(await sheetIds(page)).toEqual(["company"]);
    await expectAccessible(page);
    await page.getByLabel(/Files \(.xlsx or .csv/).setInputFiles([files.team!, files.sv!, files.nb!]);
    await page.getByRole("button", { name: "Import" }).click();
    const results = page.getByRole("status");
    await expect.poll(() => results.textContent()).toContain("Import results");
    const text = (await results.textContent()) ?? "";
    expect(text).toContain("Team OKRs.xlsx, tab Sales → sheet team-okrs-sales (revision 1): 5 rows written");
    expect(text).toContain(
      "Team OKRs.xlsx, tab Kundframgång → sheet team-okrs-kundframgang (revision 1): 3 rows written",
    );
    expect(text).toContain("Utveckling.csv → sheet utveckling (revision 1): 3 rows written");
    expect(text).toContain("Økonomi.csv → sheet okonomi (revision 1): 2 rows written");
    expect(text).toContain("Team OKRs.xlsx, tab Ledger: skipped, no OKR header row.");
    // Problems by row, in a table with its caption.
    const problems = page.getByRole("table", { name: "Problems in Team OKRs.xlsx, tab Kundframgång" });
    await expect.poll(() => problems.textContent()).toContain("Row 4, Nuvarande: 'abc' is not a number.");
    expect(await sheetIds(page)).toEqual(
      ["company", "okonomi", "team-okrs-kundframgang", "team-okrs-sales", "utveckling"].sort(),
    );
    await page.screenshot({ path: path.join(SHOTS, "import-results.png"), fullPage: true });
    await expectAccessible(page);
  });

  it("the same upload again changes nothing", async () => {
    await page.getByLabel(/Files \(.xlsx or .csv/).setInputFiles([files.team!, files.sv!, files.nb!]);
    await page.getByRole("button", { name: "Import" }).click();
    await expect.poll(() => page.getByRole("status").textContent()).toContain("Import results");
    const lines = await page.locator(".import-sheet p").allTextContents();
    expect(lines).toHaveLength(4);
    for (const line of lines) expect(line).toMatch(/\(revision 1\): unchanged since the last import/);
  });

  it("a bad file says why, in the page's language, and nothing is stored", async () => {
    await page.goto(`${main.dashboardUrl}/sheets?lang=sv`);
    await page.getByLabel(/Filer \(.xlsx eller .csv/).setInputFiles([files.png!, files.company!]);
    await page.getByRole("button", { name: "Importera" }).click();
    const alert = page.getByRole("alert");
    await expect
      .poll(() => alert.textContent())
      .toContain("logo.xlsx: det här är en PNG-fil, inget kalkylark.");
    expect(await alert.textContent()).toContain("Inget importerades");
    expect(await sheetIds(page)).toHaveLength(5);
    await page.screenshot({ path: path.join(SHOTS, "import-error-sv.png"), fullPage: true });
    await expectAccessible(page);
    await page.goto(`${main.dashboardUrl}/sheets?lang=en`);
  });

  it("downloads a sheet as .xlsx that parses back to the same rows, and a template", async () => {
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Download Økonomi as .xlsx" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("Økonomi.xlsx");
    const tabs = await readXlsx(new Uint8Array(readFileSync((await download.path())!)));
    const parsed = parseSheet(tabs[0]!.grid);
    expect(parsed.rows.map((row) => row.id).sort()).toEqual(["KR-F11", "O-F1"]);
    expect(parsed.rows.find((row) => row.id === "KR-F11")).toMatchObject({ target: 1234.5, current: 617.25 });
    const [template] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Template in Norsk (.xlsx)" }).click(),
    ]);
    expect(template.suggestedFilename()).toBe("OKR-mal.xlsx");
    const templateTabs = await readXlsx(new Uint8Array(readFileSync((await template.path())!)));
    expect(parseSheet(templateTabs[0]!.grid).layout?.language).toBe("nb");
  });

  it("a reader sees the sheets and downloads, and no upload form", async () => {
    const reader = await newPage();
    await signIn(reader, main.ownOrg!.readerKey);
    expect(await sheetIds(reader)).toHaveLength(5);
    expect(await reader.getByRole("button", { name: "Import" }).count()).toBe(0);
    expect(await reader.locator(".notice").textContent()).toContain("Only an admin can import");
    await expectAccessible(reader);
    // The refused upload's page came with its status 422, which Chromium logs; nothing else may.
    expect(consoleErrors.filter((error) => !/sheets\/import: .*status of 422/.test(error))).toEqual([]);
  });
});
