// A leader's first ten seconds and finance's KPI board, through app.request(): the headline (progress against
// expected, the status mix), every owner in the Owner filter, summaries that count what is shown, aligned
// progress on the objective page, unaligned team objectives marked, confidence beside status, and the KPI
// board (leading beside lagging, threshold, health, a trend from check-ins and synced values) in en and sv.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectedProgress, parseCycle } from "../../shared/cycle.js";
import type { OkrRow } from "../../shared/model.js";
import { caller } from "../../test/api/client.js";
import { full, objective, okrRow } from "../../test/api/rows.js";
import { createOrg, startTestApp } from "../../test/support/api-server.js";

const NOW = new Date("2026-11-10T12:00:00Z");
const SET_UP = new Date("2026-10-01T08:00:00Z");
const BASE = "http://okr.test";
let clock = SET_UP;
let env: Awaited<ReturnType<typeof startTestApp>>;
let cookie: string;
let api: ReturnType<typeof caller>;
let adminKey: string;

const kpi = (id: string, overrides: Partial<OkrRow>) =>
  okrRow(id, { type: "kpi", krType: null, start: null, target: null, team: "Finance", ...overrides });

const finance = (kpi1Current: number): OkrRow[] => [
  objective("F-1", { title: "Close the books faster", team: "Finance", owner: "Nils", row: 2 }),
  okrRow("F-1-KR", { objectiveId: "F-1", team: "Finance", owner: "Nils", current: 60, row: 3 }),
  kpi("F-KPI1", {
    title: "Days to close",
    objectiveId: "F-1",
    kpiKind: "lagging",
    threshold: "at most 3",
    target: 3,
    current: kpi1Current,
    unit: "days",
    owner: "Ingrid",
    row: 4,
  }),
  kpi("F-KPI2", {
    title: "Invoices matched automatically",
    objectiveId: "F-1",
    kpiKind: "leading",
    threshold: "minst 90 %",
    target: 0.9,
    current: 0.87,
    unit: "%",
    row: 5,
  }),
  kpi("F-KPI3", {
    title: "Suppliers on e-invoice",
    objectiveId: "F-1-KR",
    kpiKind: "leading",
    start: 10,
    target: 50,
    current: 40,
    unit: "",
    row: 6,
  }),
];

async function request(path: string) {
  return env.app.request(
    new Request(new URL(path, BASE), { headers: { Cookie: cookie }, redirect: "manual" }),
  );
}
async function page(path: string) {
  const res = await request(path);
  expect(res.status, path).toBe(200);
  // Swedish and Norwegian numbers keep "43 %" together with a no-break space: compared as a space here.
  return (await res.text()).replace(/[\u00a0\u202f]/g, " ");
}

beforeAll(async () => {
  env = await startTestApp({ now: () => clock });
  const org = await createOrg(env.store, "Acme", NOW);
  adminKey = org.adminKey;
  api = caller((req) => env.app.request(req));
  const readerKey = await api.createKey(adminKey, { role: "reader" });
  const sheets: [string, OkrRow[]][] = [
    [
      "company",
      [
        objective("C-1", { title: "Grow revenue", level: "company", team: "Company", owner: "CEO", row: 2 }),
        okrRow("C-1-KR", { objectiveId: "C-1", team: "Company", owner: "Kim", current: 40, row: 3 }),
      ],
    ],
    [
      "sales",
      [
        objective("S-1", { title: "Win mid-market deals", alignsTo: "C-1", owner: "Ann", row: 2 }),
        okrRow("S-1-KR1", { objectiveId: "S-1", owner: "Ann", current: 50, confidence: 0.7, row: 3 }),
        okrRow("S-1-KR2", { objectiveId: "S-1", owner: "Lea", current: 5, confidence: 0.4, row: 4 }),
      ],
    ],
    ["finance", finance(5)],
  ];
  for (const [sheetId, rows] of sheets) {
    const res = await api.sync(sheetId, adminKey, { baseRevision: 0, name: sheetId, rows: rows.map(full) });
    expect(res.status).toBe(200);
  }
  // Days to close: two check-ins, then the sheet's formula brings 2 (a synced value: a point of its own).
  clock = NOW;
  for (const [value, at] of [
    [4, "2026-10-15T09:00:00Z"],
    [3, "2026-10-30T09:00:00Z"],
  ] as const) {
    const res = await api.post("/v1/sheets/finance/key-results/F-KPI1/check-ins", adminKey, {
      value,
      note: "",
      author: "Ingrid",
      at,
    });
    expect(res.status).toBe(201);
  }
  const resync = await api.sync("finance", adminKey, {
    baseRevision: 1,
    name: "finance",
    rows: finance(2).map(full),
  });
  expect(resync.status).toBe(200);
  const signIn = await env.app.request(
    new Request(`${BASE}/dashboard/sign-in`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: BASE },
      body: new URLSearchParams({ key: readerKey, next: "/dashboard/tree" }).toString(),
      redirect: "manual",
    }),
  );
  cookie = `okr_session=${/okr_session=([^;]+)/.exec(signIn.headers.get("Set-Cookie") ?? "")![1]}`;
});

afterAll(() => env?.close());

const expected = () => Math.round(expectedProgress(parseCycle("2026-Q4")!, "2026-11-10") * 100);

describe("the tree's first screen", () => {
  it("leads with progress against expected and the status mix", async () => {
    const html = await page("/dashboard/tree?cycle=2026-Q4");
    const state = html.slice(html.indexOf('class="state"'), html.indexOf('class="lede"'));
    expect(state).toContain("State of 2026-Q4");
    expect(state).toContain(`expected ${expected()}% by today`);
    // Own progress of C-1 (40 %), S-1 (27.5 %) and F-1 (60 %).
    expect(state).toContain("Progress 43%");
    expect(state).toMatch(/class="mix-text">[^<]*\d/);
    // The headline comes before the filters and the tree.
    expect(html.indexOf('class="state"')).toBeLessThan(html.indexOf('class="filters"'));
    const sv = await page("/dashboard/tree?cycle=2026-Q4&lang=sv");
    expect(sv).toContain("Läget i 2026-Q4");
    expect(sv).toContain(`förväntat ${expected()} % i dag`);
  });

  it("offers every owner, key-result owners too, and shows what such an owner owns", async () => {
    const html = await page("/dashboard/tree?cycle=2026-Q4");
    const owners = html.slice(
      html.indexOf('id="filter-owner"'),
      html.indexOf("</select>", html.indexOf('id="filter-owner"')),
    );
    for (const owner of ["Ann", "CEO", "Kim", "Lea", "Nils"]) expect(owners).toContain(`>${owner}</option>`);
    const lea = await page("/dashboard/tree?cycle=2026-Q4&owner=Lea");
    // Lea owns a key result of S-1: S-1 matches (its parent stays as context); its key results are counted.
    expect(lea).toMatch(/class="card status-\w+" [^>]*data-id="S-1"/);
    expect(lea).toMatch(/class="card status-\w+ dim" [^>]*data-id="C-1"/);
    expect(lea).toContain("Objectives: 1 · key results: 2 ·");
  });

  it("counts the key results at risk among the objectives shown, not the organisation's", async () => {
    const all = await page("/dashboard/tree?cycle=2026-Q4");
    const atRisk = (html: string) => Number(/at risk or off track: (\d+)/.exec(html)![1]);
    const finance = await page("/dashboard/tree?cycle=2026-Q4&team=Finance");
    const sales = await page("/dashboard/tree?cycle=2026-Q4&team=Sales");
    expect(atRisk(sales)).toBeGreaterThan(0);
    expect(
      atRisk(finance) + atRisk(sales) + atRisk(await page("/dashboard/tree?cycle=2026-Q4&team=Company")),
    ).toBe(atRisk(all));
    expect(finance).toContain("Objectives: 1 · key results: 1 ·");
  });

  it("marks an unaligned team objective and draws it after the company roots", async () => {
    const html = await page("/dashboard/tree?cycle=2026-Q4");
    expect(html).toMatch(/class="card status-\w+ unaligned" [^>]*data-id="F-1"/);
    expect(html).not.toMatch(/unaligned" [^>]*data-id="C-1"/);
    expect(html.indexOf('data-id="C-1"')).toBeLessThan(html.indexOf('data-id="F-1"'));
    expect(html).toContain("◇ Not aligned");
    expect(await page("/dashboard/tree?cycle=2026-Q4&lang=nb")).toContain("◇ Ikke forankret");
  });
});

describe("the objective page and insights", () => {
  it("shows own and aligned progress", async () => {
    const html = await page("/dashboard/objective?id=C-1&cycle=2026-Q4");
    const headline = html.slice(html.indexOf('class="headline"'), html.indexOf('class="links"'));
    expect(headline).toContain("Own");
    // S-1's own progress: (50 + 5) / 2.
    expect(headline).toMatch(/Aligned[\s\S]*28%/);
  });

  it("shows the owner's confidence beside the status of a key result at risk", async () => {
    const html = await page("/dashboard/insights?cycle=2026-Q4");
    const atRisk = html.slice(html.indexOf('id="at-risk"'));
    const row = atRisk.slice(
      atRisk.indexOf("Result S-1-KR2</th>"),
      atRisk.indexOf("</tr>", atRisk.indexOf("Result S-1-KR2</th>")),
    );
    expect(row).toMatch(
      /class="status status-(at_risk|off_track)"[^<]*<span[^>]*>[^<]*<\/span>[^<]*<\/span><span class="confidence"> conf\. 40%/,
    );
  });
});

describe("the KPI board", () => {
  it("shows per team and objective the leading beside the lagging, with threshold, health and trend", async () => {
    const html = await page("/dashboard/kpis?cycle=2026-Q4");
    expect(html).toContain("<h1>KPI board</h1>");
    const item = (id: string) =>
      html.slice(html.indexOf(`data-id="${id}"`), html.indexOf("</li>", html.indexOf(`data-id="${id}"`)));
    expect(item("F-KPI1")).toContain("✓</span> Healthy");
    expect(item("F-KPI1")).toContain("Threshold: at most 3 days");
    // The first sync's value, two check-ins and the value a later sync brought: four points, oldest unhealthy.
    expect(item("F-KPI1")).toContain(
      'role="img" aria-label="Days to close: 4 values, from 5 days (1 Oct 2026) to 2 days (10 Nov 2026)"',
    );
    expect(item("F-KPI1")).toContain('class="dot-healthy"');
    expect(item("F-KPI1")).toContain('class="dot-unhealthy"');
    expect(item("F-KPI2")).toContain("✗</span> Unhealthy");
    expect(item("F-KPI2")).toContain("Threshold: at least 90%");
    // A plain Target: reach it from Start; beside its key result; progress toward the Target shown.
    expect(item("F-KPI3")).toContain("Threshold: at least 50");
    expect(item("F-KPI3")).toContain("beside Result F-1-KR");
    expect(item("F-KPI3")).toContain("75%");
    const objective = html.slice(html.indexOf('class="kpi-objective"'));
    expect(objective.indexOf("<h4>Leading</h4>")).toBeLessThan(objective.indexOf("<h4>Lagging</h4>"));
    expect(html).toContain("1 healthy · 2 unhealthy · 0 without a threshold");
  });

  it("speaks Swedish, and follows the team and owner filters", async () => {
    const sv = await page("/dashboard/kpis?cycle=2026-Q4&lang=sv");
    expect(sv).toContain("<h1>KPI-tavla</h1>");
    expect(sv).toContain("Inom gränsen");
    expect(sv).toContain("Gräns: högst 3 days");
    expect(sv).toContain("Gräns: minst 90 %");
    const ingrid = await page("/dashboard/kpis?cycle=2026-Q4&owner=Ingrid");
    expect(ingrid).toContain('data-id="F-KPI1"');
    expect(ingrid).not.toContain('data-id="F-KPI2"');
    expect(await page("/dashboard/kpis?cycle=2026-Q4&team=Sales")).toContain("No KPIs in this cycle.");
  });
});
