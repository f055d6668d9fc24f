// Near-duplicate text across teams without any model: stemmed word sets and character trigrams in
// en/sv/nb, with an inverted index on distinctive words so the search stays linear in items.

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

function uniqueSorted(values: readonly number[]): Float64Array {
  // Insertion sort: titles have a handful of words and a few dozen trigrams, where it beats a typed-array sort.
  if (values.length > 64) {
    const large = Float64Array.from(values).sort();
    let unique = 0;
    for (let i = 0; i < large.length; i++)
      if (i === 0 || large[i] !== large[unique - 1]) large[unique++] = large[i]!;
    return large.subarray(0, unique);
  }
  const sorted = new Float64Array(values.length);
  let size = 0;
  for (const value of values) {
    let at = size;
    while (at > 0 && sorted[at - 1]! > value) at--;
    if (at > 0 && sorted[at - 1] === value) continue;
    sorted.copyWithin(at + 1, at, size);
    sorted[at] = value;
    size++;
  }
  return sorted.subarray(0, size);
}

/** Jaccard similarity of two sorted unique arrays, by one merge pass (no sets, no allocation). */
function jaccard(a: Float64Array, b: Float64Array): number {
  if (a.length === 0 && b.length === 0) return 0;
  let shared = 0;
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const x = a[i]!;
    const y = b[j]!;
    if (x === y) {
      shared++;
      i++;
      j++;
    } else if (x < y) i++;
    else j++;
  }
  return shared / (a.length + b.length - shared);
}

/**
 * Words seen so far in one search: each raw word is stemmed once and given a number, and its trigrams are
 * computed once, however many titles use it (titles share most of their words).
 */
class Vocabulary {
  private readonly idByRawWord = new Map<string, number>();
  private readonly idByStem = new Map<string, number>();
  private readonly stems: string[] = [];
  private readonly grams: (number[] | undefined)[] = [];

  get size(): number {
    return this.stems.length;
  }

  /** The word's number, or -1 for a stop word. */
  idOf(raw: string): number {
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
        }
      }
      this.idByRawWord.set(raw, id);
    }
    return id;
  }

  trigramsOf(id: number): number[] {
    let grams = this.grams[id];
    if (grams === undefined) {
      grams = wordTrigrams(this.stems[id]!);
      this.grams[id] = grams;
    }
    return grams;
  }
}

/** A text ready for comparing: its word numbers, and its trigrams once first needed. */
interface Prepared {
  words: Float64Array;
  grams: Float64Array | null;
}

function prepare(text: string, vocabulary: Vocabulary): Prepared {
  const ids: number[] = [];
  for (const raw of rawWords(text)) {
    const id = vocabulary.idOf(raw);
    if (id >= 0) ids.push(id);
  }
  return { words: uniqueSorted(ids), grams: null };
}

function gramsOf(p: Prepared, vocabulary: Vocabulary): Float64Array {
  if (p.grams === null) {
    const all: number[] = [];
    for (const id of p.words) for (const gram of vocabulary.trigramsOf(id)) all.push(gram);
    p.grams = uniqueSorted(all);
  }
  return p.grams;
}

/** 0..1: the mean of word-set and trigram Jaccard similarity (trigrams catch compounds and inflection). */
export function similarity(a: string, b: string): number {
  const vocabulary = new Vocabulary();
  return combined(prepare(a, vocabulary), prepare(b, vocabulary), vocabulary);
}

function combined(a: Prepared, b: Prepared, vocabulary: Vocabulary): number {
  return (jaccard(a.words, b.words) + jaccard(gramsOf(a, vocabulary), gramsOf(b, vocabulary))) / 2;
}

/**
 * Only pairs that share a distinctive word are compared: a word used by more than this many items says
 * little about what the work is, and indexing it would make the search quadratic.
 */
export const MAX_WORD_FREQUENCY = 32;

export function findNearDuplicates<T>(
  items: readonly T[],
  text: (item: T) => string,
  group: (item: T) => string,
  threshold: number,
): { a: T; b: T; similarity: number }[] {
  const vocabulary = new Vocabulary();
  const prepared = items.map((item) => prepare(text(item), vocabulary));
  const groups = items.map(group);
  const postings: number[][] = Array.from({ length: vocabulary.size }, () => []);
  prepared.forEach((p, index) => {
    for (const word of p.words) {
      postings[word]!.push(index);
    }
  });
  const pairs: { a: T; b: T; similarity: number }[] = [];
  // Which item was last compared with "other", so each pair is scored once without a set per item.
  const comparedWith = new Int32Array(items.length).fill(-1);
  prepared.forEach((p, index) => {
    for (const word of p.words) {
      const list = postings[word]!;
      if (list.length > MAX_WORD_FREQUENCY) continue;
      for (const other of list) {
        // Each pair once: only look back at items before this one.
        if (other >= index || comparedWith[other] === index) continue;
        comparedWith[other] = index;
        if (groups[other] === groups[index]) continue;
        const score = combined(prepared[other]!, p, vocabulary);
        if (score >= threshold) pairs.push({ a: items[other]!, b: items[index]!, similarity: score });
      }
    }
  });
  return pairs.sort((x, y) => y.similarity - x.similarity);
}
