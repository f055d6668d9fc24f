// npm run bench:formulas (also part of npm run bench): what the sheet formulas cost in a real spreadsheet engine
// (HyperFormula, configured like Sheets), old design beside new in the same run. The old design ("sumifs") is
// what Set up wrote before: each objective row runs two SUMIFS and a COUNTIFS over whole columns. The new one
// ("index") is what Set up writes now: the hidden index sheet sorts the key results by objective once and each
// objective finds its totals by binary search. For 1k, 2k, 4k and 8k rows it prints the build (parse and full
// evaluation) and the cost of one Current edit (the recalculation it triggers), several runs and edits, min and
// median, and the growth exponent between sizes (log of the time ratio over log of the size ratio). Before the
// figures, it checks that both designs compute identical cells at each size. Not a test: it prints figures.
//
// HyperFormula stands in for Sheets, whose recalculation cannot be measured here: the exponents say how each
// design grows, not how many milliseconds Sheets takes. The old design is quadratic: sizes it would take too
// long at are skipped, with the time predicted from the growth measured below them, and said so.
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import type { HyperFormula } from "hyperformula";
import type { Aggregation } from "../../shared/formulas.js";
import { createSheetsLikeEngine, sheetValues } from "../support/hyperformula.js";
import { buildSheet, countRecomputed, SHEET } from "../support/team-formula-sheet.js";

const SIZES = (process.env.OKR_BENCH_SIZES ?? "1000,2000,4000,8000").split(",").map(Number);
/** The designs to run (OKR_BENCH_DESIGNS=index skips the quadratic one). */
const DESIGNS = (process.env.OKR_BENCH_DESIGNS ?? "sumifs,index").split(",") as Aggregation[];
const RUNS = Number(process.env.OKR_BENCH_RUNS ?? 3);
const EDITS_PER_RUN = 5;
/** A design is not run at a size whose predicted build and edits pass this (CPU seconds; OKR_BENCH_BUDGET). */
const BUDGET_SECONDS = Number(process.env.OKR_BENCH_BUDGET ?? 60);
interface Measured {
  buildMs: number[];
  editMs: number[];
  /** CPU milliseconds (user + system of this process): less bound to the machine's load than wall time. */
  buildCpu: number[];
  editCpu: number[];
  /** Formula cells HyperFormula recomputed per edit, and the cells whose value it reported changed. */
  recomputed: number[];
  changed: number[];
}

const cpuNow = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

function measure(rows: number, aggregation: Aggregation, runs: number, edits: number): Measured {
  const result: Measured = {
    buildMs: [],
    editMs: [],
    buildCpu: [],
    editCpu: [],
    recomputed: [],
    changed: [],
  };
  for (let run = 0; run < runs; run++) {
    const sheet = buildSheet(rows, aggregation);
    const start = performance.now();
    const cpu = cpuNow();
    const engine = createSheetsLikeEngine(sheet.workbook.sheets, {}, sheet.workbook.namedRanges);
    result.buildCpu.push(cpuNow() - cpu);
    result.buildMs.push(performance.now() - start);
    const counter = countRecomputed(engine);
    const okr = engine.getSheetId(SHEET)!;
    const current = sheet.layout.columns.current!;
    for (let e = 0; e < edits; e++) {
      // Key results spread over the sheet, a new value each time (as a check-in types it): a fraction of a step
      // above the start, a progress no key result had (their values are whole numbers), so every edit changes
      // its objective's totals.
      const row = sheet.keyResultRows[Math.floor(((e + 0.5) / edits) * sheet.keyResultRows.length)]!;
      const start = engine.getCellValue({ sheet: okr, row, col: sheet.layout.columns.start! }) as number;
      const value = start + (1 + run * edits + e) / (2 + runs * edits);
      counter.count = 0;
      const t = performance.now();
      const c = cpuNow();
      const changes = engine.setCellContents({ sheet: okr, row, col: current }, [[value]]);
      result.editCpu.push(cpuNow() - c);
      result.editMs.push(performance.now() - t);
      result.recomputed.push(counter.count);
      result.changed.push(changes.length);
    }
  }
  return result;
}

/** Both designs' computed cells at one size, after the same edit: they must be identical. */
function sameCells(rows: number): string {
  const computedOf = (aggregation: Aggregation) => {
    const sheet = buildSheet(rows, aggregation);
    const engine: HyperFormula = createSheetsLikeEngine(
      sheet.workbook.sheets,
      {},
      sheet.workbook.namedRanges,
    );
    const row = sheet.keyResultRows[Math.floor(sheet.keyResultRows.length / 2)]!;
    engine.setCellContents({ sheet: engine.getSheetId(SHEET)!, row, col: sheet.layout.columns.current! }, [
      [7],
    ]);
    const { progress, expected, status } = sheet.layout.columns;
    return sheetValues(engine, SHEET).map((cells) => [cells[progress!], cells[expected!], cells[status!]]);
  };
  const old = computedOf("sumifs");
  const index = computedOf("index");
  let differing = 0;
  let largest = 0;
  old.forEach((cells, r) => {
    cells.forEach((value, c) => {
      const other = index[r]![c];
      if (typeof value === "number" && typeof other === "number")
        largest = Math.max(largest, Math.abs(value - other));
      else if (value !== other) differing++;
    });
  });
  return differing === 0 && largest < 1e-9
    ? `identical (${old.length - 1} rows, largest difference ${largest.toExponential(1)})`
    : `DIFFERENT: ${differing} cells, largest numeric difference ${largest}`;
}

const min = (xs: number[]) => Math.min(...xs);
const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const ms = (x: number) =>
  (x >= 10_000 ? `${(x / 1000).toFixed(1)} s` : `${x.toFixed(x < 10 ? 2 : 0)} ms`).padStart(9);

const loadAverage = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");
console.log(`Formula bench: HyperFormula configured like Sheets (node ${process.version}), one team sheet,`);
console.log(
  `${RUNS} runs per size and design, ${EDITS_PER_RUN} Current edits per run; min / median; ${cpus().length} cores, ` +
    `load average ${loadAverage()}. CPU is user + system time of this process; growth exponents from CPU.\n`,
);
if (DESIGNS.includes("sumifs") && DESIGNS.includes("index")) {
  console.log("Both designs' Progress, Expected and Status after an edit:");
  for (const rows of SIZES.slice(0, 2))
    console.log(`  ${rows.toLocaleString("en")} rows: ${sameCells(rows)}`);
  console.log("");
}

type Pair = [number, number];
interface Row {
  rows: number;
  /** min, median */
  build: Pair | null;
  buildWall: Pair | null;
  edit: Pair | null;
  editWall: Pair | null;
  /** Median formula cells recomputed and cells changed per edit. */
  recomputed: number;
  changed: number;
  predicted?: string;
}
const pair = (xs: number[]): Pair => [min(xs), median(xs)];
const table = new Map<Aggregation, Row[]>();
for (const aggregation of DESIGNS) {
  const lines: Row[] = [];
  for (const rows of SIZES) {
    const previous = lines.filter((l) => l.build && l.edit).slice(-2);
    if (previous.length === 2) {
      const [a, b] = previous as [Row, Row];
      const grow = (pick: (r: Row) => number) =>
        pick(b) * (rows / b.rows) ** (Math.log(pick(b) / pick(a)) / Math.log(b.rows / a.rows));
      const build = grow((r) => r.build![1]);
      const edit = grow((r) => r.edit![1]);
      // One build and the edits of one run at least.
      if ((build + edit * EDITS_PER_RUN) / 1000 > BUDGET_SECONDS) {
        lines.push({
          rows,
          build: null,
          buildWall: null,
          edit: null,
          editWall: null,
          recomputed: 0,
          changed: 0,
          predicted: `build ${ms(build).trim()}, edit ${ms(edit).trim()}`,
        });
        continue;
      }
    }
    const runs = rows >= 8_000 && aggregation === "sumifs" ? 1 : RUNS;
    const m = measure(rows, aggregation, runs, EDITS_PER_RUN);
    lines.push({
      rows,
      build: pair(m.buildCpu),
      buildWall: pair(m.buildMs),
      edit: pair(m.editCpu),
      editWall: pair(m.editMs),
      recomputed: median(m.recomputed),
      changed: median(m.changed),
    });
    process.stderr.write(`  measured ${aggregation} at ${rows} rows (load average ${loadAverage()})\n`);
  }
  table.set(aggregation, lines);
}

const growth = (a: Row, b: Row, pick: (r: Row) => Pair | null, which: 0 | 1) =>
  Math.log(pick(b)![which] / pick(a)![which]) / Math.log(b.rows / a.rows);
const head = [
  "design",
  "rows",
  "build CPU min",
  "median",
  "growth",
  "edit CPU min",
  "median",
  "growth",
  "edit wall min",
  "median",
  "recomputed / edit",
  "per row",
  "changed / edit",
];
console.log(head.join(" | "));
for (const [aggregation, lines] of table) {
  lines.forEach((line, i) => {
    const start = `${aggregation} | ${line.rows.toLocaleString("en")}`;
    if (!line.build || !line.edit) {
      console.log(
        `${start} | skipped: predicted ${line.predicted} from the growth above (over ${BUDGET_SECONDS} s)`,
      );
      return;
    }
    const before = lines[i - 1];
    const step = (pick: (r: Row) => Pair | null) =>
      before?.build ? `^${growth(before, line, pick, 1).toFixed(2)}` : "";
    console.log(
      [
        start,
        ms(line.build[0]).trim(),
        ms(line.build[1]).trim(),
        step((l) => l.build),
        ms(line.edit[0]).trim(),
        ms(line.edit[1]).trim(),
        step((l) => l.edit),
        ms(line.editWall![0]).trim(),
        ms(line.editWall![1]).trim(),
        line.recomputed.toLocaleString("en"),
        (line.recomputed / line.rows).toFixed(2),
        line.changed.toLocaleString("en"),
      ].join(" | "),
    );
  });
  const measured = lines.filter((l) => l.build && l.edit);
  if (measured.length >= 2) {
    const a = measured[0]!;
    const b = measured[measured.length - 1]!;
    const e = (pick: (r: Row) => Pair | null, which: 0 | 1) => growth(a, b, pick, which).toFixed(2);
    const counted = (Math.log(b.recomputed / a.recomputed) / Math.log(b.rows / a.rows)).toFixed(2);
    console.log(
      `${aggregation} ${a.rows / 1000}k-${b.rows / 1000}k: build CPU rows^${e((l) => l.build, 0)} (mins), ` +
        `rows^${e((l) => l.build, 1)} (medians); edit CPU rows^${e((l) => l.edit, 0)} (mins), ` +
        `rows^${e((l) => l.edit, 1)} (medians); cells recomputed per edit rows^${counted}`,
    );
  }
}
const old = table.get("sumifs");
const index = table.get("index");
if (old && index) {
  console.log("\nOld / new, per edit (CPU medians):");
  for (const line of index) {
    const before = old.find((l) => l.rows === line.rows);
    if (before?.edit && line.edit)
      console.log(
        `  ${line.rows.toLocaleString("en").padStart(6)} rows: ${(before.edit[1] / line.edit[1]).toFixed(1)}x faster`,
      );
  }
}
