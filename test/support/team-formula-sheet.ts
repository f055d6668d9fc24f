// A team sheet as Set up leaves it, at any size, for the formula bench and the recalculation test: per 5 rows an
// objective, three key results (one weighted 2) and a KPI, with the formulas of one aggregation design; and a
// count of the formula cells HyperFormula recomputes (a figure that does not depend on the machine's load).
import type { HyperFormula, RawCellContent } from "hyperformula";
import { headerLabel } from "../../shared/columns.js";
import { parseCycle } from "../../shared/cycle.js";
import type { Aggregation, FormulaContext } from "../../shared/formulas.js";
import type { ColumnKey, RowType, SheetLayout } from "../../shared/model.js";
import { completeHeader, formulaLabels } from "../../shared/sheet-setup.js";
import { FORMULA_INPUT_COLUMNS, type FormulaWorkbook, formulaWorkbook } from "./formula-sheets.js";

export const SHEET = "OKR";
const INPUT = FORMULA_INPUT_COLUMNS;

/** A team's sheet as people write it: per 5 rows one objective, three key results (one weighted 2) and a KPI. */
export function inputRows(rows: number): Record<string, RawCellContent>[] {
  const out: Record<string, RawCellContent>[] = [];
  let objective = "";
  for (let i = 0; i < rows; i++) {
    const kind = i % 5;
    const id = `T-${i}`;
    if (kind === 0) {
      objective = id;
      out.push({ id, type: "Objective", title: `Objective ${i}`, cycle: "2026-Q4" });
    } else if (kind < 4)
      out.push({
        id,
        type: "Key result",
        title: `Key result ${i}`,
        objective,
        cycle: "2026-Q4",
        start: i,
        target: i + 50,
        current: i + ((i * 13) % 60),
        weight: kind === 2 ? 2 : null,
      });
    else out.push({ id, type: "KPI", title: `KPI ${i}`, objective, cycle: "2026-Q4", current: 10 });
  }
  return out;
}

export interface Sheet {
  workbook: FormulaWorkbook;
  layout: SheetLayout;
  /** 0-based sheet rows of key results, to edit. */
  keyResultRows: number[];
}

export function buildSheet(rows: number, aggregation: Aggregation): Sheet {
  const { header, helpers } = completeHeader(
    INPUT.map((key) => headerLabel(key, "en")),
    "en",
  );
  const columns = Object.fromEntries(
    [...INPUT, "progress", "expected", "status"].map((key) => [
      key,
      header.indexOf(headerLabel(key as ColumnKey, "en")),
    ]),
  ) as SheetLayout["columns"];
  const layout: SheetLayout = { headerRow: 1, columns, width: header.length, language: "en" };
  // The old design has no key helper (its column stays blank).
  const { key, ...sumifsHelpers } = helpers;
  const ctx: FormulaContext = {
    layout,
    helpers: aggregation === "index" ? helpers : sumifsHelpers,
    labels: formulaLabels("en"),
    aggregation,
  };
  const data = inputRows(rows);
  const grid: RawCellContent[][] = [
    header,
    ...data.map((row) => {
      const cells: RawCellContent[] = Array(header.length).fill(null);
      for (const [key, value] of Object.entries(row)) cells[columns[key as ColumnKey]!] = value;
      return cells;
    }),
  ];
  const types = data.map(
    (row): RowType => (row.type === "Objective" ? "objective" : row.type === "KPI" ? "kpi" : "key_result"),
  );
  const workbook = formulaWorkbook({
    sheet: SHEET,
    grid,
    ctx,
    rowTypes: types,
    settings: {
      asOf: "2026-11-22",
      thresholds: { atRiskGap: 0.1, offTrackGap: 0.25 },
      cycles: [parseCycle("2026-Q4")!],
    },
  });
  const keyResultRows = types.flatMap((type, i) => (type === "key_result" ? [i + 1] : []));
  return { workbook, layout, keyResultRows };
}

/**
 * Counts the formula cells (and array formulas) the engine recomputes: HyperFormula's evaluator recomputes
 * each dirty formula vertex once per change, through recomputeFormulaVertexValue (HyperFormula 3.x). A count
 * does not depend on the machine's load.
 */
export function countRecomputed(engine: HyperFormula): { count: number } {
  const evaluator = (
    engine as unknown as { evaluator: { recomputeFormulaVertexValue: (vertex: unknown) => unknown } }
  ).evaluator;
  const counter = { count: 0 };
  const recompute = evaluator.recomputeFormulaVertexValue.bind(evaluator);
  if (typeof recompute !== "function") throw new Error("HyperFormula's evaluator changed: cannot count");
  evaluator.recomputeFormulaVertexValue = (vertex: unknown) => {
    counter.count++;
    return recompute(vertex);
  };
  return counter;
}
