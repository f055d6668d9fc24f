// Read side for leaders and the add-on: the catalog of alignable objectives, cycles, the rollup (JSON, in
// pages, and CSV), the KPI board. Thin: validate, authorise, ask the read model (api/read/).
import type { Context } from "hono";
import * as z from "zod";
import {
  type CatalogObjective,
  CatalogResponseSchema,
  CyclesResponseSchema,
  IsoDate,
  RollupListQuerySchema,
  RollupListResponseSchema,
  RollupQuerySchema,
  RollupResponseSchema,
} from "../../shared/contract.js";
import { KpiBoardQuerySchema, KpiBoardSchema } from "../../shared/kpi-board-contract.js";
import { objectiveRef } from "../../shared/rollup.js";
import { route } from "../../shared/wire.js";
import type { AppDeps } from "../app/config.js";
import { ApiError } from "../app/errors.js";
import { csvDownload, rollupCsv } from "../lib/csv.js";
import { CSV_QUERY, csvFormatOf } from "../lib/csv-query.js";
import { requireKey } from "../middleware/auth/index.js";
import {
  childrenPage,
  cyclesView,
  decodeCursor,
  derivedEntry,
  firstPage,
  kpiBoardView,
  listPage,
  rollupView,
  viewSession,
} from "../read/index.js";
import { createRoute, ERROR_RESPONSES, errorResponse, json, newRouter, SECURITY } from "./router.js";

/** The client takes a gzipped answer (Accept-Encoding names gzip, without q=0). */
const takesGzip = (accepted: string | undefined) =>
  accepted !== undefined && /(^|,)\s*(gzip|\*)\s*(,|;(?!\s*q=0(\.0*)?\s*(,|$))|$)/i.test(accepted);

/** A cached view's gzipped JSON sent as it is (the compress middleware leaves an encoded answer alone). */
const gzipJson = (c: Context, gzip: Uint8Array) =>
  c.body(gzip as Uint8Array<ArrayBuffer>, 200, {
    "Content-Type": "application/json",
    "Content-Encoding": "gzip",
    Vary: "Accept-Encoding",
  }) as never;

export function readRoutes(deps: AppDeps) {
  // OKRs are open to everyone in the organisation: a team lead's writer key reads the rollup and the catalog too
  // (writing stays bound to its one sheet, see check-ins.ts and sheets.ts).
  const anyKey = requireKey(deps.store, ["admin", "writer", "reader"]);

  const catalog = createRoute({
    ...route("GET /objectives"),
    summary: "The organisation's objectives one can align to (the add-on's 'Aligns to' list)",
    security: SECURITY,
    middleware: [anyKey] as const,
    request: { query: z.object({ cycle: z.string().max(200).optional() }) },
    responses: { 200: json("Objectives", CatalogResponseSchema), ...ERROR_RESPONSES },
  });
  const cycles = createRoute({
    ...route("GET /cycles"),
    summary: "Cycles in use across the organisation",
    security: SECURITY,
    middleware: [anyKey] as const,
    responses: { 200: json("Cycles", CyclesResponseSchema), ...ERROR_RESPONSES },
  });
  const rollup = createRoute({
    ...route("GET /rollup"),
    summary: "The consolidated rollup of one cycle across every sheet",
    security: SECURITY,
    middleware: [anyKey] as const,
    request: { query: RollupQuerySchema },
    responses: { 200: json("Rollup", RollupResponseSchema), ...ERROR_RESPONSES },
  });
  const rollupCsvRoute = createRoute({
    ...route("GET /rollup.csv"),
    summary: "The rollup as CSV (one line per objective; formula-like cells are quoted)",
    security: SECURITY,
    middleware: [anyKey] as const,
    request: {
      query: z.object({ cycle: z.string().min(1).max(200), asOf: IsoDate.optional(), ...CSV_QUERY }),
    },
    responses: {
      200: { description: "CSV", content: { "text/csv": { schema: z.string() } } },
      ...ERROR_RESPONSES,
    },
  });

  const rollupList = createRoute({
    method: "get",
    path: "/rollup/list",
    summary:
      "One list of the rollup (the tree's roots, an insight list, or one node's children) from an offset: the pages after the first",
    security: SECURITY,
    middleware: [anyKey] as const,
    request: { query: RollupListQuerySchema },
    responses: {
      200: json("A page of one list", RollupListResponseSchema),
      ...ERROR_RESPONSES,
      409: errorResponse(
        "stale_cursor: the cursor was made before the organisation's latest write; start again from GET /v1/rollup",
      ),
    },
  });
  const kpiBoard = createRoute({
    ...route("GET /kpis"),
    summary:
      "The KPI board of one cycle: each KPI beside its objective, its values and the last of its history",
    security: SECURITY,
    middleware: [anyKey] as const,
    request: { query: KpiBoardQuerySchema },
    responses: { 200: json("KPI board", KpiBoardSchema), ...ERROR_RESPONSES },
  });

  return newRouter()
    .openapi(kpiBoard, async (c) => {
      const { cycle, asOf } = c.req.valid("query");
      const board = await kpiBoardView(deps, c.get("auth").orgId, { cycle, ...(asOf ? { asOf } : {}) });
      return c.json(board, 200);
    })
    .openapi(catalog, async (c) => {
      const { cycle } = c.req.valid("query");
      // From the index of live objectives: the add-on asks after every sync, so this must not read every row.
      const linkable = await deps.store.listLinkableRows(c.get("auth").orgId, ["objective"]);
      // With their alignment, so a sheet's quality check sees which company objectives other teams support.
      const objectives: CatalogObjective[] = linkable
        .filter(({ row }) => cycle === undefined || row.cycle === cycle)
        .sort((a, b) => (a.sheetId < b.sheetId ? -1 : a.sheetId > b.sheetId ? 1 : a.row.row - b.row.row))
        .map((placed) => ({
          ...objectiveRef(placed),
          alignsTo: placed.row.alignsTo,
          contributesTo: placed.row.contributesTo,
        }));
      return c.json({ objectives }, 200);
    })
    .openapi(cycles, async (c) => {
      return c.json({ cycles: await cyclesView(deps, c.get("auth").orgId) }, 200);
    })
    .openapi(rollup, async (c) => {
      const { cycle, asOf, limit } = c.req.valid("query");
      const request = { cycle, ...(asOf ? { asOf } : {}) };
      // The first page is cached on its own: a warm request reads the read state and the page, and sends the
      // page's cached gzip as it is. (Its name and the list pages' are new since nodes' children are cut: a page
      // cached before, at the same revision, is not served.)
      const page = await derivedEntry(
        deps,
        c.get("auth").orgId,
        `rollup-first-page-${limit}`,
        request,
        (view, rev) => firstPage(view.rollup, limit, rev),
      );
      if (page.gzip && takesGzip(c.req.header("Accept-Encoding"))) return gzipJson(c, page.gzip);
      return c.json((await page.value()) as unknown as z.infer<typeof RollupResponseSchema>, 200);
    })
    .openapi(rollupList, async (c) => {
      const { cycle, asOf, list, offset, limit, cursor } = c.req.valid("query");
      const orgId = c.get("auth").orgId;
      const session = viewSession(deps, orgId);
      let from = offset;
      let parent = c.req.valid("query").parent;
      if (parent !== undefined && list !== "children")
        throw new ApiError(400, "bad_request", "parent= goes with list=children alone");
      if (cursor !== undefined) {
        const at = decodeCursor(cursor);
        if (!at || at.list !== list || (parent !== undefined && at.parent !== parent))
          throw new ApiError(
            400,
            "bad_request",
            `This cursor is not one of list '${list}'${parent !== undefined ? ` of parent '${parent}'` : ""}: pass a nextCursor as the API gave it, with its list`,
          );
        const { revision } = await session.state();
        if (at.revision !== revision)
          throw new ApiError(
            409,
            "stale_cursor",
            "The rollup changed after this cursor was made (a sync, a check-in or a settings change): read GET /v1/rollup again and page on from its first page",
            { cursorRevision: at.revision, currentRevision: revision },
          );
        from = at.offset;
        parent = at.parent;
      }
      // Each page is cached on its own: a warm page reads the read state and that page, not the whole rollup.
      const request = { cycle, ...(asOf ? { asOf } : {}) };
      if (list === "children") {
        if (parent === undefined)
          throw new ApiError(
            400,
            "bad_request",
            "list=children pages one objective's children: pass its node's nextCursor, or parent=<objective ID>",
          );
        const of = parent;
        const page = await derivedEntry(
          session,
          orgId,
          `rollup-children-${from}-${limit}-${of}`,
          request,
          (view, rev) => {
            // Thrown while deriving, so no page is cached for an objective the tree does not hold.
            const found = childrenPage(view.rollup, of, from, limit, rev);
            if (!found)
              throw new ApiError(404, "not_found", `No objective '${of}' in the rollup of cycle '${cycle}'`);
            return found;
          },
        );
        if (page.gzip && takesGzip(c.req.header("Accept-Encoding"))) return gzipJson(c, page.gzip);
        return c.json(await page.value(), 200);
      }
      const page = await derivedEntry(
        session,
        orgId,
        `rollup-list-page-${list}-${from}-${limit}`,
        request,
        (view, rev) => listPage(view.rollup, list, from, limit, rev),
      );
      if (page.gzip && takesGzip(c.req.header("Accept-Encoding"))) return gzipJson(c, page.gzip);
      return c.json(await page.value(), 200);
    })
    .openapi(rollupCsvRoute, async (c) => {
      const { cycle, asOf, language, separator } = c.req.valid("query");
      const { rollup: result } = await rollupView(deps, c.get("auth").orgId, {
        cycle,
        ...(asOf ? { asOf } : {}),
      });
      return csvDownload(c, `okr-rollup-${cycle}.csv`, rollupCsv(result, csvFormatOf(language, separator)));
    });
}
