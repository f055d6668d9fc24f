// npm run bench: the engine pipeline on generated organisations of 1k, 10k and 100k rows across 50 teams,
// each stage timed, and HyperFormula evaluating the generated formulas for the same rows (where that finishes
// within a minute) as a proxy for how heavy the formulas are for Sheets. Not a test: it prints figures.
import { performance } from "node:perf_hooks";
import type { RawCellContent } from "hyperformula";
import { headerLabel, valueLabel } from "../../shared/columns.js";
import { parseCycle } from "../../shared/cycle.js";
import {
  computedFormulas,
  HELPER_HEADERS,
  SETTINGS_SHEET,
  settingsSheetValues,
  YES_WORDS,
} from "../../shared/formulas.js";
import { alignmentProblems, buildGraph } from "../../shared/graph.js";
import type { ColumnKey, RowType, SheetLayout, SheetRows } from "../../shared/model.js";
import { parseSheet } from "../../shared/parse.js";
import { computeRows } from "../../shared/progress.js";
import { qualityFromGraph } from "../../shared/quality.js";
import { rollupFromGraph } from "../../shared/rollup.js";
import { createSheetsLikeEngine } from "../support/hyperformula.js";

const TEAMS = 50;
const COLUMNS: ColumnKey[] = [
  "id",
  "type",
  "title",
  "objective",
  "alignsTo",
  "level",
  "team",
  "owner",
  "cycle",
  "start",
  "target",
  "current",
  "krType",
  "weight",
  "progress",
  "expected",
  "status",
];
// A vocabulary of 3,000 made-up words, so titles differ the way real teams' titles do.
const SYLLABLES = "ka lo mi re su ta ve no pi da fe gu ho ji ly".split(" ");
const WORDS = Array.from(
  { length: 3_000 },
  (_, i) => SYLLABLES[i % 15]! + SYLLABLES[Math.floor(i / 15) % 15]! + SYLLABLES[Math.floor(i / 225) % 15]!,
);

/** A team's sheet: 4 objectives per 20 rows (one objective, 3 KRs, one KPI), aligned to the company's. */
function teamGrid(team: number, rows: number): unknown[][] {
  const grid: unknown[][] = [COLUMNS.map((key) => headerLabel(key, "en"))];
  let objective = "";
  for (let i = 0; i < rows; i++) {
    const word = (k: number) => WORDS[(team * 997 + i * 31 + k * 7) % WORDS.length];
    const kind = i % 5;
    const id = `T${team}-${i}`;
    if (kind === 0) {
      objective = id;
      const parent = team === 0 ? "" : `T0-${5 * ((team + i) % 40)}`;
      grid.push([
        id,
        "Objective",
        `Improve ${word(0)} and ${word(1)} for team ${team}`,
        "",
        parent,
        team === 0 ? "Company" : "Team",
        `Team ${team}`,
        `Owner ${i % 9}`,
        "2026-Q4",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
      ]);
    } else if (kind < 4) {
      grid.push([
        id,
        "Key result",
        `Raise ${word(kind)} ${word(kind + 1)} from ${i} to ${i + 50}`,
        objective,
        "",
        "",
        "",
        `Owner ${i % 7}`,
        "",
        i,
        i + 50,
        i + ((i * 13) % 60),
        "",
        kind === 2 ? 2 : "",
        "",
        "",
        "",
      ]);
    } else {
      grid.push([
        id,
        "KPI",
        `Weekly ${word(2)}`,
        objective,
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        10,
        "",
        "",
        "",
        "",
        "",
      ]);
    }
  }
  return grid;
}

function time<T>(work: () => T): [T, number] {
  const start = performance.now();
  const result = work();
  return [result, performance.now() - start];
}

function runEngine(grids: unknown[][][]): Record<string, number> {
  const times: Record<string, number> = {};
  const [sheets, parse] = time(() =>
    grids.map((grid, i): SheetRows => ({ sheetId: `s${i}`, name: `Team ${i}`, rows: parseSheet(grid).rows })),
  );
  times["parse + validate"] = parse;
  times.progress = time(() => sheets.map((s) => computeRows(s.rows, { asOf: "2026-11-22" })))[1];
  const [graph, graphTime] = time(() => buildGraph(sheets));
  times["graph + alignment"] = graphTime + time(() => alignmentProblems(graph))[1];
  times.rollup = time(() => rollupFromGraph(graph, { cycle: "2026-Q4", asOf: "2026-11-22" }))[1];
  times.quality = time(() => qualityFromGraph(graph))[1];
  return times;
}

function hyperFormulaSeconds(grids: unknown[][][]): number {
  // All rows in one sheet, as the heaviest case for one spreadsheet.
  const header = grids[0]![0]! as RawCellContent[];
  const rows = grids.flatMap((grid) => grid.slice(1)) as RawCellContent[][];
  const width = header.length;
  const columns = Object.fromEntries(COLUMNS.map((key, i) => [key, i])) as SheetLayout["columns"];
  const layout: SheetLayout = { headerRow: 1, columns, width: width + 2, language: "en" };
  const labels = {
    objective: valueLabel("type", "objective", "en"),
    keyResult: valueLabel("type", "key_result", "en"),
    kpi: valueLabel("type", "kpi", "en"),
    binary: valueLabel("krType", "binary", "en"),
    milestone: valueLabel("krType", "milestone", "en"),
    status: {
      not_started: "Not started",
      on_track: "On track",
      at_risk: "At risk",
      off_track: "Off track",
      done: "Done",
    },
  };
  const grid: RawCellContent[][] = [
    [...header, HELPER_HEADERS.weight, HELPER_HEADERS.weighted],
    ...rows.map((r) => [...r, null, null]),
  ];
  // Type-specific formulas, as Set up writes them.
  const types = rows.map(
    (r): RowType => (r[1] === "Objective" ? "objective" : r[1] === "KPI" ? "kpi" : "key_result"),
  );
  for (const block of computedFormulas(
    2,
    rows.length + 1,
    { layout, helpers: { weight: width, weighted: width + 1 }, labels },
    types,
  )) {
    block.formulas.forEach((formula, i) => {
      grid[i + 1]![block.column] = formula;
    });
  }
  const settings = settingsSheetValues({
    asOf: "2026-11-22",
    thresholds: { atRiskGap: 0.1, offTrackGap: 0.25 },
    cycles: [parseCycle("2026-Q4")!],
    yesWords: YES_WORDS,
  });
  const [, ms] = time(() => createSheetsLikeEngine({ OKR: grid, [SETTINGS_SHEET]: settings }));
  return ms / 1000;
}

const format = (ms: number) => `${ms.toFixed(1).padStart(8)} ms`;
const grids = (total: number) => Array.from({ length: TEAMS }, (_, team) => teamGrid(team, total / TEAMS));

console.log(`Engine benchmark: ${TEAMS} teams, one sheet each, cycle 2026-Q4 (node ${process.version})\n`);
const engineMsBySize = new Map<number, number>();
for (const total of [1_000, 10_000, 100_000]) {
  const org = grids(total);
  runEngine(org); // warm-up
  const times = runEngine(org);
  const engineMs = Object.values(times).reduce((a, b) => a + b, 0);
  engineMsBySize.set(total, engineMs);
  console.log(`${total.toLocaleString("en")} rows`);
  for (const [stage, ms] of Object.entries(times)) console.log(`  ${stage.padEnd(18)} ${format(ms)}`);
  console.log(
    `  ${"engine total".padEnd(18)} ${format(engineMs)}   ${Math.round((total / engineMs) * 1000).toLocaleString("en")} rows/s\n`,
  );
}

// HyperFormula evaluating the generated formulas for the same rows in one sheet: its growth over a size
// ladder, stopping before a run would pass a minute (predicted from the growth seen so far).
console.log("HyperFormula build + evaluate of the generated formulas (all rows in one sheet)");
let previous: { rows: number; seconds: number } | null = null;
let exponent = 1;
for (const total of [500, 1_000, 2_000, 4_000, 10_000, 100_000]) {
  const predicted = previous ? previous.seconds * (total / previous.rows) ** exponent : 0;
  if (predicted > 60) {
    console.log(
      `  ${total.toLocaleString("en").padStart(7)} rows: skipped (predicted ${predicted.toFixed(0)} s at rows^${exponent.toFixed(2)})`,
    );
    continue;
  }
  const org = grids(total);
  const seconds = hyperFormulaSeconds(org);
  if (previous) exponent = Math.log(seconds / previous.seconds) / Math.log(total / previous.rows);
  const ours = engineMsBySize.get(total) ?? Object.values(runEngine(org)).reduce((a, b) => a + b, 0);
  console.log(
    `  ${total.toLocaleString("en").padStart(7)} rows: ${(seconds * 1000).toFixed(0).padStart(6)} ms` +
      `   ours ${ours.toFixed(1)} ms, ratio ours / HyperFormula = ${(ours / (seconds * 1000)).toFixed(4)}` +
      (previous ? `   growth rows^${exponent.toFixed(2)}` : ""),
  );
  previous = { rows: total, seconds };
}
