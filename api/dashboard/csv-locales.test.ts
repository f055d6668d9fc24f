// Every CSV the dashboard and the API offer, as a spreadsheet in each language opens it: a byte-order mark,
// the locale's separator (";" for sv and nb) and decimal comma, words in the chosen language. Opened by a
// spreadsheet library's CSV reader (exceljs, over fast-csv) with the locale's separator, each file gives the
// same values in every language.
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Language } from "../../shared/model.js";
import { caller } from "../../test/api/client.js";
import { full, objective, okrRow } from "../../test/api/rows.js";
import { createOrg, startTestApp } from "../../test/support/api-server.js";

const NOW = new Date("2026-11-10T12:00:00Z");
const BASE = "http://okr.test";
let env: Awaited<ReturnType<typeof startTestApp>>;
let cookie: string;
let adminKey: string;

beforeAll(async () => {
  env = await startTestApp({ now: () => NOW });
  adminKey = (await createOrg(env.store, "Acme", NOW)).adminKey;
  const api = caller((req) => env.app.request(req));
  const readerKey = await api.createKey(adminKey, { role: "reader" });
  const rows = [
    objective("Ö-1", {
      title: "Öka intäkterna; i Norden",
      level: "company",
      team: "Sälj",
      owner: "Åsa",
      row: 2,
    }),
    okrRow("Ö-KR", {
      objectiveId: "Ö-1",
      team: "Sälj",
      owner: "Åsa",
      title: 'Sälj "mer", 2026',
      current: 12.5,
      confidence: 0.75,
      row: 3,
    }),
    okrRow("Ö-KPI", {
      type: "kpi",
      krType: null,
      objectiveId: "Ö-1",
      team: "Sälj",
      kpiKind: "leading",
      title: "=1+1",
      start: 0.5,
      target: 0.9,
      threshold: "at least 90 %",
      current: 0.875,
      unit: "%",
      row: 4,
    }),
  ];
  expect(
    (await api.sync("s", adminKey, { baseRevision: 0, name: "Sälj", rows: rows.map(full) })).status,
  ).toBe(200);
  const signIn = await env.app.request(
    new Request(`${BASE}/dashboard/sign-in`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: BASE },
      body: new URLSearchParams({ key: readerKey, next: "/dashboard/tree" }).toString(),
      redirect: "manual",
    }),
  );
  cookie = `okr_session=${/okr_session=([^;]+)/.exec(signIn.headers.get("Set-Cookie") ?? "")![1]}`;
});
afterAll(() => env?.close());

const SEPARATOR: Record<Language, "," | ";"> = { en: ",", sv: ";", nb: ";" };

/** The file's bytes (the mark checked), opened as a spreadsheet does with the locale's separator. */
async function open(path: string, headers: Record<string, string>, separator: string): Promise<string[][]> {
  const res = await env.app.request(new Request(new URL(path, BASE), { headers }));
  expect(res.status, path).toBe(200);
  expect(res.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.slice(0, 3)], path).toEqual([0xef, 0xbb, 0xbf]);
  const text = new TextDecoder("utf-8").decode(bytes);
  const workbook = new ExcelJS.Workbook();
  // Cells as text, as Excel shows them before it reads numbers in its locale.
  const sheet = await workbook.csv.read(Readable.from([text]), {
    parserOptions: { delimiter: separator },
    map: (value: unknown) => value,
  });
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const cells: string[] = [];
    for (let i = 1; i <= sheet.columnCount; i++) cells.push(String(row.getCell(i).value ?? ""));
    rows.push(cells);
  });
  return rows;
}

/** A cell as a number in its locale ("0,875" in sv and nb), or its text. */
const cellValue = (cell: string, language: Language) => {
  const numeric = language === "en" ? cell : cell.replace(",", ".");
  return cell !== "" && /^-?\d+(\.\d+)?$/.test(numeric) ? Number(numeric) : cell;
};

const DASHBOARD_VIEWS = [
  "/dashboard/export.csv?view=tree&cycle=2026-Q4",
  "/dashboard/export.csv?view=teams&cycle=2026-Q4",
  "/dashboard/export.csv?view=insights&cycle=2026-Q4",
  `/dashboard/export.csv?view=objective&cycle=2026-Q4&id=${encodeURIComponent("Ö-1")}`,
  "/dashboard/export.csv?view=kpis&cycle=2026-Q4",
];

describe("CSVs in every language", () => {
  it("the dashboard's give the same values in en, sv and nb, each read with its separator", async () => {
    for (const view of DASHBOARD_VIEWS) {
      const opened = new Map<Language, string[][]>();
      for (const language of ["en", "sv", "nb"] as const)
        opened.set(language, await open(`${view}&lang=${language}`, { Cookie: cookie }, SEPARATOR[language]));
      const en = opened.get("en")!;
      expect(en.length, view).toBeGreaterThan(1);
      for (const language of ["sv", "nb"] as const) {
        const local = opened.get(language)!;
        expect(local.length, view).toBe(en.length);
        // Every line has as many cells as the header: no value was split on a comma or a semicolon.
        for (const line of local) expect(line.length, `${view} ${language}`).toBe(local[0]!.length);
        // Numbers are the same numbers; codes and words are the language's.
        for (const [r, line] of local.slice(1).entries())
          for (const [i, cell] of line.entries()) {
            const english = cellValue(en[r + 1]![i]!, "en");
            if (typeof english === "number")
              expect(cellValue(cell, language), `${view} ${language}`).toBe(english);
          }
      }
    }
  });

  it("write headers and codes in the chosen language, decimal commas where it uses them", async () => {
    const kpis = await open("/dashboard/export.csv?view=kpis&cycle=2026-Q4&lang=sv", { Cookie: cookie }, ";");
    expect(kpis[0]).toEqual([
      "Team",
      "Mål-ID",
      "Mål",
      "KPI-typ",
      "ID",
      "Titel",
      "Ägare",
      "Nuvarande",
      "Enhet",
      "Målvärde",
      "Gräns",
      "Läge",
      "Framsteg",
      "Senaste uppdatering",
    ]);
    expect(kpis[1]!.slice(3, 12)).toEqual([
      "Ledande",
      "Ö-KPI",
      "'=1+1",
      "Kari Nordmann",
      "0,875",
      "%",
      "0,9",
      "minst 90 %",
      "Utanför gränsen",
    ]);
    const tree = await open("/dashboard/export.csv?view=tree&cycle=2026-Q4&lang=nb", { Cookie: cookie }, ";");
    expect(tree[1]).toContain("Öka intäkterna; i Norden");
    expect(tree[1]).toContain("Selskap");
    const objective = await open(
      `/dashboard/export.csv?view=objective&cycle=2026-Q4&id=${encodeURIComponent("Ö-1")}&lang=en`,
      { Cookie: cookie },
      ",",
    );
    expect(objective[1]).toContain('Sälj "mer", 2026');
    expect(objective[1]).toContain("0.75");
    // A separator asked for wins over the language's.
    const comma = await open(
      "/dashboard/export.csv?view=tree&cycle=2026-Q4&lang=sv&separator=%2C",
      { Cookie: cookie },
      ",",
    );
    expect(comma[0]![0]).toBe("Cykel");
  });

  it("the API's rollup and since-review CSVs: a reader's file when a language is asked, machine names without", async () => {
    const auth = { Authorization: `Bearer ${adminKey}` };
    const machine = await open("/v1/rollup.csv?cycle=2026-Q4", auth, ",");
    expect(machine[0]!.slice(0, 3)).toEqual(["cycle", "id", "parent_id"]);
    expect(machine[1]).toContain("company");
    const sv = await open("/v1/rollup.csv?cycle=2026-Q4&language=sv", auth, ";");
    expect(sv[0]!.slice(0, 3)).toEqual(["Cykel", "ID", "Överordnat ID"]);
    expect(sv[1]).toContain("Företag");
    // The numbers (progress, depth, counts) are the machine file's.
    const numbers = (lines: string[][], language: Language) =>
      lines
        .slice(1)
        .map((line) => line.map((cell) => cellValue(cell, language)).filter((v) => typeof v === "number"));
    expect(numbers(sv, "sv")).toEqual(numbers(machine, "en"));
    expect(numbers(sv, "sv")[0]!.length).toBeGreaterThan(1);
    const since = await open("/v1/since-review.csv?from=2026-11-01&language=nb", auth, ";");
    expect(since[0]!.slice(0, 3)).toEqual(["Avsnitt", "Sort", "ID"]);
  });
});
