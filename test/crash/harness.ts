// The crash suite's machinery: the API server as a process (test/crash/server.ts, bundled once), the add-on
// as a process (test/crash/addon-runner.ts), and rounds: sync, kill something mid-sync, restart it on the
// same data, let the add-on retry as it does, and check that the store holds exactly the sheet.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { pathToFileURL } from "node:url";
import { expect } from "vitest";
import { rowHash } from "../../shared/contract.js";
import type { OkrRow } from "../../shared/model.js";
import { ensureBuiltAddon } from "../support/gas/built-addon.js";
import { expectStoreMatchesSheet, type StoredSheet } from "../support/store-matches-sheet.js";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SERVER_BUNDLE = path.join(ROOT, "dist/crash/server.mjs");
const RUNNER_BUNDLE = path.join(ROOT, "dist/crash/addon-runner.mjs");
/** Short, so a round's recovery waits about a second and a half for what a crashed request held. */
export const CRASH_LEASE_MS = 1_500;

let bundled: Promise<void> | null = null;

/**
 * Bundles the two process entries (our code only; node_modules stay external) and builds the add-on, once:
 * a bundle starts in a fraction of tsx's time, and every round restarts the API.
 */
export function prepare(): Promise<void> {
  bundled ??= (async () => {
    const { build } = await import("esbuild");
    const common = {
      bundle: true,
      platform: "node",
      format: "esm",
      target: "node20",
      packages: "external",
      logLevel: "warning",
    } as const;
    await build({
      ...common,
      entryPoints: [path.join(import.meta.dirname, "server.ts")],
      outfile: SERVER_BUNDLE,
    });
    // The double finds the built add-on and its fetch helper beside its own sources.
    const gas = path.join(ROOT, "test/support/gas");
    await build({
      ...common,
      entryPoints: [path.join(import.meta.dirname, "addon-runner.ts")],
      outfile: RUNNER_BUNDLE,
      define: {
        "import.meta.dirname": JSON.stringify(gas),
        "import.meta.url": JSON.stringify(pathToFileURL(path.join(gas, "services.ts")).href),
      },
    });
    await ensureBuiltAddon();
  })();
  return bundled;
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

type LogLine = {
  url?: string;
  adminKey?: string;
  writes?: number;
  arrived?: string;
  request?: string;
  status?: number;
  code?: string;
  key?: string;
};

/** One run of the API process; `exited` settles when it dies (killed or otherwise). */
export class ServerProcess {
  readonly log: LogLine[] = [];
  readonly exited: Promise<number | string | null>;
  private readonly child: ChildProcess;
  private readonly listeners: ((line: LogLine) => void)[] = [];
  private stderr = "";

  private constructor(env: Record<string, string>) {
    this.child = spawn(process.execPath, [SERVER_BUNDLE], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.exited = new Promise((resolve) =>
      this.child.once("exit", (code, signal) => resolve(signal ?? code)),
    );
    this.child.stderr?.on("data", (chunk) => {
      this.stderr = (this.stderr + chunk).slice(-4_000);
    });
    createInterface({ input: this.child.stdout! }).on("line", (text) => {
      let line: LogLine;
      try {
        line = JSON.parse(text) as LogLine;
      } catch {
        return;
      }
      this.log.push(line);
      for (const listener of this.listeners) listener(line);
    });
  }

  static async start(
    env: Record<string, string>,
  ): Promise<ServerProcess & { url: string; adminKey: string }> {
    const server = new ServerProcess(env);
    const ready = await Promise.race([
      new Promise<LogLine>((resolve) => server.on((line) => line.url && resolve(line))),
      server.exited.then((code) => {
        throw new Error(`API process exited (${code}) before listening: ${server.stderr}`);
      }),
    ]);
    return Object.assign(server, { url: ready.url!, adminKey: ready.adminKey! });
  }

  on(listener: (line: LogLine) => void): void {
    this.listeners.push(listener);
  }

  get pid(): number {
    return this.child.pid as number;
  }

  /** Items written, as the process last reported. */
  written(): number {
    for (let i = this.log.length - 1; i >= 0; i--)
      if (this.log[i]!.writes !== undefined) return this.log[i]!.writes!;
    return 0;
  }

  kill(): Promise<unknown> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGKILL");
    return this.exited;
  }
}

/** The add-on in its own process: commands answered in order. */
export class AddonRunner {
  private readonly child: ChildProcess;
  private readonly waiting: ((answer: unknown) => void)[] = [];

  constructor() {
    this.child = spawn(process.execPath, [RUNNER_BUNDLE], { stdio: ["pipe", "pipe", "inherit"] });
    createInterface({ input: this.child.stdout! }).on("line", (line) =>
      this.waiting.shift()?.(JSON.parse(line)),
    );
  }

  send<T = Record<string, unknown>>(command: Record<string, unknown>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push((answer) => {
        const error = (answer as { error?: string }).error;
        if (error) reject(new Error(error));
        else resolve(answer as T);
      });
      this.child.stdin!.write(`${JSON.stringify(command)}\n`);
    });
  }

  stop(): void {
    this.child.stdin?.end();
    this.child.kill("SIGKILL");
  }
}

export interface SyncOutcome {
  ok: boolean;
  message: string;
  revision: number | null;
  storedRevision: number;
  ms: number;
  calls: string[];
  sleeps: number[];
}

const HEADER = ["ID", "Type", "Title", "Objective", "Team", "Owner", "Cycle", "Start", "Target", "Current"];

/**
 * A team sheet as people lay it out: `count` rows of objectives, each with three key results. `version` moves
 * Current on every other key result and retitles every fifth row; `drop` leaves rows out (their positions);
 * `extra` appends new rows.
 */
export function grid(
  prefix: string,
  count: number,
  options: { version?: number; drop?: number; extra?: number } = {},
) {
  const version = options.version ?? 0;
  const rows: unknown[][] = [HEADER];
  let objective = "";
  const total = count + (options.extra ?? 0);
  for (let i = 0; i < total; i++) {
    const dropped =
      options.drop !== undefined && i < count && i % options.drop === options.drop - 1 && i % 4 !== 0;
    const retitled = version > 0 && i % 5 === 2 ? ` (v${version})` : "";
    if (i % 4 === 0) {
      objective = `O-${prefix}-${i}`;
      rows.push([
        objective,
        "Objective",
        `Grow segment ${i}${retitled}`,
        "",
        "Sales",
        "Ada",
        "2026-Q4",
        "",
        "",
        "",
      ]);
    } else if (!dropped) {
      const current = (i % 7) + (version > 0 && i % 2 === 1 ? version * 3 : 0);
      rows.push([
        `KR-${prefix}-${i}`,
        "Key result",
        `Win ${i} accounts${retitled}`,
        objective,
        "Sales",
        "Bo",
        "2026-Q4",
        0,
        10 + i,
        current,
      ]);
    }
  }
  return rows;
}

/** What the store holds for a sheet, read over HTTP as the admin. */
export async function storedSheet(url: string, adminKey: string, sheetId: string): Promise<StoredSheet> {
  const res = await fetch(`${url}/v1/sheets/${encodeURIComponent(sheetId)}`, {
    headers: { Authorization: `Bearer ${adminKey}`, Connection: "close" },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as StoredSheet;
}

/**
 * The history after a crash and its retries: each version kept once (sheet, row, revision), none of a revision
 * the row has not reached, and one kept at the row's own revision is the version the row holds.
 */
async function expectHistoryHeld(url: string, adminKey: string, sheetId: string, stored: StoredSheet) {
  const res = await fetch(`${url}/v1/sheets/${encodeURIComponent(sheetId)}/history`, {
    headers: { Authorization: `Bearer ${adminKey}`, Connection: "close" },
  });
  expect(res.status).toBe(200);
  const { versions } = (await res.json()) as { versions: { id: string; revision: number; hash: string }[] };
  const keys = versions.map((version) => `${version.id}@${version.revision}`);
  expect(new Set(keys).size, "no version is kept twice").toBe(keys.length);
  const now = new Map(stored.rows.map((row) => [row.id, row]));
  const claimed = versions
    .filter((version) => {
      const row = now.get(version.id);
      return (
        !row ||
        version.revision > row.revision ||
        (version.revision === row.revision && version.hash !== row.hash)
      );
    })
    .map((version) => `${version.id}@${version.revision}`);
  expect(claimed, "the history claims no version the rows did not hold").toEqual([]);
}

/**
 * Nothing of the version a row held at an earlier committed sync is lost: every row that sync stored and the
 * store holds in another version now (changed, or marked deleted) has that version in the history, once.
 */
export async function expectEarlierVersionsKept(
  url: string,
  adminKey: string,
  sheetId: string,
  earlier: StoredSheet,
  stored: StoredSheet,
) {
  const res = await fetch(`${url}/v1/sheets/${encodeURIComponent(sheetId)}/history`, {
    headers: { Authorization: `Bearer ${adminKey}`, Connection: "close" },
  });
  expect(res.status).toBe(200);
  const { versions } = (await res.json()) as { versions: { id: string; revision: number; hash: string }[] };
  const now = new Map(stored.rows.map((row) => [row.id, row]));
  const replaced = earlier.rows.filter((row) => {
    const later = now.get(row.id);
    return later && later.revision !== row.revision;
  });
  expect(replaced.length, "the edit replaced rows").toBeGreaterThan(0);
  const lost = replaced.filter(
    (row) =>
      versions.filter((v) => v.id === row.id && v.revision === row.revision && v.hash === row.hash).length !==
      1,
  );
  expect(
    lost.map((row) => `${row.id}@${row.revision}`),
    "each replaced version is in the history once",
  ).toEqual([]);
}

/** The organisation's summaries and rollups (the read model) agree with its rows: nothing lost or doubled. */
export async function expectReadModelMatchesRows(url: string, adminKey: string) {
  const res = await fetch(`${url}/crash/read-model`, {
    headers: { Authorization: `Bearer ${adminKey}`, Connection: "close" },
  });
  expect(res.status).toBe(200);
  expect(((await res.json()) as { disagreements: string[] }).disagreements, "read model = rows").toEqual([]);
}

/** The store holds the sheet, and its committed content hash says so: the fast path answers "unchanged". */
export async function expectSynced(
  url: string,
  adminKey: string,
  sheetId: string,
  rows: OkrRow[],
  addonRevision: number,
): Promise<StoredSheet> {
  const stored = await storedSheet(url, adminKey, sheetId);
  expectStoreMatchesSheet(stored, rows);
  await expectHistoryHeld(url, adminKey, sheetId, stored);
  expect(addonRevision, "the add-on's revision is the server's").toBe(stored.revision);
  const res = await fetch(`${url}/v1/sheets/${encodeURIComponent(sheetId)}/sync`, {
    method: "POST",
    headers: { Authorization: `Bearer ${adminKey}`, "Content-Type": "application/json", Connection: "close" },
    body: JSON.stringify({
      baseRevision: stored.revision,
      rows: rows.map((row) => ({ id: row.id, hash: rowHash(row) })),
    }),
  });
  expect(res.status).toBe(200);
  expect(((await res.json()) as { unchangedSheet: boolean }).unchangedSheet, "the fast path holds").toBe(
    true,
  );
  return stored;
}

export function tempDir(name: string): { path: string; remove: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), `okr-crash-${name}-`));
  return { path: dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A round's story, for the suite's printed summary. */
export interface RoundReport {
  round: string;
  crash: string;
  /** Items the API had written when it died (or when the database was stopped). */
  at: number | null;
  syncs: number;
  /** What the add-on's requests got, per Sync now run. */
  calls: string[][];
  outcome: string;
  /** When each step ended, ms from the round's start. */
  steps: string;
}

export const reports: RoundReport[] = [];

export function printReports(title: string): void {
  const lines = reports.map(
    (r) =>
      `  ${r.round.padEnd(34)} ${r.crash.padEnd(30)} at ${String(r.at ?? "-").padStart(5)} items; ` +
      `${r.syncs} Sync now run(s): ${r.calls.map((c) => c.join(" > ")).join(" || ")} => ${r.outcome} [${r.steps}]`,
  );
  console.log(`${title}\n${lines.join("\n")}`);
}
