// The same work done twice: one near-duplicate search over the organisation's objectives and key results,
// shared by the rollup and the quality check. It is kept per graph and threshold, so a rollup and a quality
// check of the same graph (or several rollups, one per cycle) search once.

import type { AlignmentGraph, Placed } from "./graph.js";
import { type DuplicateSearchStats, findNearDuplicates } from "./similarity.js";
import { linkedWork } from "./work-links.js";

/** Default cut for "the same work done twice": measured on realistic en/sv/nb pairs (see docs/alignment-and-quality.md). */
export const DEFAULT_DUPLICATE_THRESHOLD = 0.45;

/** Two objectives, or two key results, of different teams that read nearly alike; `a` has the smaller ID. */
export interface DuplicateWork {
  a: Placed;
  b: Placed;
  similarity: number;
}

export interface DuplicateSearch {
  /** The most alike first, then by the IDs of `a` and `b`: the same whatever the order of rows or sheets. */
  pairs: readonly DuplicateWork[];
  stats: DuplicateSearchStats;
}

const searches = new WeakMap<AlignmentGraph, Map<number, DuplicateSearch>>();

/** The near-duplicate objectives and key results of a graph (searched once per graph and threshold). */
export function duplicateWork(
  graph: AlignmentGraph,
  threshold: number = DEFAULT_DUPLICATE_THRESHOLD,
): DuplicateSearch {
  let byThreshold = searches.get(graph);
  if (!byThreshold) {
    byThreshold = new Map();
    searches.set(graph, byThreshold);
  }
  let search = byThreshold.get(threshold);
  if (!search) {
    search = searchGraph(graph, threshold);
    byThreshold.set(threshold, search);
  }
  return search;
}

/** What a search found, by the items' places: the same items in the same order find the same pairs. */
interface FoundPairs {
  pairs: { a: number; b: number; similarity: number }[];
  stats: DuplicateSearchStats;
}
/**
 * The last few searches by what they searched (each item's ID, title and group, in order, and the threshold):
 * a view computed again after a write that changed no title (a new value, a check-in) does not search again.
 */
const recentSearches = new Map<string, FoundPairs>();
const RECENT_SEARCHES = 4;

/** Forgets the searches kept by what they searched, so the next one searches again (the engine bench times the search itself). */
export function forgetRecentSearches(): void {
  recentSearches.clear();
}

function nearDuplicates(items: readonly Placed[], threshold: number): FoundPairs {
  const groups = items.map((placed) => placed.row.team || placed.sheetId);
  // Each text after its length, so two different lists never read the same. Joined once (not 240,000
  // concatenations flattened when the key is hashed).
  const parts: string[] = [`${threshold}`];
  items.forEach((placed, at) => {
    const { id, title } = placed.row;
    const group = groups[at]!;
    parts.push(`${id.length}:${id}`, `${title.length}:${title}`, `${group.length}:${group}`);
  });
  const key = parts.join("|");
  const known = recentSearches.get(key);
  if (known) {
    // the most recently used last: the first is the one to let go
    recentSearches.delete(key);
    recentSearches.set(key, known);
    return known;
  }
  // Searched by place, so each pair names its items' places without a map of the items.
  const places = items.map((_, at) => at);
  const stats = {} as DuplicateSearchStats;
  const pairs = findNearDuplicates(
    places,
    (at) => items[at]!.row.title,
    (at) => groups[at]!,
    threshold,
    {
      stats,
    },
  );
  const found = { pairs, stats };
  recentSearches.set(key, found);
  if (recentSearches.size > RECENT_SEARCHES) recentSearches.delete(recentSearches.keys().next().value!);
  return found;
}

function searchGraph(graph: AlignmentGraph, threshold: number): DuplicateSearch {
  const items = [...graph.objectives.values(), ...graph.keyResults.values()];
  const found = nearDuplicates(items, threshold);
  const stats = { ...found.stats };
  const pairs: DuplicateWork[] = [];
  for (const pair of found.pairs.map(({ a, b, similarity }) => ({
    a: items[a]!,
    b: items[b]!,
    similarity,
  }))) {
    if (pair.a.row.type !== pair.b.row.type) continue;
    // A child restating its parent (or a contribution's target) is one line of work, not the same work twice.
    if (linkedWork(graph, pair.a, pair.b)) continue;
    const [a, b] = pair.a.row.id < pair.b.row.id ? [pair.a, pair.b] : [pair.b, pair.a];
    pairs.push({ a, b, similarity: pair.similarity });
  }
  pairs.sort(
    (x, y) =>
      y.similarity - x.similarity || compare(x.a.row.id, y.a.row.id) || compare(x.b.row.id, y.b.row.id),
  );
  return { pairs, stats };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
