// The add-on's sync as addon/sync.ts runs it, for in-process crash tests (sync-crash-safe, history-crash-safe).
import { conflictsOf, rebasePayload } from "../../addon/sync.js";
import { rowHash, type SyncRequest } from "../../shared/contract.js";
import type { OkrRow } from "../../shared/model.js";
import type { RowChange } from "../../shared/wire.js";
import type { caller } from "./client.js";
import { full, objective, okrRow, stub } from "./rows.js";

export function sheetOf(prefix: string, size: number, version = 0): OkrRow[] {
  const rows: OkrRow[] = [];
  for (let o = 0; rows.length < size; o++) {
    const id = `${prefix}-O${o}`;
    rows.push(objective(id, { row: rows.length + 2 }));
    for (let k = 1; k <= 4 && rows.length < size; k++)
      rows.push(
        okrRow(`${id}-KR${k}`, { objectiveId: id, row: rows.length + 2, current: (k * 7 + version) % 100 }),
      );
  }
  return rows;
}

/** The add-on's memory of the last sync it completed: the revision and each row's hash. */
export interface AddonState {
  revision: number;
  synced: Map<string, string>;
}

/**
 * One run of the add-on's sync, as addon/sync.ts does it: stubs for rows unchanged since the last sync, full
 * rows for the rest; on 409 stale_revision the re-base (conflictsOf, rebasePayload) on the server's revision;
 * on 422 unknown_row_stub every row in full. Returns the HTTP answer that ended it.
 */
export function addonSyncer(http: ReturnType<typeof caller>, admin: string) {
  return async (sheetId: string, rows: OkrRow[], state: AddonState, key: string) => {
    const hashes = new Map(rows.map((row) => [row.id, rowHash(row)]));
    const send = async (baseRevision: number, body: SyncRequest["rows"], idempotencyKey: string) => {
      const res = await http.sync(
        sheetId,
        admin,
        { baseRevision, name: sheetId, rows: body },
        {
          "Idempotency-Key": idempotencyKey,
        },
      );
      if (res.status === 422 && res.json.error.code === "unknown_row_stub")
        return http.sync(
          sheetId,
          admin,
          { baseRevision, name: sheetId, rows: rows.map(full) },
          {
            "Idempotency-Key": `${idempotencyKey}-full`,
          },
        );
      return res;
    };
    let res = await send(
      state.revision,
      rows.map((row) => (state.synced.get(row.id) === hashes.get(row.id) ? stub(row) : full(row))),
      key,
    );
    if (res.status === 409 && res.json.error.code === "stale_revision") {
      const details = res.json.error.details as { currentRevision: number; changed: RowChange[] };
      conflictsOf(details.changed, hashes);
      res = await send(
        details.currentRevision,
        rebasePayload(rows, hashes, state.synced, details.changed),
        `${key}-rebased`,
      );
    }
    if (res.status === 200) {
      state.revision = res.json.revision;
      state.synced = hashes;
    }
    return res;
  };
}
