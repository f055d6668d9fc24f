// What one Current edit makes HyperFormula recompute in the index design (shared/formulas.ts, indexSheetFormulas):
// counts of recomputed cells, not times, so the test does not depend on the machine's load. A Current edit never
// recomputes the sorted keys or the group numbers (R1, S1), and the cells it recomputes grow linearly in rows.
import { describe, expect, it } from "vitest";
import { INDEX_CELLS, INDEX_SHEET } from "../shared/formulas.js";
import { createSheetsLikeEngine } from "./support/hyperformula.js";
import { buildSheet, countRecomputed, SHEET } from "./support/team-formula-sheet.js";

/** 0-based column of an index cell ("$R$1" is 17). */
const columnOf = (cell: string) => cell.charCodeAt(1) - 65;

function editOnce(rows: number) {
  const sheet = buildSheet(rows, "index");
  const engine = createSheetsLikeEngine(sheet.workbook.sheets, {}, sheet.workbook.namedRanges);
  const index = engine.getSheetId(INDEX_SHEET)!;
  const keysBefore = engine.getCellValue({ sheet: index, row: 0, col: columnOf(INDEX_CELLS.keys) });
  const counter = countRecomputed(engine);
  const row = sheet.keyResultRows[Math.floor(sheet.keyResultRows.length / 2)]!;
  const cells: string[] = [];
  const evaluator = (
    engine as unknown as { evaluator: { recomputeFormulaVertexValue: (v: never) => unknown } }
  ).evaluator;
  const counting = evaluator.recomputeFormulaVertexValue;
  evaluator.recomputeFormulaVertexValue = (vertex: never) => {
    const address = (
      vertex as { getAddress: (s: unknown) => { sheet: number; row: number; col: number } }
    ).getAddress(
      (evaluator as unknown as { lazilyTransformingAstService: unknown }).lazilyTransformingAstService,
    );
    if (address.sheet === index && address.row === 0) cells.push(String.fromCharCode(65 + address.col));
    return counting(vertex);
  };
  // Half a step above the start: a progress no key result had (their values are whole numbers), so the edit
  // changes its objective's totals.
  const okr = engine.getSheetId(SHEET)!;
  const start = engine.getCellValue({ sheet: okr, row, col: sheet.layout.columns.start! }) as number;
  engine.setCellContents({ sheet: okr, row, col: sheet.layout.columns.current! }, [[start + 0.5]]);
  return { recomputed: counter.count, indexTopRow: cells, keysBefore, engine, index };
}

describe("one Current edit in the index design", () => {
  const small = editOnce(200);
  const large = editOnce(800);

  it("recomputes the sorted values, not the sorted keys or the group numbers", () => {
    expect(small.indexTopRow).toContain("A");
    expect(small.indexTopRow).not.toContain("R");
    expect(small.indexTopRow).not.toContain("S");
    expect(small.keysBefore).toMatch(/^[0-9a-f]*$/);
    expect(small.engine.getCellValue({ sheet: small.index, row: 0, col: columnOf(INDEX_CELLS.health) })).toBe(
      0,
    );
  });

  it("recomputes a number of cells that grows linearly in rows", () => {
    expect(large.recomputed).toBeGreaterThan(2 * small.recomputed);
    expect(large.recomputed / 800).toBeLessThanOrEqual((small.recomputed / 200) * 1.1);
  });
});
