// The KPI board of a cycle: every KPI beside an objective of the cycle's tree (directly or through its key
// result), with its values (check-ins counted), progress and the last values of its history. One answer for the
// add-on's Rollup sheet, whatever the number of KPIs; the histories are read here, a few at a time.
import { sheetsForCycle } from "../../shared/cycle-archive.js";
import type { OkrRow, RollupNode } from "../../shared/model.js";
import { computeRows } from "../../shared/progress.js";
import { mergeHistory, type ValuePoint } from "../../shared/value-history.js";
import {
  KPI_TREND_POINTS,
  type KpiBoard,
  type KpiBoardEntry,
  type KpiBoardQuery,
} from "../../shared/wire.js";
import type { AppDeps } from "../app/config.js";
import type { Store } from "../store/types.js";
import { orgData, rollupView } from "./views.js";

/** Histories read at once (two Queries each): enough to hide latency, few enough not to be throttled. */
const PARALLEL_HISTORIES = 16;

/** A key result's or KPI's value history: its check-ins and the values syncs brought, merged, oldest first. */
export async function rowHistory(store: Store, orgId: string, rowId: string): Promise<ValuePoint[]> {
  const [checkIns, points] = await Promise.all([
    store.listCheckInsForKeyResult(orgId, rowId),
    store.listValuePoints(orgId, rowId),
  ]);
  const fromCheckIns: ValuePoint[] = checkIns.map((checkIn) => ({
    rowId,
    sheetId: checkIn.sheetId,
    value: checkIn.value,
    at: checkIn.at,
    source: "check_in",
    author: checkIn.author,
    note: checkIn.note,
    confidence: checkIn.confidence,
  }));
  return mergeHistory([...fromCheckIns, ...points]);
}

const KIND_ORDER = { leading: 0, lagging: 1 } as const;
const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export async function kpiBoardView(deps: AppDeps, orgId: string, query: KpiBoardQuery): Promise<KpiBoard> {
  const request = { cycle: query.cycle, ...(query.asOf ? { asOf: query.asOf } : {}) };
  // The rollup (cached) and the rows from the summaries with later check-ins applied, as leaders' views read them.
  const [{ rollup }, { live, records }] = await Promise.all([
    rollupView(deps, orgId, request),
    orgData(deps, orgId),
  ]);
  // The objectives of the cycle's tree (nested cycles included, as the rollup has them), in tree order.
  const objectives = new Map<string, { node: RollupNode; order: number }>();
  const stack = [...rollup.roots].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!objectives.has(node.id)) objectives.set(node.id, { node, order: objectives.size });
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  const picture = sheetsForCycle(live, records, query.cycle);
  const keyResultObjective = new Map<string, string>();
  for (const sheet of picture)
    for (const row of sheet.rows)
      if (row.type === "key_result" && row.objectiveId) keyResultObjective.set(row.id, row.objectiveId);

  const placed: { entry: Omit<KpiBoardEntry, "trend">; order: number; row: OkrRow }[] = [];
  for (const sheet of picture) {
    const kpis = sheet.rows.filter((row) => row.type === "kpi" && row.objectiveId);
    if (kpis.length === 0) continue;
    const computed = computeRows(sheet.rows, { asOf: rollup.asOf });
    for (const row of kpis) {
      const beside = row.objectiveId!;
      const keyResultId = objectives.has(beside) ? null : beside;
      const objective = objectives.get(
        keyResultId === null ? beside : (keyResultObjective.get(beside) ?? ""),
      );
      if (!objective) continue;
      placed.push({
        row,
        order: objective.order,
        entry: {
          id: row.id,
          title: row.title,
          sheetId: sheet.sheetId,
          team: row.team || objective.node.team,
          owner: row.owner,
          kind: row.kpiKind,
          objectiveId: objective.node.id,
          objectiveTitle: objective.node.title,
          keyResultId,
          start: row.start,
          target: row.target,
          current: row.current,
          unit: row.unit,
          progress: computed.get(row.id)?.progress ?? null,
        },
      });
    }
  }
  placed.sort(
    (a, b) =>
      compare(a.entry.team, b.entry.team) ||
      a.order - b.order ||
      (a.entry.kind ? KIND_ORDER[a.entry.kind] : 2) - (b.entry.kind ? KIND_ORDER[b.entry.kind] : 2) ||
      compare(a.entry.sheetId, b.entry.sheetId) ||
      a.row.row - b.row.row,
  );
  // The trend: values only (no notes or authors), as the rollup shows progress to every key of the organisation.
  const kpis: KpiBoardEntry[] = new Array(placed.length);
  for (let i = 0; i < placed.length; i += PARALLEL_HISTORIES) {
    await Promise.all(
      placed.slice(i, i + PARALLEL_HISTORIES).map(async ({ entry }, j) => {
        const history = await rowHistory(deps.store, orgId, entry.id);
        const ofSheet = history.filter((point) => point.sheetId === entry.sheetId);
        kpis[i + j] = { ...entry, trend: ofSheet.slice(-KPI_TREND_POINTS).map((point) => point.value) };
      }),
    );
  }
  return { cycle: rollup.cycle, asOf: rollup.asOf, kpis };
}
