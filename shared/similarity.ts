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

/** The lower-cased words of a text, by one pass over its characters (faster than a Unicode regex match). */
function rawWords(text: string): string[] {
  const lower = text.toLowerCase();
  // NFC only when needed: most titles are ASCII, and normalising every one is a measurable cost at 100k rows.
  const normal = /[\u0080-\uffff]/.test(lower) ? lower.normalize("NFC") : lower;
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

/** Jaccard similarity of two sorted unique runs of `values`, by one merge pass. */
function jaccard(
  a: Int32Array,
  aStart: number,
  aEnd: number,
  b: Int32Array,
  bStart: number,
  bEnd: number,
): number {
  const total = aEnd - aStart + (bEnd - bStart);
  if (total === 0) return 0;
  let shared = 0;
  let i = aStart;
  let j = bStart;
  while (i < aEnd && j < bEnd) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared / (total - shared);
}

/** A growable run of 32-bit integers. */
class IntPool {
  values = new Int32Array(1024);
  length = 0;

  reserve(extra: number): void {
    if (this.length + extra <= this.values.length) return;
    const grown = new Int32Array(Math.max(this.length + extra, this.values.length * 2));
    grown.set(this.values.subarray(0, this.length));
    this.values = grown;
  }
}

/**
 * The titles of one search, ready for comparing: each raw word is stemmed and numbered once, each word's
 * trigrams numbered once (titles share most of their words), and every title's word numbers and trigram
 * numbers kept sorted in two shared arrays.
 */
export class Titles {
  readonly count: number;
  private readonly idByRawWord = new Map<string, number>();
  private readonly idByStem = new Map<string, number>();
  readonly stems: string[] = [];
  private readonly gramIds = new Map<number, number>();
  /** Word w's trigrams are wordGrams.values[wordGramStart[w] .. wordGramEnd[w]), once first needed. */
  private readonly wordGramStart: number[] = [];
  private readonly wordGramEnd: number[] = [];
  private readonly wordGrams = new IntPool();
  readonly words = new IntPool();
  /** Title i's words are words.values[wordStart[i] .. wordStart[i + 1]). */
  readonly wordStart: Int32Array;
  private readonly grams = new IntPool();
  /** Title i's trigrams, once first needed (-1 before). */
  private readonly gramStart: Int32Array;
  private readonly gramEnd: Int32Array;

  constructor(texts: readonly string[]) {
    this.count = texts.length;
    this.wordStart = new Int32Array(texts.length + 1);
    this.gramStart = new Int32Array(texts.length).fill(-1);
    this.gramEnd = new Int32Array(texts.length);
    texts.forEach((text, index) => {
      const raw = rawWords(text);
      this.words.reserve(raw.length);
      const start = this.words.length;
      let end = start;
      for (const word of raw) {
        const id = this.idOf(word);
        if (id >= 0) this.words.values[end++] = id;
      }
      this.words.length = sortUnique(this.words.values, start, end);
      this.wordStart[index + 1] = this.words.length;
    });
  }

  get vocabularySize(): number {
    return this.stems.length;
  }

  /** The word's number, or -1 for a stop word. */
  private idOf(raw: string): number {
    let id = this.idByRawWord.get(raw);
    if (id === undefined) {
      if (STOP_WORDS.has(raw)) id = -1;
      else {
        const stemmed = stem(raw);
        id = this.idByStem.get(stemmed);
        if (id === undefined) {
          id = this.stems.length;
          this.stems.push(stemmed);
          this.idByStem.set(stemmed, id);
          this.wordGramStart.push(-1);
          this.wordGramEnd.push(-1);
        }
      }
      this.idByRawWord.set(raw, id);
    }
    return id;
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

  /** A number word ("40", "2026"): a baseline or target more often than what the work is. */
  isNumber(word: number): boolean {
    const code = this.stems[word]!.charCodeAt(0);
    return code >= 48 && code <= 57;
  }

  wordCount(index: number): number {
    return this.wordStart[index + 1]! - this.wordStart[index]!;
  }

  /** Word-set Jaccard similarity of two titles. */
  wordSimilarity(a: number, b: number): number {
    const words = this.words.values;
    return jaccard(
      words,
      this.wordStart[a]!,
      this.wordStart[a + 1]!,
      words,
      this.wordStart[b]!,
      this.wordStart[b + 1]!,
    );
  }

  /** 0..1: the mean of word-set and trigram Jaccard similarity (trigrams catch compounds and inflection). */
  similarity(a: number, b: number): number {
    this.prepareGrams(a);
    this.prepareGrams(b);
    const grams = this.grams.values;
    const trigram = jaccard(
      grams,
      this.gramStart[a]!,
      this.gramEnd[a]!,
      grams,
      this.gramStart[b]!,
      this.gramEnd[b]!,
    );
    return (this.wordSimilarity(a, b) + trigram) / 2;
  }

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
    this.grams.reserve(total);
    const start = this.grams.length;
    let end = start;
    for (let at = first; at < last; at++) {
      const word = words[at]!;
      for (let g = this.wordGramStart[word]!; g < this.wordGramEnd[word]!; g++)
        this.grams.values[end++] = this.wordGrams.values[g]!;
    }
    this.gramStart[index] = start;
    this.gramEnd[index] = this.grams.length = sortUnique(this.grams.values, start, end);
  }
}

/** 0..1: the mean of word-set and trigram Jaccard similarity (trigrams catch compounds and inflection). */
export function similarity(a: string, b: string): number {
  return new Titles([a, b]).similarity(0, 1);
}

// ---------------------------------------------------------------------------------------------
// The search: candidates per item, a budget of them scored.

/**
 * A word used by at most this many items is distinctive: every item sharing it becomes a candidate. Items
 * that share only common words are found through the word order below.
 */
export const DISTINCTIVE_WORD_ITEMS = 32;

/** At most this many candidates are scored per item: those sharing the most words with it. */
export const CANDIDATE_BUDGET = 8;

/**
 * Candidates sharing less of their words than `threshold - WORD_SHARE_MARGIN` are not scored. Trigrams come
 * from the words, so the trigram similarity of two titles rarely exceeds their word similarity by half: on
 * the en/sv/nb pairs the threshold was chosen on and on generated organisations, every pair at or above the
 * default threshold (0.45) shares at least a third of its words.
 */
export const WORD_SHARE_MARGIN = 0.25;

/** How many neighbours on each side of an item's places in the word order are candidates. */
const ORDER_WINDOW = 3;

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
  /** Words used by more than DISTINCTIVE_WORD_ITEMS items (reached through the word order). */
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
function hashText(text: string): number {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 16777619) >>> 0;
  return hash;
}

/**
 * The entries with a key (>= 0, whole numbers below 2^52), ordered by key, equal keys in entry order: a
 * radix sort in four passes of 13 bits, linear in entries.
 */
function sortByKey(keys: Float64Array): Int32Array {
  let valid = 0;
  for (let entry = 0; entry < keys.length; entry++) if (keys[entry]! >= 0) valid++;
  let from = new Int32Array(valid);
  let to = new Int32Array(valid);
  let at = 0;
  for (let entry = 0; entry < keys.length; entry++) if (keys[entry]! >= 0) from[at++] = entry;
  const buckets = new Int32Array(8192);
  for (let pass = 0; pass < 4; pass++) {
    const divisor = 2 ** (13 * pass);
    buckets.fill(0);
    for (let i = 0; i < valid; i++) buckets[Math.floor(keys[from[i]!]! / divisor) % 8192]!++;
    let sum = 0;
    for (let b = 0; b < 8192; b++) {
      const size = buckets[b]!;
      buckets[b] = sum;
      sum += size;
    }
    for (let i = 0; i < valid; i++) {
      const entry = from[i]!;
      to[buckets[Math.floor(keys[entry]! / divisor) % 8192]!++] = entry;
    }
    [from, to] = [to, from];
  }
  return from;
}

/** Places an item takes in the word order: its own first words, and those with one of them left out. */
const LEFT_OUT = [-1, 0, 1, 2] as const;

/**
 * The word order: every item is placed by its alphabetic words, rarest first (so by its three rarest words,
 * then the rest), and again with each of its three rarest left out in turn. Two titles that share their
 * words, or differ by one added, dropped or replaced word, then have a place in common and sit next to each
 * other, however common their words are. Number words (baselines and targets) are left out of the order.
 * Equal places fall back to a hash of text and group, then to item order.
 */
export function wordOrder(
  titles: Titles,
  itemsOfWord: Int32Array,
  tieKeys: Float64Array,
  rarestFirst: boolean,
): { items: Int32Array; placesOf: Int32Array } {
  const size = titles.vocabularySize;
  // Rank of each word: rarer first, equally rare ones by a hash of the word.
  const alphabetic: number[] = [];
  for (let word = 0; word < size; word++) if (!titles.isNumber(word)) alphabetic.push(word);
  const weight = new Float64Array(size);
  for (const word of alphabetic)
    weight[word] = (rarestFirst ? itemsOfWord[word]! : -itemsOfWord[word]!) * 2 ** 32 + hashText(titles.stems[word]!);
  alphabetic.sort((x, y) => weight[x]! - weight[y]! || (titles.stems[x]! < titles.stems[y]! ? -1 : 1));
  const none = alphabetic.length;
  const rank = new Int32Array(size).fill(-1);
  alphabetic.forEach((word, position) => {
    rank[word] = position;
  });

  // Each item's alphabetic word ranks, ascending, in one array.
  const count = titles.count;
  const words = titles.words.values;
  const ranks = new Int32Array(titles.words.length);
  const rankStart = new Int32Array(count + 1);
  let length = 0;
  for (let index = 0; index < count; index++) {
    const start = length;
    for (let at = titles.wordStart[index]!; at < titles.wordStart[index + 1]!; at++) {
      const r = rank[words[at]!]!;
      if (r >= 0) ranks[length++] = r;
    }
    sortUnique(ranks, start, length);
    rankStart[index + 1] = length;
  }
  /** The entry's word at `position`, with its left-out word skipped; `none` past the end. */
  const wordAt = (item: number, out: number, position: number) => {
    const at = rankStart[item]! + (out >= 0 && position >= out ? position + 1 : position);
    return at < rankStart[item + 1]! ? ranks[at]! : none;
  };

  const places = LEFT_OUT.length;
  const radix = Math.min(none + 1, 131_072); // three ranks in one number; coarser beyond 2^17 words
  const scale = radix / (none + 1);
  const keys = new Float64Array(count * places);
  for (let index = 0; index < count; index++) {
    const own = rankStart[index + 1]! - rankStart[index]!;
    for (let place = 0; place < places; place++) {
      const out = LEFT_OUT[place]!;
      if (own === 0 || out >= own || (out >= 0 && own === 1)) {
        keys[index * places + place] = -1; // nothing to place, or nothing left to place by
        continue;
      }
      let key = 0;
      for (let position = 0; position < 3; position++)
        key = key * radix + Math.floor(wordAt(index, out, position) * scale);
      keys[index * places + place] = key;
    }
  }
  const entryAt = sortByKey(keys);
  // Equal first three words: by the words after them, then tie key, then item.
  const byRest = (x: number, y: number) => {
    const ix = Math.floor(x / places);
    const iy = Math.floor(y / places);
    const ox = LEFT_OUT[x % places]!;
    const oy = LEFT_OUT[y % places]!;
    for (let position = 3; ; position++) {
      const wx = wordAt(ix, ox, position);
      const wy = wordAt(iy, oy, position);
      if (wx !== wy) return wx - wy;
      if (wx === none) break;
    }
    return tieKeys[ix]! - tieKeys[iy]! || x - y;
  };
  for (let start = 0; start < entryAt.length; ) {
    const key = keys[entryAt[start]!]!;
    let end = start + 1;
    while (end < entryAt.length && keys[entryAt[end]!] === key) end++;
    if (end - start > 1) entryAt.subarray(start, end).sort(byRest);
    start = end;
  }
  const items = new Int32Array(entryAt.length);
  const placesOf = new Int32Array(keys.length).fill(-1);
  for (let at = 0; at < entryAt.length; at++) {
    const entry = entryAt[at]!;
    items[at] = Math.floor(entry / places);
    placesOf[entry] = at;
  }
  return { items, placesOf };
}

/**
 * Pairs of items of different groups whose texts are at least `threshold` alike, the most alike first (ties
 * in item order). An item's candidates are the items sharing a distinctive word with it and its neighbours in
 * the word order; of those sharing enough words, the `budget` sharing the most are scored. So the pairs
 * scored are at most items × budget, whatever the vocabulary, and no size switches the search off.
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
    tieKeys[index] = hashText(`${texts[index]}\u0000${groupNames[index]}`);
  const orders = [wordOrder(titles, itemsOfWord, tieKeys, true), wordOrder(titles, itemsOfWord, tieKeys, false)];

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
    while (at > 0 && ranksBefore(share, other, chosenShare[base + at - 1]!, chosen[base + at - 1]!, tieKeys))
      at--;
    if (at >= budget) return;
    const end = Math.min(size, budget - 1);
    chosen.copyWithin(base + at + 1, base + at, base + end);
    chosenShare.copyWithin(base + at + 1, base + at, base + end);
    chosen[base + at] = other;
    chosenShare[base + at] = share;
    if (size < budget) kept[item] = size + 1;
  };
  const seenBy = new Int32Array(count).fill(-1);
  const look = (index: number, other: number) => {
    if (other >= index || seenBy[other] === index || groups[other] === groups[index]) return;
    seenBy[other] = index;
    stats.candidates++;
    const share = titles.wordSimilarity(index, other);
    if (share === 0 || share < minimumShare) return;
    offer(index, other, share);
    offer(other, index, share);
  };
  for (let index = 0; index < count; index++) {
    if (titles.wordCount(index) === 0) continue;
    for (let at = titles.wordStart[index]!; at < titles.wordStart[index + 1]!; at++) {
      const word = words[at]!;
      if (itemsOfWord[word]! > DISTINCTIVE_WORD_ITEMS) continue;
      for (let p = postingStart[word]!; p < postingStart[word + 1]!; p++) look(index, postings[p]!);
    }
    for (const order of orders) {
      for (let place = 0; place < LEFT_OUT.length; place++) {
        const at = order.placesOf[index * LEFT_OUT.length + place]!;
        if (at < 0) continue;
        const from = Math.max(0, at - ORDER_WINDOW);
        const to = Math.min(order.items.length - 1, at + ORDER_WINDOW);
        for (let near = from; near <= to; near++) {
          const other = order.items[near]!;
          if (other >= 0) look(index, other);
        }
      }
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
    for (let slot = index * budget; slot < (index + 1) * budget; slot++) {
      const other = chosen[slot]!;
      if (other < 0) break;
      if (other < index && chose(other, index)) continue;
      const a = Math.min(index, other);
      const b = Math.max(index, other);
      stats.pairsScored++;
      const score = titles.similarity(a, b);
      if (score >= threshold) pairs.push({ a: items[a]!, b: items[b]!, similarity: score });
    }
  }
  stats.pairsFound = pairs.length;
  if (options.stats) Object.assign(options.stats, stats);
  return pairs.sort((x, y) => y.similarity - x.similarity);
}

/** Whether candidate (share, other) ranks before (share2, other2): more shared words, then tie key, then item. */
function ranksBefore(
  share: number,
  other: number,
  share2: number,
  other2: number,
  tieKeys: Float64Array,
): boolean {
  if (share !== share2) return share > share2;
  const x = tieKeys[other]!;
  const y = tieKeys[other2]!;
  return x !== y ? x < y : other < other2;
}
