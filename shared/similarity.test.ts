import { describe, expect, it } from "vitest";
import {
  DISTINCTIVE_WORD_ITEMS,
  type DuplicateSearchStats,
  findNearDuplicates,
  similarity,
  tokens,
  WORD_SHARE_MARGIN,
} from "./similarity.js";

// The search drops candidates by a 64-bit signature of their words before reading them. Long titles over a
// small vocabulary set many bits in every signature, so many words collide on one bit: the signature must
// still never drop a pair that shares enough words.
describe("the word signature of the duplicate search", () => {
  // 240 words over 250 items of 6-10 words (a seeded shuffle): every word in at most 32 items (distinctive),
  // so every pair sharing a word is a candidate, and a budget of all items scores every one that qualifies.
  // Items in pairs share most of their words, so there are pairs to find at every threshold.
  const words = Array.from({ length: 240 }, (_, i) => `term${i.toString(36)}q`);
  let seed = 7;
  const next = () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed >>> 8;
  };
  const texts: string[][] = [];
  for (let i = 0; i < 250; i++) {
    const length = 6 + (i % 5);
    const title =
      i % 2 === 1 ? texts[i - 1]!.map((word, k) => (k < 1 + (i % 4) ? words[next() % 240]! : word)) : [];
    while (title.length < length) title.push(words[next() % 240]!);
    texts.push(title);
  }
  const items = texts.map((title, i) => ({ team: `T${i % 9}`, text: title.join(" ") }));

  // Every pair of items of different teams, compared once: word share and similarity.
  const wordShare = (a: string, b: string) => {
    const x = new Set(tokens(a));
    const y = tokens(b);
    const shared = y.filter((word) => x.has(word)).length;
    return shared / (x.size + y.length - shared);
  };
  const pairsApart: { key: string; share: number; similarity: number }[] = [];
  for (let i = 0; i < items.length; i++)
    for (let j = i + 1; j < items.length; j++) {
      const [a, b] = [items[i]!, items[j]!];
      if (a.team === b.team) continue;
      const share = wordShare(a.text, b.text);
      if (share === 0) continue;
      pairsApart.push({ key: `${i} ${j}`, share, similarity: similarity(a.text, b.text) });
    }

  it("uses distinctive words only, so every pair sharing a word is a candidate", () => {
    const uses = new Map<string, number>();
    for (const item of items) for (const word of tokens(item.text)) uses.set(word, (uses.get(word) ?? 0) + 1);
    expect(Math.max(...uses.values())).toBeLessThanOrEqual(DISTINCTIVE_WORD_ITEMS);
  });

  it.each([0.3, 0.45, 0.6])(
    "finds every pair at threshold %s that comparing every pair finds",
    (threshold) => {
      const stats = {} as DuplicateSearchStats;
      const fast = findNearDuplicates(
        items,
        (x) => x.text,
        (x) => x.team,
        threshold,
        { budget: items.length, stats },
      );
      const brute = pairsApart
        .filter((pair) => pair.share >= threshold - WORD_SHARE_MARGIN && pair.similarity >= threshold)
        .map((pair) => pair.key);
      const key = (pair: { a: unknown; b: unknown }) => {
        const [i, j] = [items.indexOf(pair.a as never), items.indexOf(pair.b as never)].sort((x, y) => x - y);
        return `${i} ${j}`;
      };
      expect(brute.length).toBeGreaterThan(5);
      expect(fast.map(key).sort()).toEqual(brute.sort());
      // With a budget of all items, every candidate sharing enough words is scored: none dropped wrongly.
      expect(stats.pairsScored).toBe(
        pairsApart.filter((pair) => pair.share >= threshold - WORD_SHARE_MARGIN).length,
      );
      // And there were candidates to drop (else the test shows nothing about the signature).
      expect(stats.candidates).toBeGreaterThan(stats.pairsScored * 2);
    },
  );
});

// Titles are normalised (NFC) only when they hold a character from U+0300 on: a combining accent typed after
// its letter still reads as the composed letter, and Latin-1 titles, left as they are, read alike too.
describe("titles written with composed or combining accents", () => {
  it("read alike whichever way the accent is written", () => {
    const composed = "Förbättra kundnöjdhet för företagskunder";
    const combining = composed.normalize("NFD");
    expect(combining).not.toBe(composed);
    expect(tokens(combining)).toEqual(tokens(composed));
    expect(similarity(combining, composed)).toBe(1);
    expect(similarity("Øke salg på Østlandet", "øke salg på østlandet")).toBe(1);
    const pairs = findNearDuplicates(
      [composed, combining],
      (text) => text,
      (text) => text,
      0.9,
    );
    expect(pairs.map((pair) => pair.similarity)).toEqual([1]);
  });
});
