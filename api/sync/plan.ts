// The functional core of a sync: given what the store holds and what the add-on sent, decide
// which rows to write, which to mark deleted, and what the sheet now is. No I/O.
import { isFullRow, type RowStub, rowHash, type SyncRow } from "../../shared/contract.js";
import type { OkrRow } from "../../shared/model.js";
import { withFields } from "../../shared/with-fields.js";
import { ApiError } from "../app/errors.js";
import { stripStored } from "../read/live-rows.js";
import type { StoredRow } from "../store/types.js";

export interface SyncPlan {
  /** The sheet as it is now: full rows, stubs resolved from the store, in the order sent. */
  rows: OkrRow[];
  /** New, changed or re-appearing rows (revision still to be set). */
  writes: StoredRow[];
  /** Rows no longer in the sheet, now marked deleted (revision still to be set). */
  deletions: StoredRow[];
  unchanged: number;
}

function withoutHash(row: SyncRow): OkrRow {
  const { hash: _hash, ...rest } = row;
  return rest;
}

/** The time of the last new Current value: this sync's when the value is new, else what was kept. */
function currentChangedAt(row: OkrRow, previous: StoredRow | undefined, at: string): string | null {
  if (previous && previous.current === row.current) return previous.currentChangedAt ?? null;
  return row.current === null ? (previous?.currentChangedAt ?? null) : at;
}

/**
 * The (id, hash) pairs of a request, every full row's hash checked against its content first
 * (422 naming the sheet rows otherwise), so a sheet hash built from them can be trusted.
 */
export function verifiedHashes(incoming: readonly (SyncRow | RowStub)[]): { id: string; hash: string }[] {
  const mismatches: { id: string; row: number; sent: string; expected: string }[] = [];
  for (const item of incoming) {
    if (!isFullRow(item)) continue;
    const expected = rowHash(withoutHash(item));
    if (expected !== item.hash) mismatches.push({ id: item.id, row: item.row, sent: item.hash, expected });
  }
  if (mismatches.length > 0) {
    throw new ApiError(
      422,
      "hash_mismatch",
      `Row hash does not match row content for sheet row ${mismatches.map((m) => m.row).join(", ")}; compute it with rowHash() from shared/contract`,
      { rows: mismatches },
    );
  }
  return incoming.map((item) => ({ id: item.id, hash: item.hash }));
}

export interface PlanOptions {
  /** The full rows' hashes were already checked against their content (verifiedHashes): trust them. */
  hashesVerified?: boolean;
}

export function planSync(
  existing: readonly StoredRow[],
  incoming: readonly (SyncRow | RowStub)[],
  at: string,
  options: PlanOptions = {},
): SyncPlan {
  const stored = new Map(existing.map((row) => [row.id, row]));

  const seen = new Map<string, number>();
  const duplicates = new Set<string>();
  for (const row of incoming) {
    if (seen.has(row.id)) duplicates.add(row.id);
    seen.set(row.id, (seen.get(row.id) ?? 0) + 1);
  }
  if (duplicates.size > 0) {
    const ids = [...duplicates];
    const sheetRows = incoming
      .filter(isFullRow)
      .filter((row) => duplicates.has(row.id))
      .map((row) => row.row);
    throw new ApiError(
      422,
      "duplicate_row_id",
      `The ID ${ids.map((id) => `'${id}'`).join(", ")} is used by more than one row${sheetRows.length ? ` (sheet rows ${sheetRows.join(", ")})` : ""}; give each row its own ID`,
      { ids, rows: sheetRows },
    );
  }

  const unknownStubs: string[] = [];
  const hashMismatches: { id: string; row: number; sent: string; expected: string }[] = [];
  const rows: OkrRow[] = [];
  const writes: StoredRow[] = [];
  let unchanged = 0;

  for (const item of incoming) {
    const previous = stored.get(item.id);
    if (!isFullRow(item)) {
      if (!previous || previous.hash !== item.hash) {
        unknownStubs.push(item.id);
        continue;
      }
      rows.push(stripStored(previous));
      if (previous.deleted) writes.push({ ...previous, deleted: false, deletedAt: null });
      else unchanged += 1;
      continue;
    }
    const row = withoutHash(item);
    const hash = options.hashesVerified ? item.hash : rowHash(row);
    if (hash !== item.hash) {
      hashMismatches.push({ id: row.id, row: row.row, sent: item.hash, expected: hash });
      continue;
    }
    rows.push(row);
    if (previous && previous.hash === hash && !previous.deleted) unchanged += 1;
    else
      writes.push(
        withFields(row, {
          hash,
          deleted: false,
          deletedAt: null,
          revision: 0,
          currentChangedAt: currentChangedAt(row, previous, at),
        }),
      );
  }

  if (unknownStubs.length > 0) {
    throw new ApiError(
      422,
      "unknown_row_stub",
      `The server does not hold rows ${unknownStubs.map((id) => `'${id}'`).join(", ")} with the hash sent; send them as full rows`,
      { ids: unknownStubs },
    );
  }
  if (hashMismatches.length > 0) {
    throw new ApiError(
      422,
      "hash_mismatch",
      `Row hash does not match row content for sheet row ${hashMismatches.map((m) => m.row).join(", ")}; compute it with rowHash() from shared/contract`,
      { rows: hashMismatches },
    );
  }

  const present = new Set(incoming.map((row) => row.id));
  const deletions = existing
    .filter((row) => !row.deleted && !present.has(row.id))
    .map((row) => ({ ...row, deleted: true, deletedAt: at }));

  return { rows, writes, deletions, unchanged };
}
