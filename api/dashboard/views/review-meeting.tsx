/** @jsxImportSource hono/jsx */
// "Since last review" and meeting mode: what changed in a window (by team), and a review meeting's agenda with the
// last check-ins' notes and the "review held" action.
import type { Agenda, AgendaItem } from "../../../shared/meeting.js";
import type { RowChange, SinceReview } from "../../../shared/since-review.js";
import { isoDayIn } from "../../../shared/time-zone.js";
import type { ReviewMeeting } from "../../store/types.js";
import type { WordKey } from "../words.js";
import { statusWord } from "../words.js";
import { Page } from "./layout.js";
import {
  DASHBOARD,
  day,
  href,
  number,
  StatusBadge,
  StatusWithConfidence,
  type ViewContext,
} from "./parts.js";
import { Notice } from "./rhythm.js";

const localDay = (ctx: ViewContext, iso: string) => day(ctx.language, isoDayIn(new Date(iso), ctx.timeZone));

const valueText = (ctx: ViewContext, value: string | number | null) =>
  typeof value === "number" ? number(ctx.language, value) : (value ?? "–");

/** The team choice of a window's form ("" for every team). */
const TeamSelect = (props: { ctx: ViewContext; teams: string[]; team: string | null }) => (
  <>
    <label for="team">{props.ctx.t("team")}</label>
    <select id="team" name="team">
      <option value="" selected={props.team === null}>
        {props.ctx.t("allTeams")}
      </option>
      {props.teams.map((team) => (
        <option value={team} selected={team === props.team}>
          {team}
        </option>
      ))}
    </select>
  </>
);

const ChangeRows = (props: { ctx: ViewContext; changes: readonly RowChange[] }) => {
  const { ctx } = props;
  const { t } = ctx;
  return (
    <div class="table-scroll">
      <table id="changes">
        <caption>{t("sectionChanges")}</caption>
        <thead>
          <tr>
            <th scope="col">{t("colChange")}</th>
            <th scope="col">{t("colItem")}</th>
            <th scope="col">{t("team")}</th>
            <th scope="col">{t("colFromTo")}</th>
            <th scope="col">{t("colWhen")}</th>
            <th scope="col">{t("colBy")}</th>
          </tr>
        </thead>
        <tbody>
          {props.changes.map((change) => (
            <tr>
              <td>
                {t(`change_${change.kind}` as WordKey)}
                {change.towardCurrent && (
                  <>
                    {" "}
                    <strong class="flag">⚑ {t("towardCurrent")}</strong>
                  </>
                )}
              </td>
              <th scope="row">
                {change.id} · {change.title}
              </th>
              <td>{change.team || "–"}</td>
              <td>
                {change.kind === "added" || change.kind === "removed" || change.kind === "dropped"
                  ? "–"
                  : `${valueText(ctx, change.from)} → ${valueText(ctx, change.to)}`}
              </td>
              <td>{t("inWeek", { date: localDay(ctx, change.at), week: change.week.slice(6) })}</td>
              <td>{change.by ?? "–"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
};

export const SinceView = (props: {
  ctx: ViewContext;
  report: SinceReview & { basis: "dates" | "last_review" | "last_days" };
  meeting: ReviewMeeting | null;
  teams: string[];
}) => {
  const { ctx, report } = props;
  const { t } = ctx;
  const path = `${DASHBOARD}/since`;
  const query = { from: report.fromDay, to: report.toDay, ...(report.team ? { team: report.team } : {}) };
  return (
    <Page ctx={ctx} title={t("sinceTitle")}>
      <h1>{t("sinceTitle")}</h1>
      <p class="lede">
        {t("sinceWindow", { from: day(ctx.language, report.fromDay), to: day(ctx.language, report.toDay) })}{" "}
        {report.basis === "last_review" && props.meeting
          ? t("basis_last_review", { date: localDay(ctx, props.meeting.at) })
          : t(`basis_${report.basis}` as WordKey)}
      </p>
      <form method="get" action={path} class="filters">
        <label for="from">{t("fromDay")}</label>
        <input type="date" id="from" name="from" value={report.fromDay} />
        <label for="to">{t("toDay")}</label>
        <input type="date" id="to" name="to" value={report.toDay} />
        <TeamSelect ctx={ctx} teams={props.teams} team={report.team} />
        <button type="submit" class="secondary">
          {t("showWindow")}
        </button>
      </form>
      <p class="actions">
        <a href={href({ cycle: null, filters: ctx.filters }, `${DASHBOARD}/since.csv`, query)} download>
          {t("exportCsv")}
        </a>
      </p>

      <h2>{t("sectionChanges")}</h2>
      {report.changes.length === 0 ? (
        <p class="empty">{t("nothingInSection")}</p>
      ) : (
        <ChangeRows ctx={ctx} changes={report.changes} />
      )}

      <h2>{t("sectionStatus")}</h2>
      {report.statusChanges.length === 0 ? (
        <p class="empty">{t("nothingInSection")}</p>
      ) : (
        <ul class="plain">
          {report.statusChanges.map((change) => (
            <li>
              <strong>{t(`statusChange_${change.kind}` as WordKey)}</strong>: {change.id} · {change.title} (
              {change.team || "–"}) — {change.from ? statusWord(t, change.from as never) : "–"} →{" "}
              <StatusBadge t={t} status={change.to as never} />
            </li>
          ))}
        </ul>
      )}

      <h2>{t("sectionCheckIns")}</h2>
      {report.checkIns.length === 0 ? (
        <p class="empty">{t("nothingInSection")}</p>
      ) : (
        <div class="table-scroll">
          <table id="check-ins">
            <caption>{t("sectionCheckIns")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("colWhen")}</th>
                <th scope="col">{t("colItem")}</th>
                <th scope="col">{t("colValue")}</th>
                <th scope="col">{t("colAuthor")}</th>
                <th scope="col">{t("note")}</th>
              </tr>
            </thead>
            <tbody>
              {report.checkIns.map((checkIn) => (
                <tr>
                  <td>{localDay(ctx, checkIn.at)}</td>
                  <th scope="row">
                    {checkIn.krId} · {checkIn.title}
                  </th>
                  <td>{number(ctx.language, checkIn.value)}</td>
                  <td>{checkIn.author}</td>
                  <td>{checkIn.note || "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <h2>{t("sectionQuiet")}</h2>
      {report.quiet.length === 0 ? (
        <p class="empty">{t("nothingInSection")}</p>
      ) : (
        <ul class="plain">
          {report.quiet.map((kr) => (
            <li>
              {kr.id} · {kr.title} ({kr.team || "–"}) — {t("colLastUpdate")}:{" "}
              {kr.lastCheckInAt ? localDay(ctx, kr.lastCheckInAt) : t("never")}
            </li>
          ))}
        </ul>
      )}
    </Page>
  );
};

const AgendaEntry = (props: { ctx: ViewContext; item: AgendaItem }) => {
  const { ctx, item } = props;
  const { t } = ctx;
  return (
    <li class="agenda-item">
      <p>
        <strong>
          {item.id} · {item.title}
        </strong>{" "}
        ({item.team || "–"}){" "}
        {item.state && (
          <StatusWithConfidence
            t={t}
            language={ctx.language}
            status={item.state.status}
            confidence={item.state.confidence}
            paceStatus={item.state.paceStatus}
            ownerStatus={item.state.ownerStatus}
          />
        )}
      </p>
      {item.moves.length > 0 && (
        <ul class="plain">
          {item.moves.map((move) => (
            <li>
              {t(`change_${move.kind}` as WordKey)}: {valueText(ctx, move.from)} → {valueText(ctx, move.to)},{" "}
              {t("inWeek", { date: localDay(ctx, move.at), week: move.week.slice(6) })}
              {move.towardCurrent && (
                <>
                  {" "}
                  <strong class="flag">⚑ {t("towardCurrent")}</strong>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <p class="muted">{t("lastNotes")}:</p>
      {item.notes.length === 0 ? (
        <p class="empty">{t("noNotes")}</p>
      ) : (
        <ul class="plain notes">
          {item.notes.map((note) => (
            <li>
              {localDay(ctx, note.at)}, {note.author}: “{note.note}”
            </li>
          ))}
        </ul>
      )}
    </li>
  );
};

export const MeetingView = (props: {
  ctx: ViewContext;
  team: string | null;
  teams: string[];
  agenda: Agenda;
  lastMeeting: ReviewMeeting | null;
  mayHold: boolean;
  held: boolean;
  forbidden: boolean;
}) => {
  const { ctx } = props;
  const { t } = ctx;
  const title = props.team ? t("meetingFor", { team: props.team }) : `${t("meetingTitle")}: ${t("wholeOrg")}`;
  return (
    <Page ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p class="lede">{t("meetingIntro")}</p>
      <form method="get" action={`${DASHBOARD}/meeting`} class="filters">
        <TeamSelect ctx={ctx} teams={props.teams} team={props.team} />
        <button type="submit" class="secondary">
          {t("showWindow")}
        </button>
      </form>
      {props.held && <Notice text={t("reviewHeldDone")} />}
      {props.forbidden && <Notice text={t("reviewHeldForbidden")} error />}
      <p>
        {props.lastMeeting
          ? t("lastReview", { date: localDay(ctx, props.lastMeeting.at) })
          : t("noReviewYet")}{" "}
        <a
          href={href(
            { cycle: null, filters: ctx.filters },
            `${DASHBOARD}/since`,
            props.team ? { team: props.team } : {},
          )}
        >
          {t("seeAllChanges")}
        </a>
      </p>
      {props.agenda.sections.map((section) => (
        <section aria-labelledby={`agenda-${section.section}`}>
          <h2 id={`agenda-${section.section}`}>
            {t(`agenda_${section.section}` as WordKey)} ({section.items.length})
          </h2>
          {section.items.length === 0 ? (
            <p class="empty">{t("nothingInSection")}</p>
          ) : (
            <ol class="agenda">
              {section.items.map((item) => (
                <AgendaEntry ctx={ctx} item={item} />
              ))}
            </ol>
          )}
        </section>
      ))}
      <h2>{t("reviewHeld")}</h2>
      <p>{t("reviewHeldWho")}</p>
      {props.mayHold ? (
        <form method="post" action={`${DASHBOARD}/meeting/held`}>
          <input type="hidden" name="csrf" value={ctx.csrfToken} />
          <input type="hidden" name="team" value={props.team ?? ""} />
          <p class="muted">{t("reviewHeldHint")}</p>
          <button type="submit">{t("reviewHeld")}</button>
        </form>
      ) : null}
    </Page>
  );
};
