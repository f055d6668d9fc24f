// Replaying the rows as they stood at a past moment, from the versions kept of them (the history) and the rows as
// they are. Pure: the API reads the versions and check-ins; this picks, per row, the version it held then.
import type { OkrRow, SheetRows } from "./model.js";
import { DEFAULT_TIME_ZONE, isoDayIn } from "./time-zone.js";

/** A version of a row as kept: the row, its sheet revision, and when the sync that wrote it began. */
export interface RowVersionLike extends OkrRow {
  deleted: boolean;
  revision: number;
  /** Absent on versions written before history was kept: held since before anything the history knows. */
  writtenAt?: string;
  writtenBy?: string;
  currentChangedAt?: string | null;
}

export interface SheetVersions<V extends RowVersionLike = RowVersionLike> {
  sheetId: string;
  name: string;
  /** Every version of the sheet's rows: the ones kept, and the rows as they are now. */
  versions: V[];
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Per row, its versions oldest first: one per revision (a kept version equal to the row now is the same version). */
export function timelines<V extends RowVersionLike>(versions: readonly V[]): Map<string, V[]> {
  const byRow = new Map<string, Map<number, V>>();
  for (const version of versions) {
    let revisions = byRow.get(version.id);
    if (!revisions) {
      revisions = new Map();
      byRow.set(version.id, revisions);
    }
    revisions.set(version.revision, version);
  }
  const result = new Map<string, V[]>();
  for (const [id, revisions] of byRow)
    result.set(
      id,
      [...revisions.values()].sort((a, b) => a.revision - b.revision),
    );
  return result;
}

/** Written before `at` (a version without a time was there before the history began). */
const writtenBefore = (version: RowVersionLike, at: string) =>
  version.writtenAt === undefined || version.writtenAt < at;

/** The version a row held just before `at`: the latest written before then; undefined when it did not exist yet. */
export function versionAt<V extends RowVersionLike>(timeline: readonly V[], at: string): V | undefined {
  let held: V | undefined;
  for (const version of timeline) if (writtenBefore(version, at)) held = version;
  return held;
}

/** The row without what the store keeps beside it. */
export function plainRow(version: RowVersionLike): OkrRow {
  const {
    deleted: _deleted,
    revision: _revision,
    writtenAt: _writtenAt,
    writtenBy: _writtenBy,
    currentChangedAt: _currentChangedAt,
    ...rest
  } = version as RowVersionLike & { hash?: string; deletedAt?: string | null; sheetId?: string };
  const {
    hash: _hash,
    deletedAt: _deletedAt,
    sheetId: _sheetId,
    ...row
  } = rest as typeof rest & {
    hash?: string;
    deletedAt?: string | null;
    sheetId?: string;
  };
  return row;
}

/**
 * The organisation's live rows as they stood just before `at`, sheet by sheet (sheets with no live row then left
 * out), and per key result or KPI the latest update before `at` (a check-in, or a sync that brought a new Current).
 */
export function sheetsAt(
  sheets: readonly SheetVersions[],
  checkIns: readonly { krId: string; at: string; value?: number; confidence?: number | null }[],
  at: string,
): { sheets: SheetRows[]; lastUpdates: Map<string, string> } {
  const lastUpdates = new Map<string, string>();
  const latest = new Map<string, { at: string; value?: number; confidence?: number | null }>();
  for (const checkIn of checkIns)
    if (checkIn.at < at && (lastUpdates.get(checkIn.krId) ?? "") < checkIn.at) {
      lastUpdates.set(checkIn.krId, checkIn.at);
      latest.set(checkIn.krId, checkIn);
    }
  const result: SheetRows[] = [];
  for (const sheet of sheets) {
    const rows: OkrRow[] = [];
    for (const timeline of timelines(sheet.versions).values()) {
      const held = versionAt(timeline, at);
      if (!held || held.deleted) continue;
      const changed = held.currentChangedAt;
      // A check-in later than the sheet's last new Current was the Current leaders saw then (as the rollup of
      // today takes it: api/read/current.ts).
      const checkIn = held.type === "objective" ? undefined : latest.get(held.id);
      const row = plainRow(held);
      rows.push(
        checkIn?.value !== undefined && !(changed && changed < at && changed >= checkIn.at)
          ? { ...row, current: checkIn.value, confidence: checkIn.confidence ?? row.confidence }
          : row,
      );
      if (held.type !== "objective" && changed && changed < at && (lastUpdates.get(held.id) ?? "") < changed)
        lastUpdates.set(held.id, changed);
    }
    if (rows.length > 0)
      result.push({ sheetId: sheet.sheetId, name: sheet.name, rows: rows.sort((a, b) => a.row - b.row) });
  }
  result.sort((a, b) => compareText(a.sheetId, b.sheetId));
  return { sheets: result, lastUpdates };
}

const DAY_MS = 86_400_000;

/** The first instant of the day after `date` in a time zone: "that day's rows" are those held before it. */
export function dayEndsAt(date: string, timeZone: string | null | undefined = DEFAULT_TIME_ZONE): string {
  const next = new Date(Date.parse(`${date}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
  // Time zones are within ±14 hours of UTC: the first minute whose local day is `next`, by bisection.
  let low = Date.parse(`${next}T00:00:00Z`) - 15 * 3_600_000;
  let high = low + 30 * 3_600_000;
  while (high - low > 60_000) {
    const mid = low + Math.floor((high - low) / 120_000) * 60_000;
    if (isoDayIn(new Date(mid), timeZone) >= next) high = mid;
    else low = mid;
  }
  return new Date(high).toISOString();
}
