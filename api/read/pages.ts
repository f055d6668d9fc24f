// The API's rollup in pages: every list (the tree's roots, the teams, each insight list) capped at a limit,
// with its length and where the next page starts, and one list's page at an offset. A root keeps its whole
// subtree. Where the next page starts is also said as a cursor bound to the read revision the page was
// computed at: a cursor used after a later write is refused (stale) rather than answered from other data.
import type { RollupList } from "../../shared/contract.js";
import type { Rollup } from "../../shared/model.js";

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
  list: RollupList;
  offset: number;
  revision: number;
}

/** An opaque cursor (base64url JSON): clients pass it back as it is. */
export function encodeCursor(cursor: RollupCursor): string {
  return Buffer.from(JSON.stringify([cursor.list, cursor.offset, cursor.revision])).toString("base64url");
}

/** The cursor's parts, or null when it is not one this API made. */
export function decodeCursor(text: string): RollupCursor | null {
  try {
    const parts = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as unknown;
    if (!Array.isArray(parts) || parts.length !== 3) return null;
    const [list, offset, revision] = parts as [unknown, unknown, unknown];
    if (typeof list !== "string" || !Number.isSafeInteger(offset) || !Number.isSafeInteger(revision))
      return null;
    if ((offset as number) < 0) return null;
    return { list: list as RollupList, offset: offset as number, revision: revision as number };
  } catch {
    return null;
  }
}

const nextOffset = (offset: number, limit: number, total: number) =>
  offset + limit < total ? offset + limit : null;

const next = (list: RollupList, offset: number, limit: number, total: number, revision: number) => {
  const at = nextOffset(offset, limit, total);
  return {
    nextOffset: at,
    nextCursor: at === null ? null : encodeCursor({ list, offset: at, revision }),
  };
};

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
    roots: cut(rollup.roots),
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
  list: RollupList;
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
  return {
    cycle: rollup.cycle,
    asOf: rollup.asOf,
    list,
    offset,
    limit,
    total: items.length,
    ...next(list, offset, limit, items.length, revision),
    items: items.slice(offset, offset + limit),
  };
}
