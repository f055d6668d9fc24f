// Value histories of key results and KPIs: a row's check-ins and the values syncs brought, merged. One row's
// (GET …/history, the cycle tools) or several at once, a few at a time (the KPI board).
import { mergeHistory, type ValuePoint } from "../../shared/value-history.js";
import type { Store } from "../store/types.js";

/** Rows whose histories are read at once (two Queries each): enough to hide latency, few enough not to be throttled. */
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

/** Several rows' histories, PARALLEL_HISTORIES at a time; each row once, however often it is named. */
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
  await Promise.all(Array.from({ length: Math.min(PARALLEL_HISTORIES, queue.length) }, worker));
  return histories;
}
