// The imperative shell of a sync: read, plan, check ownership, claim the next revision, write, commit.
// Without transactions, no state is claimed before it is stored:
//   1. the next revision is claimed (conditional write) with a "rows pending" mark and no content hash, so of
//      two racing syncs only one writes rows, and nothing says the rows are there yet;
//   2. the rows are written, the claim's lease renewed as the writing goes on;
//   3. the revision is committed: the content hash recorded and the mark removed (conditional on the claim).
// The fast path (nothing to do) trusts only a committed content hash. A sync that dies anywhere leaves the
// sheet pending; once its lease has lapsed the next sync (a retry, a re-base after 409, or full rows) plans
// against what the store really holds and finishes the job: missing rows written, removed rows marked
// deleted, nothing doubled, revisions only going up.

import type { z } from "zod";
import { headerLabel } from "../../shared/columns.js";
import {
  type StaleRevisionDetails,
  type SyncRequestSchema,
  type SyncResponse,
  sheetContentHash,
} from "../../shared/contract.js";
import { rowMessage } from "../../shared/messages.js";
import type { Language, OkrRow, Problem } from "../../shared/model.js";
import { computeRows } from "../../shared/progress.js";
import { isoDayIn } from "../../shared/time-zone.js";
import { validateRows } from "../../shared/validate.js";
import { withFields } from "../../shared/with-fields.js";
import type { AppDeps } from "../app/config.js";
import { ApiError, inProgress, secondsUntil } from "../app/errors.js";
import { previousVersions, versionStamp } from "../history/versions.js";
import { rowsAfter, summarize } from "../read/summaries.js";
import type { RowOwner, SheetMeta, Store, StoredRow } from "../store/types.js";
import { cycleRecordsOf, valuePointsOf } from "./cycle-records.js";
import { planSync, verifiedHashes } from "./plan.js";
import { isUnchangedSheet, unchangedAnswer } from "./unchanged.js";

type ParsedSyncRequest = z.output<typeof SyncRequestSchema>;

/** What the route lends the sync: its Idempotency-Key's reservation, taken only when there is work to do. */
export interface SyncHooks {
  /** Before the first write: reserves the request's Idempotency-Key (throws when another request has it). */
  reserve?: () => Promise<void>;
  /** Before each batch of writes: keeps that reservation's lease. */
  renew?: () => Promise<void>;
  /** Who writes: "key:<id>" of the request's key (kept with each version of the rows it writes). */
  writer?: string;
  /** The sheet as this request already read it (null: no such sheet), so it is not read twice. */
  sheet?: SheetMeta | null;
}

export function staleRevision(
  sheetId: string,
  baseRevision: number,
  currentRevision: number,
  rows: readonly StoredRow[],
): ApiError {
  const details: StaleRevisionDetails = {
    sheetId,
    baseRevision,
    currentRevision,
    changed: rows
      .filter((row) => row.revision > baseRevision)
      .map((row) => ({ id: row.id, hash: row.hash, deleted: row.deleted, revision: row.revision })),
  };
  return new ApiError(
    409,
    "stale_revision",
    `The sheet is at revision ${currentRevision}, not ${baseRevision}: fetch the changes, then sync again`,
    details,
  );
}

/** 409 while another request holds the sheet's pending revision and its lease has not lapsed. */
function syncInProgress(sheet: SheetMeta, now: Date): ApiError | null {
  const pending = sheet.rowsPending;
  if (!pending || Date.parse(pending.until) <= now.getTime()) return null;
  const seconds = secondsUntil(pending.until, now);
  return inProgress(
    "sync_in_progress",
    `Sheet '${sheet.sheetId}' is being written by another sync (revision ${sheet.revision}); retry in ${seconds} s`,
    seconds,
  );
}

const leaseLost = () =>
  new ApiError(
    503,
    "lease_lost",
    "The sync took longer than its lease and another sync took the sheet over; sync again",
    undefined,
    { "Retry-After": "1" },
  );

/** IDs the rows link to that are not in this sheet: only then is the rest of the organisation read. */
function foreignLinks(rows: readonly OkrRow[]): boolean {
  const own = new Set(rows.map((row) => row.id));
  return rows.some(
    (row) =>
      (row.objectiveId !== null && !own.has(row.objectiveId)) ||
      (row.alignsTo !== null && !own.has(row.alignsTo)) ||
      row.contributesTo.some((id) => !own.has(id)),
  );
}

/** Objective and key result IDs of the organisation's other sheets (KPIs may sit beside either). */
async function linkableIdsElsewhere(store: Store, orgId: string, sheetId: string): Promise<Set<string>> {
  const linkable = await store.listLinkableRows(orgId, ["objective", "key_result"]);
  return new Set(linkable.filter((entry) => entry.sheetId !== sheetId).map((entry) => entry.row.id));
}

/** The rows of another sheet's IDs, refused: a per-row problem naming the sheet that holds the ID. */
async function refusalProblems(
  store: Store,
  orgId: string,
  sheetId: string,
  refused: ReadonlyMap<string, { row: OkrRow; owner: string }>,
  language: Language,
): Promise<Problem[]> {
  const owners = [...new Set([...refused.values()].map((entry) => entry.owner))];
  const names = new Map(
    await Promise.all(
      owners.map(async (owner) => [owner, (await store.getSheet(orgId, owner))?.name || owner] as const),
    ),
  );
  return [...refused.values()].map(({ row, owner }) => ({
    code: "duplicate_id_across_sheets",
    severity: "error",
    message: rowMessage(language, "duplicate_id_across_sheets", {
      row: row.row,
      column: headerLabel("id", language),
      id: row.id,
      sheet: names.get(owner) ?? owner,
    }),
    row: row.row,
    column: "id",
    ids: [row.id],
    sheetId,
    otherSheetId: owner,
  }));
}

export async function syncSheet(
  deps: AppDeps,
  orgId: string,
  sheetId: string,
  request: ParsedSyncRequest,
  hooks: SyncHooks = {},
): Promise<SyncResponse> {
  const { store } = deps;
  const leaseMs = deps.config.writeLeaseMs;
  const now = deps.now();
  const sheet = hooks.sheet !== undefined ? hooks.sheet : await store.getSheet(orgId, sheetId);
  const current = sheet?.revision ?? 0;

  // Fast path: the sheet exactly as last committed costs one read and no writes (a request of stubs only
  // takes it before the schema runs: api/sync/unchanged.ts).
  const contentHash = sheetContentHash(verifiedHashes(request.rows));
  if (isUnchangedSheet(sheet, request, contentHash))
    return unchangedAnswer(sheetId, current, request.rows.length);

  // From here on this request may write: its Idempotency-Key is reserved while the rows (and the
  // organisation, for its time zone) are read.
  const [, existing, org] = await Promise.all([
    hooks.reserve?.(),
    sheet ? store.getSheetRows(orgId, sheetId) : Promise.resolve([]),
    store.getOrg(orgId),
  ]);
  if (request.baseRevision !== current) throw staleRevision(sheetId, request.baseRevision, current, existing);
  const busy = sheet && syncInProgress(sheet, now);
  if (busy) throw busy;

  // verifiedHashes (above) checked every full row's hash against its content
  const plan = planSync(existing, request.rows, now.toISOString(), { hashesVerified: true });

  // A sheet owns its IDs: a row whose ID this sheet does not hold live yet, while another sheet does, is
  // refused (reported on its row) and nothing of the other sheet changes. Read only when IDs arrive: one
  // consistent read of every sheet's ID record (hashes, a few bytes per row), at the same time as the
  // index of linkable rows when the sheet links to other sheets.
  const liveHere = new Set(existing.filter((row) => !row.deleted).map((row) => row.id));
  const arriving = plan.writes.filter((row) => !liveHere.has(row.id)).map((row) => row.id);
  const [owners, knownElsewhere] = await Promise.all([
    arriving.length > 0 ? store.liveRowOwners(orgId, arriving) : new Map<string, RowOwner[]>(),
    foreignLinks(plan.rows) ? linkableIdsElsewhere(store, orgId, sheetId) : new Set<string>(),
  ]);
  const refused = new Map<string, { row: OkrRow; owner: string }>();
  const byId = new Map(plan.rows.map((row) => [row.id, row]));
  for (const id of arriving) {
    const owner = (owners.get(id) ?? []).find((entry) => entry.sheetId !== sheetId);
    const row = byId.get(id);
    if (owner && row) refused.set(id, { row, owner: owner.sheetId });
  }
  const writes = plan.writes.filter((row) => !refused.has(row.id));
  const rows = refused.size > 0 ? plan.rows.filter((row) => !refused.has(row.id)) : plan.rows;

  const name = request.name !== "" ? request.name : (sheet?.name ?? "");
  const changes = [...writes, ...plan.deletions];
  // The record of the IDs this sheet owns is rewritten when they changed, or when a crashed sync may have
  // changed them without recording it; always before the commit, so a committed sheet's record is current.
  const idsChanged = writes.some((row) => !liveHere.has(row.id)) || plan.deletions.length > 0;
  const recordIds = () =>
    idsChanged || sheet?.rowsPending ? store.putSheetIds(orgId, sheetId, rows) : Promise.resolve();
  const renamed = sheet === null || sheet.name !== name;
  // The store will then hold exactly the request's rows: only then is its content hash worth keeping.
  const complete = refused.size === 0;
  // The read model's summary of the sheet as stored at `revision`, written once its rows are and before the
  // revision is committed (a committed revision always has its summary). The read revision went up when the
  // revision was claimed: no view is cached while a sheet is pending, so none outlives this sync, even one
  // that dies.
  const summarise = (revision: number, stored: readonly StoredRow[]) =>
    store.putSheetSummary(orgId, summarize(sheetId, name, revision, stored));

  // Rows are stored whatever their problems (nothing is lost), so writing need not wait for validation.
  const persist = async (): Promise<number> => {
    if (changes.length === 0 && !renamed) {
      if (sheet?.rowsPending) {
        // A crashed sync's revision whose rows all turned out to be stored: complete it.
        await Promise.all([recordIds(), summarise(current, existing)]);
        const committed = await store.commitRevision(orgId, sheetId, {
          revision: current,
          token: sheet.rowsPending.token,
          contentHash: complete ? contentHash : null,
        });
        if (!committed) throw await stale();
      } else if (complete && sheet && sheet.contentHash !== contentHash) {
        // Nothing changed, but the sheet hash was unknown (after a restore): remember it for the fast path.
        await store.setContentHash(orgId, sheetId, current, contentHash);
      }
      return current;
    }
    const next = current + 1;
    const token = crypto.randomUUID();
    const leaseUntil = () => new Date(deps.now().getTime() + leaseMs).toISOString();
    const claimed = await store.claimRevision(orgId, sheetId, {
      expected: current,
      next,
      name,
      at: now.toISOString(),
      contentHash: null,
      rowsPending: { token, until: leaseUntil() },
    });
    if (!claimed) throw await stale();
    // Marked pending before any row changes: views check this sheet's revision until one finds it committed.
    await store.bumpReadRevision(orgId, sheetId);
    const stamp = versionStamp(now, hooks.writer);
    const written = changes.map((row) => withFields(row, { revision: next, ...stamp }));
    let renewedAt = performance.now();
    const beforeBatch = async () => {
      await hooks.renew?.();
      if (performance.now() - renewedAt < leaseMs / 3) return;
      if (!(await store.renewRevision(orgId, sheetId, { revision: next, token, until: leaseUntil() })))
        throw leaseLost();
      renewedAt = performance.now();
    };
    if (changes.length > 0) {
      // History first: the versions the rows hold now are kept before any of them is replaced (see
      // api/history/versions.ts), so a crash never loses one, and a retry keeps the same ones again.
      await store.keepRowVersions(orgId, sheetId, previousVersions(existing, changes), { beforeBatch });
      await store.putRows(orgId, sheetId, written, { beforeBatch });
    }
    await hooks.renew?.();
    await Promise.all([recordIds(), summarise(next, rowsAfter(existing, written))]);
    const committed = await store.commitRevision(orgId, sheetId, {
      revision: next,
      token,
      contentHash: complete ? contentHash : null,
    });
    if (!committed) throw leaseLost();
    return next;
  };
  const stale = async () => {
    const [latest, stored] = await Promise.all([
      store.getSheet(orgId, sheetId),
      store.getSheetRows(orgId, sheetId),
    ]);
    return staleRevision(sheetId, request.baseRevision, latest?.revision ?? current, stored);
  };
  // Before any row is written (so a crash cannot lose them; idempotent): an ended cycle's rows leaving the
  // sheet are kept as its record.
  const records = cycleRecordsOf(
    existing,
    { writes, deletions: plan.deletions },
    { sheetId, name },
    isoDayIn(now, request.timeZone ?? org?.timeZone),
    now.toISOString(),
  );
  if (records.length > 0) await store.putCycleRows(orgId, records);
  // New Current values become points of their history once the revision is committed. Best effort: a sync cut
  // off after writing a row but before this keeps the row's value and its time (currentChangedAt), not the point.
  const points = valuePointsOf(existing, writes, sheetId, now.toISOString());
  const recordPoints = async (revision: number) => {
    if (points.length > 0) await store.putValuePoints(orgId, points);
    return revision;
  };
  const persisting = persist().then(recordPoints);

  const check = async () => {
    const problems = validateRows(rows, {
      knownObjectiveIds: knownElsewhere,
      language: request.language,
      sheetId,
    });
    const refusals = await refusalProblems(store, orgId, sheetId, refused, request.language);
    return [...refusals, ...problems];
  };
  const checking = check();
  // The organisation's time zone: the first one a sheet sends (the admin CLI changes it later).
  const keepTimeZone = async () => {
    if (org && !org.timeZone && request.timeZone) await store.putOrg({ ...org, timeZone: request.timeZone });
  };
  const keeping = keepTimeZone();
  // Computed while the writes are in flight, for today as the sheet's own TODAY() has it.
  const computedById = computeRows(rows, { asOf: isoDayIn(now, request.timeZone ?? org?.timeZone) });
  const computed = rows.map((row) => {
    const values = computedById.get(row.id);
    return {
      id: row.id,
      progress: values?.progress ?? null,
      expected: values?.expected ?? null,
      status: values?.status ?? "not_started",
    };
  });
  const [revision, problems] = await Promise.all([persisting, checking, keeping]);

  return {
    sheetId,
    revision,
    written: writes.length,
    deleted: plan.deletions.length,
    unchanged: plan.unchanged,
    unchangedSheet: false,
    problems,
    computed,
  };
}

/** Brings a deleted row back (it then reaches the add-on as a change on its next sync). */
export async function restoreRow(
  deps: AppDeps,
  orgId: string,
  sheetId: string,
  rowId: string,
  writer?: string,
) {
  const { store } = deps;
  const now = deps.now();
  const [sheet, row] = await Promise.all([
    store.getSheet(orgId, sheetId),
    store.getRow(orgId, sheetId, rowId),
  ]);
  if (!sheet || !row)
    throw new ApiError(404, "not_found", `Row '${rowId}' of sheet '${sheetId}' was not found`);
  if (!row.deleted)
    throw new ApiError(409, "not_deleted", `Row '${rowId}' is not deleted; nothing to restore`);
  const busy = syncInProgress(sheet, now);
  if (busy) throw busy;
  // The ID may have gone to another sheet while this row was deleted: that sheet owns it now.
  const owner = ((await store.liveRowOwners(orgId, [rowId])).get(rowId) ?? []).find(
    (entry) => entry.sheetId !== sheetId,
  );
  if (owner) {
    throw new ApiError(
      409,
      "duplicate_id_across_sheets",
      `Row '${rowId}' cannot be restored: sheet '${owner.sheetId}' now holds a row with this ID`,
      { ids: [rowId], otherSheetId: owner.sheetId },
    );
  }
  const revision = sheet.revision + 1;
  const token = crypto.randomUUID();
  const claimed = await store.claimRevision(orgId, sheetId, {
    expected: sheet.revision,
    next: revision,
    name: sheet.name,
    at: now.toISOString(),
    contentHash: null,
    rowsPending: { token, until: new Date(now.getTime() + deps.config.writeLeaseMs).toISOString() },
  });
  if (!claimed) throw new ApiError(409, "conflict", "The sheet changed while restoring; try again");
  await store.bumpReadRevision(orgId, sheetId);
  const restored: StoredRow = {
    ...row,
    deleted: false,
    deletedAt: null,
    revision,
    ...versionStamp(now, writer),
  };
  await store.keepRowVersions(orgId, sheetId, [row]);
  await store.putRows(orgId, sheetId, [restored]);
  const stored = await store.getSheetRows(orgId, sheetId);
  await store.putSheetIds(
    orgId,
    sheetId,
    stored.filter((row) => !row.deleted),
  );
  await store.putSheetSummary(orgId, summarize(sheetId, sheet.name, revision, stored));
  // The sheet's content hash stays unknown until the add-on sends the sheet with the row back in it.
  if (!(await store.commitRevision(orgId, sheetId, { revision, token, contentHash: null })))
    throw leaseLost();
  return { sheetId, revision, row: restored };
}
