// People, comments, reviews, reminders' settings and unsubscribe links in the dashboard, through
// app.request(): who may do what (admins, people, key sessions), CSRF, escaping, formula-safe CSV, and
// refusals with a reason.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rowHash } from "../../shared/contract.js";
import { caller } from "../../test/api/client.js";
import { objective, okrRow } from "../../test/api/rows.js";
import { createOrg, startTestApp } from "../../test/support/api-server.js";
import { generateSecret, sha256Hex } from "../auth/api-keys.js";
import { signToken } from "../auth/signed-token.js";

const BASE = "http://okr.test";
let env: Awaited<ReturnType<typeof startTestApp>>;
let orgId: string;
let readerKey: string;

async function request(path: string, init: RequestInit & { cookie?: string } = {}) {
  const headers = new Headers(init.headers);
  if (init.cookie) headers.set("Cookie", init.cookie);
  return env.app.request(new Request(new URL(path, BASE), { ...init, headers, redirect: "manual" }));
}
const form = (fields: Record<string, string>): RequestInit => ({
  method: "POST",
  headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: BASE },
  body: new URLSearchParams(fields).toString(),
});
const cookieOf = (res: Response) =>
  `okr_session=${/okr_session=([^;]+)/.exec(res.headers.get("Set-Cookie") ?? "")![1]}`;
const csrfOf = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)![1]!;

/** A person's session through a one-time invite link. */
async function signInAs(email: string): Promise<{ cookie: string; csrf: string }> {
  const token = generateSecret();
  await env.store.putSignInLink(await sha256Hex(token), {
    orgId,
    email,
    createdAt: new Date().toISOString(),
    expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
    usedAt: null,
  });
  const res = await request("/dashboard/invite", form({ t: token }));
  expect(res.status).toBe(303);
  const cookie = cookieOf(res);
  const page = await request("/dashboard/people", { cookie });
  return { cookie, csrf: csrfOf(await page.text()) };
}

beforeAll(async () => {
  env = await startTestApp();
  const org = await createOrg(env.store, "Acme");
  orgId = org.orgId;
  const api = caller((req) => env.app.request(req));
  readerKey = await api.createKey(org.adminKey, { role: "reader" });
  const rows = [
    objective("O-1", { title: "Win the Nordics", owner: "Ada", cycle: "2026-Q4", row: 2 }),
    okrRow("KR-1", { objectiveId: "O-1", owner: "Nobody Known", cycle: "2026-Q4", row: 3 }),
  ];
  const res = await env.app.request(`${BASE}/v1/sheets/sales/sync`, {
    method: "POST",
    headers: { Authorization: `Bearer ${org.adminKey}`, "Content-Type": "application/json" },
    body: JSON.stringify({
      baseRevision: 0,
      name: "Sales",
      rows: rows.map((row) => ({ ...row, hash: rowHash(row) })),
    }),
  });
  expect(res.status).toBe(200);
  const at = new Date().toISOString();
  await env.store.putPerson(
    orgId,
    { email: "ada@x.se", name: "Ada", team: "Sales", role: "reader", leader: false },
    at,
  );
  await env.store.putPerson(
    orgId,
    { email: "boss@x.se", name: "Boss", team: "Sales", role: "admin", leader: true },
    at,
  );
});

afterAll(() => env?.close());

describe("people and settings: admins only, with the session's CSRF token", () => {
  it("a reader key's session reads the people page (with unknown owners) but may not change it", async () => {
    const signIn = await request("/dashboard/sign-in", form({ key: readerKey, next: "/dashboard/people" }));
    const cookie = cookieOf(signIn);
    const page = await request("/dashboard/people", { cookie });
    const html = await page.text();
    expect(html).toContain("Signed in with a key");
    expect(html).toContain("&#39;Nobody Known&#39; is not on the organisation&#39;s people list");
    expect(html).not.toContain('action="/dashboard/people"');
    const refused = await request("/dashboard/people", {
      ...form({ csrf: csrfOf(html), email: "x@y.se", name: "X" }),
      cookie,
    });
    expect(refused.status).toBe(403);
    expect(await env.store.getPerson(orgId, "x@y.se")).toBeNull();
    // and may not comment
    const comment = await request("/dashboard/comments", {
      ...form({ csrf: csrfOf(html), back: "/dashboard/objective?id=O-1", targetId: "O-1", text: "hi" }),
      cookie,
    });
    expect(comment.status).toBe(403);
  });

  it("an admin person adds people; bad input comes back naming the field; no token, no change", async () => {
    const { cookie, csrf } = await signInAs("boss@x.se");
    const saved = await request("/dashboard/people", {
      ...form({ csrf, email: " Cy@X.se ", name: "Cy <b>", team: "Ops", role: "reader" }),
      cookie,
    });
    expect(saved.headers.get("location")).toBe("/dashboard/people?bad=name");
    const ok = await request("/dashboard/people", {
      ...form({ csrf, email: " Cy@X.se ", name: "Cy", team: "Ops", leader: "true" }),
      cookie,
    });
    expect(ok.headers.get("location")).toBe("/dashboard/people?saved=cy%40x.se");
    expect(await env.store.getPerson(orgId, "cy@x.se")).toMatchObject({
      name: "Cy",
      leader: true,
      role: "reader",
    });
    const noToken = await request("/dashboard/people/remove", { ...form({ email: "cy@x.se" }), cookie });
    expect(noToken.status).toBe(403);
    // the schedule and webhooks are checked before anything is stored
    const badZone = await request("/dashboard/rhythm", {
      ...form({ csrf, day: "1", hour: "9", timeZone: "Mars/Base", quietDays: "14" }),
      cookie,
    });
    expect(badZone.headers.get("location")).toBe("/dashboard/rhythm?bad=schedule");
    const badHook = await request("/dashboard/rhythm", {
      ...form({
        csrf,
        day: "1",
        hour: "9",
        timeZone: "Europe/Oslo",
        quietDays: "14",
        hookTeam: "Sales",
        hookUrl: "https://169.254.169.254/latest",
      }),
      cookie,
    });
    expect(badHook.headers.get("location")).toContain("bad=hook");
    expect(await env.store.getRhythmSettings(orgId)).toBeNull();
    const good = await request("/dashboard/rhythm", {
      ...form({
        csrf,
        enabled: "true",
        day: "5",
        hour: "15",
        timeZone: "Europe/Oslo",
        quietDays: "10",
        language: "nb",
        hookTeam: "Sales",
        hookUrl: "https://hooks.slack.com/services/T/B/x",
      }),
      cookie,
    });
    expect(good.headers.get("location")).toBe("/dashboard/rhythm?saved");
    expect(await env.store.getRhythmSettings(orgId)).toEqual({
      enabled: true,
      schedule: { day: 5, hour: 15, timeZone: "Europe/Oslo" },
      quietDays: 10,
      language: "nb",
    });
    expect(Object.fromEntries(await env.store.listTeamWebhooks(orgId))).toEqual({
      Sales: "https://hooks.slack.com/services/T/B/x",
    });
    // without a mail transport an invite shows the link once, for the admin to pass on
    const invite = await request("/dashboard/people/invite", {
      ...form({ csrf, email: "ada@x.se" }),
      cookie,
    });
    expect(await invite.text()).toMatch(/http:\/\/okr\.test\/dashboard\/invite\?t=okr_/);
  });
});

describe("comments in the dashboard", () => {
  it("a person comments as themselves; text is escaped on the page and defused in the CSV; replies need their parent", async () => {
    const { cookie, csrf } = await signInAs("ada@x.se");
    const text = '=HYPERLINK("http://evil.example","x") <img src=x onerror=alert(1)>';
    const posted = await request("/dashboard/comments", {
      ...form({ csrf, back: "/dashboard/objective?id=O-1", targetId: "KR-1", text }),
      cookie,
    });
    expect(posted.headers.get("location")).toBe("/dashboard/objective?id=O-1#conversation");
    const page = await (await request("/dashboard/objective?id=O-1", { cookie })).text();
    expect(page).toContain(
      "=HYPERLINK(&quot;http://evil.example&quot;,&quot;x&quot;) &lt;img src=x onerror=alert(1)&gt;",
    );
    expect(page).not.toContain("<img src=x");
    expect(page).toContain("Ada · ");
    const csv = await (await request("/dashboard/comments.csv?id=O-1", { cookie })).text();
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""x"") <img src=x onerror=alert(1)>"`);
    const orphan = await request("/dashboard/comments", {
      ...form({ csrf, back: "/dashboard/objective?id=O-1", targetId: "KR-1", parentId: "nope", text: "re" }),
      cookie,
    });
    expect(orphan.headers.get("location")).toContain("comment_error=target");
    const empty = await request("/dashboard/comments", {
      ...form({ csrf, back: "/dashboard/objective?id=O-1", targetId: "KR-1", text: " \u0007 " }),
      cookie,
    });
    expect(empty.headers.get("location")).toContain("comment_error=text");
    const elsewhere = await request("/dashboard/comments", {
      ...form({ csrf, back: "https://evil.example/", targetId: "KR-1", text: "hello" }),
      cookie,
    });
    expect(elsewhere.headers.get("location")).toBe("/dashboard/tree#conversation");
    // a reader (not a reviewer: no request, or not their team) cannot decide a review
    const decide = await request("/dashboard/review/decide", {
      ...form({ csrf, team: "Sales", cycle: "2026-Q4", decision: "approved" }),
      cookie,
    });
    expect(decide.status).toBe(403);
  });
});

describe("unsubscribe links", () => {
  it("only a token signed with the organisation's own secret unsubscribes", async () => {
    const good = await signToken(orgId, await env.store.orgSecret(orgId), { e: "ada@x.se", k: "digest" });
    const forged = await signToken(orgId, "not-the-secret", { e: "ada@x.se", k: "digest" });
    expect((await request(`/dashboard/unsubscribe?t=${encodeURIComponent(forged)}`)).status).toBe(404);
    expect(
      (await request(`/dashboard/unsubscribe?t=${encodeURIComponent(forged)}`, { method: "POST" })).status,
    ).toBe(404);
    expect(await env.store.listOptOuts(orgId)).toEqual(new Map());
    const page = await request(`/dashboard/unsubscribe?t=${encodeURIComponent(good)}`);
    expect(await page.text()).toContain("Stop weekly digests for ada@x.se?");
    // a mail server's one-click POST carries no Origin and no session
    const done = await request(`/dashboard/unsubscribe?t=${encodeURIComponent(good)}`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(done.status).toBe(200);
    expect([...((await env.store.listOptOuts(orgId)).get("ada@x.se") ?? [])]).toEqual(["digest"]);
  });

  it("without an OpenID Connect provider the sign-in page offers invite links, and /oidc/start goes back", async () => {
    const page = await (await request("/dashboard/sign-in")).text();
    expect(page).toContain("personal invite link");
    expect((await request("/dashboard/oidc/start")).headers.get("location")).toContain("/dashboard/sign-in");
    // a used or unknown invite says so
    expect(
      (await request("/dashboard/invite", form({ t: "okr_unknown" }))).headers.get("location"),
    ).toContain("error=link_used");
  });
});
