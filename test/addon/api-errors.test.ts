// Every answer of the API the add-on can meet, on every path that calls it (Sync now, Pull rollup, a check-in), in
// English, Swedish and Norwegian, is a sentence in the user's language (issue 12): never a raw HTTP line, a status
// number, an error code or the server's own English text. Through the built add-on; the double answers each
// request as the API (or a proxy in front of it) would.
import { beforeAll, describe, expect, it } from "vitest";
import type { Language } from "../../shared/model.js";
import { ensureBuiltAddon } from "../support/gas/built-addon.js";
import { loadAddon, TEST_API_URL } from "../support/gas/load-addon.js";
import { FakeWorkbook } from "../support/gas/spreadsheet.js";
import { SYNC_HEADER } from "./fixtures.js";

beforeAll(async () => {
  await ensureBuiltAddon();
});

/** The server's own text: English and technical, for the log only. */
const SERVER_TEXT = "server-side detail the user must not see";
const json = (status: number, code: string, details?: unknown) => ({
  status,
  body: JSON.stringify({ error: { code, message: `${SERVER_TEXT} (A writer key)`, details } }),
});

/** What the API answers (api/auth, api/middleware, api/routes, api/sync), and what a proxy in front of it does. */
const ANSWERS: [name: string, answer: { status: number; body: string }][] = [
  ["missing key", json(401, "missing_api_key")],
  ["invalid key", json(401, "invalid_api_key")],
  ["revoked key", json(401, "revoked_api_key")],
  ["forbidden", json(403, "forbidden")],
  ["another sheet's key", json(403, "sheet_not_allowed")],
  ["not found", json(404, "not_found")],
  ["invalid row", json(400, "invalid_request", { issues: [{ path: "rows.2.title", row: 4, message: "x" }] })],
  ["invalid field", json(400, "invalid_request", { issues: [{ path: "cycle", message: "Too small" }] })],
  ["malformed JSON", json(400, "malformed_json")],
  ["too large", json(413, "payload_too_large")],
  ["idempotency key reused", json(422, "idempotency_key_reused")],
  ["duplicate row IDs", json(400, "duplicate_row_id", { ids: ["KR-1"] })],
  ["hash mismatch", json(400, "hash_mismatch", { rows: [{ row: 3 }] })],
  ["conflict", json(409, "conflict")],
  ["stale revision", json(409, "stale_revision")],
  ["stale cursor", json(409, "stale_cursor")],
  ["throttled", json(429, "rate_limited")],
  ["another request still writing", json(409, "request_in_progress", { retryAfterSeconds: 30 })],
  ["another sync still writing", json(409, "sync_in_progress", { retryAfterSeconds: 30 })],
  ["a check-in from the future", json(400, "check_in_in_future")],
  ["a check-in before 2000", json(400, "check_in_too_old")],
  ["too deep", json(400, "json_too_deep")],
  ["not JSON", json(415, "unsupported_media_type")],
  ["store unavailable", json(503, "store_unavailable")],
  ["server error", json(500, "internal_error")],
  ["a proxy's 502 page", { status: 502, body: "<html><body>Bad Gateway</body></html>" }],
  ["a proxy's 404 page (wrong API URL)", { status: 404, body: "<html><body>Not Found</body></html>" }],
  ["a proxy's 403 page", { status: 403, body: "Forbidden" }],
  ["an empty 400", { status: 400, body: "" }],
];

function book(): FakeWorkbook {
  const workbook = new FakeWorkbook(undefined, "errors-spreadsheet");
  workbook.addSheet("Team", [
    SYNC_HEADER,
    ["O-ER", "Objective", "Calmer queues", "", "", "Team", "Support", "Ada", "2026-Q4", "", "", ""],
    ["KR-ER", "Key result", "Reply within 2 h", "O-ER", "", "", "", "Ada", "", 8, 2, 5],
  ]);
  return workbook;
}

/** English words that must not stand in a Swedish or Norwegian sentence. */
const ENGLISH = /\b(the|server|could|not|try|again|sheet|key)\b/;

function expectSentence(message: string, language: Language, what: string) {
  expect(message, what).toMatch(/^\p{Lu}/u);
  expect(message, what).toMatch(/[.!?]$/);
  expect(message, what).not.toMatch(/HTTP|http_|\b[1-5]\d\d\b|[{}<>]|undefined|null|Error|\[object/);
  expect(message, what).not.toContain(SERVER_TEXT);
  // No API code (snake_case) either.
  expect(message, what).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
  if (language !== "en") expect(message, what).not.toMatch(ENGLISH);
}

describe("every API answer the add-on can meet is a sentence in the user's language", () => {
  for (const language of ["en", "sv", "nb"] as const)
    it(`${language}: Sync now, Pull rollup and a check-in`, () => {
      const workbook = book();
      const { addon, gas } = loadAddon({ book: workbook });
      const saved = addon.saveSettings({ apiUrl: TEST_API_URL, apiKey: "k", sheetId: "team", language }) as {
        errors: string[];
      };
      expect(saved.errors).toEqual([]);
      addon.menuSetUpSheet();
      for (const [name, answer] of ANSWERS) {
        gas.intercept(() => answer);
        const synced = addon.menuSyncNow() as { ok: boolean; message: string };
        expect(synced.ok, name).toBe(false);
        expectSentence(synced.message, language, `sync, ${name}: ${synced.message}`);

        const pulled = addon.menuPullRollup() as { ok: boolean; message: string };
        expect(pulled.ok, name).toBe(false);
        expectSentence(pulled.message, language, `pull, ${name}: ${pulled.message}`);

        // A check-in the server could not take is kept in the sheet, and the reason said.
        const checkIn = addon.submitCheckIn({ krId: "KR-ER", value: "4", confidence: "" }) as {
          ok: boolean;
          sent: boolean;
          message: string;
        };
        expect(checkIn, name).toMatchObject({ ok: true, sent: false });
        expectSentence(checkIn.message, language, `check-in, ${name}: ${checkIn.message}`);
      }
      // The network down, and an API URL outside the manifest's allowlist (stored before Settings checked it).
      gas.intercept(() => "network");
      expectSentence((addon.menuSyncNow() as { message: string }).message, language, "network");
      expectSentence((addon.menuPullRollup() as { message: string }).message, language, "network, pull");
      gas.intercept(null);
      gas.documentProperties.setProperty("okr.apiUrl", "https://elsewhere.example");
      const outside = addon.menuSyncNow() as { ok: boolean; message: string };
      expect(outside.ok).toBe(false);
      expect(outside.message).not.toMatch(/HTTP|\{|undefined/);
    });
});

describe("Pull rollup pages by cursor", () => {
  const node = (id: string) => ({
    id,
    title: `Objective ${id}`,
    team: "Support",
    owner: "Ada",
    level: "team",
    cycle: "2026-Q4",
    sheetId: "team",
    progress: 0.5,
    alignedProgress: null,
    expected: 0.5,
    status: "on_track",
    keyResultCount: 1,
    contributesTo: [],
    grade: null,
    children: [],
  });
  const insights = {
    unsupported: [],
    unaligned: [],
    cycles: [],
    unknownLinks: [],
    crossCycle: [],
    duplicates: [],
    atRisk: [],
    quiet: [],
    quietDays: 14,
    disagreements: [],
    noUpdateShare: 0.5,
  };
  const ok = (body: unknown) => ({ status: 200, body: JSON.stringify(body) });

  it("follows each page's cursor, and reads the whole rollup again once when a cursor went stale", () => {
    const { addon, gas } = loadAddon({ book: book() });
    addon.saveSettings({ apiUrl: TEST_API_URL, apiKey: "k", sheetId: "team", language: "en" });
    const asked: string[] = [];
    let staleOnce = true;
    gas.intercept((url: string) => {
      const { pathname, searchParams } = new URL(url);
      asked.push(
        `${pathname.replace(/^.*\/v1/, "")}${searchParams.get("cursor") ? ` ${searchParams.get("cursor")}` : ""}`,
      );
      if (pathname.endsWith("/v1/rollup"))
        return ok({
          cycle: "2026-Q4",
          asOf: "2026-11-15",
          roots: [node("R-0")],
          teams: [],
          levels: [],
          insights,
          page: { limit: 1, lists: { roots: { total: 3, nextOffset: 1, nextCursor: "c1" } } },
        });
      if (pathname.endsWith("/v1/rollup/list")) {
        if (staleOnce) {
          staleOnce = false;
          return { status: 409, body: JSON.stringify({ error: { code: "stale_cursor", message: "x" } }) };
        }
        const at = searchParams.get("cursor");
        const [items, next] = at === "c1" ? [[node("R-1")], "c2"] : [[node("R-2")], null];
        return ok({
          cycle: "2026-Q4",
          asOf: "2026-11-15",
          list: "roots",
          offset: 0,
          limit: 1,
          total: 3,
          nextOffset: null,
          nextCursor: next,
          items,
        });
      }
      if (pathname.endsWith("/v1/kpis")) return ok({ cycle: "2026-Q4", asOf: "2026-11-15", kpis: [] });
      return null;
    });
    const pulled = addon.menuPullRollup() as { ok: boolean; message: string };
    expect(pulled.ok, pulled.message).toBe(true);
    expect(asked.filter((path) => path.startsWith("/rollup"))).toEqual([
      "/rollup",
      "/rollup/list c1",
      "/rollup",
      "/rollup/list c1",
      "/rollup/list c2",
    ]);
    const ids = gas.book
      .sheet("Rollup")!
      .values()
      .map((row) => row[1]);
    for (const id of ["R-0", "R-1", "R-2"])
      expect(
        ids.filter((each) => each === id),
        id,
      ).toHaveLength(1);
  });
});
