// The weekly rhythm's content: what each owner must check in on, and the leaders' digest. Pure: the API
// gathers the rows, people, update times and last digest's snapshot, and sends what this returns.
import type { Comment } from "./comments.js";
import { dayNumber, expectedProgress, parseCycle } from "./cycle.js";
import type { AlignmentGraph, Placed } from "./graph.js";
import type { DuplicatePair, KeyResultState, ObjectiveRef, OkrRow, Status } from "./model.js";
import { indexPeople, ownersOf, type Person } from "./people.js";
import { progress, statusOf } from "./progress.js";
import { DEFAULT_QUIET_DAYS, keyResultRef, rollupFromGraph } from "./rollup.js";

export interface RhythmInput {
  graph: AlignmentGraph;
  people: readonly Person[];
  /** The local date of the run (expected progress and "running" cycles are judged on it). */
  asOf: string;
  /** When the local week began: an update since then is this week's check-in. */
  weekStartedAt: string;
  /** Row ID -> its latest update: a check-in, or a sync that brought a new Current value. */
  updates: ReadonlyMap<string, string>;
  quietDays?: number;
}

/** The cycles whose dates include `asOf`, in the order first met. */
export function runningCycles(graph: AlignmentGraph, asOf: string): string[] {
  const cycles = new Set<string>();
  for (const placed of graph.objectives.values()) {
    const window = parseCycle(placed.row.cycle);
    if (window && window.start <= asOf && asOf <= window.end) cycles.add(placed.row.cycle);
  }
  return [...cycles];
}

export interface DueItem {
  id: string;
  type: "key_result" | "kpi";
  title: string;
  /** The objective (or, for a KPI beside a key result, the key result) it belongs to. */
  parentId: string | null;
  parentTitle: string;
  team: string;
  sheetId: string;
  cycle: string;
  current: number | null;
  target: number | null;
  unit: string;
  lastUpdateAt: string | null;
  /** No update for quietDays days (or ever), not just none this week. */
  quiet: boolean;
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Per person (by e-mail): their key results and KPIs in running cycles that have had no update this week,
 * done key results left out. KPIs have no cycle of their own: they run with what they sit beside.
 */
export function checkInsDue(input: RhythmInput): Map<string, DueItem[]> {
  const { graph } = input;
  const running = new Set(runningCycles(graph, input.asOf));
  const index = indexPeople(input.people);
  const quietBefore = dayNumber(input.asOf) - (input.quietDays ?? DEFAULT_QUIET_DAYS);
  const due = new Map<string, DueItem[]>();
  const title = (id: string | null) =>
    id ? (graph.objectives.get(id)?.row.title ?? graph.keyResults.get(id)?.row.title ?? "") : "";
  const cycleOf = (placed: Placed): string => {
    const { row } = placed;
    if (row.cycle) return row.cycle;
    const parent = row.objectiveId
      ? (graph.objectives.get(row.objectiveId) ?? graph.keyResults.get(row.objectiveId))
      : undefined;
    return parent ? cycleOf(parent) : "";
  };
  const consider = (placed: Placed, type: DueItem["type"]) => {
    const { row } = placed;
    const cycle = cycleOf(placed);
    if (!running.has(cycle)) return;
    if (type === "key_result" && progress(row) === 1) return;
    const lastUpdateAt = input.updates.get(row.id) ?? null;
    if (lastUpdateAt !== null && lastUpdateAt >= input.weekStartedAt) return;
    const item: DueItem = {
      id: row.id,
      type,
      title: row.title,
      parentId: row.objectiveId,
      parentTitle: title(row.objectiveId),
      team: row.team,
      sheetId: placed.sheetId,
      cycle,
      current: row.current,
      target: row.target,
      unit: row.unit,
      lastUpdateAt,
      quiet: lastUpdateAt === null || dayNumber(lastUpdateAt) <= quietBefore,
    };
    for (const person of ownersOf(row.owner, index)) {
      const list = due.get(person.email);
      if (list) list.push(item);
      else due.set(person.email, [item]);
    }
  };
  for (const placed of graph.keyResults.values()) consider(placed, "key_result");
  for (const placed of graph.kpis) consider(placed, "kpi");
  for (const list of due.values())
    list.sort((a, b) => Number(b.quiet) - Number(a.quiet) || compareText(a.id, b.id));
  return due;
}

// ---------------------------------------------------------------------------------------------
// The leaders' digest

/** What the digest remembers of each key result, to tell next week what changed since. */
export interface SnapshotRow {
  status: Status;
  start: number | null;
  target: number | null;
  current: number | null;
  title: string;
  team: string;
}

export interface DigestSnapshot {
  week: string;
  takenAt: string;
  rows: Record<string, SnapshotRow>;
}

export type DigestChange =
  | {
      kind: "target_moved" | "start_moved";
      id: string;
      title: string;
      team: string;
      from: number | null;
      to: number | null;
      /** The new target is closer to the current value than the old one: the bar was lowered. */
      towardCurrent: boolean;
      /** When (the history knows; the snapshot comparison does not). */
      at?: string;
    }
  | { kind: "added" | "removed"; id: string; title: string; team: string; at?: string };

/**
 * "What changed": a pluggable part. Today's source compares with the snapshot the previous digest kept
 * (`since_last_digest`: changes between two digests, not when within the week nor by whom); the row
 * history (issue 14 part B) plugs in as another source with `basis: "history"`.
 */
export interface ChangeFeed {
  basis: "since_last_digest" | "history" | "none";
  /** Since when the changes run; null when there is nothing to compare with (the first digest). */
  since: string | null;
  changes: DigestChange[];
}

export type ChangeSource = (previous: DigestSnapshot | null, current: DigestSnapshot) => ChangeFeed;

/** Compares this week's key results with the previous digest's snapshot. */
export const changesSinceLastDigest: ChangeSource = (previous, current) => {
  if (!previous) return { basis: "none", since: null, changes: [] };
  const changes: DigestChange[] = [];
  for (const [id, now] of Object.entries(current.rows)) {
    const before = previous.rows[id];
    const base = { id, title: now.title, team: now.team };
    if (!before) {
      changes.push({ kind: "added", ...base });
      continue;
    }
    if (before.target !== now.target) {
      const towardCurrent =
        now.current !== null &&
        before.target !== null &&
        now.target !== null &&
        Math.abs(now.target - now.current) < Math.abs(before.target - now.current);
      changes.push({ kind: "target_moved", ...base, from: before.target, to: now.target, towardCurrent });
    }
    if (before.start !== now.start)
      changes.push({ kind: "start_moved", ...base, from: before.start, to: now.start, towardCurrent: false });
  }
  for (const [id, before] of Object.entries(previous.rows))
    if (!current.rows[id]) changes.push({ kind: "removed", id, title: before.title, team: before.team });
  changes.sort((a, b) => compareText(a.kind, b.kind) || compareText(a.id, b.id));
  return { basis: "since_last_digest", since: previous.takenAt, changes };
};

export interface Digest {
  week: string;
  asOf: string;
  cycles: string[];
  /** Off track now and not in the last digest (with no last digest: every key result off track). */
  newOffTrack: KeyResultState[];
  /** Off track or at risk in the last digest, on track or done now. */
  recovered: KeyResultState[];
  quiet: KeyResultState[];
  unsupported: ObjectiveRef[];
  duplicates: DuplicatePair[];
  changes: ChangeFeed;
  /** This week's comments, oldest first. */
  comments: Comment[];
  /** True when there was no previous digest to compare with. */
  first: boolean;
}

/** A key result's cycle: its own, else its objective's. */
function cycleOfKeyResult(graph: AlignmentGraph, row: OkrRow): string {
  return row.cycle || (row.objectiveId ? (graph.objectives.get(row.objectiveId)?.row.cycle ?? "") : "");
}

/** A key result's pace: its progress against its cycle's expected progress on `asOf`. */
function paceOf(graph: AlignmentGraph, row: OkrRow, asOf: string): Status {
  const window = parseCycle(cycleOfKeyResult(graph, row));
  return statusOf(progress(row), window ? expectedProgress(window, asOf) : null, row.current !== null);
}

/** Every running key result as the snapshot keeps it: the status its sheet shows (the owner's word where set). */
export function snapshotOf(
  graph: AlignmentGraph,
  asOf: string,
  week: string,
  takenAt: string,
): DigestSnapshot {
  const running = new Set(runningCycles(graph, asOf));
  const rows: Record<string, SnapshotRow> = {};
  for (const placed of graph.keyResults.values()) {
    const { row } = placed;
    if (!running.has(cycleOfKeyResult(graph, row))) continue;
    rows[row.id] = {
      status: row.ownerStatus ?? paceOf(graph, row, asOf),
      start: row.start,
      target: row.target,
      current: row.current,
      title: row.title,
      team: row.team,
    };
  }
  return { week, takenAt, rows };
}

const MAX_ITEMS = 25;

export function buildDigest(
  input: RhythmInput & {
    week: string;
    takenAt: string;
    previous: DigestSnapshot | null;
    comments: readonly Comment[];
    changeSource?: ChangeSource;
  },
): { digest: Digest; snapshot: DigestSnapshot } {
  const cycles = runningCycles(input.graph, input.asOf);
  const snapshot = snapshotOf(input.graph, input.asOf, input.week, input.takenAt);
  const lastCheckIns = new Map(input.updates);
  const rollups = cycles.map((cycle) =>
    rollupFromGraph(input.graph, {
      cycle,
      asOf: input.asOf,
      lastCheckIns,
      ...(input.quietDays !== undefined ? { quietDays: input.quietDays } : {}),
    }),
  );
  const all = <T>(pick: (insights: (typeof rollups)[number]["insights"]) => T[]) =>
    rollups.flatMap((rollup) => pick(rollup.insights));
  const before = input.previous?.rows ?? {};
  const atRisk = all((insights) => insights.atRisk);
  const newOffTrack = atRisk.filter(
    (kr) => kr.status === "off_track" && (!input.previous || before[kr.id]?.status !== "off_track"),
  );
  const recovered: KeyResultState[] = [];
  if (input.previous) {
    for (const [id, now] of Object.entries(snapshot.rows)) {
      const was = before[id]?.status;
      const placed = input.graph.keyResults.get(id);
      if (!placed || !(was === "off_track" || was === "at_risk")) continue;
      if (now.status !== "on_track" && now.status !== "done") continue;
      recovered.push({
        ...keyResultRef(placed),
        progress: progress(placed.row) ?? 0,
        status: now.status,
        lastCheckInAt: lastCheckIns.get(id) ?? null,
        confidence: placed.row.confidence,
        paceStatus: paceOf(input.graph, placed.row, input.asOf),
        ownerStatus: placed.row.ownerStatus ?? null,
        noUpdate: false,
        grade: null,
      });
    }
  }
  const digest: Digest = {
    week: input.week,
    asOf: input.asOf,
    cycles,
    newOffTrack: newOffTrack.slice(0, MAX_ITEMS),
    recovered: recovered.slice(0, MAX_ITEMS),
    quiet: all((insights) => insights.quiet).slice(0, MAX_ITEMS),
    unsupported: all((insights) => insights.unsupported).slice(0, MAX_ITEMS),
    duplicates: all((insights) => insights.duplicates).slice(0, 10),
    changes: (input.changeSource ?? changesSinceLastDigest)(input.previous, snapshot),
    comments: [...input.comments].sort((a, b) => compareText(a.at, b.at)).slice(0, MAX_ITEMS),
    first: input.previous === null,
  };
  return { digest, snapshot };
}
