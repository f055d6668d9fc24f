/** @jsxImportSource hono/jsx */
// The KPI board's page and its data: the cycle's KPIs (from the summaries, later check-ins applied) with
// their value histories, narrowed by the team and owner filters (a KPI's own owner, or its objective's).
import type { Context, Hono, MiddlewareHandler } from "hono";
import type { Placed } from "../../shared/graph.js";
import { type KpiTeamGroup, kpiBoard, kpiObjective } from "../../shared/kpi-board.js";
import type { AppDeps } from "../app/config.js";
import { valueHistories } from "../read/value-history.js";
import type { Filters } from "./data.js";
import type { DashboardHelpers } from "./rhythm-routes.js";
import type { SessionEnv } from "./session/index.js";
import { KpiBoardView } from "./views/kpis.js";
import { DASHBOARD, type ViewContext } from "./views/parts.js";

const keepFor = (filters: Filters) => (kpi: Placed, objective: Placed) =>
  (filters.team === null || objective.row.team === filters.team) &&
  (filters.level === null || objective.row.level === filters.level) &&
  (filters.owner === null || kpi.row.owner === filters.owner || objective.row.owner === filters.owner);

/** The board of the request's cycle and filters, and the teams and owners the filters offer. */
export async function loadKpiBoard(
  deps: AppDeps,
  c: Context<SessionEnv>,
  prepare: DashboardHelpers["prepare"],
  path: string,
): Promise<{ ctx: ViewContext; board: KpiTeamGroup[]; choices: { teams: string[]; owners: string[] } }> {
  const { ctx, data } = await prepare(c, path);
  const { graph } = data;
  const inCycle = graph.kpis.flatMap((kpi) => {
    const place = kpiObjective(graph, kpi);
    return place && (ctx.cycle === null || place.objective.row.cycle === ctx.cycle)
      ? [{ kpi, ...place }]
      : [];
  });
  const keep = keepFor(ctx.filters);
  const shown = inCycle.filter(({ kpi, objective }) => keep(kpi, objective));
  const histories = await valueHistories(
    deps.store,
    c.get("session").orgId,
    shown.map(({ kpi }) => kpi.row.id),
  );
  const board = kpiBoard(graph, { asOf: ctx.asOf, cycle: ctx.cycle, histories, keep });
  const sorted = (values: Iterable<string>) =>
    [...new Set(values)].filter(Boolean).sort((a, b) => a.localeCompare(b));
  const choices = {
    teams: sorted(inCycle.map(({ objective }) => objective.row.team)),
    owners: sorted(inCycle.flatMap(({ kpi, objective }) => [kpi.row.owner, objective.row.owner])),
  };
  return { ctx, board, choices };
}

export function kpiRoutes(
  app: Hono<SessionEnv>,
  deps: AppDeps,
  signedIn: MiddlewareHandler<SessionEnv>,
  helpers: Pick<DashboardHelpers, "page" | "prepare">,
) {
  app.get("/kpis", signedIn, async (c) => {
    const { ctx, board, choices } = await loadKpiBoard(deps, c, helpers.prepare, `${DASHBOARD}/kpis`);
    return helpers.page(c, <KpiBoardView ctx={ctx} board={board} choices={choices} />);
  });
}
