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
  /** Children the picture leaves out to stay small (see pictureOf): they are shown under the node on its own. */
  more?: number;
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
      more: 0,
    };
  };
  return roots.flatMap((root) => visit(root) ?? []);
}

/** More objectives than a person reads as one picture: the tree then opens one level deep. */
export const LARGE_TREE = 150;

/**
 * The subtrees to collapse: those the URL names; or, for a large tree that the URL neither filters nor asks to
 * show whole (`expand=all`), every root's but those it opens (`open`), so a leader first sees the company level
 * with counts. Collapsing inside an opened root (`c` beside `open`) keeps the rest closed.
 */
export function collapsedFor(
  roots: readonly RollupNode[],
  filters: Filters,
  asked: readonly string[],
  expandAll: boolean,
  open: readonly string[] = [],
): { collapsed: string[]; byDefault: boolean } {
  if (
    (asked.length > 0 && open.length === 0) ||
    expandAll ||
    hasFilters(filters) ||
    allNodes(roots).length <= LARGE_TREE
  )
    return { collapsed: [...asked], byDefault: false };
  const opened = new Set(open);
  const closed = roots.filter((root) => root.children.length > 0 && !opened.has(root.id)).map((r) => r.id);
  return { collapsed: [...new Set([...closed, ...asked])], byDefault: true };
}

/**
 * How much one picture of the tree draws: the top objectives a page at a time, then their children level by
 * level while the cards last (at most `children` per objective). What is left out is a link away (the next
 * page, or the objectives under one objective), so a page stays the same size however large the organisation.
 */
export const TREE_PAGE = { top: 50, children: 100, cards: 300 } as const;

/** Company objectives first; team objectives that support none follow them (the order the picture draws). */
export const companyFirst = (top: readonly ShownNode[]) => [
  ...top.filter((shown) => shown.node.level === "company"),
  ...top.filter((shown) => shown.node.level !== "company"),
];

/**
 * The picture of one page of `top` (from `from`): nodes without their rollup subtrees (the picture's own
 * children only), breadth first within TREE_PAGE.cards; a node whose children did not fit says how many (`more`).
 */
export function pictureOf(top: readonly ShownNode[], from: number): ShownNode[] {
  const page = top.slice(from, from + TREE_PAGE.top);
  let budget = TREE_PAGE.cards - page.length;
  const bare = (shown: ShownNode): ShownNode => ({
    ...shown,
    node: { ...shown.node, children: [] },
    children: [],
    more: 0,
  });
  const picture = page.map(bare);
  let level = page.map((shown, i) => ({ whole: shown, drawn: picture[i]! }));
  while (level.length > 0) {
    const next: typeof level = [];
    for (const { whole, drawn } of level) {
      const take = Math.max(0, Math.min(whole.children.length, TREE_PAGE.children, budget));
      budget -= take;
      drawn.children = whole.children.slice(0, take).map(bare);
      drawn.more = whole.children.length - take;
      drawn.children.forEach((child, i) => {
        next.push({ whole: whole.children[i]!, drawn: child });
      });
    }
    level = next;
  }
  return picture;
}

/** Every node of a shown tree, depth first. */
export function allShown(shown: readonly ShownNode[]): ShownNode[] {
  return shown.flatMap((node) => [node, ...allShown(node.children)]);
}

/** The shown node of `id` anywhere in the shown tree, or null. */
export function findShown(shown: readonly ShownNode[], id: string): ShownNode | null {
  for (const node of shown) {
    if (node.node.id === id) return node;
    const found = findShown(node.children, id);
    if (found) return found;
  }
  return null;
}

/** More choices than a dropdown can offer sensibly: the filter is then a text field (the same parameter). */
export const MAX_CHOICES = 200;

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

/** The insight lists a page counts and cuts (all but the setting `quietDays`). */
export type InsightList = Exclude<keyof ShownInsights, "quietDays">;

/** Items per insight list the page shows; the CSV has them all. */
export const INSIGHTS_SHOWN = 50;

/**
 * The insights page's part of the rollup: each filtered list cut to INSIGHTS_SHOWN, its length, and the titles
 * of the objectives the cut lists name: what the page draws, whatever the size of the organisation.
 */
export function insightsPage(
  rollup: Rollup,
  filters: Filters,
  keyResults: Readonly<Record<string, KeyResultFacts>>,
) {
  const filtered = filteredInsights(rollup, filters, keyResults);
  const totals = {} as Record<InsightList, number>;
  const cut = { ...filtered } as Record<string, unknown>;
  for (const [name, value] of Object.entries(filtered)) {
    if (!Array.isArray(value)) continue;
    totals[name as InsightList] = value.length;
    cut[name] = value.slice(0, INSIGHTS_SHOWN);
  }
  const insights = cut as ShownInsights;
  return { insights, totals, titles: titlesNamed(rollup.roots, insights) };
}

/** The titles of the objectives whose IDs `value` holds anywhere (an ID is any string that is one). */
export function titlesNamed(roots: readonly RollupNode[], value: unknown): Record<string, string> {
  const all = titlesOf(roots);
  const named: Record<string, string> = {};
  const visit = (item: unknown) => {
    if (typeof item === "string") {
      const title = all.get(item);
      if (title !== undefined) named[item] = title;
    } else if (Array.isArray(item)) for (const each of item) visit(each);
    else if (item && typeof item === "object") for (const each of Object.values(item)) visit(each);
  };
  visit(value);
  return named;
}

/** The filters' dropdown choices, or null for one with more than MAX_CHOICES (a text field then). */
export function cappedChoices(rollup: Rollup, keyResultOwners: KeyResultOwners = {}) {
  const { teams, owners } = filterChoices(rollup, keyResultOwners);
  return {
    teams: teams.length > MAX_CHOICES ? null : teams,
    owners: owners.length > MAX_CHOICES ? null : owners,
  };
}

/** Rows of the teams table per page. */
export const TEAMS_PAGE = 100;
