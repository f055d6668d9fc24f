// The value history of a key result or KPI: every check-in and every sync that brought a new Current (a
// number fed by a formula over a finance tab gets a history without anyone checking in). Latest wins by time.
export interface ValuePoint {
  rowId: string;
  sheetId: string;
  value: number;
  /** ISO time. */
  at: string;
  /** Where it came from: a check-in or a sync of the sheet. */
  source: "check_in" | "sheet";
  author: string;
  note: string;
  confidence: number | null;
}

/**
 * One history, oldest first: check-ins and sheet values merged by time; a sheet value equal to the one
 * before it says nothing new (a retried sync records the same change twice) and is left out.
 */
export function mergeHistory(points: readonly ValuePoint[]): ValuePoint[] {
  const sorted = [...points].sort((a, b) =>
    a.at < b.at ? -1 : a.at > b.at ? 1 : a.source === b.source ? 0 : a.source === "sheet" ? -1 : 1,
  );
  const merged: ValuePoint[] = [];
  for (const point of sorted) {
    const before = merged[merged.length - 1];
    if (point.source === "sheet" && before && before.value === point.value) continue;
    merged.push(point);
  }
  return merged;
}

/** Direction of the last change: up, down or flat (null with fewer than two points). */
export function trendOf(points: readonly ValuePoint[]): "up" | "down" | "flat" | null {
  if (points.length < 2) return null;
  const last = points[points.length - 1]!.value;
  const previous = points[points.length - 2]!.value;
  return last > previous ? "up" : last < previous ? "down" : "flat";
}
