// The dashboard's tree with nested cycles, through app.request(): the quarter's tree shows the annual company
// objective with the quarter's team objective under it (named by its cycle); the year's tree shows all its
// quarters' objectives; a past quarter replaced in its sheet stays listed, read by its grade.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowHash } from "../../shared/contract.js";
import type { OkrRow } from "../../shared/model.js";
import { caller } from "../../test/api/client.js";
import { objective, okrRow } from "../../test/api/rows.js";
import { createOrg, startTestApp } from "../../test/support/api-server.js";
import { dashboardPage } from "../../test/support/dashboard-session.js";

let clock = new Date("2026-09-20T12:00:00Z");
let env: Awaited<ReturnType<typeof startTestApp>>;
let readerKey: string;
let adminKey: string;
let api: ReturnType<typeof caller>;
const revisions: Record<string, number> = {};

const hashed = (rows: OkrRow[]) => rows.map((row) => ({ ...row, hash: rowHash(row) }));
async function sync(sheetId: string, rows: OkrRow[]) {
  const res = await api.sync(sheetId, adminKey, {
    baseRevision: revisions[sheetId] ?? 0,
    name: sheetId,
    rows: hashed(rows),
  });
  expect(res.status).toBe(200);
  revisions[sheetId] = res.json.revision;
}

async function page(path: string): Promise<string> {
  return dashboardPage((request) => env.app.request(request), "http://okr.test", readerKey, path);
}

beforeAll(async () => {
  env = await startTestApp({ now: () => clock });
  adminKey = (await createOrg(env.store, "Acme", clock)).adminKey;
  api = caller((req) => env.app.request(req));
  readerKey = await api.createKey(adminKey, { role: "reader" });
  await sync("company", [
    objective("Y-1", { title: "Lead the Nordic market", level: "company", team: "Company", cycle: "2026" }),
    okrRow("Y-KR", { objectiveId: "Y-1", team: "Company", cycle: "2026", current: 30 }),
  ]);
  await sync("sales", [
    objective("Q3-1", { title: "Sign the summer deals", alignsTo: "Y-1", cycle: "2026-Q3" }),
    okrRow("Q3-KR", { objectiveId: "Q3-1", cycle: "2026-Q3", current: 80 }),
  ]);
  // The rollover: last quarter's rows replaced by this quarter's.
  clock = new Date("2026-11-10T12:00:00Z");
  await sync("sales", [
    objective("Q4-1", { title: "Open the Norwegian office", alignsTo: "Y-1", cycle: "2026-Q4" }),
    okrRow("Q4-KR", { objectiveId: "Q4-1", cycle: "2026-Q4", current: 40 }),
  ]);
});
afterAll(() => env?.close());

describe("nested cycles on the dashboard", () => {
  it("the quarter's tree shows the annual parent with the quarter's objective, named by its cycle", async () => {
    const tree = await page("/dashboard/tree?cycle=2026-Q4");
    expect(tree).toContain("Lead the Nordic market");
    expect(tree).toContain("Open the Norwegian office");
    expect(tree).not.toContain("Sign the summer deals");
    expect(tree).toMatch(/2026 · Company/);
  });

  it("the year's tree holds both quarters; the replaced quarter is still listed and reads by its grade", async () => {
    const year = await page("/dashboard/tree?cycle=2026");
    expect(year).toContain("Open the Norwegian office");
    expect(year).toContain("Sign the summer deals");
    expect(year).toContain("2026-Q3 · Sales");
    const q3 = await page("/dashboard/tree?cycle=2026-Q3");
    expect(q3).toContain("Sign the summer deals");
    expect(q3).toContain("Grade 0.8");
    const sv = await page("/dashboard/tree?cycle=2026-Q3&lang=sv");
    expect(sv).toContain("Betyg 0,8");
  });
});
