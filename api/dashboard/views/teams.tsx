/** @jsxImportSource hono/jsx */
// Teams: one row per team (objective count, mean progress, status mix), then the same per level.
import type { GroupTotal } from "../../../shared/model.js";
import { TEAMS_PAGE } from "../data.js";
import { levelWord } from "../words.js";
import { Page } from "./layout.js";
import { DASHBOARD, FilterForm, href, ProgressBar, StatusMix, type ViewContext } from "./parts.js";

const TotalsTable = (props: {
  ctx: ViewContext;
  id: string;
  caption: string;
  keyHeader: string;
  rows: GroupTotal[];
  keyText: (key: string) => string;
  /** Where a row's name links to; null: no link (objectives without a team cannot be filtered for). */
  keyHref?: (key: string) => string | null;
}) => {
  const { t, language } = props.ctx;
  return (
    <div class="table-scroll">
      <table id={props.id}>
        <caption>{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{props.keyHeader}</th>
            <th scope="col" class="num">
              {t("objectives")}
            </th>
            <th scope="col" class="num">
              {t("keyResults")}
            </th>
            <th scope="col">{t("meanProgress")}</th>
            <th scope="col">{t("statusMix")}</th>
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr>
              <th scope="row">
                {props.keyHref?.(row.key) ? (
                  <a href={props.keyHref(row.key)!}>{props.keyText(row.key)}</a>
                ) : (
                  props.keyText(row.key)
                )}
              </th>
              <td class="num">{row.objectiveCount}</td>
              <td class="num">{row.keyResultCount}</td>
              <td>
                <ProgressBar language={language} value={row.meanProgress} width={100} />
              </td>
              <td>
                <StatusMix t={t} counts={row.statusCounts} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
};

export const TeamsView = (props: {
  ctx: ViewContext;
  /** One page of the teams (TEAMS_PAGE rows from `teamsPage.from`). */
  teams: GroupTotal[];
  teamsPage: { from: number; total: number };
  levels: GroupTotal[];
  choices: { teams: string[] | null; owners: string[] | null };
}) => {
  const { ctx } = props;
  const { t } = ctx;
  const pageHref = (from: number) =>
    href(ctx, `${DASHBOARD}/teams`, { ...ctx.extra, from: from > 0 ? String(from) : null });
  return (
    <Page ctx={ctx} title={t("teamsTitle")}>
      <h1>{t("teamsTitle")}</h1>
      <p class="lede">{t("teamsIntro")}</p>
      <FilterForm ctx={ctx} teams={props.choices.teams} owners={props.choices.owners} />
      <p class="actions">
        <a href={href(ctx, `${DASHBOARD}/export.csv`, { view: "teams" })} download>
          {t("exportCsv")}
        </a>
      </p>
      {props.teams.length === 0 ? (
        <p class="empty">{t("nothingMatches")}</p>
      ) : (
        <>
          <TotalsTable
            ctx={ctx}
            id="teams"
            caption={t("teamsTitle")}
            keyHeader={t("team")}
            rows={props.teams}
            keyText={(key) => key || "–"}
            keyHref={(key) => (key ? href(ctx, `${DASHBOARD}/tree`, { team: key }) : null)}
          />
          {props.teamsPage.total > TEAMS_PAGE && (
            <p class="more">
              {t("rowsPage", {
                from: props.teamsPage.from + 1,
                to: Math.min(props.teamsPage.total, props.teamsPage.from + TEAMS_PAGE),
                total: props.teamsPage.total,
              })}{" "}
              {props.teamsPage.from > 0 && (
                <a href={pageHref(Math.max(0, props.teamsPage.from - TEAMS_PAGE))}>
                  {t("previousPage", { count: TEAMS_PAGE })}
                </a>
              )}{" "}
              {props.teamsPage.from + TEAMS_PAGE < props.teamsPage.total && (
                <a href={pageHref(props.teamsPage.from + TEAMS_PAGE)}>
                  {t("nextPage", { count: TEAMS_PAGE })}
                </a>
              )}
            </p>
          )}
          <TotalsTable
            ctx={ctx}
            id="levels"
            caption={t("levelsTitle")}
            keyHeader={t("level")}
            rows={props.levels}
            keyText={(key) => levelWord(t, (key || null) as Parameters<typeof levelWord>[1])}
          />
        </>
      )}
    </Page>
  );
};
