// Type-level proof that the API's zod schemas (contract.ts) and the zod-free wire types (wire.ts) the add-on is
// typed from describe the same thing: for every wire type, what a schema accepts (input) and what it gives
// (output) equal the type. Checked by `npm run typecheck` (tsc reads this file); vitest runs the few value checks.
import { describe, expectTypeOf, it } from "vitest";
import type { z } from "zod";
import type * as contract from "./contract.js";
import type * as cycleContract from "./cycle-contract.js";
import type * as kpiBoard from "./kpi-board-contract.js";
import type { OKR_ROW_FIELDS, OkrRow, Problem, Rollup, RollupInsights, RollupNode } from "./model.js";
import type * as wire from "./wire.js";
import { ERROR_CODES, route, staleRevisionDetails } from "./wire.js";

type Out<S extends z.ZodType> = z.output<S>;
type In<S extends z.ZodType> = z.input<S>;

describe("schema = model, for every wire type", () => {
  it("rows and problems", () => {
    expectTypeOf<Out<typeof contract.OkrRowSchema>>().toEqualTypeOf<OkrRow>();
    expectTypeOf<In<typeof contract.OkrRowSchema>>().toEqualTypeOf<OkrRow>();
    expectTypeOf<Out<typeof contract.SyncRowSchema>>().toEqualTypeOf<wire.SyncRow>();
    expectTypeOf<Out<typeof contract.RowStubSchema>>().toEqualTypeOf<wire.RowStub>();
    expectTypeOf<Out<typeof contract.StoredRowSchema>>().toEqualTypeOf<wire.StoredRowWire>();
    expectTypeOf<Out<typeof contract.ProblemSchema>>().toEqualTypeOf<Problem>();
    expectTypeOf<Out<typeof contract.ErrorSchema>>().toEqualTypeOf<wire.ErrorBody>();
  });

  it("sync", () => {
    expectTypeOf<In<typeof contract.SyncRequestSchema>>().toEqualTypeOf<wire.SyncRequest>();
    expectTypeOf<Out<typeof contract.SyncRequestSchema>>().toEqualTypeOf<
      contract.WithDefaults<wire.SyncRequest, "name" | "language">
    >();
    expectTypeOf<Out<typeof contract.ComputedRowSchema>>().toEqualTypeOf<wire.ComputedRow>();
    expectTypeOf<Out<typeof contract.SyncResponseSchema>>().toEqualTypeOf<wire.SyncResponse>();
    expectTypeOf<Out<typeof contract.RowChangeSchema>>().toEqualTypeOf<wire.RowChange>();
    expectTypeOf<
      Out<typeof contract.StaleRevisionDetailsSchema>
    >().toEqualTypeOf<wire.StaleRevisionDetails>();
    expectTypeOf<Out<typeof contract.SheetResponseSchema>>().toEqualTypeOf<wire.SheetResponse>();
    expectTypeOf<Out<typeof contract.RestoreResponseSchema>>().toEqualTypeOf<wire.RestoreResponse>();
  });

  it("the KPI board", () => {
    expectTypeOf<In<typeof kpiBoard.KpiBoardQuerySchema>>().toEqualTypeOf<wire.KpiBoardQuery>();
    expectTypeOf<Out<typeof kpiBoard.KpiBoardEntrySchema>>().toEqualTypeOf<wire.KpiBoardEntry>();
    expectTypeOf<Out<typeof kpiBoard.KpiBoardSchema>>().toEqualTypeOf<wire.KpiBoard>();
    expectTypeOf<wire.ApiRoutes["GET /kpis"]["response"]>().toEqualTypeOf<
      Out<typeof kpiBoard.KpiBoardSchema>
    >();
  });

  it("catalog, cycles and the rollup", () => {
    expectTypeOf<Out<typeof contract.ObjectiveRefSchema>>().toEqualTypeOf<wire.ObjectiveRef>();
    expectTypeOf<Out<typeof contract.CatalogResponseSchema>>().toEqualTypeOf<wire.CatalogResponse>();
    expectTypeOf<Out<typeof contract.CyclesResponseSchema>>().toEqualTypeOf<wire.CyclesResponse>();
    expectTypeOf<In<typeof contract.RollupQuerySchema>>().toEqualTypeOf<wire.RollupQuery>();
    expectTypeOf<Out<typeof contract.RollupNodeSchema>>().toEqualTypeOf<RollupNode>();
    expectTypeOf<Out<typeof contract.RollupInsightsSchema>>().toEqualTypeOf<RollupInsights>();
    expectTypeOf<Out<typeof contract.RollupResponseSchema>>().toEqualTypeOf<Rollup>();
    expectTypeOf<wire.ApiRoutes["GET /rollup"]["response"]>().toEqualTypeOf<
      Out<typeof contract.RollupResponseSchema>
    >();
  });

  it("check-ins, keys and health", () => {
    expectTypeOf<In<typeof contract.CheckInRequestSchema>>().toEqualTypeOf<wire.CheckInRequest>();
    expectTypeOf<Out<typeof contract.CheckInRequestSchema>>().toEqualTypeOf<
      contract.WithDefaults<wire.CheckInRequest, "confidence" | "note">
    >();
    expectTypeOf<Out<typeof contract.CheckInSchema>>().toEqualTypeOf<wire.CheckInWire>();
    expectTypeOf<Out<typeof contract.CheckInListSchema>>().toEqualTypeOf<wire.CheckInList>();
    expectTypeOf<In<typeof contract.CheckInBatchItemSchema>>().toEqualTypeOf<wire.CheckInBatchItem>();
    expectTypeOf<Out<typeof contract.CheckInBatchItemSchema>>().toEqualTypeOf<
      contract.WithDefaults<wire.CheckInBatchItem, "confidence" | "note">
    >();
    expectTypeOf<In<typeof contract.CheckInBatchRequestSchema>>().toEqualTypeOf<wire.CheckInBatchRequest>();
    expectTypeOf<Out<typeof contract.CheckInBatchRequestSchema>>().toEqualTypeOf<{
      checkIns: contract.WithDefaults<wire.CheckInBatchItem, "confidence" | "note">[];
    }>();
    expectTypeOf<In<typeof contract.CreateKeyRequestSchema>>().toEqualTypeOf<wire.CreateKeyRequest>();
    expectTypeOf<Out<typeof contract.ApiKeyInfoSchema>>().toEqualTypeOf<wire.ApiKeyInfo>();
    expectTypeOf<Out<typeof contract.ApiKeyCreatedSchema>>().toEqualTypeOf<wire.ApiKeyCreated>();
    expectTypeOf<Out<typeof contract.ApiKeyListSchema>>().toEqualTypeOf<wire.ApiKeyList>();
    expectTypeOf<Out<typeof contract.HealthSchema>>().toEqualTypeOf<wire.Health>();
    expectTypeOf<Out<typeof contract.ReadySchema>>().toEqualTypeOf<wire.Ready>();
  });

  it("closing a cycle", () => {
    expectTypeOf<In<typeof cycleContract.CloseCycleRequestSchema>>().toEqualTypeOf<wire.CloseCycleRequest>();
    expectTypeOf<
      Out<typeof cycleContract.CloseCycleResponseSchema>
    >().toEqualTypeOf<wire.CloseCycleResponse>();
  });

  it("the routes' answers are the schemas' types", () => {
    expectTypeOf<wire.ApiRoutes["POST /sheets/{sheetId}/sync"]["body"]>().toEqualTypeOf<
      In<typeof contract.SyncRequestSchema>
    >();
    expectTypeOf<wire.ApiRoutes["POST /sheets/{sheetId}/sync"]["response"]>().toEqualTypeOf<
      Out<typeof contract.SyncResponseSchema>
    >();
    expectTypeOf<wire.ApiRoutes["GET /sheets/{sheetId}"]["response"]>().toEqualTypeOf<
      Out<typeof contract.SheetResponseSchema>
    >();
    expectTypeOf<wire.ApiRoutes["GET /objectives"]["response"]>().toEqualTypeOf<
      Out<typeof contract.CatalogResponseSchema>
    >();
    expectTypeOf<
      wire.ApiRoutes["POST /sheets/{sheetId}/key-results/{krId}/check-ins"]["body"]
    >().toEqualTypeOf<In<typeof contract.CheckInRequestSchema>>();
    expectTypeOf<wire.ApiRoutes["POST /sheets/{sheetId}/check-ins"]["body"]>().toEqualTypeOf<
      In<typeof contract.CheckInBatchRequestSchema>
    >();
    expectTypeOf<wire.ApiRoutes["POST /sheets/{sheetId}/check-ins"]["response"]>().toEqualTypeOf<
      Out<typeof contract.CheckInListSchema>
    >();
  });
});

describe("the row field list", () => {
  it("names every field of OkrRow, and only those", () => {
    expectTypeOf<(typeof OKR_ROW_FIELDS)[number]>().toEqualTypeOf<keyof OkrRow>();
    expectTypeOf<keyof Out<typeof contract.OkrRowSchema>>().toEqualTypeOf<keyof OkrRow>();
  });
});

describe("wire.ts at run time", () => {
  it("splits a route name into the method and path the server registers", () => {
    const sync = route("POST /sheets/{sheetId}/sync");
    expectTypeOf(sync).toEqualTypeOf<{ method: "post"; path: "/sheets/{sheetId}/sync" }>();
    if (sync.method !== "post" || sync.path !== "/sheets/{sheetId}/sync")
      throw new Error(JSON.stringify(sync));
  });

  it("reads stale_revision details only when they are what the contract says", () => {
    const details = {
      sheetId: "s",
      baseRevision: 1,
      currentRevision: 3,
      changed: [{ id: "a", hash: "h", deleted: false, revision: 2 }],
    };
    if (JSON.stringify(staleRevisionDetails(details)) !== JSON.stringify(details)) throw new Error("kept");
    for (const bad of [null, "x", { ...details, currentRevision: "3" }, { ...details, changed: [{ id: 1 }] }])
      if (staleRevisionDetails(bad) !== null) throw new Error(`accepted ${JSON.stringify(bad)}`);
  });

  it("lists each error code once", () => {
    if (new Set(ERROR_CODES).size !== ERROR_CODES.length) throw new Error("an error code twice");
  });
});
