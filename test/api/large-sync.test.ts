// A sheet of LIMITS.rowsPerSync rows, synced the way the add-on does it (with an Idempotency-Key),
// through app.request() and over real HTTP: 200 with the revision, and a re-sync costs nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIMITS } from "../../shared/contract.js";
import type { OkrRow } from "../../shared/model.js";
import { createOrg, startApiServer, startTestApp } from "../support/api-server.js";
import { caller } from "./client.js";
import { full, objective, okrRow, stub } from "./rows.js";

function bigSheet(size: number): OkrRow[] {
  const rows: OkrRow[] = [];
  for (let o = 0; rows.length < size; o++) {
    const id = `BIG-O${o}`;
    rows.push(objective(id, { row: rows.length + 2, title: `Objective number ${o} of a large sheet` }));
    for (let k = 1; k <= 9 && rows.length < size; k++)
      rows.push(
        okrRow(`BIG-O${o}-KR${k}`, { objectiveId: id, row: rows.length + 2, current: (k * 7) % 100 }),
      );
  }
  return rows;
}

const rows = bigSheet(LIMITS.rowsPerSync);

for (const transport of ["app.request()", "HTTP"] as const) {
  describe(`a ${LIMITS.rowsPerSync}-row sheet over ${transport}`, () => {
    let api: Awaited<ReturnType<typeof startTestApp>> | Awaited<ReturnType<typeof startApiServer>>;
    let http: ReturnType<typeof caller>;
    let writer: string;

    beforeAll(async () => {
      if (transport === "HTTP") {
        const server = await startApiServer();
        api = server;
        http = caller((request) => fetch(request), server.url);
      } else {
        const app = await startTestApp();
        api = app;
        http = caller((request) => app.app.fetch(request));
      }
      const admin = (await createOrg(api.store, "Big")).adminKey;
      writer = await http.createKey(admin, { role: "writer", sheetId: "big" });
    });
    afterAll(() => api?.close());

    it("syncs with 200 and the revision, and re-syncs unchanged with zero writes", async () => {
      const res = await http.sync(
        "big",
        writer,
        { baseRevision: 0, name: "Big", rows: rows.map(full) },
        { "Idempotency-Key": `big-${transport}` },
      );
      expect(res.status).toBe(200);
      expect(res.json).toMatchObject({ revision: 1, written: rows.length, deleted: 0, unchanged: 0 });
      expect(res.json.computed).toHaveLength(rows.length);
      // the answer is larger than a DynamoDB item (400 KB), yet kept for the Idempotency-Key
      expect(res.text.length).toBeGreaterThan(400 * 1024);
      const stored = await http.get("/v1/sheets/big", writer);
      expect(stored.json.revision).toBe(1);
      expect(stored.json.rows).toHaveLength(rows.length);

      // the add-on's retry after a lost answer: the same answer again, not a 409, and no writes
      api.counter.reset();
      const retry = await http.sync(
        "big",
        writer,
        { baseRevision: 0, name: "Big", rows: rows.map(full) },
        { "Idempotency-Key": `big-${transport}` },
      );
      expect(retry.status).toBe(200);
      expect(retry.headers.get("Idempotency-Replayed")).toBe("true");
      expect(retry.text).toBe(res.text);
      expect(api.counter.writes()).toBe(0);

      api.counter.reset();
      const again = await http.sync(
        "big",
        writer,
        { baseRevision: 1, name: "Big", rows: rows.map(stub) },
        { "Idempotency-Key": `big-${transport}-2` },
      );
      expect(again.status).toBe(200);
      expect(again.json).toMatchObject({
        revision: 1,
        written: 0,
        unchanged: rows.length,
        unchangedSheet: true,
      });
      expect(api.counter.writes()).toBe(0);
    });
  });
}
