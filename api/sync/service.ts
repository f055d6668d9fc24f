// The imperative shell of a sync: read, plan, validate, claim the next revision, write.
// Order matters without transactions: the revision is claimed first (conditional write), so of two
// racing syncs only one writes rows; if writing then fails, the next sync re-plans against the store
// and writes what is missing.

import type { z } from "zod";
import {
  type StaleRevisionDetails,
  type SyncRequestSchema,
  type SyncResponse,
  sheetContentHash,
} from "../../shared/contract.js";
import type { OkrRow } from "../../shared/model.js";
import { isoDayIn } from "../../shared/time-zone.js";
import type { AppDeps } from "../config.js";
import { computeRows, validateRows } from "../engine.js";
import { ApiError } from "../errors.js";
import type { Store, StoredRow } from "../store/types.js";
import { planSync, verifiedHashes } from "./plan.js";

type ParsedSyncRequest = z.output<typeof SyncRequestSchema>;

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

export async function syncSheet(
  deps: AppDeps,
  orgId: string,
  sheetId: string,
  request: ParsedSyncRequest,
): Promise<SyncResponse> {
  const { store } = deps;
  const now = deps.now();
  const sheet = await store.getSheet(orgId, sheetId);
  const current = sheet?.revision ?? 0;

  // Fast path: the sheet exactly as last synced costs one read and no writes.
  const contentHash = sheetContentHash(verifiedHashes(request.rows));
  const sameName = request.name === "" || request.name === sheet?.name;
  if (sheet && request.baseRevision === current && sameName && sheet.contentHash === contentHash) {
    return {
      sheetId,
      revision: current,
      written: 0,
      deleted: 0,
      unchanged: request.rows.length,
      unchangedSheet: true,
      problems: [],
      computed: [],
    };
  }

  // Rows are written only after their sheet's revision is claimed: no sheet, no rows to read.
  const [existing, org] = await Promise.all([
    sheet ? store.getSheetRows(orgId, sheetId) : Promise.resolve([]),
    store.getOrg(orgId),
  ]);
  if (request.baseRevision !== current) throw staleRevision(sheetId, request.baseRevision, current, existing);

  // verifiedHashes (above) checked every full row's hash against its content
  const plan = planSync(existing, request.rows, now.toISOString(), { hashesVerified: true });
  const name = request.name !== "" ? request.name : (sheet?.name ?? "");
  const changes = [...plan.writes, ...plan.deletions];
  const renamed = sheet === null || sheet.name !== name;

  // Rows are stored whatever their problems (nothing is lost), so writing need not wait for validation.
  const persist = async (): Promise<number> => {
    if (changes.length === 0 && !renamed) {
      // Nothing changed, but the sheet hash was unknown (after a restore): remember it for the fast path.
      if (sheet && sheet.contentHash !== contentHash)
        await store.setContentHash(orgId, sheetId, current, contentHash);
      return current;
    }
    const next = current + 1;
    const at = now.toISOString();
    if (!(await store.claimRevision(orgId, sheetId, { expected: current, next, name, at, contentHash }))) {
      const [latest, rows] = await Promise.all([
        store.getSheet(orgId, sheetId),
        store.getSheetRows(orgId, sheetId),
      ]);
      throw staleRevision(sheetId, request.baseRevision, latest?.revision ?? current, rows);
    }
    if (changes.length > 0)
      await store.putRows(
        orgId,
        sheetId,
        changes.map((row) => ({ ...row, revision: next })),
      );
    return next;
  };
  const persisting = persist();

  const check = async () => {
    const knownElsewhere = foreignLinks(plan.rows)
      ? await linkableIdsElsewhere(store, orgId, sheetId)
      : new Set<string>();
    return validateRows(plan.rows, {
      knownObjectiveIds: knownElsewhere,
      language: request.language,
      sheetId,
    });
  };
  const checking = check();
  // The organisation's time zone: the first one a sheet sends (the admin CLI changes it later).
  const keepTimeZone = async () => {
    if (org && !org.timeZone && request.timeZone) await store.putOrg({ ...org, timeZone: request.timeZone });
  };
  const keeping = keepTimeZone();
  // Computed while the writes are in flight, for today as the sheet's own TODAY() has it.
  const computedById = computeRows(plan.rows, {
    asOf: isoDayIn(now, request.timeZone ?? org?.timeZone),
  });
  const computed = plan.rows.map((row) => {
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
    written: plan.writes.length,
    deleted: plan.deletions.length,
    unchanged: plan.unchanged,
    unchangedSheet: false,
    problems,
    computed,
  };
}

/** Brings a deleted row back (it then reaches the add-on as a change on its next sync). */
export async function restoreRow(deps: AppDeps, orgId: string, sheetId: string, rowId: string) {
  const { store } = deps;
  const [sheet, row] = await Promise.all([
    store.getSheet(orgId, sheetId),
    store.getRow(orgId, sheetId, rowId),
  ]);
  if (!sheet || !row)
    throw new ApiError(404, "not_found", `Row '${rowId}' of sheet '${sheetId}' was not found`);
  if (!row.deleted)
    throw new ApiError(409, "not_deleted", `Row '${rowId}' is not deleted; nothing to restore`);
  const revision = sheet.revision + 1;
  const at = deps.now().toISOString();
  if (
    !(await store.claimRevision(orgId, sheetId, {
      expected: sheet.revision,
      next: revision,
      name: sheet.name,
      at,
      // unknown until the add-on sends the sheet with the row back in it
      contentHash: null,
    }))
  ) {
    throw new ApiError(409, "conflict", "The sheet changed while restoring; try again");
  }
  const restored: StoredRow = { ...row, deleted: false, deletedAt: null, revision };
  await store.putRows(orgId, sheetId, [restored]);
  return { sheetId, revision, row: restored };
}
