// Conversations and the alignment review end to end: the built add-on over the Apps Script double against the
// real API (node server + dynalite in a child process) and the dashboard over HTTP. The team comments on a
// row from the sidebar (author: the Google account), replies, asks for review; its leader signs in with an
// invite link, reads the findings beside the draft and approves; the team's sidebar shows the outcome.
// Unknown owners show in the add-on's quality check once the people list came with a sync.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiChild, startApiChild } from "../support/gas/api-child.js";
import { ensureBuiltAddon } from "../support/gas/built-addon.js";
import { loadAddon } from "../support/gas/load-addon.js";
import { FakeWorkbook } from "../support/gas/spreadsheet.js";
import { SYNC_HEADER } from "./fixtures.js";

let api: ApiChild;

beforeAll(async () => {
  await ensureBuiltAddon();
  api = await startApiChild(["sales-sheet"]);
  for (const person of [
    { email: "ada@example.com", name: "Ada Lovelace", team: "Sales", role: "reader", leader: false },
    { email: "bo@example.com", name: "Bo Ek", team: "Sales", role: "reader", leader: true },
  ]) {
    const response = await api.request("/v1/people", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(person),
    });
    expect(response.status).toBe(200);
  }
});

afterAll(async () => {
  await api?.stop();
});

function salesBook(): FakeWorkbook {
  const book = new FakeWorkbook(undefined, "sales-spreadsheet");
  book.addSheet("Sales", [
    SYNC_HEADER,
    ["O-S1", "Objective", "Win the Nordics", "", "", "Team", "Sales", "Ada Lovelace", "2026-Q4", "", "", ""],
    ["KR-S1", "Key result", "Grow ARR to 2 MSEK", "O-S1", "", "", "", "ada@example.com", "", 0, 2, 1],
    ["KR-S2", "Key result", "Launch the partner portal", "O-S1", "", "", "", "Zed Unknown", "", "", "", ""],
  ]);
  return book;
}

/** A browser for the dashboard: one cookie jar, same-origin form posts. */
function browser() {
  const jar = new Map<string, string>();
  return async (path: string, form?: Record<string, string>) => {
    const response = await api.request(path, {
      method: form ? "POST" : "GET",
      redirect: "manual",
      headers: {
        Cookie: [...jar].map(([k, v]) => `${k}=${v}`).join("; "),
        ...(form ? { "Content-Type": "application/x-www-form-urlencoded", Origin: api.url } : {}),
        Authorization: "",
      },
      ...(form ? { body: new URLSearchParams(form).toString() } : {}),
    });
    for (const line of response.headers.getSetCookie()) {
      const [name, ...value] = line.split(";")[0]!.split("=");
      jar.set(name!, value.join("="));
    }
    return {
      status: response.status,
      location: response.headers.get("location") ?? "",
      html: await response.text(),
    };
  };
}

const csrfOf = (html: string) => /name="csrf" value="([^"]+)"/.exec(html)![1]!;

describe("conversation and alignment review from the add-on and the dashboard", () => {
  let team: ReturnType<typeof loadAddon>;
  beforeAll(() => {
    team = loadAddon({ book: salesBook(), userEmail: "ada@example.com", upstreams: api.upstreams });
  });
  type Context = {
    notice: string | null;
    row: { id: string; team: string; cycle: string } | null;
    comments: {
      id: string;
      text: string;
      authorName: string;
      authorEmail: string;
      parentId: string | null;
      source: string;
    }[];
    review: {
      state: string;
      verdicts: { reviewerName: string; decision: string }[];
      findings: { code: string; message: string }[];
    } | null;
  };
  const conversation = () => team.addon.getConversation() as Context;
  const select = (row: number) => team.gas.book.api().getSheetByName("Sales")!.getRange(row, 1).activate();

  it("syncs, brings the people list, and the quality check names the owner nobody on it answers to", () => {
    const saved = team.addon.saveSettings({
      apiUrl: api.publicUrl,
      apiKey: api.writerKeys["sales-sheet"],
      sheetId: "sales-sheet",
    }) as {
      errors: string[];
    };
    expect(saved.errors).toEqual([]);
    team.addon.menuSetUpSheet();
    expect((team.addon.menuSyncNow() as { ok: boolean }).ok).toBe(true);
    // the spreadsheet's address went to the server once (the link in reminders), not again on the next sync
    const urlPosts = () => team.gas.fetches.filter((f) => f.url.endsWith("/sheets/sales-sheet/url"));
    expect(urlPosts()).toHaveLength(1);
    expect((team.addon.menuSyncNow() as { ok: boolean }).ok).toBe(true);
    expect(urlPosts()).toHaveLength(1);
    const report = team.addon.getQualityReport() as {
      problems: { code: string; message: string; a1: string | null }[];
    };
    const unknown = report.problems.filter((p) => p.code === "unknown_owner");
    expect(unknown).toHaveLength(1);
    expect(unknown[0]!.message).toContain("'Zed Unknown' is not on the organisation's people list");
    // a person added from the add-on (a writer key adds readers) is on the list at the next check
    expect(
      team.addon.savePerson({ email: "zed@example.com", name: "Zed Unknown", team: "Sales" }),
    ).toMatchObject({ ok: true });
    const again = team.addon.getQualityReport() as { problems: { code: string }[] };
    expect(again.problems.filter((p) => p.code === "unknown_owner")).toHaveLength(0);
  });

  it("shows the selected row's thread; comments and replies carry the Google account; the sheet log is plain text", () => {
    select(1);
    expect(conversation().notice).toContain("Select the row");
    select(3);
    const before = conversation();
    expect(before.row).toMatchObject({ id: "KR-S1", team: "Sales", cycle: "2026-Q4" });
    expect(before.comments).toEqual([]);
    expect(before.review?.state).toBe("not_requested");
    const injected = '=HYPERLINK("https://evil.example","click") <img src=x onerror=alert(1)>';
    expect(team.addon.postComment({ targetId: "KR-S1", text: injected })).toMatchObject({ ok: true });
    const [first] = conversation().comments;
    expect(first).toMatchObject({
      text: injected,
      authorName: "Ada Lovelace",
      authorEmail: "ada@example.com",
      source: "addon",
    });
    expect(
      team.addon.postComment({
        targetId: "KR-S1",
        parentId: first!.id,
        text: "Numbers from the CRM, weekly.",
      }),
    ).toMatchObject({ ok: true });
    const after = conversation();
    expect(after.comments).toHaveLength(2);
    expect(after.comments[1]).toMatchObject({ parentId: first!.id });
    const log = team.gas.book.sheet("Comments")!;
    expect(log.values()[1]![3]).toBe(injected);
    expect(log.formulas().flat().filter(Boolean)).toEqual([]);
    // empty text and unknown targets are refused with a reason
    expect(team.addon.postComment({ targetId: "KR-S1", text: "   " })).toMatchObject({ ok: false });
    // As a sentence, never a raw HTTP line (issue 12).
    const unknown = (team.addon.postComment({ targetId: "KR-ELSEWHERE", text: "hi" }) as { message: string })
      .message;
    expect(unknown).toContain("The server has no such item.");
    expect(unknown).not.toMatch(/HTTP|404/);
  });

  it("asks for review; the leader signs in with an invite link, sees the findings beside the draft, and approves; the sidebar shows it", async () => {
    expect(team.addon.askForReview({ team: "Sales", cycle: "2026-Q4" })).toMatchObject({ ok: true });
    expect(conversation().review?.state).toBe("requested");

    // An admin (here with the admin key) sends Bo an invite; no mail is configured, so the page shows the link.
    const admin = browser();
    await admin("/dashboard/sign-in", { key: api.adminKey, next: "/dashboard/people" });
    const people = await admin("/dashboard/people");
    const invited = await admin("/dashboard/people/invite", {
      csrf: csrfOf(people.html),
      email: "bo@example.com",
    });
    const link = /(http:\/\/127\.0\.0\.1:\d+\/dashboard\/invite\?t=[^<\s"]+)/.exec(invited.html)![1]!;
    const token = new URL(link).searchParams.get("t")!;

    const bo = browser();
    const landing = await bo(`/dashboard/invite?t=${encodeURIComponent(token)}`);
    expect(landing.status).toBe(200); // a button, not a sign-in: link scanners do not use it up
    const signedIn = await bo("/dashboard/invite", { t: token });
    expect(signedIn.location).toBe("/dashboard/tree");
    // the link works once
    expect((await browser()("/dashboard/invite", { t: token })).location).toContain("error=link_used");

    const reviews = await bo("/dashboard/reviews?cycle=2026-Q4");
    expect(reviews.html).toContain("Waiting for review");
    const review = await bo("/dashboard/review?team=Sales&cycle=2026-Q4");
    expect(review.status).toBe(200);
    expect(review.html).toContain("Signed in as Bo Ek");
    expect(review.html).toContain("KR-S2 Launch the partner portal");
    // the findings of the draft beside it (a task-like KR without a target)
    expect(review.html).toContain("(KR-S2): no measurable target");
    expect(review.html).toContain("reads like a task");
    // Bo comments on the review thread and approves
    const comment = await bo("/dashboard/comments", {
      csrf: csrfOf(review.html),
      back: "/dashboard/review?team=Sales&cycle=2026-Q4",
      targetId: "review:2026-Q4:Sales",
      text: "Give KR-S2 a number, then it is good.",
    });
    expect(comment.status).toBe(303);
    const decided = await bo("/dashboard/review/decide", {
      csrf: csrfOf(review.html),
      team: "Sales",
      cycle: "2026-Q4",
      decision: "approved",
    });
    expect(decided.status).toBe(303);
    expect((await bo("/dashboard/reviews?cycle=2026-Q4")).html).toContain("Approved");

    const seen = conversation();
    expect(seen.review?.state).toBe("approved");
    expect(seen.review?.verdicts).toEqual([
      expect.objectContaining({ reviewerName: "Bo Ek", decision: "approved" }),
    ]);
    expect(seen.review?.findings.length).toBeGreaterThan(0);

    // Asking again starts round 2: the approval of round 1 no longer counts.
    team.addon.askForReview({ team: "Sales", cycle: "2026-Q4" });
    expect(conversation().review?.state).toBe("requested");
    // A key session (no person) may read but neither comment nor decide
    const again = await admin("/dashboard/review?team=Sales&cycle=2026-Q4");
    expect(again.html).toContain("Sign in as yourself to comment");
    expect(again.html).not.toContain('value="approved"');
  });
});
