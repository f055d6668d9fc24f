// Crash rounds, shared by the dynalite and the DynamoDB Local suites: a lane is one API process (restarted on
// the same data after every kill) and one add-on process; a round syncs a sheet through the add-on, kills the
// API (or the database) at a chosen point, lets the add-on retry as it does, and checks the store: the rows,
// the history (no version lost or doubled) and the read model (summaries and rollups = the rows').
import { writeFileSync } from "node:fs";
import { expect } from "vitest";
import type { OkrRow } from "../../shared/model.js";
import type { StoredSheet } from "../support/store-matches-sheet.js";
import {
  AddonRunner,
  CRASH_LEASE_MS,
  expectEarlierVersionsKept,
  expectReadModelMatchesRows,
  expectSynced,
  freePort,
  grid,
  type RoundReport,
  reports,
  ServerProcess,
  type SyncOutcome,
  storedSheet,
  tempDir,
} from "./harness.js";

export type Kill =
  /** The API kills itself at this point of the protocol (see server.ts: after:claim, rows:150, ...). */
  | { at: string }
  /** The suite kills the API a random time (ms, uniform in the range) after the sync request arrived. */
  | { randomMs: [number, number] }
  /** The suite kills the database process once the API reported N items written, restarts it after a pause. */
  | { databaseAfterWrites: number };

export interface Round {
  name: string;
  /** ID prefix: unique per round (a sheet owns its IDs, across the organisation). */
  prefix: string;
  rows: number;
  /** An update sync: the sheet is synced first, then edited like this, and the edit's sync is cut. */
  update?: { version: number; drop: number; extra: number };
  kill: Kill;
}

export interface Database {
  /** Extra environment for the API process (OKR_DYNAMODB_ENDPOINT), or a dynalite folder per lane. */
  env(lane: number): Record<string, string>;
  /** Kills the database process and starts it again on the same data after `pauseMs`. */
  bounce?(pauseMs: number): Promise<void>;
}

export class Lane {
  server!: ServerProcess & { url: string; adminKey: string };
  readonly runner = new AddonRunner();
  private restarting: Promise<void> = Promise.resolve();
  /** Processes this lane stopped itself (not crashes): never revived. */
  private readonly retired = new Set<ServerProcess>();
  private readonly data = tempDir("lane");

  private constructor(
    readonly index: number,
    private readonly port: number,
    private readonly database: Database,
  ) {}

  static async open(index: number, database: Database): Promise<Lane> {
    return new Lane(index, await freePort(), database);
  }

  private get dir(): string {
    return this.data.path;
  }

  private env(): Record<string, string> {
    return {
      PORT: String(this.port),
      OKR_CRASH_DIR: `${this.dir}/dynalite`,
      OKR_CRASH_KEYS: `${this.dir}/keys.json`,
      OKR_CRASH_CONTROL: `${this.dir}/control.json`,
      OKR_WRITE_LEASE_MS: String(CRASH_LEASE_MS),
      ...this.database.env(this.index),
    };
  }

  /** The admin key of a new organisation (so no round sees another's rows), the API started if need be. */
  async fresh(): Promise<string> {
    await this.restarting;
    this.server ??= await ServerProcess.start(this.env());
    const res = await fetch(`${this.server.url}/crash/org`, {
      method: "POST",
      headers: { Connection: "close" },
    });
    return ((await res.json()) as { adminKey: string }).adminKey;
  }

  /** The API's next sync request arms this kill point (see server.ts). */
  arm(at: string): void {
    writeFileSync(`${this.dir}/control.json`, JSON.stringify({ at }));
  }

  /** From now on: when the API dies, start it again (unarmed) at once, as a platform would. */
  reviveOnDeath(onDeath: (at: number) => void): void {
    const server = this.server;
    void server.exited.then(() => {
      if (this.server !== server || this.retired.has(server)) return;
      onDeath(server.written());
      this.restarting = ServerProcess.start(this.env()).then((next) => {
        this.server = next;
      });
    });
  }

  ready(): Promise<void> {
    return this.restarting;
  }

  async close(): Promise<void> {
    this.runner.stop();
    await this.restarting.catch(() => {});
    if (this.server) this.retired.add(this.server);
    await this.server?.kill();
    this.data.remove();
  }
}

/** Lanes handed to rounds one at a time each: rounds of different lanes run at once. */
export class LanePool {
  private readonly free: Lane[] = [];
  private readonly queue: ((lane: Lane) => void)[] = [];

  constructor(readonly lanes: Lane[]) {
    this.free.push(...lanes);
  }

  async use<T>(work: (lane: Lane) => Promise<T>): Promise<T> {
    const lane = this.free.pop() ?? (await new Promise<Lane>((resolve) => this.queue.push(resolve)));
    try {
      return await work(lane);
    } finally {
      const next = this.queue.shift();
      if (next) next(lane);
      else this.free.push(lane);
    }
  }
}

const sync = (lane: Lane) => lane.runner.send<SyncOutcome>({ cmd: "sync" });
const summary = (outcome: SyncOutcome) => [
  ...outcome.calls
    .filter((call) => call.startsWith("POST /sheets"))
    .map((call) => call.replace(/^POST \/sheets\/[^/]+\/sync /, "sync ")),
  `(${outcome.ms} ms, slept ${outcome.sleeps.join("+") || 0} ms)`,
];

/** One round: returns its report (also kept for the suite's summary). */
export async function runRound(lane: Lane, round: Round, database: Database): Promise<RoundReport> {
  const sheetId = `sheet-${round.prefix}`;
  const started = performance.now();
  const steps: string[] = [];
  const step = (name: string) => steps.push(`${name} ${Math.round(performance.now() - started)}`);
  const first = grid(round.prefix, round.rows);
  const edited = round.update ? grid(round.prefix, round.rows, round.update) : first;
  const adminKey = await lane.fresh();
  await lane.runner.send({
    cmd: "open",
    apiUrl: lane.server.url,
    apiKey: adminKey,
    sheetId,
    grid: first,
  });
  step("opened");
  let earlier: StoredSheet | null = null;
  if (round.update) {
    const before = await sync(lane);
    expect(before.ok, before.message).toBe(true);
    earlier = await storedSheet(lane.server.url, adminKey, sheetId);
    await lane.runner.send({ cmd: "setGrid", grid: edited });
  }

  let at: number | null = null;
  let crash: string;
  let killed = false;
  let disarm = () => {};
  const kill = round.kill;
  if ("at" in kill) {
    crash = `API SIGKILL at ${kill.at}`;
    lane.arm(kill.at);
    lane.reviveOnDeath((written) => {
      at = written;
    });
  } else if ("randomMs" in kill) {
    // From the sync's first write (its key's reservation): a random moment of its writing, from outside.
    const [low, high] = kill.randomMs;
    const delay = Math.round(low + Math.random() * (high - low));
    crash = `API SIGKILL ${delay} ms into writing`;
    lane.reviveOnDeath((written) => {
      at = written;
    });
    const server = lane.server;
    const before = server.written();
    let armed = false;
    server.on((line) => {
      if (armed || line.writes === undefined || line.writes <= before) return;
      armed = true;
      const timer = setTimeout(() => {
        killed = true;
        void server.kill();
      }, delay);
      // A sync that ends before the delay (a loaded machine is slower, a quiet one faster) must not be killed
      // later, in the middle of the checks or of the lane's next round.
      disarm = () => clearTimeout(timer);
    });
  } else {
    crash = `database SIGKILL after ${kill.databaseAfterWrites} items`;
    const server = lane.server;
    const start = server.written();
    let bounced = false;
    server.on((line) => {
      if (bounced || line.writes === undefined || line.writes - start < kill.databaseAfterWrites) return;
      bounced = true;
      at = line.writes - start;
      void database.bounce!(500);
    });
  }

  step("armed");
  // Sync now, as the user clicks it: the add-on's own retries run inside; if it gives up, the user (or the
  // hourly trigger) runs it again.
  const runs: SyncOutcome[] = [];
  let outcome = await sync(lane);
  runs.push(outcome);
  while (!outcome.ok && runs.length < 4) {
    await lane.ready();
    outcome = await sync(lane);
    runs.push(outcome);
  }
  disarm();
  if ("randomMs" in kill && !killed) crash += " (the sync had ended first: not killed)";
  await lane.ready();
  step("synced");
  if ("at" in kill) expect(at, "the API died at its kill point").not.toBeNull();
  expect(outcome.ok, outcome.message).toBe(true);
  const { rows } = await lane.runner.send<{ rows: OkrRow[] }>({ cmd: "rows" });
  expect(rows.length).toBeGreaterThan(0);
  const stored = await expectSynced(lane.server.url, adminKey, sheetId, rows, outcome.storedRevision);
  if (earlier) await expectEarlierVersionsKept(lane.server.url, adminKey, sheetId, earlier, stored);
  await expectReadModelMatchesRows(lane.server.url, adminKey);
  step("checked");
  const report: RoundReport = {
    steps: steps.join(", "),
    round: round.name,
    crash,
    at,
    syncs: runs.length,
    calls: runs.map(summary),
    outcome: `store = sheet (${rows.length} rows, revision ${outcome.storedRevision})`,
  };
  reports.push(report);
  return report;
}

export { CRASH_LEASE_MS };
