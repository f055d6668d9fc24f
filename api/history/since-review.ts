// "Since last review" over the store: the window (two dates, or since the last review meeting the team or the
// organisation held, or the last 7 days), the history loaded once, shared/since-review.ts for the contents.
import { dayEndsAt } from "../../shared/history.js";
import type { ChangeSource } from "../../shared/rhythm.js";
import { historyChangeSource, type SinceReview, sinceReview } from "../../shared/since-review.js";
import { DEFAULT_TIME_ZONE, isoDayIn } from "../../shared/time-zone.js";
import type { ReviewMeeting, Store } from "../store/types.js";
import { loadHistory, type OrgHistory } from "./replay.js";

export const DEFAULT_WINDOW_DAYS = 7;

export interface ReviewWindow {
  from: string;
  to: string;
  /** Why the window starts where it does. */
  basis: "dates" | "last_review" | "last_days";
  /** The review meeting it starts from (basis last_review). */
  meeting: ReviewMeeting | null;
}

/** The latest review meeting of the team, else of the organisation ("" team). */
export async function lastReview(
  store: Store,
  orgId: string,
  team: string | null,
): Promise<ReviewMeeting | null> {
  const own = team ? (await store.listReviewMeetings(orgId, team))[0] : undefined;
  return own ?? (await store.listReviewMeetings(orgId, ""))[0] ?? null;
}

/**
 * The window asked for: `fromDay`..`toDay` as local days (both included); without `fromDay`, since the last
 * review meeting (of the team, else the organisation), else the last 7 days; without `toDay`, up to now.
 */
export async function reviewWindow(
  store: Store,
  orgId: string,
  options: {
    fromDay?: string | undefined;
    toDay?: string | undefined;
    team: string | null;
    now: Date;
    timeZone: string;
  },
): Promise<ReviewWindow> {
  const { now, timeZone } = options;
  const today = isoDayIn(now, timeZone);
  const to = options.toDay && options.toDay < today ? dayEndsAt(options.toDay, timeZone) : now.toISOString();
  if (options.fromDay) {
    const dayBefore = new Date(Date.parse(`${options.fromDay}T00:00:00Z`) - 86_400_000)
      .toISOString()
      .slice(0, 10);
    return { from: dayEndsAt(dayBefore, timeZone), to, basis: "dates", meeting: null };
  }
  const meeting = await lastReview(store, orgId, options.team);
  if (meeting && meeting.at < to) return { from: meeting.at, to, basis: "last_review", meeting };
  const from = new Date(Date.parse(to) - DEFAULT_WINDOW_DAYS * 86_400_000).toISOString();
  return { from, to, basis: "last_days", meeting: null };
}

export async function sinceReviewOf(
  store: Store,
  orgId: string,
  window: Pick<ReviewWindow, "from" | "to">,
  options: { team: string | null; timeZone?: string; quietDays?: number; history?: OrgHistory },
): Promise<SinceReview> {
  const history = options.history ?? (await loadHistory(store, orgId, window.to));
  return sinceReview({
    sheets: history.sheets,
    checkIns: history.checkIns,
    from: window.from,
    to: window.to,
    timeZone: options.timeZone ?? DEFAULT_TIME_ZONE,
    team: options.team,
    ...(options.quietDays !== undefined ? { quietDays: options.quietDays } : {}),
  });
}

/** The digest's change source from the history, when the organisation's rows have one (else null: the snapshot). */
export async function historyChanges(
  store: Store,
  orgId: string,
  since: string,
  until: string,
  timeZone: string,
  quietDays: number,
): Promise<ChangeSource | null> {
  const history = await loadHistory(store, orgId, until);
  const kept = history.sheets.some((sheet) =>
    sheet.versions.some((version) => version.writtenAt !== undefined),
  );
  if (!kept) return null;
  const report = await sinceReviewOf(
    store,
    orgId,
    { from: since, to: until },
    { team: null, timeZone, quietDays, history },
  );
  return historyChangeSource(report);
}
