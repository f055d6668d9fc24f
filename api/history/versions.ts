// What a sync keeps of the rows it replaces: the version each held. A sync claims its revision before it reads
// nothing more, so the rows it read are what the store holds while it writes; the versions are kept before the
// rows are written (one batch write more per 25 rows replaced), and only versions rows really held are kept.
import type { StoredRow } from "../store/types.js";

/** The stored versions of the rows a write is about to replace (new rows have none). */
export function previousVersions(
  existing: readonly StoredRow[],
  changes: readonly { id: string }[],
): StoredRow[] {
  const byId = new Map(existing.map((row) => [row.id, row]));
  const versions: StoredRow[] = [];
  for (const change of changes) {
    const previous = byId.get(change.id);
    if (previous) versions.push(previous);
  }
  return versions;
}

/** When and by whom a version is written. */
export function versionStamp(
  now: Date,
  writer: string | undefined,
): Pick<StoredRow, "writtenAt" | "writtenBy"> {
  return { writtenAt: now.toISOString(), ...(writer ? { writtenBy: writer } : {}) };
}
