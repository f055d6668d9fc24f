// The store's interface: everything the API keeps, in domain terms. Only the DynamoDB
// implementation (dynamo-store.ts) knows about keys, expressions and batches.
import type { KeyRole } from "../../shared/contract.js";
import type { OkrRow, RowType } from "../../shared/model.js";
import type { StoredRowWire } from "../../shared/wire.js";
import type { CycleStore } from "./cycle-types.js";
import type { HistoryStore } from "./history-types.js";
import type { RhythmStore } from "./rhythm-types.js";
import type { SummaryStore } from "./summary-types.js";

export type * from "./cycle-types.js";
export type * from "./history-types.js";
export type * from "./rhythm-types.js";
export type * from "./summary-types.js";

export type LinkableType = "objective" | "key_result";

/** A synced row as kept: the model row, its hash, the revision it last changed in, and a soft-delete mark (the
 * wire's StoredRowWire, one description: shared/wire.ts). */
export type StoredRow = StoredRowWire;

export interface SheetMeta {
  sheetId: string;
  name: string;
  revision: number;
  updatedAt: string | null;
  /**
   * sheetContentHash of the rows as of this revision, set only once every row of the revision is stored;
   * null while rows are pending, or when unknown (e.g. after a restore).
   */
  contentHash: string | null;
  /**
   * Set while the revision's rows are being written (claimed, not yet committed): who holds the write and
   * until when. A sheet left pending by a crash is taken over by the next sync once `until` has passed.
   */
  rowsPending: PendingRows | null;
}

export interface PendingRows {
  /** Random per claim: only its holder may renew or commit it. */
  token: string;
  /** ISO time the claim lapses unless renewed. */
  until: string;
}

export interface SheetWithRows {
  sheet: SheetMeta;
  rows: StoredRow[];
}

export interface Org {
  id: string;
  name: string;
  createdAt: string;
  /**
   * The organisation's time zone (IANA): the day expected progress, status, quiet days and the dashboard are
   * computed for. Absent on organisations created before it was kept (UTC).
   */
  timeZone?: string;
}

export interface ApiKeyRecord {
  id: string;
  orgId: string;
  role: KeyRole;
  /** Writers: the one sheet they may write. Readers and admins: null. */
  sheetId: string | null;
  label: string;
  /** SHA-256 of the secret, hex. The secret itself is never stored. */
  hash: string;
  createdAt: string;
  revokedAt: string | null;
}

export interface CheckInRecord {
  krId: string;
  objectiveId: string | null;
  sheetId: string;
  value: number;
  confidence: number | null;
  note: string;
  author: string;
  /** ISO timestamp. */
  at: string;
}

export interface IdempotencyRecord {
  /** Method, path and body digest of the first request with this key. */
  fingerprint: string;
  status: number;
  body: string;
  createdAt: string;
}

/** A key held by a request still running (reserved before its first write); lapses at `leaseUntil`. */
export interface IdempotencyReservation {
  fingerprint: string;
  /** Random per request: only its holder may store the answer or release the key. */
  token: string;
  createdAt: string;
  leaseUntil: string;
}

export const isIdempotencyReservation = (
  entry: IdempotencyRecord | IdempotencyReservation,
): entry is IdempotencyReservation => "token" in entry;

/** A dashboard sign-in: found by the SHA-256 of its cookie token, bound to the key that opened it. */
export interface SessionRecord {
  orgId: string;
  keyId: string;
  /** SHA-256 of the API key that signed in: each request re-checks that key is still valid. */
  keyHash: string;
  /** Sent back with the session's forms (sign-out), so a cross-site form cannot act for the user. */
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
  /** Set at sign-out; an ended session never opens again. */
  endedAt: string | null;
  /**
   * A person's own sign-in (OpenID Connect or an invite link): their e-mail, with keyId and keyHash empty.
   * Each request re-reads the person, so taking them off the people list (or a new role) takes effect at once.
   */
  email?: string | null;
}

export interface RevisionClaim {
  /** The revision the caller read; 0 when the sheet does not exist yet. */
  expected: number;
  next: number;
  name: string;
  at: string;
  contentHash: string | null;
  /** Claim the revision with its rows still to write (commitRevision completes it). */
  rowsPending?: PendingRows;
}

/** A sheet that holds a row ID live, and the row's type there. */
export interface RowOwner {
  sheetId: string;
  type: RowType;
}

export interface PutRowsOptions {
  /** Awaited before each batch is sent: renews the write's leases, or throws to stop writing. */
  beforeBatch?: () => Promise<void>;
}

export interface PutCheckInsOptions {
  /** Stable across retries of one batch (its Idempotency-Key); default: new for every call. */
  batchId?: string;
}

export interface Store extends RhythmStore, HistoryStore, SummaryStore, CycleStore {
  putOrg(org: Org): Promise<void>;
  getOrg(orgId: string): Promise<Org | null>;

  putApiKey(key: ApiKeyRecord): Promise<void>;
  /** The key whose secret hashes to `hash`, revoked or not; null when none. */
  findApiKeyByHash(hash: string): Promise<ApiKeyRecord | null>;
  listApiKeys(orgId: string): Promise<ApiKeyRecord[]>;
  /** Marks the key revoked; false when the org has no such key. */
  revokeApiKey(orgId: string, keyId: string, at: string): Promise<boolean>;

  getSheet(orgId: string, sheetId: string): Promise<SheetMeta | null>;
  getSheetRows(orgId: string, sheetId: string): Promise<StoredRow[]>;
  getRow(orgId: string, sheetId: string, rowId: string): Promise<StoredRow | null>;
  /** Every sheet of the organisation with all its rows (deleted ones included, marked). */
  listOrgSheets(orgId: string): Promise<SheetWithRows[]>;
  /**
   * The organisation's live rows of these types (objectives, key results) from a sparse index: what the
   * catalog and cross-sheet links need, without reading every row. Eventually consistent (an index).
   */
  listLinkableRows(
    orgId: string,
    types: readonly LinkableType[],
  ): Promise<{ sheetId: string; row: StoredRow }[]>;
  /** Moves the sheet from `expected` to `next` revision; false when another write got there first. */
  claimRevision(orgId: string, sheetId: string, claim: RevisionClaim): Promise<boolean>;
  /**
   * Records the content hash of the sheet at `revision`, unless the sheet moved on or has rows pending
   * (false then).
   */
  setContentHash(orgId: string, sheetId: string, revision: number, contentHash: string): Promise<boolean>;
  /** Extends a pending claim of `revision` held with `token` to `until`; false when it is no longer held. */
  renewRevision(
    orgId: string,
    sheetId: string,
    claim: { revision: number; token: string; until: string },
  ): Promise<boolean>;
  /**
   * Completes a pending claim: every row of `revision` is stored, so its content hash (null: unknown) is
   * recorded and the pending mark removed. False when the claim is no longer held with `token`.
   */
  commitRevision(
    orgId: string,
    sheetId: string,
    claim: { revision: number; token: string; contentHash: string | null },
  ): Promise<boolean>;
  /** Writes rows (new, changed, deleted-marked or restored) of one sheet, in batches. */
  putRows(
    orgId: string,
    sheetId: string,
    rows: readonly StoredRow[],
    options?: PutRowsOptions,
  ): Promise<void>;
  /**
   * Records the IDs (and types) of a sheet's live rows: what it owns. Written before the revision that changed
   * them is committed; one small item per sheet (an 8-byte hash per ID), however long the IDs.
   */
  putSheetIds(orgId: string, sheetId: string, rows: readonly Pick<OkrRow, "id" | "type">[]): Promise<void>;
  /**
   * The sheets whose recorded IDs (putSheetIds) include each of these IDs, from one consistent read of every
   * sheet's record. IDs no sheet holds are absent from the map.
   */
  liveRowOwners(orgId: string, ids: readonly string[]): Promise<Map<string, RowOwner[]>>;

  putCheckIn(orgId: string, checkIn: CheckInRecord): Promise<void>;
  /**
   * Records several check-ins (one request's batch): each in its key result's history, the latest per key result
   * kept as putCheckIn keeps it, one new read revision. Written again with the same `batchId` (a retry of a batch
   * cut off midway), it rewrites its own check-ins instead of adding them twice.
   */
  putCheckIns(orgId: string, checkIns: readonly CheckInRecord[], options?: PutCheckInsOptions): Promise<void>;
  listCheckInsForKeyResult(orgId: string, krId: string): Promise<CheckInRecord[]>;
  listCheckInsForObjective(orgId: string, objectiveId: string): Promise<CheckInRecord[]>;
  /** Time of the latest check-in per key result ID. */
  lastCheckIns(orgId: string): Promise<Map<string, string>>;

  /**
   * The stored answer for a key, or its reservation while the first request with it still runs (a released
   * or crashed request's reservation has a `leaseUntil` in the past: the key is free).
   */
  getIdempotency(orgId: string, key: string): Promise<IdempotencyRecord | IdempotencyReservation | null>;
  /**
   * Reserves a key before the request's first write: true when it was free (or its reservation lapsed
   * before `now`), false when another request holds it or its answer is stored.
   */
  reserveIdempotency(
    orgId: string,
    key: string,
    reservation: IdempotencyReservation,
    now: string,
  ): Promise<boolean>;
  /** Extends a reservation held with `token`; false when it is no longer held. */
  renewIdempotency(orgId: string, key: string, token: string, leaseUntil: string): Promise<boolean>;
  /**
   * Stores the answer for a key. With `token`: only while that reservation holds the key (a request whose
   * reservation lapsed and was taken over never overwrites the winner's answer). Without: only when the key
   * is free (the first one wins). False when not stored.
   */
  putIdempotency(orgId: string, key: string, record: IdempotencyRecord, token?: string): Promise<boolean>;
  /** Frees a key reserved with `token` (the request ended without an answer worth keeping): its lease ends. */
  releaseIdempotency(orgId: string, key: string, token: string): Promise<void>;

  /** Throws when the database cannot be reached (the readiness check). */
  ping(): Promise<void>;

  /** Stores a new dashboard session under the hash of its token. */
  putSession(tokenHash: string, session: SessionRecord): Promise<void>;
  getSession(tokenHash: string): Promise<SessionRecord | null>;
  /** Marks the session ended (sign-out); false when there is no such session. */
  endSession(tokenHash: string, at: string): Promise<boolean>;
}
