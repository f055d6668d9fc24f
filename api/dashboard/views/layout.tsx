/** @jsxImportSource hono/jsx */
// The page shell: skip link, header with the organisation, cycle picker, views, language switch and
// sign-out; one <main> with one <h1> per page.
import type { Child } from "hono/jsx";
import { filterParams } from "../data.js";
import { DASHBOARD, HiddenFields, href, LanguageSwitch, type ViewContext } from "./parts.js";

export const ASSET_VERSION = "4";

export const Document = (props: { title: string; language: string; children: Child }) => (
  <html lang={props.language}>
    <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <title>{props.title}</title>
      <link rel="icon" href="data:," />
      <link rel="stylesheet" href={`${DASHBOARD}/assets/dashboard.css?v=${ASSET_VERSION}`} />
    </head>
    <body>{props.children}</body>
  </html>
);

// The cycle picker leads to a view of cycles; the Sheets page has none, so it leads to the tree.
const cycleFormAction = (path: string) =>
  VIEWS.some((view) => view.path === path) && path !== `${DASHBOARD}/sheets` ? path : `${DASHBOARD}/tree`;

const VIEWS = [
  { path: `${DASHBOARD}/tree`, word: "navTree" },
  { path: `${DASHBOARD}/insights`, word: "navInsights" },
  { path: `${DASHBOARD}/teams`, word: "navTeams" },
  { path: `${DASHBOARD}/kpis`, word: "navKpis" },
  { path: `${DASHBOARD}/sheets`, word: "navSheets" },
  { path: `${DASHBOARD}/reviews`, word: "navReviews" },
  { path: `${DASHBOARD}/since`, word: "navSince" },
  { path: `${DASHBOARD}/meeting`, word: "navMeeting" },
] as const;

/** Pages about the organisation rather than one cycle's OKRs (no cycle picker of their own). */
const ORG_VIEWS = [
  { path: `${DASHBOARD}/people`, word: "navPeople" },
  { path: `${DASHBOARD}/rhythm`, word: "navRhythm" },
] as const;

export const Page = (props: { ctx: ViewContext; title: string; children: Child }) => {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <Document title={`${props.title} · ${t("product")}`} language={ctx.language}>
      <a class="skip" href="#main">
        {t("skipToContent")}
      </a>
      <header class="top">
        <div class="brand">
          <span class="product">{t("product")}</span>
          <span class="org">{ctx.orgName}</span>
        </div>
        <nav aria-label={t("dashboard")}>
          <ul class="views">
            {VIEWS.map((view) => (
              <li>
                <a href={href(ctx, view.path)} aria-current={ctx.path === view.path ? "page" : undefined}>
                  {t(view.word)}
                </a>
              </li>
            ))}
            {[
              ...ORG_VIEWS,
              ...(ctx.outbox ? [{ path: `${DASHBOARD}/outbox`, word: "navOutbox" } as const] : []),
            ].map((view) => (
              <li>
                <a href={view.path} aria-current={ctx.path === view.path ? "page" : undefined}>
                  {t(view.word)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="tools">
          {ctx.cycles.length > 0 && (
            // Another cycle keeps the filters and quiet days; an objective page leads to that cycle's tree.
            <form method="get" action={cycleFormAction(ctx.path)} class="cycle-form">
              <HiddenFields params={{ ...filterParams(ctx.filters), quiet: ctx.extra?.quiet }} />
              <label for="cycle">{t("cycle")}</label>
              <select id="cycle" name="cycle">
                {ctx.cycles.map((cycle) => (
                  <option value={cycle} selected={cycle === ctx.cycle}>
                    {cycle}
                  </option>
                ))}
              </select>
              <button type="submit" class="secondary">
                {t("apply")}
              </button>
            </form>
          )}
          <LanguageSwitch
            label={t("language")}
            current={ctx.language}
            hrefFor={(language) => href(ctx, ctx.path, { ...(ctx.extra ?? {}), lang: language })}
          />
          <span class="who">
            {ctx.signedInAs ? t("signedInAs", { name: ctx.signedInAs }) : t("signedInWithKey")}
          </span>
          <form method="post" action={`${DASHBOARD}/sign-out`} class="sign-out">
            <input type="hidden" name="csrf" value={ctx.csrfToken} />
            <button type="submit" class="secondary">
              {t("signOut")}
            </button>
          </form>
        </div>
      </header>
      <main id="main" tabindex={-1}>
        {props.children}
      </main>
    </Document>
  );
};
