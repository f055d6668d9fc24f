// The history of rows, "since last review" (JSON and CSV) and review meetings, for readers and the add-on.
import * as z from "zod";
import { IsoDate, StoredRowSchema } from "../../shared/contract.js";
import { DEFAULT_TIME_ZONE } from "../../shared/time-zone.js";
import type { AppDeps } from "../app/config.js";
import { sinceReviewCsv } from "../history/csv.js";
import { reviewWindow, sinceReviewOf } from "../history/since-review.js";
import { csvDownload } from "../lib/csv.js";
import { CSV_QUERY, csvFormatOf } from "../lib/csv-query.js";
import { assertMayReadSheet, requireKey } from "../middleware/auth/index.js";
import { createRoute, ERROR_RESPONSES, json, jsonBody, newRouter, SECURITY } from "./router.js";

const RowVersionSchema = StoredRowSchema.extend({ sheetId: z.string() }).meta({ id: "RowVersion" });
const SheetParams = z.object({ sheetId: z.string().min(1).max(128) });
const RowParams = SheetParams.extend({ rowId: z.string().min(1).max(128) });
const Team = z.string().trim().max(200);

const SinceReviewQuery = z.object({
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  team: Team.optional(),
  quiet: z.coerce.number().int().min(1).max(365).optional(),
});

const RowChangeSchema = z.object({
  kind: z.string(),
  id: z.string(),
  type: z.string(),
  title: z.string(),
  team: z.string(),
  sheetId: z.string(),
  from: z.union([z.string(), z.number()]).nullable(),
  to: z.union([z.string(), z.number()]).nullable(),
  at: z.string(),
  week: z.string(),
  by: z.string().nullable(),
  towardCurrent: z.boolean(),
});
const SinceReviewSchema = z
  .object({
    basis: z.enum(["dates", "last_review", "last_days"]),
    from: z.string(),
    to: z.string(),
    fromDay: z.string(),
    toDay: z.string(),
    team: z.string().nullable(),
    changes: z.array(RowChangeSchema),
    statusChanges: z.array(
      z.object({
        kind: z.enum(["new_off_track", "recovered"]),
        id: z.string(),
        title: z.string(),
        team: z.string(),
        sheetId: z.string(),
        from: z.string().nullable(),
        to: z.string(),
      }),
    ),
    checkIns: z.array(
      z.object({
        krId: z.string(),
        title: z.string(),
        team: z.string(),
        value: z.number(),
        confidence: z.number().nullable(),
        note: z.string(),
        author: z.string(),
        at: z.string(),
      }),
    ),
    quiet: z.array(z.object({ id: z.string(), title: z.string(), team: z.string() }).passthrough()),
  })
  .meta({ id: "SinceReview" });
const ReviewMeetingSchema = z
  .object({ team: z.string(), at: z.string(), by: z.string() })
  .meta({ id: "ReviewMeeting" });

export function historyRoutes(deps: AppDeps) {
  const anyKey = requireKey(deps.store, ["admin", "writer", "reader"]);
  const readers = requireKey(deps.store, ["admin", "reader"]);
  const admins = requireKey(deps.store, ["admin"]);

  const sheetHistory = createRoute({
    method: "get",
    path: "/sheets/{sheetId}/history",
    summary: "Every version a sheet's rows held before a sync replaced it (oldest revision first per row)",
    security: SECURITY,
    middleware: [anyKey] as const,
    request: { params: SheetParams },
    responses: {
      200: json("Versions", z.object({ versions: z.array(RowVersionSchema) })),
      ...ERROR_RESPONSES,
    },
  });
  const rowHistory = createRoute({
    method: "get",
    path: "/sheets/{sheetId}/rows/{rowId}/history",
    summary: "A row's versions, the kept ones and the one it holds now, oldest first",
    security: SECURITY,
    middleware: [anyKey] as const,
    request: { params: RowParams },
    responses: {
      200: json("Versions", z.object({ versions: z.array(RowVersionSchema) })),
      ...ERROR_RESPONSES,
    },
  });
  const since = createRoute({
    method: "get",
    path: "/since-review",
    summary:
      "What changed between two days (default: since the last review meeting of the team or organisation, else the last 7 days)",
    security: SECURITY,
    middleware: [readers] as const,
    request: { query: SinceReviewQuery },
    responses: { 200: json("Since last review", SinceReviewSchema), ...ERROR_RESPONSES },
  });
  const sinceCsv = createRoute({
    method: "get",
    path: "/since-review.csv",
    summary: "Since last review as CSV (one line per change, status change, check-in and quiet key result)",
    security: SECURITY,
    middleware: [readers] as const,
    request: { query: SinceReviewQuery.extend(CSV_QUERY) },
    responses: {
      200: { description: "CSV", content: { "text/csv": { schema: z.string() } } },
      ...ERROR_RESPONSES,
    },
  });
  const meetings = createRoute({
    method: "get",
    path: "/review-meetings",
    summary: "The review meetings held by a team (or, without team, the organisation), latest first",
    security: SECURITY,
    middleware: [readers] as const,
    request: { query: z.object({ team: Team.optional() }) },
    responses: {
      200: json("Meetings", z.object({ meetings: z.array(ReviewMeetingSchema) })),
      ...ERROR_RESPONSES,
    },
  });
  const held = createRoute({
    method: "post",
    path: "/review-meetings",
    summary: "Records a review meeting held now: 'since last review' starts from it (admin keys)",
    security: SECURITY,
    middleware: [admins] as const,
    request: { body: jsonBody(z.object({ team: Team.default("") })) },
    responses: { 201: json("Recorded", ReviewMeetingSchema), ...ERROR_RESPONSES },
  });

  const report = async (orgId: string, query: z.infer<typeof SinceReviewQuery>) => {
    const org = await deps.store.getOrg(orgId);
    const timeZone = org?.timeZone ?? DEFAULT_TIME_ZONE;
    const team = query.team ? query.team : null;
    const window = await reviewWindow(deps.store, orgId, {
      fromDay: query.from,
      toDay: query.to,
      team,
      now: deps.now(),
      timeZone,
    });
    const result = await sinceReviewOf(deps.store, orgId, window, {
      team,
      timeZone,
      ...(query.quiet !== undefined ? { quietDays: query.quiet } : {}),
    });
    return { basis: window.basis, ...result };
  };

  return newRouter()
    .openapi(sheetHistory, async (c) => {
      const auth = c.get("auth");
      const { sheetId } = c.req.valid("param");
      assertMayReadSheet(auth, sheetId);
      const versions = await deps.store.listRowVersions(auth.orgId, sheetId);
      return c.json({ versions }, 200);
    })
    .openapi(rowHistory, async (c) => {
      const auth = c.get("auth");
      const { sheetId, rowId } = c.req.valid("param");
      assertMayReadSheet(auth, sheetId);
      const [kept, now] = await Promise.all([
        deps.store.listRowVersions(auth.orgId, sheetId),
        deps.store.getRow(auth.orgId, sheetId, rowId),
      ]);
      const versions = kept.filter((version) => version.id === rowId && version.revision !== now?.revision);
      if (now) versions.push({ ...now, sheetId });
      return c.json({ versions }, 200);
    })
    .openapi(since, async (c) => {
      const result = await report(c.get("auth").orgId, c.req.valid("query"));
      return c.json(result as unknown as z.infer<typeof SinceReviewSchema>, 200);
    })
    .openapi(sinceCsv, async (c) => {
      const result = await report(c.get("auth").orgId, c.req.valid("query"));
      const { language, separator } = c.req.valid("query");
      const csv = sinceReviewCsv(result, csvFormatOf(language, separator));
      return csvDownload(c, `okr-since-${result.fromDay}-${result.toDay}.csv`, csv);
    })
    .openapi(meetings, async (c) => {
      const { team } = c.req.valid("query");
      return c.json({ meetings: await deps.store.listReviewMeetings(c.get("auth").orgId, team ?? "") }, 200);
    })
    .openapi(held, async (c) => {
      const auth = c.get("auth");
      const { team } = c.req.valid("json");
      const meeting = { team, at: deps.now().toISOString(), by: `key:${auth.keyId}` };
      await deps.store.putReviewMeeting(auth.orgId, meeting);
      return c.json(meeting, 201);
    });
}
