// The owner's word beside the pace: a key result's status from its progress against the time elapsed, the
// owner's own status word (the Owner status column) or else their confidence, and whether anyone has said
// anything about it yet.
import { DEFAULT_THRESHOLDS, type OkrRow, type Status, type StatusThresholds } from "./model.js";
import { progress, statusOf } from "./progress.js";

/**
 * A third of the cycle: a key result with no value and no check-in by then (a month into a quarter) has
 * missed several weekly check-ins and counts as at risk.
 */
export const DEFAULT_NO_UPDATE_SHARE = 1 / 3;

/** Confidence bands as owners give them: 0.7 and up is on track, below 0.4 off track (the grading bands). */
export function confidenceStatus(confidence: number): Status {
  if (confidence >= 0.7) return "on_track";
  if (confidence >= 0.4) return "at_risk";
  return "off_track";
}

export interface KeyResultJudgement {
  /**
   * What the leader reads: the owner's status word where set (what the sheet's Status shows); else the pace,
   * the owner's confidence where the pace says nothing, or at risk for silence.
   */
  status: Status;
  /** Progress against expected alone. */
  pace: Status;
  /** The owner's status: their word where set, else from their confidence; null when they gave neither. */
  owner: Status | null;
  /** No value and no check-in once `noUpdateShare` of the cycle has passed. */
  noUpdate: boolean;
  /**
   * The owner and the pace disagree: the owner's word differs from the pace where set; else the owner's
   * confidence and the pace point different ways (one on track, the other not).
   */
  disagrees: boolean;
}

export function keyResultStatus(
  row: Pick<OkrRow, "start" | "target" | "current" | "krType" | "confidence" | "ownerStatus">,
  expected: number | null,
  checkedIn: boolean,
  options: { thresholds?: StatusThresholds; noUpdateShare?: number } = {},
): KeyResultJudgement {
  const value = progress(row);
  const pace = statusOf(value, expected, row.current !== null, options.thresholds ?? DEFAULT_THRESHOLDS);
  const said = row.ownerStatus ?? null;
  const owner = said ?? (row.confidence === null ? null : confidenceStatus(row.confidence));
  const share = options.noUpdateShare ?? DEFAULT_NO_UPDATE_SHARE;
  const noUpdate =
    pace === "not_started" && row.current === null && !checkedIn && expected !== null && expected >= share;
  let status = pace;
  // The owner's word overrides the pace, as in the sheet's Status (shared/sheet-status.ts).
  if (said !== null) status = said;
  else if (noUpdate) status = "at_risk";
  // A yes/no result is 0 until the day it is done: its pace says nothing, its owner's confidence does.
  else if (row.krType === "binary" && pace !== "done" && owner !== null) status = owner;
  // An owner's word is a claim about this very status: any difference from the pace is worth a question.
  const disagrees =
    said !== null
      ? said !== pace
      : owner !== null &&
        pace !== "done" &&
        pace !== "not_started" &&
        (pace === "on_track") !== (owner === "on_track");
  return { status, pace, owner, noUpdate, disagrees };
}
