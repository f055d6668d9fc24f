// Alignment review before a cycle starts: a team asks for review of its draft OKRs; its leader and the teams
// it aligns with or depends on read the quality and alignment findings beside the draft, comment, and mark
// "approved" or "changes requested". The outcome is the latest word of each reviewer on the latest round.
import { type AlignmentGraph, alignmentProblems } from "./graph.js";
import type { Language, Problem } from "./model.js";
import type { Person } from "./people.js";
import { qualityFromGraph } from "./quality.js";

export const REVIEW_DECISIONS = ["approved", "changes_requested"] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];
export type ReviewState = "not_requested" | "requested" | ReviewDecision;

export interface ReviewRequest {
  team: string;
  cycle: string;
  /** 1 for the first request; asking again after changes starts the next round. */
  round: number;
  requestedAt: string;
  requestedBy: string;
}

export interface ReviewVerdict {
  team: string;
  cycle: string;
  round: number;
  reviewerEmail: string;
  reviewerName: string;
  decision: ReviewDecision;
  at: string;
}

/**
 * Changes requested by anyone outweighs approvals (a reviewer's later word replaces their earlier one);
 * approved once someone approved and nobody asks for changes; requested while nobody has decided.
 */
export function reviewState(request: ReviewRequest | null, verdicts: readonly ReviewVerdict[]): ReviewState {
  if (!request) return "not_requested";
  const latest = new Map<string, ReviewVerdict>();
  for (const verdict of verdicts) {
    if (verdict.round !== request.round) continue;
    const previous = latest.get(verdict.reviewerEmail);
    if (!previous || previous.at <= verdict.at) latest.set(verdict.reviewerEmail, verdict);
  }
  const decisions = [...latest.values()].map((verdict) => verdict.decision);
  if (decisions.includes("changes_requested")) return "changes_requested";
  if (decisions.includes("approved")) return "approved";
  return "requested";
}

/** A team's objectives of a cycle, and its key results (by their objective). */
function teamRowIds(graph: AlignmentGraph, team: string, cycle: string): Set<string> {
  const ids = new Set<string>();
  for (const placed of graph.objectives.values()) {
    if (placed.row.team !== team || placed.row.cycle !== cycle) continue;
    ids.add(placed.row.id);
    for (const kr of graph.keyResultsByObjective.get(placed.row.id) ?? []) ids.add(kr.row.id);
  }
  return ids;
}

/** The teams a team's objectives of the cycle align to (vertical) or contribute to (depend on), not itself. */
export function alignedTeams(graph: AlignmentGraph, team: string, cycle: string): string[] {
  const teams = new Set<string>();
  for (const placed of graph.objectives.values()) {
    const { row } = placed;
    if (row.team !== team || row.cycle !== cycle) continue;
    for (const target of [row.alignsTo, ...row.contributesTo]) {
      const other = target ? graph.objectives.get(target)?.row.team : undefined;
      if (other && other !== team) teams.add(other);
    }
  }
  return [...teams].sort();
}

/** Who may decide: admins; the team's leaders; and the people of the teams it aligns with or depends on. */
export function mayReview(person: Person, team: string, reviewerTeams: readonly string[]): boolean {
  if (person.role === "admin") return true;
  if (person.leader && person.team === team) return true;
  return reviewerTeams.includes(person.team);
}

/** The people asked to review: the team's leaders and, of each team it aligns with, its leaders (else all). */
export function reviewersOf(
  people: readonly Person[],
  team: string,
  reviewerTeams: readonly string[],
): Person[] {
  const leaders = people.filter((person) => person.leader && person.team === team);
  const others = reviewerTeams.flatMap((other) => {
    const members = people.filter((person) => person.team === other);
    const otherLeaders = members.filter((person) => person.leader);
    return otherLeaders.length > 0 ? otherLeaders : members;
  });
  const unique = new Map([...leaders, ...others].map((person) => [person.email, person]));
  return [...unique.values()];
}

/** The quality and alignment findings about a team's draft of a cycle (its objectives and their key results). */
export function teamFindings(
  graph: AlignmentGraph,
  team: string,
  cycle: string,
  language: Language = "en",
): Problem[] {
  const ids = teamRowIds(graph, team, cycle);
  const about = (problem: Problem) => (problem.ids ?? []).some((id) => ids.has(id));
  const order = { error: 0, warning: 1, hint: 2 } as const;
  return [...alignmentProblems(graph, { language }), ...qualityFromGraph(graph, { language })]
    .filter(about)
    .sort((a, b) => order[a.severity] - order[b.severity] || (a.row ?? 0) - (b.row ?? 0));
}

/** The teams that have objectives in a cycle (who could ask for review). */
export function teamsOfCycle(graph: AlignmentGraph, cycle: string): string[] {
  const teams = new Set<string>();
  for (const placed of graph.objectives.values())
    if (placed.row.cycle === cycle && placed.row.team) teams.add(placed.row.team);
  return [...teams].sort((a, b) => a.localeCompare(b));
}
