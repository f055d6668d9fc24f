// Sync through app.request(): the add-on's main call, end to end on dynalite.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrg, startTestApp } from "../support/api-server.js";
import { caller } from "./client.js";
import { full, objective, okrRow, sheet, stub } from "./rows.js";

const NOW = new Date("2026-11-15T12:00:00Z");
let api: Awaited<ReturnType<typeof startTestApp>>;
let http: ReturnType<typeof caller>;
let admin: string;
let writer: string;

beforeAll(async () => {
  api = await startTestApp({ now: () => NOW, config: { maxBodyBytes: 200_000 } });
  http = caller((request) => api.app.fetch(request));
  admin = (await createOrg(api.store, "Acme", NOW)).adminKey;
  writer = await http.createKey(admin, { role: "writer", sheetId: "sales" });
});
afterAll(() => api?.close());

describe("POST /v1/sheets/{sheetId}/sync", () => {
  const rows = sheet("S", 3);

  it("stores a new sheet, answers revision 1, recomputed progress and per-row problems", async () => {
    const res = await http.sync("sales", writer, { baseRevision: 0, name: "Sales", rows: rows.map(full) });
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ sheetId: "sales", revision: 1, written: 4, deleted: 0, unchanged: 0 });
    const kr1 = res.json.computed.find((c: { id: string }) => c.id === "S-KR1");
    expect(kr1.progress).toBeCloseTo(0.1);
    // 2026-11-15 is day 45 of the 92-day Q4
    expect(kr1.expected).toBeCloseTo(45 / 92);
    expect(Array.isArray(res.json.problems)).toBe(true);
    const stored = await http.get("/v1/sheets/sales", writer);
    expect(stored.json.rows.map((r: { id: string }) => r.id)).toEqual(rows.map((r) => r.id));
    expect(stored.json.name).toBe("Sales");
  });

  it("re-syncing an unchanged sheet writes nothing and reads only the sheet's revision", async () => {
    api.counter.reset();
    const again = await http.sync("sales", writer, { baseRevision: 1, rows: rows.map(full) });
    expect(again.json).toMatchObject({
      revision: 1,
      written: 0,
      deleted: 0,
      unchanged: 4,
      unchangedSheet: true,
    });
    const stubs = await http.sync("sales", writer, { baseRevision: 1, name: "Sales", rows: rows.map(stub) });
    expect(stubs.json).toMatchObject({ revision: 1, written: 0, unchanged: 4, unchangedSheet: true });
    expect(api.counter.writes()).toBe(0);
    expect(api.counter.commands.get("QueryCommand")).toBeUndefined();
  });

  it("the same rows sent in another order are the same sheet", async () => {
    api.counter.reset();
    const reordered = await http.sync("sales", writer, {
      baseRevision: 1,
      rows: [...rows].reverse().map(stub),
    });
    expect(reordered.json).toMatchObject({ revision: 1, written: 0, unchanged: 4, unchangedSheet: true });
    expect(api.counter.writes()).toBe(0);
  });

  it("writes only the rows whose hash changed", async () => {
    const changed = { ...rows[2]!, current: 95 };
    api.counter.reset();
    const res = await http.sync("sales", writer, {
      baseRevision: 1,
      rows: [stub(rows[0]!), stub(rows[1]!), full(changed), stub(rows[3]!)],
    });
    expect(res.json).toMatchObject({ revision: 2, written: 1, unchanged: 3 });
    // the revision claimed (rows pending), the version the row held (history), the row, the revision committed
    // (content hash); the read model's: the changed cycle's new summary part, the summary head, the replaced
    // part deleted, the read revision; and the new Current's point of its value history
    expect(api.counter.writes()).toBe(9);
    rows[2] = changed;
  });

  it("never trusts client progress: extra fields are dropped and progress recomputed", async () => {
    // IDs of its own: the sales sheet's are the sales sheet's
    const trusted = sheet("TR", 3).map((row, i) => (i === 2 ? { ...row, current: 95 } : row));
    const res = await http.sync("trust", admin, {
      baseRevision: 0,
      rows: trusted.map((row) => ({ ...full(row), progress: 1, status: "done" })) as never,
    });
    expect(res.status).toBe(200);
    const kr2 = res.json.computed.find((c: { id: string }) => c.id === "TR-KR2");
    expect(kr2.progress).toBeCloseTo(0.95);
    expect(kr2.status).not.toBe("done");
    const stored = await http.get("/v1/sheets/trust", admin);
    expect(stored.json.rows[0]).not.toHaveProperty("progress");
  });

  it("marks vanished rows deleted, keeps them, and restores them", async () => {
    const kept = rows.filter((row) => row.id !== "S-KR3");
    const res = await http.sync("sales", writer, { baseRevision: 2, rows: kept.map(stub) });
    expect(res.json).toMatchObject({ revision: 3, written: 0, deleted: 1, unchanged: 3 });
    const stored = await http.get("/v1/sheets/sales", writer);
    const gone = stored.json.rows.find((r: { id: string }) => r.id === "S-KR3");
    expect(gone).toMatchObject({ deleted: true, deletedAt: NOW.toISOString(), revision: 3, current: 30 });

    const restored = await http.post("/v1/sheets/sales/rows/S-KR3/restore", writer);
    expect(restored.status).toBe(200);
    expect(restored.json).toMatchObject({ revision: 4, row: { id: "S-KR3", deleted: false, current: 30 } });
    expect((await http.post("/v1/sheets/sales/rows/S-KR3/restore", writer)).status).toBe(409);
    expect((await http.post("/v1/sheets/sales/rows/nope/restore", writer)).status).toBe(404);

    // the add-on, still at revision 3, learns what changed
    const stale = await http.sync("sales", writer, { baseRevision: 3, rows: kept.map(stub) });
    expect(stale.status).toBe(409);
    expect(stale.json.error.code).toBe("stale_revision");
    expect(stale.json.error.details).toMatchObject({
      baseRevision: 3,
      currentRevision: 4,
      changed: [{ id: "S-KR3", deleted: false, revision: 4 }],
    });
    const back = await http.sync("sales", writer, { baseRevision: 4, rows: rows.map(stub) });
    expect(back.json).toMatchObject({
      revision: 4,
      written: 0,
      deleted: 0,
      unchanged: 4,
      unchangedSheet: false,
    });
    const fast = await http.sync("sales", writer, { baseRevision: 4, rows: rows.map(stub) });
    expect(fast.json).toMatchObject({ revision: 4, unchangedSheet: true });
  });

  it("answers a retried request with the same Idempotency-Key identically, with no new writes", async () => {
    const body = {
      baseRevision: 4,
      rows: [...rows.map(stub), full(okrRow("S-KR4", { objectiveId: "S-O", row: 6 }))],
    };
    const first = await http.sync("sales", writer, body, { "Idempotency-Key": "sync-5" });
    expect(first.json).toMatchObject({ revision: 5, written: 1 });
    api.counter.reset();
    const retry = await http.sync("sales", writer, body, { "Idempotency-Key": "sync-5" });
    expect(retry.status).toBe(200);
    expect(retry.text).toBe(first.text);
    expect(retry.headers.get("Idempotency-Replayed")).toBe("true");
    expect(api.counter.writes()).toBe(0);
    const reused = await http.sync(
      "sales",
      writer,
      { ...body, name: "Other" },
      { "Idempotency-Key": "sync-5" },
    );
    expect(reused.status).toBe(422);
  });

  it("refuses a stale revision without writing", async () => {
    api.counter.reset();
    const res = await http.sync("sales", writer, { baseRevision: 1, rows: rows.map(full) });
    expect(res.status).toBe(409);
    expect(res.json.error.details.currentRevision).toBe(5);
    expect(res.json.error.details.changed.map((c: { id: string }) => c.id).sort()).toEqual([
      "S-KR2",
      "S-KR3",
      "S-KR4",
    ]);
    expect(api.counter.writes()).toBe(0);
  });

  it("refuses stubs the server does not hold", async () => {
    const res = await http.sync("sales", writer, { baseRevision: 5, rows: [stub(okrRow("never-sent"))] });
    expect(res.status).toBe(422);
    expect(res.json.error).toMatchObject({ code: "unknown_row_stub", details: { ids: ["never-sent"] } });
  });

  it("stores text as text (formula-like titles, other scripts)", async () => {
    const o = objective("T-O", {
      title: '=IMPORTXML("http://evil")',
      owner: "Åsa Øvergård",
      notes: "+46 70 123",
    });
    const res = await http.sync("text", admin, { baseRevision: 0, rows: [full(o)] });
    expect(res.status).toBe(200);
    const stored = await http.get("/v1/sheets/text", admin);
    expect(stored.json.rows[0]).toMatchObject({ title: o.title, owner: o.owner, notes: o.notes });
  });

  it("reports validation problems per row without losing the rows", async () => {
    const bad = okrRow("B-KR1", { objectiveId: "no-such-objective", row: 7 });
    const res = await http.sync("bad", admin, { baseRevision: 0, rows: [full(bad)] });
    expect(res.status).toBe(200);
    expect(res.json.written).toBe(1);
    expect(res.json.problems.length).toBeGreaterThan(0);
    expect(res.json.problems[0]).toMatchObject({ sheetId: "bad" });
    // Each problem reaches the add-on with the text it shows (messages are written when the answer is sent).
    for (const problem of res.json.problems) expect(problem.message).toMatch(/^Row \d+, /);
    expect(res.json.problems.some((p: { row: number | null }) => p.row === 7)).toBe(true);
  });
});

describe("validation across sheets", () => {
  it("knows objectives of the organisation's other sheets, and answers in the sheet's language", async () => {
    const company = objective("CO-1", { level: "company" });
    expect((await http.sync("company", admin, { baseRevision: 0, rows: [full(company)] })).status).toBe(200);
    const kpi = okrRow("KPI-1", {
      type: "kpi",
      objectiveId: "CO-1",
      krType: null,
      kpiKind: "lagging",
      row: 5,
    });
    const known = await http.sync("kpis", admin, { baseRevision: 0, rows: [full(kpi)] });
    expect(known.json.problems.filter((p: { code: string }) => p.code === "unknown_objective")).toEqual([]);

    const orphan = okrRow("KPI-2", {
      type: "kpi",
      objectiveId: "NOPE",
      krType: null,
      kpiKind: "lagging",
      row: 6,
    });
    const en = await http.sync("kpis", admin, { baseRevision: 1, rows: [full(kpi), full(orphan)] });
    const renamed = { ...orphan, title: "Churn (renamed)" };
    const sv = await http.sync("kpis", admin, {
      baseRevision: 2,
      rows: [full(kpi), full(renamed)],
      language: "sv",
    });
    const unknownEn = en.json.problems.find((p: { code: string }) => p.code === "unknown_objective");
    const unknownSv = sv.json.problems.find((p: { code: string }) => p.code === "unknown_objective");
    expect(unknownEn).toMatchObject({ row: 6, sheetId: "kpis" });
    expect(unknownSv.row).toBe(6);
    expect(unknownSv.message).not.toBe(unknownEn.message);
  });
});

describe("anything the contract allows is stored, never a 500", () => {
  it("keeps IDs too long for a DynamoDB key once encoded, lone surrogates and numbers DynamoDB cannot hold", async () => {
    const o = objective("漢".repeat(128), { title: "lone \ud800 surrogate" });
    const rows = [
      o,
      okrRow("\udc00KR", { objectiveId: o.id, start: -1e200, target: 1e200, current: 5e-324, row: 3 }),
      okrRow("KR-small", { objectiveId: o.id, target: 1e-200, confidence: 1e-200, weight: 2 ** 60, row: 4 }),
    ];
    const sheetId = "表".repeat(128);
    const first = await http.sync(sheetId, admin, { baseRevision: 0, rows: rows.map(full) });
    expect(first.status).toBe(200);
    expect(first.json).toMatchObject({ revision: 1, written: 3 });
    const stored = await http.get(`/v1/sheets/${encodeURIComponent(sheetId)}`, admin);
    expect(stored.json.rows.map((row: Record<string, unknown>) => row.id)).toEqual(rows.map((row) => row.id));
    expect(stored.json.rows[1]).toMatchObject({ start: -1e200, target: 1e200, current: 5e-324 });
    expect(stored.json.rows[2]).toMatchObject({ target: 1e-200, confidence: 1e-200, weight: 2 ** 60 });
    expect(stored.json.rows[0].title).toBe(o.title);

    api.counter.reset();
    const again = await http.sync(sheetId, admin, { baseRevision: 1, rows: rows.map(stub) });
    expect(again.json).toMatchObject({ revision: 1, written: 0, unchanged: 3, unchangedSheet: true });
    expect(api.counter.writes()).toBe(0);
    const checkIn = await http.post(
      `/v1/sheets/${encodeURIComponent(sheetId)}/key-results/${encodeURIComponent("KR-small")}/check-ins`,
      admin,
      { value: 1e300, confidence: 1e-300, author: "Åsa" },
    );
    expect(checkIn.status).toBe(201);
    const history = await http.get("/v1/key-results/KR-small/check-ins", admin);
    expect(history.json.checkIns).toMatchObject([{ value: 1e300, confidence: 1e-300 }]);
  });
});

describe("malformed and oversized requests", () => {
  it("refuses bodies that are not JSON", async () => {
    const res = await http.send("POST", "/v1/sheets/sales/sync", writer, "{not json", {
      "Content-Type": "application/json",
    });
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("malformed_json");
  });

  it("refuses bodies that are not the right shape, naming the field and row", async () => {
    const row = { ...full(okrRow("x", { row: 14 })), target: "abc" };
    const res = await http.sync("sales", writer, { baseRevision: 5, rows: [row] } as never);
    expect(res.status).toBe(400);
    expect(res.json.error.code).toBe("invalid_request");
    expect(res.json.error.message).toContain("rows[0].target (sheet row 14, ID 'x')");
    expect(res.json.error.details.issues[0]).toMatchObject({ path: "rows[0].target", row: 14, id: "x" });
    expect((await http.sync("sales", writer, { rows: [] } as never)).json.error.message).toContain(
      "baseRevision",
    );
    const text = await http.send("POST", "/v1/sheets/sales/sync", writer, "baseRevision=1", {
      "Content-Type": "text/plain",
    });
    expect(text.status).toBe(415);
    expect(text.json.error.code).toBe("unsupported_media_type");
  });

  it("refuses oversized bodies with 413", async () => {
    const many = Array.from({ length: 400 }, (_, i) =>
      full(okrRow(`big-${i}`, { notes: "x".repeat(400), row: i + 2 })),
    );
    const res = await http.sync("sales", writer, { baseRevision: 5, rows: many });
    expect(res.status).toBe(413);
    expect(res.json.error.code).toBe("payload_too_large");
  });

  it("refuses a full row whose hash does not match its content, naming the sheet row, without writing", async () => {
    const row = okrRow("mismatch", { row: 21 });
    api.counter.reset();
    const res = await http.sync("sales", writer, {
      baseRevision: 5,
      rows: [{ ...full(row), current: 99 }],
    });
    expect(res.status).toBe(422);
    expect(res.json.error.code).toBe("hash_mismatch");
    expect(res.json.error.message).toContain("21");
    expect(api.counter.writes()).toBe(0);
  });

  it("refuses duplicate row IDs with their sheet rows", async () => {
    const res = await http.sync("sales", writer, {
      baseRevision: 5,
      rows: [full(okrRow("dup", { row: 3 })), full(okrRow("dup", { row: 8 }))],
    });
    expect(res.status).toBe(422);
    expect(res.json.error.message).toContain("3, 8");
  });
});
