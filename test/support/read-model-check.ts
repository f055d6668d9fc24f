// The read model against the rows, for tests that cannot call expect() where the store is (the crash suite's
// API process answers it over HTTP): every committed sheet's summary equals one computed afresh from its rows,
// and every cycle's rollup from the read model equals the engine run over every row (the path before it).
import type { AppDeps } from "../../api/app/config.js";
import { cyclesInUse } from "../../api/read/current.js";
import { liveSheetsWithUpdates } from "../../api/read/live-rows.js";
import { summarize } from "../../api/read/summaries.js";
import { rollupView } from "../../api/read/views.js";
import type { SheetSummary, Store } from "../../api/store/types.js";
import { sheetsForCycle } from "../../shared/cycle-archive.js";
import { buildRollup } from "../../shared/rollup.js";
import { DEFAULT_TIME_ZONE } from "../../shared/time-zone.js";

const plain = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** The engine over every stored row: what the views were before the read model, and must still be. */
export async function rollupFromRows(store: Store, orgId: string, cycle: string, asOf: string) {
  const [{ sheets, lastUpdates, records }, org] = await Promise.all([
    liveSheetsWithUpdates(store, orgId),
    store.getOrg(orgId),
  ]);
  // As the routes computed it before the read model: the cycle's picture (issue 13's kept rows) of every row.
  return plain(
    buildRollup(sheetsForCycle(sheets, records, cycle), {
      cycle,
      asOf,
      lastCheckIns: lastUpdates,
      timeZone: org?.timeZone ?? DEFAULT_TIME_ZONE,
    }),
  );
}

/** Where the read model disagrees with the rows, in words; empty when it agrees. */
export async function readModelDisagreements(deps: AppDeps, orgId: string, asOf: string): Promise<string[]> {
  const { store } = deps;
  const problems: string[] = [];
  const { summaries, incomplete } = await store.readSummaries(orgId);
  if (incomplete.length > 0) problems.push(`incomplete summaries: ${JSON.stringify(incomplete)}`);
  const committed = (await store.listOrgSheets(orgId)).filter(
    ({ sheet }) => sheet.rowsPending === null && sheet.revision > 0,
  );
  const summarized = summaries.map((summary) => summary.sheetId).sort();
  const expected = committed.map(({ sheet }) => sheet.sheetId).sort();
  if (JSON.stringify(summarized) !== JSON.stringify(expected))
    problems.push(`summaries of ${JSON.stringify(summarized)}, committed sheets ${JSON.stringify(expected)}`);
  // A summary's cycles are a Map (JSON would write {}): compared as its entries.
  const text = (summary: SheetSummary | undefined) =>
    summary && JSON.stringify({ ...summary, cycles: [...summary.cycles] });
  for (const { sheet, rows } of committed) {
    const fresh = summarize(sheet.sheetId, sheet.name, sheet.revision, rows);
    const stored = summaries.find((summary) => summary.sheetId === sheet.sheetId);
    if (text(stored) !== text(fresh))
      problems.push(`sheet ${sheet.sheetId}: its summary is not the one its rows make`);
  }
  const { sheets, records } = await liveSheetsWithUpdates(store, orgId);
  for (const cycle of cyclesInUse(sheets, records)) {
    const view = plain((await rollupView(deps, orgId, { cycle, asOf })).rollup);
    if (JSON.stringify(view) !== JSON.stringify(await rollupFromRows(store, orgId, cycle, asOf)))
      problems.push(`cycle ${cycle}: the rollup from the summaries is not the rollup from every row`);
  }
  return problems;
}
