// Meeting mode: what a review meeting (of one team, or the whole organisation) discusses first. Off track, then
// at risk, then moved targets, then quiet key results; each with the notes of its last check-ins. Pure.
import type { KeyResultState } from "./model.js";
import type { CheckInLike, RowChange, SinceReview } from "./since-review.js";

export const AGENDA_SECTIONS = ["off_track", "at_risk", "moved", "quiet"] as const;
export type AgendaSection = (typeof AGENDA_SECTIONS)[number];

export interface AgendaItem {
  id: string;
  title: string;
  team: string;
  sheetId: string;
  /** Moved targets or starts of this key result in the window (section "moved"; shown beside the others too). */
  moves: RowChange[];
  /** Its last check-ins with a note, latest first. */
  notes: CheckInLike[];
  state: KeyResultState | null;
}

export interface Agenda {
  sections: { section: AgendaSection; items: AgendaItem[] }[];
}

/** How many past check-in notes each item shows. */
export const NOTES_PER_ITEM = 3;

/**
 * The agenda: every key result in one section only, the first that applies (an off-track key result whose target
 * moved is discussed as off track, with its move shown).
 */
export function meetingAgenda(input: {
  /** Key results at risk or off track now (rollup insights), of the team or organisation. */
  atRisk: readonly KeyResultState[];
  report: SinceReview;
  /** Every check-in up to now. */
  checkIns: readonly CheckInLike[];
}): Agenda {
  const moves = new Map<string, RowChange[]>();
  for (const change of input.report.changes)
    if (change.type === "key_result" && (change.kind === "target_moved" || change.kind === "start_moved"))
      moves.set(change.id, [...(moves.get(change.id) ?? []), change]);
  const notes = new Map<string, CheckInLike[]>();
  for (const checkIn of [...input.checkIns].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0))) {
    if (!checkIn.note.trim()) continue;
    const list = notes.get(checkIn.krId) ?? [];
    if (list.length < NOTES_PER_ITEM) notes.set(checkIn.krId, [...list, checkIn]);
  }
  const placed = new Set<string>();
  const item = (
    ref: { id: string; title: string; team: string; sheetId: string },
    state: KeyResultState | null,
  ): AgendaItem => ({
    id: ref.id,
    title: ref.title,
    team: ref.team,
    sheetId: ref.sheetId,
    moves: moves.get(ref.id) ?? [],
    notes: notes.get(ref.id) ?? [],
    state,
  });
  const take = <T extends { id: string }>(list: readonly T[], make: (entry: T) => AgendaItem) => {
    const items: AgendaItem[] = [];
    for (const entry of list) {
      if (placed.has(entry.id)) continue;
      placed.add(entry.id);
      items.push(make(entry));
    }
    return items;
  };
  const byWorst = (status: KeyResultState["status"]) =>
    input.atRisk.filter((kr) => kr.status === status).sort((a, b) => a.progress - b.progress);
  const offTrack = take(byWorst("off_track"), (kr) => item(kr, kr));
  const atRisk = take(byWorst("at_risk"), (kr) => item(kr, kr));
  const moved = take(
    [...moves.values()].map((list) => list[list.length - 1]!),
    (change) => item(change, null),
  );
  const quiet = take(input.report.quiet, (kr) => item(kr, kr));
  return {
    sections: [
      { section: "off_track", items: offTrack },
      { section: "at_risk", items: atRisk },
      { section: "moved", items: moved },
      { section: "quiet", items: quiet },
    ],
  };
}
