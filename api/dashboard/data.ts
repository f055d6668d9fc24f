// What the dashboard's views read: the read model's views (api/read/), the cycle asked for, and the filters
// from the URL applied to the rollup. No HTML here.
import { parseCycle } from "../../shared/cycle.js";
import type { CycleRecordRow } from "../../shared/cycle-archive.js";
import type { AlignmentGraph } from "../../shared/graph.js";
import {
  type GroupTotal,
  type KeyResultState,
  LEVELS,
  type Level,
  type ObjectiveRef,
  type Rollup,
  type RollupNode,
  type SheetRows,
  STATUSES,
  type Status,
} from "../../shared/model.js";
import { groupTotal } from "../../shared/rollup.js";
import type { AppDeps } from "../app/config.js";
import { type KeyResultFacts, orgData } from "../read/index.js";

export interface OrgData {
  sheets: SheetRows[];
  graph: AlignmentGraph;
  /** Per key result: its latest check-in or synced new value, whichever is later. */
  lastCheckIns: Map<string, string>;
  cycles: string[];
  /** Rows past cycles are kept as (rollovers, closed cycles). */
  records: CycleRecordRow[];
  /** The sheets' live rows alone. */
  live: SheetRows[];
}

/** The organisation from its summaries (rows without their notes), for pages that walk the graph. */
export async function loadOrg(deps: AppDeps, orgId: string): Promise<OrgData> {
  const { sheets, graph, lastUpdates, cycles, records, live } = await orgData(deps, orgId);
  return { sheets, graph, lastCheckIns: lastUpdates, cycles, records, live };
}

/** The cycle asked for if it is in use; else the one running today; else the newest. */
export function chooseCycle(
  cycles: readonly string[],
  asked: string | undefined,
  today: string,
): string | null {
  if (asked && cycles.includes(asked)) return asked;
  const running = cycles.find((label) => {
    const window = parseCycle(label);
    return window !== null && window.start <= today && today <= window.end;
  });
  return running ?? cycles[0] ?? null;
}

/** ?quiet=N: days without a check-in that make a key result quiet, 1 to 365; anything else: the default. */
export function parseQuietDays(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d{1,3}$/.test(value)) return undefined;
  const days = Number(value);
  return days >= 1 && days <= 365 ? days : undefined;
}

// ---------------------------------------------------------------------------------------------
// Filters: team, level, status, owner. They live in the URL, so a reload or a shared link keeps them.

export interface Filters {
  team: string | null;
  level: Level | null;
  status: Status | null;
  owner: string | null;
}

export const NO_FILTERS: Filters = { team: null, level: null, status: null, owner: null };

export function parseFilters(query: Record<string, string | undefined>): Filters {
  const text = (value: string | undefined) => (value && value.length <= 200 ? value : null);
  const oneOf = <T extends string>(values: readonly T[], value: string | undefined) =>
    values.includes(value as T) ? (value as T) : null;
  return {
    team: text(query.team),
    level: oneOf(LEVELS, query.level),
    status: oneOf(STATUSES, query.status),
    owner: text(query.owner),
  };
}

export const hasFilters = (filters: Filters) => Object.values(filters).some((value) => value !== null);

/** The filters as query parameters (only the ones set). */
export function filterParams(filters: Filters): Record<string, string> {
  return Object.fromEntries(Object.entries(filters).filter(([, value]) => value !== null)) as Record<
    string,
    string
  >;
}

interface Filterable {
  team: string;
  owner: string;
  level?: Level | null;
  status?: Status;
}

export function matches(item: Filterable, filters: Filters): boolean {
  if (filters.team !== null && item.team !== filters.team) return false;
  if (filters.owner !== null && item.owner !== filters.owner) return false;
  if (filters.level !== null && "level" in item && item.level !== filters.level) return false;
  if (filters.status !== null && "status" in item && item.status !== filters.status) return false;
  return true;
}

/** Per objective, the owners of its key results (the read model's RollupView.keyResultOwners). */
export type KeyResultOwners = Readonly<Record<string, readonly string[]>>;

/**
 * An objective as the filters judge it: the Owner filter also finds the objectives where the person owns a
 * key result (an owner of key results only can be picked, and sees what they own).
 */
export function nodeMatches(node: RollupNode, filters: Filters, owners: KeyResultOwners = {}): boolean {
  if (filters.owner === null || node.owner === filters.owner) return matches(node, filters);
  return (owners[node.id] ?? []).includes(filters.owner) && matches(node, { ...filters, owner: null });
}

export function allNodes(roots: readonly RollupNode[]): RollupNode[] {
  const nodes: RollupNode[] = [];
  const visit = (node: RollupNode) => {
    nodes.push(node);
    for (const child of node.children) visit(child);
  };
  for (const root of roots) visit(root);
  return nodes;
}

/** Objective ID -> title, for links and labels that name other objectives. */
export function titlesOf(roots: readonly RollupNode[]): Map<string, string> {
  return new Map(allNodes(roots).map((node) => [node.id, node.title]));
}

/** A node of the tree as shown: matched by the filters, or kept dimmed as the path to a match. */
export interface ShownNode {
  node: RollupNode;
  matched: boolean;
  collapsed: boolean;
  /** Objectives under it that collapsing hides. */
  hiddenCount: number;
  children: ShownNode[];
}

/**
 * The tree with the filters applied: a node stays when it matches or something under it does
 * (ancestors of a match stay for context); collapsed nodes keep their place but hide their children.
 */
export function shownTree(
  roots: readonly RollupNode[],
  filters: Filters,
  collapsed: ReadonlySet<string>,
  owners: KeyResultOwners = {},
): ShownNode[] {
  // Counts what is shown under a node (after the filters), which is what collapsing hides.
  const shownBelow = (children: readonly ShownNode[]): number =>
    children.reduce((sum, child) => sum + 1 + child.hiddenCount + shownBelow(child.children), 0);
  const visit = (node: RollupNode): ShownNode | null => {
    const children = node.children.flatMap((child) => visit(child) ?? []);
    const matched = nodeMatches(node, filters, owners);
    if (!matched && children.length === 0) return null;
    const isCollapsed = collapsed.has(node.id) && children.length > 0;
    return {
      node,
      matched,
      collapsed: isCollapsed,
      hiddenCount: isCollapsed ? shownBelow(children) : 0,
      children: isCollapsed ? [] : children,
    };
  };
  return roots.flatMap((root) => visit(root) ?? []);
}

/** More objectives than a person reads as one picture: the tree then opens one level deep. */
export const LARGE_TREE = 150;

/**
 * The subtrees to collapse: those the URL names; or, for a large tree that the URL neither filters, collapses
 * nor asks to show whole (`expand=all`), every root's, so a leader first sees the company level with counts.
 */
export function collapsedFor(
  roots: readonly RollupNode[],
  filters: Filters,
  asked: readonly string[],
  expandAll: boolean,
): { collapsed: string[]; byDefault: boolean } {
  if (asked.length > 0 || expandAll || hasFilters(filters) || allNodes(roots).length <= LARGE_TREE)
    return { collapsed: [...asked], byDefault: false };
  return {
    collapsed: roots.filter((root) => root.children.length > 0).map((root) => root.id),
    byDefault: true,
  };
}

/** Every objective the filters match (not the dimmed context around them). */
export function matchedNodes(rollup: Rollup, filters: Filters, owners: KeyResultOwners = {}): RollupNode[] {
  return allNodes(rollup.roots).filter((node) => nodeMatches(node, filters, owners));
}

/** Key results at risk or off track among the objectives shown: the summary counts what the page shows. */
export function shownAtRisk(rollup: Rollup, matched: readonly RollupNode[]): number {
  const ids = new Set(matched.map((node) => node.id));
  return rollup.insights.atRisk.filter((kr) => kr.objectiveId !== null && ids.has(kr.objectiveId)).length;
}

/** Totals per team (or level) over the objectives that match the filters. */
export function groupedTotals(
  rollup: Rollup,
  filters: Filters,
  by: "team" | "level",
  owners: KeyResultOwners = {},
): GroupTotal[] {
  const groups = new Map<string, RollupNode[]>();
  for (const node of allNodes(rollup.roots)) {
    if (!nodeMatches(node, filters, owners)) continue;
    const key = (by === "team" ? node.team : node.level) ?? "";
    const list = groups.get(key);
    if (list) list.push(node);
    else groups.set(key, [node]);
  }
  // Levels read top-down (company, team, individual); teams alphabetically.
  const rank = (key: string) => (by === "level" ? (LEVELS as readonly string[]).indexOf(key) >>> 0 : 0);
  return [...groups.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, nodes]) => groupTotal(key, nodes));
}

/**
 * The insights, each list narrowed to what matches the filters. Key results are judged by their own team,
 * owner and status and by their objective's level (they have none of their own).
 */
export function filteredInsights(
  rollup: Rollup,
  filters: Filters,
  keyResults: Readonly<Record<string, KeyResultFacts>>,
) {
  const { insights } = rollup;
  const nodes = new Map(allNodes(rollup.roots).map((node) => [node.id, node]));
  const byId = (id: string) => {
    const facts = nodes.get(id) ?? keyResults[id];
    return facts ? matches(facts, filters) : !hasFilters(filters);
  };
  const objective = (ref: ObjectiveRef) => byId(ref.id);
  const keyResult = (kr: KeyResultState) => {
    const parent = kr.objectiveId ? nodes.get(kr.objectiveId) : undefined;
    return matches(
      { team: kr.team, owner: kr.owner, status: kr.status, level: parent?.level ?? null },
      filters,
    );
  };
  return {
    unsupported: insights.unsupported.filter(objective),
    unaligned: insights.unaligned.filter(objective),
    cycles: insights.cycles.filter((ids) => ids.some(byId)),
    duplicates: insights.duplicates.filter((pair) => byId(pair.a.id) || byId(pair.b.id)),
    atRisk: insights.atRisk.filter(keyResult),
    quiet: insights.quiet.filter(keyResult),
    quietDays: insights.quietDays,
    disagreements: insights.disagreements.filter(keyResult),
    unknownLinks: insights.unknownLinks.filter((link) => byId(link.from)),
    crossCycle: insights.crossCycle.filter((link) => byId(link.from)),
  };
}

export type ShownInsights = ReturnType<typeof filteredInsights>;

/** Distinct teams and owners of the cycle (of objectives and of key results), for the filter dropdowns. */
export function filterChoices(
  rollup: Rollup,
  keyResultOwners: KeyResultOwners = {},
): { teams: string[]; owners: string[] } {
  const teams = new Set<string>();
  const owners = new Set<string>();
  for (const node of allNodes(rollup.roots)) {
    if (node.team) teams.add(node.team);
    if (node.owner) owners.add(node.owner);
    for (const owner of keyResultOwners[node.id] ?? []) owners.add(owner);
  }
  const sorted = (set: Set<string>) => [...set].sort((a, b) => a.localeCompare(b));
  return { teams: sorted(teams), owners: sorted(owners) };
}
