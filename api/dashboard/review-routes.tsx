/** @jsxImportSource hono/jsx */
// Dashboard routes for "since last review" (page and CSV) and meeting mode (a team's or the organisation's review
// page, and the "review held" action).
import type { Context, Hono, MiddlewareHandler } from "hono";
import { meetingAgenda } from "../../shared/meeting.js";
import type { KeyResultState } from "../../shared/model.js";
import { runningCycles } from "../../shared/rhythm.js";
import { rollupFromGraph } from "../../shared/rollup.js";
import type { AppDeps } from "../app/config.js";
import { sinceReviewCsv } from "../history/csv.js";
import { loadHistory } from "../history/replay.js";
import { reviewWindow, sinceReviewOf } from "../history/since-review.js";
import { csvDownload } from "../lib/csv.js";
import type { DashboardHelpers } from "./rhythm-routes.js";
import { type SessionEnv, validCsrf } from "./session/index.js";
import { DASHBOARD } from "./views/parts.js";
import { MeetingView, SinceView } from "./views/review-meeting.js";
import { wordsFor } from "./words.js";

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;
const validDay = (value: string | undefined) =>
  value && ISO_DAY.test(value) && !Number.isNaN(Date.parse(`${value}T00:00:00Z`)) ? value : undefined;

/** Who may record a review meeting: an admin; a team's leader for their team; any leader for the organisation. */
export function mayRecordReview(session: SessionEnv["Variables"]["session"], team: string): boolean {
  if (session.role === "admin") return true;
  const person = session.person;
  if (!person?.leader) return false;
  return team === "" || person.team === team;
}

export function reviewMeetingRoutes(
  app: Hono<SessionEnv>,
  deps: AppDeps,
  signedIn: MiddlewareHandler<SessionEnv>,
  helpers: DashboardHelpers,
) {
  const { page, prepare } = helpers;

  const load = async (c: Context<SessionEnv>, path: string) => {
    const { ctx, data } = await prepare(c, path, { rollup: false });
    const orgId = c.get("session").orgId;
    const teams = [...new Set(data.sheets.flatMap((sheet) => sheet.rows.map((row) => row.team)))]
      .filter(Boolean)
      .sort();
    const asked = c.req.query("team") ?? "";
    const team = teams.includes(asked) ? asked : null;
    const timeZone = ctx.timeZone ?? "UTC";
    const window = await reviewWindow(deps.store, orgId, {
      fromDay: validDay(c.req.query("from")),
      toDay: validDay(c.req.query("to")),
      team,
      now: deps.now(),
      timeZone,
    });
    const history = await loadHistory(deps.store, orgId, window.to);
    const report = await sinceReviewOf(deps.store, orgId, window, { team, timeZone, history });
    ctx.extra = { ...ctx.extra, ...(team ? { team } : {}) };
    return { ctx, data, teams, team, window, history, report: { basis: window.basis, ...report } };
  };

  app.get("/since", signedIn, async (c) => {
    const { ctx, teams, window, report } = await load(c, `${DASHBOARD}/since`);
    ctx.extra = { ...ctx.extra, from: report.fromDay, to: report.toDay };
    return page(c, <SinceView ctx={ctx} report={report} meeting={window.meeting} teams={teams} />);
  });

  app.get("/since.csv", signedIn, async (c) => {
    const { report } = await load(c, `${DASHBOARD}/since.csv`);
    return csvDownload(c, `okr-since-${report.fromDay}-${report.toDay}.csv`, sinceReviewCsv(report));
  });

  app.get("/meeting", signedIn, async (c) => {
    const { ctx, data, teams, team, window, history, report } = await load(c, `${DASHBOARD}/meeting`);
    const atRisk = new Map<string, KeyResultState>();
    for (const cycle of runningCycles(data.graph, ctx.asOf)) {
      const rollup = rollupFromGraph(data.graph, {
        cycle,
        asOf: ctx.asOf,
        lastCheckIns: data.lastCheckIns,
        ...(ctx.timeZone ? { timeZone: ctx.timeZone } : {}),
      });
      for (const kr of rollup.insights.atRisk) if (team === null || kr.team === team) atRisk.set(kr.id, kr);
    }
    const agenda = meetingAgenda({ atRisk: [...atRisk.values()], report, checkIns: history.checkIns });
    return page(
      c,
      <MeetingView
        ctx={ctx}
        team={team}
        teams={teams}
        agenda={agenda}
        lastMeeting={window.meeting && window.meeting.team === (team ?? "") ? window.meeting : null}
        mayHold={mayRecordReview(c.get("session"), team ?? "")}
        held={c.req.query("held") === "1"}
        forbidden={c.req.query("forbidden") === "1"}
      />,
    );
  });

  app.post("/meeting/held", signedIn, async (c) => {
    const session = c.get("session");
    const form = await c.req.parseBody();
    if (!validCsrf(session, form.csrf)) return c.text(wordsFor(helpers.language(c))("formExpired"), 403);
    const team = typeof form.team === "string" ? form.team.slice(0, 200) : "";
    const back = (query: string) =>
      c.redirect(`${DASHBOARD}/meeting?${team ? `team=${encodeURIComponent(team)}&` : ""}${query}`, 303);
    if (!mayRecordReview(session, team)) return back("forbidden=1");
    await deps.store.putReviewMeeting(session.orgId, {
      team,
      at: deps.now().toISOString(),
      by: session.person?.email ?? `key:${session.keyId}`,
    });
    return back("held=1");
  });
}
