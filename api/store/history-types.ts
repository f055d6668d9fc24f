// The store's part for the history of rows and review meetings: every version a row held before a write replaced
// it (append-only), and the review meetings an organisation held. Domain terms only; dynamo-history.ts maps them.
import type { CheckInRecord, PutRowsOptions, StoredRow } from "./types.js";

/** One version a row held: the row as stored then (its revision, when and by which key it was written). */
export interface RowVersion extends StoredRow {
  sheetId: string;
}

/** A review meeting held ("review held"): "since last review" starts from its time. */
export interface ReviewMeeting {
  /** The team reviewed; "" for the whole organisation. */
  team: string;
  /** ISO time it was recorded. */
  at: string;
  /** Who recorded it: a person's e-mail, or "key:<id>" for an admin key. */
  by: string;
}

export interface HistoryStore {
  /**
   * Appends the versions rows hold before a write replaces them, in batches (awaited before the rows are
   * written, so no version is lost). A version is kept once per sheet, row and revision: writing it again (a
   * retried sync) replaces it with the same content, never adds a second.
   */
  keepRowVersions(
    orgId: string,
    sheetId: string,
    versions: readonly StoredRow[],
    options?: PutRowsOptions,
  ): Promise<void>;
  /** The versions kept of one sheet's rows (or of every sheet's), by sheet, row and revision. */
  listRowVersions(orgId: string, sheetId?: string): Promise<RowVersion[]>;
  /** Every check-in of the organisation from `since` (inclusive) to `until` (exclusive), oldest first. */
  listCheckInsBetween(orgId: string, since: string, until: string): Promise<CheckInRecord[]>;

  putReviewMeeting(orgId: string, meeting: ReviewMeeting): Promise<void>;
  /** The review meetings of one team ("" the organisation's), latest first. */
  listReviewMeetings(orgId: string, team: string): Promise<ReviewMeeting[]>;
}
