// The API's rollup in pages: every list (the tree's roots, the teams, each insight list) capped at a limit,
// with its length and where the next page starts, and one list's page at an offset. A node of a page carries
// at most `limit` of its children (at every depth), its `childCount`, and when cut a cursor to page the rest
// (`children` of that parent): one objective with thousands aligned to it no longer makes a page unbounded.
// Where the next page starts is also said as a cursor bound to the read revision the page was computed at: a
// cursor used after a later write is refused (stale) rather than answered from other data.
import type { RollupList, RollupPagedList } from "../../shared/contract.js";
import type { Rollup, RollupNode } from "../../shared/model.js";
import { withFields } from "../../shared/with-fields.js";

type Lists = { [L in RollupList]: readonly unknown[] };

function listsOf(rollup: Rollup): Lists {
  const { insights } = rollup;
  return {
    roots: rollup.roots,
    teams: rollup.teams,
    unsupported: insights.unsupported,
    unaligned: insights.unaligned,
    cycles: insights.cycles,
    unknownLinks: insights.unknownLinks,
    crossCycle: insights.crossCycle,
    duplicates: insights.duplicates,
    atRisk: insights.atRisk,
    quiet: insights.quiet,
    disagreements: insights.disagreements,
  };
}

/** What a cursor says: the list, where its next page starts, the read revision it was made at. */
export interface RollupCursor {
  list: RollupPagedList;
  offset: number;
  revision: number;
  /** A children cursor's node (its objective's ID). */
  parent?: string;
}

/** An opaque cursor (base64url JSON): clients pass it back as it is. */
export function encodeCursor(cursor: RollupCursor): string {
  const parts: unknown[] = [cursor.list, cursor.offset, cursor.revision];
  if (cursor.parent !== undefined) parts.push(cursor.parent);
  return Buffer.from(JSON.stringify(parts)).toString("base64url");
}

/** The cursor's parts, or null when it is not one this API made. */
export function decodeCursor(text: string): RollupCursor | null {
  try {
    const parts = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as unknown;
    if (!Array.isArray(parts) || parts.length < 3 || parts.length > 4) return null;
    const [list, offset, revision, parent] = parts as [unknown, unknown, unknown, unknown];
    if (typeof list !== "string" || !Number.isSafeInteger(offset) || !Number.isSafeInteger(revision))
      return null;
    if ((offset as number) < 0) return null;
    // A node's children cursor names its node; no other list's does.
    if ((list === "children") !== (parts.length === 4) || (parts.length === 4 && typeof parent !== "string"))
      return null;
    return {
      list: list as RollupPagedList,
      offset: offset as number,
      revision: revision as number,
      ...(typeof parent === "string" ? { parent } : {}),
    };
  } catch {
    return null;
  }
}

const nextOffset = (offset: number, limit: number, total: number) =>
  offset + limit < total ? offset + limit : null;

const next = (
  list: RollupPagedList,
  offset: number,
  limit: number,
  total: number,
  revision: number,
  parent?: string,
) => {
  const at = nextOffset(offset, limit, total);
  return {
    nextOffset: at,
    nextCursor:
      at === null
        ? null
        : encodeCursor({ list, offset: at, revision, ...(parent !== undefined ? { parent } : {}) }),
  };
};

/**
 * A node as a page carries it: its first `limit` children (each cut the same way), how many it has, and when
 * cut the cursor of the rest. A copy: the cached rollup it is cut from stays whole.
 */
function pageNode(node: RollupNode, limit: number, revision: number): RollupNode {
  const childCount = node.children.length;
  // withFields, not a spread: childCount is a key the node lacks (../../shared/with-fields.ts).
  const cut: RollupNode = withFields(node, {
    children: node.children.slice(0, limit).map((child) => pageNode(child, limit, revision)),
    childCount,
  });
  if (childCount > limit)
    cut.nextCursor = encodeCursor({ list: "children", offset: limit, revision, parent: node.id });
  return cut;
}

const pageNodes = (nodes: readonly RollupNode[], limit: number, revision: number) =>
  nodes.map((node) => pageNode(node, limit, revision));

export interface RollupPage extends Rollup {
  page: {
    limit: number;
    lists: Record<RollupList, { total: number; nextOffset: number | null; nextCursor: string | null }>;
  };
}

/** The rollup with each list cut to its first `limit` items; cursors made at read revision `revision`. */
export function firstPage(rollup: Rollup, limit: number, revision: number): RollupPage {
  const lists = listsOf(rollup);
  const page = { limit, lists: {} as RollupPage["page"]["lists"] };
  for (const [name, items] of Object.entries(lists) as [RollupList, readonly unknown[]][])
    page.lists[name] = { total: items.length, ...next(name, 0, limit, items.length, revision) };
  const cut = <T>(items: readonly T[]) => items.slice(0, limit);
  const { insights } = rollup;
  return {
    ...rollup,
    roots: pageNodes(cut(rollup.roots), limit, revision),
    teams: cut(rollup.teams),
    insights: {
      ...insights,
      unsupported: cut(insights.unsupported),
      unaligned: cut(insights.unaligned),
      cycles: cut(insights.cycles),
      unknownLinks: cut(insights.unknownLinks),
      crossCycle: cut(insights.crossCycle),
      duplicates: cut(insights.duplicates),
      atRisk: cut(insights.atRisk),
      quiet: cut(insights.quiet),
      disagreements: cut(insights.disagreements),
    },
    page,
  };
}

export interface ListPage {
  cycle: string;
  asOf: string;
  list: RollupPagedList;
  parent?: string;
  offset: number;
  limit: number;
  total: number;
  nextOffset: number | null;
  nextCursor: string | null;
  items: unknown[];
}

/** One list of the rollup from `offset`, at most `limit` items; its cursor made at `revision`. */
export function listPage(
  rollup: Rollup,
  list: RollupList,
  offset: number,
  limit: number,
  revision: number,
): ListPage {
  const items = listsOf(rollup)[list];
  const slice = items.slice(offset, offset + limit);
  return {
    cycle: rollup.cycle,
    asOf: rollup.asOf,
    list,
    offset,
    limit,
    total: items.length,
    ...next(list, offset, limit, items.length, revision),
    // The tree's roots carry their children cut as on the first page.
    items: list === "roots" ? pageNodes(slice as RollupNode[], limit, revision) : slice,
  };
}

/** The node of objective `id` in the tree, or null when the tree does not hold it. */
function findNode(roots: readonly RollupNode[], id: string): RollupNode | null {
  const stack = [...roots];
  for (let node = stack.pop(); node; node = stack.pop()) {
    if (node.id === id) return node;
    for (const child of node.children) stack.push(child);
  }
  return null;
}

/**
 * One node's children from `offset`, at most `limit`, each cut as on the first page; its cursor made at
 * `revision`. Null when the tree holds no objective `parent`.
 */
export function childrenPage(
  rollup: Rollup,
  parent: string,
  offset: number,
  limit: number,
  revision: number,
): ListPage | null {
  const node = findNode(rollup.roots, parent);
  if (!node) return null;
  const total = node.children.length;
  return {
    cycle: rollup.cycle,
    asOf: rollup.asOf,
    list: "children",
    parent,
    offset,
    limit,
    total,
    ...next("children", offset, limit, total, revision, parent),
    items: pageNodes(node.children.slice(offset, offset + limit), limit, revision),
  };
}
