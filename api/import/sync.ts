// Sending parsed sheets through the API the add-on uses: GET /v1/sheets/{id} for the revision and the
// hashes the server holds, then POST /v1/sheets/{id}/sync with unchanged rows as {id, hash} stubs and the
// others in full. The same file imported again is then an unchanged sheet (nothing written); an edited one
// writes only its changed rows. No side door into the store: every write goes through the Hono app.
import { rowHash, type SyncRequest, type SyncResponse } from "../../shared/contract.js";
import type { Language, OkrRow, Problem } from "../../shared/model.js";

/** A request to the API: the Hono app in-process (app.request) or a server over HTTP. */
export type ApiCall = (path: string, init: RequestInit) => Promise<Response>;

export class ApiCallError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function callJson<T>(
  api: ApiCall,
  key: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<T> {
  const response = await api(path, {
    method,
    headers: {
      Authorization: `Bearer ${key}`,
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  if (!response.ok) {
    let code = "http_error";
    let message = `HTTP ${response.status}`;
    try {
      const parsed = JSON.parse(text) as { error?: { code?: string; message?: string } };
      code = parsed.error?.code ?? code;
      message = parsed.error?.message ?? message;
    } catch {
      // not the API's JSON error: keep the status
    }
    throw new ApiCallError(response.status, code, message);
  }
  return JSON.parse(text) as T;
}

export interface SheetToSync {
  sheetId: string;
  name: string;
  /** Language of the problem messages in the answer. */
  language: Language;
  rows: readonly OkrRow[];
}

/** What the server holds of a sheet: its revision and each live row's hash (nothing for a new sheet). */
async function serverState(api: ApiCall, key: string, sheetId: string) {
  try {
    const sheet = await callJson<{
      revision: number;
      rows: { id: string; hash: string; deleted: boolean }[];
    }>(api, key, "GET", `/v1/sheets/${encodeURIComponent(sheetId)}`);
    const hashes = new Map(sheet.rows.filter((row) => !row.deleted).map((row) => [row.id, row.hash]));
    return { revision: sheet.revision, hashes };
  } catch (error) {
    if (error instanceof ApiCallError && error.status === 404)
      return { revision: 0, hashes: new Map<string, string>() };
    throw error;
  }
}

/**
 * Syncs one sheet: stubs for the rows the server holds unchanged, full rows for the rest. When another
 * writer moved the sheet on between the read and the write (409), reads again and retries once.
 */
export async function syncSheetRows(api: ApiCall, key: string, sheet: SheetToSync): Promise<SyncResponse> {
  const path = `/v1/sheets/${encodeURIComponent(sheet.sheetId)}/sync`;
  const send = async () => {
    const { revision, hashes } = await serverState(api, key, sheet.sheetId);
    const request: SyncRequest = {
      baseRevision: revision,
      name: sheet.name,
      language: sheet.language,
      rows: sheet.rows.map((row) => {
        const hash = rowHash(row);
        return hashes.get(row.id) === hash ? { id: row.id, hash } : { ...row, hash };
      }),
    };
    return callJson<SyncResponse>(api, key, "POST", path, request);
  };
  try {
    return await send();
  } catch (error) {
    if (error instanceof ApiCallError && error.status === 409) return send();
    throw error;
  }
}

/**
 * The order to sync sheets in: a sheet whose rows link to another imported sheet's IDs goes after it, so
 * the server, which checks links against the organisation's other sheets, knows them (cycles: file order).
 */
export function syncOrder<T extends { rows: readonly OkrRow[] }>(sheets: readonly T[]): T[] {
  const owner = new Map<string, number>();
  sheets.forEach((sheet, index) => {
    for (const row of sheet.rows) if (!owner.has(row.id)) owner.set(row.id, index);
  });
  const needs = sheets.map((sheet, index) => {
    const targets = new Set<number>();
    for (const row of sheet.rows)
      for (const id of [row.objectiveId, row.alignsTo, ...row.contributesTo]) {
        const at = id === null ? undefined : owner.get(id);
        if (at !== undefined && at !== index) targets.add(at);
      }
    return targets;
  });
  const order: T[] = [];
  const state = new Array<"new" | "visiting" | "done">(sheets.length).fill("new");
  const visit = (index: number) => {
    if (state[index] !== "new") return;
    state[index] = "visiting";
    for (const target of needs[index]!) visit(target);
    state[index] = "done";
    order.push(sheets[index]!);
  };
  for (let index = 0; index < sheets.length; index++) visit(index);
  return order;
}

/**
 * The sheet's problems: the server's (it checked the rows knowing the whole organisation), then the local
 * parser's that the server did not report. A local "unknown objective" is left out: the server's word on
 * links stands (a KPI may sit beside another team's key result).
 */
export function mergeProblems(local: readonly Problem[], server: readonly Problem[]): Problem[] {
  const key = (p: Problem) => `${p.code}|${p.row}|${p.column}`;
  const reported = new Set(server.map(key));
  const merged = [...server, ...local.filter((p) => p.code !== "unknown_objective" && !reported.has(key(p)))];
  return merged.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
}
