// Per-sheet-and-cycle summaries: written by every write that changes a sheet's rows, after those rows are
// stored and before the revision is committed (so a committed revision always has its summary), and read by
// the leaders' views instead of every row. A summary is believed only when it is of the sheet's committed
// revision; a sheet pending (a sync under way, or one that died) or summarised at another revision is read
// from its rows instead, and its summary written again once its revision is committed.
import type { OkrRow, SheetRows } from "../../shared/model.js";
import { withFields } from "../../shared/with-fields.js";
import type { ReadState, SheetState, SheetSummary, Store, StoredRow, SummaryRow } from "../store/types.js";
import { bySheetId, bySheetRow } from "./live-rows.js";

/** The summary of a sheet's stored rows (deleted ones left out) at `revision`. */
export function summarize(
  sheetId: string,
  name: string,
  revision: number,
  rows: Iterable<StoredRow>,
): SheetSummary {
  const live: SummaryRow[] = [];
  for (const row of rows) {
    if (row.deleted) continue;
    const {
      hash: _hash,
      deleted: _deleted,
      deletedAt: _deletedAt,
      revision: _revision,
      currentChangedAt,
      notes: _notes,
      // who wrote the row when: the history's (api/history/), not what a view shows
      writtenAt: _writtenAt,
      writtenBy: _writtenBy,
      ...kept
    } = row;
    live.push(withFields(kept, { changedAt: row.type === "objective" ? null : (currentChangedAt ?? null) }));
  }
  live.sort(bySheetRow);
  const cycles = new Map<string, SummaryRow[]>();
  for (const row of live) {
    const list = cycles.get(row.cycle);
    if (list) list.push(row);
    else cycles.set(row.cycle, [row]);
  }
  return { sheetId, name, revision, cycles };
}

/** The rows the store holds once `changes` (new, changed, deleted-marked, restored rows) are written. */
export function rowsAfter(existing: readonly StoredRow[], changes: readonly StoredRow[]): StoredRow[] {
  const byId = new Map(existing.map((row) => [row.id, row]));
  for (const row of changes) byId.set(row.id, row);
  return [...byId.values()];
}

/**
 * A summary's row as the engine takes it: its fields in the summary's order, without changedAt, with empty notes
 * last. Built key by key (a rest and a spread adding notes cost 10–20 µs per row: 10,000 per cold view).
 */
function rowOfSummary(summary: SummaryRow): OkrRow {
  const row: Omit<OkrRow, "notes"> & Partial<OkrRow> = {
    id: summary.id,
    type: summary.type,
    title: summary.title,
    objectiveId: summary.objectiveId,
    alignsTo: summary.alignsTo,
    contributesTo: summary.contributesTo,
    level: summary.level,
    team: summary.team,
    owner: summary.owner,
    cycle: summary.cycle,
    start: summary.start,
    target: summary.target,
    current: summary.current,
    unit: summary.unit,
    krType: summary.krType,
    weight: summary.weight,
    confidence: summary.confidence,
    kpiKind: summary.kpiKind,
    row: summary.row,
  };
  if (summary.threshold !== undefined) row.threshold = summary.threshold;
  if (summary.ownerStatus !== undefined) row.ownerStatus = summary.ownerStatus;
  row.notes = "";
  return row as OkrRow;
}

/** The sheet as the engine takes it, from its summary (notes are not summarised: they are left empty). */
export function sheetOfSummary(summary: SheetSummary): SheetRows {
  const rows: OkrRow[] = [];
  for (const list of summary.cycles.values())
    for (const summaryRow of list) rows.push(rowOfSummary(summaryRow));
  rows.sort(bySheetRow);
  return { sheetId: summary.sheetId, name: summary.name, rows };
}

/**
 * Writes a summary for every sheet that has none (sheets synced before summaries were kept) and copies the
 * check-in times, once per organisation: its first view afterwards reads summaries only.
 */
export async function backfillSummaries(store: Store, orgId: string): Promise<void> {
  const [sheets, lastCheckIns] = await Promise.all([store.listOrgSheets(orgId), store.lastCheckIns(orgId)]);
  for (const { sheet, rows } of sheets) {
    // A pending sheet writes its own summary when its revision is committed.
    if (sheet.rowsPending === null && sheet.revision > 0)
      await store.putSheetSummary(orgId, summarize(sheet.sheetId, sheet.name, sheet.revision, rows));
  }
  for (const [krId, at] of lastCheckIns) await store.recordCheckInTime(orgId, null, krId, at);
  await store.markBackfilled(orgId);
}

export interface OrgSnapshot {
  /** Every sheet's live rows, in the order the engine takes them (as liveRows gives them). */
  sheets: SheetRows[];
  /** Per key result (and KPI): its latest check-in or synced new value, whichever is later. */
  lastUpdates: Map<string, string>;
  /** Per live key result (and KPI): the time of its last new synced Current, or null. */
  changedAt: Map<string, string | null>;
  /**
   * No sheet was pending (a sync writing, or one that died): a view of this snapshot may be cached until the
   * next write. While one is, its rows may change without a new read revision, so views are computed afresh.
   */
  settled: boolean;
}

/**
 * The organisation as its summaries have it, read at the read state `state` (read before, consistent). A sheet
 * is checked against its committed revision only when marked pending there (a claim since a view last found it
 * committed: a sync under way, or one that died) or when its summary is incomplete; every other summary is its
 * rows', as no row changes before its sheet is marked. Those found committed are unmarked.
 */
export async function readSnapshot(store: Store, orgId: string, state: ReadState): Promise<OrgSnapshot> {
  const stored = await store.readSummaries(orgId);
  const heads = new Map<string, number>();
  for (const summary of stored.summaries) heads.set(summary.sheetId, summary.revision);
  for (const { sheetId, revision } of stored.incomplete) heads.set(sheetId, revision);
  const incomplete = new Set(stored.incomplete.map(({ sheetId }) => sheetId));
  // Null: marks not kept yet for this organisation (its READ is older than them): every sheet is checked.
  const checked =
    state.pendingSheets === null ? [...heads.keys()] : [...new Set([...state.pendingSheets, ...incomplete])];
  const states = checked.length > 0 ? await store.sheetStates(orgId, checked) : new Map<string, SheetState>();
  const isChecked = new Set(checked);
  const trusted = stored.summaries.filter((summary) => {
    if (!isChecked.has(summary.sheetId)) return true;
    const sheet = states.get(summary.sheetId);
    return sheet !== undefined && !sheet.pending && sheet.revision === summary.revision;
  });
  const settled = checked.every((sheetId) => !states.get(sheetId)?.pending);
  const trustedIds = new Set(trusted.map((summary) => summary.sheetId));
  // The rest are read from their rows (consistent), and summarised again when committed. A marked sheet with
  // no summary yet (its first sync died after its rows) is among them, when it exists.
  const fromRows = (
    await Promise.all(
      checked
        .filter((sheetId) => !trustedIds.has(sheetId) && (heads.has(sheetId) || states.has(sheetId)))
        .map(async (sheetId) => {
          const [meta, rows] = await Promise.all([
            store.getSheet(orgId, sheetId),
            store.getSheetRows(orgId, sheetId),
          ]);
          if (!meta) return null;
          const summary = summarize(sheetId, meta.name, meta.revision, rows);
          if (meta.rowsPending === null) await store.putSheetSummary(orgId, summary);
          return summary;
        }),
    )
  ).filter((summary): summary is SheetSummary => summary !== null);
  // Marks of sheets found committed (and now summarised at it) go; a claim since keeps them (revision check).
  const committed = checked.filter((sheetId) => !states.get(sheetId)?.pending);
  if (state.pendingSheets === null ? settled : committed.length > 0)
    await store.settleSheets(orgId, state.revision, committed);
  const summaries = [...trusted, ...fromRows].sort(bySheetId);
  const lastUpdates = stored.checkIns;
  const changedAt = new Map<string, string | null>();
  for (const summary of summaries)
    for (const rows of summary.cycles.values())
      for (const row of rows) {
        changedAt.set(row.id, row.changedAt);
        if (!row.changedAt || row.type === "objective") continue;
        const checkedIn = lastUpdates.get(row.id);
        if (!checkedIn || checkedIn < row.changedAt) lastUpdates.set(row.id, row.changedAt);
      }
  return { sheets: summaries.map(sheetOfSummary), lastUpdates, changedAt, settled };
}
