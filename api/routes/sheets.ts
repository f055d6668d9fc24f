// Sheets: sync (the add-on's main call), read back, list, and restore a deleted row.

import type { MiddlewareHandler } from "hono";
import * as z from "zod";
import {
  ErrorSchema,
  RestoreResponseSchema,
  SheetResponseSchema,
  SyncRequestSchema,
  SyncResponseSchema,
} from "../../shared/contract.js";
import { route } from "../../shared/wire.js";
import type { AppDeps } from "../app/config.js";
import type { AppEnv } from "../app/context.js";
import { notFound } from "../app/errors.js";
import {
  assertMayReadSheet,
  assertMayWriteSheet,
  mayWriteSheet,
  requireKey,
} from "../middleware/auth/index.js";
import { idempotency, keepNoCopy } from "../middleware/idempotency/index.js";
import type { SheetMeta } from "../store/types.js";
import { restoreRow, syncSheet } from "../sync/service.js";
import { isUnchangedSheet, stubsContentHash, stubsOnlyRequest, unchangedAnswer } from "../sync/unchanged.js";
import { createRoute, ERROR_RESPONSES, json, jsonBody, newRouter, parsesAsJson, SECURITY } from "./router.js";

const SHEET_ID_LENGTH = 128;
const SheetParams = z.object({ sheetId: z.string().min(1).max(SHEET_ID_LENGTH) });
const RowParams = SheetParams.extend({ rowId: z.string().min(1).max(128) });
export function sheetRoutes(deps: AppDeps) {
  const writers = requireKey(deps.store, ["admin", "writer"]);
  const anyKey = requireKey(deps.store, ["admin", "writer", "reader"]);
  // Deferred: a sync reserves its key only once it knows it will write (an unchanged sheet writes nothing).
  const replay = idempotency(deps.store, deps.now, { leaseMs: deps.config.writeLeaseMs, deferred: true });

  // The sheet of a sync, read while the key's Idempotency-Key is looked up (two reads at once, not one after
  // the other): for the unchanged check below and for the sync that follows when the sheet did change.
  const sheetsRead = new WeakMap<Request, Promise<SheetMeta | null>>();
  const readSheet: MiddlewareHandler<AppEnv> = async (c, next) => {
    const sheetId = c.req.param("sheetId");
    const auth = c.get("auth");
    if (sheetId && sheetId.length <= SHEET_ID_LENGTH && mayWriteSheet(auth, sheetId)) {
      const sheet = deps.store.getSheet(auth.orgId, sheetId);
      // Awaited by whoever uses it; not used when a stored answer is replayed (nothing to report then).
      sheet.catch(() => {});
      sheetsRead.set(c.req.raw, sheet);
    }
    await next();
  };
  // After the key (and its Idempotency-Key's stored answer) is checked, before the schema: an unchanged sheet
  // sent as stubs is answered here. Only a request the route would answer the same way takes this path (key
  // allowed on the sheet, JSON the schema accepts as it is: api/sync/unchanged.ts); any other goes on.
  const unchanged: MiddlewareHandler<AppEnv> = async (c, next) => {
    const sheetRead = sheetsRead.get(c.req.raw);
    if (!sheetRead || !parsesAsJson(c.req.header("Content-Type"))) return next();
    const text = await c.req.text();
    // A full row has a type (a stub has none): such a body is not parsed here, only by the schema.
    if (text.includes('"type"')) return next();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return next();
    }
    const request = stubsOnlyRequest(body);
    if (!request) return next();
    const sheet = await sheetRead;
    if (!sheet || !isUnchangedSheet(sheet, request, stubsContentHash(request))) return next();
    // As the handler does for an unchanged sheet: no copy of the answer is kept for its Idempotency-Key.
    keepNoCopy(c);
    return c.json(unchangedAnswer(sheet.sheetId, sheet.revision, request.rows.length), 200);
  };

  const sync = createRoute({
    ...route("POST /sheets/{sheetId}/sync"),
    summary: "Sync a sheet's rows (send unchanged rows as {id, hash} stubs)",
    description:
      "Send every row of the sheet: changed ones in full (with hash = rowHash(row)), unchanged ones as {id, hash}. " +
      "Rows missing from the request are marked deleted (restorable). Send an Idempotency-Key to retry safely.",
    security: SECURITY,
    middleware: [writers, readSheet, replay, unchanged] as const,
    request: {
      params: SheetParams,
      headers: z.object({ "idempotency-key": z.string().optional() }),
      body: jsonBody(SyncRequestSchema),
    },
    responses: {
      200: json("Synced: the new revision, per-row problems and recomputed progress", SyncResponseSchema),
      409: json(
        "stale_revision: details list the rows changed since baseRevision; request_in_progress or " +
          "sync_in_progress: another request is writing (retry after Retry-After seconds)",
        ErrorSchema,
      ),
      413: json("Body too large", ErrorSchema),
      422: json("Unknown stubs, hash mismatches, duplicate IDs or a reused Idempotency-Key", ErrorSchema),
      ...ERROR_RESPONSES,
    },
  });

  const read = createRoute({
    ...route("GET /sheets/{sheetId}"),
    summary: "A sheet's rows as stored (deleted ones too, marked)",
    security: SECURITY,
    middleware: [anyKey] as const,
    request: { params: SheetParams },
    responses: { 200: json("The sheet", SheetResponseSchema), ...ERROR_RESPONSES },
  });

  const list = createRoute({
    ...route("GET /sheets"),
    summary: "The organisation's sheets and their revisions",
    security: SECURITY,
    middleware: [anyKey] as const,
    responses: {
      200: json(
        "Sheets",
        z.object({
          sheets: z.array(
            z.object({
              sheetId: z.string(),
              name: z.string(),
              revision: z.number(),
              updatedAt: z.string().nullable(),
            }),
          ),
        }),
      ),
      ...ERROR_RESPONSES,
    },
  });

  const restore = createRoute({
    ...route("POST /sheets/{sheetId}/rows/{rowId}/restore"),
    summary: "Restore a deleted row (bumps the sheet's revision)",
    security: SECURITY,
    middleware: [writers] as const,
    request: { params: RowParams },
    responses: {
      200: json("Restored", RestoreResponseSchema),
      409: json("The row is not deleted", ErrorSchema),
      ...ERROR_RESPONSES,
    },
  });

  return newRouter()
    .openapi(sync, async (c) => {
      const auth = c.get("auth");
      const { sheetId } = c.req.valid("param");
      assertMayWriteSheet(auth, sheetId);
      const key = c.get("idempotency");
      const sheetRead = sheetsRead.get(c.req.raw);
      const result = await syncSheet(deps, auth.orgId, sheetId, c.req.valid("json"), {
        ...(key ? { reserve: key.reserve, renew: key.renew } : {}),
        writer: `key:${auth.keyId}`,
        ...(sheetRead ? { sheet: await sheetRead } : {}),
      });
      // An unchanged sheet costs no writes, not even the Idempotency-Key's copy of the answer.
      if (result.unchangedSheet) keepNoCopy(c);
      return c.json(result, 200);
    })
    .openapi(read, async (c) => {
      const auth = c.get("auth");
      const { sheetId } = c.req.valid("param");
      assertMayReadSheet(auth, sheetId);
      const [sheet, rows] = await Promise.all([
        deps.store.getSheet(auth.orgId, sheetId),
        deps.store.getSheetRows(auth.orgId, sheetId),
      ]);
      if (!sheet) throw notFound(`Sheet '${sheetId}'`);
      const { sheetId: id, name, revision, updatedAt } = sheet;
      return c.json(
        { sheetId: id, name, revision, updatedAt, rows: rows.sort((a, b) => a.row - b.row) },
        200,
      );
    })
    .openapi(list, async (c) => {
      const auth = c.get("auth");
      const sheets = (await deps.store.listOrgSheets(auth.orgId))
        .map(({ sheet: { sheetId, name, revision, updatedAt } }) => ({ sheetId, name, revision, updatedAt }))
        .filter((sheet) => auth.role !== "writer" || sheet.sheetId === auth.sheetId);
      return c.json({ sheets }, 200);
    })
    .openapi(restore, async (c) => {
      const auth = c.get("auth");
      const { sheetId, rowId } = c.req.valid("param");
      assertMayWriteSheet(auth, sheetId);
      return c.json(await restoreRow(deps, auth.orgId, sheetId, rowId, `key:${auth.keyId}`), 200);
    });
}
