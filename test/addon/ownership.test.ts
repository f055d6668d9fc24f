// A sheet owns its IDs, as the add-on shows it: a row whose ID another team's sheet holds is not synced, the
// problem is shown on that row's ID cell, and the row is sent in full again next time (not as a stub the
// server does not hold).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiChild, startApiChild } from "../support/gas/api-child.js";
import { ensureBuiltAddon } from "../support/gas/built-addon.js";
import { loadAddon } from "../support/gas/load-addon.js";
import { FakeWorkbook } from "../support/gas/spreadsheet.js";

let api: ApiChild;

beforeAll(async () => {
  await ensureBuiltAddon();
  api = await startApiChild(["team-a", "team-b"]);
});
afterAll(async () => {
  await api?.stop();
});

const HEADER = [
  "ID",
  "Type",
  "Title",
  "Objective",
  "Level",
  "Team",
  "Owner",
  "Cycle",
  "Start",
  "Target",
  "Current",
];

function book(team: string, rows: unknown[][]): FakeWorkbook {
  const workbook = new FakeWorkbook(undefined, `${team}-spreadsheet`);
  workbook.addSheet(team, [HEADER, ...rows]);
  return workbook;
}

type Outcome = {
  ok: boolean;
  message: string;
  fullRows: number;
  problems: { code: string; row: number | null; a1: string | null; message: string }[];
};

describe("an ID another sheet holds", () => {
  it("is refused on its row, shown on its ID cell, and sent in full again on the next sync", () => {
    const a = loadAddon({
      upstreams: api.upstreams,
      book: book("A", [
        ["O-OWN1", "Objective", "Own objective of A", "", "Team", "A", "Ann", "2026-Q4", "", "", ""],
        ["KR-OWN1", "Key result", "A's key result", "O-OWN1", "", "", "Ann", "", 0, 10, 5],
      ]),
    });
    const b = loadAddon({
      upstreams: api.upstreams,
      book: book("B", [
        ["O-B1", "Objective", "B's objective", "", "Team", "B", "Bo", "2026-Q4", "", "", ""],
        ["KR-B1", "Key result", "B's key result", "O-B1", "", "", "Bo", "", 0, 10, 2],
        // a row copied from A's sheet, ID and all
        ["KR-OWN1", "Key result", "Copied from A", "O-B1", "", "", "Bo", "", 0, 10, 9],
      ]),
    });
    for (const [addon, sheetId] of [
      [a.addon, "team-a"],
      [b.addon, "team-b"],
    ] as const)
      addon.saveSettings({ apiUrl: api.publicUrl, apiKey: api.writerKeys[sheetId]!, sheetId });
    expect((a.addon.menuSyncNow() as Outcome).ok).toBe(true);

    const first = b.addon.menuSyncNow() as Outcome;
    expect(first.ok, first.message).toBe(true);
    const refused = first.problems.filter((p) => p.code === "duplicate_id_across_sheets");
    expect(refused).toHaveLength(1);
    expect(refused[0]).toMatchObject({ row: 4, a1: "A4" });
    expect(refused[0]!.message).toContain("'KR-OWN1'");

    const syncsBefore = b.gas.fetches.filter((f) => f.url.endsWith("/sync")).length;
    const again = b.addon.menuSyncNow() as Outcome;
    expect(again).toMatchObject({ ok: true, fullRows: 1 });
    // one request: the refused row went in full, no 422 unknown_row_stub round trip
    expect(b.gas.fetches.filter((f) => f.url.endsWith("/sync")).length - syncsBefore).toBe(1);
    expect(again.problems.filter((p) => p.code === "duplicate_id_across_sheets")).toHaveLength(1);
  });
});
