/** @jsxImportSource hono/jsx */
// Insights: what needs a leader's attention this cycle, each list with its count and a short why.
import type { Child } from "hono/jsx";
import { dayNumber } from "../../../shared/cycle.js";
import type { KeyResultState, ObjectiveRef } from "../../../shared/model.js";
import { isoDayIn } from "../../../shared/time-zone.js";
import { filterParams, INSIGHTS_SHOWN, type InsightList, type ShownInsights } from "../data.js";
import { levelWord, type WordKey } from "../words.js";
import { Page } from "./layout.js";
import {
  DASHBOARD,
  FilterForm,
  href,
  objectiveHref,
  ProgressBar,
  percent,
  StatusWithConfidence,
  type ViewContext,
} from "./parts.js";

/** Items shown per list; the rest are in the CSV. */
export const LIST_LIMIT = INSIGHTS_SHOWN;

const Section = (props: {
  id: string;
  title: string;
  help?: string;
  count: number;
  wide?: boolean;
  children: Child;
}) => (
  <section class={props.wide ? "insight wide" : "insight"} aria-labelledby={props.id}>
    <h2 id={props.id}>
      {props.title} <span class="count">{props.count}</span>
    </h2>
    {props.help && <p class="help">{props.help}</p>}
    {props.children}
  </section>
);

export const InsightsView = (props: {
  ctx: ViewContext;
  /** Each list cut to its first LIST_LIMIT items; `totals` says how long each is. */
  insights: ShownInsights;
  totals: Record<InsightList, number>;
  titles: Readonly<Record<string, string>>;
  choices: { teams: string[] | null; owners: string[] | null };
}) => {
  const { ctx, insights, titles } = props;
  const { t, language } = ctx;
  const objectiveLink = (id: string) => <a href={objectiveHref(ctx, id)}>{titles[id] ?? id}</a>;
  const none = <p class="empty">{t("none")}</p>;
  // A large organisation can have thousands of findings: the page shows the first ones, the CSV all.
  const head = <T,>(list: readonly T[]) => list.slice(0, LIST_LIMIT);
  const more = (total: number) =>
    total > LIST_LIMIT ? (
      <p class="more">
        {t("showingOf", { shown: LIST_LIMIT, total })}{" "}
        <a href={href(ctx, `${DASHBOARD}/export.csv`, { ...ctx.extra, view: "insights" })}>
          {t("exportCsv")}
        </a>
      </p>
    ) : null;
  const objectiveList = (refs: ObjectiveRef[]) =>
    refs.length === 0 ? (
      none
    ) : (
      <ul class="items">
        {head(refs).map((ref) => (
          <li>
            {objectiveLink(ref.id)}{" "}
            <span class="meta">
              {[ref.team, ref.owner, levelWord(t, ref.level)].filter(Boolean).join(" · ")}
            </span>
          </li>
        ))}
      </ul>
    );
  const lastSeen = (kr: KeyResultState) => {
    if (!kr.lastCheckInAt) return t("never");
    const days = dayNumber(ctx.asOf) - dayNumber(isoDayIn(new Date(kr.lastCheckInAt), ctx.timeZone));
    return days <= 0 ? t("today") : days === 1 ? t("dayAgo") : t("daysAgo", { days });
  };
  const keyResultTable = (id: string, krs: KeyResultState[]) =>
    krs.length === 0 ? (
      none
    ) : (
      <div class="table-scroll">
        <table aria-labelledby={id}>
          <thead>
            <tr>
              <th scope="col">{t("keyResult")}</th>
              <th scope="col">{t("objectiveTitle")}</th>
              <th scope="col">{t("team")}</th>
              <th scope="col">{t("owner")}</th>
              <th scope="col">{t("progress")}</th>
              <th scope="col">{t("status")}</th>
              <th scope="col">{t("lastCheckIn")}</th>
            </tr>
          </thead>
          <tbody>
            {head(krs).map((kr) => (
              <tr>
                <th scope="row">{kr.title}</th>
                <td>{kr.objectiveId ? objectiveLink(kr.objectiveId) : "–"}</td>
                <td>{kr.team}</td>
                <td>{kr.owner}</td>
                <td>
                  <ProgressBar language={language} value={kr.progress} status={kr.status} width={80} />
                </td>
                <td>
                  <StatusWithConfidence
                    t={t}
                    language={language}
                    status={kr.status}
                    confidence={kr.confidence}
                    paceStatus={kr.paceStatus}
                    ownerStatus={kr.ownerStatus}
                  />
                </td>
                <td>{lastSeen(kr)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    );
  const section = (id: string, word: WordKey, count: number, body: Child, help?: WordKey, wide = false) => (
    <Section
      id={id}
      title={t(word, { days: insights.quietDays })}
      help={help && t(help)}
      count={count}
      wide={wide}
    >
      {body}
      {more(count)}
    </Section>
  );
  return (
    <Page ctx={ctx} title={t("insightsTitle")}>
      <h1>{t("insightsTitle")}</h1>
      <p class="lede">{t("insightsIntro")}</p>
      <FilterForm ctx={ctx} teams={props.choices.teams} owners={props.choices.owners} />
      <p class="actions">
        <a href={href(ctx, `${DASHBOARD}/export.csv`, { ...ctx.extra, view: "insights" })} download>
          {t("exportCsv")}
        </a>
      </p>
      <div class="insights">
        {section(
          "unsupported",
          "unsupported",
          props.totals.unsupported,
          objectiveList(insights.unsupported),
          "unsupportedHelp",
        )}
        {section(
          "unaligned",
          "unaligned",
          props.totals.unaligned,
          objectiveList(insights.unaligned),
          "unalignedHelp",
        )}
        {section(
          "duplicates",
          "duplicates",
          props.totals.duplicates,
          insights.duplicates.length === 0 ? (
            none
          ) : (
            <ul class="items">
              {head(insights.duplicates).map((pair) => (
                <li>
                  <span class="pair">
                    {"level" in pair.a ? objectiveLink(pair.a.id) : pair.a.title}{" "}
                    <span class="meta">({pair.a.team})</span> ≈{" "}
                    {"level" in pair.b ? objectiveLink(pair.b.id) : pair.b.title}{" "}
                    <span class="meta">({pair.b.team})</span>
                  </span>{" "}
                  <span class="meta">{t("similarity", { percent: percent(language, pair.similarity) })}</span>
                </li>
              ))}
            </ul>
          ),
          "duplicatesHelp",
        )}
        {section(
          "cycles",
          "cycles",
          props.totals.cycles,
          insights.cycles.length === 0 ? (
            none
          ) : (
            <ul class="items">
              {head(insights.cycles).map((ids) => (
                <li>
                  {ids.map((id, index) => (
                    <>
                      {index > 0 && " → "}
                      {objectiveLink(id)}
                    </>
                  ))}
                  {" → "}
                  {objectiveLink(ids[0]!)}
                </li>
              ))}
            </ul>
          ),
          "cyclesHelp",
        )}
        {section(
          "at-risk",
          "atRisk",
          props.totals.atRisk,
          keyResultTable("at-risk", insights.atRisk),
          undefined,
          true,
        )}
        {section(
          "quiet",
          "quiet",
          props.totals.quiet,
          <>
            <form method="get" action={ctx.path} class="inline-form">
              {Object.entries(filterParams(ctx.filters)).map(([name, value]) => (
                <input type="hidden" name={name} value={value} />
              ))}
              {ctx.cycle && <input type="hidden" name="cycle" value={ctx.cycle} />}
              <label for="quiet-days">{t("quietDays")}</label>
              <input
                id="quiet-days"
                name="quiet"
                type="number"
                min="1"
                max="365"
                value={String(insights.quietDays)}
              />
              <button type="submit" class="secondary">
                {t("apply")}
              </button>
            </form>
            {keyResultTable("quiet", insights.quiet)}
          </>,
          "quietHelp",
          true,
        )}
        {section(
          "disagreements",
          "disagreements",
          props.totals.disagreements,
          keyResultTable("disagreements", insights.disagreements),
          "disagreementsHelp",
          true,
        )}
        {section(
          "unknown-links",
          "unknownLinks",
          props.totals.unknownLinks,
          insights.unknownLinks.length === 0 ? (
            none
          ) : (
            <ul class="items">
              {head(insights.unknownLinks).map((link) => (
                <li>
                  {Object.hasOwn(titles, link.from) ? objectiveLink(link.from) : link.from} →{" "}
                  <code>{link.to}</code>
                </li>
              ))}
            </ul>
          ),
        )}
        {section(
          "cross-cycle",
          "crossCycle",
          props.totals.crossCycle,
          insights.crossCycle.length === 0 ? (
            none
          ) : (
            <ul class="items">
              {head(insights.crossCycle).map((link) => (
                <li>
                  {objectiveLink(link.from)} ({link.fromCycle}) → {link.to} ({link.toCycle})
                </li>
              ))}
            </ul>
          ),
        )}
      </div>
    </Page>
  );
};
