// Tenant isolation and roles: a key of org A never reads or writes org B; a writer touches one sheet.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createOrg, startTestApp } from "../support/api-server.js";
import { caller } from "./client.js";
import { full, sheet } from "./rows.js";

const NOW = new Date("2026-11-15T12:00:00Z");
let api: Awaited<ReturnType<typeof startTestApp>>;
let http: ReturnType<typeof caller>;
const keys: Record<string, string> = {};

beforeAll(async () => {
  api = await startTestApp({ now: () => NOW });
  http = caller((request) => api.app.fetch(request));
  for (const org of ["A", "B"]) {
    const { adminKey } = await createOrg(api.store, `Org ${org}`, NOW);
    keys[`${org}admin`] = adminKey;
    keys[`${org}writer`] = await http.createKey(adminKey, { role: "writer", sheetId: `${org}-one` });
    keys[`${org}reader`] = await http.createKey(adminKey, { role: "reader" });
  }
  for (const org of ["A", "B"]) {
    const one = await http.sync(`${org}-one`, keys[`${org}writer`]!, {
      baseRevision: 0,
      name: `${org} one`,
      rows: sheet(`${org}1`).map(full),
    });
    expect(one.status).toBe(200);
    const two = await http.sync(`${org}-two`, keys[`${org}admin`]!, {
      baseRevision: 0,
      name: `${org} two`,
      rows: sheet(`${org}2`).map(full),
    });
    expect(two.status).toBe(200);
    const checkIn = await http.post(
      `/v1/sheets/${org}-one/key-results/${org}1-KR1/check-ins`,
      keys[`${org}writer`]!,
      {
        value: 42,
        author: "someone",
      },
    );
    expect(checkIn.status).toBe(201);
  }
});
afterAll(() => api?.close());

describe("organisations are isolated", () => {
  it.each(["Badmin", "Breader"])(
    "%s cannot see org A's sheets (404, as if they did not exist)",
    async (key) => {
      const res = await http.get("/v1/sheets/A-one", keys[key]!);
      expect(res.status).toBe(404);
      expect(res.text).not.toContain("A1-");
      const missing = await http.get("/v1/sheets/never-existed", keys[key]!);
      expect({ status: missing.status, code: missing.json.error.code }).toEqual({
        status: res.status,
        code: res.json.error.code,
      });
    },
  );

  it.each(["Badmin", "Bwriter", "Breader"])(
    "%s sees none of org A in lists, catalog, cycles and rollups",
    async (key) => {
      for (const path of [
        "/v1/objectives",
        "/v1/cycles",
        "/v1/sheets",
        "/v1/key-results/A1-KR1/check-ins",
        "/v1/objectives/A1-O/check-ins",
      ]) {
        const res = await http.get(path, keys[key]!);
        expect(res.status, path).toBe(200);
        expect(res.text, path).not.toContain("A1-");
        expect(res.text, path).not.toContain("A-one");
      }
      if (key !== "Bwriter") {
        const rollup = await http.get("/v1/rollup?cycle=2026-Q4", keys[key]!);
        expect(rollup.status).toBe(200);
        expect(rollup.text).not.toContain("A1-");
      }
    },
  );

  it("an admin of B syncing a sheet named like A's writes only B's own sheet", async () => {
    const res = await http.sync("A-one", keys.Badmin!, { baseRevision: 0, rows: [] });
    expect(res.status).toBe(200);
    const a = await http.get("/v1/sheets/A-one", keys.Aadmin!);
    expect(a.json.rows.filter((row: { deleted: boolean }) => !row.deleted)).toHaveLength(3);
    expect(a.json.revision).toBe(1);
  });

  it("B cannot revoke, restore or check in on A's things", async () => {
    const aKeys = await http.get("/v1/keys", keys.Aadmin!);
    const aWriterId = aKeys.json.keys.find((k: { role: string }) => k.role === "writer").id;
    expect((await http.send("DELETE", `/v1/keys/${aWriterId}`, keys.Badmin!)).status).toBe(404);
    expect((await http.post("/v1/sheets/A-two/rows/A2-KR1/restore", keys.Badmin!)).status).toBe(404);
    expect(
      (
        await http.post("/v1/sheets/A-one/key-results/A1-KR1/check-ins", keys.Badmin!, {
          value: 1,
          author: "x",
        })
      ).status,
    ).toBe(404);
    const stillWorks = await http.get("/v1/sheets/A-one", keys.Awriter!);
    expect(stillWorks.status).toBe(200);
  });
});

describe("roles inside an organisation", () => {
  it("a writer cannot write, restore, check in on or read another sheet", async () => {
    const rows = sheet("A2").map(full);
    expect((await http.sync("A-two", keys.Awriter!, { baseRevision: 1, rows: [] })).status).toBe(403);
    expect((await http.post("/v1/sheets/A-two/rows/A2-KR1/restore", keys.Awriter!)).status).toBe(403);
    expect(
      (
        await http.post("/v1/sheets/A-two/key-results/A2-KR1/check-ins", keys.Awriter!, {
          value: 1,
          author: "x",
        })
      ).status,
    ).toBe(403);
    expect((await http.get("/v1/sheets/A-two", keys.Awriter!)).status).toBe(403);
    const two = await http.get("/v1/sheets/A-two", keys.Aadmin!);
    expect(two.json.rows.map((row: { id: string; deleted: boolean }) => [row.id, row.deleted])).toEqual(
      rows.map((row) => [row.id, false]),
    );
  });

  it("a writer reads the organisation's catalog (with its alignment) and rollup, as OKRs are open to all; writing stays its sheet's", async () => {
    const catalog = await http.get("/v1/objectives", keys.Awriter!);
    expect(catalog.json.objectives.map((o: { id: string }) => o.id).sort()).toEqual(["A1-O", "A2-O"]);
    for (const objective of catalog.json.objectives)
      expect(objective).toMatchObject({ alignsTo: null, contributesTo: [] });
    const rollup = await http.get("/v1/rollup?cycle=2026-Q4", keys.Awriter!);
    expect(rollup.status).toBe(200);
    const ids = (nodes: { id: string; children: unknown[] }[]): string[] =>
      nodes.flatMap((node) => [node.id, ...ids(node.children as typeof nodes)]);
    expect(ids(rollup.json.roots).sort()).toEqual(["A1-O", "A2-O"]);
    const csv = await http.get("/v1/rollup.csv?cycle=2026-Q4", keys.Awriter!);
    expect(csv.status).toBe(200);
    expect(csv.text).toContain("A2-O");
    // Another organisation's writer sees none of it.
    const other = await http.get("/v1/rollup?cycle=2026-Q4", keys.Bwriter!);
    expect(ids(other.json.roots)).not.toContain("A1-O");
  });

  it("a reader reads everything but writes nothing", async () => {
    expect((await http.get("/v1/sheets/A-two", keys.Areader!)).status).toBe(200);
    expect((await http.sync("A-one", keys.Areader!, { baseRevision: 1, rows: [] })).status).toBe(403);
    expect((await http.post("/v1/keys", keys.Areader!, { role: "reader" })).status).toBe(403);
    expect(
      (
        await http.post("/v1/sheets/A-one/key-results/A1-KR1/check-ins", keys.Areader!, {
          value: 1,
          author: "x",
        })
      ).status,
    ).toBe(403);
  });

  it("only admins manage keys; a revoked key stops working at once", async () => {
    expect((await http.get("/v1/keys", keys.Awriter!)).status).toBe(403);
    const created = await http.post("/v1/keys", keys.Aadmin!, { role: "reader", label: "temporary" });
    expect(created.status).toBe(201);
    const temp: string = created.json.key;
    expect((await http.get("/v1/objectives", temp)).status).toBe(200);
    const list = await http.get("/v1/keys", keys.Aadmin!);
    expect(list.text).not.toContain(temp);
    expect(list.text).not.toContain('"hash"');
    expect(list.json.keys.map((k: { id: string }) => k.id)).toContain(created.json.id);
    const revoked = await http.send("DELETE", `/v1/keys/${created.json.id}`, keys.Aadmin!);
    expect(revoked.status).toBe(200);
    const after = await http.get("/v1/objectives", temp);
    expect(after.status).toBe(401);
    expect(after.json.error.code).toBe("revoked_api_key");
    expect(revoked.json.revokedAt).toBe(NOW.toISOString());
  });
});
