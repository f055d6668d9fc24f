// The rhythm part of the store suite (people, sign-in links, deliveries, comments, reviews), run inside
// describeStoreContract on every DynamoDB implementation. Not a test file itself.
import { expect, it } from "vitest";
import type { Store } from "../../api/store/types.js";
import type { Comment } from "../../shared/comments.js";
import type { Person } from "../../shared/people.js";

const ada: Person = { email: "ada@example.com", name: "Ada Ø", team: "Sälj", role: "reader", leader: true };
const bo: Person = { email: "bo@example.com", name: "Bo", team: "Ops", role: "admin", leader: false };

export function rhythmContract(store: () => Store): void {
  it("keeps the people list, finds the organisations of an address, and takes people off it", async () => {
    const s = store();
    const at = "2026-11-10T09:00:00.000Z";
    await s.putPerson("org-p", bo, at);
    await s.putPerson("org-p", ada, at);
    await s.putPerson("org-p2", ada, at);
    expect(await s.listPeople("org-p")).toEqual([ada, bo]);
    expect(await s.getPerson("org-p", "ada@example.com")).toEqual(ada);
    expect((await s.findPersonOrgs("ada@example.com")).sort()).toEqual(["org-p", "org-p2"]);
    await s.putPerson("org-p", { ...ada, team: "Ops" }, at);
    expect((await s.getPerson("org-p", ada.email))?.team).toBe("Ops");
    expect(await s.removePerson("org-p", ada.email, at)).toBe(true);
    expect(await s.removePerson("org-p", ada.email, at)).toBe(false);
    expect(await s.getPerson("org-p", ada.email)).toBeNull();
    expect(await s.listPeople("org-p")).toEqual([bo]);
    // put back on the list
    await s.putPerson("org-p", ada, at);
    expect(await s.getPerson("org-p", ada.email)).toEqual(ada);
  });

  it("uses a sign-in link and a sign-in attempt once, never after they expire", async () => {
    const s = store();
    const link = {
      orgId: "org-p",
      email: ada.email,
      createdAt: "2026-11-10T09:00:00.000Z",
      expiresAt: "2026-11-17T09:00:00.000Z",
      usedAt: null,
    };
    await s.putSignInLink("h1", link);
    await s.putSignInLink("h2", link);
    const racing = await Promise.all([
      s.useSignInLink("h1", "2026-11-11T09:00:00.000Z"),
      s.useSignInLink("h1", "2026-11-11T09:00:00.000Z"),
    ]);
    expect(racing.filter(Boolean)).toHaveLength(1);
    expect(racing.find(Boolean)).toEqual({ ...link, usedAt: "2026-11-11T09:00:00.000Z" });
    expect(await s.useSignInLink("h2", "2026-11-18T09:00:00.000Z")).toBeNull();
    expect(await s.useSignInLink("nope", "2026-11-11T09:00:00.000Z")).toBeNull();

    const attempt = {
      state: "st",
      nonce: "no",
      codeVerifier: "cv",
      next: "/dashboard/tree",
      orgId: null,
      createdAt: "2026-11-10T09:00:00.000Z",
      expiresAt: "2026-11-10T09:10:00.000Z",
    };
    await s.putLoginAttempt("a1", attempt);
    expect(await s.takeLoginAttempt("a1", "2026-11-10T09:01:00.000Z")).toEqual(attempt);
    expect(await s.takeLoginAttempt("a1", "2026-11-10T09:01:00.000Z")).toBeNull();
    await s.putLoginAttempt("a2", attempt);
    expect(await s.takeLoginAttempt("a2", "2026-11-10T09:11:00.000Z")).toBeNull();
  });

  it("claims each delivery of a week once (racing claims included), and a failed one again", async () => {
    const s = store();
    const at = "2026-11-16T08:00:00.000Z";
    const claims = await Promise.all(
      Array.from({ length: 5 }, () => s.claimDelivery("org-q", "2026-W47", "reminder", ada.email, at)),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await s.claimDelivery("org-q", "2026-W47", "digest", ada.email, at)).toBe(true);
    expect(await s.claimDelivery("org-q", "2026-W48", "reminder", ada.email, at)).toBe(true);
    await s.finishDelivery("org-q", {
      week: "2026-W47",
      kind: "reminder",
      recipient: ada.email,
      status: "sent",
      at,
      detail: "2 key results",
    });
    expect(await s.claimDelivery("org-q", "2026-W47", "reminder", ada.email, at)).toBe(false);
    await s.finishDelivery("org-q", {
      week: "2026-W47",
      kind: "digest",
      recipient: ada.email,
      status: "failed",
      at,
      detail: "SMTP 451",
    });
    expect(await s.claimDelivery("org-q", "2026-W47", "digest", ada.email, at)).toBe(true);
    expect(await s.claimDelivery("org-q", "2026-W47", "digest", ada.email, at)).toBe(false);
    const listed = await s.listDeliveries("org-q", "2026-W47");
    expect(listed.map((d) => `${d.kind}:${d.status}`).sort()).toEqual(["digest:sending", "reminder:sent"]);
    expect(await s.listDeliveries("org-q", "2026-W46")).toEqual([]);
  });

  it("keeps rhythm settings, opt-outs, sheet URLs, webhooks, the org secret and the digest snapshot", async () => {
    const s = store();
    expect(await s.getRhythmSettings("org-r")).toBeNull();
    const settings = {
      enabled: true,
      schedule: { day: 1, hour: 9, timeZone: "Europe/Oslo" },
      quietDays: 10,
      language: "nb" as const,
    };
    await s.putRhythmSettings("org-r", settings);
    expect(await s.getRhythmSettings("org-r")).toEqual(settings);
    expect(await s.listRhythmOrgs()).toContain("org-r");
    await s.putOptOut("org-r", ada.email, "reminder", "2026-11-10T00:00:00.000Z");
    await s.putOptOut("org-r", ada.email, "digest", "2026-11-10T00:00:00.000Z");
    expect([...((await s.listOptOuts("org-r")).get(ada.email) ?? [])].sort()).toEqual(["digest", "reminder"]);
    await s.putSheetUrl("org-r", "sheet/1", "https://docs.google.com/spreadsheets/d/abc/edit");
    expect(Object.fromEntries(await s.listSheetUrls("org-r"))).toEqual({
      "sheet/1": "https://docs.google.com/spreadsheets/d/abc/edit",
    });
    await s.putTeamWebhook("org-r", "Sälj", "https://chat.googleapis.com/v1/spaces/x/messages?key=k");
    await s.putTeamWebhook("org-r", "Ops", "https://hooks.slack.com/services/x");
    await s.putTeamWebhook("org-r", "Ops", null);
    expect([...(await s.listTeamWebhooks("org-r")).keys()]).toEqual(["Sälj"]);
    const [first, second] = await Promise.all([s.orgSecret("org-r"), s.orgSecret("org-r")]);
    expect(first).toBe(second);
    expect(first!.length).toBeGreaterThanOrEqual(40);
    expect(await s.orgSecret("org-r2")).not.toBe(first);
    expect(await s.getDigestSnapshot("org-r")).toBeNull();
    const rows = Object.fromEntries(
      Array.from({ length: 3_000 }, (_, i) => [
        `KR-${i}`,
        { status: "on_track" as const, start: 0, target: i, current: 1, title: `Result ${i}`, team: "Ops" },
      ]),
    );
    const snapshot = { week: "2026-W47", takenAt: "2026-11-16T08:00:00.000Z", rows };
    await s.putDigestSnapshot("org-r", snapshot);
    expect(await s.getDigestSnapshot("org-r")).toEqual(snapshot);
  });

  it("keeps comments per target and by time across the organisation; reviews and verdicts per cycle", async () => {
    const s = store();
    const comment = (id: string, targetId: string, at: string, parentId: string | null = null): Comment => ({
      id,
      targetId,
      parentId,
      text: `=HYPERLINK("x") <b>${id}</b>\nline two`,
      authorName: "Ada Ø",
      authorEmail: ada.email,
      at,
      source: "dashboard",
      sheetId: "s1",
    });
    const c1 = comment("c1", "O-1", "2026-11-10T09:00:00.000Z");
    const c2 = comment("c2", "O-1", "2026-11-11T09:00:00.000Z", "c1");
    const c3 = comment("c3", "O-1#x", "2026-11-12T09:00:00.000Z");
    const c4 = comment("c4", "review:2026-Q1:Sälj", "2026-11-17T09:00:00.000Z");
    for (const c of [c3, c1, c4, c2]) await s.putComment("org-c1", c);
    await s.putComment("org-c2", comment("other", "O-1", "2026-11-10T09:00:00.000Z"));
    expect(await s.listComments("org-c1", "O-1")).toEqual([c1, c2]);
    expect(await s.listComments("org-c1", "O-1#x")).toEqual([c3]);
    expect(await s.listComments("org-c1", "review:2026-Q1:Sälj")).toEqual([c4]);
    const week = await s.listCommentsBetween(
      "org-c1",
      "2026-11-10T09:00:00.000Z",
      "2026-11-17T09:00:00.000Z",
    );
    expect(week.map((c) => c.id)).toEqual(["c1", "c2", "c3"]);

    const request = {
      team: "Sälj",
      cycle: "2026-Q1",
      round: 1,
      requestedAt: "2026-11-17T09:00:00.000Z",
      requestedBy: ada.email,
    };
    await s.putReviewRequest("org-c1", request);
    await s.putReviewRequest("org-c1", { ...request, team: "Ops" });
    await s.putReviewRequest("org-c1", { ...request, cycle: "2026-Q1x" });
    expect(await s.getReviewRequest("org-c1", "Sälj", "2026-Q1")).toEqual(request);
    expect((await s.listReviewRequests("org-c1", "2026-Q1")).map((r) => r.team).sort()).toEqual([
      "Ops",
      "Sälj",
    ]);
    const verdict = {
      team: "Sälj",
      cycle: "2026-Q1",
      round: 1,
      reviewerEmail: bo.email,
      reviewerName: "Bo",
      decision: "changes_requested" as const,
      at: "2026-11-17T10:00:00.000Z",
    };
    await s.putReviewVerdict("org-c1", verdict);
    await s.putReviewVerdict("org-c1", { ...verdict, decision: "approved", at: "2026-11-17T11:00:00.000Z" });
    await s.putReviewVerdict("org-c1", { ...verdict, team: "Ops" });
    expect(await s.listReviewVerdicts("org-c1", "2026-Q1", "Sälj")).toEqual([
      { ...verdict, decision: "approved", at: "2026-11-17T11:00:00.000Z" },
    ]);
    expect(await s.listReviewVerdicts("org-c1", "2026-Q1", null)).toHaveLength(2);
  });
}
