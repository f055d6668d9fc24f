// What the add-on needs for people and the rhythm, with the existing key auth: the people list (read by any
// key; writers may add readers, only admins change admins or remove people), the sheet's spreadsheet URL,
// a row's conversation, and the team's alignment review.
import * as z from "zod";
import { COMMENT_MAX_LENGTH, type Comment, cleanCommentText, reviewTarget } from "../../shared/comments.js";
import { buildGraph } from "../../shared/graph.js";
import { LANGUAGES } from "../../shared/model.js";
import { indexPeople, normalEmail, type Person, parsePerson, resolveOwner } from "../../shared/people.js";
import {
  type CommentInput as CommentInputWire,
  type PersonInput as PersonInputWire,
  route,
} from "../../shared/wire.js";
import type { AppDeps } from "../app/config.js";
import { ApiError, notFound } from "../app/errors.js";
import { randomId } from "../auth/api-keys.js";
import { assertMayReadSheet, assertMayWriteSheet, requireKey } from "../middleware/auth/index.js";
import { liveSheets } from "../read/index.js";
import { createRoute, ERROR_RESPONSES, json, jsonBody, newRouter, SECURITY } from "./router.js";

const Id = z.string().min(1).max(128);
const SheetParams = z.object({ sheetId: Id });
const PersonSchema = z
  .object({
    email: z.string(),
    name: z.string(),
    team: z.string(),
    role: z.enum(["reader", "admin"]),
    leader: z.boolean(),
  })
  .meta({ id: "Person" }) satisfies z.ZodType<Person>;
const CommentSchema = z
  .object({
    id: z.string(),
    targetId: z.string(),
    parentId: z.string().nullable(),
    text: z.string(),
    authorName: z.string(),
    authorEmail: z.string(),
    at: z.string(),
    source: z.enum(["dashboard", "addon"]),
    sheetId: z.string().nullable(),
  })
  .meta({ id: "Comment" }) satisfies z.ZodType<Comment>;
const PersonInput = z.object({
  email: z.string().max(254),
  name: z.string().max(200),
  team: z.string().max(200).default(""),
  role: z.enum(["reader", "admin"]).default("reader"),
  leader: z.boolean().default(false),
}) satisfies z.ZodType<unknown, PersonInputWire>;
const CommentInput = z.object({
  targetId: Id,
  parentId: Id.nullable().default(null),
  text: z.string().max(COMMENT_MAX_LENGTH * 2),
  /** The Google account the add-on runs as (Session.getActiveUser). */
  author: z.string().trim().min(1).max(254),
}) satisfies z.ZodType<unknown, CommentInputWire>;
const ReviewQuery = z.object({ team: z.string().min(1).max(200), cycle: z.string().min(1).max(200) });

export function peopleRoutes(deps: AppDeps) {
  const anyKey = requireKey(deps.store, ["admin", "writer", "reader"]);
  const writers = requireKey(deps.store, ["admin", "writer"]);
  const admins = requireKey(deps.store, ["admin"]);

  /** The live rows of the organisation, and this sheet's. */
  const rowsOf = async (orgId: string, sheetId: string) => {
    const sheets = await liveSheets(deps.store, orgId);
    const own = sheets.find((sheet) => sheet.sheetId === sheetId)?.rows ?? [];
    return { sheets, own };
  };

  const listPeople = createRoute({
    ...route("GET /people"),
    summary: "The organisation's people list",
    security: SECURITY,
    middleware: [anyKey] as const,
    responses: { 200: json("People", z.object({ people: z.array(PersonSchema) })), ...ERROR_RESPONSES },
  });
  const putPerson = createRoute({
    ...route("POST /people"),
    summary: "Add or update a person (writer keys: readers only, and never an admin's entry)",
    security: SECURITY,
    middleware: [writers] as const,
    request: { body: jsonBody(PersonInput) },
    responses: { 200: json("Saved", PersonSchema), ...ERROR_RESPONSES },
  });
  const removePerson = createRoute({
    ...route("DELETE /people/{email}"),
    summary: "Take a person off the list",
    security: SECURITY,
    middleware: [admins] as const,
    request: { params: z.object({ email: z.string().min(3).max(254) }) },
    responses: { 200: json("Removed", z.object({ removed: z.string() })), ...ERROR_RESPONSES },
  });
  const sheetUrl = createRoute({
    ...route("POST /sheets/{sheetId}/url"),
    summary: "The spreadsheet's address (links in reminders)",
    security: SECURITY,
    middleware: [writers] as const,
    request: { params: SheetParams, body: jsonBody(z.object({ url: z.string().max(2000) })) },
    responses: { 200: json("Saved", z.object({ url: z.string() })), ...ERROR_RESPONSES },
  });
  const listComments = createRoute({
    ...route("GET /sheets/{sheetId}/comments"),
    summary: "The conversation about one row of this sheet (or its team's review), oldest first",
    security: SECURITY,
    middleware: [anyKey] as const,
    request: {
      params: SheetParams,
      query: z.object({ target: Id.or(z.string().startsWith("review:").max(420)) }),
    },
    responses: { 200: json("Comments", z.object({ comments: z.array(CommentSchema) })), ...ERROR_RESPONSES },
  });
  const postComment = createRoute({
    ...route("POST /sheets/{sheetId}/comments"),
    summary: "Comment on a row of this sheet (or its team's review), or reply",
    security: SECURITY,
    middleware: [writers] as const,
    request: {
      params: SheetParams,
      body: jsonBody(CommentInput.extend({ targetId: z.string().min(1).max(420) })),
    },
    responses: { 201: json("Posted", CommentSchema), ...ERROR_RESPONSES },
  });
  const requestReview = createRoute({
    ...route("POST /sheets/{sheetId}/review"),
    summary: "Ask for review of a team's draft OKRs of a cycle (a new round after changes)",
    security: SECURITY,
    middleware: [writers] as const,
    request: {
      params: SheetParams,
      body: jsonBody(ReviewQuery.extend({ author: z.string().min(1).max(254) })),
    },
    responses: {
      200: json("Requested", z.object({ state: z.string(), round: z.number() })),
      ...ERROR_RESPONSES,
    },
  });
  const readReview = createRoute({
    ...route("GET /sheets/{sheetId}/review"),
    summary: "A team's review: its state, decisions, comments, findings and reviewers",
    security: SECURITY,
    middleware: [anyKey] as const,
    request: {
      params: SheetParams,
      query: ReviewQuery.extend({ language: z.enum(LANGUAGES).default("en") }),
    },
    responses: { 200: json("Review", z.record(z.string(), z.unknown())), ...ERROR_RESPONSES },
  });

  /** A target this sheet may talk about: one of its objectives or key results, or one of its teams' reviews. */
  const assertTarget = (
    own: readonly { id: string; type: string; team: string; cycle: string }[],
    targetId: string,
  ) => {
    const ok = targetId.startsWith("review:")
      ? own.some((row) => reviewTarget(row.team, row.cycle) === targetId)
      : own.some((row) => row.id === targetId && row.type !== "kpi");
    if (!ok)
      throw new ApiError(
        404,
        "not_found",
        `'${targetId}' is not an objective or key result of this sheet; sync first`,
      );
  };

  return newRouter()
    .openapi(listPeople, async (c) =>
      c.json({ people: await deps.store.listPeople(c.get("auth").orgId) }, 200),
    )
    .openapi(putPerson, async (c) => {
      const auth = c.get("auth");
      const parsed = parsePerson(c.req.valid("json"));
      if (!parsed.ok)
        throw new ApiError(400, "invalid_person", `The person's ${parsed.field} is not valid`, {
          field: parsed.field,
        });
      if (auth.role !== "admin") {
        const existing = await deps.store.getPerson(auth.orgId, parsed.person.email);
        if (parsed.person.role === "admin" || existing?.role === "admin")
          throw new ApiError(403, "forbidden", "Only an admin key may add admins or change an admin's entry");
      }
      await deps.store.putPerson(auth.orgId, parsed.person, deps.now().toISOString());
      return c.json(parsed.person, 200);
    })
    .openapi(removePerson, async (c) => {
      const email = normalEmail(c.req.valid("param").email);
      if (!(await deps.store.removePerson(c.get("auth").orgId, email, deps.now().toISOString())))
        throw notFound(`Person '${email}'`);
      return c.json({ removed: email }, 200);
    })
    .openapi(sheetUrl, async (c) => {
      const auth = c.get("auth");
      const { sheetId } = c.req.valid("param");
      assertMayWriteSheet(auth, sheetId);
      const { url } = c.req.valid("json");
      if (!/^https:\/\/\S+$/.test(url))
        throw new ApiError(400, "invalid_url", "The spreadsheet URL must be an https address");
      await deps.store.putSheetUrl(auth.orgId, sheetId, url);
      return c.json({ url }, 200);
    })
    .openapi(listComments, async (c) => {
      const auth = c.get("auth");
      const { sheetId } = c.req.valid("param");
      assertMayReadSheet(auth, sheetId);
      const { target } = c.req.valid("query");
      const { own } = await rowsOf(auth.orgId, sheetId);
      assertTarget(own, target);
      return c.json({ comments: await deps.store.listComments(auth.orgId, target) }, 200);
    })
    .openapi(postComment, async (c) => {
      const auth = c.get("auth");
      const { sheetId } = c.req.valid("param");
      assertMayWriteSheet(auth, sheetId);
      const body = c.req.valid("json");
      const text = cleanCommentText(body.text);
      if (!text)
        throw new ApiError(
          400,
          "invalid_comment",
          `A comment holds 1 to ${COMMENT_MAX_LENGTH} characters of text`,
        );
      const { own } = await rowsOf(auth.orgId, sheetId);
      assertTarget(own, body.targetId);
      if (
        body.parentId &&
        !(await deps.store.listComments(auth.orgId, body.targetId)).some((x) => x.id === body.parentId)
      )
        throw new ApiError(404, "not_found", `No comment '${body.parentId}' to reply to`);
      const email = normalEmail(body.author);
      const found = resolveOwner(email, indexPeople(await deps.store.listPeople(auth.orgId)));
      const comment: Comment = {
        id: randomId(),
        targetId: body.targetId,
        parentId: body.parentId,
        text,
        authorName: found.kind === "person" ? found.person.name : "",
        authorEmail: email,
        at: deps.now().toISOString(),
        source: "addon",
        sheetId,
      };
      await deps.store.putComment(auth.orgId, comment);
      return c.json(comment, 201);
    })
    .openapi(requestReview, async (c) => {
      const auth = c.get("auth");
      const { sheetId } = c.req.valid("param");
      assertMayWriteSheet(auth, sheetId);
      const { team, cycle, author } = c.req.valid("json");
      const { own } = await rowsOf(auth.orgId, sheetId);
      if (!own.some((row) => row.type === "objective" && row.team === team && row.cycle === cycle))
        throw new ApiError(
          404,
          "not_found",
          `This sheet has no objectives of team '${team}' in ${cycle}; sync first`,
        );
      const previous = await deps.store.getReviewRequest(auth.orgId, team, cycle);
      const round = (previous?.round ?? 0) + 1;
      await deps.store.putReviewRequest(auth.orgId, {
        team,
        cycle,
        round,
        requestedAt: deps.now().toISOString(),
        requestedBy: normalEmail(author),
      });
      return c.json({ state: "requested", round }, 200);
    })
    .openapi(readReview, async (c) => {
      const auth = c.get("auth");
      const { sheetId } = c.req.valid("param");
      assertMayReadSheet(auth, sheetId);
      const { team, cycle, language } = c.req.valid("query");
      // Loaded on first use: the quality rules and duplicate search stay out of every request's cold start.
      const { alignedTeams, reviewersOf, reviewState, teamFindings } = await import("../../shared/review.js");
      const { sheets } = await rowsOf(auth.orgId, sheetId);
      const graph = buildGraph(sheets);
      const [request, verdicts, comments, people] = await Promise.all([
        deps.store.getReviewRequest(auth.orgId, team, cycle),
        deps.store.listReviewVerdicts(auth.orgId, cycle, team),
        deps.store.listComments(auth.orgId, reviewTarget(team, cycle)),
        deps.store.listPeople(auth.orgId),
      ]);
      const others = alignedTeams(graph, team, cycle);
      return c.json(
        {
          team,
          cycle,
          state: reviewState(request, verdicts),
          request,
          verdicts: verdicts.filter((verdict) => verdict.round === request?.round),
          comments,
          findings: teamFindings(graph, team, cycle, language),
          alignedTeams: others,
          reviewers: reviewersOf(people, team, others).map((person) => ({
            name: person.name,
            team: person.team,
          })),
        },
        200,
      );
    });
}
