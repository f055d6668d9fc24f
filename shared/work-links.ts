// Work that is one line of work, not the same work done twice: objectives linked by alignment (at any depth)
// or contribution, and key results of such objectives. A team objective restating its parent is alignment.
import type { AlignmentGraph, Placed } from "./graph.js";

/** The objective a placed row stands for: itself, or a key result's objective. */
function objectiveOf(placed: Placed): string | null {
  return placed.row.type === "objective" ? placed.row.id : placed.row.objectiveId;
}

function ancestors(graph: AlignmentGraph, id: string): Set<string> {
  const seen = new Set<string>();
  let current = graph.objectives.get(id)?.row.alignsTo ?? null;
  while (current && !seen.has(current) && current !== id) {
    seen.add(current);
    current = graph.objectives.get(current)?.row.alignsTo ?? null;
  }
  return seen;
}

/** Alignment chains this long or shorter are walked without a set of the IDs seen (a loop runs into the limit). */
const SHORT_CHAIN = 64;

/** Whether `target` is among the objectives `id` aligns to through any depth (ancestors(id).has(target)). */
function alignsThrough(graph: AlignmentGraph, id: string, target: string): boolean {
  // Most chains are a few links long: walked as they stand, no set per pair of the duplicate search.
  let current = graph.objectives.get(id)?.row.alignsTo ?? null;
  for (let step = 0; current && current !== id; step++) {
    if (step === SHORT_CHAIN) return ancestors(graph, id).has(target);
    if (current === target) return true;
    current = graph.objectives.get(current)?.row.alignsTo ?? null;
  }
  return false;
}

/** True when the two rows' objectives are one line of work: the same, aligned through any depth, or contributing. */
export function linkedWork(graph: AlignmentGraph, a: Placed, b: Placed): boolean {
  const x = objectiveOf(a);
  const y = objectiveOf(b);
  if (x === null || y === null) return false;
  if (x === y) return true;
  const contributes = (from: string, to: string) =>
    graph.objectives.get(from)?.row.contributesTo.includes(to) ?? false;
  if (contributes(x, y) || contributes(y, x)) return true;
  return alignsThrough(graph, x, y) || alignsThrough(graph, y, x);
}
