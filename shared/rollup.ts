// The consolidated tree leaders read: every sheet's objectives for one cycle, aligned under their parents,
// with own progress and aligned progress side by side, totals per team and level, and insights.
import { dayNumber, expectedProgress, parseCycle } from "./cycle.js";
import { alignmentNests, type CycleResolver, cycleEnded, strictlyWithin } from "./cycle-nesting.js";
import { DEFAULT_DUPLICATE_THRESHOLD, duplicateWork } from "./duplicates.js";
import { type AlignmentGraph, buildGraph, findCycles, type Placed } from "./graph.js";
import {
  type CycleWindow,
  type DuplicatePair,
  type GroupTotal,
  type KeyResultRef,
  type KeyResultState,
  type ObjectiveRef,
  type Rollup,
  type RollupInsights,
  type RollupNode,
  type SheetRows,
  STATUSES,
  type Status,
  type StatusThresholds,
} from "./model.js";
import { DEFAULT_NO_UPDATE_SHARE, keyResultStatus } from "./owner-status.js";
import { gradeScore, objectiveProgress, progress, statusOf, weightedMean } from "./progress.js";
import { isoDayIn } from "./time-zone.js";

export { DEFAULT_DUPLICATE_THRESHOLD } from "./duplicates.js";
export { DEFAULT_NO_UPDATE_SHARE } from "./owner-status.js";

export interface RollupOptions {
  cycle: string;
  asOf: string;
  thresholds?: StatusThresholds;
  resolveCycle?: (label: string) => CycleWindow | null;
  /** Key result ID -> ISO time of its latest update (a check-in; the API also counts a synced new value). */
  lastCheckIns?: ReadonlyMap<string, string>;
  duplicateThreshold?: number;
  /** At most this many near-duplicate pairs, the most alike first (default DEFAULT_MAX_DUPLICATES). */
  maxDuplicates?: number;
  /** A key result without a check-in for this many days is quiet (default DEFAULT_QUIET_DAYS). */
  quietDays?: number;
  /**
   * A key result with no value and no check-in once this share of its cycle has passed counts as at risk
   * (default DEFAULT_NO_UPDATE_SHARE).
   */
  noUpdateShare?: number;
  /** The time zone `asOf` is a day of: check-in times count as that zone's days (default UTC). */
  timeZone?: string;
}

/** Two weeks: most teams check in weekly, so two missed check-ins are worth a leader's question. */
export const DEFAULT_QUIET_DAYS = 14;

export const DEFAULT_MAX_DUPLICATES = 200;

/** An objective as others refer to it (catalog, rollup, insights): its row and the sheet it lives in. */
export function objectiveRef(placed: Pick<Placed, "row" | "sheetId">): ObjectiveRef {
  const { row } = placed;
  return {
    id: row.id,
    title: row.title,
    team: row.team,
    owner: row.owner,
    level: row.level,
    cycle: row.cycle,
    sheetId: placed.sheetId,
  };
}

export function keyResultRef(placed: Pick<Placed, "row" | "sheetId">): KeyResultRef {
  const { row } = placed;
  return {
    id: row.id,
    title: row.title,
    objectiveId: row.objectiveId,
    team: row.team,
    owner: row.owner,
    cycle: row.cycle,
    sheetId: placed.sheetId,
  };
}

/** Distinct cycle labels, newest first (by start date; unparseable labels last, alphabetically). */
export function listCycles(sheets: readonly SheetRows[]): string[] {
  const labels = new Set<string>();
  for (const sheet of sheets) for (const row of sheet.rows) if (row.cycle) labels.add(row.cycle);
  const start = (label: string) => parseCycle(label)?.start ?? "";
  return [...labels].sort((a, b) => (start(b) > start(a) ? 1 : start(b) < start(a) ? -1 : a < b ? -1 : 1));
}

function emptyCounts(): Record<Status, number> {
  return Object.fromEntries(STATUSES.map((status) => [status, 0])) as Record<Status, number>;
}

/** Objective count, KR count, mean own progress and status mix of a group of rollup nodes. */
export function groupTotal(key: string, nodes: readonly RollupNode[]): GroupTotal {
  const statusCounts = emptyCounts();
  let keyResultCount = 0;
  const values: number[] = [];
  // Summed in ID order, so the mean is the same to the last bit whatever order the rows came in.
  for (const node of [...nodes].sort(byId)) {
    statusCounts[node.status]++;
    keyResultCount += node.keyResultCount;
    if (node.progress !== null) values.push(node.progress);
  }
  const meanProgress = values.length ? values.reduce((sum, value) => sum + value, 0) / values.length : null;
  return { key, objectiveCount: nodes.length, keyResultCount, meanProgress, statusCounts };
}

// Plain code-unit order: deterministic in every runtime, and ICU collation cost most of the rollup at 100k rows.
const byTeamTitleId = (a: RollupNode, b: RollupNode) =>
  compare(a.team, b.team) || compare(a.title, b.title) || compare(a.id, b.id);

export function buildRollup(sheets: readonly SheetRows[], options: RollupOptions): Rollup {
  return rollupFromGraph(buildGraph(sheets), options);
}

export function rollupFromGraph(graph: AlignmentGraph, options: RollupOptions): Rollup {
  const resolve = options.resolveCycle ?? parseCycle;
  // Expected progress is each objective's own cycle's (a 2026 parent in the 2026-Q4 tree runs by the year).
  const expectedByLabel = new Map<string, number | null>();
  const expectedFor = (label: string): number | null => {
    let value = expectedByLabel.get(label);
    if (value === undefined) {
      const window = resolve(label);
      value = window ? expectedProgress(window, options.asOf) : null;
      expectedByLabel.set(label, value);
    }
    return value;
  };
  const expected = expectedFor(options.cycle);

  // Each loop is broken at its smallest ID, so every objective stands in the tree exactly once.
  const cycles = findCycles(graph);
  const loopBreakers = new Set(cycles.map((cycle) => cycle[0]!));
  const { members, context, memberIds } = membersOfCycle(graph, options.cycle, resolve, loopBreakers);
  const inCycle = members;
  const shown = [...members, ...context];
  const nodes = new Map<string, RollupNode>();
  // Called once `nodes` holds every objective shown.
  const treeParent = (placed: Placed): string | null => {
    const parent = placed.row.alignsTo;
    if (!parent || parent === placed.row.id || !nodes.has(parent) || loopBreakers.has(placed.row.id))
      return null;
    if (!alignmentNests(placed.row.cycle, graph.objectives.get(parent)!.row.cycle, resolve)) return null;
    return parent;
  };

  const noKeyResults: Placed[] = [];
  // Each shown objective's node at its place in `shown` (no look-up by ID to find it again).
  const shownNodes: RollupNode[] = [];
  for (const placed of shown) {
    const { row } = placed;
    const krs = graph.keyResultsByObjective.get(row.id) ?? noKeyResults;
    const own = objectiveProgress(krs.map((kr) => kr.row));
    const nodeExpected = expectedFor(row.cycle);
    const pace = statusOf(
      own,
      nodeExpected,
      krs.some((kr) => kr.row.current !== null),
      options.thresholds,
    );
    const ownerStatus = row.ownerStatus ?? null;
    // The objective's reference (objectiveRef's fields, in its order) and the node's fields in one literal:
    // one object per objective, no spread and no Object.assign.
    const node: RollupNode = {
      id: row.id,
      title: row.title,
      team: row.team,
      owner: row.owner,
      level: row.level,
      cycle: row.cycle,
      sheetId: placed.sheetId,
      progress: own,
      alignedProgress: null,
      expected: nodeExpected,
      // What the sheet's Status shows: the owner's word where set, else the pace (kept beside it).
      status: ownerStatus ?? pace,
      paceStatus: pace,
      ownerStatus,
      keyResultCount: krs.length,
      contributesTo: [...row.contributesTo],
      children: [],
      grade: own !== null && cycleEnded(row.cycle, options.asOf, resolve) ? gradeScore(own) : null,
    };
    nodes.set(row.id, node);
    shownNodes.push(node);
  }
  const roots: RollupNode[] = [];
  shown.forEach((placed, at) => {
    const node = shownNodes[at]!;
    const parent = treeParent(placed);
    if (parent) nodes.get(parent)!.children.push(node);
    else roots.push(node);
  });
  for (const node of nodes.values()) {
    // Most objectives have no children: no list of none to weigh.
    if (node.children.length === 0) continue;
    node.children.sort(byTeamTitleId);
    node.alignedProgress = weightedMean(
      node.children.map((child) => ({
        progress: child.progress,
        weight: graph.objectives.get(child.id)!.row.weight ?? 1,
      })),
    );
  }
  roots.sort(
    (a, b) => (a.level === "company" ? 0 : 1) - (b.level === "company" ? 0 : 1) || byTeamTitleId(a, b),
  );

  // Totals count the cycle's own work (and its nested cycles' under it), not the parents shown for context.
  // The members come first in `shown`.
  const all = shownNodes.slice(0, inCycle.length);
  const groupBy = (key: (node: RollupNode) => string) => {
    const groups = new Map<string, RollupNode[]>();
    for (const node of all) {
      const list = groups.get(key(node));
      if (list) list.push(node);
      else groups.set(key(node), [node]);
    }
    return [...groups.entries()]
      .sort(([a], [b]) => compare(a, b))
      .map(([name, members]) => groupTotal(name, members));
  };

  return {
    cycle: options.cycle,
    asOf: options.asOf,
    roots,
    teams: groupBy((node) => node.team),
    levels: groupBy((node) => node.level ?? ""),
    insights: insights(graph, inCycle, memberIds, nodes, cycles, expected, expectedFor, options),
  };
}

/**
 * The objectives of a cycle's tree. Members: the cycle's own objectives and, under them, those of cycles
 * nested in it (the year's tree holds its quarters' objectives aligned to it). Context: the parents in
 * containing cycles that the cycle's objectives align to (the quarter's tree shows the annual objective its
 * objectives support), shown with only this cycle's children and counted in no total.
 */
export function cycleMembers(
  graph: AlignmentGraph,
  cycle: string,
  resolve: CycleResolver = parseCycle,
  loopBreakers: ReadonlySet<string> = new Set(findCycles(graph).map((loop) => loop[0]!)),
): { members: Placed[]; context: Placed[] } {
  const { members, context } = membersOfCycle(graph, cycle, resolve, loopBreakers);
  return { members, context };
}

function membersOfCycle(
  graph: AlignmentGraph,
  cycle: string,
  resolve: CycleResolver,
  loopBreakers: ReadonlySet<string>,
): { members: Placed[]; context: Placed[]; memberIds: ReadonlySet<string> } {
  const members: Placed[] = [];
  const memberIds = new Set<string>();
  for (const placed of graph.objectives.values()) {
    if (placed.row.cycle !== cycle) continue;
    members.push(placed);
    memberIds.add(placed.row.id);
  }
  // Down: objectives of nested cycles aligned (through any depth) to a member.
  const queue = [...members];
  for (let i = 0; i < queue.length; i++) {
    const parent = queue[i]!;
    for (const child of graph.children.get(parent.row.id) ?? []) {
      const id = child.row.id;
      if (memberIds.has(id) || loopBreakers.has(id)) continue;
      if (!strictlyWithin(child.row.cycle, cycle, resolve)) continue;
      if (!alignmentNests(child.row.cycle, parent.row.cycle, resolve)) continue;
      members.push(child);
      memberIds.add(id);
      queue.push(child);
    }
  }
  // Up: parents in containing cycles, as far as the windows keep nesting.
  const context: Placed[] = [];
  const contextIds = new Set<string>();
  for (const member of members) {
    let placed = member;
    while (!loopBreakers.has(placed.row.id)) {
      const parentId = placed.row.alignsTo;
      if (!parentId || parentId === placed.row.id || memberIds.has(parentId)) break;
      const parent = graph.objectives.get(parentId);
      if (!parent || !alignmentNests(placed.row.cycle, parent.row.cycle, resolve)) break;
      if (contextIds.has(parentId)) break;
      context.push(parent);
      contextIds.add(parentId);
      placed = parent;
    }
  }
  return { members, context, memberIds };
}

function insights(
  graph: AlignmentGraph,
  inCycle: readonly Placed[],
  memberIds: ReadonlySet<string>,
  nodes: ReadonlyMap<string, RollupNode>,
  cycles: string[][],
  expected: number | null,
  expectedFor: (label: string) => number | null,
  options: RollupOptions,
): RollupInsights {
  const unknownLinks: RollupInsights["unknownLinks"] = [];
  const crossCycle: RollupInsights["crossCycle"] = [];
  const unsupported: ObjectiveRef[] = [];
  const unaligned: ObjectiveRef[] = [];
  for (const placed of inCycle) {
    const { row } = placed;
    if (row.alignsTo && row.alignsTo !== row.id) {
      const parent = graph.objectives.get(row.alignsTo);
      if (!parent) unknownLinks.push({ from: row.id, to: row.alignsTo, kind: "alignsTo" });
      else if (!alignmentNests(row.cycle, parent.row.cycle, options.resolveCycle ?? parseCycle))
        crossCycle.push({ from: row.id, to: parent.row.id, fromCycle: row.cycle, toCycle: parent.row.cycle });
    }
    for (const target of row.contributesTo) {
      if (!graph.objectives.has(target))
        unknownLinks.push({ from: row.id, to: target, kind: "contributesTo" });
    }
    if (!row.alignsTo && (row.level === "team" || row.level === "individual"))
      unaligned.push(objectiveRef(placed));
    if (row.level === "company" && !graph.children.has(row.id) && !graph.contributors.has(row.id))
      unsupported.push(objectiveRef(placed));
  }

  const keyResults = inCycle.flatMap((placed) => graph.keyResultsByObjective.get(placed.row.id) ?? []);
  const atRisk: KeyResultState[] = [];
  const quiet: KeyResultState[] = [];
  const disagreements: KeyResultState[] = [];
  const quietDays = options.quietDays ?? DEFAULT_QUIET_DAYS;
  const noUpdateShare = options.noUpdateShare ?? DEFAULT_NO_UPDATE_SHARE;
  // Check-in times are only known when the caller passes them; without them nothing is called quiet.
  const quietBefore = options.lastCheckIns ? dayNumber(options.asOf) - quietDays : null;
  const judging = { ...(options.thresholds ? { thresholds: options.thresholds } : {}), noUpdateShare };
  const resolve = options.resolveCycle ?? parseCycle;
  for (const kr of keyResults) {
    const { row } = kr;
    if (row.objectiveId && !graph.objectives.has(row.objectiveId))
      unknownLinks.push({ from: row.id, to: row.objectiveId, kind: "objective" });
    const lastCheckInAt = options.lastCheckIns?.get(row.id) ?? null;
    const cycle = row.cycle || (graph.objectives.get(row.objectiveId ?? "")?.row.cycle ?? "");
    const krExpected = cycle === options.cycle ? expected : expectedFor(cycle);
    const judged = keyResultStatus(row, krExpected, lastCheckInAt !== null, judging);
    const risky = judged.status === "at_risk" || judged.status === "off_track";
    const isQuiet =
      quietBefore !== null &&
      judged.status !== "done" &&
      (lastCheckInAt === null ||
        dayNumber(isoDayIn(new Date(lastCheckInAt), options.timeZone)) <= quietBefore);
    // Only the key results an insight lists get a state object (most are on track, not quiet, agreed).
    if (!risky && !judged.disagrees && !isQuiet) continue;
    const value = progress(row);
    // The key result's reference (keyResultRef's fields, in its order) and its state in one literal.
    const state: KeyResultState = {
      id: row.id,
      title: row.title,
      objectiveId: row.objectiveId,
      team: row.team,
      owner: row.owner,
      cycle: row.cycle,
      sheetId: kr.sheetId,
      progress: value ?? 0,
      status: judged.status,
      lastCheckInAt,
      confidence: row.confidence,
      paceStatus: judged.pace,
      ownerStatus: row.ownerStatus ?? null,
      noUpdate: judged.noUpdate,
      grade: cycleEnded(cycle, options.asOf, resolve) ? gradeScore(value ?? 0) : null,
    };
    if (risky) atRisk.push(state);
    if (judged.disagrees) disagreements.push(state);
    if (isQuiet) quiet.push(state);
  }

  // The organisation's one duplicate search, kept to this cycle: its objectives and their key results. The
  // pairs come the most alike first, so the first `maxDuplicates` are the ones a leader reads.
  const inRollup = (placed: Placed) =>
    placed.row.type === "objective"
      ? memberIds.has(placed.row.id)
      : placed.row.objectiveId !== null && memberIds.has(placed.row.objectiveId);
  const maxDuplicates = options.maxDuplicates ?? DEFAULT_MAX_DUPLICATES;
  const duplicates: DuplicatePair[] = [];
  for (const pair of duplicateWork(graph, options.duplicateThreshold ?? DEFAULT_DUPLICATE_THRESHOLD).pairs) {
    if (duplicates.length >= maxDuplicates) break;
    if (!inRollup(pair.a) || !inRollup(pair.b)) continue;
    duplicates.push({ a: ref(pair.a), b: ref(pair.b), similarity: pair.similarity });
  }

  // Sorted by ID so that the rollup does not depend on the order of rows or sheets.
  return {
    unsupported: unsupported.sort(byId),
    unaligned: unaligned.sort(byId),
    cycles: cycles.filter((cycle) => cycle.some((id) => nodes.has(id))),
    unknownLinks: unknownLinks.sort((x, y) => compare(x.from, y.from) || compare(x.to, y.to)),
    crossCycle: crossCycle.sort((x, y) => compare(x.from, y.from)),
    duplicates,
    atRisk: atRisk.sort((a, b) => a.progress - b.progress || byId(a, b)),
    // Never checked in first, then the longest quiet; ISO times sort as text.
    quiet: quiet.sort((a, b) => compare(a.lastCheckInAt ?? "", b.lastCheckInAt ?? "") || byId(a, b)),
    quietDays,
    disagreements: disagreements.sort(byId),
    noUpdateShare,
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function byId(a: { id: string }, b: { id: string }): number {
  return compare(a.id, b.id);
}

function ref(placed: Placed): ObjectiveRef | KeyResultRef {
  return placed.row.type === "objective" ? objectiveRef(placed) : keyResultRef(placed);
}
