// The API's rollup in pages: every list (the tree's roots, each insight list) capped at a limit, with its
// length and where the next page starts, and one list's page at an offset. A root keeps its whole subtree.
import type { RollupList } from "../../shared/contract.js";
import type { Rollup } from "../../shared/model.js";

type Lists = { [L in RollupList]: readonly unknown[] };

function listsOf(rollup: Rollup): Lists {
  const { insights } = rollup;
  return {
    roots: rollup.roots,
    unsupported: insights.unsupported,
    unaligned: insights.unaligned,
    cycles: insights.cycles,
    unknownLinks: insights.unknownLinks,
    crossCycle: insights.crossCycle,
    duplicates: insights.duplicates,
    atRisk: insights.atRisk,
    quiet: insights.quiet,
  };
}

const nextOffset = (offset: number, limit: number, total: number) =>
  offset + limit < total ? offset + limit : null;

export interface RollupPage extends Rollup {
  page: { limit: number; lists: Record<RollupList, { total: number; nextOffset: number | null }> };
}

/** The rollup with each list cut to its first `limit` items. */
export function firstPage(rollup: Rollup, limit: number): RollupPage {
  const lists = listsOf(rollup);
  const page = { limit, lists: {} as RollupPage["page"]["lists"] };
  for (const [name, items] of Object.entries(lists) as [RollupList, readonly unknown[]][])
    page.lists[name] = { total: items.length, nextOffset: nextOffset(0, limit, items.length) };
  const cut = <T>(items: readonly T[]) => items.slice(0, limit);
  const { insights } = rollup;
  return {
    ...rollup,
    roots: cut(rollup.roots),
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
  items: unknown[];
}

/** One list of the rollup from `offset`, at most `limit` items. */
export function listPage(rollup: Rollup, list: RollupList, offset: number, limit: number): ListPage {
  const items = listsOf(rollup)[list];
  return {
    cycle: rollup.cycle,
    asOf: rollup.asOf,
    list,
    offset,
    limit,
    total: items.length,
    nextOffset: nextOffset(offset, limit, items.length),
    items: items.slice(offset, offset + limit),
  };
}
