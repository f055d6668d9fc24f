// Idempotency under concurrency: N identical requests with one Idempotency-Key at once have one effect, and
// the answer kept for the key is the winner's. Over real HTTP (node server, dynalite), so the requests truly
// overlap in the server.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrg, startApiServer } from "../support/api-server.js";
import { caller } from "./client.js";
import { full, sheet, stub } from "./rows.js";

let api: Awaited<ReturnType<typeof startApiServer>>;
let http: ReturnType<typeof caller>;
let admin: string;
let writer: string;

beforeAll(async () => {
  api = await startApiServer();
  http = caller((request) => fetch(request), api.url);
  admin = (await createOrg(api.store, "Busy AB")).adminKey;
  writer = await http.createKey(admin, { role: "writer", sheetId: "busy" });
  const res = await http.sync("busy", writer, {
    baseRevision: 0,
    name: "Busy",
    rows: sheet("Q", 3).map(full),
  });
  expect(res.status).toBe(200);
});
afterAll(() => api?.close());

/** Every answer is the winner's (replayed) or a 409 request_in_progress; exactly one ran. */
function expectOneWinner(
  answers: { status: number; text: string; json: { error?: { code: string } } }[],
  ok: number,
) {
  const winners = answers.filter((a) => a.status === ok);
  const waiting = answers.filter((a) => a.status === 409);
  expect(winners.length + waiting.length).toBe(answers.length);
  expect(winners.length).toBeGreaterThanOrEqual(1);
  expect(new Set(winners.map((a) => a.text)).size).toBe(1);
  for (const a of waiting) expect(a.json.error?.code).toBe("request_in_progress");
  return winners[0]!;
}

describe("one Idempotency-Key, many requests at once", () => {
  it("ten identical check-ins record one check-in; a later retry replays the winner's answer", async () => {
    const body = {
      value: 7,
      confidence: 0.6,
      note: "weekly",
      author: "Kari",
      at: "2026-11-16T09:00:00.000Z",
    };
    const path = "/v1/sheets/busy/key-results/Q-KR1/check-ins";
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => http.post(path, writer, body, { "Idempotency-Key": "checkin-once" })),
    );
    const winner = expectOneWinner(answers, 201);
    const history = await http.get("/v1/key-results/Q-KR1/check-ins", writer);
    expect(history.json.checkIns).toHaveLength(1);
    const retry = await http.post(path, writer, body, { "Idempotency-Key": "checkin-once" });
    expect(retry.status).toBe(201);
    expect(retry.text).toBe(winner.text);
    expect(retry.headers.get("Idempotency-Replayed")).toBe("true");
    expect((await http.get("/v1/key-results/Q-KR1/check-ins", writer)).json.checkIns).toHaveLength(1);
  });

  it("five identical syncs make one revision; the key's answer is the 200, never a loser's 409", async () => {
    const rows = sheet("Q", 3).map((row, i) => (i === 1 ? { ...row, current: 77 } : row));
    const body = {
      baseRevision: 1,
      name: "Busy",
      rows: rows.map((row, i) => (i === 1 ? full(row) : stub(row))),
    };
    api.counter.reset();
    const answers = await Promise.all(
      Array.from({ length: 5 }, () => http.sync("busy", writer, body, { "Idempotency-Key": "sync-once" })),
    );
    const winner = expectOneWinner(answers, 200);
    expect(winner.json).toMatchObject({ revision: 2, written: 1 });
    const stored = await http.get("/v1/sheets/busy", writer);
    expect(stored.json.revision).toBe(2);
    const retry = await http.sync("busy", writer, body, { "Idempotency-Key": "sync-once" });
    expect(retry.status).toBe(200);
    expect(retry.text).toBe(winner.text);
  });

  it("five different syncs of one sheet at once: one writes, the others are told why (never a 500)", async () => {
    const rows = sheet("Q", 3);
    const answers = await Promise.all(
      [10, 11, 12, 13, 14].map((current, i) =>
        http.sync(
          "busy",
          writer,
          {
            baseRevision: 2,
            name: "Busy",
            rows: rows.map((row, r) => full(r === 2 ? { ...row, current } : row)),
          },
          { "Idempotency-Key": `sync-race-${i}` },
        ),
      ),
    );
    const ok = answers.filter((a) => a.status === 200);
    expect(ok).toHaveLength(1);
    for (const a of answers.filter((a) => a.status !== 200)) {
      expect(a.status).toBe(409);
      expect(["stale_revision", "sync_in_progress"]).toContain(a.json.error.code);
    }
    const stored = await http.get("/v1/sheets/busy", writer);
    expect(stored.json.revision).toBe(3);
    // the store holds the winner's version of the row
    const won = answers.findIndex((a) => a.status === 200);
    const kr2 = stored.json.rows.find((row: { id: string }) => row.id === "Q-KR2");
    expect(kr2.current).toBe(10 + won);
  });
});
