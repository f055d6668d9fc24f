// Crash suite on dynalite persisted on disk (LevelDB, as `npm start` keeps .data/), in the API's own process:
// the API is killed with SIGKILL at chosen points of a first sync and an update sync, and at random moments,
// then restarted on the same data; the built add-on retries as it does (same Idempotency-Key, waits on
// request_in_progress, re-base after 409, full rows after unknown stubs, Sync now again if it gave up), and
// the store must then hold exactly the sheet. Most rounds use a 120-row sheet (5 batches); one a 5,000-row sheet.
import { afterAll, beforeAll, describe, it } from "vitest";
import { prepare, printReports } from "./harness.js";
import { Lane, LanePool, type Round, runRound } from "./rounds.js";

const SMALL = 120;
// Every other key result's Current moved, every fifth row retitled, a tenth removed, ten rows added: ~70 writes.
const EDIT = { version: 1, drop: 10, extra: 10 };

const rounds: Round[] = [
  { name: "first sync, key reserved", prefix: "F1", rows: SMALL, kill: { at: "after:reservation" } },
  { name: "first sync, revision claimed", prefix: "F2", rows: SMALL, kill: { at: "after:claim" } },
  { name: "first sync, half the rows", prefix: "F4", rows: SMALL, kill: { at: "rows:60" } },
  { name: "first sync, every row, not committed", prefix: "F5", rows: SMALL, kill: { at: "before:commit" } },
  { name: "first sync, committed, no answer kept", prefix: "F6", rows: SMALL, kill: { at: "after:commit" } },
  { name: "first sync, answer kept, not sent", prefix: "F7", rows: SMALL, kill: { at: "after:answer" } },
  {
    name: "update sync, revision claimed",
    prefix: "U1",
    rows: SMALL,
    update: EDIT,
    kill: { at: "after:claim" },
  },
  { name: "update sync, most rows", prefix: "U3", rows: SMALL, update: EDIT, kill: { at: "rows:50" } },
  {
    name: "update sync, every row, not committed",
    prefix: "U4",
    rows: SMALL,
    update: EDIT,
    kill: { at: "before:commit" },
  },
  {
    name: "update sync, committed, no answer",
    prefix: "U5",
    rows: SMALL,
    update: EDIT,
    kill: { at: "after:commit" },
  },
  { name: "first sync, random moment", prefix: "R1", rows: SMALL, kill: { randomMs: [0, 400] } },
  {
    name: "update sync, random moment",
    prefix: "R2",
    rows: SMALL,
    update: EDIT,
    kill: { randomMs: [0, 400] },
  },
  { name: "5,000-row first sync, half the rows", prefix: "BIG", rows: 5_000, kill: { at: "rows:2500" } },
];

const database = { env: () => ({}) };
let pool: LanePool;

beforeAll(async () => {
  await prepare();
  pool = new LanePool(await Promise.all([0, 1].map((i) => Lane.open(i, database))));
}, 120_000);

afterAll(async () => {
  printReports("Crash rounds on dynalite (LevelDB on disk), API process killed:");
  await Promise.all(pool?.lanes.map((lane) => lane.close()) ?? []);
});

describe.concurrent("the API killed mid-sync (dynalite on disk)", () => {
  for (const round of rounds)
    it(round.name, () => pool.use((lane) => runRound(lane, round, database)), 180_000);
});
