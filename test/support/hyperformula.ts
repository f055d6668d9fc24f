// A HyperFormula engine configured to behave like Google Sheets, for the formula oracle and the
// spreadsheet double: the formulas the add-on writes are evaluated by a real spreadsheet engine.
import {
  CellError,
  type ConfigParams,
  ErrorType,
  FunctionArgumentType,
  FunctionPlugin,
  HyperFormula,
  type RawCellContent,
  type SimpleRangeValue,
} from "hyperformula";
import { dayNumber, SHEET_EPOCH_OFFSET } from "../../shared/cycle.js";
import { isoDayIn } from "../../shared/time-zone.js";

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

/**
 * The clock and time zone TODAY() reads. Sheets evaluates TODAY() in the spreadsheet's time zone (File >
 * Settings), not the machine's; HyperFormula's own TODAY reads the machine's local time. The spreadsheet
 * double points this at its workbook (its time zone and, in tests, a pinned clock) before each recalculation.
 */
export const sheetClock: { now: () => Date; timeZone: string } = {
  now: () => new Date(),
  timeZone: "UTC",
};

/** TODAY() as Sheets computes it: the serial of today's date in the spreadsheet's time zone. */
class SpreadsheetTodayPlugin extends FunctionPlugin {
  today(
    ast: { args: Parameters<FunctionPlugin["runFunction"]>[0] },
    state: Parameters<FunctionPlugin["runFunction"]>[1],
  ) {
    return this.runFunction(
      ast.args,
      state,
      this.metadata("TODAY"),
      () => dayNumber(isoDayIn(sheetClock.now(), sheetClock.timeZone)) + SHEET_EPOCH_OFFSET,
    );
  }
}
(SpreadsheetTodayPlugin as unknown as { implementedFunctions: unknown }).implementedFunctions = {
  TODAY: { method: "today", parameters: [], isVolatile: true, returnNumberType: "NUMBER_DATE" },
};
HyperFormula.unregisterFunction("TODAY");
HyperFormula.registerFunctionPlugin(SpreadsheetTodayPlugin, {
  enGB: { TODAY: "TODAY" },
  enUS: { TODAY: "TODAY" },
});

/**
 * SPARKLINE(data, [options]), a Google Sheets function HyperFormula does not have, checked as Google documents it
 * (https://support.google.com/docs/answer/3093289): `data` is "the range or array containing the data to plot",
 * `options` "a range or array of optional settings and associated values"; "if referring to a range, options
 * should be two cells wide, where the first cell is the option and the second cell is the value that option is
 * set to". Any other number of arguments is an error (HyperFormula's arity check). The cell shows a chart; what
 * getValues reads from it is not documented: the double reads "" (no text in the cell).
 */
class SparklinePlugin extends FunctionPlugin {
  sparkline(
    ast: { args: Parameters<FunctionPlugin["runFunction"]>[0] },
    state: Parameters<FunctionPlugin["runFunction"]>[1],
  ) {
    return this.runFunction(
      ast.args,
      state,
      this.metadata("SPARKLINE"),
      (_data: SimpleRangeValue, options?: SimpleRangeValue) => {
        if (options !== undefined && options.width() !== 2)
          return new CellError(ErrorType.VALUE, "SPARKLINE: options must be two cells wide (option, value)");
        return "";
      },
    );
  }
}
(SparklinePlugin as unknown as { implementedFunctions: unknown }).implementedFunctions = {
  SPARKLINE: {
    method: "sparkline",
    parameters: [
      { argumentType: FunctionArgumentType.RANGE },
      { argumentType: FunctionArgumentType.RANGE, optionalArg: true },
    ],
  },
};
HyperFormula.registerFunctionPlugin(SparklinePlugin, {
  enGB: { SPARKLINE: "SPARKLINE" },
  enUS: { SPARKLINE: "SPARKLINE" },
});

/**
 * A hypothesis, not Google's documented behaviour: formulas read in a Swedish/Norwegian spreadsheet's own syntax
 * (";" between arguments, "," as the decimal mark). The add-on must work if Apps Script did that (see
 * addon/setup.ts formulaSeparator); docs/verify-on-google.md has a person find out which is true.
 */
export const LOCALE_SV_SYNTAX: Partial<ConfigParams> = {
  functionArgSeparator: ";",
  decimalSeparator: ",",
  thousandSeparator: " ",
};

/** A named range of the workbook, as HyperFormula's named expression (`expression` is "=Sheet!A1:B2"). */
export interface NamedRange {
  name: string;
  expression: string;
}

export function createSheetsLikeEngine(
  sheets: Record<string, RawCellContent[][]> = {},
  overrides: Partial<ConfigParams> = {},
  namedRanges: readonly NamedRange[] = [],
): HyperFormula {
  return HyperFormula.buildFromSheets(sheets, { ...SHEETS_LIKE_CONFIG, ...overrides }, [...namedRanges]);
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
