// The weekly reminders and digest through a real SMTP path: nodemailer sends to an SMTP server on loopback
// (the smtp-server package), each message is parsed (mailparser) and checked: recipients, subject, the right
// key results and KPIs, the unsubscribe link works over HTTP (and one-click, RFC 8058). Nothing is sent twice
// in one week, nothing after unsubscribing, a refused message is tried again; team webhooks reach a real
// HTTP server on loopback; the second week's digest names the target that moved toward the current value.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type ParsedMail, simpleParser } from "mailparser";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Mailer, smtpMailer } from "../../api/mail/mailer.js";
import { type RhythmDeps, runDue } from "../../api/rhythm/run.js";
import type { StoredRow } from "../../api/store/types.js";
import { rowHash } from "../../shared/contract.js";
import type { OkrRow } from "../../shared/model.js";
import { createOrg, startApiServer } from "../support/api-server.js";
import { objective, okrRow } from "./rows.js";

let smtp: SMTPServer;
let smtpUrl: string;
const received: ParsedMail[] = [];
/** Addresses the SMTP server refuses once (a full mailbox), to test that a failed delivery is tried again. */
const refuseOnce = new Set<string>();
let hookServer: Server;
const hookPosts: { path: string; body: string }[] = [];
let api: Awaited<ReturnType<typeof startApiServer>>;
let mailer: Mailer;
let orgId: string;
let clock = new Date("2026-11-16T09:30:00Z"); // Monday of ISO week 47, 10:30 in Stockholm

const stored = (row: OkrRow, revision = 1): StoredRow => ({
  ...row,
  hash: rowHash(row),
  deleted: false,
  deletedAt: null,
  revision,
});

function rows(target = 100): OkrRow[] {
  return [
    objective("O-SALES", {
      title: "Win the Nordics",
      owner: "Ada Lovelace",
      team: "Sales",
      cycle: "2026-Q4",
      row: 2,
    }),
    okrRow("KR-QUIET", {
      title: "Grow ARR to 2 MSEK",
      owner: "ada@example.com",
      team: "Sales",
      current: 20,
      target,
      row: 3,
      objectiveId: "O-SALES",
    }),
    okrRow("KR-CHECKED", {
      title: "Sign 10 partners",
      owner: "Ada Lovelace",
      team: "Sales",
      current: 5,
      target: 10,
      row: 4,
      objectiveId: "O-SALES",
    }),
    okrRow("KR-BO", {
      title: "Hire 3 <b>sellers</b>",
      owner: "Bo",
      team: "Sales",
      current: 1,
      target: 3,
      row: 5,
      objectiveId: "O-SALES",
    }),
    okrRow("KR-NOBODY", {
      title: "Unknown owner's result",
      owner: "Zed",
      team: "Sales",
      row: 6,
      objectiveId: "O-SALES",
    }),
    okrRow("KPI-LEADS", {
      type: "kpi",
      krType: null,
      kpiKind: "leading",
      cycle: "",
      title: "Qualified leads",
      owner: "Ada Lovelace",
      team: "Sales",
      current: 40,
      target: 50,
      row: 7,
      objectiveId: "KR-QUIET",
    }),
  ];
}

beforeAll(async () => {
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (refuseOnce.delete(address.address))
        return callback(Object.assign(new Error("Mailbox full"), { responseCode: 452 }));
      callback();
    },
    onData(stream, _session, callback) {
      simpleParser(stream).then((mail) => {
        received.push(mail);
        callback();
      }, callback);
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, "127.0.0.1", resolve));
  smtpUrl = `smtp://127.0.0.1:${(smtp.server.address() as AddressInfo).port}`;
  hookServer = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      hookPosts.push({ path: req.url ?? "", body });
      res.writeHead(200, { "Content-Type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => hookServer.listen(0, "127.0.0.1", resolve));
  mailer = await smtpMailer(smtpUrl, "OKR Sheets <okr@example.com>");
  api = await startApiServer({ now: () => clock, mailer });
  ({ orgId } = await createOrg(api.store, "Acme"));
  const at = clock.toISOString();
  await api.store.putPerson(
    orgId,
    { email: "ada@example.com", name: "Ada Lovelace", team: "Sales", role: "reader", leader: false },
    at,
  );
  await api.store.putPerson(
    orgId,
    { email: "bo@example.com", name: "Bo", team: "Sales", role: "admin", leader: true },
    at,
  );
  await api.store.claimRevision(orgId, "sales", {
    expected: 0,
    next: 1,
    name: "Sales",
    at,
    contentHash: null,
  });
  await api.store.putRows(
    orgId,
    "sales",
    rows().map((row) => stored(row)),
  );
  await api.store.putSheetUrl(orgId, "sales", "https://docs.google.com/spreadsheets/d/sales-sheet/edit");
  await api.store.putTeamWebhook(
    orgId,
    "Sales",
    `http://127.0.0.1:${(hookServer.address() as AddressInfo).port}/hook/sales`,
  );
  // This week's check-in on KR-CHECKED (Stockholm's Monday began at 2026-11-15T23:00Z).
  await api.store.putCheckIn(orgId, {
    krId: "KR-CHECKED",
    objectiveId: "O-SALES",
    sheetId: "sales",
    value: 5,
    confidence: 0.8,
    note: "",
    author: "ada@example.com",
    at: "2026-11-16T07:00:00.000Z",
  });
  // Last week's check-in on KR-BO: not this week, not quiet either.
  await api.store.putCheckIn(orgId, {
    krId: "KR-BO",
    objectiveId: "O-SALES",
    sheetId: "sales",
    value: 1,
    confidence: null,
    note: "",
    author: "bo@example.com",
    at: "2026-11-10T07:00:00.000Z",
  });
  await api.store.putRhythmSettings(orgId, {
    enabled: true,
    schedule: { day: 1, hour: 9, timeZone: "Europe/Stockholm" },
    quietDays: 14,
    language: "en",
  });
});

afterAll(async () => {
  mailer?.close?.();
  await api?.close();
  await new Promise<void>((resolve) => smtp?.close(() => resolve()));
  await new Promise<void>((resolve) => hookServer?.close(() => resolve()));
});

const deps = (): RhythmDeps => ({
  store: api.store,
  mailer,
  now: () => clock,
  publicUrl: api.url,
  webhookHosts: ["127.0.0.1"],
});

const mailTo = (address: string) =>
  received.filter((mail) => mail.to && JSON.stringify(mail.to).includes(address));
const forOrg = <T extends { orgId: string }>(reports: T[]) =>
  reports.filter((report) => report.orgId === orgId);

describe("weekly reminders and digest over SMTP on loopback", () => {
  it("is not sent before the organisation's day and hour", async () => {
    clock = new Date("2026-11-16T07:30:00Z"); // 08:30 in Stockholm: an hour early
    expect(forOrg(await runDue(deps()))).toEqual([]);
    expect(received).toHaveLength(0);
    clock = new Date("2026-11-16T09:30:00Z");
  });

  it("sends each owner the key results and KPIs without a check-in this week, with the sheet link and a working unsubscribe link", async () => {
    const [report] = forOrg(await runDue(deps()));
    expect(report).toMatchObject({ week: "2026-W47", failed: 0 });
    const [ada] = mailTo("ada@example.com");
    expect(ada).toBeDefined();
    expect(ada!.to).toMatchObject({ value: [{ address: "ada@example.com" }] });
    expect(ada!.from?.text).toContain("okr@example.com");
    expect(ada!.subject).toBe("Check-in for week 47: 2 to update");
    const text = ada!.text ?? "";
    expect(text).toContain("KR-QUIET Grow ARR to 2 MSEK");
    expect(text).toContain("KPI KPI-LEADS Qualified leads");
    expect(text).not.toContain("KR-CHECKED"); // checked in this week
    expect(text).not.toContain("KR-BO"); // Bo's
    expect(text).toContain("https://docs.google.com/spreadsheets/d/sales-sheet/edit");
    expect(ada!.html).toContain("https://docs.google.com/spreadsheets/d/sales-sheet/edit");

    const [bo] = mailTo("bo@example.com").filter((mail) => mail.subject?.startsWith("Check-in"));
    expect(bo!.text).toContain("KR-BO Hire 3 <b>sellers</b>");
    // Sheet text is escaped in the HTML part
    expect(bo!.html).toContain("Hire 3 &#60;b&#62;sellers&#60;/b&#62;");
    expect(bo!.html).not.toContain("<b>sellers</b>");

    // List-Unsubscribe with one-click, and the same link in the body
    const line = (name: string) => ada!.headerLines.find((entry) => entry.key === name)?.line ?? "";
    const link = /(http:\/\/127\.0\.0\.1:\d+\/dashboard\/unsubscribe\?t=[A-Za-z0-9._%-]+)/.exec(text)?.[1];
    expect(link).toBeDefined();
    expect(line("list-unsubscribe").replace(/\s+/g, "")).toContain(`<${link}>`);
    expect(line("list-unsubscribe-post")).toBe("List-Unsubscribe-Post: List-Unsubscribe=One-Click");
    const page = await fetch(link!);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Stop check-in reminders for ada@example.com?");
    // a tampered token is refused
    const forged = await fetch(`${link!.slice(0, -3)}abc`);
    expect(forged.status).toBe(404);
  });

  it("sends the leader the digest: off track, quiet, with the leader's own unsubscribe", async () => {
    const [digest] = mailTo("bo@example.com").filter((mail) => mail.subject?.startsWith("OKR digest"));
    expect(digest).toBeDefined();
    expect(digest!.subject).toMatch(/^OKR digest, week 47: \d+ newly off track, \d+ quiet$/);
    const text = digest!.text ?? "";
    expect(text).toContain("Off track (the first digest: nothing to compare with yet)");
    expect(text).toContain("KR-QUIET");
    expect(text).toContain("Nothing to compare with yet");
    expect(mailTo("ada@example.com").filter((mail) => mail.subject?.startsWith("OKR digest"))).toHaveLength(
      0,
    );
  });

  it("posts each team's summary to its webhook on a real HTTP server", () => {
    expect(hookPosts).toHaveLength(1);
    expect(hookPosts[0]!.path).toBe("/hook/sales");
    const { text } = JSON.parse(hookPosts[0]!.body) as { text: string };
    expect(text).toContain("OKR week 47 · Sales");
    expect(text).toContain("KR-QUIET");
  });

  it("sends nothing twice in one week, however often the scheduler runs", async () => {
    const before = received.length;
    clock = new Date("2026-11-16T10:30:00Z");
    const [again] = forOrg(await runDue(deps()));
    expect(again).toMatchObject({ sent: 0, failed: 0 });
    // and two runs racing each other claim each delivery once
    const racing = (await Promise.all([runDue(deps()), runDue(deps())])).flatMap(forOrg);
    expect(racing.reduce((sum, report) => sum + report.sent, 0)).toBe(0);
    expect(received.length).toBe(before);
    expect(hookPosts).toHaveLength(1);
  });

  it("after unsubscribing (one-click), the next week's reminder does not come; the digest still does, naming the moved target", async () => {
    const [ada] = mailTo("ada@example.com");
    const link = /(http:\/\/127\.0\.0\.1:\d+\/dashboard\/unsubscribe\?t=[A-Za-z0-9._%-]+)/.exec(
      ada!.text ?? "",
    )![1]!;
    const oneClick = await fetch(link, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(oneClick.status).toBe(200);
    expect(await oneClick.text()).toContain("ada@example.com gets no more check-in reminders");

    // Week 48: KR-QUIET's target was lowered from 100 to 30, toward its current 20.
    await api.store.putRows(
      orgId,
      "sales",
      rows(30).map((row) => stored(row, 2)),
    );
    refuseOnce.add("bo@example.com");
    clock = new Date("2026-11-23T09:05:00Z");
    const before = received.length;
    const [week48] = forOrg(await runDue(deps()));
    expect(week48).toMatchObject({ week: "2026-W48" });
    const fresh = received.slice(before);
    expect(fresh.filter((mail) => JSON.stringify(mail.to).includes("ada@example.com"))).toHaveLength(0);
    // Bo's mailbox refused the first message: failed, and tried again on the next run
    expect(week48!.failed).toBeGreaterThan(0);
    const retry = forOrg(await runDue({ ...deps(), now: () => new Date("2026-11-23T10:05:00Z") }));
    expect(retry[0]!.failed).toBe(0);
    const bo = received.slice(before).filter((mail) => JSON.stringify(mail.to).includes("bo@example.com"));
    expect(bo.map((mail) => mail.subject!.slice(0, 10)).sort()).toEqual(["Check-in f", "OKR digest"]);
    const digest = bo.find((mail) => mail.subject!.startsWith("OKR digest"))!;
    expect(digest.text).toContain(
      "KR-QUIET Grow ARR to 2 MSEK: target 100 → 30 (moved toward the current value)",
    );
    expect(hookPosts).toHaveLength(2);
  });
});
