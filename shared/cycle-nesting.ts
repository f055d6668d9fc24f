// Nested cycles: quarters sit in halves, halves in years, and explicit date windows in any window that
// holds them. An objective may align to one in a cycle that contains its own (a 2026-Q4 team objective
// under a 2026 company objective); only windows that do not nest are a cross-cycle alignment.
import { parseCycle } from "./cycle.js";
import type { CycleWindow } from "./model.js";

export type CycleResolver = (label: string) => CycleWindow | null;

/** True when `inner` lies wholly within `outer` (both ends inclusive; equal windows contain each other). */
export function windowContains(outer: CycleWindow, inner: CycleWindow): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

/**
 * True when an objective of cycle `child` may align to one of cycle `parent` without a warning: the same
 * label, or the parent's window holds the child's. Labels that resolve to no dates nest only with themselves.
 */
export function alignmentNests(child: string, parent: string, resolve: CycleResolver = parseCycle): boolean {
  if (child === parent || child === "" || parent === "") return true;
  const inner = resolve(child);
  const outer = resolve(parent);
  return inner !== null && outer !== null && windowContains(outer, inner);
}

/** True when cycle `label` lies within cycle `outer` and is not the same cycle (a quarter of the year). */
export function strictlyWithin(label: string, outer: string, resolve: CycleResolver = parseCycle): boolean {
  if (label === outer) return false;
  const inner = resolve(label);
  const container = resolve(outer);
  if (!inner || !container || !windowContains(container, inner)) return false;
  return inner.start !== container.start || inner.end !== container.end;
}

/** True when the cycle has ended before `today` (ISO date): its rows are the cycle's record from then on. */
export function cycleEnded(label: string, today: string, resolve: CycleResolver = parseCycle): boolean {
  const window = resolve(label);
  return window !== null && window.end < today;
}
