/** @jsxImportSource hono/jsx */
// Dashboard routes for people and the rhythm: signing in as oneself (OpenID Connect, invite links),
// unsubscribing, the people list, the weekly reminders' settings and outbox, comments, alignment reviews.
import type { Context, Hono, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import type { JSX } from "hono/jsx/jsx-runtime";
import { COMMENT_MAX_LENGTH, type Comment, cleanCommentText, reviewTarget } from "../../shared/comments.js";
import { buildGraph } from "../../shared/graph.js";
import type { Language } from "../../shared/model.js";
import { normalEmail, ownerProblems, type Person, parsePerson } from "../../shared/people.js";
import {
  alignedTeams,
  mayReview,
  REVIEW_DECISIONS,
  type ReviewDecision,
  reviewersOf,
  reviewState,
  teamFindings,
  teamsOfCycle,
} from "../../shared/review.js";
import { DEFAULT_SCHEDULE, validSchedule, weekAt } from "../../shared/week.js";
import { type AppDeps, DEFAULT_WEBHOOK_HOSTS } from "../app/config.js";
import { generateSecret, randomId, sha256Hex } from "../auth/api-keys.js";
import { tokenOrg, verifyToken } from "../auth/signed-token.js";
import { csvDownload, toCsv } from "../lib/csv.js";
import { liveSheets } from "../read/index.js";
import { messageWords } from "../rhythm/words.js";
import type { OptOutKind, RhythmSettings } from "../store/types.js";
import type { OrgData } from "./data.js";
import { isHttps, openPersonSession, type SessionEnv, safeNext, validCsrf } from "./session/index.js";
import { DASHBOARD, type ViewContext } from "./views/parts.js";
import {
  ActionForm,
  Conversation,
  Notice,
  OutboxView,
  PeopleView,
  ReviewsView,
  ReviewView,
  RhythmView,
  StandalonePage,
} from "./views/rhythm.js";
import { wordsFor } from "./words.js";

export interface DashboardHelpers {
  language(c: Context): Language;
  page(c: Context, element: JSX.Element, status?: 200 | 401 | 403 | 404): Response | Promise<Response>;
  prepare(
    c: Context<SessionEnv>,
    path: string,
    options?: { rollup?: boolean },
  ): Promise<{ ctx: ViewContext; data: OrgData }>;
}

const ATTEMPT_COOKIE = "okr_oidc";
const ATTEMPT_PATH = `${DASHBOARD}/oidc`;
const ATTEMPT_SECONDS = 10 * 60;
const INVITE_DAYS = 7;

export const DEFAULT_RHYTHM: RhythmSettings = {
  enabled: false,
  schedule: DEFAULT_SCHEDULE,
  quietDays: 14,
  language: "en",
};

/** The public base URL: the configured one, else the one this request came in on. */
export function publicBase(c: Context, deps: AppDeps): string {
  if (deps.config.publicUrl) return deps.config.publicUrl;
  const url = new URL(c.req.url);
  return `${isHttps(c) ? "https:" : url.protocol}//${url.host}`;
}

export const redirectUri = (c: Context, deps: AppDeps) => `${publicBase(c, deps)}${DASHBOARD}/oidc/callback`;

/** A one-time sign-in link for a person (an invite). */
export async function createInviteLink(
  deps: AppDeps,
  base: string,
  orgId: string,
  person: Person,
): Promise<string> {
  const token = generateSecret();
  const now = deps.now();
  await deps.store.putSignInLink(await sha256Hex(token), {
    orgId,
    email: person.email,
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + INVITE_DAYS * 86_400_000).toISOString(),
    usedAt: null,
  });
  return `${base}${DASHBOARD}/invite?t=${encodeURIComponent(token)}`;
}

/** Unsubscribe links, outside the CSRF check: mail clients post one-click unsubscribes from their servers. */
export function unsubscribeRoutes(
  app: Hono<SessionEnv>,
  deps: AppDeps,
  helpers: Pick<DashboardHelpers, "language" | "page">,
) {
  const read = async (token: string) => {
    const orgId = tokenOrg(token);
    if (!orgId || !(await deps.store.getOrg(orgId))) return null;
    const payload = (await verifyToken(token, await deps.store.orgSecret(orgId))) as {
      e?: unknown;
      k?: unknown;
    } | null;
    if (!payload || typeof payload.e !== "string" || (payload.k !== "reminder" && payload.k !== "digest"))
      return null;
    return { orgId, email: payload.e, kind: payload.k as OptOutKind };
  };
  const show = (c: Context, body: JSX.Element, status: 200 | 404 = 200) => {
    const lang = helpers.language(c);
    const t = wordsFor(lang);
    return helpers.page(
      c,
      <StandalonePage t={t} language={lang} title={t("unsubscribeTitle")}>
        {body}
      </StandalonePage>,
      status,
    );
  };
  app.get("/unsubscribe", async (c) => {
    const t = wordsFor(helpers.language(c));
    const token = c.req.query("t") ?? "";
    const found = await read(token);
    if (!found) return show(c, <Notice text={t("badLink")} error />, 404);
    const what = t(`what_${found.kind}`);
    return show(
      c,
      <>
        <p>{t("unsubscribeIntro", { what, email: found.email })}</p>
        <ActionForm
          action={`${DASHBOARD}/unsubscribe?t=${encodeURIComponent(token)}`}
          fields={{}}
          label={t("unsubscribeButton")}
        />
      </>,
    );
  });
  // Our confirm form and RFC 8058 one-click (List-Unsubscribe=One-Click) both post here with the token.
  app.post("/unsubscribe", async (c) => {
    const t = wordsFor(helpers.language(c));
    const found = await read(c.req.query("t") ?? "");
    if (!found) return show(c, <Notice text={t("badLink")} error />, 404);
    await deps.store.putOptOut(found.orgId, found.email, found.kind, deps.now().toISOString());
    return show(
      c,
      <Notice text={t("unsubscribed", { email: found.email, what: t(`what_${found.kind}`) })} />,
    );
  });
}

/** Signing in as oneself: OpenID Connect and invite links (no session needed to reach these). */
export function personSignInRoutes(
  app: Hono<SessionEnv>,
  deps: AppDeps,
  helpers: Pick<DashboardHelpers, "language" | "page">,
) {
  const refuse = (c: Context, reason: string, next = `${DASHBOARD}/tree`) =>
    c.redirect(`${DASHBOARD}/sign-in?error=${reason}&next=${encodeURIComponent(next)}`, 303);

  /** The organisation to open for a verified address: the one asked for, or the only one listing it. */
  const orgFor = async (email: string, asked: string | null) => {
    const orgs = await deps.store.findPersonOrgs(email);
    const listed = [];
    for (const orgId of asked ? orgs.filter((id) => id === asked) : orgs) {
      const person = await deps.store.getPerson(orgId, email);
      if (person) listed.push({ orgId, person });
    }
    return listed;
  };

  app.get("/oidc/start", async (c) => {
    const oidc = deps.config.oidc;
    const next = safeNext(c.req.query("next"));
    if (!oidc) return c.redirect(`${DASHBOARD}/sign-in?next=${encodeURIComponent(next)}`, 303);
    const { startSignIn } = await import("../auth/oidc.js");
    let started: Awaited<ReturnType<typeof startSignIn>>;
    try {
      started = await startSignIn(oidc, redirectUri(c, deps));
    } catch (error) {
      console.error(`OIDC start: ${(error as Error).message}`);
      return refuse(c, "oidc_failed", next);
    }
    const cookie = generateSecret();
    const now = deps.now();
    const org = c.req.query("org");
    await deps.store.putLoginAttempt(await sha256Hex(cookie), {
      state: started.state,
      nonce: started.nonce,
      codeVerifier: started.codeVerifier,
      next,
      orgId: org && org.length <= 64 ? org : null,
      createdAt: now.toISOString(),
      expiresAt: new Date(now.getTime() + ATTEMPT_SECONDS * 1000).toISOString(),
    });
    // Lax: the provider sends the browser back with a top-level GET from its own site.
    setCookie(c, ATTEMPT_COOKIE, cookie, {
      path: ATTEMPT_PATH,
      httpOnly: true,
      sameSite: "Lax",
      secure: isHttps(c),
      maxAge: ATTEMPT_SECONDS,
    });
    return c.redirect(started.url, 303);
  });

  app.get("/oidc/callback", async (c) => {
    const oidc = deps.config.oidc;
    const cookie = getCookie(c, ATTEMPT_COOKIE);
    deleteCookie(c, ATTEMPT_COOKIE, {
      path: ATTEMPT_PATH,
      secure: isHttps(c),
      httpOnly: true,
      sameSite: "Lax",
    });
    if (!oidc || !cookie || cookie.length > 200) return refuse(c, "oidc_failed");
    const attempt = await deps.store.takeLoginAttempt(await sha256Hex(cookie), deps.now().toISOString());
    if (!attempt) return refuse(c, "oidc_failed");
    const { finishSignIn } = await import("../auth/oidc.js");
    let email: string;
    try {
      email = normalEmail(
        (await finishSignIn(oidc, redirectUri(c, deps), new URL(c.req.url), attempt)).email,
      );
    } catch (error) {
      console.error(`OIDC callback: ${(error as Error).message}`);
      return refuse(c, "oidc_failed", attempt.next);
    }
    const listed = await orgFor(email, attempt.orgId);
    if (listed.length === 0) return refuse(c, "not_on_list", attempt.next);
    if (listed.length > 1) {
      const lang = helpers.language(c);
      const t = wordsFor(lang);
      const names = await Promise.all(
        listed.map(async ({ orgId }) => (await deps.store.getOrg(orgId))?.name ?? orgId),
      );
      return helpers.page(
        c,
        <StandalonePage t={t} language={lang} title={t("chooseOrg")}>
          <p>{t("chooseOrgIntro", { email })}</p>
          <ul>
            {listed.map(({ orgId }, i) => (
              <li>
                <a
                  href={`${DASHBOARD}/oidc/start?org=${encodeURIComponent(orgId)}&next=${encodeURIComponent(attempt.next)}`}
                >
                  {names[i]}
                </a>
              </li>
            ))}
          </ul>
        </StandalonePage>,
      );
    }
    const { orgId, person } = listed[0]!;
    await openPersonSession(c, deps.store, orgId, person, deps.now());
    return c.redirect(safeNext(attempt.next), 303);
  });

  // An invite link only shows a button: mail scanners that fetch links must not use it up.
  app.get("/invite", async (c) => {
    const lang = helpers.language(c);
    const t = wordsFor(lang);
    const token = c.req.query("t") ?? "";
    return helpers.page(
      c,
      <StandalonePage t={t} language={lang} title={t("signInPeople")}>
        <ActionForm action={`${DASHBOARD}/invite`} fields={{ t: token }} label={t("signIn")} />
      </StandalonePage>,
    );
  });

  app.post("/invite", async (c) => {
    const form = await c.req.parseBody();
    const token = typeof form.t === "string" ? form.t : "";
    if (!token || token.length > 200) return refuse(c, "link_used");
    const link = await deps.store.useSignInLink(await sha256Hex(token), deps.now().toISOString());
    const person = link ? await deps.store.getPerson(link.orgId, link.email) : null;
    if (!link || !person) return refuse(c, "link_used");
    await openPersonSession(c, deps.store, link.orgId, person, deps.now());
    return c.redirect(`${DASHBOARD}/tree`, 303);
  });
}

/** The pages behind sign-in: people, the rhythm, the outbox, comments, reviews. */
export function rhythmRoutes(
  app: Hono<SessionEnv>,
  deps: AppDeps,
  signedIn: MiddlewareHandler<SessionEnv>,
  helpers: DashboardHelpers,
) {
  const { page, prepare } = helpers;
  const isAdmin = (c: Context<SessionEnv>) => c.get("session").role === "admin";
  /** A form of the signed-in session: the CSRF token must be the session's. */
  const formOf = async (c: Context<SessionEnv>) => {
    const form = await c.req.parseBody({ all: true });
    return validCsrf(c.get("session"), form.csrf) ? form : null;
  };
  const expired = (c: Context<SessionEnv>) => c.text(wordsFor(helpers.language(c))("formExpired"), 403);
  const forbidden = (c: Context<SessionEnv>) => c.text(wordsFor(helpers.language(c))("adminOnly"), 403);
  const text = (value: unknown) =>
    typeof value === "string" ? value : Array.isArray(value) ? String(value[0] ?? "") : "";
  const list = (value: unknown): string[] =>
    Array.isArray(value) ? value.map(String) : value === undefined ? [] : [String(value)];

  // --- people ---
  const peoplePage = async (
    c: Context<SessionEnv>,
    messages: {
      notice?: string | null;
      error?: string | null;
      inviteLink?: { email: string; link: string } | null;
    },
  ) => {
    const { ctx, data } = await prepare(c, `${DASHBOARD}/people`, { rollup: false });
    const people = await deps.store.listPeople(c.get("session").orgId);
    return page(
      c,
      <PeopleView
        ctx={ctx}
        people={people}
        unknownOwners={ownerProblems(data.sheets, people, ctx.language)}
        notice={messages.notice ?? null}
        error={messages.error ?? null}
        inviteLink={messages.inviteLink ?? null}
        isAdmin={isAdmin(c)}
      />,
    );
  };

  app.get("/people", signedIn, async (c) => {
    const t = wordsFor(helpers.language(c));
    const { saved, removed, bad, invited } = c.req.query();
    return peoplePage(c, {
      notice: saved
        ? t("personSaved", { email: saved })
        : removed
          ? t("personRemoved", { email: removed })
          : invited
            ? t("inviteSent", { email: invited })
            : null,
      error:
        bad && ["email", "name", "team", "role"].includes(bad)
          ? t(`badPerson_${bad}` as "badPerson_email")
          : null,
    });
  });

  app.post("/people", signedIn, async (c) => {
    const form = await formOf(c);
    if (!form) return expired(c);
    if (!isAdmin(c)) return forbidden(c);
    const parsed = parsePerson({
      email: text(form.email),
      name: text(form.name),
      team: text(form.team),
      role: text(form.role),
      leader: text(form.leader),
    });
    if (!parsed.ok) return c.redirect(`${DASHBOARD}/people?bad=${parsed.field}`, 303);
    await deps.store.putPerson(c.get("session").orgId, parsed.person, deps.now().toISOString());
    return c.redirect(`${DASHBOARD}/people?saved=${encodeURIComponent(parsed.person.email)}`, 303);
  });

  app.post("/people/remove", signedIn, async (c) => {
    const form = await formOf(c);
    if (!form) return expired(c);
    if (!isAdmin(c)) return forbidden(c);
    const email = normalEmail(text(form.email));
    await deps.store.removePerson(c.get("session").orgId, email, deps.now().toISOString());
    return c.redirect(`${DASHBOARD}/people?removed=${encodeURIComponent(email)}`, 303);
  });

  app.post("/people/invite", signedIn, async (c) => {
    const form = await formOf(c);
    if (!form) return expired(c);
    if (!isAdmin(c)) return forbidden(c);
    const { orgId } = c.get("session");
    const person = await deps.store.getPerson(orgId, normalEmail(text(form.email)));
    if (!person) return c.redirect(`${DASHBOARD}/people?bad=email`, 303);
    const link = await createInviteLink(deps, publicBase(c, deps), orgId, person);
    const org = await deps.store.getOrg(orgId);
    const settings = (await deps.store.getRhythmSettings(orgId)) ?? DEFAULT_RHYTHM;
    if (deps.mailer) {
      const m = messageWords(settings.language);
      const params = { org: org?.name ?? "", name: person.name, link };
      await deps.mailer.send({
        to: person.email,
        subject: m("inviteSubject", params),
        text: m("inviteText", params),
        html: `<p>${m("inviteText", params)
          .replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)
          .replace(/\n/g, "<br>")}</p>`,
      });
      return c.redirect(`${DASHBOARD}/people?invited=${encodeURIComponent(person.email)}`, 303);
    }
    // No mail configured: the admin passes the link on; shown once, never stored in clear.
    return peoplePage(c, { inviteLink: { email: person.email, link } });
  });

  // --- the weekly rhythm ---
  const teamsOf = (data: OrgData) =>
    [...new Set(data.sheets.flatMap((sheet) => sheet.rows.map((row) => row.team)).filter(Boolean))].sort(
      (a, b) => a.localeCompare(b),
    );

  app.get("/rhythm", signedIn, async (c) => {
    const { ctx, data } = await prepare(c, `${DASHBOARD}/rhythm`, { rollup: false });
    const orgId = c.get("session").orgId;
    const [stored, org] = await Promise.all([deps.store.getRhythmSettings(orgId), deps.store.getOrg(orgId)]);
    // Until reminders are set up, the organisation's own time zone (when it has one) is the proposal.
    const settings = stored ?? {
      ...DEFAULT_RHYTHM,
      schedule: { ...DEFAULT_RHYTHM.schedule, timeZone: org?.timeZone ?? DEFAULT_RHYTHM.schedule.timeZone },
    };
    const week = weekAt(deps.now(), settings.schedule.timeZone).week;
    const [webhooks, sheetUrls, deliveries] = await Promise.all([
      deps.store.listTeamWebhooks(orgId),
      deps.store.listSheetUrls(orgId),
      deps.store.listDeliveries(orgId, week),
    ]);
    const t = ctx.t;
    const q = c.req.query();
    const notice =
      q.saved !== undefined
        ? t("saved")
        : q.sent !== undefined
          ? t("runDone", { sent: q.sent, skipped: q.skipped ?? "0", failed: q.failed ?? "0" })
          : null;
    const error =
      q.bad === "schedule"
        ? t("badSchedule")
        : q.bad === "hook"
          ? t("badWebhook", { team: q.team ?? "" })
          : q.bad === "sheet"
            ? t("badSheetUrl", { sheet: q.sheet ?? "" })
            : null;
    return page(
      c,
      <RhythmView
        ctx={ctx}
        settings={settings}
        teams={teamsOf(data)}
        webhooks={webhooks}
        sheets={data.sheets.map((sheet) => ({ sheetId: sheet.sheetId, name: sheet.name }))}
        sheetUrls={sheetUrls}
        week={week}
        deliveries={deliveries}
        notice={notice}
        error={error}
        isAdmin={isAdmin(c)}
      />,
    );
  });

  app.post("/rhythm", signedIn, async (c) => {
    const form = await formOf(c);
    if (!form) return expired(c);
    if (!isAdmin(c)) return forbidden(c);
    const orgId = c.get("session").orgId;
    const language = text(form.language);
    const settings: RhythmSettings = {
      enabled: text(form.enabled) === "true",
      schedule: {
        day: Number(text(form.day)),
        hour: Number(text(form.hour)),
        timeZone: text(form.timeZone).trim(),
      },
      quietDays: Number(text(form.quietDays) || 14),
      language: (["en", "sv", "nb"].includes(language) ? language : "en") as Language,
    };
    if (!validSchedule(settings.schedule) || !(settings.quietDays >= 1 && settings.quietDays <= 365))
      return c.redirect(`${DASHBOARD}/rhythm?bad=schedule`, 303);
    const hosts = deps.config.webhookHosts ?? DEFAULT_WEBHOOK_HOSTS;
    const { webhookAllowed } = await import("../rhythm/webhook.js");
    const teams = list(form.hookTeam);
    const urls = list(form.hookUrl);
    for (const [i, team] of teams.entries()) {
      const url = (urls[i] ?? "").trim();
      if (url && !webhookAllowed(url, hosts))
        return c.redirect(`${DASHBOARD}/rhythm?bad=hook&team=${encodeURIComponent(team)}`, 303);
    }
    const sheetIds = list(form.sheetId);
    const sheetUrls = list(form.sheetUrl);
    for (const [i, sheetId] of sheetIds.entries()) {
      const url = (sheetUrls[i] ?? "").trim();
      if (url && !/^https:\/\/\S+$/.test(url))
        return c.redirect(`${DASHBOARD}/rhythm?bad=sheet&sheet=${encodeURIComponent(sheetId)}`, 303);
    }
    await deps.store.putRhythmSettings(orgId, settings);
    const existingHooks = await deps.store.listTeamWebhooks(orgId);
    for (const [i, team] of teams.entries()) {
      const url = (urls[i] ?? "").trim();
      if (url !== (existingHooks.get(team) ?? "")) await deps.store.putTeamWebhook(orgId, team, url || null);
    }
    const existingUrls = await deps.store.listSheetUrls(orgId);
    for (const [i, sheetId] of sheetIds.entries()) {
      const url = (sheetUrls[i] ?? "").trim();
      if (url && url !== existingUrls.get(sheetId)) await deps.store.putSheetUrl(orgId, sheetId, url);
    }
    return c.redirect(`${DASHBOARD}/rhythm?saved`, 303);
  });

  app.post("/rhythm/run", signedIn, async (c) => {
    const form = await formOf(c);
    if (!form) return expired(c);
    if (!isAdmin(c)) return forbidden(c);
    const orgId = c.get("session").orgId;
    const settings = (await deps.store.getRhythmSettings(orgId)) ?? DEFAULT_RHYTHM;
    const { runOrgNow } = await import("../rhythm/run.js");
    const report = await runOrgNow(
      {
        store: deps.store,
        mailer: deps.mailer ?? null,
        now: deps.now,
        publicUrl: publicBase(c, deps),
        webhookHosts: deps.config.webhookHosts ?? DEFAULT_WEBHOOK_HOSTS,
      },
      orgId,
      settings,
    );
    return c.redirect(
      `${DASHBOARD}/rhythm?sent=${report.sent}&skipped=${report.skipped}&failed=${report.failed}`,
      303,
    );
  });

  app.get("/outbox", signedIn, async (c) => {
    if (!deps.outbox) return c.notFound();
    const { ctx } = await prepare(c, `${DASHBOARD}/outbox`, { rollup: false });
    return page(c, <OutboxView ctx={ctx} messages={await deps.outbox.list()} />);
  });

  // --- comments ---
  app.post("/comments", signedIn, async (c) => {
    const form = await formOf(c);
    if (!form) return expired(c);
    const session = c.get("session");
    const back = safeNext(text(form.back));
    if (!session.person) return c.text(wordsFor(helpers.language(c))("commentSignIn"), 403);
    const targetId = text(form.targetId);
    const parentId = text(form.parentId) || null;
    const cleaned = cleanCommentText(text(form.text));
    const withError = (code: string) =>
      `${back}${back.includes("?") ? "&" : "?"}comment_error=${code}#conversation`;
    if (!cleaned) return c.redirect(withError("text"), 303);
    const sheets = await deps.store.listOrgSheets(session.orgId);
    const row = sheets
      .flatMap(({ sheet, rows }) =>
        rows.filter((r) => !r.deleted).map((r) => ({ sheetId: sheet.sheetId, row: r })),
      )
      .find((entry) => entry.row.id === targetId && entry.row.type !== "kpi");
    if (!row && !targetId.startsWith("review:")) return c.redirect(withError("target"), 303);
    if (parentId) {
      const siblings = await deps.store.listComments(session.orgId, targetId);
      if (!siblings.some((comment) => comment.id === parentId)) return c.redirect(withError("target"), 303);
    }
    const comment: Comment = {
      id: randomId(),
      targetId,
      parentId,
      text: cleaned,
      authorName: session.person.name,
      authorEmail: session.person.email,
      at: deps.now().toISOString(),
      source: "dashboard",
      sheetId: row?.sheetId ?? null,
    };
    await deps.store.putComment(session.orgId, comment);
    return c.redirect(`${back}#conversation`, 303);
  });

  // An objective's conversation (and its key results') as CSV: formula-like text is defused by csvCell.
  app.get("/comments.csv", signedIn, async (c) => {
    const orgId = c.get("session").orgId;
    const id = c.req.query("id") ?? "";
    const sheets = await deps.store.listOrgSheets(orgId);
    const live = sheets.flatMap(({ rows }) => rows.filter((row) => !row.deleted));
    const targets = [
      id,
      ...live.filter((row) => row.type === "key_result" && row.objectiveId === id).map((row) => row.id),
    ];
    if (!live.some((row) => row.id === id && row.type === "objective") && !id.startsWith("review:"))
      return c.text("No such objective", 404);
    const comments = (
      await Promise.all(targets.map((target) => deps.store.listComments(orgId, target)))
    ).flat();
    const body = toCsv(
      ["at", "about", "reply_to", "author", "email", "source", "text"],
      comments
        .sort((a, b) => (a.at < b.at ? -1 : 1))
        .map((x) => [x.at, x.targetId, x.parentId, x.authorName, x.authorEmail, x.source, x.text]),
    );
    return csvDownload(c, `okr-comments-${id}.csv`, body);
  });

  // --- alignment reviews ---
  app.get("/reviews", signedIn, async (c) => {
    const { ctx, data } = await prepare(c, `${DASHBOARD}/reviews`, { rollup: false });
    const orgId = c.get("session").orgId;
    const cycle = ctx.cycle;
    const graph = buildGraph(data.sheets);
    const [requests, verdicts] = cycle
      ? await Promise.all([
          deps.store.listReviewRequests(orgId, cycle),
          deps.store.listReviewVerdicts(orgId, cycle, null),
        ])
      : [[], []];
    const rows = (cycle ? teamsOfCycle(graph, cycle) : []).map((team) => {
      const request = requests.find((r) => r.team === team) ?? null;
      return {
        team,
        request,
        state: reviewState(
          request,
          verdicts.filter((v) => v.team === team),
        ),
      };
    });
    return page(c, <ReviewsView ctx={ctx} rows={rows} />);
  });

  const reviewPage = async (c: Context<SessionEnv>, notice: string | null) => {
    const team = c.req.query("team") ?? "";
    const { ctx, data } = await prepare(c, `${DASHBOARD}/review`, { rollup: false });
    ctx.extra = { ...ctx.extra, team };
    const session = c.get("session");
    const cycle = ctx.cycle ?? "";
    const graph = buildGraph(data.sheets);
    const [request, verdicts, people, comments] = await Promise.all([
      deps.store.getReviewRequest(session.orgId, team, cycle),
      deps.store.listReviewVerdicts(session.orgId, cycle, team),
      deps.store.listPeople(session.orgId),
      deps.store.listComments(session.orgId, reviewTarget(team, cycle)),
    ]);
    const others = alignedTeams(graph, team, cycle);
    const draft = [...graph.objectives.values()]
      .filter((placed) => placed.row.team === team && placed.row.cycle === cycle)
      .flatMap((placed) => [
        placed.row,
        ...(graph.keyResultsByObjective.get(placed.row.id) ?? []).map((kr) => kr.row),
      ])
      .map((row) => ({
        id: row.id,
        title: row.title,
        type: row.type === "objective" ? ("objective" as const) : ("key_result" as const),
        owner: row.owner,
        alignsTo: row.alignsTo,
      }));
    if (draft.length === 0)
      return page(
        c,
        <StandalonePage t={ctx.t} language={ctx.language} title={ctx.t("notFound")}>
          <p>{ctx.t("noTeams")}</p>
        </StandalonePage>,
        404,
      );
    const back = `${DASHBOARD}/review?team=${encodeURIComponent(team)}&cycle=${encodeURIComponent(cycle)}`;
    const commentError = c.req.query("comment_error");
    return page(
      c,
      <ReviewView
        ctx={ctx}
        team={team}
        state={reviewState(request, verdicts)}
        request={request}
        verdicts={verdicts}
        draft={draft}
        findings={teamFindings(graph, team, cycle, ctx.language)}
        alignedTeams={others}
        reviewers={reviewersOf(people, team, others)}
        mayDecide={session.person !== null && mayReview(session.person, team, others)}
        notice={notice}
        conversation={
          <Conversation
            ctx={ctx}
            comments={comments}
            targets={[{ id: reviewTarget(team, cycle), title: ctx.t("reviewOf", { team, cycle }) }]}
            back={back}
            canComment={session.person !== null}
            error={commentError ? ctx.t("badComment", { max: COMMENT_MAX_LENGTH }) : null}
          />
        }
      />,
    );
  };

  app.get("/review", signedIn, (c) =>
    reviewPage(c, c.req.query("decided") !== undefined ? wordsFor(helpers.language(c))("saved") : null),
  );

  app.post("/review/decide", signedIn, async (c) => {
    const form = await formOf(c);
    if (!form) return expired(c);
    const session = c.get("session");
    const team = text(form.team);
    const cycle = text(form.cycle);
    const decision = text(form.decision) as ReviewDecision;
    if (!session.person || !REVIEW_DECISIONS.includes(decision)) return forbidden(c);
    const [request, sheets] = await Promise.all([
      deps.store.getReviewRequest(session.orgId, team, cycle),
      liveSheets(deps.store, session.orgId),
    ]);
    const graph = buildGraph(sheets);
    if (!request || !mayReview(session.person, team, alignedTeams(graph, team, cycle))) return forbidden(c);
    await deps.store.putReviewVerdict(session.orgId, {
      team,
      cycle,
      round: request.round,
      reviewerEmail: session.person.email,
      reviewerName: session.person.name,
      decision,
      at: deps.now().toISOString(),
    });
    return c.redirect(
      `${DASHBOARD}/review?team=${encodeURIComponent(team)}&cycle=${encodeURIComponent(cycle)}&decided`,
      303,
    );
  });
}
