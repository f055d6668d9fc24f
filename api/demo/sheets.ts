// The demo organisation's team sheets: CSV files in api/demo/sheets/, exactly as a person exports them
// from Google Sheets (File > Download > CSV), read with the shared parser like the add-on reads a sheet.
//
// Two things make the demo live on whatever day it is started:
// - Every cycle cell holds the placeholder CURRENT_QUARTER, replaced by today's quarter ("2026-Q4").
// - The Current values are written as they stood in the MIDDLE of the quarter. The seed moves each key
//   result's progress by (today's elapsed share - 0.5), so every key result keeps its distance to the
//   expected pace, and with it its status (on track, at risk, off track), on any day of the quarter.
import { readFileSync } from "node:fs";
import { dayNumber, expectedProgress, parseCycle, quarterOf } from "../../shared/cycle.js";
import type { Language, OkrRow, Problem } from "../../shared/model.js";
import { parseSheet } from "../../shared/parse.js";
import { progress } from "../../shared/progress.js";
import { parseCsv } from "../import/read-csv.js";

/** What the CSV files write in the cycle column; replaced by the current quarter when seeding. */
export const CYCLE_PLACEHOLDER = "CURRENT_QUARTER";
/** The share of the quarter elapsed that the CSV files' Current values are written for. */
export const REFERENCE_ELAPSED = 0.5;

export interface DemoSheetSource {
  sheetId: string;
  /** Display name (the team). */
  name: string;
  file: string;
}

/**
 * In sync order: every sheet links only to sheets synced before it (the server checks links against the
 * organisation's other sheets), so no sync reports an unknown link.
 */
export const DEMO_SHEETS: readonly DemoSheetSource[] = [
  { sheetId: "demo-company", name: "Company", file: "company.csv" },
  { sheetId: "demo-okonomi", name: "Økonomi", file: "okonomi.csv" },
  { sheetId: "demo-kundframgang", name: "Kundframgång", file: "kundframgang.csv" },
  { sheetId: "demo-engineering", name: "Engineering", file: "engineering.csv" },
  { sheetId: "demo-sales", name: "Sales", file: "sales.csv" },
];

export interface DemoSheet {
  sheetId: string;
  name: string;
  /** The header language the parser found. */
  language: Language;
  /** Parsed rows with the current quarter and today's Current values. */
  rows: OkrRow[];
  /** The parser's problems (the demo sheets have no errors; a test keeps it so). */
  problems: Problem[];
}

const SHEETS_DIR = new URL("./sheets/", import.meta.url);

/** The quarter a date falls in, as the sheets write it: "2026-Q4". */
export { quarterOf };

/** The share of the quarter elapsed on `isoDate` (0 on its first day). */
export function elapsedShare(isoDate: string): number {
  const window = parseCycle(quarterOf(isoDate));
  if (!window) throw new Error(`No quarter for ${isoDate}`);
  return expectedProgress(window, isoDate);
}

export function readDemoCsv(file: string): string[][] {
  return parseCsv(readFileSync(new URL(file, SHEETS_DIR), "utf8"));
}

/** Decimals a number is written with (0.995 -> 3), capped at 4. */
function decimals(value: number): number {
  const text = String(value);
  if (/e/i.test(text)) return 4;
  return Math.min(4, text.split(".")[1]?.length ?? 0);
}

export function roundLike(value: number, places: number): number {
  const factor = 10 ** places;
  return Math.round(value * factor) / factor;
}

/** Decimals a key result's values are written with (enough for its start, target and current). */
export function valueDecimals(row: OkrRow): number {
  return Math.max(
    ...[row.start, row.target, row.current].filter((v): v is number => v !== null).map(decimals),
    0,
  );
}

/** The value of a key result at progress `share` (0..1) from its start to its target. */
export function valueAt(row: OkrRow, share: number): number | null {
  if (row.krType === "binary") return share >= 1 ? 1 : 0;
  if (row.target === null) return row.current;
  const start = row.start ?? 0;
  if (row.krType === "milestone") return Math.floor(share * row.target + 1e-9);
  return roundLike(start + (row.target - start) * share, valueDecimals(row));
}

/**
 * The key result's Current value today: its mid-quarter progress moved by (elapsed - 0.5), clamped to
 * 0..1, so its gap to the expected pace, and its status, stay the same. Binary and not-started ones as
 * written.
 */
export function currentToday(row: OkrRow, elapsed: number): number | null {
  if (row.type !== "key_result" || row.current === null || row.krType === "binary") return row.current;
  const written = progress(row);
  if (written === null) return row.current;
  const share = Math.min(1, Math.max(0, written + (elapsed - REFERENCE_ELAPSED)));
  return valueAt(row, share);
}

/** One demo sheet, parsed by the shared parser, for the quarter of `today` (ISO date). */
export function loadDemoSheet(source: DemoSheetSource, today: string): DemoSheet {
  const cycle = quarterOf(today);
  const elapsed = elapsedShare(today);
  const grid = readDemoCsv(source.file).map((cells) =>
    cells.map((cell) => (cell.trim() === CYCLE_PLACEHOLDER ? cycle : cell)),
  );
  const parsed = parseSheet(grid, { sheetId: source.sheetId });
  if (!parsed.layout) throw new Error(`Demo sheet ${source.file}: no header row`);
  const rows = parsed.rows.map((row) => ({ ...row, current: currentToday(row, elapsed) }));
  return {
    sheetId: source.sheetId,
    name: source.name,
    language: parsed.layout.language,
    rows,
    problems: parsed.problems,
  };
}

/** Every demo sheet for the quarter of `today`, in sync order. */
export function loadDemoSheets(today: string): DemoSheet[] {
  dayNumber(today); // throws on anything but an ISO date
  return DEMO_SHEETS.map((source) => loadDemoSheet(source, today));
}
