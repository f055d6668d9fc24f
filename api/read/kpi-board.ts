// The KPI board's loader, for GET /v1/kpis (the add-on's Rollup sheet) and the dashboard's KPI page alike: the
// organisation from its summaries (later check-ins applied), the cycle's picture, its KPIs placed by
// shared/kpi-board.ts and their value histories read in one batch. The board's rules live there, not here.
import type { AlignmentGraph, Placed } from "../../shared/graph.js";
import {
  type KpiPlace,
  type KpiTeamGroup,
  kpiBoard,
  kpiBoardEntries,
  kpisOfCycle,
} from "../../shared/kpi-board.js";
import { DEFAULT_TIME_ZONE, isoDayIn } from "../../shared/time-zone.js";
import type { KpiBoard, KpiBoardQuery } from "../../shared/wire.js";
import type { AppDeps } from "../app/config.js";
import { valueHistories } from "./value-history.js";
import { forCycle, orgData } from "./views.js";

export interface KpiBoardRequest {
  cycle: string | null;
  asOf: string;
  /** Which KPIs to show (the dashboard's filters); all by default. Histories are read for these only. */
  keep?: (kpi: Placed, objective: Placed) => boolean;
  /** The cycle's graph when the caller has read it already (the dashboard's pages); else read here. */
  graph?: AlignmentGraph;
}

/** The board, and every KPI of the cycle before `keep` (the dashboard's filter choices come from these). */
export async function loadKpiBoard(
  deps: AppDeps,
  orgId: string,
  request: KpiBoardRequest,
): Promise<{ board: KpiTeamGroup[]; inCycle: KpiPlace[] }> {
  const graph = request.graph ?? (await cycleGraph(deps, orgId, request.cycle));
  const inCycle = kpisOfCycle(graph, request.cycle);
  const { keep } = request;
  const shown = keep ? inCycle.filter(({ kpi, objective }) => keep(kpi, objective)) : inCycle;
  const histories = await valueHistories(
    deps.store,
    orgId,
    shown.map(({ kpi }) => kpi.row.id),
  );
  const options = { asOf: request.asOf, cycle: request.cycle, histories };
  return { board: kpiBoard(graph, options, shown), inCycle };
}

/** A cycle's picture (its kept or closed rows in place of live ones) from the summaries, check-ins applied. */
async function cycleGraph(deps: AppDeps, orgId: string, cycle: string | null): Promise<AlignmentGraph> {
  return forCycle(await orgData(deps, orgId), cycle).graph;
}

/** GET /v1/kpis: the cycle's board flat, on `asOf` (default: today in the organisation's time zone). */
export async function kpiBoardView(deps: AppDeps, orgId: string, query: KpiBoardQuery): Promise<KpiBoard> {
  const asOf =
    query.asOf ?? isoDayIn(deps.now(), (await deps.store.getOrg(orgId))?.timeZone ?? DEFAULT_TIME_ZONE);
  const { board } = await loadKpiBoard(deps, orgId, { cycle: query.cycle, asOf });
  return { cycle: query.cycle, asOf, kpis: kpiBoardEntries(board) };
}
