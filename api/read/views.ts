// The leaders' views, computed from the summaries and cached by (view, cycle, day, read revision): a view
// read again before the organisation's next write is one read of the read state (and, when too large to live
// in it, one Query of its parts). The JSON routes and the dashboard both read these; neither reads rows.
import { promisify } from "node:util";
import { constants, gunzip, gzip, type ZlibOptions } from "node:zlib";
import { type CycleRecordRow, sheetsForCycle } from "../../shared/cycle-archive.js";
import { type AlignmentGraph, buildGraph } from "../../shared/graph.js";
import { dayEndsAt } from "../../shared/history.js";
import type { Level, Rollup, SheetRows, Status } from "../../shared/model.js";
import { progress, statusOf } from "../../shared/progress.js";
import { rollupFromGraph } from "../../shared/rollup.js";
import { DEFAULT_TIME_ZONE, isoDayIn } from "../../shared/time-zone.js";
import type { AppDeps } from "../app/config.js";
import { orgSheetsAt } from "../history/replay.js";
import type { ReadState } from "../store/types.js";
import { currentOf, cyclesInUse } from "./current.js";
import { backfillSummaries, type OrgSnapshot, readSnapshot } from "./summaries.js";

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/**
 * How a cached view is compressed. A page a client is sent as stored is kept small (zlib's default); the whole
 * rollup the pages are derived from, megabytes of JSON read only here, is kept fast: level 1 gzipped 2 MB in
 * 30 ms instead of 82, 10 % larger, and a cold view waits for that write.
 */
type Compression = "small" | "fast";
const GZIP: Record<Compression, ZlibOptions> = { small: {}, fast: { level: constants.Z_BEST_SPEED } };

/** What the filters judge a key result by (its team, owner, status, and its objective's level). */
export interface KeyResultFacts {
  team: string;
  owner: string;
  status: Status;
  level: Level | null;
}

/** A cycle's rollup and the facts of the key results its insights name (the dashboard's filters need them). */
export interface RollupView {
  rollup: Rollup;
  keyResults: Record<string, KeyResultFacts>;
  /** Per objective, the owners of its key results (the Owner filter offers them; absent in older caches). */
  keyResultOwners?: Record<string, string[]>;
}

export interface RollupRequest {
  cycle: string;
  /** The day to compute for; absent: today in the organisation's time zone. */
  asOf?: string;
  quietDays?: number;
}

/** The organisation as the dashboard's pages that need more than a rollup read it (from summaries). */
export interface OrgData extends OrgSnapshot {
  graph: AlignmentGraph;
  cycles: string[];
  /** Rows past cycles are kept as (rollovers, closed cycles). */
  records: CycleRecordRow[];
  /** The sheets' live rows alone. */
  live: SheetRows[];
}

/**
 * The cached view under `key`, or `compute` run over the summaries and cached for the read revision read
 * first (so a view cached at a revision is never older than it). `asOf` undefined: a view of today, valid
 * only while today (in the time zone it was computed for) is still the day it was computed for.
 */
interface Source {
  /** The organisation's summaries, read once per computation. */
  snapshot(): Promise<OrgSnapshot>;
  /** The summaries with later check-ins applied, and the cycle records (current.ts), read once. */
  current(): Promise<OrgSnapshot & { records: CycleRecordRow[] }>;
  /** What the view was derived from was not settled: it must not be cached. */
  unsettled(): void;
}

/**
 * The read state of one request, read once however many views the request asks for (a dashboard page asks
 * for the cycles and for its page's view): one consistent GetItem of READ, whatever the views.
 */
export interface ViewSession {
  deps: AppDeps;
  orgId: string;
  state(): Promise<ReadState>;
  /** The summaries (and with check-ins applied) once read by a view of this request computed afresh. */
  reads: {
    snapshot?: Promise<OrgSnapshot>;
    current?: Promise<OrgSnapshot & { records: CycleRecordRow[] }>;
  };
}

export function viewSession(deps: AppDeps, orgId: string): ViewSession {
  let state: Promise<ReadState> | undefined;
  return {
    deps,
    orgId,
    reads: {},
    state: () => {
      state ??= deps.store.readState(orgId);
      return state;
    },
  };
}

const sessionOf = (at: AppDeps | ViewSession, orgId: string): ViewSession =>
  "state" in at ? at : viewSession(at, orgId);

/** A view as cached: its gzipped JSON when it is (null: computed, not cached), and the value itself. */
interface CachedEntry<T> {
  gzip: Uint8Array | null;
  value(): Promise<T>;
  settled: boolean;
}

async function cached<T>(
  session: ViewSession,
  key: string,
  asOf: string | undefined,
  compute: (source: Source, day: { asOf: string; timeZone: string }) => T | Promise<T>,
  writes?: Writes,
  compression: Compression = "small",
): Promise<{ value: T; settled: boolean }> {
  const entry = await cachedEntry(session, key, asOf, compute, writes, undefined, compression);
  return { value: await entry.value(), settled: entry.settled };
}

const parsed = async <T>(gzip: Uint8Array): Promise<T> =>
  JSON.parse((await gunzipAsync(gzip)).toString("utf8")) as T;

/**
 * Cache writes of views a view is derived from: `deferred` ones are awaited with the derived view's own write
 * (the whole rollup is stored while the page is derived from it), still before the answer.
 */
interface Writes {
  deferred: Promise<void>[];
}

async function cachedEntry<T>(
  session: ViewSession,
  key: string,
  asOf: string | undefined,
  compute: (source: Source, day: { asOf: string; timeZone: string }) => T | Promise<T>,
  defer?: Writes,
  awaitAlso?: Writes,
  compression: Compression = "small",
): Promise<CachedEntry<T>> {
  const { deps, orgId } = session;
  const { store } = deps;
  const state = await session.state();
  const hit = state.views.get(key);
  if (hit && (asOf !== undefined || hit.asOf === isoDayIn(deps.now(), hit.timeZone))) {
    const body = hit.body ?? (await store.viewBody(orgId, state.revision, key, hit.parts));
    if (body) return { gzip: body, value: () => parsed<T>(body), settled: true };
  }
  const [org] = await Promise.all([
    store.getOrg(orgId),
    state.backfilled ? Promise.resolve() : backfillSummaries(store, orgId),
  ]);
  const timeZone = org?.timeZone ?? DEFAULT_TIME_ZONE;
  const day = { asOf: asOf ?? isoDayIn(deps.now(), timeZone), timeZone };
  let settled = true;
  // Read once per request, however many views it computes (the cycles and a page's rollup, cold).
  const reads = session.reads;
  const source: Source = {
    snapshot: async () => {
      reads.snapshot ??= readSnapshot(store, orgId, state);
      const read = await reads.snapshot;
      if (!read.settled) settled = false;
      return read;
    },
    current: async () => {
      reads.snapshot ??= readSnapshot(store, orgId, state);
      const snapshot = reads.snapshot;
      // the check-ins and records read beside the summaries, not after them
      reads.current ??= currentOf(store, orgId, snapshot).then(async (current) => ({
        ...(await snapshot),
        ...current,
      }));
      const current = await reads.current;
      await source.snapshot();
      return current;
    },
    unsettled: () => {
      settled = false;
    },
  };
  let value: T;
  try {
    value = await compute(source, day);
  } catch (error) {
    await Promise.allSettled(awaitAlso?.deferred ?? []);
    throw error;
  }
  let gzip: Uint8Array | null = null;
  const write = async () => {
    if (!settled) return;
    gzip = await gzipAsync(JSON.stringify(value), GZIP[compression]);
    await store.putView(orgId, state.revision, key, { ...day, body: gzip }, state);
  };
  if (defer) defer.deferred.push(write());
  else await Promise.all([write(), ...(awaitAlso?.deferred ?? [])]);
  return { gzip, value: () => Promise.resolve(value), settled };
}

/** The views' shape: a view cached under another shape (before rollup nodes had paceStatus) is not served. */
const VIEW_SHAPE = 2;
const viewKey = (...parts: (string | number | undefined)[]) =>
  JSON.stringify([VIEW_SHAPE, ...parts.map((part) => part ?? null)]);

/** The organisation's cycles in use, newest first. */
export async function cyclesView(at: AppDeps | ViewSession, orgId: string): Promise<string[]> {
  const cycles = await cached(sessionOf(at, orgId), viewKey("cycles"), "", async (source) => {
    const { sheets, records } = await source.current();
    return cyclesInUse(sheets, records);
  });
  return cycles.value;
}

/** The facts of the key results the insights name, for filters applied to them. */
function keyResultFacts(rollup: Rollup, graph: AlignmentGraph): Record<string, KeyResultFacts> {
  const levels = new Map<string, Level | null>();
  const expectedOf = new Map<string, number | null>();
  const visit = (node: Rollup["roots"][number]) => {
    levels.set(node.id, node.level);
    expectedOf.set(node.id, node.expected);
    for (const child of node.children) visit(child);
  };
  for (const root of rollup.roots) visit(root);
  const expected = rollup.roots[0]?.expected ?? null;
  const named = new Set<string>();
  const { insights } = rollup;
  for (const pair of insights.duplicates) named.add(pair.a.id).add(pair.b.id);
  for (const link of insights.unknownLinks) named.add(link.from);
  for (const ids of insights.cycles) for (const id of ids) named.add(id);
  const facts: Record<string, KeyResultFacts> = {};
  for (const id of named) {
    const kr = graph.keyResults.get(id)?.row;
    if (!kr) continue;
    facts[id] = {
      team: kr.team,
      owner: kr.owner,
      // The owner's word where set (as the sheet shows it); else the pace, judged by its own objective's cycle
      // (a nested quarter's key result in the year's tree).
      status:
        kr.ownerStatus ??
        statusOf(
          progress(kr),
          (kr.objectiveId ? expectedOf.get(kr.objectiveId) : undefined) ?? expected,
          kr.current !== null,
        ),
      level: kr.objectiveId ? (levels.get(kr.objectiveId) ?? null) : null,
    };
  }
  return facts;
}

/** Per objective, the distinct owners of its key results. */
function keyResultOwners(graph: AlignmentGraph): Record<string, string[]> {
  const owners: Record<string, string[]> = {};
  for (const [id, krs] of graph.keyResultsByObjective) {
    const names = [...new Set(krs.map((kr) => kr.row.owner).filter(Boolean))];
    if (names.length > 0) owners[id] = names;
  }
  return owners;
}

/** A cycle's rollup (for a day; today by default) across every sheet. */
export async function rollupView(
  at: AppDeps | ViewSession,
  orgId: string,
  request: RollupRequest,
): Promise<RollupView> {
  return (await cachedRollup(sessionOf(at, orgId), request)).value;
}

function cachedRollup(session: ViewSession, request: RollupRequest, writes?: Writes) {
  const { deps, orgId } = session;
  const key = viewKey("rollup", request.cycle, request.asOf, request.quietDays);
  return cached(
    session,
    key,
    request.asOf,
    async (source, day): Promise<RollupView> => {
      // A past day is replayed from the rows' history: that day's rows, not today's rows judged on that day.
      // Not cached (a page of history, read rarely; its rows may be mid-sync).
      const past = day.asOf < isoDayIn(deps.now(), day.timeZone);
      if (past) source.unsettled();
      const { sheets, lastUpdates } = past
        ? await orgSheetsAt(deps.store, orgId, dayEndsAt(day.asOf, day.timeZone))
        : await source.current();
      // A cycle's picture: its kept (or closed) rows in place of live ones (shared/cycle-archive.ts).
      const records = past ? [] : (await source.current()).records;
      const graph = buildGraph(sheetsForCycle(sheets, records, request.cycle));
      const rollup = rollupFromGraph(graph, {
        cycle: request.cycle,
        asOf: day.asOf,
        lastCheckIns: lastUpdates,
        timeZone: day.timeZone,
        ...(request.quietDays !== undefined ? { quietDays: request.quietDays } : {}),
      });
      return { rollup, keyResults: keyResultFacts(rollup, graph), keyResultOwners: keyResultOwners(graph) };
    },
    writes,
    "fast",
  );
}

/**
 * A view derived from a cycle's rollup (the API's first page, say), cached beside it under its own key: small
 * views of large rollups are then one read of the read state.
 */
export async function derivedView<T>(
  at: AppDeps | ViewSession,
  orgId: string,
  name: string,
  request: RollupRequest,
  derive: (view: RollupView, revision: number) => T,
): Promise<T> {
  return (await derivedEntry(at, orgId, name, request, derive)).value();
}

/**
 * The same, as cached: its gzipped JSON when it is, so an answer can send those bytes as they are (the API's
 * pages, to a client that takes gzip), without parsing and serialising them again.
 */
export async function derivedEntry<T>(
  at: AppDeps | ViewSession,
  orgId: string,
  name: string,
  request: RollupRequest,
  derive: (view: RollupView, revision: number) => T,
): Promise<{ gzip: Uint8Array | null; value(): Promise<T> }> {
  const session = sessionOf(at, orgId);
  const key = viewKey(name, request.cycle, request.asOf, request.quietDays);
  // The whole rollup is written to the cache while the page is derived and written, both before the answer.
  const writes: Writes = { deferred: [] };
  return cachedEntry(
    session,
    key,
    request.asOf,
    async (source) => {
      const [rollup, { revision }] = await Promise.all([
        cachedRollup(session, request, writes),
        session.state(),
      ]);
      if (!rollup.settled) source.unsettled();
      return derive(rollup.value, revision);
    },
    undefined,
    writes,
  );
}

/** The whole organisation from its summaries (not cached): for the pages that walk the graph themselves. */
export async function orgData(deps: AppDeps, orgId: string): Promise<OrgData> {
  const state = await deps.store.readState(orgId);
  if (!state.backfilled) await backfillSummaries(deps.store, orgId);
  const reading = readSnapshot(deps.store, orgId, state);
  const [snapshot, { sheets: live, records }] = await Promise.all([
    reading,
    currentOf(deps.store, orgId, reading),
  ]);
  // Rows that left every sheet stay findable (their latest record); forCycle then picks a cycle's versions.
  const sheets = sheetsForCycle(live, records, null);
  return {
    ...snapshot,
    sheets,
    live,
    records,
    graph: buildGraph(sheets),
    cycles: cyclesInUse(live, records),
  };
}

/**
 * The organisation as one cycle's picture shows it: that cycle's kept (or closed) rows in place of live ones
 * (shared/cycle-archive.ts); the organisation as read when there are no records or no cycle.
 */
export function forCycle<T extends Pick<OrgData, "sheets" | "graph" | "records" | "live">>(
  data: T,
  cycle: string | null,
): T {
  if (data.records.length === 0 || cycle === null) return data;
  const sheets = sheetsForCycle(data.live, data.records, cycle);
  return { ...data, sheets, graph: buildGraph(sheets) };
}
