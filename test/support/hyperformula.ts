// A HyperFormula engine configured to behave like Google Sheets, for the formula oracle and the
// spreadsheet double: the formulas the add-on writes are evaluated by a real spreadsheet engine.
import { type ConfigParams, HyperFormula, type RawCellContent } from "hyperformula";

export const SHEETS_LIKE_CONFIG: Partial<ConfigParams> = {
  licenseKey: "gpl-v3",
  useArrayArithmetic: true,
  // Sheets' serial dates: day 0 is 1899-12-30 and 1900 is not a leap year.
  nullDate: { year: 1899, month: 12, day: 30 },
  leapYear1900: false,
  dateFormats: ["YYYY-MM-DD", "DD/MM/YYYY"],
  functionArgSeparator: ",",
  decimalSeparator: ".",
  thousandSeparator: "",
  evaluateNullToZero: true,
  caseSensitive: false,
  useWildcards: true,
  matchWholeCell: true,
};

export function createSheetsLikeEngine(sheets: Record<string, RawCellContent[][]> = {}): HyperFormula {
  return HyperFormula.buildFromSheets(sheets, SHEETS_LIKE_CONFIG);
}

/** A sheet's values, with HyperFormula's error objects turned into the text Sheets shows (#N/A, #REF!, ...). */
export function sheetValues(engine: HyperFormula, name: string): unknown[][] {
  const id = engine.getSheetId(name);
  if (id === undefined) throw new Error(`No sheet named ${name}`);
  return engine
    .getSheetValues(id)
    .map((row) =>
      row.map((value) =>
        value !== null && typeof value === "object" && "value" in value
          ? (value as { value: string }).value
          : value,
      ),
    );
}
