// Several rows' value histories at once (the dashboard's KPI board): each one as GET /v1/kpis reads it
// (rowHistory, api/read/kpi-board.ts: check-ins and synced values merged), a few at a time.
import type { ValuePoint } from "../../shared/value-history.js";
import type { Store } from "../store/types.js";
import { rowHistory } from "./kpi-board.js";

/** How many rows' histories are read at once (each is two queries). */
const CONCURRENCY = 8;

export async function valueHistories(
  store: Store,
  orgId: string,
  rowIds: readonly string[],
): Promise<Map<string, ValuePoint[]>> {
  const histories = new Map<string, ValuePoint[]>();
  const queue = [...new Set(rowIds)];
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift())
      histories.set(id, await rowHistory(store, orgId, id));
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, worker));
  return histories;
}
