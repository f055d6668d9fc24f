// Sheets as people write them (issue 12), through the built add-on in the strict double against the real API: the
// three layouts people use, in English, Swedish and Norwegian, with numbers typed as text in the language's
// notation. Set up adopts the sheet, Check quality has no error to report, sync sends it, and the dashboard (its
// own CSV downloads, what a leader takes into a spreadsheet) shows the same progress and status as the sheet on
// every objective and key result; Pull rollup works with the team lead's writer key. Rows added after Set up
// and fixed up by onEdit compute in the sheet what the server computes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { word } from "../../addon/words.js";
import { OBJECTIVE_CSV_FIELDS } from "../../api/dashboard/export.js";
import { type CsvField, csvHeaderOf, ROLLUP_CSV_FIELDS, readerCsv } from "../../api/lib/csv.js";
import { headerLabel, STATUS_LABELS, valueLabel } from "../../shared/columns.js";
import { csvCode } from "../../shared/csv-locale.js";
import { quarterOf } from "../../shared/cycle.js";
import { LANGUAGES, type Language, type Status } from "../../shared/model.js";
import { parseSheet } from "../../shared/parse.js";
import { dashboardCookie as signIn } from "../support/dashboard-session.js";
import { type ApiChild, startApiChild } from "../support/gas/api-child.js";
import { ensureBuiltAddon } from "../support/gas/built-addon.js";
import { type AddonGlobals, loadAddon } from "../support/gas/load-addon.js";
import { FakeWorkbook } from "../support/gas/spreadsheet.js";

const LAYOUTS = ["per-key-result", "tree", "by-title"] as const;
type Layout = (typeof LAYOUTS)[number];
const sheetIdOf = (layout: Layout, language: Language) => `${layout}-${language}`;

let api: ApiChild;
beforeAll(async () => {
  await ensureBuiltAddon();
  api = await startApiChild([
    ...LAYOUTS.flatMap((layout) => LANGUAGES.map((language) => sheetIdOf(layout, language))),
    "edited",
  ]);
});
afterAll(async () => {
  await api?.stop();
});

/** Numbers as people type them as text: "4,5" and "1 234" in Swedish and Norwegian, "4.5" and "1,234" in English. */
function typed(language: Language) {
  const decimal = language === "en" ? "." : ",";
  const group = language === "en" ? "," : language === "sv" ? " " : "\u00a0";
  return {
    fourAndAHalf: `4${decimal}5`,
    thousands: `1${group}234`,
    halfOfThousands: `617 ${language === "en" ? "USD" : "kr"}`,
    percent: language === "en" ? "45%" : "45 %",
  };
}

const WORDS: Record<
  Language,
  { objectives: [string, string]; krs: string[]; kpi: string; owners: string[] }
> = {
  en: {
    objectives: ["Delight our customers", "Grow revenue"],
    krs: ["Raise NPS from 20 to 40", "Cut reply time to 2 h", "Revenue 1,234 kUSD", "Win 10 new logos"],
    kpi: "Tickets per week",
    owners: ["Ada", "Bo", "Cy"],
  },
  sv: {
    objectives: ["Glada kunder", "Växande intäkter"],
    krs: ["Höj NPS från 20 till 40", "Svarstid ner till 2 h", "Intäkter 1 234 kkr", "Tio nya kunder"],
    kpi: "Ärenden per vecka",
    owners: ["Åsa", "Börje", "Cecilia"],
  },
  nb: {
    objectives: ["Fornøyde kunder", "Økte inntekter"],
    krs: ["Øk NPS fra 20 til 40", "Svartid ned til 2 t", "Inntekter 1 234 kkr", "Ti nye kunder"],
    kpi: "Henvendelser per uke",
    owners: ["Åse", "Bjørn", "Cathrine"],
  },
};

/** The sheet as a team wrote it, before the add-on ever saw it. */
function writtenSheet(layout: Layout, language: Language): unknown[][] {
  const h = (key: Parameters<typeof headerLabel>[0]) => headerLabel(key, language);
  const type = (t: "objective" | "key_result" | "kpi") => valueLabel("type", t, language);
  const n = typed(language);
  const w = WORDS[language];
  const [o1, o2] = w.objectives;
  const [ada, bo, cy] = w.owners as [string, string, string];
  // IDs are the organisation's: each sheet its own.
  const [id1, id2] = [`O-${language.toUpperCase()}1`, `O-${language.toUpperCase()}2`];
  switch (layout) {
    // The typical existing sheet: one row per key result, the objective's title in the first column; the
    // Progress and Status columns the team kept by hand.
    case "per-key-result":
      return [
        [
          type("objective"),
          type("key_result"),
          h("owner"),
          h("start"),
          h("target"),
          h("current"),
          h("progress"),
          h("status"),
        ],
        [o1, w.krs[0], ada, 20, 40, "30", "", ""],
        [o1, w.krs[1], bo, "8", "2", n.fourAndAHalf, "", ""],
        [o2, w.krs[2], cy, "0", n.thousands, n.halfOfThousands, n.percent, STATUS_LABELS[language].on_track],
        [o2, w.krs[3], cy, 0, 10, "", "", ""],
      ];
    // An objective row followed by its key results and a KPI, no IDs, no Objective column.
    case "tree":
      return [
        [h("type"), h("title"), h("owner"), h("cycle"), h("start"), h("target"), h("current")],
        [type("objective"), o1, ada, "2026-Q4", "", "", ""],
        ["KR", w.krs[0], ada, "", 20, 40, "30"],
        [` ${type("key_result")}`, w.krs[1], bo, "", "8", "2", n.fourAndAHalf],
        [type("kpi"), w.kpi, bo, "", "", 100, "80"],
        [type("objective").toUpperCase(), o2, cy, "2026-Q4 ", "", "", ""],
        [type("key_result"), w.krs[2], cy, "", "0", n.thousands, n.halfOfThousands],
        [type("key_result"), w.krs[3], cy, "", 0, 10, ""],
      ];
    // IDs on the objectives; key results name theirs by title (in another case, padded).
    case "by-title":
      return [
        [
          h("id"),
          h("type"),
          h("title"),
          h("objective"),
          h("owner"),
          h("cycle"),
          h("start"),
          h("target"),
          h("current"),
        ],
        [id1, type("objective"), o1, "", ada, "2026-Q4", "", "", ""],
        [id2, type("objective"), o2, "", cy, "2026-Q4", "", "", ""],
        ["", type("key_result"), w.krs[0], o1.toUpperCase(), ada, "", 20, 40, "30"],
        ["", type("key_result"), w.krs[1], ` ${o1} `, bo, "", "8", "2", n.fourAndAHalf],
        ["", type("key_result"), w.krs[2], o2, cy, "", "0", n.thousands, n.halfOfThousands],
        ["", type("key_result"), w.krs[3], o2.toLowerCase(), cy, "", 0, 10, ""],
      ];
  }
}

function connect(addon: AddonGlobals, sheetId: string) {
  const saved = addon.saveSettings({
    apiUrl: api.publicUrl,
    apiKey: api.writerKeys[sheetId],
    sheetId,
  }) as { errors: string[] };
  expect(saved.errors).toEqual([]);
}

/** What the sheet shows in its computed columns, by ID. */
function sheetShows(book: FakeWorkbook, tab: string, language: Language) {
  const values = book.sheet(tab)!.values();
  const parsed = parseSheet(values);
  const { columns } = parsed.layout!;
  const statusOf = new Map(Object.entries(STATUS_LABELS[language]).map(([status, word]) => [word, status]));
  return new Map(
    parsed.rows.map((row) => {
      const cells = values[row.row - 1]!;
      return [
        row.id,
        {
          type: row.type,
          progress: cells[columns.progress!] as number | "",
          status: statusOf.get(String(cells[columns.status!])) as Status | undefined,
        },
      ];
    }),
  );
}

/** A leader signed in to the dashboard (the admin's key: writer keys do not open the dashboard). */
async function dashboardCookie(): Promise<string> {
  return signIn((request) => fetch(request), api.url, api.adminKey);
}

/**
 * A CSV the dashboard offers for download (the reader's form, in English: the session's language), as records
 * keyed by the columns' machine names.
 */
async function dashboardCsv(
  cookie: string,
  query: string,
  fields: readonly CsvField[],
): Promise<Record<string, string>[]> {
  const response = await fetch(`${api.url}/dashboard/export.csv?${query}`, {
    headers: { Cookie: cookie, Connection: "close" },
  });
  expect(response.status, query).toBe(200);
  const [header, ...lines] = (await response.text()).trim().split("\r\n").map(splitCsv);
  const labels = csvHeaderOf(fields, readerCsv("en"));
  expect(header).toEqual(labels);
  return lines.map((cells) => Object.fromEntries(fields.map(([name], i) => [name, cells[i] ?? ""])));
}

function splitCsv(line: string): string[] {
  const cells: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      cells.push(cell);
      cell = "";
    } else cell += c;
  }
  cells.push(cell);
  return cells;
}

/**
 * Every objective and key result of the sheet, as the dashboard shows it, equals the sheet's Progress (the
 * dashboard's CSV rounds to four decimals) and Status. Returns how many cells were compared.
 */
async function expectDashboardAgrees(
  book: FakeWorkbook,
  tab: string,
  language: Language,
  sheetId: string,
  cycle: string,
): Promise<number> {
  const shown = sheetShows(book, tab, language);
  const cookie = await dashboardCookie();
  const tree = (await dashboardCsv(cookie, `view=tree&cycle=${cycle}`, ROLLUP_CSV_FIELDS)).filter(
    (line) => line.sheet_id === sheetId,
  );
  const objectives = [...shown].filter(([, row]) => row.type === "objective");
  expect(tree.map((line) => line.id).sort()).toEqual(objectives.map(([id]) => id).sort());
  let compared = 0;
  const agree = (
    what: string,
    sheet: { progress: number | ""; status?: Status },
    line: Record<string, string>,
  ) => {
    expect(typeof sheet.progress, `${what}: the sheet computes a progress`).toBe("number");
    expect(Number(line.progress), `${what} progress`).toBeCloseTo(sheet.progress as number, 4);
    expect(line.status, `${what} status`).toBe(sheet.status && csvCode(sheet.status, "en"));
    compared += 2;
  };
  for (const [id, sheet] of objectives) {
    agree(`objective ${id}`, sheet, tree.find((line) => line.id === id)!);
    const details = await dashboardCsv(
      cookie,
      `view=objective&id=${encodeURIComponent(id)}`,
      OBJECTIVE_CSV_FIELDS,
    );
    for (const line of details.filter((l) => l.kind === csvCode("key_result", "en"))) {
      const row = shown.get(line.id!);
      expect(row?.type, `key result ${line.id} is on the sheet`).toBe("key_result");
      agree(`key result ${line.id}`, row!, line);
    }
    const keyResults = [...shown].filter(([, row]) => row.type === "key_result");
    expect(details.filter((l) => l.kind === csvCode("key_result", "en")).length).toBeLessThanOrEqual(
      keyResults.length,
    );
  }
  const keyResultsOnDashboard = compared / 2 - objectives.length;
  expect(keyResultsOnDashboard, "every key result of the sheet is on the dashboard").toBe(
    [...shown].filter(([, row]) => row.type === "key_result").length,
  );
  return compared;
}

describe("the layouts people use, through the built add-on, in en/sv/nb", () => {
  for (const language of LANGUAGES)
    for (const layout of LAYOUTS)
      it(`${layout} in ${language}: Set up adopts it, Check quality finds no error, sync, the dashboard shows what the sheet shows`, async () => {
        const sheetId = sheetIdOf(layout, language);
        const book = new FakeWorkbook(undefined, `${sheetId}-spreadsheet`);
        book.addSheet("Sheet1", writtenSheet(layout, language));
        const { addon } = loadAddon({ book, upstreams: api.upstreams });
        connect(addon, sheetId);
        addon.saveSettings({ language });

        const setUp = addon.menuSetUpSheet() as {
          ok: boolean;
          rows: number;
          created: number;
          message: string;
        };
        expect(setUp.ok, setUp.message).toBe(true);
        // Adopted in place: no empty tab beside it.
        expect(book.sheets.filter((s) => !s.isSheetHidden()).map((s) => s.getName())).toEqual(["Sheet1"]);
        const tree = layout === "tree";
        expect(setUp.rows).toBe(tree ? 7 : 6);
        expect(setUp.created).toBe(layout === "per-key-result" ? 2 : 0);
        const today = new Date().toISOString().slice(0, 10);
        const cycle = layout === "per-key-result" ? quarterOf(today) : "2026-Q4";
        if (layout === "per-key-result") expect(setUp.message).toContain(cycle);

        // Every key result is linked (by title, by position): nothing blank, no objective without key results.
        const report = addon.getQualityReport() as {
          problems: { severity: string; code: string; message: string }[];
        };
        expect(report.problems.filter((p) => p.severity === "error")).toEqual([]);
        const codes = new Set(report.problems.map((p) => p.code));
        for (const code of [
          "missing_objective",
          "unknown_objective",
          "objective_without_key_results",
          "invalid_number",
        ])
          expect(codes.has(code), code).toBe(false);

        // The sheet computes every cell: numbers typed as text were written back as numbers.
        const shown = sheetShows(book, "Sheet1", language);
        const byTitle = (title: string) => {
          const parsed = parseSheet(book.sheet("Sheet1")!.values());
          return shown.get(parsed.rows.find((row) => row.title === title)!.id)!;
        };
        const w = WORDS[language];
        expect(byTitle(w.krs[1]!).progress).toBeCloseTo(3.5 / 6, 9);
        expect(byTitle(w.krs[2]!).progress).toBeCloseTo(0.5, 9);
        expect(byTitle(w.objectives[0]).progress).toBeCloseTo((0.5 + 3.5 / 6) / 2, 9);

        const synced = addon.menuSyncNow() as { ok: boolean; message: string };
        expect(synced.ok, synced.message).toBe(true);
        await expectDashboardAgrees(book, "Sheet1", language, sheetId, cycle);

        // The team lead's writer key pulls the organisation's rollup.
        const pulled = addon.menuPullRollup() as { ok: boolean; message: string };
        expect(pulled.ok, pulled.message).toBe(true);
        const rollupIds = book
          .sheet(word(language, "rollupSheet"))!
          .values()
          .map((r) => String(r[1]));
        for (const [id, row] of shown) if (row.type === "objective") expect(rollupIds).toContain(id);
      }, 120_000);
});

describe("rows added after Set up", () => {
  it("a key result typed below its objective (its Type as 'KR', a number as text, no cycle, no ID) is fixed by onEdit: sheet equals server", async () => {
    const book = new FakeWorkbook(undefined, "edited-spreadsheet");
    book.addSheet("Sheet1", writtenSheet("tree", "sv"));
    const { addon, simpleTrigger } = loadAddon({ book, upstreams: api.upstreams });
    connect(addon, "edited");
    addon.saveSettings({ language: "sv" });
    expect((addon.menuSetUpSheet() as { ok: boolean }).ok).toBe(true);
    const sheet = book.sheet("Sheet1")!;
    const { layout } = parseSheet(sheet.values());
    const { columns } = layout!;
    // Under the first objective's KPI (row 5): a new key result row inserted as row 6, typed by hand.
    const before = sheet.values();
    const row = before.length + 1;
    const cells: unknown[] = Array(before[0]!.length).fill("");
    cells[columns.type!] = "nr";
    cells[columns.title!] = "Nöjdhet 4 av 5";
    cells[columns.start!] = "0";
    cells[columns.target!] = "5";
    cells[columns.current!] = "4,5";
    sheet.write(row, 1, [cells]);
    simpleTrigger("onEdit", { range: sheet.getRange(row, 1, 1, cells.length) });

    const after = sheet.values()[row - 1]!;
    expect(after[columns.type!]).toBe("Nyckelresultat");
    expect(after[columns.current!]).toBe(4.5);
    expect(String(after[columns.id!])).toMatch(/^KR-/);
    // The objective above it in the sheet (the second one) and its cycle.
    expect(String(after[columns.objective!])).toContain(WORDS.sv.objectives[1]);
    expect(after[columns.cycle!]).toBe("2026-Q4");
    expect(after[columns.progress!]).toBeCloseTo(0.9, 9);

    const synced = addon.menuSyncNow() as { ok: boolean; message: string };
    expect(synced.ok, synced.message).toBe(true);
    await expectDashboardAgrees(book, "Sheet1", "sv", "edited", "2026-Q4");
  }, 120_000);
});
