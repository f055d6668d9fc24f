// The store's interface: everything the API keeps, in domain terms. Only the DynamoDB
// implementation (dynamo-store.ts) knows about keys, expressions and batches.
import type { KeyRole } from "../../shared/contract.js";
import type { OkrRow } from "../../shared/model.js";
import type { RhythmStore } from "./rhythm-types.js";

export type * from "./rhythm-types.js";

export type LinkableType = "objective" | "key_result";

/** A synced row as kept: the model row, its hash, the revision it last changed in, and a soft-delete mark. */
export interface StoredRow extends OkrRow {
  hash: string;
  /** True once the row disappeared from its sheet; kept so it can be restored. */
  deleted: boolean;
  deletedAt: string | null;
  /** Sheet revision in which this row was last written (added, changed, deleted or restored). */
  revision: number;
  /**
   * When a sync last brought a new Current value (typed, or computed by the sheet's own formula): for a
   * key result that is an update as much as a check-in is. Absent on rows stored before it was kept.
   */
  currentChangedAt?: string | null;
}

export interface SheetMeta {
  sheetId: string;
  name: string;
  revision: number;
  updatedAt: string | null;
  /** sheetContentHash of the rows as of this revision; null when unknown (e.g. after a restore). */
  contentHash: string | null;
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
}

export interface Store extends RhythmStore {
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
  /** Records the content hash of the sheet at `revision`, unless the sheet moved on; false then. */
  setContentHash(orgId: string, sheetId: string, revision: number, contentHash: string): Promise<boolean>;
  /** Writes rows (new, changed, deleted-marked or restored) of one sheet, in batches. */
  putRows(orgId: string, sheetId: string, rows: readonly StoredRow[]): Promise<void>;

  putCheckIn(orgId: string, checkIn: CheckInRecord): Promise<void>;
  listCheckInsForKeyResult(orgId: string, krId: string): Promise<CheckInRecord[]>;
  listCheckInsForObjective(orgId: string, objectiveId: string): Promise<CheckInRecord[]>;
  /** Time of the latest check-in per key result ID. */
  lastCheckIns(orgId: string): Promise<Map<string, string>>;

  getIdempotency(orgId: string, key: string): Promise<IdempotencyRecord | null>;
  /** Stores the answer for a key; false when one is already stored (the first one wins). */
  putIdempotency(orgId: string, key: string, record: IdempotencyRecord): Promise<boolean>;

  /** Stores a new dashboard session under the hash of its token. */
  putSession(tokenHash: string, session: SessionRecord): Promise<void>;
  getSession(tokenHash: string): Promise<SessionRecord | null>;
  /** Marks the session ended (sign-out); false when there is no such session. */
  endSession(tokenHash: string, at: string): Promise<boolean>;
}
