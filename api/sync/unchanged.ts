// The unchanged re-sync (the add-on's most common call: every row an {id, hash} stub, the sheet as last
// committed) answered before the request's schema runs: validating 1,000 stubs with zod was most of its time.
// Only a body SyncRequestSchema is sure to accept, and to read the same way, takes this path; any other body
// (a full row, an unknown or doubtful field, a value out of range) goes to the schema, which answers it as
// before. No zod here: the check is plain code (api/sync/unchanged.test.ts holds it to the schema).

import { LANGUAGES } from "../../shared/model.js";
import { ROW_HASH_PATTERN, sheetContentHash } from "../../shared/row-hash.js";
import { isTimeZone } from "../../shared/time-zone.js";
import { LIMITS, type SyncResponse } from "../../shared/wire.js";
import type { SheetMeta } from "../store/types.js";

/** What an all-stub sync request says, as SyncRequestSchema would parse it. */
export interface StubsOnlyRequest {
  baseRevision: number;
  /** "" when absent (the schema's default). */
  name: string;
  rows: { id: string; hash: string }[];
}

const REQUEST_FIELDS: ReadonlySet<string> = new Set(["baseRevision", "name", "rows", "language", "timeZone"]);
const LANGUAGE_SET: ReadonlySet<unknown> = new Set(LANGUAGES);

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The request when `body` is a sync request of stubs only that SyncRequestSchema accepts as it is (no value
 * it would trim, default aside); null for anything else, which then goes through the schema.
 */
export function stubsOnlyRequest(body: unknown): StubsOnlyRequest | null {
  if (!isRecord(body)) return null;
  for (const field of Object.keys(body)) if (!REQUEST_FIELDS.has(field)) return null;
  const { baseRevision, name, rows, language, timeZone } = body;
  if (typeof baseRevision !== "number" || !Number.isSafeInteger(baseRevision) || baseRevision < 0)
    return null;
  if (name !== undefined && (typeof name !== "string" || name.length > LIMITS.shortText)) return null;
  if (language !== undefined && !LANGUAGE_SET.has(language)) return null;
  if (timeZone !== undefined && !isTimeZone(timeZone)) return null;
  if (!Array.isArray(rows) || rows.length > LIMITS.rowsPerSync) return null;
  for (const row of rows) {
    if (!isRecord(row)) return null;
    const keys = Object.keys(row);
    if (keys.length !== 2) return null;
    const { id, hash } = row;
    if (typeof id !== "string" || id.length === 0 || id.length > LIMITS.idLength || id.trim() !== id)
      return null;
    if (typeof hash !== "string" || !ROW_HASH_PATTERN.test(hash)) return null;
  }
  return { baseRevision, name: name ?? "", rows: rows as StubsOnlyRequest["rows"] };
}

/**
 * True when a sync of these rows is the sheet exactly as last committed: the answer is then
 * unchangedAnswer(), with no write. A pending revision (rows still being written, or left half-written by a
 * crash) never is.
 */
export function isUnchangedSheet(
  sheet: SheetMeta | null,
  request: { baseRevision: number; name: string },
  contentHash: string,
): boolean {
  return (
    sheet !== null &&
    sheet.rowsPending === null &&
    request.baseRevision === sheet.revision &&
    (request.name === "" || request.name === sheet.name) &&
    sheet.contentHash === contentHash
  );
}

export function unchangedAnswer(sheetId: string, revision: number, rowCount: number): SyncResponse {
  return {
    sheetId,
    revision,
    written: 0,
    deleted: 0,
    unchanged: rowCount,
    unchangedSheet: true,
    problems: [],
    computed: [],
  };
}

/** The content hash of a stubs-only request (sheetContentHash of its pairs). */
export const stubsContentHash = (request: StubsOnlyRequest): string => sheetContentHash(request.rows);
