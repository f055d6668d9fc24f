// POST /v1/sheets/{sheetId}/check-ins: an owner's weekly check-in of several key results and KPIs (or an import of
// past ones) in one request, recorded all or none, under the single route's rules and with an Idempotency-Key.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CheckInBatchItem } from "../../shared/wire.js";
import { createOrg, startTestApp } from "../support/api-server.js";
import { caller } from "./client.js";
import { full, objective, okrRow } from "./rows.js";

const NOW = new Date("2026-11-15T12:00:00Z");
let api: Awaited<ReturnType<typeof startTestApp>>;
let http: ReturnType<typeof caller>;
let admin: string;
let writer: string;
let otherWriter: string;
let reader: string;
let orgId: string;

beforeAll(async () => {
  api = await startTestApp({ now: () => NOW });
  http = caller((request) => api.app.fetch(request));
  ({ adminKey: admin, orgId } = await createOrg(api.store, "Batch AB", NOW));
  writer = await http.createKey(admin, { role: "writer", sheetId: "b" });
  otherWriter = await http.createKey(admin, { role: "writer", sheetId: "other" });
  reader = await http.createKey(admin, { role: "reader" });
  const rows = [
    objective("B-O", { row: 2 }),
    okrRow("B-KR1", { objectiveId: "B-O", row: 3, target: 2000 }),
    okrRow("B-KR2", { objectiveId: "B-O", row: 4, krType: "percent", start: 0, target: 1 }),
    okrRow("B-KR3", { objectiveId: "B-O", row: 5, krType: "binary", start: 0, target: 1, current: 0 }),
    okrRow("B-KPI", { type: "kpi", objectiveId: null, row: 6, kpiKind: "lagging", target: 95 }),
  ];
  expect((await http.sync("b", writer, { baseRevision: 0, rows: rows.map(full) })).status).toBe(200);
  const other = [objective("OT-O", { row: 2 }), okrRow("OT-KR1", { objectiveId: "OT-O", row: 3 })];
  expect((await http.sync("other", otherWriter, { baseRevision: 0, rows: other.map(full) })).status).toBe(
    200,
  );
});
afterAll(() => api?.close());

const post = (key: string, checkIns: unknown[], headers?: Record<string, string>, sheetId = "b") =>
  http.post(`/v1/sheets/${sheetId}/check-ins`, key, { checkIns }, headers);
const history = async (krId: string) =>
  (await http.get(`/v1/key-results/${krId}/check-ins`, admin)).json.checkIns as { value: number }[];

describe("a batch of check-ins", () => {
  it("records the week's check-ins of several key results and a KPI at once, read as the single route reads them", async () => {
    const week: CheckInBatchItem[] = [
      {
        krId: "B-KR1",
        value: "1 234,5",
        confidence: "70 %",
        note: "Bra vecka.",
        author: "Åsa",
        at: "2026-11-09T08:00:00+01:00",
      },
      { krId: "B-KR2", value: "65 %", author: "Åsa", at: "2026-11-09T07:10:00Z" },
      { krId: "B-KR3", value: "ja", confidence: 8, author: "Åsa" },
      { krId: "B-KPI", value: 91, author: "Åsa", at: "2026-11-09T07:20:00Z" },
      { krId: "B-KR1", value: 1300, author: "Åsa", at: "2026-11-12T09:00:00Z" },
    ];
    const res = await post(writer, week);
    expect(res.status, res.text).toBe(201);
    expect(res.json.checkIns).toEqual([
      {
        krId: "B-KR1",
        objectiveId: "B-O",
        sheetId: "b",
        value: 1234.5,
        confidence: 0.7,
        note: "Bra vecka.",
        author: "Åsa",
        at: "2026-11-09T07:00:00.000Z",
      },
      {
        krId: "B-KR2",
        objectiveId: "B-O",
        sheetId: "b",
        value: 0.65,
        confidence: null,
        note: "",
        author: "Åsa",
        at: "2026-11-09T07:10:00.000Z",
      },
      // no time: the server's clock
      {
        krId: "B-KR3",
        objectiveId: "B-O",
        sheetId: "b",
        value: 1,
        confidence: 0.8,
        note: "",
        author: "Åsa",
        at: NOW.toISOString(),
      },
      {
        krId: "B-KPI",
        objectiveId: null,
        sheetId: "b",
        value: 91,
        confidence: null,
        note: "",
        author: "Åsa",
        at: "2026-11-09T07:20:00.000Z",
      },
      {
        krId: "B-KR1",
        objectiveId: "B-O",
        sheetId: "b",
        value: 1300,
        confidence: null,
        note: "",
        author: "Åsa",
        at: "2026-11-12T09:00:00.000Z",
      },
    ]);
    // the same check-in through the single route answers the same record
    const single = await http.post("/v1/sheets/b/key-results/B-KR2/check-ins", writer, week[1]);
    expect(single.json).toEqual(res.json.checkIns[1]);

    expect((await history("B-KR1")).map((c) => c.value)).toEqual([1234.5, 1300]);
    expect((await history("B-KPI")).map((c) => c.value)).toEqual([91]);
    const perObjective = await http.get("/v1/objectives/B-O/check-ins", reader);
    expect(perObjective.json.checkIns).toHaveLength(5);
    const last = await api.store.lastCheckIns(orgId);
    expect(last.get("B-KR1"), "the latest of the batch per key result").toBe("2026-11-12T09:00:00.000Z");
  });

  it("takes a writer key only for its own sheet (and admins); readers and other sheets' writers are refused", async () => {
    const item = { krId: "B-KR1", value: 5, author: "Ada", at: "2026-11-10T10:00:00Z" };
    const wrongSheet = await post(otherWriter, [item]);
    expect([wrongSheet.status, wrongSheet.json.error.code]).toEqual([403, "sheet_not_allowed"]);
    expect((await post(reader, [item])).status).toBe(403);
    expect((await http.post("/v1/sheets/b/check-ins", null, { checkIns: [item] })).status).toBe(401);
    expect((await post(admin, [item])).status).toBe(201);
  });

  it("names every bad item by its index and field, and records none of the batch", async () => {
    const before = (await history("B-KR1")).length;
    const res = await post(writer, [
      { krId: "B-KR1", value: 7, author: "Ada", at: "2026-11-10T10:00:00Z" },
      { krId: "B-KR1", value: "lots", author: "Ada" },
      { krId: "B-NOPE", value: 1, author: "Ada" },
      { krId: "B-O", value: 1, author: "Ada" },
      { krId: "OT-KR1", value: 1, author: "Ada" },
      { krId: "B-KR2", value: 0.5, confidence: "very", author: "Ada" },
      { krId: "B-KR1", value: 8, author: "Ada", at: "9999-12-31T23:59:59Z" },
      { krId: "B-KR1", value: 9, author: "Ada", at: "1999-01-01T00:00:00Z" },
    ]);
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("invalid_request");
    expect(res.json.error.message).toBe(
      "Invalid request body: checkIns[1].value (key result 'B-KR1'): 'lots' is not a number for this key result (and 6 more); nothing was recorded",
    );
    const issues = res.json.error.details.issues as {
      path: string;
      index: number;
      krId: string;
      message: string;
    }[];
    expect(issues.map(({ path, index, krId }) => ({ path, index, krId }))).toEqual([
      { path: "checkIns[1].value", index: 1, krId: "B-KR1" },
      { path: "checkIns[2].krId", index: 2, krId: "B-NOPE" },
      { path: "checkIns[3].krId", index: 3, krId: "B-O" },
      { path: "checkIns[4].krId", index: 4, krId: "OT-KR1" },
      { path: "checkIns[5].confidence", index: 5, krId: "B-KR2" },
      { path: "checkIns[6].at", index: 6, krId: "B-KR1" },
      { path: "checkIns[7].at", index: 7, krId: "B-KR1" },
    ]);
    expect(issues[1]!.message).toBe(
      "key result or KPI 'B-NOPE' was not found in sheet 'b'; sync the sheet first",
    );
    expect(issues[4]!.message).toContain("not a confidence");
    expect(issues[5]!.message).toContain("later than now");
    expect(issues[6]!.message).toContain("before 2000");
    expect((await history("B-KR1")).length, "nothing of the batch was recorded").toBe(before);
  });

  it("refuses a batch the contract does not allow, naming the item: a missing field, none, or more than 100", async () => {
    const missing = await post(writer, [
      { krId: "B-KR1", value: 1, author: "Ada" },
      { krId: "B-KR1", value: 2 },
    ]);
    expect(missing.status).toBe(400);
    expect(missing.json.error.message).toContain("checkIns[1].author");
    const none = await post(writer, []);
    expect(none.status).toBe(400);
    expect(none.json.error.message).toContain("checkIns");
    const many = Array.from({ length: 101 }, (_, i) => ({ krId: "B-KR1", value: i, author: "Ada" }));
    const tooMany = await post(writer, many);
    expect(tooMany.status).toBe(400);
    expect(tooMany.json.error.message).toContain("checkIns");
    expect((await post(writer, many.slice(0, 100))).status).toBe(201);
  });

  it("is declared in the OpenAPI document: its body of at most 100 check-ins and its 201 answer", async () => {
    const doc = (await http.get("/v1/openapi.json", null)).json;
    const operation = doc.paths["/v1/sheets/{sheetId}/check-ins"].post;
    expect(operation.requestBody.content["application/json"].schema.$ref).toBe(
      "#/components/schemas/CheckInBatchRequest",
    );
    expect(operation.responses["201"].content["application/json"].schema.$ref).toBe(
      "#/components/schemas/CheckInList",
    );
    const items = doc.components.schemas.CheckInBatchRequest.properties.checkIns;
    expect([items.minItems, items.maxItems]).toEqual([1, 100]);
    expect(doc.components.schemas.CheckInBatchItem.required).toEqual(
      expect.arrayContaining(["krId", "value", "author"]),
    );
  });

  it("is idempotent with an Idempotency-Key: the retry gets the same answer and records nothing twice", async () => {
    const batch = [
      { krId: "B-KR2", value: 0.4, author: "Ada", at: "2026-11-11T10:00:00Z" },
      { krId: "B-KPI", value: 93, author: "Ada" },
    ];
    const before = (await history("B-KPI")).length;
    const first = await post(writer, batch, { "Idempotency-Key": "week-46" });
    expect(first.status).toBe(201);
    const again = await post(writer, batch, { "Idempotency-Key": "week-46" });
    expect(again.status).toBe(201);
    expect(again.headers.get("Idempotency-Replayed")).toBe("true");
    expect(again.json).toEqual(first.json);
    expect((await history("B-KPI")).length).toBe(before + 1);
    const reused = await post(writer, batch.slice(0, 1), { "Idempotency-Key": "week-46" });
    expect([reused.status, reused.json.error.code]).toEqual([422, "idempotency_key_reused"]);
  });
});
