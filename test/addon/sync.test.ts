// Sync, check-in and Pull rollup from the built add-on against the real API (node server + dynalite in a
// child process, reached by the double's synchronous UrlFetchApp): two team spreadsheets and a leader's.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiChild, startApiChild } from "../support/gas/api-child.js";
import { ensureBuiltAddon } from "../support/gas/built-addon.js";
import { type AddonGlobals, loadAddon as loadWith } from "../support/gas/load-addon.js";
import { PROPERTY_STORE_BYTES } from "../support/gas/services.js";
import { FakeWorkbook } from "../support/gas/spreadsheet.js";
import { SYNC_HEADER } from "./fixtures.js";

let api: ApiChild;
/** The add-on, its https API URL served by this file's API process. */
const loadAddon = (options: Parameters<typeof loadWith>[0] = {}) =>
  loadWith({ upstreams: api.upstreams, ...options });

beforeAll(async () => {
  await ensureBuiltAddon();
  api = await startApiChild(["team-support", "team-sales"]);
});

afterAll(async () => {
  await api?.stop();
});

const HEADER = SYNC_HEADER;

function leaderBook(): FakeWorkbook {
  const book = new FakeWorkbook(undefined, "leader-spreadsheet");
  book.addSheet("Company", [
    HEADER,
    [
      "O-CO1",
      "Objective",
      // Formula injection at the tree's root and in the team column (team totals repeat it).
      '\'=HYPERLINK("https://evil.example","Become the customers\' favourite")',
      "",
      "",
      "Company",
      "'-Leadership",
      "Eva",
      "2026-Q4",
      "",
      "",
      "",
    ],
    ["KR-CO1", "Key result", "Reach NPS 50", "O-CO1", "", "", "", "Eva", "", 10, 50, 30],
  ]);
  return book;
}

function teamBook(team: string, objectiveId: string, title: string): FakeWorkbook {
  const book = new FakeWorkbook(undefined, `${team}-spreadsheet`);
  book.addSheet(team, [
    HEADER,
    [objectiveId, "Objective", title, "", "O-CO1", "Team", team, "Ada", "2026-Q4", "", "", ""],
    [
      `KR-${objectiveId}`,
      "Key result",
      `${team}: answer within 2 hours`,
      objectiveId,
      "",
      "",
      "",
      "Ada",
      "",
      8,
      2,
      5,
    ],
  ]);
  return book;
}

function connect(addon: AddonGlobals, key: string, sheetId: string) {
  const saved = addon.saveSettings({ apiUrl: api.publicUrl, apiKey: key, sheetId }) as {
    ok: boolean;
    errors: string[];
  };
  expect(saved.errors).toEqual([]);
}

async function getSheet(sheetId: string) {
  const response = await api.request(`/v1/sheets/${sheetId}`);
  expect(response.status).toBe(200);
  return (await response.json()) as {
    revision: number;
    rows: { id: string; deleted: boolean; [field: string]: unknown }[];
  };
}

describe("sync against the real API", () => {
  it("two teams sync, the leader's Pull rollup shows both aligned under the company objective, as plain text", () => {
    // A title that would be a formula (injection) and one that Sheets would read as a number.
    const support = loadAddon({
      book: teamBook("Support", "O-SUP", '\'=IMPORTXML("https://evil.example","//a")'),
    });
    const sales = loadAddon({ book: teamBook("Sales", "O-SAL", "'+1") });
    const leader = loadAddon({ book: leaderBook() });
    connect(support.addon, api.writerKeys["team-support"]!, "team-support");
    connect(sales.addon, api.writerKeys["team-sales"]!, "team-sales");
    connect(leader.addon, api.adminKey, "company");

    for (const { addon } of [support, sales, leader]) {
      addon.menuSetUpSheet();
      const outcome = addon.menuSyncNow() as { ok: boolean; message: string; revision: number };
      expect(outcome.ok, outcome.message).toBe(true);
      expect(outcome.revision).toBe(1);
    }
    // The last to sync sees every objective in its catalog (the Aligns to dropdown's source).
    const catalog = leader.gas.book
      .sheet("OKR Catalog")!
      .values()
      .map((r) => r[0]);
    expect(catalog).toEqual(expect.arrayContaining(["O-CO1", "O-SAL", "O-SUP"]));

    const pulled = leader.addon.menuPullRollup() as { ok: boolean; message: string };
    expect(pulled.ok, pulled.message).toBe(true);
    const rollup = leader.gas.book.sheet("Rollup")!;
    const rows = rollup.values();
    const ids = rows.map((r) => r[1]);
    const company = ids.indexOf("O-CO1");
    expect(company).toBeGreaterThan(1);
    // Children follow their parent, indented.
    const children = rows.slice(company + 1, company + 3);
    expect(children.map((r) => r[1]).sort()).toEqual(["O-SAL", "O-SUP"]);
    expect(children.map((r) => String(r[0]).trim()).sort()).toEqual([
      "+1",
      '=IMPORTXML("https://evil.example","//a")',
    ]);
    // Not one formula anywhere in the Rollup sheet.
    expect(rollup.formulas().flat().filter(Boolean)).toEqual([]);
    expect(rows[company]![8]).toBeTypeOf("string");
    expect(rows[company]!.slice(0, 3)).toEqual([
      '=HYPERLINK("https://evil.example","Become the customers\' favourite")',
      "O-CO1",
      "-Leadership",
    ]);
    expect(rows.some((r) => r[0] === "-Leadership")).toBe(true);
  });

  it("sends only changed rows in full, records check-ins on the server, and keeps formula Current values", () => {
    const team = loadAddon({
      book: teamBook("Support", "O-SU2", "Happier customers"),
      userEmail: "ada@example.com",
    });
    connect(team.addon, api.writerKeys["team-support"]!, "team-support");
    team.addon.menuSetUpSheet();
    const first = team.addon.menuSyncNow() as {
      ok: boolean;
      fullRows: number;
      stubs: number;
      revision: number;
    };
    expect(first).toMatchObject({ ok: true, fullRows: 2, stubs: 0 });
    const unchanged = team.addon.menuSyncNow() as { ok: boolean; fullRows: number; stubs: number };
    expect(unchanged).toMatchObject({ ok: true, fullRows: 0, stubs: 2 });

    const checkIn = team.addon.submitCheckIn({
      krId: "KR-O-SU2",
      value: 4,
      confidence: 0.7,
      note: "faster triage",
    }) as { ok: boolean; sent: boolean };
    expect(checkIn).toMatchObject({ ok: true, sent: true });
    const second = team.addon.menuSyncNow() as {
      ok: boolean;
      fullRows: number;
      stubs: number;
      revision: number;
    };
    expect(second).toMatchObject({ ok: true, fullRows: 1, stubs: 1, revision: first.revision + 1 });
    const bytes = team.gas.fetches.filter((f) => f.url.endsWith("/sync")).map((f) => f.bytes);
    expect(bytes[2]!).toBeLessThan(bytes[0]!);
    expect(team.gas.book.sheet("Check-ins")!.values()[1]![6]).toBe("✓");
  });

  it("a stale revision is re-based: rows changed elsewhere are named, ours sent, theirs kept in Sync conflicts", async () => {
    // Two copies of one sheet synced to the same server sheet (e.g. a copied spreadsheet with its settings).
    const a = loadAddon({ book: teamBook("Support", "O-CF1", "Shared sheet") });
    const b = loadAddon({ book: teamBook("Support", "O-CF1", "Shared sheet") });
    connect(a.addon, api.adminKey, "conflict-copies");
    connect(b.addon, api.adminKey, "conflict-copies");
    expect(a.addon.menuSyncNow()).toMatchObject({ ok: true, revision: 1, fullRows: 2 });

    // B has never synced (revision 0): 409, but the server's rows equal B's, so no conflict, nothing resent.
    const quiet = b.addon.menuSyncNow() as Record<string, unknown>;
    expect(quiet).toMatchObject({
      ok: true,
      revision: 1,
      rebasedOn: 1,
      conflicts: [],
      fullRows: 0,
      stubs: 2,
    });
    expect(b.gas.book.sheet("Sync conflicts")).toBeUndefined();

    // Both edit the key result's Current (column L); B also renames the objective.
    a.gas.book.sheet("Support")!.write(3, 12, [[6]]);
    expect(a.addon.menuSyncNow()).toMatchObject({ ok: true, revision: 2, fullRows: 1 });
    b.gas.book.sheet("Support")!.write(3, 12, [[7]]);
    b.gas.book.sheet("Support")!.write(2, 3, [["Shared sheet, renamed"]]);
    const outcome = b.addon.menuSyncNow() as {
      ok: boolean;
      message: string;
      revision: number;
      rebasedOn: number;
      conflicts: unknown[];
      fullRows: number;
    };
    expect(outcome).toMatchObject({ ok: true, revision: 3, rebasedOn: 2, fullRows: 2 });
    // Only the row both changed is a conflict; B's rename was B's alone.
    expect(outcome.conflicts).toEqual([{ id: "KR-O-CF1", kind: "changed", revision: 2 }]);
    expect(outcome.message).toContain(
      "1 rows were changed elsewhere since this sheet's last sync (KR-O-CF1): this sheet's version was sent, the other side is recorded in the 'Sync conflicts' sheet.",
    );
    expect(b.gas.ui.shown.at(-1)?.html).toContain("KR-O-CF1");

    // A's version is kept in B's spreadsheet, as plain text.
    const log = b.gas.book.sheet("Sync conflicts")!;
    const [header, line] = log.values();
    expect(header).toEqual([
      "When",
      "ID",
      "What happened",
      "Revision",
      "Their title",
      "Their current",
      "Their row (JSON)",
    ]);
    expect(line!.slice(1, 6)).toEqual([
      "KR-O-CF1",
      "Changed elsewhere: this sheet's version was sent; theirs is on this line",
      3,
      "Support: answer within 2 hours",
      6,
    ]);
    expect(JSON.parse(String(line![6]))).toMatchObject({ id: "KR-O-CF1", current: 6, start: 8, target: 2 });
    expect(log.formulas().flat().filter(Boolean)).toEqual([]);
    // The conflicts sheet is never taken for the OKR sheet.
    expect(b.addon.getQualityReport()).toMatchObject({ sheetName: "Support" });

    // The server holds B's sheet; B's next sync is clean.
    const stored = await getSheet("conflict-copies");
    expect(stored.revision).toBe(3);
    const byId = new Map(stored.rows.map((r) => [r.id, r]));
    expect(byId.get("KR-O-CF1")).toMatchObject({ current: 7 });
    expect(byId.get("O-CF1")).toMatchObject({ title: "Shared sheet, renamed" });
    expect(b.addon.menuSyncNow()).toMatchObject({ ok: true, revision: 3, fullRows: 0, stubs: 2 });
    expect(b.gas.book.sheet("Sync conflicts")!.values()).toHaveLength(2);
  });

  it("a row restored on the server but gone from the sheet is named and its version kept, not dropped silently", async () => {
    const team = loadAddon({ book: teamBook("Support", "O-RS1", "Restorable") });
    connect(team.addon, api.adminKey, "conflict-restore");
    expect(team.addon.menuSyncNow()).toMatchObject({ ok: true, revision: 1 });
    team.gas.book.sheet("Support")!.write(3, 1, [Array(12).fill("")]);
    expect(team.addon.menuSyncNow()).toMatchObject({ ok: true, revision: 2 });
    const restored = await api.request("/v1/sheets/conflict-restore/rows/KR-O-RS1/restore", {
      method: "POST",
    });
    expect(restored.status).toBe(200);

    const outcome = team.addon.menuSyncNow() as { ok: boolean; message: string; conflicts: unknown[] };
    expect(outcome).toMatchObject({ ok: true, revision: 4, rebasedOn: 3 });
    expect(outcome.conflicts).toEqual([{ id: "KR-O-RS1", kind: "absent", revision: 3 }]);
    expect(outcome.message).toContain("(KR-O-RS1)");
    const line = team.gas.book.sheet("Sync conflicts")!.values()[1]!;
    expect(line[2]).toMatch(/^Restored or added elsewhere but not in this sheet/);
    expect(line[4]).toBe("Support: answer within 2 hours");
    // Deleted again on the server, where it stays restorable.
    const stored = await getSheet("conflict-restore");
    expect(stored.rows.find((r) => r.id === "KR-O-RS1")).toMatchObject({ deleted: true });
  });

  it("check-ins the server could not take (offline, or a key result not synced yet) are sent by the next sync", async () => {
    const team = loadAddon({ book: teamBook("Support", "O-PC1", "Pending check-ins") });
    connect(team.addon, api.adminKey, "pending-checkins");
    expect(team.addon.menuSyncNow()).toMatchObject({ ok: true, revision: 1 });
    // A new key result, not on the server until the next sync: the API answers 404 for its check-in.
    team.gas.book
      .sheet("Support")!
      .write(4, 1, [["KR-PC2", "Key result", "Second KR", "O-PC1", "", "", "", "Ada", "", 0, 10, 1]]);
    const early = team.addon.submitCheckIn({ krId: "KR-PC2", value: 4, note: "before sync" }) as {
      ok: boolean;
      sent: boolean;
      message: string;
    };
    expect(early).toMatchObject({ ok: true, sent: false });
    // A sentence, never a raw HTTP line.
    expect(early.message).toBe(
      "Check-in saved in the sheet for KR-PC2: 4. Not sent to the server yet (the server does not have key result 'KR-PC2' until the next sync); the next sync sends it.",
    );
    // Offline for the next one.
    team.gas.intercept((url) => (url.includes("/check-ins") ? "network" : null));
    const offline = team.addon.submitCheckIn({ krId: "KR-O-PC1", value: 5, confidence: 0.5 }) as {
      sent: boolean;
    };
    expect(offline.sent).toBe(false);
    team.gas.intercept(null);
    const log = () => team.gas.book.sheet("Check-ins")!.values().slice(1);
    // Refused (404) and no answer (offline): both unsent.
    expect(log().map((r) => r[6])).toEqual(["…", ""]);

    const synced = team.addon.menuSyncNow() as { ok: boolean; checkInsSent: number; message: string };
    expect(synced).toMatchObject({ ok: true, revision: 2, checkInsSent: 2 });
    expect(synced.message).toContain("2 check-ins saved earlier were sent.");
    expect(log().map((r) => r[6])).toEqual(["✓", "✓"]);
    const history = async (kr: string) => {
      const response = await api.request(`/v1/key-results/${kr}/check-ins`);
      return ((await response.json()) as { checkIns: Record<string, unknown>[] }).checkIns;
    };
    expect(await history("KR-PC2")).toEqual([
      expect.objectContaining({ value: 4, note: "before sync", at: log()[0]![7] }),
    ]);
    expect(await history("KR-O-PC1")).toEqual([expect.objectContaining({ value: 5, confidence: 0.5 })]);
    // Sent once: the next sync has nothing left to send.
    expect(team.addon.menuSyncNow()).toMatchObject({ ok: true, checkInsSent: 0 });
    expect(await history("KR-PC2")).toHaveLength(1);

    // A check-in whose key result is gone from the sheet by the next sync is refused for good, once.
    const sheet = team.gas.book.sheet("Support")!;
    sheet.write(5, 1, [["KR-PC3", "Key result", "Short-lived", "O-PC1", "", "", "", "Ada", "", 0, 10, 1]]);
    expect(team.addon.submitCheckIn({ krId: "KR-PC3", value: 2 })).toMatchObject({ ok: true, sent: false });
    sheet.write(5, 1, [Array(12).fill("")]);
    expect(team.addon.menuSyncNow()).toMatchObject({ ok: true, checkInsSent: 0 });
    expect(log()[2]![6]).toBe("✗");
    const posts = () => team.gas.fetches.filter((f) => f.url.endsWith("/KR-PC3/check-ins")).length;
    const before = posts();
    team.addon.menuSyncNow();
    expect(posts()).toBe(before);
  });

  it("keeps the synced row hashes within the property quota, IDs in å, ä, ö included", () => {
    const book = new FakeWorkbook(undefined, "nordic-spreadsheet");
    book.addSheet("Mål", [
      HEADER,
      ...Array.from({ length: 400 }, (_, i) => [
        `MÅL-ÅÄÖÆØ-ÅÄÖ-${i}`,
        "Objective",
        `Mål nummer ${i}`,
        "",
        "",
        "Team",
        "Norden",
        "Åsa",
        "2026-Q4",
        "",
        "",
        "",
      ]),
    ]);
    const team = loadAddon({ book });
    connect(team.addon, api.adminKey, "nordic");
    // 400 lines of about 45 bytes: more than one 9 kB property value, and more bytes than characters.
    expect(team.addon.menuSyncNow()).toMatchObject({ ok: true, revision: 1, fullRows: 400 });
    const chunks = Object.entries(team.gas.documentProperties.getProperties()).filter(([key]) =>
      key.startsWith("okr.hashes."),
    );
    expect(chunks.length).toBeGreaterThan(1);
    // Read back whole: the next sync sends only stubs.
    expect(team.addon.menuSyncNow()).toMatchObject({ ok: true, revision: 1, fullRows: 0, stubs: 400 });
  });

  it("a property store too full for the hashes still syncs: the revision is kept, the next sync sends rows in full", () => {
    const team = loadAddon({ book: teamBook("Support", "O-FULL", "Crowded properties") });
    connect(team.addon, api.adminKey, "full-properties");
    // Someone else's data fills the store to a few bytes under its 500 kB quota.
    const used = () =>
      Object.entries(team.gas.documentProperties.getProperties()).reduce(
        (sum, [k, v]) => sum + Buffer.byteLength(k) + Buffer.byteLength(v),
        0,
      );
    for (let i = 0; used() < PROPERTY_STORE_BYTES - 9000; i++)
      team.gas.documentProperties.setProperty(`other.${i}`, "x".repeat(8000));
    team.gas.documentProperties.setProperty("other.last", "x".repeat(PROPERTY_STORE_BYTES - used() - 40));
    expect(team.addon.menuSyncNow()).toMatchObject({ ok: true, revision: 1, fullRows: 2 });
    expect(team.gas.documentProperties.getProperty("okr.revision")).toBe("1");
    expect(team.addon.menuSyncNow()).toMatchObject({ ok: true, revision: 1, fullRows: 2, stubs: 0 });
  });

  it("with an OKR tab per quarter, the tabs set up sync, whichever tab is active; none replaces another", async () => {
    const book = teamBook("OKRs Q4", "O-Q4", "This quarter");
    const q3 = book.addSheet("OKRs Q3", [
      HEADER,
      ["O-Q3", "Objective", "Last quarter", "", "", "Team", "Support", "Ada", "2026-Q3", "", "", ""],
    ]);
    const team = loadAddon({ book });
    connect(team.addon, api.adminKey, "quarters");
    team.addon.menuSetUpSheet();
    expect(team.addon.menuSyncNow()).toMatchObject({ ok: true, revision: 1, fullRows: 2 });
    // The user looks at last quarter's tab and syncs (or the hourly trigger runs): Q4 is still what syncs.
    book.active = q3;
    expect(team.addon.menuSyncNow()).toMatchObject({ ok: true, revision: 1, fullRows: 0, stubs: 2 });
    expect((await getSheet("quarters")).rows.map((r) => [r.id, r.deleted])).toEqual(
      expect.arrayContaining([
        ["O-Q4", false],
        ["KR-O-Q4", false],
      ]),
    );
    // Setting up the Q3 tab adopts it: from then on both tabs sync, one sheet on the server (issue 13).
    team.addon.menuSetUpSheet();
    expect(team.addon.menuSyncNow()).toMatchObject({ ok: true, revision: 2, fullRows: 1, stubs: 2 });
    const rows = new Map((await getSheet("quarters")).rows.map((r) => [r.id, r.deleted]));
    expect(Object.fromEntries(rows)).toEqual({ "O-Q3": false, "O-Q4": false, "KR-O-Q4": false });
  });

  it("retries 5xx and network errors with backoff, then reports clearly and leaves the sheet untouched", () => {
    const team = loadAddon({ book: teamBook("Support", "O-SU3", "Calmer queues") });
    connect(team.addon, api.writerKeys["team-support"]!, "team-support");
    team.addon.menuSetUpSheet();
    let failures = 2;
    team.gas.intercept((url) =>
      url.endsWith("/sync") && failures-- > 0
        ? { status: 503, body: '{"error":{"code":"unavailable","message":"try later"}}' }
        : null,
    );
    const recovered = team.addon.menuSyncNow() as { ok: boolean };
    expect(recovered.ok).toBe(true);
    expect(team.gas.sleeps).toEqual([500, 1000]);

    const before = team.gas.book.sheets.map((s) => s.values());
    const revision = team.gas.documentProperties.getProperty("okr.revision");
    team.gas.intercept(() => "network");
    const failed = team.addon.menuSyncNow() as { ok: boolean; message: string };
    expect(failed.ok).toBe(false);
    expect(failed.message).toBe(
      "Sync failed after 4 attempts: the OKR server at https://okr-api.test could not be reached; check the connection and try again. Nothing in the sheet was changed.",
    );
    expect(team.gas.book.sheets.map((s) => s.values())).toEqual(before);
    expect(team.gas.documentProperties.getProperty("okr.revision")).toBe(revision);
    expect(team.gas.ui.shown.at(-1)?.html).toContain("Sync failed after 4 attempts");
  });

  it("a second sync while one holds the document lock is refused, not run twice", () => {
    const team = loadAddon({ book: teamBook("Support", "O-SU4", "Fewer tickets") });
    connect(team.addon, api.writerKeys["team-support"]!, "team-support");
    team.gas.lock.held = true;
    const outcome = team.addon.menuSyncNow() as { ok: boolean; message: string };
    expect(outcome).toMatchObject({
      ok: false,
      message: "Another sync of this spreadsheet is running; try again in a minute.",
    });
    expect(team.gas.fetches).toHaveLength(0);
  });

  it("shows each problem once, trusts the server on links to other sheets, and keeps problems on an unchanged sync", () => {
    // Another team's sheet holds the key result a KPI of ours sits beside: unknown here, known on the server.
    const ops = loadAddon({ book: teamBook("Ops", "O-OPS", "Smooth operations") });
    connect(ops.addon, api.adminKey, "team-ops");
    ops.addon.menuSetUpSheet();
    expect((ops.addon.menuSyncNow() as { ok: boolean }).ok).toBe(true);

    const book = teamBook("Quality", "O-QA1", "Fewer defects");
    book
      .sheet("Quality")!
      .appendRow([
        "KPI-QA",
        "KPI",
        "Escalations from Ops",
        "KR-O-OPS",
        "",
        "",
        "Quality",
        "Ada",
        "2026-Q4",
        "",
        10,
        4,
      ]);
    // A key result under a key result: an error the parser and the server both find.
    book
      .sheet("Quality")!
      .appendRow([
        "KR-QA-LOOSE",
        "Key result",
        "Defects per release",
        "KR-O-QA1",
        "",
        "",
        "Quality",
        "Ada",
        "2026-Q4",
        10,
        2,
        6,
      ]);
    const team = loadAddon({ book });
    connect(team.addon, api.adminKey, "team-quality");
    team.addon.menuSetUpSheet();
    type Outcome = { ok: boolean; stubs: number; problems: { code: string; row: number | null }[] };
    const first = team.addon.menuSyncNow() as Outcome;
    expect(first.ok).toBe(true);
    const errors = (outcome: Outcome) =>
      outcome.problems.filter(
        (p) =>
          p.code === "missing_objective" ||
          p.code === "unknown_objective" ||
          p.code === "parent_is_key_result",
      );
    expect(errors(first)).toEqual([expect.objectContaining({ code: "parent_is_key_result", row: 5 })]);

    const again = team.addon.menuSyncNow() as Outcome;
    expect(again.stubs).toBe(4);
    expect(again.problems).toEqual(first.problems);
  });

  it("without an API, sync says how to connect", () => {
    const team = loadAddon({ book: teamBook("Support", "O-SU5", "Offline") });
    const outcome = team.addon.menuSyncNow() as { ok: boolean; message: string };
    expect(outcome).toEqual({
      ok: false,
      message: "Not connected: add the API URL and key in Settings.",
      problems: [],
    });
  });
});
