// The proof that the sheet and the server agree: random valid sheets get the generated formulas, a real
// spreadsheet engine (HyperFormula, configured like Sheets) evaluates them, and every computed cell must equal
// what shared/ computes, before and after sorting rows and inserting a row, and after parsing the sheet back.
// Both ways objectives aggregate are proven: through the hidden index sheet (what Set up writes) and SUMIFS
// (the .xlsx export, and sheets set up before the index).
import fc from "fast-check";
import type { HyperFormula, RawCellContent } from "hyperformula";
import { describe, expect, it } from "vitest";
import { headerLabel, statusLabel, valueLabel } from "../shared/columns.js";
import { isoFromDayNumber, parseCycle } from "../shared/cycle.js";
import {
  type Aggregation,
  type FormulaContext,
  type FormulaLabels,
  GRADE_SEPARATOR,
  HELPER_HEADERS,
  INDEX_CELLS,
  INDEX_SHEET,
} from "../shared/formulas.js";
import {
  type ColumnKey,
  type CycleWindow,
  DEFAULT_THRESHOLDS,
  type KrType,
  type Language,
  type OkrRow,
  type SheetLayout,
  type Status,
  type StatusThresholds,
} from "../shared/model.js";
import { parseSheet } from "../shared/parse.js";
import { type ComputedRow, computeRows } from "../shared/progress.js";
import { formulaLabels } from "../shared/sheet-setup.js";
import { ownerStatusOf, sheetStatus } from "../shared/sheet-status.js";
import { FORMULA_INPUT_COLUMNS, formulaWorkbook } from "./support/formula-sheets.js";
import { createSheetsLikeEngine, sheetValues } from "./support/hyperformula.js";

const SHEET = "OKR";
const CYCLES = ["2026-Q4", "2026-H2", "2026-10-15..2026-12-15", "someday"] as const;
const INPUT_COLUMNS = FORMULA_INPUT_COLUMNS;
const OUTPUT_COLUMNS: ColumnKey[] = ["progress", "expected", "status"];

const labelsFor = (language: Language): FormulaLabels => formulaLabels(language);

/** A row as cells in the sheet, and as the engine's model. */
interface GeneratedRow {
  row: OkrRow;
  current: RawCellContent;
  /** The Owner status and Grade cells (when the sheet has those columns). */
  ownerStatus?: RawCellContent;
  grade?: RawCellContent;
}

// Values as a sheet holds them: integers and decimals to six places.
const number = fc.oneof(
  fc.integer({ min: -50, max: 200 }),
  fc
    .double({ min: -1000, max: 1000, noNaN: true, noDefaultInfinity: true })
    .map((x) => Math.round(x * 1e6) / 1e6),
);
const optionalNumber = fc.option(number, { nil: null });
// A percent key result's values are fractions (45 % is 0.45), as a cell formatted as percent holds them.
const optionalFraction = fc.option(
  fc.double({ min: -1, max: 1, noNaN: true }).map((x) => Math.round(x * 1e4) / 1e4),
  { nil: null },
);
const cycle = fc.constantFrom(...CYCLES);

const keyResultArb = fc.record({
  krType: fc.constantFrom<KrType>("numeric", "percent", "binary", "milestone"),
  start: optionalNumber,
  target: fc.oneof(optionalNumber, fc.integer({ min: 1, max: 6 })),
  current: optionalNumber,
  fractions: fc.record({ start: optionalFraction, target: optionalFraction, current: optionalFraction }),
  binaryCurrent: fc.constantFrom<RawCellContent>(null, 0, 1, 3, true, false, "ja", "Done", "no", "nei"),
  weight: fc.constantFrom<number | null>(null, 0, 1, 2, 0.5),
  sameAsStart: fc.boolean(),
  cycle,
});

const sheetArb = fc.record({
  objectives: fc.array(
    fc.record({
      cycle,
      keyResults: fc.array(keyResultArb, { maxLength: 4 }),
      kpis: fc.array(
        fc.record({ start: optionalNumber, target: optionalNumber, current: optionalNumber, cycle }),
        { maxLength: 2 },
      ),
    }),
    { minLength: 1, maxLength: 4 },
  ),
  order: fc.array(fc.nat(), { minLength: 20, maxLength: 20 }),
  junkColumns: fc.nat({ max: 2 }),
  asOfDay: fc.integer({ min: 20_666, max: 20_850 }), // 2026-07-31 .. 2027-01-31
  language: fc.constantFrom<Language>("en", "sv", "nb"),
  thresholds: fc.constantFrom<StatusThresholds>(DEFAULT_THRESHOLDS, { atRiskGap: 0.05, offTrackGap: 0.2 }),
  // Type-specific formulas (what Set up writes) or the generic ones that branch on Type in every row.
  typed: fc.boolean(),
  aggregation: fc.constantFrom<Aggregation>("index", "sumifs"),
  // The on-demand columns: the owner's word over the pace, and grades frozen by Close cycle.
  ownerAndGrade: fc.boolean(),
  marks: fc.array(
    fc.record({
      owner: fc.constantFrom<Status | "" | "junk" | "padded" | null>(
        null,
        null,
        "",
        "on_track",
        "at_risk",
        "off_track",
        "done",
        "not_started",
        "junk",
        "padded",
      ),
      grade: fc.option(
        fc.oneof(
          fc.double({ min: -0.2, max: 1.3, noNaN: true }).map((x) => Math.round(x * 100) / 100),
          fc.constantFrom<RawCellContent>("n/a", true),
        ),
        { nil: null, freq: 3 },
      ),
    }),
    { minLength: 20, maxLength: 20 },
  ),
});

type SheetSpec = typeof sheetArb extends fc.Arbitrary<infer T> ? T : never;

function binaryValue(cell: RawCellContent): number | null {
  if (cell === null) return null;
  if (typeof cell === "boolean") return cell ? 1 : 0;
  if (typeof cell === "number") return cell;
  return ["ja", "done"].includes(String(cell).toLowerCase()) ? 1 : 0;
}

function generateRows(spec: SheetSpec): GeneratedRow[] {
  const rows: GeneratedRow[] = [];
  const base = {
    title: "t",
    alignsTo: null,
    contributesTo: [],
    level: null,
    team: "",
    owner: "",
    unit: "",
    confidence: null,
    kpiKind: null,
    notes: "",
  };
  spec.objectives.forEach((objective, o) => {
    const objectiveId = `O-${o}`;
    rows.push({
      row: {
        ...base,
        id: objectiveId,
        type: "objective",
        objectiveId: null,
        cycle: objective.cycle,
        start: null,
        target: null,
        current: null,
        krType: null,
        weight: 1,
        row: 0,
      },
      current: null,
    });
    objective.keyResults.forEach((given, k) => {
      const kr = given.krType === "percent" ? { ...given, ...given.fractions } : given;
      const binary = kr.krType === "binary";
      const target = kr.sameAsStart && kr.start !== null ? kr.start : kr.target;
      rows.push({
        row: {
          ...base,
          id: `KR-${o}-${k}`,
          type: "key_result",
          objectiveId,
          cycle: kr.cycle,
          start: kr.start,
          target,
          current: binary ? binaryValue(kr.binaryCurrent) : kr.current,
          krType: kr.krType,
          weight: kr.weight ?? 1,
          row: 0,
        },
        current: binary ? kr.binaryCurrent : kr.current,
      });
    });
    objective.kpis.forEach((kpi, k) => {
      rows.push({
        row: {
          ...base,
          id: `KPI-${o}-${k}`,
          type: "kpi",
          objectiveId,
          cycle: kpi.cycle,
          start: kpi.start,
          target: kpi.target,
          current: kpi.current,
          krType: null,
          weight: 1,
          row: 0,
        },
        current: kpi.current,
      });
    });
  });
  // Rows in random order: the formulas must not care.
  const keyed = rows.map((row, i) => ({ row, key: spec.order[i % spec.order.length]! * 1000 + i }));
  return keyed
    .sort((a, b) => a.key - b.key)
    .map(({ row }, i) => {
      const mark = spec.marks[i % spec.marks.length]!;
      const said =
        mark.owner === null || mark.owner === "" || mark.owner === "junk"
          ? mark.owner
          : mark.owner === "padded"
            ? `  ${statusLabel("at_risk", spec.language).toUpperCase()} `
            : statusLabel(mark.owner, spec.language);
      return {
        ...row,
        row: { ...row.row, row: i + 2 },
        ...(spec.ownerAndGrade ? { ownerStatus: said, grade: mark.grade } : {}),
      };
    });
}

interface Workbook {
  engine: HyperFormula;
  layout: SheetLayout;
  labels: FormulaLabels;
  rows: GeneratedRow[];
  asOf: string;
  language: Language;
}

function buildWorkbook(spec: SheetSpec): Workbook {
  const rows = generateRows(spec);
  const columnsInOrder = [
    ...INPUT_COLUMNS,
    ...(spec.ownerAndGrade ? (["ownerStatus", "grade"] as const) : []),
    ...OUTPUT_COLUMNS,
    ...Array.from({ length: spec.junkColumns }, (_, i) => `junk${i}`),
  ];
  // A random column order, from the same random numbers.
  const order = columnsInOrder
    .map((key, i) => ({ key, rank: spec.order[i]! }))
    .sort((a, b) => a.rank - b.rank)
    .map((c) => c.key);
  const columns: SheetLayout["columns"] = {};
  order.forEach((key, index) => {
    if (!key.startsWith("junk")) columns[key as ColumnKey] = index;
  });
  const helpers = {
    weight: order.length,
    weighted: order.length + 1,
    started: order.length + 2,
    key: order.length + 3,
  };
  const layout: SheetLayout = { headerRow: 1, columns, width: order.length + 4, language: spec.language };
  const labels = labelsFor(spec.language);
  const header: RawCellContent[] = [
    ...order.map((key) =>
      key.startsWith("junk") ? `Extra ${key}` : headerLabel(key as ColumnKey, spec.language),
    ),
    HELPER_HEADERS.weight,
    HELPER_HEADERS.weighted,
    HELPER_HEADERS.started,
    HELPER_HEADERS.key,
  ];
  const grid: RawCellContent[][] = [header];
  for (const { row, current, ownerStatus, grade } of rows) {
    const cells: RawCellContent[] = new Array(layout.width).fill(null);
    const set = (key: ColumnKey, value: RawCellContent) => {
      cells[columns[key]!] = value;
    };
    set("id", row.id);
    set("type", valueLabel("type", row.type, spec.language));
    set("title", `Title of ${row.id}`);
    set("objective", row.objectiveId);
    set("cycle", row.cycle);
    set("start", row.start);
    set("target", row.target);
    set("current", current);
    set("krType", row.krType ? valueLabel("krType", row.krType, spec.language) : null);
    set("weight", row.type === "key_result" && row.weight !== 1 ? row.weight : null);
    if (spec.ownerAndGrade) {
      set("ownerStatus", ownerStatus ?? null);
      set("grade", grade ?? null);
    }
    order.forEach((key, index) => {
      if (key.startsWith("junk")) cells[index] = `junk ${row.id}`;
    });
    grid.push(cells);
  }
  const ctx: FormulaContext = { layout, helpers, labels, aggregation: spec.aggregation };
  const cycles = CYCLES.map((label) => parseCycle(label)).filter((c): c is CycleWindow => c !== null);
  const { sheets, namedRanges } = formulaWorkbook({
    sheet: SHEET,
    grid,
    ctx,
    ...(spec.typed ? { rowTypes: rows.map((r) => r.row.type) } : {}),
    settings: { asOf: isoFromDayNumber(spec.asOfDay), thresholds: spec.thresholds, cycles },
  });
  const engine = createSheetsLikeEngine(sheets, {}, namedRanges);
  return { engine, layout, labels, rows, asOf: isoFromDayNumber(spec.asOfDay), language: spec.language };
}

function expectAgreement(
  workbook: Workbook,
  computed: Map<string, ComputedRow>,
  thresholds: StatusThresholds,
): number {
  const { layout, labels } = workbook;
  const index = workbook.engine.getSheetId(INDEX_SHEET);
  // The index (when there is one) must be sound: otherwise objectives show the rebuild word.
  if (index !== undefined)
    expect(
      workbook.engine.getCellValue({ sheet: index, row: 0, col: INDEX_HEALTH_COLUMN }),
      "index health",
    ).toBe(0);
  const values = sheetValues(workbook.engine, SHEET);
  const statusByLabel = new Map(Object.entries(labels.status).map(([status, label]) => [label, status]));
  const generated = new Map(workbook.rows.map((r) => [r.row.id, r]));
  let checked = 0;
  let graded = 0;
  for (const cells of values.slice(1)) {
    const id = cells[layout.columns.id!];
    if (typeof id !== "string" || id === "") continue;
    const expected = computed.get(id);
    if (!expected) throw new Error(`The engine computed nothing for ${id}`);
    const asNumber = (value: unknown) => (value === "" || value === null ? null : value);
    const progress = asNumber(cells[layout.columns.progress!]);
    const expectedCell = asNumber(cells[layout.columns.expected!]);
    if (expected.progress === null) expect(progress, `progress of ${id}`).toBeNull();
    else expect(progress as number, `progress of ${id}`).toBeCloseTo(expected.progress, 9);
    if (expected.expected === null) expect(expectedCell, `expected of ${id}`).toBeNull();
    else expect(expectedCell as number, `expected of ${id}`).toBeCloseTo(expected.expected, 9);
    const source = generated.get(id)!;
    const frozen = typeof source.grade === "number" ? source.grade : null;
    const shown = String(cells[layout.columns.status!]);
    const engineShows = sheetStatus(source.row, expected, {
      asOf: workbook.asOf,
      language: workbook.language,
      frozenGrade: frozen,
      ownerStatus: source.ownerStatus,
    });
    const status = statusByLabel.get(shown);
    const paceShown = engineShows === statusLabel(expected.status, workbook.language);
    if (
      shown !== engineShows &&
      paceShown &&
      status !== undefined &&
      expected.progress !== null &&
      expected.expected !== null
    ) {
      // A gap exactly on a threshold may fall either side in floating point; anything else is a real disagreement.
      const gap = expected.expected - expected.progress;
      const onEdge =
        Math.abs(gap - thresholds.atRiskGap) < 1e-9 || Math.abs(gap - thresholds.offTrackGap) < 1e-9;
      expect(onEdge, `status of ${id}: sheet ${status}, engine ${expected.status}`).toBe(true);
    } else {
      expect(shown, `status of ${id}`).toBe(engineShows);
    }
    if (shown.includes(GRADE_SEPARATOR)) graded++;
    checked++;
  }
  expect(checked).toBe(computed.size);
  return graded;
}

const RUNS = { numRuns: 60, seed: 20261122 } as const;
/** 0-based column of INDEX_CELLS.health ("$Q$1"). */
const INDEX_HEALTH_COLUMN = INDEX_CELLS.health.charCodeAt(1) - 65;

describe("formula oracle: the sheet computes what shared/ computes", () => {
  // Both checks on each workbook: the same random sheets (same seed) for both, built once.
  it("for random valid sheets, and when the evaluated sheet is parsed back by parseSheet", () => {
    let graded = 0;
    fc.assert(
      fc.property(sheetArb, (spec) => {
        const workbook = buildWorkbook(spec);
        const asOf = isoFromDayNumber(spec.asOfDay);
        const computed = computeRows(
          workbook.rows.map((r) => r.row),
          { asOf, thresholds: spec.thresholds },
        );
        graded += expectAgreement(workbook, computed, spec.thresholds);
        // Parsed back: the rows the sheet holds, computed by shared/, equal the sheet's own cells.
        const parsed = parseSheet(sheetValues(workbook.engine, SHEET));
        expect(parsed.rows.map((r) => r.id).sort()).toEqual(workbook.rows.map((r) => r.row.id).sort());
        // The owner's word the parser syncs is the one the sheet's Status shows (none for junk).
        const said = new Map(workbook.rows.map((r) => [r.row.id, r.ownerStatus]));
        for (const row of parsed.rows)
          expect(row.ownerStatus ?? null, `owner status of ${row.id}`).toBe(
            ownerStatusOf(said.get(row.id), workbook.language),
          );
        expectAgreement(
          workbook,
          computeRows(parsed.rows, { asOf, thresholds: spec.thresholds }),
          spec.thresholds,
        );
      }),
      RUNS,
    );
    // Cycles ended before some of the as-of days: their rows showed grades, not only the pace.
    expect(graded).toBeGreaterThan(0);
  });

  it("after sorting rows and inserting a row", () => {
    fc.assert(
      fc.property(sheetArb, fc.nat(), (spec, seed) => {
        const workbook = buildWorkbook(spec);
        const sheet = workbook.engine.getSheetId(SHEET)!;
        const count = workbook.rows.length;
        // Move the last data row to the top, then a block from the middle to the end (a sort does such moves).
        if (count >= 2) workbook.engine.moveRows(sheet, count, 1, 1);
        if (count >= 3) workbook.engine.moveRows(sheet, 1 + (seed % (count - 1)), 1, count + 1);
        workbook.engine.addRows(sheet, [1 + (seed % count), 1]);
        const computed = computeRows(
          workbook.rows.map((r) => r.row),
          { asOf: isoFromDayNumber(spec.asOfDay), thresholds: spec.thresholds },
        );
        expectAgreement(workbook, computed, spec.thresholds);
      }),
      { ...RUNS, numRuns: 30 },
    );
  });
});
