// "Since last review" and meeting mode in headless Chromium, en/sv/nb, axe clean: a scripted month of syncs and
// check-ins against the real server on loopback, the moved target flagged, the agenda's order, the notes, and the
// "review held" action (a reader may not; an admin records it, and since-last-review then starts from it).
import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OkrRow } from "../../shared/model.js";
import { caller } from "../api/client.js";
import { full, objective, okrRow } from "../api/rows.js";
import { createOrg, startApiServer } from "../support/api-server.js";
import { expectAccessible, launchBrowser } from "./support/browser.js";

const SHOTS = path.resolve(import.meta.dirname, "../../test-results");
let clock = new Date("2026-10-01T08:00:00Z");
let server: Awaited<ReturnType<typeof startApiServer>>;
let browser: Browser;
let http: ReturnType<typeof caller>;
let admin: string;
let reader: string;

async function syncRows(sheetId: string, rows: OkrRow[]) {
  const current = (await http.get(`/v1/sheets/${sheetId}`, admin)).json?.revision ?? 0;
  const res = await http.sync(sheetId, admin, {
    baseRevision: current,
    name: sheetId,
    timeZone: "Europe/Stockholm",
    rows: rows.map(full),
  });
  expect(res.status, res.text).toBe(200);
}

beforeAll(async () => {
  server = await startApiServer({ now: () => clock });
  http = caller((request) => fetch(request), server.url);
  ({ adminKey: admin } = await createOrg(server.store, "Möte AB", clock));
  reader = await http.createKey(admin, { role: "reader" });
  const o = objective("S-O", { team: "Sales", title: "Win the Nordics", row: 2 });
  const kr = (id: string, extra: Partial<OkrRow>) =>
    okrRow(id, { objectiveId: "S-O", team: "Sales", start: 0, target: 100, current: 50, ...extra });
  await syncRows("sales", [
    o,
    kr("KR-F12", { title: "Signed partners", row: 3, target: 150, current: 100 }),
    kr("KR-F13", { title: "Demo bookings", row: 4, current: 0 }),
    kr("KR-F14", { title: "Churn interviews", row: 5, current: 30 }),
  ]);
  await syncRows("ops", [
    objective("OP-O", { team: "Ops", row: 2 }),
    okrRow("OP-KR", { objectiveId: "OP-O", team: "Ops", row: 3, current: 80 }),
  ]);
  clock = new Date("2026-10-26T09:00:00Z");
  await http.post("/v1/sheets/sales/key-results/KR-F13/check-ins", admin, {
    value: 2,
    note: "Waiting for the <new> pricing",
    author: "Kari",
  });
  clock = new Date("2026-10-27T09:00:00Z");
  await syncRows("sales", [
    o,
    kr("KR-F12", { title: "Signed partners", row: 3, target: 110, current: 100 }),
    kr("KR-F13", { title: "Demo bookings", row: 4, current: 2 }),
    kr("KR-F14", { title: "Churn interviews", row: 5, current: 30 }),
  ]);
  clock = new Date("2026-10-30T12:00:00Z");
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function signedIn(key: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(`${server.url}/dashboard/sign-in?lang=en`);
  await page.getByLabel("Reader key").fill(key);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(/\/dashboard\/tree/);
  return { context, page };
}

describe("since last review and meeting mode in Chromium", () => {
  it("shows what changed in the last 7 days, the lowered target flagged, in en, sv and nb", async () => {
    const { context, page } = await signedIn(reader);
    await page.goto(`${server.url}/dashboard/since?lang=en`);
    await expect.poll(() => page.locator("h1").textContent()).toBe("Since last review");
    const changes = page.locator("table#changes");
    expect(await changes.textContent()).toContain("KR-F12 · Signed partners");
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, "since-last-review.png"), fullPage: true });
    expect(await changes.textContent()).toContain("150 → 110");
    expect(await changes.textContent()).toContain("Moved toward the current value");
    expect(await page.locator("table#check-ins").textContent()).toContain("Waiting for the <new> pricing");
    expect(await page.textContent("main")).toContain("The last 7 days");
    await expectAccessible(page);
    await page.getByLabel("Team", { exact: true }).selectOption("Ops");
    await page.getByRole("button", { name: "Show" }).click();
    await page.waitForURL(/team=Ops/);
    expect(await page.locator("table#changes").count()).toBe(0);
    const csv = await page.request.get(`${server.url}/dashboard/since.csv?team=Sales`);
    expect(await csv.text()).toContain("target_moved,KR-F12");
    for (const [lang, heading, flag] of [
      ["sv", "Sedan förra genomgången", "Flyttat mot nuvarande värde"],
      ["nb", "Siden forrige gjennomgang", "Flyttet mot nåværende verdi"],
    ] as const) {
      await page.goto(`${server.url}/dashboard/since?team=Sales&lang=${lang}`);
      expect(await page.locator("h1").textContent()).toBe(heading);
      expect(await page.locator("table#changes").textContent()).toContain(flag);
      expect(await page.getAttribute("html", "lang")).toBe(lang);
      await expectAccessible(page);
    }
    await context.close();
  });

  it("walks the team's agenda (off track, at risk, moved, quiet) with the last notes; only an admin holds the review", async () => {
    const { context: readerContext, page: readerPage } = await signedIn(reader);
    await readerPage.goto(`${server.url}/dashboard/meeting?team=Sales&lang=en`);
    expect(await readerPage.getByRole("button", { name: "Review held" }).count()).toBe(0);
    await readerContext.close();

    const { context, page } = await signedIn(admin);
    await page.goto(`${server.url}/dashboard/meeting?team=Sales&lang=en`);
    expect(await page.locator("h1").textContent()).toBe("Review meeting: Sales");
    const headings = await page.locator("main h2").allTextContents();
    expect(headings.slice(0, 4).map((text) => text.replace(/ \(\d+\)$/, ""))).toEqual([
      "Off track",
      "At risk",
      "Moved targets",
      "No update",
    ]);
    const section = (id: string) => page.locator(`section[aria-labelledby="agenda-${id}"]`);
    const worst = `${await section("off_track").textContent()}${await section("at_risk").textContent()}`;
    expect(worst).toContain("KR-F13 · Demo bookings");
    expect(worst).toContain("Waiting for the <new> pricing");
    expect(await section("moved").textContent()).toContain("KR-F12");
    expect(await page.textContent("main")).not.toContain("OP-KR");
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SHOTS, "meeting.png"), fullPage: true });
    await expectAccessible(page);
    for (const lang of ["sv", "nb"] as const) {
      await page.goto(`${server.url}/dashboard/meeting?team=Sales&lang=${lang}`);
      expect(await page.getAttribute("html", "lang")).toBe(lang);
      await expectAccessible(page);
    }
    await page.goto(`${server.url}/dashboard/meeting?team=Sales&lang=en`);
    await page.getByRole("button", { name: "Review held" }).click();
    await page.waitForURL(/held=1/);
    expect(await page.getByRole("status").or(page.locator(".notice")).first().textContent()).toContain(
      "The review meeting was recorded",
    );
    await expectAccessible(page);
    const meetings = (await http.get("/v1/review-meetings?team=Sales", reader)).json.meetings;
    expect(meetings).toEqual([
      { team: "Sales", at: "2026-10-30T12:00:00.000Z", by: expect.stringMatching(/^key:/) },
    ]);
    clock = new Date("2026-10-30T13:00:00Z");
    await page.goto(`${server.url}/dashboard/since?team=Sales&lang=en`);
    expect(await page.textContent("main")).toContain("Since the review meeting held on");
    expect(await page.locator("table#changes").count()).toBe(0);
    await context.close();
  });
});
