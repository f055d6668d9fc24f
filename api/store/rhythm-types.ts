// The store's part for people and the weekly rhythm: the people list, sign-in links and OpenID Connect
// sign-in attempts, the rhythm's settings, deliveries (idempotent per organisation, recipient and week),
// opt-outs, the digest's snapshot, comments and alignment reviews. Domain terms only; dynamo-rhythm.ts maps them.
import type { Comment } from "../../shared/comments.js";
import type { Language } from "../../shared/model.js";
import type { Person } from "../../shared/people.js";
import type { ReviewRequest, ReviewVerdict } from "../../shared/review.js";
import type { DigestSnapshot } from "../../shared/rhythm.js";
import type { WeeklySchedule } from "../../shared/week.js";

/** A one-time link that signs a person in (an invite, where no identity provider is configured). */
export interface SignInLinkRecord {
  orgId: string;
  email: string;
  createdAt: string;
  expiresAt: string;
  usedAt: string | null;
}

/**
 * An OpenID Connect sign-in under way: found by the hash of the browser's attempt cookie, so a callback
 * only completes in the browser that started it (no login CSRF); used once.
 */
export interface LoginAttemptRecord {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** Dashboard path to return to. */
  next: string;
  /** The organisation asked for (an org's own sign-in link); null: the one the address belongs to. */
  orgId: string | null;
  createdAt: string;
  expiresAt: string;
}

export interface RhythmSettings {
  /** Reminders and the digest go out only when enabled. */
  enabled: boolean;
  schedule: WeeklySchedule;
  /** Days without an update that make a key result quiet (default 14). */
  quietDays: number;
  /** The language of the messages. */
  language: Language;
}

export const DELIVERY_KINDS = ["reminder", "digest", "webhook"] as const;
export type DeliveryKind = (typeof DELIVERY_KINDS)[number];

export interface DeliveryRecord {
  week: string;
  kind: DeliveryKind;
  /** A person's e-mail, or a team for its webhook. */
  recipient: string;
  /** sending: claimed, outcome not yet known (a crash then leaves it so: sent at most once). */
  status: "sending" | "sent" | "failed" | "skipped";
  at: string;
  detail: string;
}

export type OptOutKind = "reminder" | "digest";

export interface RhythmStore {
  /** The live people of the organisation (removed ones left out), by name. */
  listPeople(orgId: string): Promise<Person[]>;
  getPerson(orgId: string, email: string): Promise<Person | null>;
  /** Adds or replaces a person (keyed by e-mail). */
  putPerson(orgId: string, person: Person, at: string): Promise<void>;
  /** Takes a person off the list (their sessions stop at the next request); false when not on it. */
  removePerson(orgId: string, email: string, at: string): Promise<boolean>;
  /** The organisations whose people list holds this address (for signing in). */
  findPersonOrgs(email: string): Promise<string[]>;

  putSignInLink(tokenHash: string, link: SignInLinkRecord): Promise<void>;
  /** Uses a link once: the record if it was unused and unexpired at `at`, else null. */
  useSignInLink(tokenHash: string, at: string): Promise<SignInLinkRecord | null>;
  putLoginAttempt(attemptHash: string, attempt: LoginAttemptRecord): Promise<void>;
  /** Takes the attempt once (a second callback finds nothing); null when unknown, used or expired. */
  takeLoginAttempt(attemptHash: string, at: string): Promise<LoginAttemptRecord | null>;

  /** A random secret per organisation for signed links (unsubscribe); created on first use. */
  orgSecret(orgId: string): Promise<string>;

  getRhythmSettings(orgId: string): Promise<RhythmSettings | null>;
  /** Stores the settings and lists the organisation among those the scheduler visits. */
  putRhythmSettings(orgId: string, settings: RhythmSettings): Promise<void>;
  /** The organisations with rhythm settings (enabled or not). */
  listRhythmOrgs(): Promise<string[]>;
  /** The spreadsheet's URL per sheet ID (sent by the add-on, or set by an admin). */
  listSheetUrls(orgId: string): Promise<Map<string, string>>;
  putSheetUrl(orgId: string, sheetId: string, url: string): Promise<void>;
  /** Google Chat / Slack incoming webhook per team. */
  listTeamWebhooks(orgId: string): Promise<Map<string, string>>;
  /** Sets (or, with null, removes) a team's webhook. */
  putTeamWebhook(orgId: string, team: string, url: string | null): Promise<void>;

  /**
   * Claims one delivery with a conditional write: true for the first claim of (organisation, week, kind,
   * recipient), or to retry one that failed; false when it was sent, is being sent, or was skipped.
   */
  claimDelivery(
    orgId: string,
    week: string,
    kind: DeliveryKind,
    recipient: string,
    at: string,
  ): Promise<boolean>;
  finishDelivery(
    orgId: string,
    delivery: Pick<DeliveryRecord, "week" | "kind" | "recipient" | "status" | "at" | "detail">,
  ): Promise<void>;
  listDeliveries(orgId: string, week: string): Promise<DeliveryRecord[]>;
  /** Records an unsubscribe (kept whatever happens to the person's entry). */
  putOptOut(orgId: string, email: string, kind: OptOutKind, at: string): Promise<void>;
  /** E-mail -> what the person unsubscribed from. */
  listOptOuts(orgId: string): Promise<Map<string, Set<OptOutKind>>>;
  getDigestSnapshot(orgId: string): Promise<DigestSnapshot | null>;
  putDigestSnapshot(orgId: string, snapshot: DigestSnapshot): Promise<void>;

  putComment(orgId: string, comment: Comment): Promise<void>;
  /** A target's comments, oldest first. */
  listComments(orgId: string, targetId: string): Promise<Comment[]>;
  /** The organisation's comments from `since` (inclusive) to `until` (exclusive), oldest first. */
  listCommentsBetween(orgId: string, since: string, until: string): Promise<Comment[]>;

  putReviewRequest(orgId: string, request: ReviewRequest): Promise<void>;
  getReviewRequest(orgId: string, team: string, cycle: string): Promise<ReviewRequest | null>;
  listReviewRequests(orgId: string, cycle: string): Promise<ReviewRequest[]>;
  /** A reviewer's decision; their later decision in the same round replaces it. */
  putReviewVerdict(orgId: string, verdict: ReviewVerdict): Promise<void>;
  /** A cycle's decisions, of one team or (team null) of every team. */
  listReviewVerdicts(orgId: string, cycle: string, team: string | null): Promise<ReviewVerdict[]>;
}
