// The downloaded .xlsx, recalculated by a real spreadsheet engine: the workbook's own formulas and tabs
// (read back from the file with exceljs) loaded into HyperFormula configured like Sheets give what the
// shared engine computes, for every demo sheet and the templates in en/sv/nb, and the recalculated sheet
// parses back to the same rows. The file also carries the
// dropdowns, formats and hidden helpers Set up makes, and importing it again is the same sheet, unchanged.
import ExcelJS from "exceljs";
import type { RawCellContent } from "hyperformula";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sheetSerial } from "../../shared/cycle.js";
import { columnLetter, SETTINGS_SHEET } from "../../shared/formulas.js";
import { LANGUAGES, type Language, type OkrRow, type Status } from "../../shared/model.js";
import { parseSheet } from "../../shared/parse.js";
import { computeRows } from "../../shared/progress.js";
import { CATALOG_SHEET, STATUS_LABELS } from "../../shared/sheet-setup.js";
import { sheetStatus } from "../../shared/sheet-status.js";
import { createOrg, startBackend, type TestBackend } from "../../test/support/api-server.js";
import { createSheetsLikeEngine, sheetValues } from "../../test/support/hyperformula.js";
import { DEFAULT_CONFIG } from "../app/config.js";
import { inProcessApi } from "../app/in-process.js";
import { loadDemoSheets } from "../demo/sheets.js";
import { fileFromBytes, importFiles } from "../import/index.js";
import { exportSheet } from "./index.js";
import { buildWorkbook, templateRows } from "./workbook.js";

const AS_OF = "2026-11-24";
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/** Every tab of an .xlsx as HyperFormula input: formulas as "=...", dates as serials, values as they are. */
async function workbookSheets(bytes: Uint8Array) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as never);
  const sheets: Record<string, RawCellContent[][]> = {};
  workbook.eachSheet((sheet) => {
    const grid: RawCellContent[][] = [];
    sheet.eachRow({ includeEmpty: false }, (row, r) => {
      const cells: RawCellContent[] = [];
      row.eachCell({ includeEmpty: false }, (cell, c) => {
        const value = cell.value;
        if (value instanceof Date) cells[c - 1] = (value.getTime() - EXCEL_EPOCH) / 86_400_000;
        else if (value !== null && typeof value === "object" && "formula" in value)
          cells[c - 1] = `=${value.formula}`;
        // Text stays text (an apostrophe, as typed in a sheet): HyperFormula would read "2026" as a number.
        else if (typeof value === "string") cells[c - 1] = `'${value}`;
        else cells[c - 1] = value as RawCellContent;
      });
      grid[r - 1] = cells;
    });
    for (let r = 0; r < grid.length; r++) grid[r] ??= [];
    sheets[sheet.name] = grid;
  });
  return { workbook, sheets };
}

/** The workbook recalculated as of AS_OF, and each data row's Progress, Expected and Status next to computeRows. */
async function recalculated(rows: readonly OkrRow[], language: Language, name: string) {
  const bytes = await buildWorkbook({ sheetId: "s1", name, language, rows, catalog: [], asOf: AS_OF });
  const { workbook, sheets } = await workbookSheets(bytes);
  const tab = workbook.worksheets[0]!.name;
  expect(sheets[SETTINGS_SHEET]![0]![1]).toBe("=TODAY()");
  // The live sheet's =TODAY(), pinned to the day the engine is compared on.
  sheets[SETTINGS_SHEET]![0]![1] = sheetSerial(AS_OF);
  const engine = createSheetsLikeEngine(sheets);
  const values = sheetValues(engine, tab);
  engine.destroy();
  return { bytes, workbook, tab, values };
}

describe("the exported workbook, recalculated by HyperFormula", () => {
  const cases: [string, Language, OkrRow[]][] = [
    ...loadDemoSheets(AS_OF).map((sheet): [string, Language, OkrRow[]] => [
      sheet.name,
      sheet.language,
      sheet.rows,
    ]),
    ...LANGUAGES.map((language): [string, Language, OkrRow[]] => [
      `template ${language}`,
      language,
      templateRows(language, "2026-Q4"),
    ]),
  ];

  it.each(cases)(
    "%s: every Progress, Expected and Status equals the shared engine's",
    async (name, language, rows) => {
      const { values } = await recalculated(rows, language, name);
      const parsed = parseSheet(values);
      expect(parsed.layout).not.toBeNull();
      const { columns } = parsed.layout!;
      const expected = computeRows(rows, { asOf: AS_OF });
      let compared = 0;
      for (const row of rows) {
        const cells = values[row.row - 1]!;
        const want = expected.get(row.id)!;
        const progress = cells[columns.progress!];
        const share = cells[columns.expected!];
        if (want.progress === null) expect(progress, `${row.id} progress`).toBe("");
        else expect(progress as number, `${row.id} progress`).toBeCloseTo(want.progress, 9);
        if (want.expected === null) expect(share, `${row.id} expected`).toBe("");
        else expect(share as number, `${row.id} expected`).toBeCloseTo(want.expected, 9);
        expect(cells[columns.status!], `${row.id} status`).toBe(STATUS_LABELS[language][want.status]);
        compared++;
      }
      expect(compared).toBe(rows.length);
      // Parsed back from the recalculated sheet: the same rows, hash for hash (row numbers kept).
      // (HyperFormula rounds what it holds to 15 digits: 0.011000000000000001 comes back as 0.011.)
      const round = (row: OkrRow) =>
        Object.fromEntries(
          Object.entries(row).map(([key, value]) => [
            key,
            typeof value === "number" ? Number(value.toPrecision(12)) : value,
          ]),
        );
      expect(parsed.rows.map(round)).toEqual([...rows].sort((a, b) => a.row - b.row).map(round));
    },
  );

  it("carries the owner's word: an Owner status column where an owner set one, the sheet's Status showing it, read back the same", async () => {
    const rows = templateRows("sv", "2026-Q4");
    const keyResults = rows.filter((row) => row.type === "key_result");
    expect(keyResults.length).toBeGreaterThan(1);
    const said = new Map<string, Status>([
      [keyResults[0]!.id, "off_track"],
      [keyResults[1]!.id, "on_track"],
    ]);
    const withWord = rows.map((row) => (said.has(row.id) ? { ...row, ownerStatus: said.get(row.id)! } : row));
    const { values } = await recalculated(withWord, "sv", "Ägarens ord");
    const parsed = parseSheet(values);
    const { columns } = parsed.layout!;
    expect(columns.ownerStatus).toBeGreaterThan(columns.confidence!);
    const computed = computeRows(withWord, { asOf: AS_OF });
    for (const row of withWord) {
      const cells = values[row.row - 1]!;
      expect(cells[columns.status!], `${row.id} status`).toBe(
        sheetStatus(row, computed.get(row.id)!, {
          asOf: AS_OF,
          language: "sv",
          ownerStatus: cells[columns.ownerStatus!],
        }),
      );
      if (said.has(row.id)) expect(cells[columns.status!]).toBe(STATUS_LABELS.sv[said.get(row.id)!]);
    }
    expect(parsed.rows.filter((row) => row.ownerStatus).map((row) => [row.id, row.ownerStatus])).toEqual([
      ...said,
    ]);
    // Without any owner's word the file has no such column (Set up adds it on demand).
    const plain = parseSheet((await recalculated(rows, "sv", "Utan")).values);
    expect(plain.layout!.columns.ownerStatus).toBeUndefined();
  });

  it("carries what Set up makes: dropdowns, formats, frozen header, hidden helpers and tabs", async () => {
    const rows = loadDemoSheets(AS_OF).find((sheet) => sheet.sheetId === "demo-kundframgang")!.rows;
    const bytes = await buildWorkbook({
      sheetId: "demo-kundframgang",
      name: "Kundframgång",
      language: "sv",
      rows,
      catalog: [
        {
          id: "O-C1",
          title: "Växa i Norden",
          team: "Ledning",
          cycle: "2026-Q4",
          level: "company",
          alignsTo: null,
          contributesTo: [],
        },
      ],
      asOf: AS_OF,
    });
    const { workbook } = await workbookSheets(bytes);
    expect(workbook.worksheets.map((sheet) => [sheet.name, sheet.state])).toEqual([
      ["Kundframgång", "visible"],
      [SETTINGS_SHEET, "hidden"],
      [CATALOG_SHEET, "hidden"],
    ]);
    const sheet = workbook.worksheets[0]!;
    // The demo sheet's rows start below a title row: the header stands above its first row, as in the file.
    const headerRow = Math.min(...rows.map((row) => row.row)) - 1;
    expect(headerRow).toBeGreaterThan(1);
    expect(sheet.getCell(1, 1).value).toBe("Kundframgång");
    const header = (sheet.getRow(headerRow).values as unknown[]).slice(1);
    expect(header).toContain("Typ");
    expect(header).toContain("Förloppsstapel");
    const col = (label: string) => header.indexOf(label) + 1;
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: headerRow });
    expect(sheet.getColumn(col("OKR helper: weight")).hidden).toBe(true);
    expect(sheet.getColumn(col("OKR helper: weighted progress")).hidden).toBe(true);
    const first = headerRow + 1;
    expect(sheet.getCell(first, col("Framsteg")).numFmt).toBe("0%");
    const validation = (label: string) => sheet.getCell(first, col(label)).dataValidation;
    expect(validation("Typ")).toMatchObject({ type: "list", formulae: ['"Mål,Nyckelresultat,KPI"'] });
    expect(validation("Stödjer")).toMatchObject({ type: "list", formulae: [`'${CATALOG_SHEET}'!$H$2:$H$2`] });
    expect(workbook.definedNames.model).toEqual([
      // One entry: exceljs writes the one-cell range as a cell.
      { name: "OKR_CATALOG_IDS", ranges: [`'${CATALOG_SHEET}'!$H$2`] },
    ]);
    const formats = (
      sheet as unknown as { conditionalFormattings: { ref: string; rules: { formulae?: string[] }[] }[] }
    ).conditionalFormattings;
    const statusColumn = columnLetter(col("Status") - 1);
    const rules = formats.find((format) => format.ref.startsWith(statusColumn))!.rules;
    expect(rules.map((rule) => rule.formulae?.[0]).sort()).toEqual(
      Object.values(STATUS_LABELS.sv)
        .map((label) => `"${label}"`)
        .sort(),
    );
  });
});

describe("a downloaded sheet imported again", () => {
  let backend: TestBackend;
  beforeAll(async () => {
    backend = await startBackend();
  });
  afterAll(() => backend?.close());

  it("is the same sheet (its ID travels in the file), unchanged", async () => {
    const { orgId, adminKey } = await createOrg(backend.store, "Round trip AB");
    const deps = { store: backend.store, now: () => new Date(`${AS_OF}T09:00:00Z`), config: DEFAULT_CONFIG };
    const connect = async () => ({ api: inProcessApi(deps), key: adminKey });
    const sheet = loadDemoSheets(AS_OF).find((s) => s.sheetId === "demo-sales")!;
    const csv = [
      ["Notes: the sales team's sheet"],
      [],
      [
        "ID",
        "Type",
        "Title",
        "Objective",
        "Aligns to",
        "Cycle",
        "Start",
        "Target",
        "Current",
        "KR type",
        "Confidence",
      ],
      ...sheet.rows.map((row) => [
        row.id,
        row.type,
        row.title,
        row.objectiveId ?? "",
        row.alignsTo ?? "",
        row.cycle,
        row.start ?? "",
        row.target ?? "",
        row.current ?? "",
        row.krType ?? "",
        row.confidence ?? "",
      ]),
    ]
      .map((cells) => cells.map((cell) => `"${String(cell).replace(/"/g, '""')}"`).join(","))
      .join("\n");
    const first = await importFiles([fileFromBytes("Sales team.csv", new TextEncoder().encode(csv))], {
      language: "en",
      connect,
    });
    expect(first.ok).toBe(true);
    const bytes = (await exportSheet(deps, orgId, "sales-team", "nb"))!;
    const again = await importFiles([fileFromBytes("whatever-name.xlsx", bytes)], {
      language: "en",
      connect,
    });
    expect(again.sheets).toHaveLength(1);
    expect(again.sheets[0]).toMatchObject({
      sheetId: "sales-team",
      ok: true,
      unchangedSheet: true,
      revision: 1,
    });
  });
});
