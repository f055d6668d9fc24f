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
const SUFFIXES = ["arnas", "ernas", "arna", "erna", "orna", "ande", "ende", "ning", "ing", "ene", "ane", "ar", "er", "or", "en", "et", "na", "ed", "es", "s", "a", "e"];

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

export function tokens(text: string): string[] {
  const words = text.toLowerCase().normalize("NFC").match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words.filter((word) => !STOP_WORDS.has(word)).map(stem))];
}

function trigrams(words: readonly string[]): Set<string> {
  const grams = new Set<string>();
  for (const word of words) {
    const padded = ` ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) grams.add(padded.slice(i, i + 3));
  }
  return grams;
}

function jaccard<T>(a: ReadonlySet<T>, b: ReadonlySet<T>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let shared = 0;
  const [small, large] = a.size < b.size ? [a, b] : [b, a];
  for (const item of small) if (large.has(item)) shared++;
  return shared / (a.size + b.size - shared);
}

interface Prepared {
  words: Set<string>;
  grams: Set<string>;
}

function prepare(text: string): Prepared {
  const words = tokens(text);
  return { words: new Set(words), grams: trigrams(words) };
}

/** 0..1: the mean of word-set and trigram Jaccard similarity (trigrams catch compounds and inflection). */
export function similarity(a: string, b: string): number {
  return combined(prepare(a), prepare(b));
}

function combined(a: Prepared, b: Prepared): number {
  return (jaccard(a.words, b.words) + jaccard(a.grams, b.grams)) / 2;
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
  const prepared = items.map((item) => prepare(text(item)));
  const postings = new Map<string, number[]>();
  prepared.forEach((p, index) => {
    for (const word of p.words) {
      const list = postings.get(word);
      if (list) list.push(index);
      else postings.set(word, [index]);
    }
  });
  const pairs: { a: T; b: T; similarity: number }[] = [];
  const compared = new Set<number>();
  prepared.forEach((p, index) => {
    compared.clear();
    for (const word of p.words) {
      const list = postings.get(word)!;
      if (list.length > MAX_WORD_FREQUENCY) continue;
      for (const other of list) {
        // Each pair once: only look back at items before this one.
        if (other >= index || compared.has(other)) continue;
        compared.add(other);
        if (group(items[other]!) === group(items[index]!)) continue;
        const score = combined(prepared[other]!, p);
        if (score >= threshold) pairs.push({ a: items[other]!, b: items[index]!, similarity: score });
      }
    }
  });
  return pairs.sort((x, y) => y.similarity - x.similarity);
}
