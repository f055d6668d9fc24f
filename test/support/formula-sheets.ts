// A spreadsheet as Set up leaves it, for a real engine to evaluate: the OKR sheet's cells with the generated
// formulas written into its computed and helper columns, the settings sheet, and (for the index aggregation) the
// index sheet sized as the add-on sizes it. Shared by the formula oracle and the formula bench.
import type { RawCellContent } from "hyperformula";
import {
  type Aggregation,
  computedFormulas,
  type FormulaContext,
  type HelperColumn,
  INDEX_KEYS_RANGE,
  INDEX_RANGE,
  INDEX_SHEET,
  indexChainRows,
  indexSheetFormulas,
  indexSheetGrid,
  SETTINGS_SHEET,
  type SettingsValues,
  settingsSheetValues,
  sheetReference,
} from "../../shared/formulas.js";
import type { ColumnKey, RowType } from "../../shared/model.js";
import type { NamedRange } from "./hyperformula.js";

export interface FormulaSheetsInput {
  /** The OKR sheet's name. */
  sheet: string;
  /** Its cells: the header row and the data rows, with the user's values (computed and helper cells blank). */
  grid: RawCellContent[][];
  ctx: FormulaContext;
  /** Each data row's type for type-specific formulas (what Set up writes); omitted: the generic formulas. */
  rowTypes?: readonly (RowType | null)[];
  settings: SettingsValues;
  /** The last row of the OKR sheet's grid, which the index reads to (default: one blank row below the data). */
  lastGridRow?: number;
}

export interface FormulaWorkbook {
  /** The sheets by name (the input grid, filled in place). */
  sheets: Record<string, RawCellContent[][]>;
  namedRanges: NamedRange[];
}

/** The workbook's sheets and named ranges, for createSheetsLikeEngine. */
export function formulaWorkbook(input: FormulaSheetsInput): FormulaWorkbook {
  const { grid, ctx } = input;
  const firstRow = ctx.layout.headerRow + 1;
  const lastRow = grid.length;
  for (const block of computedFormulas(firstRow, lastRow, ctx, input.rowTypes)) {
    block.formulas.forEach((formula, i) => {
      const cells = grid[firstRow - 1 + i]!;
      while (cells.length <= block.column) cells.push(null);
      cells[block.column] = formula;
    });
  }
  const sheets: Record<string, RawCellContent[][]> = {
    [input.sheet]: grid,
    [SETTINGS_SHEET]: settingsSheetValues(input.settings),
  };
  if (aggregationOf(ctx) !== "index") return { sheets, namedRanges: [] };
  const index = indexWorkbookPart(
    input.sheet,
    ctx.helpers as Record<HelperColumn, number>,
    input.lastGridRow ?? lastRow + 1,
    lastRow,
  );
  return { sheets: { ...sheets, ...index.sheets }, namedRanges: index.namedRanges };
}

/**
 * The index sheet and its named range for an OKR sheet whose grid ends on `lastGridRow` (kept blank, as
 * addon/index-sheet.ts keeps it), sized as the add-on sizes it.
 */
export function indexWorkbookPart(
  sheet: string,
  helpers: Record<HelperColumn, number>,
  lastGridRow: number,
  usedRows: number,
): FormulaWorkbook {
  const extent = { lastRow: lastGridRow, usedRows };
  const grid = indexSheetGrid(indexSheetFormulas(sheet, helpers, extent));
  // As the add-on names it: M1:O of the chain's rows.
  const range = `${sheetReference(INDEX_SHEET)}$M$1:$O$${indexChainRows(extent)}`;
  return {
    sheets: { [INDEX_SHEET]: grid },
    namedRanges: [
      { name: INDEX_RANGE, expression: `=${range}` },
      {
        name: INDEX_KEYS_RANGE,
        expression: `=${sheetReference(INDEX_SHEET)}$R$1:$R$${indexChainRows(extent)}`,
      },
    ],
  };
}

function aggregationOf(ctx: FormulaContext): Aggregation {
  return ctx.aggregation ?? "sumifs";
}

/** The columns a formula test fills (the rest are the formulas' own). */
export const FORMULA_INPUT_COLUMNS: ColumnKey[] = [
  "id",
  "type",
  "title",
  "objective",
  "cycle",
  "start",
  "target",
  "current",
  "krType",
  "weight",
];
