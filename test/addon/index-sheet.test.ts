// The hidden OKR Index sheet (linear objective formulas, shared/formulas.ts indexSheetFormulas) and the As of cell
// written as a value (no volatile =TODAY() read by every row), through the strict double: what Set up leaves, how
// the index grows when rows are typed past it, and when the add-on writes the day.
import { beforeAll, describe, expect, it } from "vitest";
import { dayNumber, SHEET_EPOCH_OFFSET } from "../../shared/cycle.js";
import {
  INDEX_CELLS,
  INDEX_KEYS_RANGE,
  INDEX_RANGE,
  INDEX_SHEET,
  SETTINGS_SHEET,
} from "../../shared/formulas.js";
import { parseSheet } from "../../shared/parse.js";
import { computeRows } from "../../shared/progress.js";
import { ensureBuiltAddon } from "../support/gas/built-addon.js";
import { loadAddon } from "../support/gas/load-addon.js";
import type { FakeWorkbook } from "../support/gas/spreadsheet.js";
import { linkKeyResults, teamWorkbook } from "./fixtures.js";

beforeAll(() => ensureBuiltAddon());

const serial = (iso: string) => dayNumber(iso) + SHEET_EPOCH_OFFSET;
const HEALTH_COLUMN = INDEX_CELLS.health.charCodeAt(1) - 65;

function setUpTeam(book: FakeWorkbook = teamWorkbook()) {
  const loaded = loadAddon({ book });
  loaded.addon.menuSetUpSheet();
  linkKeyResults(book);
  loaded.addon.menuSetUpSheet();
  return { ...loaded, book, team: book.sheet("Team")! };
}

function objectiveProgress(book: FakeWorkbook): { sheet: unknown; engine: number | null } {
  const values = book.sheet("Team")!.values();
  const parsed = parseSheet(values);
  const objective = parsed.rows.find((row) => row.type === "objective")!;
  const computed = computeRows(parsed.rows, { asOf: "2026-11-02" });
  return {
    sheet: values[objective.row - 1]![parsed.layout!.columns.progress!],
    engine: computed.get(objective.id)!.progress,
  };
}

describe("the OKR Index sheet", () => {
  it("Set up writes it hidden, names its totals, leaves the OKR sheet active, and objectives look up there", () => {
    const book = teamWorkbook();
    book.now = () => new Date("2026-11-02T09:00:00Z");
    const { team } = setUpTeam(book);
    const index = book.sheet(INDEX_SHEET)!;
    expect(index.hidden).toBe(true);
    expect(book.active?.name).toBe("Team");
    // The SORT reads the OKR sheet from row 1 to its grid's last row, which is kept blank.
    const anchor = index.formulas()[0]![0]!;
    expect(anchor).toMatch(/^=SORT\(HSTACK\(/);
    expect(anchor).toContain(`$${team.getMaxRows()}`);
    expect(team.values()[team.getMaxRows() - 1] ?? []).toEqual([]);
    // The named range covers the chain: the rows in use, 20 more, and one.
    const named = book.namedRanges.get(INDEX_RANGE)!;
    expect({ row: named.row, column: named.column, rows: named.numRows, columns: named.numColumns }).toEqual({
      row: 1,
      column: 13,
      rows: team.getLastRow() + 21,
      columns: 3,
    });
    // The sorted keys objectives find their group number in: column R, as long as the chain.
    const keys = book.namedRanges.get(INDEX_KEYS_RANGE)!;
    expect({ row: keys.row, column: keys.column, rows: keys.numRows, columns: keys.numColumns }).toEqual({
      row: 1,
      column: 18,
      rows: named.numRows,
      columns: 1,
    });
    expect(index.values()[0]![HEALTH_COLUMN]).toBe(0);
    const values = team.values();
    const parsed = parseSheet(values);
    const objective = parsed.rows.find((row) => row.type === "objective")!;
    const formula = team.formulas()[objective.row - 1]![parsed.layout!.columns.progress!]!;
    expect(formula).toContain(INDEX_RANGE);
    expect(formula).not.toContain("SUMIFS");
    const { sheet, engine } = objectiveProgress(book);
    expect(sheet).toBeCloseTo(engine!, 9);
    expect(engine).toBeCloseTo((0.5 * 2 + 0.5 + 1) / 4, 9);
  });

  it("a key result typed into the sheet's last row grows the index on that edit, and the objective counts it", () => {
    const book = teamWorkbook();
    book.now = () => new Date("2026-11-02T09:00:00Z");
    const { team, simpleTrigger } = setUpTeam(book);
    const last = team.getMaxRows();
    const header = team.values()[0]!.map(String);
    const column = (name: string) => header.indexOf(name) + 1;
    const objectiveId = team.values()[1]![column("ID") - 1];
    team.write(last, column("Type"), [["Key result"]]);
    team.write(last, column("Title"), [["Answer every review"]]);
    team.write(last, column("Objective"), [[objectiveId]]);
    team.write(last, column("Target"), [[10]]);
    team.write(last, column("Current"), [[0]]);
    simpleTrigger("onEdit", { range: team.getRange(last, 1, 1, header.length) });
    // The grid grew by a blank row, and the index reads to it.
    expect(team.getMaxRows()).toBe(last + 1);
    const index = book.sheet(INDEX_SHEET)!;
    expect(index.formulas()[0]![0]).toContain(`$${last + 1})`);
    expect(book.namedRanges.get(INDEX_RANGE)!.numRows).toBe(last + 2);
    expect(index.values()[0]![HEALTH_COLUMN]).toBe(0);
    const { sheet, engine } = objectiveProgress(book);
    // (0.5*2 + 0.5 + 1 + 0) / 5 with the new key result at 0.
    expect(engine).toBeCloseTo((0.5 * 2 + 0.5 + 1) / 5, 9);
    expect(sheet).toBeCloseTo(engine!, 9);
  });

  it("an edit inside the index's range rewrites nothing on the index sheet", () => {
    const { book, team, simpleTrigger } = setUpTeam();
    const index = book.sheet(INDEX_SHEET)!;
    const before = { formulas: index.formulas(), named: book.namedRanges.get(INDEX_RANGE)!.numRows };
    const header = team.values()[0]!.map(String);
    team.write(3, header.indexOf("Current") + 1, [[35]]);
    simpleTrigger("onEdit", { range: team.getRange(3, header.indexOf("Current") + 1) });
    expect({ formulas: index.formulas(), named: book.namedRanges.get(INDEX_RANGE)!.numRows }).toEqual(before);
  });
});

describe("the As of cell", () => {
  it("holds the day as a value, written again by the first edit of a new day, never by onOpen in NONE", () => {
    const book = teamWorkbook();
    book.timeZone = "Europe/Stockholm";
    book.now = () => new Date("2026-11-02T09:00:00Z");
    const { team, simpleTrigger } = setUpTeam(book);
    const settings = book.sheet(SETTINGS_SHEET)!;
    expect(settings.formulas()[0]?.[1] ?? "").toBe("");
    expect(settings.values()[0]![1]).toBe(serial("2026-11-02"));
    const expectedColumn = parseSheet(team.values()).layout!.columns.expected!;
    const expectedOn = () => team.values()[1]![expectedColumn] as number;
    const before = expectedOn();

    // 23:30 UTC is the next day in Stockholm: onOpen before the add-on is used here (NONE) writes nothing.
    book.now = () => new Date("2026-11-02T23:30:00Z");
    simpleTrigger("onOpen", {}, "NONE");
    expect(settings.values()[0]![1]).toBe(serial("2026-11-02"));
    // The first edit of the day writes it, and Expected moves with it.
    simpleTrigger("onEdit", { range: team.getRange(3, 2) });
    expect(settings.values()[0]![1]).toBe(serial("2026-11-03"));
    expect(expectedOn()).toBeGreaterThan(before);
    // Another edit that day writes nothing.
    const written = settings.serialized();
    simpleTrigger("onEdit", { range: team.getRange(3, 2) });
    expect(settings.serialized()).toEqual(written);
  });

  it("a sheet still holding =TODAY() (set up by an earlier version) gets the value at the next onOpen", () => {
    const book = teamWorkbook();
    book.now = () => new Date("2026-11-02T09:00:00Z");
    const { simpleTrigger } = setUpTeam(book);
    const settings = book.sheet(SETTINGS_SHEET)!;
    settings.write(1, 2, [["=TODAY()"]]);
    simpleTrigger("onOpen", {}, "LIMITED");
    expect(settings.formulas()[0]?.[1] ?? "").toBe("");
    expect(settings.values()[0]![1]).toBe(serial("2026-11-02"));
  });
});
