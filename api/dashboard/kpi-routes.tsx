/** @jsxImportSource hono/jsx */
// The KPI board's page: the read model's board (api/read/kpi-board.ts, as GET /v1/kpis reads it) of the
// request's cycle, narrowed by the team, level and owner filters (a KPI's own owner, or its objective's).
import type { Context, Hono, MiddlewareHandler } from "hono";
import type { Placed } from "../../shared/graph.js";
import type { KpiTeamGroup } from "../../shared/kpi-board.js";
import type { AppDeps } from "../app/config.js";
import { loadKpiBoard } from "../read/index.js";
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
export async function dashboardKpiBoard(
  deps: AppDeps,
  c: Context<SessionEnv>,
  prepare: DashboardHelpers["prepare"],
  path: string,
): Promise<{ ctx: ViewContext; board: KpiTeamGroup[]; choices: { teams: string[]; owners: string[] } }> {
  const { ctx, data } = await prepare(c, path);
  const { board, inCycle } = await loadKpiBoard(deps, c.get("session").orgId, {
    cycle: ctx.cycle,
    asOf: ctx.asOf,
    keep: keepFor(ctx.filters),
    graph: data.graph,
  });
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
    const { ctx, board, choices } = await dashboardKpiBoard(deps, c, helpers.prepare, `${DASHBOARD}/kpis`);
    return helpers.page(c, <KpiBoardView ctx={ctx} board={board} choices={choices} />);
  });
}
