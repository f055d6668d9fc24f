// Random organisations: the graph, the cycle finder and the rollup never hang, throw or lose an objective.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { alignmentProblems, buildGraph, findCycles } from "../shared/graph.js";
import type { OkrRow, RollupNode, SheetRows } from "../shared/model.js";
import { checkQuality } from "../shared/quality.js";
import { buildRollup } from "../shared/rollup.js";
import { okrRow } from "./support/rows.js";

const orgArb = fc
  .record({
    size: fc.integer({ min: 1, max: 25 }),
    parents: fc.array(fc.integer({ min: -3, max: 30 }), { minLength: 25, maxLength: 25 }),
    contributions: fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 25, maxLength: 25 }),
    cycles: fc.array(fc.constantFrom("2026-Q4", "2026-Q3"), { minLength: 25, maxLength: 25 }),
    progress: fc.array(fc.option(fc.integer({ min: -5, max: 15 }), { nil: null }), {
      minLength: 25,
      maxLength: 25,
    }),
    sheets: fc.integer({ min: 1, max: 4 }),
  })
  .map(({ size, parents, contributions, cycles, progress, sheets }) => {
    const rows: OkrRow[] = [];
    for (let i = 0; i < size; i++) {
      const parent = parents[i]!;
      // Negative: aligned to nothing; beyond size: an unknown ID; otherwise any objective, itself included.
      const alignsTo = parent < 0 ? null : `O-${parent}`;
      rows.push(
        okrRow({
          id: `O-${i}`,
          type: "objective",
          alignsTo,
          contributesTo: [`O-${contributions[i]}`],
          cycle: cycles[i]!,
          level: i % 5 === 0 ? "company" : "team",
          team: `T${i % 3}`,
        }),
      );
      rows.push(okrRow({ id: `KR-${i}`, type: "key_result", objectiveId: `O-${i}`, current: progress[i]! }));
    }
    const split: SheetRows[] = Array.from({ length: sheets }, (_, s) => ({
      sheetId: `s${s}`,
      name: `Sheet ${s}`,
      rows: rows.filter((_, r) => Math.floor(r / 2) % sheets === s),
    }));
    return split;
  });

function flatten(nodes: readonly RollupNode[]): RollupNode[] {
  const out: RollupNode[] = [];
  const stack = [...nodes];
  while (stack.length) {
    const node = stack.pop()!;
    out.push(node);
    stack.push(...node.children);
  }
  return out;
}

/** The obvious way: follow parents from every node and see whether we come back. */
function referenceCycleMembers(sheets: SheetRows[]): Set<string> {
  const parent = new Map<string, string>();
  const ids = new Set(sheets.flatMap((s) => s.rows.filter((r) => r.type === "objective").map((r) => r.id)));
  for (const row of sheets.flatMap((s) => s.rows))
    if (row.type === "objective" && row.alignsTo && row.alignsTo !== row.id && ids.has(row.alignsTo))
      parent.set(row.id, row.alignsTo);
  const members = new Set<string>();
  for (const id of ids) {
    let node = parent.get(id);
    for (let steps = 0; node !== undefined && steps <= ids.size; steps++) {
      if (node === id) {
        members.add(id);
        break;
      }
      node = parent.get(node);
    }
  }
  return members;
}

describe("alignment properties", () => {
  it("findCycles finds exactly the cycles that exist", () => {
    fc.assert(
      fc.property(orgArb, (sheets) => {
        const found = findCycles(buildGraph(sheets));
        expect(new Set(found.flat())).toEqual(referenceCycleMembers(sheets));
        expect(found.flat().length).toBe(new Set(found.flat()).size);
      }),
      { numRuns: 300 },
    );
  });

  it("every objective of the cycle stands in the rollup tree exactly once, whatever the row or sheet order", () => {
    fc.assert(
      fc.property(orgArb, fc.boolean(), (sheets, reverse) => {
        const input = reverse
          ? [...sheets].reverse().map((s) => ({ ...s, rows: [...s.rows].reverse() }))
          : sheets;
        const rollup = buildRollup(input, { cycle: "2026-Q4", asOf: "2026-11-10" });
        const ids = flatten(rollup.roots).map((n) => n.id);
        const expected = sheets
          .flatMap((s) => s.rows)
          .filter((r) => r.type === "objective" && r.cycle === "2026-Q4")
          .map((r) => r.id);
        expect([...ids].sort()).toEqual([...expected].sort());
        expect(JSON.stringify(rollup)).toBe(
          JSON.stringify(buildRollup(sheets, { cycle: "2026-Q4", asOf: "2026-11-10" })),
        );
      }),
      { numRuns: 200 },
    );
  });

  it("progress stays in 0..1 and aligned progress within its children's range", () => {
    fc.assert(
      fc.property(orgArb, (sheets) => {
        const rollup = buildRollup(sheets, { cycle: "2026-Q4", asOf: "2026-11-10" });
        for (const node of flatten(rollup.roots)) {
          for (const value of [node.progress, node.alignedProgress]) {
            if (value !== null) {
              expect(value).toBeGreaterThanOrEqual(0);
              expect(value).toBeLessThanOrEqual(1);
            }
          }
          const childProgress = node.children.map((c) => c.progress).filter((p): p is number => p !== null);
          if (node.alignedProgress !== null) {
            expect(node.alignedProgress).toBeGreaterThanOrEqual(Math.min(...childProgress) - 1e-12);
            expect(node.alignedProgress).toBeLessThanOrEqual(Math.max(...childProgress) + 1e-12);
          }
        }
        expect(() => checkQuality(sheets)).not.toThrow();
      }),
      { numRuns: 200 },
    );
  });

  it("any permutation of rows and sheets changes neither the rollup, the cycles nor the set of problems", () => {
    const permuted = orgArb.chain((sheets) =>
      fc
        .tuple(
          fc.array(fc.double({ noNaN: true }), { minLength: sheets.length, maxLength: sheets.length }),
          fc.array(fc.array(fc.double({ noNaN: true }), { minLength: 50, maxLength: 50 }), {
            minLength: sheets.length,
            maxLength: sheets.length,
          }),
        )
        .map(([sheetKeys, rowKeys]) => {
          const shuffle = <T>(items: readonly T[], keys: readonly number[]) =>
            items
              .map((item, i) => ({ item, key: keys[i] ?? 0, i }))
              .sort((a, b) => a.key - b.key || a.i - b.i)
              .map((x) => x.item);
          const shuffled = shuffle(
            sheets.map((s, i) => ({ ...s, rows: shuffle(s.rows, rowKeys[i]!) })),
            sheetKeys,
          );
          return { sheets, shuffled };
        }),
    );
    const problemSet = (sheets: SheetRows[]) =>
      [...alignmentProblems(buildGraph(sheets)), ...checkQuality(sheets)]
        .map((p) => JSON.stringify([p.code, p.sheetId, p.row, p.ids, p.message]))
        .sort();
    fc.assert(
      fc.property(permuted, ({ sheets, shuffled }) => {
        const options = { cycle: "2026-Q4", asOf: "2026-11-10" };
        expect(JSON.stringify(buildRollup(shuffled, options))).toBe(
          JSON.stringify(buildRollup(sheets, options)),
        );
        expect(findCycles(buildGraph(shuffled))).toEqual(findCycles(buildGraph(sheets)));
        expect(problemSet(shuffled)).toEqual(problemSet(sheets));
      }),
      { numRuns: 150 },
    );
  });

  it("long chains, self-links and unknown IDs never hang or throw, and a chain closed into a loop is one cycle", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3_000 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 2_999 }),
        (length, closed, unknownAt) => {
          const rows = Array.from({ length }, (_, i) =>
            okrRow({
              id: `O-${i}`,
              type: "objective",
              // Each aligns to the next; the last one closes the loop or points nowhere.
              alignsTo: i + 1 < length ? `O-${i + 1}` : closed ? "O-0" : null,
              contributesTo: i === unknownAt ? ["NOPE-1", `O-${i}`] : [],
            }),
          );
          const sheets = [{ sheetId: "s", name: "S", rows }];
          const graph = buildGraph(sheets);
          const cycles = findCycles(graph);
          // A chain of one closed on itself is a self-link, not a cycle.
          const loop = closed && length > 1;
          expect(cycles).toHaveLength(loop ? 1 : 0);
          if (loop) expect([...cycles[0]!].sort()).toEqual(rows.map((r) => r.id).sort());
          const problems = alignmentProblems(graph);
          expect(problems.filter((p) => p.code === "alignment_cycle")).toHaveLength(loop ? 1 : 0);
          expect(problems.some((p) => p.code === "unknown_contribution")).toBe(unknownAt < length);
          const rollup = buildRollup(sheets, { cycle: "2026-Q4", asOf: "2026-11-10" });
          expect(flatten(rollup.roots)).toHaveLength(length);
          expect(rollup.roots).toHaveLength(1);
        },
      ),
      { numRuns: 40 },
    );
  });
});
