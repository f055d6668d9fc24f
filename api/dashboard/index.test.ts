// The dashboard through app.request(): sign-in and its refusals, the session cookie's flags, CSRF,
// views over synced sheets, filters, CSV, escaping of titles, languages, sign-out and revocation.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowHash } from "../../shared/contract.js";
import type { OkrRow } from "../../shared/model.js";
import { caller } from "../../test/api/client.js";
import { objective, okrRow } from "../../test/api/rows.js";
import { createOrg, startTestApp } from "../../test/support/api-server.js";

const NOW = new Date("2026-11-10T12:00:00Z");
/** The sheets were set up at the start of the quarter; values since came with check-ins. */
const SET_UP = new Date("2026-10-01T08:00:00Z");
let clock = NOW;
const BASE = "http://okr.test";
const EVIL_TITLE = `<script>alert("x")</script><img src=x onerror=alert(1)>`;

let env: Awaited<ReturnType<typeof startTestApp>>;
let readerKey: string;
let writerKey: string;
let adminKey: string;

const hashed = (rows: OkrRow[]) => rows.map((row) => ({ ...row, hash: rowHash(row) }));

async function request(path: string, init: RequestInit & { cookie?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.cookie) headers.set("Cookie", init.cookie);
  return env.app.request(new Request(new URL(path, BASE), { ...init, headers, redirect: "manual" }));
}

function form(fields: Record<string, string>, origin = BASE): RequestInit {
  return {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: origin },
    body: new URLSearchParams(fields).toString(),
  };
}

/** Signs in and returns the Cookie header value for the session. */
async function signIn(key = readerKey): Promise<string> {
  const res = await request("/dashboard/sign-in", form({ key, next: "/dashboard/tree" }));
  expect(res.status).toBe(303);
  const cookie = res.headers.get("Set-Cookie") ?? "";
  const token = /okr_session=([^;]+)/.exec(cookie)?.[1];
  expect(token).toBeTruthy();
  return `okr_session=${token}`;
}

async function html(path: string, cookie: string, headers: Record<string, string> = {}) {
  const res = await request(path, { cookie, headers });
  expect(res.status).toBe(200);
  return res.text();
}

beforeAll(async () => {
  env = await startTestApp({ now: () => clock });
  const org = await createOrg(env.store, "Acme", NOW);
  adminKey = org.adminKey;
  const api = caller((req) => env.app.request(req));
  readerKey = await api.createKey(adminKey, { role: "reader" });
  writerKey = await api.createKey(adminKey, { role: "writer", sheetId: "sales" });
  const company = [
    objective("C-1", {
      title: "Grow revenue in the Nordics",
      level: "company",
      team: "Company",
      owner: "CEO",
    }),
    objective("C-2", { title: "Become carbon neutral", level: "company", team: "Company", owner: "CEO" }),
    okrRow("C-1-KR", { objectiveId: "C-1", team: "Company", owner: "CEO", current: 40 }),
  ];
  const sales = [
    objective("S-1", {
      title: "Win more mid-market deals",
      alignsTo: "C-1",
      owner: "Ann",
      contributesTo: ["E-1"],
    }),
    okrRow("S-1-KR1", {
      title: "Close 40 new deals",
      objectiveId: "S-1",
      owner: "Ann",
      target: 40,
      current: 30,
      notes: "Two deals slipped to January",
    }),
    okrRow("S-1-KR2", {
      title: "Pipeline of 2 MSEK",
      objectiveId: "S-1",
      owner: "Ann",
      target: 100,
      current: 5,
    }),
    objective("S-2", { title: EVIL_TITLE, owner: "Bo" }),
    okrRow("S-2-KR", {
      objectiveId: "S-2",
      owner: "Bo",
      current: null,
      title: '=HYPERLINK("https://evil.example","Click")',
    }),
    okrRow("S-KPI", {
      type: "kpi",
      title: "Qualified leads per week",
      objectiveId: "S-1-KR1",
      kpiKind: "leading",
      krType: null,
      current: 12,
      target: 20,
    }),
  ];
  const engineering = [
    objective("E-1", {
      title: "Ship the Nordic checkout",
      alignsTo: "C-1",
      team: "Engineering",
      owner: "Eva",
    }),
    okrRow("E-1-KR", { objectiveId: "E-1", team: "Engineering", owner: "Eva", current: 70 }),
  ];
  clock = SET_UP;
  for (const [sheetId, rows] of [
    ["company", company],
    ["sales", sales],
    ["engineering", engineering],
  ] as const) {
    const res = await api.sync(sheetId, adminKey, { baseRevision: 0, name: sheetId, rows: hashed(rows) });
    expect(res.status).toBe(200);
  }
  clock = NOW;
  for (const [value, at] of [
    [10, "2026-10-06T09:00:00Z"],
    [22, "2026-10-20T09:00:00Z"],
    [30, "2026-11-03T09:00:00Z"],
  ] as const) {
    const res = await api.post("/v1/sheets/sales/key-results/S-1-KR1/check-ins", writerKey, {
      value,
      confidence: 0.7,
      note: `Week note ${value}`,
      author: "Ann",
      at,
    });
    expect(res.status).toBe(201);
  }
});

afterAll(async () => {
  await env?.close();
});

describe("signing in", () => {
  it("sends a visitor without a session to the sign-in page, and back afterwards", async () => {
    const res = await request("/dashboard/teams?cycle=2026-Q4");
    expect(res.status).toBe(303);
    const location = res.headers.get("Location")!;
    expect(location).toBe(`/dashboard/sign-in?next=${encodeURIComponent("/dashboard/teams?cycle=2026-Q4")}`);
    const page = await (await request(location)).text();
    expect(page).toContain('name="next" value="/dashboard/teams?cycle=2026-Q4"');
    const signIn = await request(
      "/dashboard/sign-in",
      form({ key: readerKey, next: "/dashboard/teams?cycle=2026-Q4" }),
    );
    expect(signIn.headers.get("Location")).toBe("/dashboard/teams?cycle=2026-Q4");
  });

  it("never redirects outside the dashboard after sign-in", async () => {
    for (const next of [
      "https://evil.example/",
      "//evil.example/x",
      "/v1/rollup",
      "javascript:alert(1)",
      "/dashboard//evil.example",
      "/dashboard/../v1/rollup",
      "/dashboard/%2e%2e/v1/rollup",
      "/dashboard\\..\\v1",
    ]) {
      const res = await request("/dashboard/sign-in", form({ key: readerKey, next }));
      expect(res.headers.get("Location"), next).toBe("/dashboard/tree");
    }
  });

  it("refuses a wrong key, back on the sign-in page with what to do", async () => {
    const res = await request(
      "/dashboard/sign-in",
      form({ key: "okr_not-a-real-key", next: "/dashboard/teams" }),
    );
    expect(res.status).toBe(303);
    expect(res.headers.get("Set-Cookie")).toBeNull();
    const location = res.headers.get("Location")!;
    expect(location).toBe("/dashboard/sign-in?error=invalid_key&next=%2Fdashboard%2Fteams");
    const page = await (await request(location)).text();
    expect(page).toContain('role="alert"');
    expect(page).toContain("This key is not valid or was revoked");
    expect(page).toContain('aria-invalid="true"');
  });

  it("does not open the organisation for a sheet writer key", async () => {
    const res = await request("/dashboard/sign-in", form({ key: writerKey }));
    expect(res.status).toBe(303);
    expect(res.headers.get("Set-Cookie")).toBeNull();
    expect(res.headers.get("Location")).toContain("error=writer_key");
    expect(await (await request(res.headers.get("Location")!)).text()).toContain("sheet writer key");
    // Nor does the writer key open any page by other means.
    expect(
      (await request("/dashboard/tree", { headers: { Authorization: `Bearer ${writerKey}` } })).status,
    ).toBe(303);
  });

  it("sets an HttpOnly, SameSite=Strict session cookie scoped to the dashboard, Secure over HTTPS", async () => {
    const res = await request("/dashboard/sign-in", form({ key: readerKey }));
    const cookie = res.headers.get("Set-Cookie")!;
    expect(cookie).toMatch(/okr_session=okr_[A-Za-z0-9_-]{43};/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Strict");
    expect(cookie).toContain("Path=/dashboard");
    expect(cookie).toContain("Max-Age=28800");
    expect(cookie).not.toContain("Secure");
    // The cookie holds a fresh session token, never the API key itself.
    expect(cookie).not.toContain(readerKey);

    const secure = await env.app.request(
      new Request("https://okr.example/dashboard/sign-in", {
        ...form({ key: readerKey }, "https://okr.example"),
        redirect: "manual",
      }),
    );
    expect(secure.status).toBe(303);
    expect(secure.headers.get("Set-Cookie")).toContain("Secure");
  });

  it("refuses a sign-in form posted from another site", async () => {
    const res = await request("/dashboard/sign-in", form({ key: readerKey }, "https://evil.example"));
    expect(res.status).toBe(403);
    expect(res.headers.get("Set-Cookie")).toBeNull();
  });

  it("refuses a forged session cookie", async () => {
    const res = await request("/dashboard/tree", { cookie: "okr_session=okr_forged" });
    expect(res.status).toBe(303);
  });
});

describe("views", () => {
  let cookie: string;
  beforeAll(async () => {
    cookie = await signIn();
  });

  it("shows the alignment tree with team objectives under the company objective", async () => {
    const page = await html("/dashboard/tree", cookie);
    expect(page.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(page).toContain('<html lang="en">');
    expect(page).toContain("Grow revenue in the Nordics");
    expect(page).toContain("Win more mid-market deals");
    expect(page).toContain("Ship the Nordic checkout");
    // Cards are links with a spoken label carrying progress and status in words.
    expect(page).toMatch(
      /aria-label="Win more mid-market deals Sales · Ann · Team Own \d+% . [A-Za-z ]+\. Expected \d+%\. Contributes to: Ship the Nordic checkout"/,
    );
    // A contributes-to link is drawn between the two cards.
    expect(page).toContain('class="contrib" marker-end="url(#arrow)"');
    expect(page).toContain("Aligned");
  });

  it("collapses a subtree through the URL and says how many are hidden", async () => {
    const page = await html("/dashboard/tree?c=C-1", cookie);
    expect(page).not.toContain('data-id="S-1"');
    expect(page).not.toContain('data-id="E-1"');
    expect(page).toContain('data-id="C-1"');
    expect(page).toContain("Expand Grow revenue in the Nordics (2 hidden)");
    // Under a filter only what is shown counts, and a node left without shown children has no toggle.
    const filtered = await html("/dashboard/tree?team=Engineering&c=C-1", cookie);
    expect(filtered).toContain("Expand Grow revenue in the Nordics (1 hidden)");
    const alone = await html("/dashboard/tree?team=Company", cookie);
    expect(alone).not.toContain('class="toggle"');
  });

  it("filters the tree by team, keeping the company objective as dimmed context", async () => {
    const page = await html("/dashboard/tree?team=Engineering", cookie);
    expect(page).toContain("Ship the Nordic checkout");
    expect(page).not.toContain("Win more mid-market deals");
    expect(page).not.toContain("Become carbon neutral");
    expect(page).toMatch(/class="card status-[a-z_]+ dim"[^>]*data-id="C-1"/);
    // The summary counts what matches, not the dimmed context.
    expect(page).toContain("Objectives: 1 · key results: 1 ·");
    expect(page).toContain('<option value="Engineering" selected="">Engineering</option>');
  });

  it("filters by status and level, and says when nothing matches", async () => {
    const notStarted = await html("/dashboard/tree?status=not_started&level=company", cookie);
    expect(notStarted).toContain("Become carbon neutral");
    expect(notStarted).toContain('data-id="C-2"');
    expect(notStarted).not.toContain('data-id="C-1"');
    const none = await html("/dashboard/tree?owner=Nobody", cookie);
    expect(none).toContain("Nothing matches these filters.");
  });

  it("lists insights: unsupported company objectives, unaligned objectives, quiet and at-risk key results", async () => {
    const page = await html("/dashboard/insights", cookie);
    const section = (id: string) =>
      new RegExp(`<section class="insight[^"]*" aria-labelledby="${id}">([\\s\\S]*?)</section>`).exec(
        page,
      )?.[1] ?? "";
    expect(section("unsupported")).toContain("Become carbon neutral");
    expect(section("unsupported")).not.toContain("Grow revenue");
    expect(section("unaligned")).toContain("&lt;script&gt;");
    // Synced on the quarter's first day and never checked in since: quiet; a key result with no value: never.
    expect(section("quiet")).toContain("Pipeline of 2 MSEK");
    expect(section("quiet")).toContain("40 days ago");
    expect(section("quiet")).toContain("HYPERLINK");
    expect(section("quiet")).toContain("never");
    expect(section("quiet")).not.toContain("Close 40 new deals");
    expect(section("at-risk")).toContain("Pipeline of 2 MSEK");
  });

  it("takes the number of quiet days from the page's form", async () => {
    // The last check-in of "Close 40 new deals" was 7 days before NOW: quiet after 5 days, not after 14.
    const page = await html("/dashboard/insights?quiet=5", cookie);
    expect(page).toContain("Key results with no update for 5 days");
    expect(page).toContain('name="quiet" type="number" min="1" max="365" value="5"');
    const quiet = /aria-labelledby="quiet">([\s\S]*?)<\/section>/.exec(page)?.[1] ?? "";
    expect(quiet).toContain("Close 40 new deals");
    for (const junk of ["0", "999", "-3", "abc"]) {
      expect(await html(`/dashboard/insights?quiet=${junk}`, cookie)).toContain("no update for 14 days");
    }
  });

  it("shows one row per team with counts, mean progress and status mix", async () => {
    const page = await html("/dashboard/teams", cookie);
    const row =
      /<tr><th scope="row"><a href="[^"]*">Sales<\/a><\/th><td class="num">(\d+)<\/td><td class="num">(\d+)<\/td>/.exec(
        page,
      );
    expect(row?.slice(1)).toEqual(["2", "3"]);
    expect(page).toContain("Engineering");
    expect(page).toContain("Company");
  });

  it("shows an objective's key results, KPIs, trend and check-in notes", async () => {
    // Opened without a cycle, the page takes its objective's.
    const page = await html("/dashboard/objective?id=S-1", cookie);
    expect(page).toContain("<h1>Win more mid-market deals</h1>");
    expect(page).toContain("Close 40 new deals");
    expect(page).toContain("Qualified leads per week");
    expect(page).toContain("Leading");
    // Three check-ins become a line of three points on the trend chart.
    const line = /<polyline class="line series-0"[^>]*points="([^"]+)"/.exec(page)?.[1] ?? "";
    expect(line.trim().split(" ")).toHaveLength(3);
    expect(page).toContain("Week note 22");
    expect(page).toContain('<span class="row-note">Two deals slipped to January</span>');
    expect(page).toContain('href="/dashboard/objective?cycle=2026-Q4&amp;id=C-1"');
  });

  it("answers 404 for an objective of nobody's", async () => {
    const res = await request("/dashboard/objective?id=NOPE", { cookie });
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("There is no such objective");
  });

  it("shows titles with HTML or script as text everywhere", async () => {
    for (const path of ["/dashboard/tree", "/dashboard/insights", "/dashboard/objective?id=S-2"]) {
      const page = await html(path, cookie);
      expect(page).not.toContain("<script>alert");
      expect(page).not.toContain("<img src=x");
      expect(page).toContain("&lt;script&gt;");
    }
  });

  it("exports what is shown as CSV, filters applied, formulas defused", async () => {
    const res = await request("/dashboard/export.csv?view=tree&team=Sales", { cookie });
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toContain("text/csv");
    expect(res.headers.get("Content-Disposition")).toBe('attachment; filename="okr-tree-2026-Q4.csv"');
    const bytes = new Uint8Array(await res.clone().arrayBuffer());
    // After a byte-order mark (text() reads past it), in the page's language: csv-locales.test.ts has sv and nb.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = (await res.text()).trim().split("\r\n");
    expect(lines[0]).toBe(
      "Cycle,ID,Parent ID,Depth,Title,Team,Owner,Level,Sheet,Progress,Aligned progress,Expected,Status,Pace,Key results",
    );
    const ids = lines.slice(1).map((line) => line.split(",")[1]);
    // What the filter matched; the company objective was only context around it.
    expect(ids).toEqual(["S-1", "S-2"]);

    const teams = await (await request("/dashboard/export.csv?view=teams", { cookie })).text();
    const teamLines = teams.trim().split("\r\n");
    expect(teamLines[0]).toBe(
      "Cycle,Group,Name,Objectives,Key results,Mean progress,Not started,On track,At risk,Off track,Done",
    );
    expect(teamLines.slice(1).map((line) => line.split(",").slice(1, 3).join(" "))).toEqual([
      "Team Company",
      "Team Engineering",
      "Team Sales",
      "Level Company",
      "Level Team",
    ]);
    const objectiveCsv = await (
      await request("/dashboard/export.csv?view=objective&id=S-1", { cookie })
    ).text();
    expect(objectiveCsv).toContain("S-1-KR1,Close 40 new deals");
    expect(objectiveCsv).toContain("KPI · Leading,S-KPI");
    // A title a spreadsheet would run as a formula is defused.
    const defused = await (await request("/dashboard/export.csv?view=objective&id=S-2", { cookie })).text();
    expect(defused).toContain(`"'=HYPERLINK(""https://evil.example"",""Click"")"`);
  });

  it("speaks Swedish to a Swedish browser and Norwegian when asked, remembering the choice", async () => {
    const sv = await html("/dashboard/tree", cookie, { "Accept-Language": "sv-SE,sv;q=0.9,en;q=0.8" });
    expect(sv).toContain('<html lang="sv">');
    expect(sv).toContain("Förankringsträd");
    const res = await request("/dashboard/teams?lang=nb", { cookie });
    expect(await res.text()).toContain("Gjennomsnittlig fremdrift");
    expect(res.headers.get("Set-Cookie")).toContain("okr_lang=nb");
    const remembered = await html("/dashboard/insights", `${cookie}; okr_lang=nb`);
    expect(remembered).toContain("Innsikt");
  });

  it("sends a strict Content-Security-Policy and no-store on private pages", async () => {
    const res = await request("/dashboard/tree", { cookie });
    expect(res.headers.get("Content-Security-Policy")).toContain("script-src 'none'");
    expect(await res.text()).not.toContain("<script");
    expect(res.headers.get("Content-Security-Policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("Cache-Control")).toBe("no-store");
  });
});

describe("a large organisation", () => {
  it("shows the first 50 findings of a list and says how many the CSV holds", async () => {
    const org = await createOrg(env.store, "Big AB", NOW);
    const api = caller((req) => env.app.request(req));
    const reader = await api.createKey(org.adminKey, { role: "reader" });
    const rows = Array.from({ length: 60 }, (_, i) =>
      objective(`U-${String(i).padStart(2, "0")}`, { title: `Loose objective number ${i}`, row: i + 2 }),
    );
    const synced = await api.sync("big", org.adminKey, { baseRevision: 0, name: "Big", rows: hashed(rows) });
    expect(synced.status).toBe(200);
    const cookie = await signIn(reader);
    const page = await html("/dashboard/insights", cookie);
    const unaligned = /aria-labelledby="unaligned">([\s\S]*?)<\/section>/.exec(page)?.[1] ?? "";
    expect(unaligned).toContain('<span class="count">60</span>');
    expect(unaligned.match(/<li>/g)).toHaveLength(50);
    expect(unaligned).toContain("Showing the first 50 of 60.");
    const csv = await (await request("/dashboard/export.csv?view=insights", { cookie })).text();
    expect(csv.split("\r\n").filter((line) => line.includes(",Not aligned,"))).toHaveLength(60);
  });
});

describe("updates from the sheet", () => {
  it("counts a new Current value synced from the sheet as an update, like a check-in", async () => {
    const org = await createOrg(env.store, "Sheet-only AB", NOW);
    const api = caller((req) => env.app.request(req));
    const reader = await api.createKey(org.adminKey, { role: "reader" });
    const rows = [
      objective("T-1", { title: "Typed in the sheet", row: 2 }),
      okrRow("T-KR", { objectiveId: "T-1", title: "Value typed in the sheet", current: 40, row: 3 }),
    ];
    clock = SET_UP;
    const first = await api.sync("typed", org.adminKey, {
      baseRevision: 0,
      name: "Typed",
      rows: hashed(rows),
    });
    clock = NOW;
    expect(first.status).toBe(200);
    const cookie = await signIn(reader);
    const quiet = async () =>
      /aria-labelledby="quiet">([\s\S]*?)<\/section>/.exec(await html("/dashboard/insights", cookie))?.[1] ??
      "";
    expect(await quiet()).toContain("Value typed in the sheet");

    // Another title alone is no new value; a new Current is.
    const retitled = rows.map((row) =>
      row.id === "T-1" ? { ...row, title: "Typed in the sheet, again" } : row,
    );
    expect(
      (await api.sync("typed", org.adminKey, { baseRevision: 1, name: "Typed", rows: hashed(retitled) }))
        .status,
    ).toBe(200);
    expect(await quiet()).toContain("Value typed in the sheet");
    const moved = retitled.map((row) => (row.id === "T-KR" ? { ...row, current: 55 } : row));
    expect(
      (await api.sync("typed", org.adminKey, { baseRevision: 2, name: "Typed", rows: hashed(moved) })).status,
    ).toBe(200);
    expect(await quiet()).not.toContain("Value typed in the sheet");
    const rollup = await api.get("/v1/rollup?cycle=2026-Q4", reader);
    expect(rollup.json.insights.quiet).toEqual([]);
  });
});

describe("grading", () => {
  it("shows grades on an objective of a cycle that has ended", async () => {
    const org = await createOrg(env.store, "Graded AB", NOW);
    const api = caller((req) => env.app.request(req));
    const reader = await api.createKey(org.adminKey, { role: "reader" });
    const rows = [
      objective("Q3-1", { title: "Last quarter's objective", cycle: "2026-Q3", row: 2 }),
      okrRow("Q3-KR", {
        objectiveId: "Q3-1",
        cycle: "2026-Q3",
        title: "Half done",
        target: 100,
        current: 50,
        row: 3,
      }),
      objective("Q4-1", { title: "This quarter's objective", row: 4 }),
      okrRow("Q4-KR", { objectiveId: "Q4-1", title: "Running", current: 50, row: 5 }),
    ];
    expect(
      (await api.sync("graded", org.adminKey, { baseRevision: 0, name: "G", rows: hashed(rows) })).status,
    ).toBe(200);
    const cookie = await signIn(reader);
    const ended = await html("/dashboard/objective?id=Q3-1", cookie);
    expect(ended).toContain("This cycle has ended");
    expect(ended).toContain('<th scope="col">Grade</th>');
    expect(ended.match(/<span class="grade grade-yellow">Grade 0\.5 · yellow<\/span>/g)).toHaveLength(2);
    const running = await html("/dashboard/objective?id=Q4-1", cookie);
    expect(running).not.toContain("This cycle has ended");
    expect(running).not.toContain('class="grade');
    const swedish = await html("/dashboard/objective?id=Q3-1&lang=sv", cookie);
    expect(swedish).toContain("Betyg 0,5 · gult");
  });
});

describe("state in links and forms", () => {
  let cookie: string;
  beforeAll(async () => {
    cookie = await signIn();
  });

  it("keeps quiet days in the insights CSV link and the filter form, and filters in the cycle form", async () => {
    const page = await html("/dashboard/insights?quiet=3&team=Sales", cookie);
    expect(page).toContain(
      'href="/dashboard/export.csv?cycle=2026-Q4&amp;team=Sales&amp;quiet=3&amp;view=insights"',
    );
    const filterForm = /<form class="filters"[\s\S]*?<\/form>/.exec(page)?.[0] ?? "";
    expect(filterForm).toContain('<input type="hidden" name="quiet" value="3"/>');
    const cycleForm =
      /<form method="get" action="\/dashboard\/insights" class="cycle-form">[\s\S]*?<\/form>/.exec(
        page,
      )?.[0] ?? "";
    expect(cycleForm).toContain('<input type="hidden" name="team" value="Sales"/>');
    expect(cycleForm).toContain('<input type="hidden" name="quiet" value="3"/>');
    const tree = await html("/dashboard/tree?c=C-1&team=Sales", cookie);
    expect(/<form class="filters"[\s\S]*?<\/form>/.exec(tree)?.[0]).toContain(
      '<input type="hidden" name="c" value="C-1"/>',
    );
  });

  it("keeps where to go next and the error when the sign-in page switches language", async () => {
    const page = await (
      await request("/dashboard/sign-in?error=invalid_key&next=%2Fdashboard%2Fteams")
    ).text();
    expect(page).toContain(
      'href="/dashboard/sign-in?next=%2Fdashboard%2Fteams&amp;error=invalid_key&amp;lang=sv"',
    );
    const swedish = await (
      await request("/dashboard/sign-in?next=%2Fdashboard%2Fteams&error=invalid_key&lang=sv")
    ).text();
    expect(swedish).toContain("Nyckeln är ogiltig");
    expect(swedish).toContain('name="next" value="/dashboard/teams"');
  });
});

describe("IDs and findings of any kind", () => {
  it("opens objectives whose IDs hold any text, and filters key-result findings by their team", async () => {
    const org = await createOrg(env.store, "Odd IDs AB", NOW);
    const api = caller((req) => env.app.request(req));
    const reader = await api.createKey(org.adminKey, { role: "reader" });
    const odd = ["A/B ?#1", ".", "..", "Mål åäö %20"];
    const rows = [
      ...odd.map((id, i) =>
        objective(id, { title: `Odd objective ${i}`, team: "Ops", level: "company", row: i + 2 }),
      ),
      okrRow("KR-OPS", {
        objectiveId: "A/B ?#1",
        team: "Ops",
        title: "Reduce customer churn in the Nordics",
        row: 10,
      }),
      objective("F-1", { title: "Finance objective", team: "Finance", row: 11 }),
      okrRow("KR-FIN", {
        objectiveId: "F-1",
        team: "Finance",
        title: "Reduce customer churn in the Nordic region",
        row: 12,
      }),
    ];
    expect(
      (await api.sync("odd", org.adminKey, { baseRevision: 0, name: "Odd", rows: hashed(rows) })).status,
    ).toBe(200);
    const cookie = await signIn(reader);
    const tree = await html("/dashboard/tree", cookie);
    for (const [i, id] of odd.entries()) {
      const link = /href="([^"]+)"/.exec(
        tree.slice(tree.indexOf(`data-id="${id.replace(/&/g, "&amp;")}"`)),
      )?.[1];
      expect(link, id).toBeTruthy();
      const page = await html(link!.replace(/&amp;/g, "&"), cookie);
      expect(page).toContain(`<h1>Odd objective ${i}</h1>`);
    }
    // The two churn key results are near-duplicates; filtering on either team keeps the pair.
    for (const team of ["Ops", "Finance"]) {
      const page = await html(`/dashboard/insights?team=${team}`, cookie);
      const duplicates = /aria-labelledby="duplicates">([\s\S]*?)<\/section>/.exec(page)?.[1] ?? "";
      expect(duplicates, team).toContain("Reduce customer churn in the Nordic region");
    }
    const other = await html("/dashboard/insights?team=Nobody", cookie);
    expect(/aria-labelledby="duplicates">([\s\S]*?)<\/section>/.exec(other)?.[1]).not.toContain("churn");
  });
});

describe("a large tree", () => {
  it("opens one level deep, expands per card or whole, and not when filtered", async () => {
    const org = await createOrg(env.store, "Wide AB", NOW);
    const api = caller((req) => env.app.request(req));
    const reader = await api.createKey(org.adminKey, { role: "reader" });
    let row = 2;
    const rows = ["R-A", "R-B"].flatMap((root) => [
      objective(root, { title: `Root ${root}`, level: "company", team: "Company", row: row++ }),
      ...Array.from({ length: 80 }, (_, i) =>
        objective(`${root}-${i}`, {
          title: `Child ${i} of ${root}`,
          alignsTo: root,
          team: `Team ${i % 4}`,
          row: row++,
        }),
      ),
    ]);
    expect(
      (await api.sync("wide", org.adminKey, { baseRevision: 0, name: "Wide", rows: hashed(rows) })).status,
    ).toBe(200);
    const cookie = await signIn(reader);
    const cards = (page: string) => (page.match(/<g class="card /g) ?? []).length;

    const first = await html("/dashboard/tree", cookie);
    expect(cards(first)).toBe(2);
    expect(first).toContain("162 objectives are more than one picture can show");
    expect(first).toContain("Expand Root R-A (80 hidden)");
    // Opening one root keeps the other closed, through the URL.
    const found = /<a class="toggle" href="([^"]+)" aria-label="Expand Root R-A/.exec(first);
    const toggle = (found?.[1] ?? "").replace(/&amp;/g, "&");
    // By the roots it opens, not by all the others it keeps closed (that list grew with the tree, per card).
    expect(toggle).toBe("/dashboard/tree?cycle=2026-Q4&open=R-A");
    const opened = await html(toggle, cookie);
    expect(cards(opened)).toBe(82);
    expect(opened).not.toContain("more than one picture can show");
    expect(cards(await html("/dashboard/tree?expand=all", cookie))).toBe(162);
    const filtered = await html("/dashboard/tree?team=Team%201", cookie);
    expect(cards(filtered)).toBe(2 + 40);
  });
});

describe("a tree too large for one page", () => {
  it("draws the top objectives a page at a time and what did not fit under its objective, each once", async () => {
    const org = await createOrg(env.store, "Many AB", NOW);
    const api = caller((req) => env.app.request(req));
    const reader = await api.createKey(org.adminKey, { role: "reader" });
    let row = 2;
    const rows = [
      objective("BIG", { title: "Big root", level: "company", team: "Company", row: row++ }),
      ...Array.from({ length: 130 }, (_, i) =>
        objective(`BIG-${i}`, { title: `Under big ${i}`, alignsTo: "BIG", team: "Team", row: row++ }),
      ),
      ...Array.from({ length: 70 }, (_, i) =>
        objective(`TOP-${i}`, { title: `Top ${i}`, level: "team", team: "Team", row: row++ }),
      ),
    ];
    expect(
      (await api.sync("many", org.adminKey, { baseRevision: 0, name: "Many", rows: hashed(rows) })).status,
    ).toBe(200);
    const cookie = await signIn(reader);
    const ids = (page: string) =>
      [...page.matchAll(/<g class="card [^"]*"[^>]*data-id="([^"]+)"/g)].map((match) => match[1]!);
    const linkTo = (page: string, text: string) => {
      const found = new RegExp(`<a href="([^"]+)">${text}</a>`).exec(page)?.[1];
      return found ? found.replace(/&amp;/g, "&") : null;
    };
    /** The cards of every page, following "Next 50" from `path`. */
    const pages = async (path: string) => {
      const seen: string[][] = [];
      for (let at: string | null = path; at !== null; ) {
        const page = await html(at, cookie);
        seen.push(ids(page));
        at = linkTo(page, "Next 50");
      }
      return seen;
    };

    // Opened one level deep: 71 top objectives, 50 and then 21.
    const top = await pages("/dashboard/tree");
    expect(top.map((page) => page.length)).toEqual([50, 21]);
    const tops = top.flat();
    expect(new Set(tops).size).toBe(tops.length);
    expect(new Set(tops)).toEqual(new Set(["BIG", ...Array.from({ length: 70 }, (_, i) => `TOP-${i}`)]));
    expect(await html("/dashboard/tree", cookie)).toContain("Top objectives 1–50 of 71.");

    // Expanded: at most 100 children of one objective in the picture; the rest a link away, paged the same way.
    const whole = await html("/dashboard/tree?expand=all", cookie);
    expect(ids(whole)).toHaveLength(150);
    const more = linkTo(whole, "Show the 30 more objectives under “Big root”");
    expect(more).toBe("/dashboard/tree?cycle=2026-Q4&under=BIG");
    const under = await pages(more!);
    expect(under.map((page) => page.length)).toEqual([50, 50, 30]);
    const children = under.flat();
    expect(new Set(children).size).toBe(130);
    expect(new Set(children)).toEqual(new Set(Array.from({ length: 130 }, (_, i) => `BIG-${i}`)));
    expect(await html(more!, cookie)).toContain("The objectives under “Big root”.");
  });
});

describe("signing out", () => {
  it("needs the session's CSRF token, then ends the session for good", async () => {
    const cookie = await signIn();
    const page = await html("/dashboard/tree", cookie);
    const token = /name="csrf" value="([^"]+)"/.exec(page)?.[1];
    expect(token).toBeTruthy();

    const forged = await request("/dashboard/sign-out", { ...form({ csrf: "guess" }), cookie });
    expect(forged.status).toBe(403);
    const crossSite = await request("/dashboard/sign-out", {
      ...form({ csrf: token! }, "https://evil.example"),
      cookie,
    });
    expect(crossSite.status).toBe(403);
    expect((await request("/dashboard/tree", { cookie })).status).toBe(200);

    const res = await request("/dashboard/sign-out", { ...form({ csrf: token! }), cookie });
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe("/dashboard/sign-in?signed-out");
    expect(res.headers.get("Set-Cookie")).toMatch(/okr_session=;.*Max-Age=0/);
    // The old cookie, replayed, no longer opens anything; signing out again just lands on the sign-in page.
    expect((await request("/dashboard/tree", { cookie })).status).toBe(303);
    const again = await request("/dashboard/sign-out", { ...form({ csrf: token! }), cookie });
    expect(again.status).toBe(303);
    expect(again.headers.get("Location")).toBe("/dashboard/sign-in?signed-out");
  });

  it("ends the browser's previous session when it signs in again", async () => {
    const first = await signIn();
    const res = await request("/dashboard/sign-in", { ...form({ key: readerKey }), cookie: first });
    expect(res.status).toBe(303);
    const second = `okr_session=${/okr_session=([^;]+)/.exec(res.headers.get("Set-Cookie") ?? "")?.[1]}`;
    expect(second).not.toBe(first);
    expect((await request("/dashboard/tree", { cookie: first })).status).toBe(303);
    expect((await request("/dashboard/tree", { cookie: second })).status).toBe(200);
  });

  it("closes the sessions of a key that is revoked", async () => {
    const api = caller((req) => env.app.request(req));
    const created = await api.post("/v1/keys", adminKey, { role: "reader", label: "temp" });
    const cookie = await signIn(created.json.key);
    expect((await request("/dashboard/tree", { cookie })).status).toBe(200);
    const revoked = await api.send("DELETE", `/v1/keys/${created.json.id}`, adminKey);
    expect(revoked.status).toBeLessThan(300);
    expect((await request("/dashboard/tree", { cookie })).status).toBe(303);
  });
});
