// The alignment graph across every sheet of an organisation: who supports whom, and what is wrong with it.
import { type AnalysisCode, analysisProblem } from "./analysis-messages.js";
import { valueLabel } from "./columns.js";
import { alignmentNests } from "./cycle-nesting.js";
import type { Language, Level, OkrRow, Problem, Severity, SheetRows } from "./model.js";
import type { MessageValues, Place } from "./problem.js";

export interface Placed {
  row: OkrRow;
  sheetId: string;
  sheetName: string;
}

/** Built once by buildGraph and not changed after: its cycles and duplicate search are kept per graph. */
export interface AlignmentGraph {
  objectives: Map<string, Placed>;
  keyResults: Map<string, Placed>;
  /** Parent objective ID -> objectives aligned to it (known parents only), in input order. */
  children: Map<string, Placed[]>;
  /** Objective ID -> objectives that contribute to it. */
  contributors: Map<string, Placed[]>;
  keyResultsByObjective: Map<string, Placed[]>;
  /** Objective or key result ID -> KPIs beside it. */
  kpisByParent: Map<string, Placed[]>;
  /** Every KPI, attached or not. */
  kpis: Placed[];
  /** IDs used in more than one sheet: the first wins, the rest are listed here. */
  duplicateIds: { placed: Placed; first: Placed }[];
}

/** Where a placed row is, as messages name it: "Sales row 14 (KR-9)". */
export function placeOf(placed: Placed): Place {
  return { sheet: placed.sheetName, row: placed.row.row, id: placed.row.id };
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

export function buildGraph(sheets: readonly SheetRows[]): AlignmentGraph {
  const graph: AlignmentGraph = {
    objectives: new Map(),
    keyResults: new Map(),
    children: new Map(),
    contributors: new Map(),
    keyResultsByObjective: new Map(),
    kpisByParent: new Map(),
    kpis: [],
    duplicateIds: [],
  };
  // Each ID's first row is in exactly one of these (no map of every ID besides: 100k rows, one map less).
  const kpiIds = new Map<string, Placed>();
  for (const sheet of sheets) {
    for (const row of sheet.rows) {
      if (!row.id) continue;
      const placed: Placed = { row, sheetId: sheet.sheetId, sheetName: sheet.name };
      const first = graph.objectives.get(row.id) ?? graph.keyResults.get(row.id) ?? kpiIds.get(row.id);
      if (first) {
        if (first.sheetId !== sheet.sheetId) graph.duplicateIds.push({ placed, first });
        continue;
      }
      if (row.type === "objective") graph.objectives.set(row.id, placed);
      else if (row.type === "key_result") graph.keyResults.set(row.id, placed);
      else {
        kpiIds.set(row.id, placed);
        graph.kpis.push(placed);
      }
    }
  }
  for (const placed of graph.objectives.values()) {
    const { alignsTo, contributesTo, id } = placed.row;
    if (alignsTo && alignsTo !== id && graph.objectives.has(alignsTo)) push(graph.children, alignsTo, placed);
    for (const target of contributesTo) {
      if (target !== id && graph.objectives.has(target)) push(graph.contributors, target, placed);
    }
  }
  for (const placed of graph.keyResults.values()) {
    if (placed.row.objectiveId) push(graph.keyResultsByObjective, placed.row.objectiveId, placed);
  }
  for (const placed of graph.kpis) {
    if (placed.row.objectiveId) push(graph.kpisByParent, placed.row.objectiveId, placed);
  }
  return graph;
}

/** The parent an objective aligns to, when that is another known objective. */
function parentOf(graph: AlignmentGraph, id: string): string | null {
  const parent = graph.objectives.get(id)?.row.alignsTo;
  return parent && parent !== id && graph.objectives.has(parent) ? parent : null;
}

/**
 * Every cycle of "aligns to" links, each as its IDs starting from the smallest, in link order.
 * Each objective has at most one parent, so one walk per objective with colouring is linear.
 */
export function findCycles(graph: AlignmentGraph): string[][] {
  // The alignment problems and every rollup of a graph ask for its cycles: found once per graph.
  let cycles = cyclesOfGraph.get(graph);
  if (!cycles) {
    cycles = walkCycles(graph);
    cyclesOfGraph.set(graph, cycles);
  }
  return cycles.map((cycle) => [...cycle]);
}

const cyclesOfGraph = new WeakMap<AlignmentGraph, string[][]>();

function walkCycles(graph: AlignmentGraph): string[][] {
  const state = new Map<string, number>(); // walk number that visited it; finished walks stay recorded
  const cycles: string[][] = [];
  let walk = 0;
  for (const start of graph.objectives.keys()) {
    if (state.has(start)) continue;
    walk++;
    const path: string[] = [];
    let node: string | null = start;
    while (node !== null && !state.has(node)) {
      state.set(node, walk);
      path.push(node);
      node = parentOf(graph, node);
    }
    if (node !== null && state.get(node) === walk) {
      const cycle = path.slice(path.indexOf(node));
      const smallest = cycle.indexOf([...cycle].sort()[0]!);
      cycles.push([...cycle.slice(smallest), ...cycle.slice(0, smallest)]);
    }
  }
  return cycles.sort((a, b) => (a[0]! < b[0]! ? -1 : 1));
}

export interface AlignmentOptions {
  language?: Language;
}

const SEVERITY: Partial<Record<AnalysisCode, Severity>> = {
  alignment_cycle: "error",
  unknown_alignment: "error",
  unknown_parent: "error",
  aligned_to_key_result: "error",
  self_alignment: "error",
  duplicate_id_across_sheets: "error",
  level_inversion: "hint",
};

const LEVEL_RANK: Record<Level, number> = { company: 0, team: 1, individual: 2 };

export function alignmentProblems(graph: AlignmentGraph, options: AlignmentOptions = {}): Problem[] {
  const language = options.language ?? "en";
  const problems: Problem[] = [];
  const add = (
    code: AnalysisCode,
    placed: Placed | null,
    params: MessageValues,
    ids: string[],
    column: Problem["column"] = null,
  ) => {
    problems.push(
      analysisProblem(
        language,
        {
          code,
          severity: SEVERITY[code] ?? "warning",
          row: placed?.row.row ?? null,
          column,
          ids,
          ...(placed ? { sheetId: placed.sheetId } : {}),
        },
        params,
        placed ? placeOf(placed) : null,
      ),
    );
  };
  const levelWord = (level: Level) => valueLabel("level", level, language).toLowerCase();

  for (const { placed, first } of graph.duplicateIds) {
    add(
      "duplicate_id_across_sheets",
      placed,
      { id: placed.row.id, sheet: first.sheetName, otherSheet: placed.sheetName },
      [placed.row.id],
      "id",
    );
  }
  for (const cycle of findCycles(graph)) {
    add(
      "alignment_cycle",
      graph.objectives.get(cycle[0]!) ?? null,
      { path: [...cycle, cycle[0]].join(" → ") },
      cycle,
      "alignsTo",
    );
  }
  for (const placed of graph.objectives.values()) {
    const { row } = placed;
    const parentId = row.alignsTo;
    if (parentId === row.id || row.contributesTo.includes(row.id))
      add("self_alignment", placed, {}, [row.id], "alignsTo");
    if (parentId && parentId !== row.id) {
      const parent = graph.objectives.get(parentId);
      if (!parent) {
        if (graph.keyResults.has(parentId))
          add("aligned_to_key_result", placed, { id: parentId }, [row.id, parentId], "alignsTo");
        else add("unknown_alignment", placed, { id: parentId }, [row.id, parentId], "alignsTo");
      } else {
        // A quarter under its year (or any window inside its parent's) nests: only others are warned of.
        if (!alignmentNests(row.cycle, parent.row.cycle)) {
          add(
            "cross_cycle_alignment",
            placed,
            { id: parentId, cycle: row.cycle, otherCycle: parent.row.cycle },
            [row.id, parentId],
            "alignsTo",
          );
        }
        if (row.level && parent.row.level && LEVEL_RANK[row.level] < LEVEL_RANK[parent.row.level]) {
          add(
            "level_inversion",
            placed,
            { id: parentId, level: levelWord(row.level), otherLevel: levelWord(parent.row.level) },
            [row.id, parentId],
            "alignsTo",
          );
        }
      }
    }
    for (const target of row.contributesTo) {
      if (target !== row.id && !graph.objectives.has(target))
        add("unknown_contribution", placed, { id: target }, [row.id, target], "contributesTo");
    }
    if (!parentId && (row.level === "team" || row.level === "individual"))
      add("unaligned_objective", placed, {}, [row.id], "alignsTo");
    if (row.level === "company" && !graph.children.has(row.id) && !graph.contributors.has(row.id)) {
      add("unsupported_company_objective", placed, {}, [row.id]);
    }
  }
  for (const placed of [...graph.keyResults.values(), ...graph.kpis]) {
    const parent = placed.row.objectiveId;
    if (parent && !graph.objectives.has(parent) && !graph.keyResults.has(parent)) {
      add("unknown_parent", placed, { id: parent }, [placed.row.id, parent], "objective");
    }
  }
  return problems;
}
