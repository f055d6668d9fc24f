/** @jsxImportSource hono/jsx */
// The KPI board: per team and objective, leading indicators beside lagging ones; each with its value, the
// threshold that holds today, its health in words (the colour repeats them) and a sparkline of its values.
import type { KpiCard, KpiTeamGroup } from "../../../shared/kpi-board.js";
import { boundText, type KpiHealth } from "../../../shared/kpi-health.js";
import type { WordKey } from "../words.js";
import { Page } from "./layout.js";
import {
  DASHBOARD,
  day,
  FilterForm,
  href,
  number,
  objectiveHref,
  ProgressBar,
  type ViewContext,
} from "./parts.js";

const SPARK = { width: 120, height: 28, pad: 3 } as const;

const HEALTH_SYMBOL: Record<KpiHealth | "none", string> = { healthy: "✓", unhealthy: "✗", none: "–" };

const healthWord = (health: KpiHealth | null): WordKey =>
  health === "healthy" ? "kpiHealthy" : health === "unhealthy" ? "kpiUnhealthy" : "kpiNoThreshold";

export const HealthBadge = (props: { ctx: ViewContext; health: KpiHealth | null }) => (
  <span class={`health health-${props.health ?? "none"}`}>
    <span aria-hidden="true">{HEALTH_SYMBOL[props.health ?? "none"]}</span>{" "}
    {props.ctx.t(healthWord(props.health))}
  </span>
);

/** The values as a line; each point's dot says its day's health (healthy, unhealthy, no threshold). */
export const Sparkline = (props: { ctx: ViewContext; kpi: KpiCard }) => {
  const { ctx, kpi } = props;
  const { t, language } = ctx;
  const points = kpi.history;
  if (points.length === 0) return <span class="meta">{t("kpiNoTrend")}</span>;
  const values = points.map((point) => point.value);
  const low = Math.min(...values);
  const high = Math.max(...values);
  const span = high - low || 1;
  const plot = { w: SPARK.width - 2 * SPARK.pad, h: SPARK.height - 2 * SPARK.pad };
  const x = (i: number) => SPARK.pad + (points.length === 1 ? plot.w : (plot.w * i) / (points.length - 1));
  const y = (value: number) => SPARK.pad + plot.h * (1 - (high === low ? 0.5 : (value - low) / span));
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const label = t("kpiTrend", {
    title: kpi.title,
    count: points.length,
    first: `${number(language, first.value, kpi.unit)} (${day(language, first.at)})`,
    last: `${number(language, last.value, kpi.unit)} (${day(language, last.at)})`,
  });
  return (
    <svg
      class="spark"
      role="img"
      aria-label={label}
      width={SPARK.width}
      height={SPARK.height}
      viewBox={`0 0 ${SPARK.width} ${SPARK.height}`}
    >
      <polyline class="line" points={points.map((point, i) => `${x(i)},${y(point.value)}`).join(" ")} />
      {points.map((point, i) => (
        <circle
          class={`dot-${point.health ?? "none"}`}
          cx={x(i)}
          cy={y(point.value)}
          r={i === points.length - 1 ? 3 : 1.8}
        />
      ))}
    </svg>
  );
};

const KpiItem = (props: { ctx: ViewContext; kpi: KpiCard }) => {
  const { ctx, kpi } = props;
  const { t, language } = ctx;
  const format = (value: number) => number(language, value, kpi.unit);
  return (
    <li data-id={kpi.id}>
      <span class="kpi-name">
        {kpi.title}
        {kpi.besideKeyResult && (
          <span class="meta"> · {t("kpiBeside", { title: kpi.besideKeyResult.title })}</span>
        )}
        {kpi.owner && <span class="meta"> · {kpi.owner}</span>}
      </span>
      <span class="kpi-value">{number(language, kpi.current, kpi.unit)}</span>
      <span>
        <HealthBadge ctx={ctx} health={kpi.health} />{" "}
        <span class="meta">
          {t("kpiThreshold")}: {kpi.bound ? boundText(kpi.bound, language, format) : "–"}
        </span>
      </span>
      <Sparkline ctx={ctx} kpi={kpi} />
      {kpi.progress !== null && (
        <span>
          {t("progress")} <ProgressBar language={language} value={kpi.progress} width={80} />
        </span>
      )}
    </li>
  );
};

const Side = (props: { ctx: ViewContext; word: WordKey; kpis: KpiCard[] }) =>
  props.kpis.length === 0 ? null : (
    <div>
      <h4>{props.ctx.t(props.word)}</h4>
      <ul class="kpis">
        {props.kpis.map((kpi) => (
          <KpiItem ctx={props.ctx} kpi={kpi} />
        ))}
      </ul>
    </div>
  );

export const KpiBoardView = (props: {
  ctx: ViewContext;
  board: KpiTeamGroup[];
  choices: { teams: string[]; owners: string[] };
}) => {
  const { ctx, board } = props;
  const { t } = ctx;
  return (
    <Page ctx={ctx} title={t("kpiTitle")}>
      <h1>{t("kpiTitle")}</h1>
      <p class="lede">{t("kpiIntro")}</p>
      <FilterForm ctx={ctx} teams={props.choices.teams} owners={props.choices.owners} />
      <p class="actions">
        <a href={href(ctx, `${DASHBOARD}/export.csv`, { view: "kpis" })} download>
          {t("exportCsv")}
        </a>
      </p>
      {board.length === 0 && <p class="empty">{t("kpiNone")}</p>}
      {board.map((team, index) => (
        <section class="kpi-team" aria-labelledby={`kpi-team-${index}`}>
          <h2 id={`kpi-team-${index}`}>{team.team || "–"}</h2>
          <p class="meta">{t("kpiCounts", team.counts)}</p>
          {team.objectives.map((group) => (
            <article class="kpi-objective">
              <h3>
                <a href={objectiveHref(ctx, group.objective.id)}>{group.objective.title}</a>
              </h3>
              <div class="kpi-sides">
                <Side ctx={ctx} word="kpiLeading" kpis={group.leading} />
                <Side ctx={ctx} word="kpiLagging" kpis={group.lagging} />
                <Side ctx={ctx} word="kpiOther" kpis={group.other} />
              </div>
            </article>
          ))}
        </section>
      ))}
    </Page>
  );
};
