// Check-ins: a key result's new value with confidence, note, who and when; history per KR and objective.
import * as z from "zod";
import { toFraction, toMeasure } from "../../shared/coerce.js";
import {
  CheckInBatchRequestSchema,
  CheckInListSchema,
  CheckInRequestSchema,
  CheckInSchema,
} from "../../shared/contract.js";
import type { OkrRow } from "../../shared/model.js";
import { CHECK_IN_BATCH_MAX, route } from "../../shared/wire.js";
import type { AppDeps } from "../app/config.js";
import type { AuthContext } from "../app/context.js";
import { ApiError } from "../app/errors.js";
import { assertMayWriteSheet, requireKey } from "../middleware/auth/index.js";
import { idempotency } from "../middleware/idempotency/index.js";
import type { CheckInRecord, PutCheckInsOptions } from "../store/types.js";
import { createRoute, ERROR_RESPONSES, json, jsonBody, newRouter, SECURITY } from "./router.js";

const Id = z.string().min(1).max(128);
/** Writers see their own sheet's check-ins; readers and admins all of the organisation. */
const visible = (auth: AuthContext, checkIns: CheckInRecord[]) =>
  auth.role === "writer" ? checkIns.filter((checkIn) => checkIn.sheetId === auth.sheetId) : checkIns;

const byTime = (a: CheckInRecord, b: CheckInRecord) => a.at.localeCompare(b.at);

/** How far ahead of the server's clock a check-in may be stamped (the add-on's clock may run fast). */
export const CHECK_IN_CLOCK_SKEW_MS = 5 * 60_000;
/** No check-in is older than the product: an earlier time is a typo or a broken clock. */
export const EARLIEST_CHECK_IN = "2000-01-01T00:00:00.000Z";

/**
 * The check-in's time in UTC, if it is a moment that can have happened: not later than a few minutes after
 * now (a check-in at 9999-12-31 would be its key result's "last update" for ever), not before 2000.
 */
function checkInTime(at: string, now: Date): string {
  const time = new Date(at);
  const iso = time.toISOString();
  if (time.getTime() > now.getTime() + CHECK_IN_CLOCK_SKEW_MS)
    throw new ApiError(
      400,
      "check_in_in_future",
      `The check-in time ${at} is later than now (${now.toISOString()}); send the time it was made, or none`,
      { at, now: now.toISOString() },
    );
  if (iso < EARLIEST_CHECK_IN)
    throw new ApiError(
      400,
      "check_in_too_old",
      `The check-in time ${at} is before 2000; send the time it was made`,
      {
        at,
      },
    );
  return iso;
}

/**
 * A check-in's value and confidence, read by the same coercion as the sheet and the add-on's dialog: a binary key
 * result's yes/no words, numbers in en/sv/nb notation, a percent key result's fractions ("65 %", 0.65 and 65 are
 * all 65 %: shared/coerce.ts toPercent), a confidence on any of its scales.
 */
export function readCheckIn(
  kr: Pick<OkrRow, "krType" | "start" | "target">,
  given: number | string,
  givenConfidence: number | string | null,
): { value: number; confidence: number | null } {
  const value = toMeasure(kr, given);
  if (!value.ok || value.value === null)
    throw new ApiError(400, "invalid_request", `value: '${given}' is not a number for this key result`, {
      issues: [{ path: "value", message: "not a number" }],
    });
  const confidence = toFraction(givenConfidence);
  if (!confidence.ok)
    throw new ApiError(
      400,
      "invalid_request",
      `confidence: '${givenConfidence}' is not a confidence (0 to 1, 0% to 100%, or 1 to 10)`,
      { issues: [{ path: "confidence", message: "not a confidence" }] },
    );
  return { value: value.value, confidence: confidence.value };
}

/** A bad item of a batch: where (`checkIns[3].value`), which item and key result, and what is wrong. */
interface BatchIssue {
  path: string;
  index: number;
  krId: string;
  message: string;
}

/** The field an ApiError of readCheckIn or checkInTime is about. */
const fieldOf = (error: ApiError) =>
  error.code === "invalid_request"
    ? String((error.details as { issues?: { path?: unknown }[] } | undefined)?.issues?.[0]?.path ?? "value")
    : "at";

/** Every bad item of a batch at once, each named by its place and field, so one answer says all to fix. */
function batchError(issues: BatchIssue[]): ApiError {
  const first = issues[0]!;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : "";
  return new ApiError(
    400,
    "invalid_request",
    `Invalid request body: ${first.path} (key result '${first.krId}'): ${first.message}${more}; nothing was recorded`,
    { issues },
  );
}

/**
 * A request's batch ID: its Idempotency-Key and the key's first arrival, the same on every retry (another batch
 * if the key comes back after it expired); without a key, a new batch each time.
 */
const batchOf = (handle: { key: string; firstSeenAt: string } | undefined): PutCheckInsOptions =>
  handle ? { batchId: `${handle.key}@${handle.firstSeenAt}` } : {};

export function checkInRoutes(deps: AppDeps) {
  const writers = requireKey(deps.store, ["admin", "writer"]);
  const anyKey = requireKey(deps.store, ["admin", "writer", "reader"]);

  const record = createRoute({
    ...route("POST /sheets/{sheetId}/key-results/{krId}/check-ins"),
    summary: "Record a check-in on a key result or KPI",
    security: SECURITY,
    middleware: [writers, idempotency(deps.store, deps.now, { leaseMs: deps.config.writeLeaseMs })] as const,
    request: { params: z.object({ sheetId: Id, krId: Id }), body: jsonBody(CheckInRequestSchema) },
    responses: { 201: json("Recorded", CheckInSchema), ...ERROR_RESPONSES },
  });
  const recordBatch = createRoute({
    ...route("POST /sheets/{sheetId}/check-ins"),
    summary: `Record up to ${CHECK_IN_BATCH_MAX} check-ins on the sheet's key results and KPIs at once, all or none`,
    security: SECURITY,
    middleware: [writers, idempotency(deps.store, deps.now, { leaseMs: deps.config.writeLeaseMs })] as const,
    request: { params: z.object({ sheetId: Id }), body: jsonBody(CheckInBatchRequestSchema) },
    responses: { 201: json("Recorded, in the order sent", CheckInListSchema), ...ERROR_RESPONSES },
  });
  const perKeyResult = createRoute({
    ...route("GET /key-results/{krId}/check-ins"),
    summary: "Check-in history of a key result, oldest first",
    security: SECURITY,
    middleware: [anyKey] as const,
    request: { params: z.object({ krId: Id }) },
    responses: { 200: json("History", CheckInListSchema), ...ERROR_RESPONSES },
  });
  const perObjective = createRoute({
    ...route("GET /objectives/{objectiveId}/check-ins"),
    summary: "Check-ins of every key result of an objective, oldest first",
    security: SECURITY,
    middleware: [anyKey] as const,
    request: { params: z.object({ objectiveId: Id }) },
    responses: { 200: json("History", CheckInListSchema), ...ERROR_RESPONSES },
  });

  return newRouter()
    .openapi(record, async (c) => {
      const auth = c.get("auth");
      const { sheetId, krId } = c.req.valid("param");
      assertMayWriteSheet(auth, sheetId);
      const kr = await deps.store.getRow(auth.orgId, sheetId, krId);
      // Key results and KPIs alike: finance and ops check in on their KPIs too.
      if (!kr || kr.deleted || kr.type === "objective") {
        throw new ApiError(
          404,
          "not_found",
          `Key result or KPI '${krId}' was not found in sheet '${sheetId}'; sync the sheet first`,
        );
      }
      const body = c.req.valid("json");
      const handle = c.get("idempotency");
      const { value, confidence } = readCheckIn(kr, body.value, body.confidence);
      const checkIn: CheckInRecord = {
        krId,
        objectiveId: kr.objectiveId,
        sheetId,
        value,
        confidence,
        note: body.note,
        author: body.author,
        // Without a time, "now" is when the first request with its Idempotency-Key came (as for a batch).
        at: body.at ? checkInTime(body.at, deps.now()) : (handle?.firstSeenAt ?? deps.now().toISOString()),
      };
      // A batch of one: with a key, a retry after a crash rewrites the same check-in instead of adding another.
      await deps.store.putCheckIns(auth.orgId, [checkIn], batchOf(handle));
      return c.json(checkIn, 201);
    })
    .openapi(recordBatch, async (c) => {
      const auth = c.get("auth");
      const { sheetId } = c.req.valid("param");
      assertMayWriteSheet(auth, sheetId);
      const items = c.req.valid("json").checkIns;
      const ids = [...new Set(items.map((item) => item.krId))];
      const rows = new Map(
        await Promise.all(
          ids.map(async (id) => [id, await deps.store.getRow(auth.orgId, sheetId, id)] as const),
        ),
      );
      // Without a time, "now" is when the first request with its Idempotency-Key came: a retry writes the same.
      const handle = c.get("idempotency");
      const now = deps.now();
      const stamp = handle?.firstSeenAt ?? now.toISOString();
      const issues: BatchIssue[] = [];
      const checkIns: CheckInRecord[] = [];
      items.forEach((item, index) => {
        const issue = (field: string, message: string) =>
          issues.push({ path: `checkIns[${index}].${field}`, index, krId: item.krId, message });
        const kr = rows.get(item.krId);
        if (!kr || kr.deleted || kr.type === "objective") {
          issue(
            "krId",
            `key result or KPI '${item.krId}' was not found in sheet '${sheetId}'; sync the sheet first`,
          );
          return;
        }
        try {
          const { value, confidence } = readCheckIn(kr, item.value, item.confidence);
          checkIns.push({
            krId: item.krId,
            objectiveId: kr.objectiveId,
            sheetId,
            value,
            confidence,
            note: item.note,
            author: item.author,
            at: item.at ? checkInTime(item.at, now) : stamp,
          });
        } catch (error) {
          if (!(error instanceof ApiError)) throw error;
          const field = fieldOf(error);
          issue(field, error.message.replace(`${field}: `, ""));
        }
      });
      if (issues.length > 0) throw batchError(issues);
      await deps.store.putCheckIns(auth.orgId, checkIns, batchOf(handle));
      return c.json({ checkIns }, 201);
    })
    .openapi(perKeyResult, async (c) => {
      const auth = c.get("auth");
      const checkIns = await deps.store.listCheckInsForKeyResult(auth.orgId, c.req.valid("param").krId);
      return c.json({ checkIns: visible(auth, checkIns).sort(byTime) }, 200);
    })
    .openapi(perObjective, async (c) => {
      const auth = c.get("auth");
      const checkIns = await deps.store.listCheckInsForObjective(
        auth.orgId,
        c.req.valid("param").objectiveId,
      );
      return c.json({ checkIns: visible(auth, checkIns).sort(byTime) }, 200);
    });
}
