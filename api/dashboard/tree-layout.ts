// Positions for the alignment tree picture, computed by d3-hierarchy's tidy tree (Reingold–Tilford):
// company objectives on the left, what aligns to them to the right, one card per objective.
import { hierarchy, tree } from "d3-hierarchy";
import type { ShownNode } from "./data.js";

export const CARD = { width: 280, height: 104, gapX: 56, gapY: 16 } as const;

export interface PlacedCard {
  shown: ShownNode;
  /** Top-left corner of the card. */
  x: number;
  y: number;
  depth: number;
}

export interface TreeLayout {
  cards: PlacedCard[];
  /** Parent card -> child card. */
  edges: { from: PlacedCard; to: PlacedCard }[];
  width: number;
  height: number;
}

type LayoutDatum = { shown: ShownNode | null; children: LayoutDatum[] };

export function layoutTree(roots: readonly ShownNode[], padding = 8): TreeLayout {
  // One invisible root holds the forest, so every root objective is laid out in the same tidy tree.
  const toDatum = (shown: ShownNode): LayoutDatum => ({ shown, children: shown.children.map(toDatum) });
  const root = hierarchy<LayoutDatum>({ shown: null, children: roots.map(toDatum) });
  tree<LayoutDatum>().nodeSize([CARD.height + CARD.gapY, CARD.width + CARD.gapX])(root);

  const drawn = root.descendants().filter((node) => node.data.shown !== null);
  if (drawn.length === 0) return { cards: [], edges: [], width: 0, height: 0 };
  // d3 lays out top-down (x across, y down); turned sideways here: depth runs left to right.
  const minBreadth = Math.min(...drawn.map((node) => node.x ?? 0));
  const byNode = new Map<object, PlacedCard>();
  const cards = drawn.map((node) => {
    const card: PlacedCard = {
      shown: node.data.shown!,
      x: padding + (node.depth - 1) * (CARD.width + CARD.gapX),
      y: padding + (node.x ?? 0) - minBreadth,
      depth: node.depth - 1,
    };
    byNode.set(node, card);
    return card;
  });
  const edges = drawn.flatMap((node) => {
    const from = node.parent ? byNode.get(node.parent) : undefined;
    const to = byNode.get(node)!;
    return from ? [{ from, to }] : [];
  });
  return {
    cards,
    edges,
    width: Math.max(...cards.map((card) => card.x)) + CARD.width + padding,
    height: Math.max(...cards.map((card) => card.y)) + CARD.height + padding,
  };
}
