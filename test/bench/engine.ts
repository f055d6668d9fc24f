// npm run bench: what the engine costs, and what the sheet formulas cost. Not a test: it prints figures.
//
// 1. The engine pipeline (parse + validate, progress, graph + alignment, the duplicate search that rollup
//    and quality share, rollup, quality) on generated organisations of 1k, 10k and 100k rows across 50 teams,
//    one sheet each (test/support/org.ts: three languages, shuffled columns, 2% dirty cells), for each
//    vocabulary: specific names (few shared words), mixed, and 150 common business words (every word shared
//    by hundreds or thousands of titles). Each size
//    is timed several times (min and median), side by side with a trivial pass that builds one object per row
//    and with JSON.parse of the same cells; the duplicate search reports the pairs it scored, the duplicates
//    it found and how many of the planted duplicates it found, and says plainly when anything switches off.
// 2. HyperFormula evaluating the generated formulas (where that finishes within a minute) as a proxy for how
//    heavy the formulas are for Sheets, on its own organisation.
//
// Options: --sizes 1000,10000 --runs 5 --vocabularies names,shared --no-formulas
//
// --check: no timing; the engine's whole output (parsed rows and problems with their messages, computed
// columns, alignment problems, rollups of three cycles, quality findings, the duplicate search's pairs and
// figures) at each vocabulary and size, hashed and compared with test/bench/engine-output-hashes.json,
// recorded from main; --record writes that file (run it on main, then --check on a branch).
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import type { RawCellContent } from "hyperformula";
import { headerLabel } from "../../shared/columns.js";
import { parseCycle } from "../../shared/cycle.js";
import { duplicateWork, forgetRecentSearches } from "../../shared/duplicates.js";
import {
  computedFormulas,
  HELPER_HEADERS,
  SETTINGS_SHEET,
  settingsSheetValues,
} from "../../shared/formulas.js";
import { type AlignmentGraph, alignmentProblems, buildGraph } from "../../shared/graph.js";
import type { ColumnKey, Problem, RowType, SheetLayout, SheetRows } from "../../shared/model.js";
import { findLayout, parseSheet } from "../../shared/parse.js";
import { computeRows } from "../../shared/progress.js";
import { qualityFromGraph } from "../../shared/quality.js";
import { rollupFromGraph } from "../../shared/rollup.js";
import { formulaLabels } from "../../shared/sheet-setup.js";
import { CANDIDATE_BUDGET, DISTINCTIVE_WORD_ITEMS } from "../../shared/similarity.js";
import { createSheetsLikeEngine } from "../support/hyperformula.js";
import { type GeneratedOrg, generateOrg, VOCABULARIES, type VocabularyName } from "../support/org.js";

const argument = (name: string) => {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const SIZES = (argument("sizes") ?? "1000,10000,100000").split(",").map(Number);
const RUNS = Math.max(1, Number(argument("runs") ?? 5));
const VOCABULARY_LIST = (argument("vocabularies")?.split(",") ?? VOCABULARIES) as VocabularyName[];
const ENGINE_TEAMS = 50;

function time<T>(work: () => T): [T, number] {
  const start = performance.now();
  const result = work();
  return [result, performance.now() - start];
}

/** CPU milliseconds (user + system) of this process so far: on a shared machine, less load-bound than wall time. */
function cpuNow(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Wall and CPU milliseconds of `work`. */
function timeBoth<T>(work: () => T): [T, number, number] {
  const cpu = cpuNow();
  const [result, wall] = time(work);
  return [result, wall, cpuNow() - cpu];
}

const STAGES = [
  "parse + validate",
  "progress",
  "graph + alignment",
  "duplicate search",
  "rollup",
  "quality",
] as const;
type Stage = (typeof STAGES)[number];

interface EngineRun {
  /** CPU milliseconds per stage. */
  times: Record<Stage, number>;
  wall: number;
  graph: AlignmentGraph;
  problems: Problem[];
}

function runEngine(org: GeneratedOrg): EngineRun {
  const wallStart = performance.now();
  const times = {} as Record<Stage, number>;
  const time = <T>(work: () => T): [T, number] => {
    const [result, , cpu] = timeBoth(work);
    return [result, cpu];
  };
  const problems: Problem[] = [];
  const [sheets, parse] = time(() =>
    org.sheets.map((sheet): SheetRows => {
      const parsed = parseSheet(sheet.values, { sheetId: sheet.sheetId });
      for (const problem of parsed.problems) problems.push(problem);
      return { sheetId: sheet.sheetId, name: sheet.name, rows: parsed.rows };
    }),
  );
  times["parse + validate"] = parse;
  times.progress = time(() => sheets.map((s) => computeRows(s.rows, { asOf: org.asOf })))[1];
  const [graph, graphTime] = time(() => buildGraph(sheets));
  const [alignment, alignmentTime] = time(() => alignmentProblems(graph));
  times["graph + alignment"] = graphTime + alignmentTime;
  // One search of the graph, kept for the rollup and the quality check that follow. The searches kept by what
  // they searched are forgotten first: every run times the search itself, not a look-up of the last run's.
  forgetRecentSearches();
  times["duplicate search"] = time(() => duplicateWork(graph))[1];
  times.rollup = time(() => rollupFromGraph(graph, { cycle: org.cycle, asOf: org.asOf }))[1];
  const [quality, qualityTime] = time(() => qualityFromGraph(graph));
  times.quality = qualityTime;
  problems.push(...alignment, ...quality);
  return { times, wall: performance.now() - wallStart, graph, problems };
}

/** One object per data row, every column by name: the least any reader of these cells does. */
function trivialPass(org: GeneratedOrg, layouts: readonly (SheetLayout | null)[]): number {
  let objects = 0;
  org.sheets.forEach((sheet, i) => {
    const layout = layouts[i];
    if (!layout) return;
    const c = layout.columns;
    for (let r = layout.headerRow; r < sheet.values.length; r++) {
      const cells = sheet.values[r]!;
      const row = {
        id: cells[c.id ?? -1],
        type: cells[c.type ?? -1],
        title: cells[c.title ?? -1],
        objective: cells[c.objective ?? -1],
        alignsTo: cells[c.alignsTo ?? -1],
        contributesTo: cells[c.contributesTo ?? -1],
        level: cells[c.level ?? -1],
        team: cells[c.team ?? -1],
        owner: cells[c.owner ?? -1],
        cycle: cells[c.cycle ?? -1],
        start: cells[c.start ?? -1],
        target: cells[c.target ?? -1],
        current: cells[c.current ?? -1],
        unit: cells[c.unit ?? -1],
        krType: cells[c.krType ?? -1],
        weight: cells[c.weight ?? -1],
        confidence: cells[c.confidence ?? -1],
        kpiKind: cells[c.kpiKind ?? -1],
        notes: cells[c.notes ?? -1],
        row: r + 1,
      };
      if (row.id !== undefined) objects++;
    }
  });
  return objects;
}

const min = (values: readonly number[]) => Math.min(...values);
const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};
const ms = (value: number) => `${value >= 100 ? value.toFixed(0) : value.toFixed(1)} ms`;
const count = (value: number) => value.toLocaleString("en");
const cell = (text: string, width: number) => text.padStart(width);
const loadAverage = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(" ");

function benchVocabulary(vocabulary: VocabularyName): void {
  console.log(
    `\nVocabulary "${vocabulary}" (${RUNS} runs per size after a warm-up; stage columns are CPU medians; ` +
      `load average ${loadAverage()})\n`,
  );
  const header = [
    "rows",
    ...STAGES,
    "CPU min",
    "CPU median",
    "wall min",
    "wall median",
    "/ trivial",
    "/ JSON.parse",
    "pairs scored",
    "duplicates",
    "planted found",
  ];
  const widths = header.map((h) => Math.max(h.length, 9));
  console.log(header.map((h, i) => cell(h, widths[i]!)).join("  "));
  const notes: string[] = [];
  for (const rows of SIZES) {
    const org = generateOrg({ rows, teams: ENGINE_TEAMS, vocabulary, dirty: 0.02 });
    const layouts = org.sheets.map((sheet) => findLayout(sheet.values)?.layout ?? null);
    const json = JSON.stringify(org.sheets.map((sheet) => sheet.values));
    runEngine(org); // warm-up
    trivialPass(org, layouts);
    const totals: number[] = [];
    const walls: number[] = [];
    const stages: Record<Stage, number[]> = Object.fromEntries(STAGES.map((s) => [s, []])) as never;
    const trivial: number[] = [];
    const parsing: number[] = [];
    let last: EngineRun | null = null;
    for (let run = 0; run < RUNS; run++) {
      last = runEngine(org);
      for (const stage of STAGES) stages[stage].push(last.times[stage]);
      totals.push(STAGES.reduce((sum, stage) => sum + last!.times[stage], 0));
      walls.push(last.wall);
      trivial.push(timeBoth(() => trivialPass(org, layouts))[2]);
      parsing.push(timeBoth(() => JSON.parse(json))[2]);
    }
    const search = duplicateWork(last!.graph).stats;
    const found = new Set(duplicateWork(last!.graph).pairs.map((p) => `${p.a.row.id}\u0000${p.b.row.id}`));
    const planted = org.planted.filter(([a, b]) =>
      found.has(a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`),
    ).length;
    const line = [
      count(rows),
      ...STAGES.map((stage) => ms(median(stages[stage]))),
      ms(min(totals)),
      ms(median(totals)),
      ms(min(walls)),
      ms(median(walls)),
      `${(min(totals) / min(trivial)).toFixed(0)}×`,
      `${(min(totals) / min(parsing)).toFixed(1)}×`,
      count(search.pairsScored),
      count(search.pairsFound),
      `${planted} / ${org.planted.length}`,
    ];
    console.log(line.map((text, i) => cell(text, widths[i]!)).join("  "));
    // What the engine left unwritten: every problem's message, as the sync answer or a sidebar writes them.
    const [, writing] = time(() => last!.problems.reduce((sum, p) => sum + p.message.length, 0));
    notes.push(
      `${count(rows)} rows: ${count(search.items)} titles searched; ${count(search.commonWords)} words in more ` +
        `than ${DISTINCTIVE_WORD_ITEMS} titles (reached through the word orders, not skipped); ` +
        `${count(search.itemsOverBudget)} titles had more candidates than the budget of ${CANDIDATE_BUDGET} ` +
        `(their least alike were not scored); ${count(last!.problems.length)} problems, whose messages take ` +
        `${ms(writing)} more when all are read.` +
        (search.pairsScored === 0 && search.items > 1
          ? " THE DUPLICATE SEARCH SCORED NO PAIRS: it is switched off at this size."
          : ""),
    );
  }
  console.log("");
  for (const note of notes) console.log(`  ${note}`);
}

const HASHES_FILE = new URL("./engine-output-hashes.json", import.meta.url);

/** Hashes of every part of the engine's output on one organisation. */
function outputHashes(org: GeneratedOrg): Record<string, string> {
  const hash = (value: unknown) =>
    createHash("sha256").update(JSON.stringify(value)).digest("hex").slice(0, 16);
  const parsed = org.sheets.map((sheet) => parseSheet(sheet.values, { sheetId: sheet.sheetId }));
  const sheets = parsed.map(
    (p, i): SheetRows => ({ sheetId: org.sheets[i]!.sheetId, name: org.sheets[i]!.name, rows: p.rows }),
  );
  const graph = buildGraph(sheets);
  const search = duplicateWork(graph);
  const lastCheckIns = new Map<string, string>();
  [...graph.keyResults.keys()].forEach((id, i) => {
    if (i % 3 === 0) lastCheckIns.set(id, i % 2 ? "2026-11-20T08:00:00Z" : "2026-10-02T09:00:00Z");
  });
  return {
    parsed: hash(parsed),
    computed: hash(sheets.map((sheet) => [...computeRows(sheet.rows, { asOf: org.asOf }).entries()])),
    alignment: hash(alignmentProblems(graph)),
    rollups: hash(
      [org.cycle, "2026", "2026-Q3"].map((cycle) =>
        rollupFromGraph(graph, { cycle, asOf: org.asOf, lastCheckIns, maxDuplicates: 100_000 }),
      ),
    ),
    quality: hash(qualityFromGraph(graph)),
    duplicates: hash({
      stats: search.stats,
      pairs: search.pairs.map((p) => [p.a.row.id, p.b.row.id, p.similarity]),
    }),
  };
}

if (process.argv.includes("--check") || process.argv.includes("--record")) {
  const recording = process.argv.includes("--record");
  const recorded: Record<string, Record<string, string>> = recording
    ? {}
    : JSON.parse(readFileSync(HASHES_FILE, "utf8"));
  let differences = 0;
  for (const vocabulary of VOCABULARY_LIST) {
    for (const rows of SIZES) {
      const name = `${vocabulary} ${rows}`;
      const hashes = outputHashes(generateOrg({ rows, teams: ENGINE_TEAMS, vocabulary, dirty: 0.02 }));
      if (recording) recorded[name] = hashes;
      const expected = recorded[name];
      const differ = expected
        ? Object.keys(hashes).filter((part) => hashes[part] !== expected[part])
        : ["(not recorded)"];
      differences += recording ? 0 : differ.length;
      console.log(
        `${name.padEnd(16)} ${recording ? "recorded" : differ.length ? `DIFFERS: ${differ.join(", ")}` : "same"}`,
      );
    }
  }
  if (recording) writeFileSync(HASHES_FILE, `${JSON.stringify(recorded, null, 2)}\n`);
  process.exit(differences ? 1 : 0);
}

console.log(
  `Engine benchmark: ${ENGINE_TEAMS} teams, one sheet each, cycle 2026-Q4 (node ${process.version}, ` +
    `${RUNS} runs per size, ${cpus().length} cores, load average ${loadAverage()}). CPU is user + system time ` +
    "of this process (process.cpuUsage), wall is elapsed time; on a shared machine read the CPU columns.",
);
for (const vocabulary of VOCABULARY_LIST) benchVocabulary(vocabulary);
if (process.argv.includes("--no-formulas")) process.exit(0);

// ---------------------------------------------------------------------------------------------
// HyperFormula (formula cost), on the formula part's own organisation.

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
// The formula part's own organisation (as before): a vocabulary of 3,000 made-up words.
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

function runFormulaOrgEngine(grids: unknown[][][]): Record<string, number> {
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
  const layout: SheetLayout = { headerRow: 1, columns, width: width + 3, language: "en" };
  // The words Set up writes (shared/sheet-setup.ts), English.
  const labels = formulaLabels("en");

  const grid: RawCellContent[][] = [
    [...header, HELPER_HEADERS.weight, HELPER_HEADERS.weighted, HELPER_HEADERS.started],
    ...rows.map((r) => [...r, null, null, null]),
  ];
  // Type-specific formulas, as Set up writes them.
  const types = rows.map(
    (r): RowType => (r[1] === "Objective" ? "objective" : r[1] === "KPI" ? "kpi" : "key_result"),
  );
  for (const block of computedFormulas(
    2,
    rows.length + 1,
    { layout, helpers: { weight: width, weighted: width + 1, started: width + 2 }, labels },
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
  });
  const [, ms] = time(() => createSheetsLikeEngine({ OKR: grid, [SETTINGS_SHEET]: settings }));
  return ms / 1000;
}

const formulaGrids = (total: number) =>
  Array.from({ length: TEAMS }, (_, team) => teamGrid(team, total / TEAMS));

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
  const org = formulaGrids(total);
  const seconds = hyperFormulaSeconds(org);
  if (previous) exponent = Math.log(seconds / previous.seconds) / Math.log(total / previous.rows);
  const ours = Object.values(runFormulaOrgEngine(org)).reduce((a, b) => a + b, 0);
  console.log(
    `  ${total.toLocaleString("en").padStart(7)} rows: ${(seconds * 1000).toFixed(0).padStart(6)} ms` +
      `   ours ${ours.toFixed(1)} ms, ratio ours / HyperFormula = ${(ours / (seconds * 1000)).toFixed(4)}` +
      (previous ? `   growth rows^${exponent.toFixed(2)}` : ""),
  );
  previous = { rows: total, seconds };
}
