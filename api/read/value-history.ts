// The value history of key results and KPIs as the read model gives it: check-ins and synced values merged
// (shared/value-history.ts), one home for GET /v1/rows/{id}/history's rule and the dashboard's trends.
import { mergeHistory, type ValuePoint } from "../../shared/value-history.js";
import type { Store } from "../store/types.js";

/** How many rows' histories are read at once (each is two queries). */
const CONCURRENCY = 8;

/** One row's history, oldest first. */
export async function valueHistory(store: Store, orgId: string, rowId: string): Promise<ValuePoint[]> {
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

/** The histories of several rows (a KPI board's), a few at a time. */
export async function valueHistories(
  store: Store,
  orgId: string,
  rowIds: readonly string[],
): Promise<Map<string, ValuePoint[]>> {
  const histories = new Map<string, ValuePoint[]>();
  const queue = [...new Set(rowIds)];
  const worker = async () => {
    for (let id = queue.shift(); id !== undefined; id = queue.shift())
      histories.set(id, await valueHistory(store, orgId, id));
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, queue.length) }, worker));
  return histories;
}
