// Read side for leaders and the add-on: the catalog of alignable objectives, cycles, the rollup
// (JSON and CSV). All computed by the shared engine over every sheet of the organisation.
import { createRoute, z } from "@hono/zod-openapi";
import {
  CatalogResponseSchema,
  CyclesResponseSchema,
  IsoDate,
  RollupQuerySchema,
  RollupResponseSchema,
} from "../../shared/contract.js";
import { type CycleRecordRow, sheetsForCycle } from "../../shared/cycle-archive.js";
import type { ObjectiveRef, OkrRow, SheetRows } from "../../shared/model.js";
import { DEFAULT_TIME_ZONE, isoDayIn } from "../../shared/time-zone.js";
import type { AppDeps } from "../config.js";
import { csvCell, rollupCsv } from "../csv.js";
import { buildRollup, listCycles, objectiveRef } from "../engine.js";
import { requireKey } from "../middleware/auth/index.js";
import type { LatestCheckIn, SheetWithRows, Store } from "../store/types.js";
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
 * that brought a new Current value, whichever is later (what "no update for N days" is judged by). A check-in
 * is an update: where it is later than the sheet's last new Current, its value (and confidence) is the key
 * result's Current at once, before the sheet syncs it (latest wins, by time; both stay in the history). With
 * them the rows past cycles are kept as (`records`).
 */
export async function liveSheetsWithUpdates(
  store: Store,
  orgId: string,
): Promise<{ sheets: SheetRows[]; lastUpdates: Map<string, string>; records: CycleRecordRow[] }> {
  const [stored, lastUpdates, latest, records] = await Promise.all([
    store.listOrgSheets(orgId),
    store.lastCheckIns(orgId),
    store.latestCheckIns(orgId),
    store.listCycleRows(orgId),
  ]);
  for (const { rows } of stored)
    for (const row of rows) {
      const changed = row.currentChangedAt;
      // Key results and KPIs (the weekly reminders ask for both); the rollup reads key results only.
      if (row.deleted || row.type === "objective" || !changed) continue;
      const checkedIn = lastUpdates.get(row.id);
      if (!checkedIn || checkedIn < changed) lastUpdates.set(row.id, changed);
    }
  const sheets = liveRows(stored);
  for (const sheet of sheets)
    sheet.rows = sheet.rows.map((row) => withCheckIn(row, latest.get(row.id), stored));
  return { sheets, lastUpdates, records };
}

/** The row with its latest check-in's value when that check-in is later than the sheet's last new Current. */
function withCheckIn(
  row: OkrRow,
  latest: LatestCheckIn | undefined,
  stored: readonly SheetWithRows[],
): OkrRow {
  if (!latest || row.type === "objective") return row;
  const changedAt = currentChangedAt(stored, row.id);
  if (changedAt !== null && changedAt >= latest.at) return row;
  return { ...row, current: latest.value, confidence: latest.confidence ?? row.confidence };
}

const changedAtById = new WeakMap<readonly SheetWithRows[], Map<string, string | null>>();
function currentChangedAt(stored: readonly SheetWithRows[], id: string): string | null {
  let byId = changedAtById.get(stored);
  if (!byId) {
    byId = new Map();
    for (const { rows } of stored)
      for (const row of rows) if (!row.deleted) byId.set(row.id, row.currentChangedAt ?? null);
    changedAtById.set(stored, byId);
  }
  return byId.get(id) ?? null;
}

/** Cycles in use: the live sheets' and those only records hold (a past quarter replaced in its sheet). */
export function cyclesInUse(sheets: readonly SheetRows[], records: readonly CycleRecordRow[]): string[] {
  if (records.length === 0) return listCycles(sheets);
  return listCycles([...sheets, { sheetId: "", name: "", rows: records.map((record) => record.row) }]);
}

const json = <T>(description: string, schema: T) => ({
  description,
  content: { "application/json": { schema } },
});

export function readRoutes(deps: AppDeps) {
  const anyKey = requireKey(deps.store, ["admin", "writer", "reader"]);
  const readers = requireKey(deps.store, ["admin", "reader"]);

  const catalog = createRoute({
    method: "get",
    path: "/objectives",
    summary: "The organisation's objectives one can align to (the add-on's 'Aligns to' list)",
    security: SECURITY,
    middleware: [anyKey] as const,
    request: { query: z.object({ cycle: z.string().max(200).optional() }) },
    responses: { 200: json("Objectives", CatalogResponseSchema), ...ERROR_RESPONSES },
  });
  const cycles = createRoute({
    method: "get",
    path: "/cycles",
    summary: "Cycles in use across the organisation",
    security: SECURITY,
    middleware: [anyKey] as const,
    responses: { 200: json("Cycles", CyclesResponseSchema), ...ERROR_RESPONSES },
  });
  const rollup = createRoute({
    method: "get",
    path: "/rollup",
    summary: "The consolidated rollup of one cycle across every sheet",
    security: SECURITY,
    middleware: [readers] as const,
    request: { query: RollupQuerySchema },
    responses: { 200: json("Rollup", RollupResponseSchema), ...ERROR_RESPONSES },
  });
  const rollupCsvRoute = createRoute({
    method: "get",
    path: "/rollup.csv",
    summary: "The rollup as CSV (one line per objective; formula-like cells are quoted)",
    security: SECURITY,
    middleware: [readers] as const,
    request: { query: z.object({ cycle: z.string().min(1).max(200), asOf: IsoDate.optional() }) },
    responses: {
      200: { description: "CSV", content: { "text/csv": { schema: z.string() } } },
      ...ERROR_RESPONSES,
    },
  });

  const compute = async (orgId: string, cycle: string, asOf: string | undefined) => {
    const [{ sheets, lastUpdates, records }, org] = await Promise.all([
      liveSheetsWithUpdates(deps.store, orgId),
      deps.store.getOrg(orgId),
    ]);
    // Today in the organisation's time zone, the day its sheets' TODAY() shows.
    const timeZone = org?.timeZone ?? DEFAULT_TIME_ZONE;
    return buildRollup(sheetsForCycle(sheets, records, cycle), {
      cycle,
      asOf: asOf ?? isoDayIn(deps.now(), timeZone),
      lastCheckIns: lastUpdates,
      timeZone,
    });
  };

  return newRouter()
    .openapi(catalog, async (c) => {
      const { cycle } = c.req.valid("query");
      // From the index of live objectives: the add-on asks after every sync, so this must not read every row.
      const linkable = await deps.store.listLinkableRows(c.get("auth").orgId, ["objective"]);
      const objectives: ObjectiveRef[] = linkable
        .filter(({ row }) => cycle === undefined || row.cycle === cycle)
        .sort((a, b) => (a.sheetId < b.sheetId ? -1 : a.sheetId > b.sheetId ? 1 : a.row.row - b.row.row))
        .map(objectiveRef);
      return c.json({ objectives }, 200);
    })
    .openapi(cycles, async (c) => {
      const orgId = c.get("auth").orgId;
      const [sheets, records] = await Promise.all([
        liveSheets(deps.store, orgId),
        deps.store.listCycleRows(orgId),
      ]);
      return c.json({ cycles: cyclesInUse(sheets, records) }, 200);
    })
    .openapi(rollup, async (c) => {
      const { cycle, asOf } = c.req.valid("query");
      const result = await compute(c.get("auth").orgId, cycle, asOf);
      return c.json(result as unknown as z.infer<typeof RollupResponseSchema>, 200);
    })
    .openapi(rollupCsvRoute, async (c) => {
      const { cycle, asOf } = c.req.valid("query");
      const result = await compute(c.get("auth").orgId, cycle, asOf);
      const filename = `okr-rollup-${cycle.replace(/[^A-Za-z0-9._-]/g, "_")}.csv`;
      c.header("Content-Disposition", `attachment; filename=${csvCell(filename)}`);
      return c.body(rollupCsv(result), 200, { "Content-Type": "text/csv; charset=utf-8" });
    });
}
