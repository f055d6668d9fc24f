// "Since last review": what changed in the organisation between two moments, from the rows' history. Every change
// is one step of one row's timeline (when, by which key, from what to what), so "KR-F12 target 150 → 250 in week
// 45" is told as it happened, not as the difference of two snapshots. Pure: the API loads the history.
import { dayNumber, parseCycle } from "./cycle.js";
import { buildGraph } from "./graph.js";
import { type RowVersionLike, type SheetVersions, sheetsAt, timelines, versionAt } from "./history.js";
import type { KeyResultState, RowType, Status } from "./model.js";
import { type ChangeSource, type DigestChange, snapshotOf } from "./rhythm.js";
import { DEFAULT_QUIET_DAYS, rollupFromGraph } from "./rollup.js";
import { isoDayIn } from "./time-zone.js";
import { isoWeek } from "./week.js";

export const ROW_CHANGE_KINDS = [
  "added",
  "removed",
  "dropped",
  "parent_moved",
  "target_moved",
  "start_moved",
  "weight_changed",
] as const;
export type RowChangeKind = (typeof ROW_CHANGE_KINDS)[number];

export interface RowChange {
  kind: RowChangeKind;
  id: string;
  type: RowType;
  title: string;
  team: string;
  sheetId: string;
  /** The value before and after (a parent ID for parent_moved; numbers otherwise; null for added/removed). */
  from: string | number | null;
  to: string | number | null;
  /** When the sync that made the change began, and its local ISO week ("2026-W45"). */
  at: string;
  week: string;
  /** The key or person that wrote it ("key:<id>"); null when unknown. */
  by: string | null;
  /** A target moved closer to the current value: the bar was lowered to meet the result. */
  towardCurrent: boolean;
}

export interface StatusChange {
  kind: "new_off_track" | "recovered";
  id: string;
  title: string;
  team: string;
  sheetId: string;
  from: Status | null;
  to: Status;
}

export interface CheckInLike {
  krId: string;
  value: number;
  confidence: number | null;
  note: string;
  author: string;
  at: string;
}

export interface ReviewCheckIn extends CheckInLike {
  title: string;
  team: string;
}

export interface SinceReview {
  /** The moments compared (ISO), and the local days they fall on. */
  from: string;
  to: string;
  fromDay: string;
  toDay: string;
  team: string | null;
  changes: RowChange[];
  statusChanges: StatusChange[];
  checkIns: ReviewCheckIn[];
  /** Key results without an update for quietDays days at `to`. */
  quiet: KeyResultState[];
}

export interface SinceReviewInput {
  sheets: readonly SheetVersions[];
  /** Every check-in up to `to` at least. */
  checkIns: readonly CheckInLike[];
  from: string;
  to: string;
  timeZone: string;
  /** Only this team's rows (as the rows name it); null: every team. */
  team?: string | null;
  quietDays?: number;
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The moved target is closer to the current value than the old one. */
export function targetTowardCurrent(from: number | null, to: number | null, current: number | null): boolean {
  return (
    from !== null && to !== null && current !== null && Math.abs(to - current) < Math.abs(from - current)
  );
}

/** The cycle a row runs in: its own, else its objective's (as that stood at the same moment). */
function cycleOf(row: RowVersionLike, parents: ReadonlyMap<string, RowVersionLike>): string {
  if (row.cycle) return row.cycle;
  return row.objectiveId ? (parents.get(row.objectiveId)?.cycle ?? "") : "";
}

function running(cycle: string, day: string): boolean {
  const window = parseCycle(cycle);
  return window !== null && window.start <= day && day <= window.end;
}

/** Each step of each row's timeline written in [from, to). */
function rowChanges(input: SinceReviewInput): RowChange[] {
  const changes: RowChange[] = [];
  // One sync's versions share its time: its local day once (Intl is slow per call).
  const days = new Map<string, string>();
  const dayOf = (at: string) => {
    let found = days.get(at);
    if (found === undefined) {
      found = isoDayIn(new Date(at), input.timeZone);
      days.set(at, found);
    }
    return found;
  };
  const latest = new Map<string, RowVersionLike>();
  for (const sheet of input.sheets)
    for (const timeline of timelines(sheet.versions).values()) {
      const held = versionAt(timeline, input.to);
      if (held) latest.set(held.id, held);
    }
  for (const sheet of input.sheets) {
    for (const timeline of timelines(sheet.versions).values()) {
      let previous = versionAt(timeline, input.from);
      for (const version of timeline) {
        const at = version.writtenAt;
        if (at === undefined || at < input.from || at >= input.to) continue;
        const base = {
          id: version.id,
          type: version.type,
          title: version.title,
          team: version.team,
          sheetId: sheet.sheetId,
          at,
          week: isoWeek(dayOf(at)),
          by: version.writtenBy ?? null,
          towardCurrent: false,
        };
        const was = previous && !previous.deleted ? previous : null;
        previous = version;
        if (!was && !version.deleted) {
          changes.push({ ...base, kind: "added", from: null, to: null });
          continue;
        }
        if (!was) continue;
        if (version.deleted) {
          const day = dayOf(at);
          const dropped = was.type === "key_result" && running(cycleOf(was, latest), day);
          changes.push({
            ...base,
            title: was.title,
            kind: dropped ? "dropped" : "removed",
            from: null,
            to: null,
          });
          continue;
        }
        const parentOf = (row: RowVersionLike) => (row.type === "objective" ? row.alignsTo : row.objectiveId);
        if (parentOf(was) !== parentOf(version))
          changes.push({ ...base, kind: "parent_moved", from: parentOf(was), to: parentOf(version) });
        if (was.target !== version.target)
          changes.push({
            ...base,
            kind: "target_moved",
            from: was.target,
            to: version.target,
            towardCurrent: targetTowardCurrent(was.target, version.target, version.current),
          });
        if (was.start !== version.start)
          changes.push({ ...base, kind: "start_moved", from: was.start, to: version.start });
        if (was.weight !== version.weight)
          changes.push({ ...base, kind: "weight_changed", from: was.weight, to: version.weight });
      }
    }
  }
  return changes.sort(
    (a, b) => compareText(a.at, b.at) || compareText(a.id, b.id) || compareText(a.kind, b.kind),
  );
}

/** What changed between two moments (optionally for one team). */
export function sinceReview(input: SinceReviewInput): SinceReview {
  const team = input.team ?? null;
  const ofTeam = (rowTeam: string) => team === null || rowTeam === team;
  const fromDay = isoDayIn(new Date(input.from), input.timeZone);
  // `to` is exclusive: its day is the day of the last moment inside the window.
  const toDay = isoDayIn(new Date(Date.parse(input.to) - 1), input.timeZone);
  const before = sheetsAt(input.sheets, input.checkIns, input.from);
  const after = sheetsAt(input.sheets, input.checkIns, input.to);
  const graphAfter = buildGraph(after.sheets);
  const statusBefore = snapshotOf(buildGraph(before.sheets), fromDay, "", input.from).rows;
  const statusAfter = snapshotOf(graphAfter, toDay, "", input.to).rows;

  const statusChanges: StatusChange[] = [];
  for (const [id, now] of Object.entries(statusAfter)) {
    if (!ofTeam(now.team)) continue;
    const was = statusBefore[id]?.status ?? null;
    const sheetId = graphAfter.keyResults.get(id)?.sheetId ?? "";
    const base = { id, title: now.title, team: now.team, sheetId, from: was, to: now.status };
    if (now.status === "off_track" && was !== "off_track")
      statusChanges.push({ ...base, kind: "new_off_track" });
    else if (
      (was === "off_track" || was === "at_risk") &&
      (now.status === "on_track" || now.status === "done")
    )
      statusChanges.push({ ...base, kind: "recovered" });
  }
  statusChanges.sort((a, b) => compareText(a.kind, b.kind) || compareText(a.id, b.id));

  const titles = new Map<string, { title: string; team: string }>();
  for (const sheet of after.sheets) for (const row of sheet.rows) titles.set(row.id, row);
  const checkIns: ReviewCheckIn[] = input.checkIns
    .filter((checkIn) => checkIn.at >= input.from && checkIn.at < input.to)
    .map((checkIn) => ({
      ...checkIn,
      title: titles.get(checkIn.krId)?.title ?? checkIn.krId,
      team: titles.get(checkIn.krId)?.team ?? "",
    }))
    .filter((checkIn) => ofTeam(checkIn.team))
    .sort((a, b) => compareText(a.at, b.at));

  const quiet = new Map<string, KeyResultState>();
  const cycles = new Set<string>();
  for (const placed of graphAfter.objectives.values())
    if (running(placed.row.cycle, toDay)) cycles.add(placed.row.cycle);
  for (const cycle of cycles) {
    const rollup = rollupFromGraph(graphAfter, {
      cycle,
      asOf: toDay,
      lastCheckIns: after.lastUpdates,
      quietDays: input.quietDays ?? DEFAULT_QUIET_DAYS,
      timeZone: input.timeZone,
    });
    for (const kr of rollup.insights.quiet) if (ofTeam(kr.team)) quiet.set(kr.id, kr);
  }

  return {
    from: input.from,
    to: input.to,
    fromDay,
    toDay,
    team,
    changes: rowChanges(input).filter((change) => ofTeam(change.team)),
    statusChanges,
    checkIns,
    quiet: [...quiet.values()],
  };
}

/** Days between two local days (for "quiet for N days" and the window's length). */
export const daysBetween = (from: string, to: string) => dayNumber(to) - dayNumber(from);

/**
 * The digest's "what changed" from the history (replacing the comparison with the last digest's snapshot): the
 * key results added, removed or dropped, and their targets and starts moved, each when it happened.
 */
export function historyChangeSource(report: SinceReview): ChangeSource {
  return () => ({
    basis: "history",
    since: report.from,
    changes: report.changes.flatMap((change): DigestChange[] => {
      if (change.type !== "key_result") return [];
      const base = { id: change.id, title: change.title, team: change.team, at: change.at };
      switch (change.kind) {
        case "added":
          return [{ kind: "added", ...base }];
        case "removed":
        case "dropped":
          return [{ kind: "removed", ...base }];
        case "target_moved":
        case "start_moved":
          return [
            {
              kind: change.kind,
              ...base,
              from: change.from as number | null,
              to: change.to as number | null,
              towardCurrent: change.towardCurrent,
            },
          ];
        default:
          return [];
      }
    }),
  });
}
