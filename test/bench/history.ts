// `npm run bench:history`: what the history of rows costs, on dynalite in-process. Prints figures; asserts nothing.
// Side by side in one run, several runs, min and median:
//   - an update of N rows written the way a sync wrote them before history (putRows) and now (the versions the
//     rows held, then the rows): items and time;
//   - replaying the organisation at a past moment (every sheet, every kept version, every check-in read) and
//     "since last review" over it, as the history grows (versions per row).

import { loadHistory, replayAt } from "../../api/history/replay.js";
import { createClients } from "../../api/store/client.js";
import { startDynalite } from "../../api/store/dynalite.js";
import { createDynamoStore } from "../../api/store/dynamo-store.js";
import { countOperations } from "../../api/store/instrument.js";
import { ensureTable } from "../../api/store/table.js";
import type { StoredRow } from "../../api/store/types.js";
import { sinceReview } from "../../shared/since-review.js";
import { storedRow } from "../support/store-contract.js";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const ROWS = Number(process.env.BENCH_ROWS ?? 1_000);

const stats = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return { min: sorted[0]!, median: sorted[Math.floor(sorted.length / 2)]! };
};
const ms = (value: number) => `${value.toFixed(0)} ms`;

async function main() {
  const local = await startDynalite();
  const clients = createClients({ endpoint: local.endpoint, region: "local" });
  await ensureTable(clients.client, { tableName: "okr-bench-history" });
  const counter = countOperations(clients.documentClient);
  const store = createDynamoStore({ client: clients.documentClient, tableName: "okr-bench-history" });
  const rows = (sheet: string, revision: number, day: number): StoredRow[] =>
    Array.from({ length: ROWS }, (_, i) => ({
      ...storedRow(`${sheet}-KR${i}`, { current: revision * 3 + (i % 7), row: i + 2 }, revision),
      writtenAt: new Date(Date.UTC(2026, 9, 1 + day)).toISOString(),
      writtenBy: "key:bench",
    }));

  console.log(`History bench: ${ROWS}-row updates, ${RUNS} runs each (dynalite in-process, 2 shared cores)`);
  const before: number[] = [];
  const now: number[] = [];
  let itemsBefore = 0;
  let itemsNow = 0;
  for (let run = 0; run < RUNS; run++) {
    // the same update of a fresh sheet both ways, alternating which goes first
    const a = `a${run}`;
    const b = `b${run}`;
    await store.putRows("org", a, rows(a, 1, 0));
    await store.putRows("org", b, rows(b, 1, 0));
    const plain = async () => {
      counter.reset();
      const t = performance.now();
      await store.putRows("org", a, rows(a, 2, 1));
      before.push(performance.now() - t);
      itemsBefore = counter.writes();
    };
    const kept = async () => {
      counter.reset();
      const t = performance.now();
      await store.keepRowVersions("org", b, rows(b, 1, 0));
      await store.putRows("org", b, rows(b, 2, 1));
      now.push(performance.now() - t);
      itemsNow = counter.writes();
    };
    if (run % 2 === 0) {
      await plain();
      await kept();
    } else {
      await kept();
      await plain();
    }
  }
  const b = stats(before);
  const n = stats(now);
  console.log(
    `  write an update of ${ROWS} changed rows: without history ${itemsBefore} items, min ${ms(b.min)}, median ${ms(b.median)}; ` +
      `with history ${itemsNow} items, min ${ms(n.min)}, median ${ms(n.median)} (median ratio ${(n.median / b.median).toFixed(2)})`,
  );

  // Replay as history grows: one sheet of ROWS rows, synced weekly with every row changed.
  const org = "org-replay";
  let revision = 1;
  await store.putRows(org, "s", rows("s", revision, 0));
  for (const weeks of [1, 4, 12]) {
    while (revision <= weeks) {
      await store.keepRowVersions(org, "s", rows("s", revision, (revision - 1) * 7));
      revision += 1;
      await store.putRows(org, "s", rows("s", revision, (revision - 1) * 7));
    }
    const loads: number[] = [];
    const replays: number[] = [];
    const reports: number[] = [];
    const until = new Date(Date.UTC(2027, 0, 1)).toISOString();
    const at = new Date(Date.UTC(2026, 9, 10)).toISOString();
    for (let run = 0; run < RUNS; run++) {
      let t = performance.now();
      const history = await loadHistory(store, org, until);
      loads.push(performance.now() - t);
      t = performance.now();
      replayAt(history, at);
      replays.push(performance.now() - t);
      t = performance.now();
      sinceReview({
        sheets: history.sheets,
        checkIns: history.checkIns,
        from: at,
        to: until,
        timeZone: "UTC",
      });
      reports.push(performance.now() - t);
    }
    const [l, r, s] = [stats(loads), stats(replays), stats(reports)];
    console.log(
      `  ${ROWS} rows with ${weeks} kept version(s) each (${ROWS * weeks} items): load min ${ms(l.min)} median ${ms(l.median)}; ` +
        `replay at a day min ${ms(r.min)} median ${ms(r.median)}; since-review min ${ms(s.min)} median ${ms(s.median)}`,
    );
  }
  clients.client.destroy();
  await local.close();
}

await main();
