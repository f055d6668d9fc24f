// The owner's word end to end, through the built add-on in the strict double against the real API: a Swedish
// sheet with an Owner status column (a padded word in another case, an English word, an unknown word). Set up
// writes the sheet's own words, Check quality names the unknown word's row and column, sync sends the words, and
// the dashboard shows the same status as the sheet on every objective and key result, with the pace beside the
// owner's word where they differ.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OBJECTIVE_CSV_FIELDS } from "../../api/dashboard/export.js";
import { type CsvField, csvHeaderOf, ROLLUP_CSV_FIELDS, readerCsv } from "../../api/lib/csv.js";
import { STATUS_LABELS } from "../../shared/columns.js";
import { csvCode } from "../../shared/csv-locale.js";
import { quarterOf } from "../../shared/cycle.js";
import type { Status } from "../../shared/model.js";
import { parseSheet } from "../../shared/parse.js";
import { dashboardCookie as signIn } from "../support/dashboard-session.js";
import { type ApiChild, startApiChild } from "../support/gas/api-child.js";
import { ensureBuiltAddon } from "../support/gas/built-addon.js";
import { loadAddon } from "../support/gas/load-addon.js";
import { FakeWorkbook } from "../support/gas/spreadsheet.js";

const SHEET_ID = "owner-words";
let api: ApiChild;
beforeAll(async () => {
  await ensureBuiltAddon();
  api = await startApiChild([SHEET_ID]);
});
afterAll(async () => {
  await api?.stop();
});

// Today's quarter, so the cycle runs whenever the test does (a ended cycle shows grades instead).
const CYCLE = quarterOf(new Date().toISOString().slice(0, 10));

/** The sheet as the team wrote it: Swedish headers, the owners' words as people type them. */
const WRITTEN: unknown[][] = [
  ["ID", "Typ", "Titel", "Ägare", "Kvartal", "Startvärde", "Målvärde", "Nuvarande", "Ägarens status"],
  ["O-1", "Mål", "Glada kunder", "Åsa", CYCLE, "", "", "", " efter PLAN "],
  // Done by the numbers; its owner still says at risk, in English.
  ["KR-1", "Nyckelresultat", "Höj NPS till 40", "Åsa", "", 0, 10, 10, "At risk"],
  ["KR-2", "Nyckelresultat", "Svarstid 2 h", "Börje", "", 0, 10, 5, ""],
  // No status word: Check quality names it; the sheet and the dashboard show the pace.
  ["KR-3", "Nyckelresultat", "Tio nya kunder", "Cecilia", "", 0, 10, 3, "Grönt"],
];

/** What the sheet's Status column shows, by ID, as status codes. */
function sheetShows(book: FakeWorkbook): Map<string, { type: string; status: Status | undefined }> {
  const values = book.sheet("Sheet1")!.values();
  const parsed = parseSheet(values);
  const { columns } = parsed.layout!;
  const codeOf = new Map(Object.entries(STATUS_LABELS.sv).map(([status, word]) => [word, status as Status]));
  return new Map(
    parsed.rows.map((row) => [
      row.id,
      { type: row.type, status: codeOf.get(String(values[row.row - 1]![columns.status!])) },
    ]),
  );
}

async function dashboardCookie(): Promise<string> {
  return signIn((request) => fetch(request), api.url, api.adminKey);
}

async function dashboard(cookie: string, path: string): Promise<string> {
  const response = await fetch(`${api.url}${path}`, { headers: { Cookie: cookie, Connection: "close" } });
  expect(response.status, path).toBe(200);
  return response.text();
}

/** A dashboard CSV download (the session's English), as records by the columns' machine names. */
async function dashboardCsv(cookie: string, query: string, fields: readonly CsvField[]) {
  const [header, ...lines] = (await dashboard(cookie, `/dashboard/export.csv?${query}`))
    .trim()
    .split("\r\n")
    // No field of this sheet holds a comma or a quote.
    .map((line) => line.split(",").map((cell) => cell.replace(/^"(.*)"$/, "$1")));
  expect(header).toEqual(csvHeaderOf(fields, readerCsv("en")));
  return lines.map((cells) => Object.fromEntries(fields.map(([name], i) => [name, cells[i] ?? ""])));
}

describe("the owner's word, from the sheet to the dashboard", () => {
  it("Set up writes the sheet's words, Check quality names the unknown one, sync; the dashboard shows what the sheet shows", async () => {
    const book = new FakeWorkbook(undefined, `${SHEET_ID}-spreadsheet`);
    book.addSheet("Sheet1", WRITTEN);
    const { addon } = loadAddon({ book, upstreams: api.upstreams });
    const saved = addon.saveSettings({
      apiUrl: api.publicUrl,
      apiKey: api.writerKeys[SHEET_ID],
      sheetId: SHEET_ID,
    }) as { errors: string[] };
    expect(saved.errors).toEqual([]);
    addon.saveSettings({ language: "sv" });
    const setUp = addon.menuSetUpSheet() as { ok: boolean; message: string };
    expect(setUp.ok, setUp.message).toBe(true);

    // The sheet's own words now stand in the column (the unknown word is left as written).
    const values = book.sheet("Sheet1")!.values();
    const { columns } = parseSheet(values).layout!;
    expect(values.slice(1, 5).map((cells) => cells[columns.ownerStatus!])).toEqual([
      "Efter plan",
      "I riskzonen",
      "",
      "Grönt",
    ]);
    const report = addon.getQualityReport() as { problems: { code: string; row: number; message: string }[] };
    expect(report.problems.filter((p) => p.code === "unknown_value").map((p) => [p.row, p.message])).toEqual([
      [
        5,
        "Rad 5, Ägarens status: 'Grönt' är inte något av Ej påbörjad, Enligt plan, I riskzonen, Efter plan, Klar.",
      ],
    ]);

    // The sheet shows the owners' words where they gave one, the pace elsewhere.
    const shown = sheetShows(book);
    expect(shown.get("O-1")!.status).toBe("off_track");
    expect(shown.get("KR-1")!.status).toBe("at_risk");

    const synced = addon.menuSyncNow() as { ok: boolean; message: string };
    expect(synced.ok, synced.message).toBe(true);

    const cookie = await dashboardCookie();
    const tree = (await dashboardCsv(cookie, `view=tree&cycle=${CYCLE}`, ROLLUP_CSV_FIELDS)).filter(
      (line) => line.sheet_id === SHEET_ID,
    );
    expect(tree.map((line) => [line.id, line.status])).toEqual([["O-1", csvCode("off_track", "en")]]);
    const details = await dashboardCsv(cookie, "view=objective&id=O-1", OBJECTIVE_CSV_FIELDS);
    const keyResults = details.filter((line) => line.kind === csvCode("key_result", "en"));
    expect(keyResults.map((line) => line.id)).toEqual(["KR-1", "KR-2", "KR-3"]);
    for (const line of keyResults) {
      const status = shown.get(line.id!)!.status;
      expect(status, `the sheet shows a status for ${line.id}`).toBeDefined();
      expect(line.status, `status of ${line.id}`).toBe(csvCode(status!, "en"));
    }

    // The objective page: the owner's at risk with the pace (done) beside it, in the sheet's language.
    const page = (await dashboard(cookie, "/dashboard/objective?id=O-1&lang=sv")).replaceAll("&#39;", "'");
    const row = page.slice(
      page.indexOf("Höj NPS till 40"),
      page.indexOf("</tr>", page.indexOf("Höj NPS till 40")),
    );
    expect(row).toContain(STATUS_LABELS.sv.at_risk);
    expect(row).toContain("ägarens bedömning; takt: Klar");
  }, 120_000);
});
