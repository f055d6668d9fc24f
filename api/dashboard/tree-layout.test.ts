import { describe, expect, it } from "vitest";
import type { RollupNode } from "../../shared/model.js";
import { NO_FILTERS, shownTree } from "./data.js";
import { CARD, layoutTree } from "./tree-layout.js";
import { titleLines } from "./views/tree.js";

function node(id: string, children: RollupNode[] = []): RollupNode {
  return {
    id,
    title: `Objective ${id}`,
    team: "T",
    owner: "O",
    level: "team",
    cycle: "2026-Q4",
    sheetId: "s",
    progress: 0.5,
    alignedProgress: null,
    expected: 0.5,
    status: "on_track",
    paceStatus: "on_track",
    ownerStatus: null,
    keyResultCount: 1,
    contributesTo: [],
    grade: null,
    children,
  };
}

/** A forest of `roots` trees, each `fanout` wide and `depth` deep. */
function forest(roots: number, fanout: number, depth: number): RollupNode[] {
  const build = (id: string, level: number): RollupNode =>
    node(id, level >= depth ? [] : Array.from({ length: fanout }, (_, i) => build(`${id}.${i}`, level + 1)));
  return Array.from({ length: roots }, (_, i) => build(`R${i}`, 1));
}

describe("layoutTree", () => {
  it("places every shown objective once, children one column right of their parent, no two cards overlapping", () => {
    const shown = shownTree(forest(3, 3, 3), NO_FILTERS, new Set());
    const layout = layoutTree(shown);
    expect(layout.cards).toHaveLength(3 * (1 + 3 + 9));
    expect(new Set(layout.cards.map((card) => card.shown.node.id)).size).toBe(layout.cards.length);
    for (const { from, to } of layout.edges) expect(to.x - from.x).toBe(CARD.width + CARD.gapX);
    expect(layout.edges).toHaveLength(layout.cards.length - 3);
    for (const a of layout.cards)
      for (const b of layout.cards) {
        if (a === b) continue;
        const apart =
          a.x + CARD.width <= b.x ||
          b.x + CARD.width <= a.x ||
          a.y + CARD.height <= b.y ||
          b.y + CARD.height <= a.y;
        expect(apart, `${a.shown.node.id} / ${b.shown.node.id}`).toBe(true);
      }
    for (const card of layout.cards) {
      expect(card.x + CARD.width).toBeLessThanOrEqual(layout.width);
      expect(card.y + CARD.height).toBeLessThanOrEqual(layout.height);
      expect(card.y).toBeGreaterThanOrEqual(0);
    }
  });

  it("leaves collapsed subtrees out and draws nothing for an empty tree", () => {
    const roots = forest(1, 2, 3);
    const layout = layoutTree(shownTree(roots, NO_FILTERS, new Set(["R0.0"])));
    expect(layout.cards.map((card) => card.shown.node.id).sort()).toEqual([
      "R0",
      "R0.0",
      "R0.1",
      "R0.1.0",
      "R0.1.1",
    ]);
    expect(layoutTree([])).toEqual({ cards: [], edges: [], width: 0, height: 0 });
  });
});

describe("titleLines", () => {
  it("breaks between words on at most two lines and cuts the rest with an ellipsis", () => {
    expect(titleLines("Short title")).toEqual(["Short title"]);
    expect(titleLines("Win more mid-market customers in Sweden and Norway", 31)).toEqual([
      "Win more mid-market customers",
      "in Sweden and Norway",
    ]);
    const long = titleLines(`${"a".repeat(10)} ${"b".repeat(40)} c`, 31);
    expect(long).toEqual(["a".repeat(10), `${"b".repeat(30)}…`]);
    expect(titleLines("x".repeat(50), 31)).toEqual([`${"x".repeat(30)}…`]);
  });
});
