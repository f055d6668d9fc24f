// Near-duplicate text across teams without any model: stemmed word sets and character trigrams in
// en/sv/nb. The search scores a bounded number of candidates per item (those sharing the most words with
// it), so the work grows linearly in items whatever the vocabulary, and no size switches it off.

const STOP_WORDS = new Set(
  (
    "a an and are as at be by for from in into is it of on or our the to with we our per by via all new " +
    "och att av en ett för från i med på till vi vår våra som det den de är om ut under alla nya " +
    "og å av en et for fra i med på til vi vår våre som det den de er om ut under alle nye " +
    // Direction verbs say little about WHAT the work is; two teams "increasing" different things differ.
    "increase grow improve reduce decrease achieve reach deliver make get öka förbättra minska nå " +
    "leverera göra få øke forbedre redusere minske levere gjøre"
  ).split(" "),
);

// Longest first, so "arna" wins over "a". Light: enough to join plural/definite forms, never a full stemmer.
const SUFFIXES = [
  "arnas",
  "ernas",
  "arna",
  "erna",
  "orna",
  "ande",
  "ende",
  "ning",
  "ing",
  "ene",
  "ane",
  "ar",
  "er",
  "or",
  "en",
  "et",
  "na",
  "ed",
  "es",
  "s",
  "a",
  "e",
];

function stripSuffix(word: string): string {
  for (const suffix of SUFFIXES) {
    if (word.length - suffix.length >= 4 && word.endsWith(suffix)) return word.slice(0, -suffix.length);
  }
  return word;
}

/** Two passes, so plural and definite endings stacked on a word ("customers", "kunderna") both go. */
function stem(word: string): string {
  return /^\d/.test(word) ? word : stripSuffix(stripSuffix(word));
}

const WORD_CHARACTER = /[\p{L}\p{N}]/u;

/**
 * A character from U+0300 on (combining marks, Hangul, CJK, surrogates): only such text can change under NFC.
 * Every character below U+0300 is NFC_Quick_Check=Yes and composes with no other below it, so the Swedish and
 * Norwegian titles (a quarter of them) are not normalised for nothing.
 */
const NOT_SURELY_NFC = /[\u0300-\uffff]/;

/** The lower-cased words of a text, by one pass over its characters (faster than a Unicode regex match). */
function rawWords(text: string): string[] {
  const lower = text.toLowerCase();
  // NFC only when needed: text below U+0300 (ASCII, å, ä, ö, æ, ø, é) is NFC already.
  const normal = NOT_SURELY_NFC.test(lower) ? lower.normalize("NFC") : lower;
  const words: string[] = [];
  let begin = -1;
  for (let i = 0; i <= normal.length; i++) {
    const code = i < normal.length ? normal.charCodeAt(i) : 32;
    const inWord =
      (code >= 97 && code <= 122) ||
      (code >= 48 && code <= 57) ||
      (code > 127 && WORD_CHARACTER.test(normal[i]!));
    if (inWord && begin < 0) begin = i;
    else if (!inWord && begin >= 0) {
      words.push(normal.slice(begin, i));
      begin = -1;
    }
  }
  return words;
}

/** The distinct stemmed content words of a text. */
export function tokens(text: string): string[] {
  return [
    ...new Set(
      rawWords(text)
        .filter((word) => !STOP_WORDS.has(word))
        .map(stem),
    ),
  ];
}

/** Character trigrams of a padded word, each packed into one number (three UTF-16 units). */
function wordTrigrams(word: string): number[] {
  const padded = ` ${word} `;
  const grams: number[] = [];
  for (let i = 0; i + 3 <= padded.length; i++) {
    grams.push((padded.charCodeAt(i) * 65536 + padded.charCodeAt(i + 1)) * 65536 + padded.charCodeAt(i + 2));
  }
  return grams;
}

/** Sorts `values[start..end)` in place and keeps each value once; returns the new end. */
function sortUnique(values: Int32Array, start: number, end: number): number {
  if (end - start > 48) values.subarray(start, end).sort();
  else {
    // Insertion sort: a title has a handful of words and a few dozen trigrams.
    for (let i = start + 1; i < end; i++) {
      const value = values[i]!;
      let at = i;
      while (at > start && values[at - 1]! > value) {
        values[at] = values[at - 1]!;
        at--;
      }
      values[at] = value;
    }
  }
  let unique = start;
  for (let i = start; i < end; i++)
    if (unique === start || values[i] !== values[unique - 1]) values[unique++] = values[i]!;
  return unique;
}

/** A growable run of 32-bit integers. */
class IntPool {
  values: Int32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.values = new Int32Array(capacity);
  }

  reserve(extra: number): void {
    if (this.length + extra <= this.values.length) return;
    const grown = new Int32Array(Math.max(this.length + extra, this.values.length * 2));
    grown.set(this.values.subarray(0, this.length));
    this.values = grown;
  }
}

const FNV_OFFSET = 2166136261;
const FNV_PRIME = 16777619;

/**
 * The titles of one search, ready for comparing. Each raw word is looked up straight from the title's text
 * (a hash table on the characters, no substring per word), stemmed and numbered once; each word's trigrams
 * are numbered once, when first needed. Every title's word numbers and trigram numbers are kept in shared
 * arrays, and two titles are compared by marking one's numbers and counting the other's marked ones.
 */
class Titles {
  readonly count: number;
  readonly stems: string[] = [];
  /** Title i's distinct words are words.values[wordStart[i] .. wordStart[i + 1]). */
  readonly words: IntPool;
  readonly wordStart: Int32Array;
  // Raw words seen: an open-addressing table of (hash, text, word number or -1 for a stop word).
  private slots: Int32Array;
  private readonly rawHashes: number[] = [];
  private readonly rawTexts: string[] = [];
  private readonly rawIds: number[] = [];
  private readonly idByStem = new Map<string, number>();
  // Trigrams: numbered once per word, when first needed.
  private readonly gramIds = new Map<number, number>();
  private readonly wordGramStart: number[] = [];
  private readonly wordGramEnd: number[] = [];
  private readonly wordGrams: IntPool;
  /** Title i's distinct trigrams, once first needed (gramStart -1 before). */
  private readonly grams: IntPool;
  private readonly gramStart: Int32Array;
  private readonly gramEnd: Int32Array;
  private wordMark: Int32Array = new Int32Array(0);
  private gramMark: Int32Array = new Int32Array(0);
  private gramSeen: Int32Array = new Int32Array(0);

  constructor(texts: readonly string[]) {
    this.count = texts.length;
    // Room for a pair of titles as for a whole organisation's.
    const room = texts.length < 64 ? 64 : 4096;
    this.words = new IntPool(room);
    this.wordGrams = new IntPool(room);
    this.grams = new IntPool(room);
    this.slots = new Int32Array(room).fill(-1);
    this.wordStart = new Int32Array(texts.length + 1);
    this.gramStart = new Int32Array(texts.length).fill(-1);
    this.gramEnd = new Int32Array(texts.length);
    let seen: Int32Array = new Int32Array(0);
    texts.forEach((text, index) => {
      const lower = text.toLowerCase();
      // NFC only when needed: text below U+0300 (ASCII, å, ä, ö, æ, ø, é) is NFC already.
      const normal = NOT_SURELY_NFC.test(lower) ? lower.normalize("NFC") : lower;
      this.words.reserve(normal.length);
      const start = this.words.length;
      let end = start;
      let begin = -1;
      let hash = FNV_OFFSET;
      for (let i = 0; i <= normal.length; i++) {
        const code = i < normal.length ? normal.charCodeAt(i) : 32;
        const inWord =
          (code >= 97 && code <= 122) ||
          (code >= 48 && code <= 57) ||
          // Lower-case Latin-1 letters (å, ä, ö, æ, ø, é, ...) without a regex; the rest of Unicode with one.
          (code > 127 &&
            ((code >= 0xdf && code <= 0xff && code !== 0xf7) || WORD_CHARACTER.test(normal[i]!)));
        if (inWord) {
          if (begin < 0) {
            begin = i;
            hash = FNV_OFFSET;
          }
          hash = Math.imul(hash ^ code, FNV_PRIME) >>> 0;
        } else if (begin >= 0) {
          const id = this.idOf(normal, begin, i, hash);
          begin = -1;
          if (id < 0) continue;
          if (seen.length <= id) seen = grow(seen, id + 1, -1);
          if (seen[id] === index) continue; // the same word twice in one title
          seen[id] = index;
          this.words.values[end++] = id;
        }
      }
      this.words.length = end;
      this.wordStart[index + 1] = end;
    });
  }

  get vocabularySize(): number {
    return this.stems.length;
  }

  /** The number of the raw word text[begin..end), or -1 for a stop word. */
  private idOf(text: string, begin: number, end: number, hash: number): number {
    const mask = this.slots.length - 1;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = this.slots[slot]!;
      if (entry < 0) break;
      if (this.rawHashes[entry] === hash && sameText(this.rawTexts[entry]!, text, begin, end))
        return this.rawIds[entry]!;
    }
    const raw = text.slice(begin, end);
    let id = -1;
    if (!STOP_WORDS.has(raw)) {
      const stemmed = stem(raw);
      const known = this.idByStem.get(stemmed);
      if (known !== undefined) id = known;
      else {
        id = this.stems.length;
        this.stems.push(stemmed);
        this.idByStem.set(stemmed, id);
        this.wordGramStart.push(-1);
        this.wordGramEnd.push(-1);
      }
    }
    this.addRaw(raw, hash, id);
    return id;
  }

  private addRaw(raw: string, hash: number, id: number): void {
    if ((this.rawTexts.length + 1) * 2 > this.slots.length) {
      this.slots = new Int32Array(this.slots.length * 2).fill(-1);
      for (let entry = 0; entry < this.rawTexts.length; entry++) this.place(entry);
    }
    this.rawHashes.push(hash);
    this.rawTexts.push(raw);
    this.rawIds.push(id);
    this.place(this.rawTexts.length - 1);
  }

  private place(entry: number): void {
    const mask = this.slots.length - 1;
    let slot = this.rawHashes[entry]! & mask;
    while (this.slots[slot]! >= 0) slot = (slot + 1) & mask;
    this.slots[slot] = entry;
  }

  /** A number word ("40", "2026"): a baseline or target more often than what the work is. */
  isNumber(word: number): boolean {
    const code = this.stems[word]!.charCodeAt(0);
    return code >= 48 && code <= 57;
  }

  wordCount(index: number): number {
    return this.wordStart[index + 1]! - this.wordStart[index]!;
  }

  /** Marks title a's words, for wordSimilarity(a, ...) against any number of other titles. */
  markWords(a: number): void {
    if (this.wordMark.length < this.stems.length) this.wordMark = grow(this.wordMark, this.stems.length, -1);
    const words = this.words.values;
    for (let at = this.wordStart[a]!; at < this.wordStart[a + 1]!; at++) this.wordMark[words[at]!] = a;
  }

  /** Word-set Jaccard similarity of title a (marked last by markWords) and title b. */
  wordSimilarity(a: number, b: number): number {
    const words = this.words.values;
    let shared = 0;
    for (let at = this.wordStart[b]!; at < this.wordStart[b + 1]!; at++)
      if (this.wordMark[words[at]!] === a) shared++;
    const total = this.wordCount(a) + this.wordCount(b);
    return total === 0 ? 0 : shared / (total - shared);
  }

  /** Marks title a's words and trigrams, for similarity(a, ...) against any number of other titles. */
  mark(a: number): void {
    this.markWords(a);
    this.prepareGrams(a);
    if (this.gramMark.length < this.gramIds.size)
      this.gramMark = grow(this.gramMark, this.gramIds.size * 2, -1);
    const grams = this.grams.values;
    for (let at = this.gramStart[a]!; at < this.gramEnd[a]!; at++) this.gramMark[grams[at]!] = a;
  }

  /**
   * 0..1: the mean of word-set and trigram Jaccard similarity of title a (marked last by mark) and title b
   * (trigrams catch compounds and inflection).
   */
  similarity(a: number, b: number): number {
    this.prepareGrams(b);
    const grams = this.grams.values;
    let shared = 0;
    for (let at = this.gramStart[b]!; at < this.gramEnd[b]!; at++) {
      const gram = grams[at]!;
      if (gram < this.gramMark.length && this.gramMark[gram] === a) shared++;
    }
    const total = this.gramEnd[a]! - this.gramStart[a]! + (this.gramEnd[b]! - this.gramStart[b]!);
    const trigram = total === 0 ? 0 : shared / (total - shared);
    return (this.wordSimilarity(a, b) + trigram) / 2;
  }

  /** Numbers a word's trigrams, the first time they are needed. */
  private numberWord(word: number): void {
    if (this.wordGramStart[word]! >= 0) return;
    const packed = wordTrigrams(this.stems[word]!);
    this.wordGrams.reserve(packed.length);
    const start = this.wordGrams.length;
    packed.forEach((gram, i) => {
      let id = this.gramIds.get(gram);
      if (id === undefined) {
        id = this.gramIds.size;
        this.gramIds.set(gram, id);
      }
      this.wordGrams.values[start + i] = id;
    });
    this.wordGramStart[word] = start;
    this.wordGramEnd[word] = this.wordGrams.length = sortUnique(
      this.wordGrams.values,
      start,
      start + packed.length,
    );
  }

  /** Title i's distinct trigrams (the union of its words'), in the order first met. */
  private prepareGrams(index: number): void {
    if (this.gramStart[index]! >= 0) return;
    const words = this.words.values;
    const first = this.wordStart[index]!;
    const last = this.wordStart[index + 1]!;
    let total = 0;
    for (let at = first; at < last; at++) {
      const word = words[at]!;
      this.numberWord(word);
      total += this.wordGramEnd[word]! - this.wordGramStart[word]!;
    }
    if (this.gramSeen.length < this.gramIds.size)
      this.gramSeen = grow(this.gramSeen, this.gramIds.size * 2, -1);
    this.grams.reserve(total);
    const start = this.grams.length;
    let end = start;
    for (let at = first; at < last; at++) {
      const word = words[at]!;
      for (let g = this.wordGramStart[word]!; g < this.wordGramEnd[word]!; g++) {
        const gram = this.wordGrams.values[g]!;
        if (this.gramSeen[gram] === index) continue;
        this.gramSeen[gram] = index;
        this.grams.values[end++] = gram;
      }
    }
    this.gramStart[index] = start;
    this.gramEnd[index] = this.grams.length = end;
  }
}

/** Whether `known` equals text[begin..end). */
function sameText(known: string, text: string, begin: number, end: number): boolean {
  if (known.length !== end - begin) return false;
  for (let i = 0; i < known.length; i++) if (known.charCodeAt(i) !== text.charCodeAt(begin + i)) return false;
  return true;
}

/** The set bits of a 32-bit integer. */
function bitCount(value: number): number {
  let v = value - ((value >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  return (Math.imul((v + (v >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24) & 63;
}

function grow(values: Int32Array, length: number, fill: number): Int32Array {
  const grown = new Int32Array(Math.max(length, values.length * 2)).fill(fill);
  grown.set(values);
  return grown;
}

/** 0..1: the mean of word-set and trigram Jaccard similarity (trigrams catch compounds and inflection). */
export function similarity(a: string, b: string): number {
  const titles = new Titles([a, b]);
  titles.mark(0);
  return titles.similarity(0, 1);
}

// ---------------------------------------------------------------------------------------------
// The search: candidates per item, a budget of them scored.

/**
 * A word used by at most this many items is distinctive: every item sharing it becomes a candidate. Items
 * that share only common words are found through the word orders below.
 */
export const DISTINCTIVE_WORD_ITEMS = 32;

/** At most this many candidates are scored per item: those sharing the most words with it. */
export const CANDIDATE_BUDGET = 4;

/**
 * Candidates sharing less of their words than `threshold - WORD_SHARE_MARGIN` are not scored. Trigrams come
 * from the words, so the trigram similarity of two titles rarely exceeds their word similarity by half: on
 * the en/sv/nb pairs the threshold was chosen on and on generated organisations, every pair at or above the
 * default threshold (0.45) shares at least a third of its words.
 */
export const WORD_SHARE_MARGIN = 0.2;

/** How many neighbours on each side of an item's places in the word orders are candidates. */
const ORDER_WINDOW = 2;

/** What one search did: the figures a bench prints to show that nothing switched off. */
export interface DuplicateSearchStats {
  items: number;
  /** Candidate pairs looked at, each counted once per item that saw it. */
  candidates: number;
  /** Pairs whose similarity was computed (at most items × budget). */
  pairsScored: number;
  pairsFound: number;
  /** Items with more candidates sharing enough words than the budget: their least alike were not scored. */
  itemsOverBudget: number;
  /** Words used by more than DISTINCTIVE_WORD_ITEMS items (reached through the word orders). */
  commonWords: number;
}

export interface NearDuplicateOptions {
  /** Candidates scored per item (default CANDIDATE_BUDGET). */
  budget?: number;
  /** Filled with what the search did. */
  stats?: DuplicateSearchStats;
}

export interface NearDuplicatePair<T> {
  a: T;
  b: T;
  similarity: number;
}

/** 32-bit FNV-1a of a text: orders words and items by what they say, never by where they stand. */
function hashText(text: string, hash = FNV_OFFSET): number {
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), FNV_PRIME) >>> 0;
  return hash;
}

/**
 * The entries with a key (>= 0, whole numbers below 2^52), ordered by key, equal keys in entry order, and
 * their keys in that order: a radix sort in passes of 13 bits (as many as the largest key needs; 8,192
 * buckets stay in the first-level cache, where 65,536 did not) over the keys split once into two 26-bit
 * integers, linear in entries; a pass whose digit is the same for every entry is skipped. Both answers live
 * in `scratch`: read them before the next sort.
 */
function sortByKey(keys: Float64Array, scratch: SortScratch): { entries: Int32Array; sorted: Float64Array } {
  let valid = 0;
  for (let entry = 0; entry < keys.length; entry++) if (keys[entry]! >= 0) valid++;
  if (scratch.sorted.length !== valid) {
    for (const name of ["entries", "low", "high", "nextEntries", "nextLow", "nextHigh"] as const)
      scratch[name] = new Int32Array(valid);
    scratch.sorted = new Float64Array(valid);
  }
  let { entries, low, high, nextEntries, nextLow, nextHigh } = scratch;
  let at = 0;
  let largest = 0;
  for (let entry = 0; entry < keys.length; entry++) {
    const key = keys[entry]!;
    if (key < 0) continue;
    if (key > largest) largest = key;
    const upper = Math.floor(key / 67_108_864); // 2^26
    entries[at] = entry;
    high[at] = upper;
    low[at] = key - upper * 67_108_864;
    at++;
  }
  // Only as many passes as the largest key needs.
  const passes = Math.max(1, Math.ceil(Math.log2(largest + 1) / 13));
  const buckets = scratch.buckets;
  for (let pass = 0; pass < passes; pass++) {
    const digits = pass < 2 ? low : high;
    const shift = pass % 2 === 0 ? 0 : 13;
    buckets.fill(0);
    for (let i = 0; i < valid; i++) buckets[(digits[i]! >>> shift) & 8_191]!++;
    if (valid > 0 && buckets[(digits[0]! >>> shift) & 8_191] === valid) continue;
    let sum = 0;
    for (let b = 0; b < 8_192; b++) {
      const size = buckets[b]!;
      buckets[b] = sum;
      sum += size;
    }
    for (let i = 0; i < valid; i++) {
      const to = buckets[(digits[i]! >>> shift) & 8_191]!++;
      nextEntries[to] = entries[i]!;
      nextLow[to] = low[i]!;
      nextHigh[to] = high[i]!;
    }
    [entries, nextEntries] = [nextEntries, entries];
    [low, nextLow] = [nextLow, low];
    [high, nextHigh] = [nextHigh, high];
  }
  Object.assign(scratch, { entries, low, high, nextEntries, nextLow, nextHigh });
  const sorted = scratch.sorted;
  for (let i = 0; i < valid; i++) sorted[i] = high[i]! * 67_108_864 + low[i]!;
  return { entries, sorted };
}

/** The arrays sortByKey works in, kept for the next word order of the same search (each as long). */
interface SortScratch {
  keys: Float64Array;
  entries: Int32Array;
  low: Int32Array;
  high: Int32Array;
  nextEntries: Int32Array;
  nextLow: Int32Array;
  nextHigh: Int32Array;
  sorted: Float64Array;
  buckets: Int32Array;
}

function sortScratch(): SortScratch {
  const none = new Int32Array(0);
  return {
    keys: new Float64Array(0),
    entries: none,
    low: none,
    high: none,
    nextEntries: none,
    nextLow: none,
    nextHigh: none,
    sorted: new Float64Array(0),
    buckets: new Int32Array(8_192),
  };
}

/** Places an item takes in a word order, each a set of its first three words left out (bit p: position p). */
const PLACES_BY_LEFT_OUT = [0b000, 0b001, 0b010, 0b100] as const;

/** Items sorted by their words: `items[at]` stands at place `at`; item i's places are placesOf[i * places + p]. */
interface WordOrder {
  places: number;
  items: Int32Array;
  placesOf: Int32Array;
}

/** Where the word at position q of an item's words comes from when the words in `leftOut` are left out. */
function sourcePosition(leftOut: number, q: number): number {
  for (let p = 0, kept = -1; ; p++) {
    if (p < 3 && (leftOut >> p) & 1) continue;
    if (++kept === q) return p;
  }
}

/**
 * Three word orders. In each, a title's alphabetic words (number words, baselines and targets, are left out)
 * are ranked, and every title is placed by its first three words, then by the rest, and again with each of
 * its first three left out in turn: two titles that share their words, or differ by a word added, dropped or
 * replaced, then have a place in common and stand next to each other, however common their words are. The
 * orders rank words rarest first (titles sharing their rare words), most common first (titles that differ
 * in their rarer words: another verb, another product name), and by a hash of the word (a fixed shuffle,
 * as MinHash uses, for titles that differ in both). Equal places fall back to a hash of text and group, then
 * to item order.
 */
function wordOrders(titles: Titles, itemsOfWord: Int32Array, tieKeys: Float64Array): WordOrder[] {
  const size = titles.vocabularySize;
  const alphabetic: number[] = [];
  for (let word = 0; word < size; word++) if (!titles.isNumber(word)) alphabetic.push(word);
  const none = alphabetic.length;
  const hashes = new Float64Array(size);
  for (const word of alphabetic) hashes[word] = hashText(titles.stems[word]!);
  const byStem = (x: number, y: number) => (titles.stems[x]! < titles.stems[y]! ? -1 : 1);
  const rarest = [...alphabetic].sort(
    (x, y) => itemsOfWord[x]! - itemsOfWord[y]! || hashes[x]! - hashes[y]! || byStem(x, y),
  );
  const shuffled = [...alphabetic].sort((x, y) => hashes[x]! - hashes[y]! || byStem(x, y));
  // Ranks in each order; most common first is rarest first reversed.
  const rankRarest = new Int32Array(size).fill(-1);
  const rankShuffled = new Int32Array(size).fill(-1);
  for (let position = 0; position < none; position++) {
    rankRarest[rarest[position]!] = position;
    rankShuffled[shuffled[position]!] = position;
  }
  const count = titles.count;
  const words = titles.words.values;
  const start = new Int32Array(count + 1);
  const inRarest = new Int32Array(titles.words.length);
  const inCommon = new Int32Array(titles.words.length);
  const inShuffled = new Int32Array(titles.words.length);
  let length = 0;
  for (let index = 0; index < count; index++) {
    const from = length;
    for (let at = titles.wordStart[index]!; at < titles.wordStart[index + 1]!; at++) {
      const word = words[at]!;
      if (rankRarest[word]! < 0) continue;
      inRarest[length] = rankRarest[word]!;
      inShuffled[length] = rankShuffled[word]!;
      length++;
    }
    sortUnique(inRarest, from, length);
    sortUnique(inShuffled, from, length);
    for (let at = from; at < length; at++) inCommon[from + length - 1 - at] = none - 1 - inRarest[at]!;
    start[index + 1] = length;
  }
  const scratch = sortScratch();
  return [inRarest, inCommon, inShuffled].map((ranks) => buildOrder(ranks, start, none, tieKeys, scratch));
}

/** One word order from each item's ranks (ascending in `ranks[start[i] .. start[i + 1])`). */
function buildOrder(
  ranks: Int32Array,
  start: Int32Array,
  none: number,
  tieKeys: Float64Array,
  scratch: SortScratch = sortScratch(),
  leftOuts: readonly number[] = PLACES_BY_LEFT_OUT,
): WordOrder {
  const count = start.length - 1;
  const places = leftOuts.length;
  // Source positions of the first words kept, per place (then position q comes from q + words left out).
  const sources = leftOuts.map((leftOut) => Array.from({ length: 8 }, (_, q) => sourcePosition(leftOut, q)));
  const dropped = leftOuts.map((leftOut) => (leftOut & 1) + ((leftOut >> 1) & 1) + ((leftOut >> 2) & 1));
  const highest = leftOuts.map((leftOut) => (leftOut & 4 ? 2 : leftOut & 2 ? 1 : leftOut & 1 ? 0 : -1));
  const radix = Math.min(none + 1, 131_072); // three ranks in one number; coarser beyond 2^17 words
  const scale = radix / (none + 1);
  // As many words as fit below 2^52 when each has its own rank (one more word in the key spares sorting
  // titles that share their first three words by comparing them); three when ranks are coarser.
  let keyWords = 3;
  if (scale === 1) while (keyWords < 8 && radix ** (keyWords + 1) <= 2 ** 52) keyWords++;
  if (scratch.keys.length !== count * places) scratch.keys = new Float64Array(count * places);
  const keys = scratch.keys;
  for (let index = 0; index < count; index++) {
    const from = start[index]!;
    const own = start[index + 1]! - from;
    for (let place = 0; place < places; place++) {
      // Leaving out a word the title does not have, or all it has, places it nowhere new.
      if (own === 0 || highest[place]! >= own || own - dropped[place]! < 1) {
        keys[index * places + place] = -1;
        continue;
      }
      let key = 0;
      for (let q = 0; q < keyWords; q++) {
        const at = from + sources[place]![q]!;
        key = key * radix + Math.floor((at < from + own ? ranks[at]! : none) * scale);
      }
      keys[index * places + place] = key;
    }
  }
  const { entries: entryAt, sorted } = sortByKey(keys, scratch);
  // Equal first words: by the words after them, then tie key, then item.
  const byRest = (x: number, y: number) => {
    const ix = (x / places) | 0;
    const iy = (y / places) | 0;
    const dx = dropped[x % places]!;
    const dy = dropped[y % places]!;
    for (let q = keyWords; ; q++) {
      const ax = start[ix]! + q + dx;
      const ay = start[iy]! + q + dy;
      const wx = ax < start[ix + 1]! ? ranks[ax]! : none;
      const wy = ay < start[iy + 1]! ? ranks[ay]! : none;
      if (wx !== wy) return wx - wy;
      if (wx === none) break;
    }
    return tieKeys[ix]! - tieKeys[iy]! || x - y;
  };
  for (let at = 0; at < entryAt.length; ) {
    const key = sorted[at]!;
    let end = at + 1;
    while (end < entryAt.length && sorted[end] === key) end++;
    if (end - at > 1) entryAt.subarray(at, end).sort(byRest);
    at = end;
  }
  const items = new Int32Array(entryAt.length);
  const placesOf = new Int32Array(keys.length).fill(-1);
  for (let at = 0; at < entryAt.length; at++) {
    const entry = entryAt[at]!;
    items[at] = (entry / places) | 0;
    placesOf[entry] = at;
  }
  return { places, items, placesOf };
}

/**
 * Pairs of items of different groups whose texts are at least `threshold` alike, the most alike first (ties
 * in item order). An item's candidates are the items sharing a distinctive word with it and its neighbours in
 * the three word orders; of those sharing enough words, the `budget` sharing the most are scored. So the
 * pairs scored are at most items × budget, whatever the vocabulary, and no size switches the search off.
 */
export function findNearDuplicates<T>(
  items: readonly T[],
  text: (item: T) => string,
  group: (item: T) => string,
  threshold: number,
  options: NearDuplicateOptions = {},
): NearDuplicatePair<T>[] {
  const budget = Math.max(1, Math.floor(options.budget ?? CANDIDATE_BUDGET));
  const minimumShare = threshold - WORD_SHARE_MARGIN;
  const count = items.length;
  const texts = items.map(text);
  const groupNames = items.map(group);
  const groupIds = new Map<string, number>();
  const groups = new Int32Array(count);
  groupNames.forEach((name, index) => {
    let id = groupIds.get(name);
    if (id === undefined) {
      id = groupIds.size;
      groupIds.set(name, id);
    }
    groups[index] = id;
  });
  const titles = new Titles(texts);
  const size = titles.vocabularySize;
  const words = titles.words.values;

  // Postings: the items of each word, in item order, in one array.
  const itemsOfWord = new Int32Array(size);
  for (let at = 0; at < titles.words.length; at++) itemsOfWord[words[at]!]!++;
  const postingStart = new Int32Array(size + 1);
  for (let word = 0; word < size; word++) postingStart[word + 1] = postingStart[word]! + itemsOfWord[word]!;
  const postings = new Int32Array(postingStart[size]!);
  const fill = postingStart.slice(0, size);
  for (let index = 0; index < count; index++)
    for (let at = titles.wordStart[index]!; at < titles.wordStart[index + 1]!; at++)
      postings[fill[words[at]!]!++] = index;

  const tieKeys = new Float64Array(count);
  for (let index = 0; index < count; index++)
    tieKeys[index] = hashText(groupNames[index]!, (hashText(texts[index]!) ^ 0x5bd1e995) >>> 0);
  const orders = wordOrders(titles, itemsOfWord, tieKeys);

  const stats: DuplicateSearchStats = {
    items: count,
    candidates: 0,
    pairsScored: 0,
    pairsFound: 0,
    itemsOverBudget: 0,
    commonWords: 0,
  };
  for (let word = 0; word < size; word++)
    if (itemsOfWord[word]! > DISTINCTIVE_WORD_ITEMS) stats.commonWords++;

  // Each item's chosen candidates, best first: `budget` slots per item (-1 = empty). Each pair is looked
  // at once, from its later item, and offered to both.
  const chosen = new Int32Array(count * budget).fill(-1);
  const chosenShare = new Float64Array(count * budget);
  const kept = new Int32Array(count);
  const qualified = new Int32Array(count);
  const offer = (item: number, other: number, share: number) => {
    qualified[item]!++;
    const base = item * budget;
    const size = kept[item]!;
    // By share (more first), then tie key, then item; what falls off the end is not scored.
    let at = size;
    while (at > 0) {
      const before = chosenShare[base + at - 1]!;
      if (share < before) break;
      if (share === before) {
        const x = tieKeys[other]!;
        const y = tieKeys[chosen[base + at - 1]!]!;
        if (x > y || (x === y && other > chosen[base + at - 1]!)) break;
      }
      at--;
    }
    if (at >= budget) return;
    for (let move = Math.min(size, budget - 1); move > at; move--) {
      chosen[base + move] = chosen[base + move - 1]!;
      chosenShare[base + move] = chosenShare[base + move - 1]!;
    }
    chosen[base + at] = other;
    chosenShare[base + at] = share;
    if (size < budget) kept[item] = size + 1;
  };
  // Per item, in one record (one cache line read per candidate, not three): who saw it last, its group and
  // word count (packed, when the groups leave room; a longer title's count is read from its words), and a
  // 64-bit signature of its words (bit = a hash of the word number). A candidate's shared words are at most
  // the item's words whose bit its signature has, so most candidates that cannot share enough words are
  // dropped before their words are read. The signature only skips candidates the exact word similarity
  // would skip, so the pairs scored are the same.
  const RECORD = 4;
  const countBits = groupIds.size <= 1 << 24 ? 7 : 0;
  const countMask = (1 << countBits) - 1;
  const record = new Int32Array(count * RECORD);
  const wordBit = new Uint8Array(size);
  for (let word = 0; word < size; word++) wordBit[word] = Math.imul(word + 1, 0x9e3779b1) >>> 26;
  for (let index = 0; index < count; index++) {
    const base = index * RECORD;
    record[base] = -1;
    record[base + 1] = (groups[index]! << countBits) | Math.min(titles.wordCount(index), countMask);
    let low = 0;
    let high = 0;
    for (let at = titles.wordStart[index]!; at < titles.wordStart[index + 1]!; at++) {
      const bit = wordBit[words[at]!]!;
      if (bit < 32) low |= 1 << bit;
      else high |= 1 << (bit - 32);
    }
    record[base + 2] = low;
    record[base + 3] = high;
  }
  let candidates: Int32Array = new Int32Array(256);
  const wordStart = titles.wordStart;
  for (let index = 0; index < count; index++) {
    const first = wordStart[index]!;
    const last = wordStart[index + 1]!;
    if (first === last) continue;
    const own = groups[index]!;
    // Candidates: earlier items sharing a distinctive word, and earlier neighbours in the word orders.
    let found = 0;
    if (candidates.length < found + 64 * (last - first) + 64)
      candidates = grow(candidates, 128 * (last - first) + 256, 0);
    for (let at = first; at < last; at++) {
      const word = words[at]!;
      if (itemsOfWord[word]! > DISTINCTIVE_WORD_ITEMS) continue;
      for (let p = postingStart[word]!; p < postingStart[word + 1]!; p++) {
        const other = postings[p]!;
        if (other >= index) break; // postings are in item order
        const base = other * RECORD;
        if (record[base] === index || record[base + 1]! >>> countBits === own) continue;
        record[base] = index;
        candidates[found++] = other;
      }
    }
    for (const order of orders) {
      if (candidates.length < found + order.places * (2 * ORDER_WINDOW + 1))
        candidates = grow(candidates, found + 256, 0);
      for (let place = 0; place < order.places; place++) {
        const at = order.placesOf[index * order.places + place]!;
        if (at < 0) continue;
        const to = Math.min(order.items.length - 1, at + ORDER_WINDOW);
        for (let near = Math.max(0, at - ORDER_WINDOW); near <= to; near++) {
          const other = order.items[near]!;
          if (other >= index) continue;
          const base = other * RECORD;
          if (record[base] === index || record[base + 1]! >>> countBits === own) continue;
          record[base] = index;
          candidates[found++] = other;
        }
      }
    }
    stats.candidates += found;
    if (found === 0) continue;
    titles.markWords(index);
    const ownWords = last - first;
    // When the item's words have distinct bits, the bound is the count of signature bits in common.
    const ownLow = record[index * RECORD + 2]!;
    const ownHigh = record[index * RECORD + 3]!;
    const distinctBits = bitCount(ownLow) + bitCount(ownHigh) === ownWords;
    for (let c = 0; c < found; c++) {
      const other = candidates[c]!;
      const base = other * RECORD;
      const low = record[base + 2]!;
      const high = record[base + 3]!;
      let most = 0;
      if (distinctBits) most = bitCount(low & ownLow) + bitCount(high & ownHigh);
      else
        for (let at = first; at < last; at++) {
          const bit = wordBit[words[at]!]!;
          if (bit < 32 ? (low >>> bit) & 1 : (high >>> (bit - 32)) & 1) most++;
        }
      if (most === 0) continue;
      const packedCount = record[base + 1]! & countMask;
      const total = ownWords + (packedCount < countMask ? packedCount : titles.wordCount(other));
      if (most / (total - most) < minimumShare) continue;
      const share = titles.wordSimilarity(index, other);
      if (share === 0 || share < minimumShare) continue;
      offer(index, other, share);
      offer(other, index, share);
    }
  }
  for (let index = 0; index < count; index++) if (qualified[index]! > budget) stats.itemsOverBudget++;

  // Score each chosen pair once (a pair both items chose is scored from the first).
  const chose = (index: number, other: number) => {
    for (let slot = index * budget; slot < (index + 1) * budget; slot++) {
      const value = chosen[slot]!;
      if (value === other) return true;
      if (value < 0) return false;
    }
    return false;
  };
  const pairs: NearDuplicatePair<T>[] = [];
  for (let index = 0; index < count; index++) {
    let marked = false;
    for (let slot = index * budget; slot < (index + 1) * budget; slot++) {
      const other = chosen[slot]!;
      if (other < 0) break;
      if (other < index && chose(other, index)) continue;
      if (!marked) {
        titles.mark(index);
        marked = true;
      }
      stats.pairsScored++;
      const score = titles.similarity(index, other);
      if (score >= threshold) {
        const [a, b] = other < index ? [other, index] : [index, other];
        pairs.push({ a: items[a]!, b: items[b]!, similarity: score });
      }
    }
  }
  stats.pairsFound = pairs.length;
  if (options.stats) Object.assign(options.stats, stats);
  return pairs.sort((x, y) => y.similarity - x.similarity);
}
