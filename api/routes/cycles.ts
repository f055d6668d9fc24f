// A cycle's lifecycle and value histories: "Close cycle" freezes a sheet's rows of a cycle (final values and
// grades) as the cycle's record, which later edits of the sheet do not change; the history of a key result
// or KPI merges its check-ins with the values syncs brought (a formula-fed Current gets a history too).
import * as z from "zod";
import type { CycleRecordRow } from "../../shared/cycle-archive.js";
import {
  CloseCycleRequestSchema,
  CloseCycleResponseSchema,
  HistoryResponseSchema,
} from "../../shared/cycle-contract.js";
import { computeRows, gradeScore } from "../../shared/progress.js";
import { DEFAULT_TIME_ZONE, isoDayIn } from "../../shared/time-zone.js";
import type { AppDeps } from "../app/config.js";
import { ApiError } from "../app/errors.js";
import { assertMayWriteSheet, requireKey } from "../middleware/auth/index.js";
import { idempotency } from "../middleware/idempotency/index.js";
import { liveSheetsWithUpdates, rowHistory } from "../read/index.js";
import { createRoute, ERROR_RESPONSES, json, jsonBody, newRouter, SECURITY } from "./router.js";

const Id = z.string().min(1).max(128);
export function cycleRoutes(deps: AppDeps) {
  const writers = requireKey(deps.store, ["admin", "writer"]);
  const anyKey = requireKey(deps.store, ["admin", "writer", "reader"]);

  const close = createRoute({
    method: "post",
    path: "/sheets/{sheetId}/cycles/close",
    summary: "Close a cycle in a sheet: its rows, final values and grades frozen as the cycle's record",
    security: SECURITY,
    middleware: [writers, idempotency(deps.store, deps.now, { leaseMs: deps.config.writeLeaseMs })] as const,
    request: { params: z.object({ sheetId: Id }), body: jsonBody(CloseCycleRequestSchema) },
    responses: { 200: json("Closed", CloseCycleResponseSchema), ...ERROR_RESPONSES },
  });
  const history = createRoute({
    method: "get",
    path: "/rows/{rowId}/history",
    summary: "Value history of a key result or KPI: check-ins and synced values, oldest first",
    security: SECURITY,
    middleware: [anyKey] as const,
    request: { params: z.object({ rowId: Id }) },
    responses: { 200: json("History", HistoryResponseSchema), ...ERROR_RESPONSES },
  });

  return newRouter()
    .openapi(close, async (c) => {
      const auth = c.get("auth");
      const { sheetId } = c.req.valid("param");
      const { cycle } = c.req.valid("json");
      assertMayWriteSheet(auth, sheetId);
      const [{ sheets }, records, org] = await Promise.all([
        liveSheetsWithUpdates(deps.store, auth.orgId),
        deps.store.listCycleRows(auth.orgId),
        deps.store.getOrg(auth.orgId),
      ]);
      if (records.some((record) => record.closed && record.cycle === cycle && record.sheetId === sheetId))
        throw new ApiError(
          409,
          "cycle_closed",
          `Cycle '${cycle}' is already closed in this sheet; its grades stay as closed`,
        );
      const sheet = sheets.find((entry) => entry.sheetId === sheetId);
      // The cycle's objectives, and the key results and KPIs of its objectives (or written with its label).
      const objectives = new Set(
        (sheet?.rows ?? [])
          .filter((row) => row.type === "objective" && row.cycle === cycle)
          .map((row) => row.id),
      );
      const rows = (sheet?.rows ?? []).filter(
        (row) => row.cycle === cycle || (row.objectiveId !== null && objectives.has(row.objectiveId)),
      );
      if (!sheet || rows.length === 0)
        throw new ApiError(
          404,
          "not_found",
          `Sheet '${sheetId}' has no rows of cycle '${cycle}'; sync the sheet first`,
        );
      const at = deps.now();
      const frozen: CycleRecordRow[] = rows.map((row) => ({
        cycle,
        sheetId,
        sheetName: sheet.name,
        row: { ...row, cycle: row.cycle || cycle },
        closed: true,
        keptAt: at.toISOString(),
      }));
      await deps.store.putCycleRows(auth.orgId, frozen);
      const computed = computeRows(rows, { asOf: isoDayIn(at, org?.timeZone ?? DEFAULT_TIME_ZONE) });
      const grades = rows
        .filter((row) => row.type !== "kpi")
        .map((row) => {
          const value = computed.get(row.id)?.progress ?? null;
          return { id: row.id, grade: value === null ? null : gradeScore(value) };
        });
      return c.json({ cycle, sheetId, closed: frozen.length, grades }, 200);
    })
    .openapi(history, async (c) => {
      const auth = c.get("auth");
      const { rowId } = c.req.valid("param");
      const all = await rowHistory(deps.store, auth.orgId, rowId);
      // Writers see their own sheet's history; readers and admins the organisation's.
      const visible = auth.role === "writer" ? all.filter((point) => point.sheetId === auth.sheetId) : all;
      return c.json({ points: visible }, 200);
    });
}
