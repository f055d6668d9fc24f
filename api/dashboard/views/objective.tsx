/** @jsxImportSource hono/jsx */
// One objective: where it sits in the alignment, its key results and the KPIs beside them, each key
// result's check-in trend against expected progress, and the check-in notes as a table.
import { dayNumber } from "../../../shared/cycle.js";
import type { ObjectiveRef } from "../../../shared/model.js";
import type { ObjectiveDetail, TrendPoint } from "../../../shared/objective-detail.js";
import { levelWord } from "../words.js";
import { Page } from "./layout.js";
import {
  DASHBOARD,
  day,
  GradeBadge,
  href,
  number,
  objectiveHref,
  PaceBeside,
  ProgressBar,
  percent,
  StatusBadge,
  type ViewContext,
} from "./parts.js";

/** Distinct line styles so series differ by more than colour. */
const SERIES = [
  { className: "series-0", marker: "circle", dash: "" },
  { className: "series-1", marker: "square", dash: "6 3" },
  { className: "series-2", marker: "diamond", dash: "2 3" },
  { className: "series-3", marker: "triangle", dash: "10 3 2 3" },
  { className: "series-4", marker: "circle", dash: "1 2" },
] as const;

const CHART = { width: 640, height: 260, left: 44, right: 16, top: 12, bottom: 30 } as const;

function Marker(props: { kind: string; x: number; y: number; className: string }) {
  const { x, y } = props;
  if (props.kind === "square")
    return <rect class={props.className} x={x - 4} y={y - 4} width="8" height="8" />;
  if (props.kind === "diamond")
    return (
      <path class={props.className} d={`M ${x} ${y - 5} L ${x + 5} ${y} L ${x} ${y + 5} L ${x - 5} ${y} z`} />
    );
  if (props.kind === "triangle")
    return <path class={props.className} d={`M ${x} ${y - 5} L ${x + 5} ${y + 4} L ${x - 5} ${y + 4} z`} />;
  return <circle class={props.className} cx={x} cy={y} r="4" />;
}

const TrendChart = (props: { ctx: ViewContext; detail: ObjectiveDetail }) => {
  const { ctx, detail } = props;
  const { t, language } = ctx;
  const series = detail.keyResults
    .map((kr, index) => ({
      kr,
      style: SERIES[index % SERIES.length]!,
      points: detail.trends.get(kr.id) ?? [],
    }))
    .filter((entry) => entry.points.some((point) => point.progress !== null));
  const times = series.flatMap((entry) => entry.points.map((point) => point.at.slice(0, 10)));
  const first = detail.window?.start ?? times.reduce((a, b) => (a < b ? a : b), ctx.asOf);
  const last = detail.window?.end ?? times.reduce((a, b) => (a > b ? a : b), ctx.asOf);
  const from = dayNumber(first);
  const span = Math.max(1, dayNumber(last) + 1 - from);
  const plotWidth = CHART.width - CHART.left - CHART.right;
  const plotHeight = CHART.height - CHART.top - CHART.bottom;
  const x = (iso: string) => CHART.left + (plotWidth * (dayNumber(iso.slice(0, 10)) - from)) / span;
  const y = (value: number) => CHART.top + plotHeight * (1 - value);
  return (
    <figure class="trend">
      <svg
        role="img"
        aria-label={t("trendLabel")}
        viewBox={`0 0 ${CHART.width} ${CHART.height}`}
        width="100%"
        preserveAspectRatio="xMinYMin meet"
      >
        {[0, 0.25, 0.5, 0.75, 1].map((value) => (
          <g>
            <line class="grid" x1={CHART.left} x2={CHART.width - CHART.right} y1={y(value)} y2={y(value)} />
            <text class="axis" x={CHART.left - 6} y={y(value) + 4} text-anchor="end">
              {percent(language, value)}
            </text>
          </g>
        ))}
        <text class="axis" x={CHART.left} y={CHART.height - 8}>
          {day(language, first)}
        </text>
        <text class="axis" x={CHART.width - CHART.right} y={CHART.height - 8} text-anchor="end">
          {day(language, last)}
        </text>
        {detail.window && (
          // Expected progress rises evenly from nothing on the first day to all of it after the last.
          <line class="expected-line" x1={CHART.left} y1={y(0)} x2={CHART.left + plotWidth} y2={y(1)} />
        )}
        {series.map(({ style, points }) => {
          const drawn = points.filter(
            (point): point is TrendPoint & { progress: number } => point.progress !== null,
          );
          return (
            <g>
              <polyline
                class={`line ${style.className}`}
                stroke-dasharray={style.dash || undefined}
                points={drawn.map((point) => `${x(point.at)},${y(point.progress)}`).join(" ")}
              />
              {drawn.map((point) => (
                <Marker
                  kind={style.marker}
                  x={x(point.at)}
                  y={y(point.progress)}
                  className={`dot ${style.className}`}
                />
              ))}
            </g>
          );
        })}
      </svg>
      <figcaption>
        <ul class="legend-list">
          {series.map(({ kr, style }) => (
            <li>
              <svg width="34" height="12" aria-hidden="true" focusable="false">
                <line
                  class={`line ${style.className}`}
                  x1="0"
                  x2="34"
                  y1="6"
                  y2="6"
                  stroke-dasharray={style.dash || undefined}
                />
                <Marker kind={style.marker} x={17} y={6} className={`dot ${style.className}`} />
              </svg>{" "}
              {kr.title}
            </li>
          ))}
          {detail.window && (
            <li>
              <svg width="34" height="12" aria-hidden="true" focusable="false">
                <line class="expected-line" x1="0" x2="34" y1="6" y2="6" />
              </svg>{" "}
              {t("expected")}
            </li>
          )}
        </ul>
      </figcaption>
    </figure>
  );
};

export const ObjectiveView = (props: { ctx: ViewContext; detail: ObjectiveDetail; after?: unknown }) => {
  const { ctx, detail } = props;
  const { t, language } = ctx;
  const { objective } = detail;
  const link = (ref: ObjectiveRef) => <a href={objectiveHref(ctx, ref.id)}>{ref.title}</a>;
  const refList = (refs: ObjectiveRef[]) =>
    refs.length === 0 ? (
      "–"
    ) : (
      <ul class="inline">
        {refs.map((ref) => (
          <li>
            {link(ref)} <span class="meta">({ref.team})</span>
          </li>
        ))}
      </ul>
    );
  const titles = new Map(detail.keyResults.map((kr) => [kr.id, kr.title]));
  const checkIns = detail.keyResults
    .flatMap((kr) => (detail.trends.get(kr.id) ?? []).map((point) => ({ kr, point })))
    .sort((a, b) => (a.point.at < b.point.at ? 1 : a.point.at > b.point.at ? -1 : 0));
  return (
    <Page ctx={ctx} title={objective.title}>
      <p class="crumbs">
        <a href={href(ctx, `${DASHBOARD}/tree`)}>← {t("back")}</a>
      </p>
      <h1>{objective.title}</h1>
      <p class="meta">
        {[objective.team, objective.owner, levelWord(t, objective.level), objective.cycle]
          .filter(Boolean)
          .join(" · ")}
      </p>
      {detail.ended && <p class="notice">{t("cycleEnded")}</p>}
      <div class="headline">
        {objective.grade && <GradeBadge t={t} language={language} grade={objective.grade} />}
        <span>
          <StatusBadge t={t} status={objective.status} />
          <PaceBeside
            t={t}
            status={objective.status}
            paceStatus={objective.paceStatus}
            ownerStatus={objective.ownerStatus}
          />
        </span>
        <span>
          {t("own")}{" "}
          <ProgressBar
            language={language}
            value={objective.progress}
            status={objective.status}
            expected={objective.expected}
          />
        </span>
        {objective.alignedProgress !== null && (
          <span title={t("alignedOf")}>
            {t("aligned")}{" "}
            <ProgressBar
              language={language}
              value={objective.alignedProgress}
              expected={objective.expected}
            />
          </span>
        )}
        <span>
          {t("expected")} {percent(language, objective.expected)}
        </span>
      </div>
      <dl class="links">
        <dt>{t("alignsTo")}</dt>
        <dd>{detail.parent ? link(detail.parent) : "–"}</dd>
        <dt>{t("supportedBy")}</dt>
        <dd>{refList(detail.children)}</dd>
        <dt>{t("contributesTo")}</dt>
        <dd>{refList(detail.contributesTo)}</dd>
        <dt>{t("contributors")}</dt>
        <dd>{refList(detail.contributors)}</dd>
        {objective.notes && (
          <>
            <dt>{t("notes")}</dt>
            <dd>{objective.notes}</dd>
          </>
        )}
      </dl>

      <h2 id="key-results">{t("keyResults")}</h2>
      <p class="actions">
        <a href={href(ctx, `${DASHBOARD}/export.csv`, { view: "objective", id: objective.id })} download>
          {t("exportCsv")}
        </a>
      </p>
      {detail.keyResults.length === 0 ? (
        <p class="empty">{t("noKeyResults")}</p>
      ) : (
        <div class="table-scroll">
          <table aria-labelledby="key-results">
            <thead>
              <tr>
                <th scope="col">{t("keyResult")}</th>
                <th scope="col">{t("owner")}</th>
                <th scope="col" class="num">
                  {t("start")}
                </th>
                <th scope="col" class="num">
                  {t("target")}
                </th>
                <th scope="col" class="num">
                  {t("current")}
                </th>
                <th scope="col">{t("progress")}</th>
                <th scope="col">{t("status")}</th>
                <th scope="col" class="num">
                  {t("confidence")}
                </th>
                {detail.ended && <th scope="col">{t("grade")}</th>}
              </tr>
            </thead>
            <tbody>
              {detail.keyResults.map((kr) => (
                <tr>
                  <th scope="row">
                    {kr.title}
                    {kr.notes && <span class="row-note">{kr.notes}</span>}
                  </th>
                  <td>{kr.owner}</td>
                  <td class="num">{number(language, kr.start, kr.unit)}</td>
                  <td class="num">{number(language, kr.target, kr.unit)}</td>
                  <td class="num">{number(language, kr.current, kr.unit)}</td>
                  <td>
                    <ProgressBar
                      language={language}
                      value={kr.progress}
                      status={kr.status}
                      expected={objective.expected}
                      width={90}
                    />
                  </td>
                  <td>
                    <StatusBadge t={t} status={kr.status} />
                    <PaceBeside
                      t={t}
                      status={kr.status}
                      paceStatus={kr.paceStatus}
                      ownerStatus={kr.ownerStatus}
                    />
                  </td>
                  <td class="num">{percent(language, kr.confidence)}</td>
                  {detail.ended && (
                    <td>{kr.grade ? <GradeBadge t={t} language={language} grade={kr.grade} /> : "–"}</td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2 id="kpis">{t("kpis")}</h2>
      {detail.kpis.length === 0 ? (
        <p class="empty">{t("none")}</p>
      ) : (
        <div class="table-scroll">
          <table aria-labelledby="kpis">
            <thead>
              <tr>
                <th scope="col">KPI</th>
                <th scope="col">{t("kpiKind")}</th>
                <th scope="col">{t("keyResult")}</th>
                <th scope="col" class="num">
                  {t("current")}
                </th>
                <th scope="col" class="num">
                  {t("target")}
                </th>
                <th scope="col">{t("progress")}</th>
              </tr>
            </thead>
            <tbody>
              {detail.kpis.map((kpi) => (
                <tr>
                  <th scope="row">{kpi.title}</th>
                  <td>
                    {kpi.kpiKind === "leading"
                      ? t("kpiLeading")
                      : kpi.kpiKind === "lagging"
                        ? t("kpiLagging")
                        : "–"}
                  </td>
                  <td>{titles.get(kpi.besideId) ?? "–"}</td>
                  <td class="num">{number(language, kpi.current, kpi.unit)}</td>
                  <td class="num">{number(language, kpi.target, kpi.unit)}</td>
                  <td>
                    {kpi.progress === null ? (
                      "–"
                    ) : (
                      <ProgressBar language={language} value={kpi.progress} width={80} />
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2 id="trend">{t("trend")}</h2>
      {checkIns.length === 0 ? (
        <p class="empty">{t("noCheckIns")}</p>
      ) : (
        <TrendChart ctx={ctx} detail={detail} />
      )}

      <h2 id="check-ins">{t("checkIns")}</h2>
      {checkIns.length === 0 ? (
        <p class="empty">{t("noCheckIns")}</p>
      ) : (
        <div class="table-scroll">
          <table aria-labelledby="check-ins">
            <thead>
              <tr>
                <th scope="col">{t("date")}</th>
                <th scope="col">{t("keyResult")}</th>
                <th scope="col" class="num">
                  {t("value")}
                </th>
                <th scope="col" class="num">
                  {t("confidence")}
                </th>
                <th scope="col">{t("note")}</th>
                <th scope="col">{t("who")}</th>
              </tr>
            </thead>
            <tbody>
              {checkIns.map(({ kr, point }) => (
                <tr>
                  <td>{day(language, point.at)}</td>
                  <th scope="row">{kr.title}</th>
                  <td class="num">{number(language, point.value, kr.unit)}</td>
                  <td class="num">{percent(language, point.confidence)}</td>
                  <td>{point.note}</td>
                  <td>{point.author}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {props.after as never}
    </Page>
  );
};

export const NotFoundView = (props: { ctx: ViewContext }) => (
  <Page ctx={props.ctx} title={props.ctx.t("notFound")}>
    <h1>{props.ctx.t("notFound")}</h1>
    <p>{props.ctx.t("notFoundText")}</p>
    <p>
      <a href={href(props.ctx, `${DASHBOARD}/tree`)}>{props.ctx.t("back")}</a>
    </p>
  </Page>
);
