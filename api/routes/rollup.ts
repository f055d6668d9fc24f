// Read side for leaders and the add-on: the catalog of alignable objectives, cycles, the rollup
// (JSON and CSV). All computed by the shared engine over every sheet of the organisation.
import { createRoute, z } from "@hono/zod-openapi";
import {
  type CatalogObjective,
  CatalogResponseSchema,
  CyclesResponseSchema,
  IsoDate,
  RollupQuerySchema,
  RollupResponseSchema,
} from "../../shared/contract.js";
import { dayEndsAt } from "../../shared/history.js";
import type { SheetRows } from "../../shared/model.js";
import { buildRollup, listCycles, objectiveRef } from "../../shared/rollup.js";
import { DEFAULT_TIME_ZONE, isoDayIn } from "../../shared/time-zone.js";
import { route } from "../../shared/wire.js";
import type { AppDeps } from "../app/config.js";
import { orgSheetsAt } from "../history/replay.js";
import { csvCell, rollupCsv } from "../lib/csv.js";
import { requireKey } from "../middleware/auth/index.js";
import type { SheetWithRows, Store } from "../store/types.js";
import { stripStored } from "../sync/plan.js";
import { ERROR_RESPONSES, newRouter, SECURITY } from "./router.js";

/** Every sheet's live rows (deleted ones left out), as the engine takes them. */
function liveRows(stored: readonly SheetWithRows[]): SheetRows[] {
  return stored.map(({ sheet, rows }) => ({
    sheetId: sheet.sheetId,
    name: sheet.name,
    rows: rows
      .filter((row) => !row.deleted)
      .map(stripStored)
      .sort((a, b) => a.row - b.row),
  }));
}

export async function liveSheets(store: Store, orgId: string): Promise<SheetRows[]> {
  return liveRows(await store.listOrgSheets(orgId));
}

/**
 * The live sheets and, per key result (and KPI), the time of its latest update: its last check-in or the last sync
 * that brought a new Current value, whichever is later (what "no update for N days" is judged by).
 */
export async function liveSheetsWithUpdates(
  store: Store,
  orgId: string,
): Promise<{ sheets: SheetRows[]; lastUpdates: Map<string, string> }> {
  const [stored, lastUpdates] = await Promise.all([store.listOrgSheets(orgId), store.lastCheckIns(orgId)]);
  for (const { rows } of stored)
    for (const row of rows) {
      const changed = row.currentChangedAt;
      // Key results and KPIs (the weekly reminders ask for both); the rollup reads key results only.
      if (row.deleted || row.type === "objective" || !changed) continue;
      const checkedIn = lastUpdates.get(row.id);
      if (!checkedIn || checkedIn < changed) lastUpdates.set(row.id, changed);
    }
  return { sheets: liveRows(stored), lastUpdates };
}

const json = <T>(description: string, schema: T) => ({
  description,
  content: { "application/json": { schema } },
});

export function readRoutes(deps: AppDeps) {
  // OKRs are open to everyone in the organisation: a team lead's writer key reads the rollup and the catalog too
  // (writing stays bound to its one sheet, see check-ins.ts and sheets.ts).
  const anyKey = requireKey(deps.store, ["admin", "writer", "reader"]);

  const catalog = createRoute({
    ...route("GET /objectives"),
    summary: "The organisation's objectives one can align to (the add-on's 'Aligns to' list)",
    security: SECURITY,
    middleware: [anyKey] as const,
    request: { query: z.object({ cycle: z.string().max(200).optional() }) },
    responses: { 200: json("Objectives", CatalogResponseSchema), ...ERROR_RESPONSES },
  });
  const cycles = createRoute({
    ...route("GET /cycles"),
    summary: "Cycles in use across the organisation",
    security: SECURITY,
    middleware: [anyKey] as const,
    responses: { 200: json("Cycles", CyclesResponseSchema), ...ERROR_RESPONSES },
  });
  const rollup = createRoute({
    ...route("GET /rollup"),
    summary: "The consolidated rollup of one cycle across every sheet",
    security: SECURITY,
    middleware: [anyKey] as const,
    request: { query: RollupQuerySchema },
    responses: { 200: json("Rollup", RollupResponseSchema), ...ERROR_RESPONSES },
  });
  const rollupCsvRoute = createRoute({
    ...route("GET /rollup.csv"),
    summary: "The rollup as CSV (one line per objective; formula-like cells are quoted)",
    security: SECURITY,
    middleware: [anyKey] as const,
    request: { query: z.object({ cycle: z.string().min(1).max(200), asOf: IsoDate.optional() }) },
    responses: {
      200: { description: "CSV", content: { "text/csv": { schema: z.string() } } },
      ...ERROR_RESPONSES,
    },
  });

  const compute = async (orgId: string, cycle: string, asOf: string | undefined) => {
    const org = await deps.store.getOrg(orgId);
    // Today in the organisation's time zone, the day its sheets' TODAY() shows.
    const timeZone = org?.timeZone ?? DEFAULT_TIME_ZONE;
    const today = isoDayIn(deps.now(), timeZone);
    // A past day is replayed from the rows' history: that day's rows, not today's rows judged on that day.
    const { sheets, lastUpdates } =
      asOf !== undefined && asOf < today
        ? await orgSheetsAt(deps.store, orgId, dayEndsAt(asOf, timeZone))
        : await liveSheetsWithUpdates(deps.store, orgId);
    return buildRollup(sheets, {
      cycle,
      asOf: asOf ?? today,
      lastCheckIns: lastUpdates,
      timeZone,
    });
  };

  return newRouter()
    .openapi(catalog, async (c) => {
      const { cycle } = c.req.valid("query");
      // From the index of live objectives: the add-on asks after every sync, so this must not read every row.
      const linkable = await deps.store.listLinkableRows(c.get("auth").orgId, ["objective"]);
      // With their alignment, so a sheet's quality check sees which company objectives other teams support.
      const objectives: CatalogObjective[] = linkable
        .filter(({ row }) => cycle === undefined || row.cycle === cycle)
        .sort((a, b) => (a.sheetId < b.sheetId ? -1 : a.sheetId > b.sheetId ? 1 : a.row.row - b.row.row))
        .map((placed) => ({
          ...objectiveRef(placed),
          alignsTo: placed.row.alignsTo,
          contributesTo: placed.row.contributesTo,
        }));
      return c.json({ objectives }, 200);
    })
    .openapi(cycles, async (c) => {
      return c.json({ cycles: listCycles(await liveSheets(deps.store, c.get("auth").orgId)) }, 200);
    })
    .openapi(rollup, async (c) => {
      const { cycle, asOf } = c.req.valid("query");
      const result = await compute(c.get("auth").orgId, cycle, asOf);
      return c.json(result, 200);
    })
    .openapi(rollupCsvRoute, async (c) => {
      const { cycle, asOf } = c.req.valid("query");
      const result = await compute(c.get("auth").orgId, cycle, asOf);
      const filename = `okr-rollup-${cycle.replace(/[^A-Za-z0-9._-]/g, "_")}.csv`;
      c.header("Content-Disposition", `attachment; filename=${csvCell(filename)}`);
      return c.body(rollupCsv(result), 200, { "Content-Type": "text/csv; charset=utf-8" });
    });
}
