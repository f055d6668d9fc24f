/** @jsxImportSource hono/jsx */
// The leaders' dashboard, served by the API app under /dashboard: server-rendered pages over the same
// store and shared engine as the API. Readers sign in once with a reader key and get a session cookie.

import type { Context } from "hono";
import { Hono } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { csrf } from "hono/csrf";
import type { JSX } from "hono/jsx/jsx-runtime";
import { COMMENT_MAX_LENGTH } from "../../shared/comments.js";
import { LANGUAGES, type Language } from "../../shared/model.js";
import { objectiveDetail } from "../../shared/objective-detail.js";
import { groupTotal } from "../../shared/rollup.js";
import { DEFAULT_TIME_ZONE, isoDayIn } from "../../shared/time-zone.js";
import type { AppDeps } from "../app/config.js";
import { attachment, exportSheet, exportTemplate, templateName } from "../export/index.js";
import { importKey } from "../import/connect.js";
import {
  formatBytes,
  IMPORT_LIMITS,
  type ImportFile,
  type ImportReport,
  importFiles,
} from "../import/index.js";
import { importWord } from "../import/messages.js";
import type { ApiCall } from "../import/sync.js";
import { csvDownload, readerCsv } from "../lib/csv.js";
import { clientAddress } from "../middleware/auth/failures.js";
import { authenticate } from "../middleware/auth/index.js";
import {
  cyclesView,
  derivedView,
  forCycle,
  type RollupView,
  rollupView,
  viewSession,
} from "../read/index.js";
import type { Org } from "../store/types.js";
import { DASHBOARD_CSS } from "./assets.js";
import {
  allShown,
  cappedChoices,
  chooseCycle,
  collapsedFor,
  companyFirst,
  filteredInsights,
  findShown,
  groupedTotals,
  insightsPage,
  loadOrg,
  matchedNodes,
  type OrgData,
  parseFilters,
  parseQuietDays,
  pictureOf,
  shownAtRisk,
  shownTree,
  TEAMS_PAGE,
  titlesNamed,
} from "./data.js";
import { insightsCsv, kpisCsv, objectiveCsv, totalsCsv, treeCsv } from "./export.js";
import { dashboardKpiBoard, kpiRoutes } from "./kpi-routes.js";
import { reviewMeetingRoutes } from "./review-routes.js";
import { personSignInRoutes, rhythmRoutes, unsubscribeRoutes } from "./rhythm-routes.js";
import {
  closeSession,
  currentSession,
  DASHBOARD_ROLES,
  openSession,
  requireSession,
  type SessionEnv,
  safeNext,
  validCsrf,
} from "./session/index.js";
import { InsightsView } from "./views/insights.js";
import { Page } from "./views/layout.js";
import { NotFoundView, ObjectiveView } from "./views/objective.js";
import { DASHBOARD, type ViewContext } from "./views/parts.js";
import { Conversation, RHYTHM_CSS } from "./views/rhythm.js";
import { type SheetListing, SheetsView } from "./views/sheets.js";
import { SignInView } from "./views/sign-in.js";
import { TeamsView } from "./views/teams.js";
import { TreeView } from "./views/tree.js";
import { chooseLanguage, wordsFor } from "./words.js";

const LANGUAGE_COOKIE = "okr_lang";

// Only this app's own stylesheet; no script at all, no inline style, no framing.
const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "style-src 'self'",
  "script-src 'none'",
  "img-src 'self' data:",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
].join("; ");

type DashboardEnv = SessionEnv;

/** The visitor's language; a ?lang= choice is remembered in a cookie for the next pages. */
function language(c: Context): Language {
  const asked = c.req.query("lang");
  const chosen = chooseLanguage(asked ?? getCookie(c, LANGUAGE_COOKIE), c.req.header("Accept-Language"));
  if (asked === chosen)
    setCookie(c, LANGUAGE_COOKIE, chosen, { path: DASHBOARD, sameSite: "Lax", maxAge: 365 * 86_400 });
  return chosen;
}

function page(c: Context, element: JSX.Element, status: 200 | 401 | 403 | 404 | 422 = 200) {
  return c.html(`<!DOCTYPE html>${element.toString()}`, status);
}

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

function xlsx(c: Context, name: string, bytes: Uint8Array) {
  c.header("Content-Disposition", attachment(name));
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, { "Content-Type": XLSX_TYPE });
}

/** The language a download's headers are written in: ?language=, else the page's. */
function downloadLanguage(c: Context, fallback: Language): Language {
  const asked = c.req.query("language") ?? c.req.query("export");
  return asked && (LANGUAGES as readonly string[]).includes(asked) ? (asked as Language) : fallback;
}

/** `api` calls the app that mounts the dashboard in-process: an import goes through the same routes. */
export function dashboardRoutes(deps: AppDeps, api: ApiCall) {
  const app = new Hono<DashboardEnv>();
  const signedIn = requireSession(deps.store, deps.now);

  app.use("*", async (c, next) => {
    await next();
    c.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
  });
  // Unsubscribe links work without a session and without an Origin (one-click unsubscribes come from mail servers).
  unsubscribeRoutes(app, deps, { language, page });
  // Cross-site form posts (sign-in, sign-out) are refused by their Origin; sign-out also needs the token.
  app.use("*", csrf());
  personSignInRoutes(app, deps, { language, page });

  app.get("/assets/dashboard.css", (c) =>
    c.body(DASHBOARD_CSS + RHYTHM_CSS, 200, {
      "Content-Type": "text/css; charset=utf-8",
      "Cache-Control": "public, max-age=86400",
    }),
  );

  // Failed sign-ins redirect back here with a reason (Post/Redirect/Get): a reload never re-sends the key.
  const SIGN_IN_ERRORS = {
    invalid_key: "wrongKey",
    writer_key: "writerKey",
    oidc_failed: "oidcFailed",
    not_on_list: "notOnList",
    link_used: "linkUsed",
    too_many: "tooManySignIns",
  } as const;

  app.get("/sign-in", async (c) => {
    const lang = language(c);
    const next = safeNext(c.req.query("next"));
    if (await currentSession(c, deps.store, deps.now())) return c.redirect(next, 303);
    const t = wordsFor(lang);
    const notice = c.req.query("signed-out") !== undefined ? t("signedOut") : null;
    const reason = c.req.query("error");
    const error =
      reason && Object.hasOwn(SIGN_IN_ERRORS, reason)
        ? t(SIGN_IN_ERRORS[reason as keyof typeof SIGN_IN_ERRORS])
        : null;
    // The language links keep what this page was opened with (where to go next, the error, the notice).
    const state = new URLSearchParams({ next });
    if (error) state.set("error", reason!);
    if (notice) state.set("signed-out", "");
    return page(
      c,
      <SignInView
        t={t}
        language={lang}
        error={error}
        notice={notice}
        next={next}
        state={state.toString()}
        providerName={deps.config.oidc?.providerName ?? null}
      />,
    );
  });

  app.post("/sign-in", async (c) => {
    const form = await c.req.parseBody();
    const next = safeNext(form.next);
    const refuse = (reason: keyof typeof SIGN_IN_ERRORS) =>
      c.redirect(`${DASHBOARD}/sign-in?error=${reason}&next=${encodeURIComponent(next)}`, 303);
    const key = typeof form.key === "string" ? form.key.trim() : "";
    // Failed sign-ins count against the address like failed API calls (valid keys are never held up).
    const verified = await authenticate(deps.store, deps.authLimiter, clientAddress(c), key);
    if (!verified.ok) return refuse(verified.error.status === 429 ? "too_many" : "invalid_key");
    if (!DASHBOARD_ROLES.includes(verified.key.role)) return refuse("writer_key");
    // A new sign-in replaces the browser's previous session rather than leaving it open beside it.
    const previous = await currentSession(c, deps.store, deps.now());
    if (previous) await closeSession(c, deps.store, previous, deps.now());
    await openSession(c, deps.store, verified.key, deps.now());
    return c.redirect(next, 303);
  });

  // Signing out of a session that already ended lands where signing out would.
  app.post("/sign-out", async (c) => {
    const session = await currentSession(c, deps.store, deps.now());
    if (session) {
      const form = await c.req.parseBody();
      if (!validCsrf(session, form.csrf))
        return c.text("This form has expired: reload the page and try again", 403);
      await closeSession(c, deps.store, session, deps.now());
    }
    return c.redirect(`${DASHBOARD}/sign-in?signed-out`, 303);
  });

  app.get("/", signedIn, (c) => c.redirect(`${DASHBOARD}/tree`, 303));

  /** Everything every view needs to know about the request, given the cycles in use and the organisation. */
  const viewContext = (
    c: Context<DashboardEnv>,
    path: string,
    cycles: string[],
    org: Org | null,
    preferredCycle: string | undefined,
  ): ViewContext => {
    const session = c.get("session");
    const lang = language(c);
    // Today in the organisation's time zone, the day its sheets' TODAY() shows.
    const timeZone = org?.timeZone ?? DEFAULT_TIME_ZONE;
    const asOf = isoDayIn(deps.now(), timeZone);
    const quietDays = parseQuietDays(c.req.query("quiet"));
    return {
      t: wordsFor(lang),
      language: lang,
      path,
      cycle: chooseCycle(cycles, c.req.query("cycle") ?? preferredCycle, asOf),
      cycles,
      filters: parseFilters(c.req.query()),
      orgName: org?.name ?? "",
      csrfToken: session.csrfToken,
      asOf,
      timeZone,
      admin: session.role === "admin",
      signedInAs: session.person?.name ?? null,
      outbox: Boolean(deps.outbox),
      extra: quietDays !== undefined ? { quiet: String(quietDays) } : {},
    };
  };

  /**
   * The pages that walk the organisation (people, rhythm, reviews, an objective): its sheets from the read
   * model's summaries. `preferredCycle` is the cycle to show when the URL names none.
   */
  const prepare = async (
    c: Context<DashboardEnv>,
    path: string,
    // `rollup: false` (the rhythm pages say it): these pages never show one.
    options: { rollup?: boolean; preferredCycle?: (data: OrgData) => string | undefined } = {},
  ) => {
    const orgId = c.get("session").orgId;
    const [loaded, org] = await Promise.all([loadOrg(deps, orgId), deps.store.getOrg(orgId)]);
    const ctx = viewContext(c, path, loaded.cycles, org, options.preferredCycle?.(loaded));
    // A past cycle shows its kept (or closed) rows.
    return { ctx, data: options.rollup === false ? loaded : forCycle(loaded, ctx.cycle ?? null) };
  };

  /** The pages of one cycle's rollup (the CSV downloads): the cached rollup, never the rows. */
  const prepareRollup = async (c: Context<DashboardEnv>, path: string) => {
    const orgId = c.get("session").orgId;
    const session = viewSession(deps, orgId);
    const [cycles, org] = await Promise.all([cyclesView(session, orgId), deps.store.getOrg(orgId)]);
    const ctx = viewContext(c, path, cycles, org, undefined);
    const quietDays = parseQuietDays(c.req.query("quiet"));
    // The view of today (the day it was computed for is checked when read back), not of ctx.asOf: one
    // cached entry per cycle and day.
    const view = ctx.cycle
      ? await rollupView(session, orgId, {
          cycle: ctx.cycle,
          ...(quietDays !== undefined ? { quietDays } : {}),
        })
      : null;
    return {
      ctx,
      rollup: view?.rollup ?? null,
      keyResults: view?.keyResults ?? {},
      owners: view?.keyResultOwners ?? {},
    };
  };

  /**
   * A page of one cycle's rollup (tree, insights, teams): what it draws, derived from the cached rollup and
   * cached beside it under the page's own key (the filters and `state`, the page's other parameters). A warm
   * page reads the read state and that small view, not the rollup: the same few reads at any size.
   */
  const rollupPage = async <T,>(
    c: Context<DashboardEnv>,
    path: string,
    name: string,
    state: unknown,
    derive: (view: RollupView, ctx: ViewContext) => T,
  ): Promise<{ ctx: ViewContext; data: T | null }> => {
    const orgId = c.get("session").orgId;
    const session = viewSession(deps, orgId);
    const [cycles, org] = await Promise.all([cyclesView(session, orgId), deps.store.getOrg(orgId)]);
    const ctx = viewContext(c, path, cycles, org, undefined);
    if (!ctx.cycle) return { ctx, data: null };
    const quietDays = parseQuietDays(c.req.query("quiet"));
    const request = { cycle: ctx.cycle, ...(quietDays !== undefined ? { quietDays } : {}) };
    const key = `dashboard-${name}-${JSON.stringify([ctx.filters, state])}`;
    return { ctx, data: await derivedView(session, orgId, key, request, (view) => derive(view, ctx)) };
  };

  /** A non-negative whole number from the URL (a page's start), else 0. */
  const offsetParam = (value: string | undefined) =>
    value !== undefined && /^\d{1,7}$/.test(value) ? Number(value) : 0;
  const noData = (ctx: ViewContext) => (
    <Page ctx={ctx} title={ctx.t("dashboard")}>
      <h1>{ctx.t("dashboard")}</h1>
      <p class="empty">{ctx.t("noCycles")}</p>
    </Page>
  );

  app.get("/tree", signedIn, async (c) => {
    const asked = c.req.queries("c") ?? [];
    const open = c.req.queries("open") ?? [];
    const expandAll = c.req.query("expand") === "all";
    const underId = c.req.query("under") ?? null;
    const from = offsetParam(c.req.query("from"));
    const { ctx, data } = await rollupPage(
      c,
      `${DASHBOARD}/tree`,
      "tree",
      [asked, open, expandAll, underId, from],
      ({ rollup, keyResultOwners: owners = {} }, ctx) => {
        // Under one objective the picture starts below the roots: nothing there is closed by default.
        const showWhole = expandAll || underId !== null;
        const { collapsed, byDefault } = collapsedFor(rollup.roots, ctx.filters, asked, showWhole, open);
        const whole = shownTree(rollup.roots, ctx.filters, new Set(collapsed), owners);
        const underNode = underId === null ? null : findShown(whole, underId);
        const top = underNode ? underNode.children : companyFirst(whole);
        const shown = pictureOf(top, from);
        const matched = matchedNodes(rollup, ctx.filters, owners);
        return {
          cycle: rollup.cycle,
          asOf: rollup.asOf,
          shown,
          collapsed,
          byDefault,
          under: underNode ? { id: underNode.node.id, title: underNode.node.title } : null,
          top: { from, total: top.length },
          choices: cappedChoices(rollup, owners),
          titles: titlesNamed(
            rollup.roots,
            allShown(shown).map((node) => node.node.contributesTo),
          ),
          totals: groupTotal("", matched),
          matchedCount: matched.length,
          atRiskCount: shownAtRisk(rollup, matched),
        };
      },
    );
    if (!data) return page(c, noData(ctx));
    if (data.byDefault) {
      if (open.length > 0) ctx.extra = { ...ctx.extra, open };
      if (open.length > 0 && asked.length > 0) ctx.extra = { ...ctx.extra, c: asked };
    } else if (data.collapsed.length) ctx.extra = { ...ctx.extra, c: data.collapsed };
    if (data.under) ctx.extra = { ...ctx.extra, under: data.under.id };
    return page(
      c,
      <TreeView
        ctx={ctx}
        cycle={data.cycle}
        asOf={data.asOf}
        shown={data.shown}
        collapsed={data.collapsed}
        collapsedByDefault={data.byDefault}
        open={open}
        asked={asked}
        top={data.top}
        under={data.under}
        choices={data.choices}
        titles={data.titles}
        totals={data.totals}
        matchedCount={data.matchedCount}
        atRiskCount={data.atRiskCount}
      />,
    );
  });

  app.get("/insights", signedIn, async (c) => {
    const { ctx, data } = await rollupPage(
      c,
      `${DASHBOARD}/insights`,
      "insights",
      null,
      ({ rollup, keyResults, keyResultOwners }, ctx) => ({
        ...insightsPage(rollup, ctx.filters, keyResults),
        choices: cappedChoices(rollup, keyResultOwners),
      }),
    );
    if (!data) return page(c, noData(ctx));
    return page(
      c,
      <InsightsView
        ctx={ctx}
        insights={data.insights}
        totals={data.totals}
        titles={data.titles}
        choices={data.choices}
      />,
    );
  });

  app.get("/teams", signedIn, async (c) => {
    const from = offsetParam(c.req.query("from"));
    const { ctx, data } = await rollupPage(
      c,
      `${DASHBOARD}/teams`,
      "teams",
      from,
      ({ rollup, keyResultOwners: owners = {} }, ctx) => {
        const teams = groupedTotals(rollup, ctx.filters, "team", owners);
        return {
          teams: teams.slice(from, from + TEAMS_PAGE),
          teamsPage: { from, total: teams.length },
          levels: groupedTotals(rollup, ctx.filters, "level", owners),
          choices: cappedChoices(rollup, owners),
        };
      },
    );
    if (!data) return page(c, noData(ctx));
    return page(
      c,
      <TeamsView
        ctx={ctx}
        teams={data.teams}
        teamsPage={data.teamsPage}
        levels={data.levels}
        choices={data.choices}
      />,
    );
  });

  const detailOf = async (data: OrgData, orgId: string, id: string, asOf: string) => {
    const objective = data.graph.objectives.get(id);
    if (!objective) return null;
    // Summaries leave notes out: the rows this page shows are read whole (the objective, its key results,
    // the KPIs beside either). The graph is this request's own, so its rows can take their notes.
    const krs = data.graph.keyResultsByObjective.get(id) ?? [];
    const shown = [objective, ...krs];
    for (const placed of [...shown]) shown.push(...(data.graph.kpisByParent.get(placed.row.id) ?? []));
    const [checkIns] = await Promise.all([
      deps.store.listCheckInsForObjective(orgId, id),
      ...shown.map(async (placed) => {
        placed.row.notes = (await deps.store.getRow(orgId, placed.sheetId, placed.row.id))?.notes ?? "";
      }),
    ]);
    return objectiveDetail(data.graph, id, { asOf, lastCheckIns: data.lastCheckIns, checkIns });
  };

  // The ID travels as a query parameter: IDs are people's text ("." or "a/b" would not survive a path).
  app.get("/objective", signedIn, async (c) => {
    const id = c.req.query("id") ?? "";
    const { ctx, data } = await prepare(c, `${DASHBOARD}/objective`, {
      preferredCycle: (loaded) => loaded.graph.objectives.get(id)?.row.cycle,
    });
    ctx.extra = { ...ctx.extra, id };
    const session = c.get("session");
    const detail = await detailOf(data, session.orgId, id, ctx.asOf);
    if (!detail) return page(c, <NotFoundView ctx={ctx} />, 404);
    // The conversation: comments on the objective and on each of its key results.
    const targets = [
      { id: detail.objective.id, title: detail.objective.title },
      ...detail.keyResults.map((kr) => ({ id: kr.id, title: kr.title })),
    ];
    const comments = (
      await Promise.all(targets.map((target) => deps.store.listComments(session.orgId, target.id)))
    ).flat();
    const back = `${DASHBOARD}/objective?id=${encodeURIComponent(id)}${ctx.cycle ? `&cycle=${encodeURIComponent(ctx.cycle)}` : ""}`;
    const conversation = (
      <Conversation
        ctx={ctx}
        comments={comments}
        targets={targets}
        back={back}
        canComment={session.person !== null}
        error={c.req.query("comment_error") ? ctx.t("badComment", { max: COMMENT_MAX_LENGTH }) : null}
      />
    );
    return page(c, <ObjectiveView ctx={ctx} detail={detail} after={conversation} />);
  });

  const sheetsPage = async (
    c: Context<DashboardEnv>,
    result: { report?: ImportReport; notice?: string; status?: 200 | 403 | 422 } = {},
  ) => {
    const { ctx } = await prepare(c, `${DASHBOARD}/sheets`);
    const session = c.get("session");
    const stored = await deps.store.listOrgSheets(session.orgId);
    const sheets: SheetListing[] = stored
      .map(({ sheet, rows }) => ({
        sheetId: sheet.sheetId,
        name: sheet.name,
        rows: rows.filter((row) => !row.deleted).length,
        revision: sheet.revision,
        updatedAt: sheet.updatedAt,
      }))
      .sort((a, b) => (a.name || a.sheetId).localeCompare(b.name || b.sheetId, ctx.language));
    const exportLanguage = downloadLanguage(c, ctx.language);
    if (exportLanguage !== ctx.language) ctx.extra = { ...ctx.extra, export: exportLanguage };
    return page(
      c,
      <SheetsView
        ctx={ctx}
        sheets={sheets}
        isAdmin={session.role === "admin"}
        report={result.report ?? null}
        notice={result.notice ?? null}
        exportLanguage={exportLanguage}
      />,
      result.status ?? 200,
    );
  };

  app.get("/sheets", signedIn, async (c) => {
    // After an upload larger than the limit (app.ts refuses it before reading), the page says so.
    const notice =
      c.req.query("error") === "too_large"
        ? importWord(language(c), "upload_too_large", {
            limit: formatBytes(IMPORT_LIMITS.fileBytes, language(c)),
          })
        : undefined;
    return sheetsPage(c, notice ? { notice } : {});
  });

  // Admins only: the upload goes through the same import as the CLI, synced through the API with an
  // admin key issued for this import and revoked after it.
  app.post("/sheets/import", signedIn, async (c) => {
    const session = c.get("session");
    const lang = language(c);
    const t = wordsFor(lang);
    if (session.role !== "admin") return sheetsPage(c, { notice: t("importAdminOnly"), status: 403 });
    const form = await c.req.parseBody({ all: true });
    if (!validCsrf(session, form.csrf)) return sheetsPage(c, { notice: t("formExpired"), status: 403 });
    const parts = ([] as unknown[]).concat(form.files ?? []);
    const files: ImportFile[] = parts
      .filter((part): part is File => part instanceof File && (part.name !== "" || part.size > 0))
      .map((file) => ({
        name: file.name,
        size: file.size,
        bytes: async () => new Uint8Array(await file.arrayBuffer()),
      }));
    const report = await importFiles(files, {
      language: lang,
      connect: () => importKey(deps, api, session.orgId, `dashboard import (key ${session.keyId})`),
    });
    return sheetsPage(c, { report, status: report.errors.length > 0 ? 422 : 200 });
  });

  app.get("/sheets/export.xlsx", signedIn, async (c) => {
    const id = c.req.query("id") ?? "";
    const lang = downloadLanguage(c, language(c));
    const sheet = await deps.store.getSheet(c.get("session").orgId, id);
    const bytes = sheet ? await exportSheet(deps, c.get("session").orgId, id, lang) : null;
    if (!sheet || !bytes) return c.text("No such sheet", 404);
    return xlsx(c, sheet.name || id, bytes);
  });

  app.get("/sheets/template.xlsx", signedIn, async (c) => {
    const lang = downloadLanguage(c, language(c));
    return xlsx(c, templateName(lang), await exportTemplate(lang, deps.now()));
  });

  // In the page's language (or ?language=), with its separator (or ?separator=, "," or ";").
  app.get("/export.csv", signedIn, async (c) => {
    const view = c.req.query("view");
    const asked = c.req.query("separator");
    const format = readerCsv(
      downloadLanguage(c, language(c)),
      asked === "," || asked === ";" ? asked : undefined,
    );
    if (view === "objective") {
      const { ctx, data } = await prepare(c, `${DASHBOARD}/export.csv`);
      const detail = await detailOf(data, c.get("session").orgId, c.req.query("id") ?? "", ctx.asOf);
      if (!detail) return c.text("No such objective", 404);
      return csvDownload(c, `okr-objective-${detail.objective.id}.csv`, objectiveCsv(detail, format));
    }
    if (view === "kpis") {
      const { ctx, board } = await dashboardKpiBoard(deps, c, prepare, `${DASHBOARD}/export.csv`);
      return csvDownload(c, `okr-kpis-${ctx.cycle ?? "all"}.csv`, kpisCsv(board, format));
    }
    const { ctx, rollup, keyResults, owners } = await prepareRollup(c, `${DASHBOARD}/export.csv`);
    if (!rollup) return c.text("No OKRs synced yet", 404);
    const name = `okr-${view}-${rollup.cycle}.csv`;
    if (view === "teams")
      return csvDownload(
        c,
        name,
        totalsCsv(
          rollup.cycle,
          {
            team: groupedTotals(rollup, ctx.filters, "team", owners),
            level: groupedTotals(rollup, ctx.filters, "level", owners),
          },
          format,
        ),
      );
    if (view === "insights")
      return csvDownload(
        c,
        name,
        insightsCsv(rollup.cycle, filteredInsights(rollup, ctx.filters, keyResults), format),
      );
    return csvDownload(
      c,
      `okr-tree-${rollup.cycle}.csv`,
      treeCsv(rollup, matchedNodes(rollup, ctx.filters, owners), format),
    );
  });

  kpiRoutes(app, deps, signedIn, { page, prepare });
  rhythmRoutes(app, deps, signedIn, { language, page, prepare });
  reviewMeetingRoutes(app, deps, signedIn, { language, page, prepare });

  return app;
}
