/**
 * Finds many fixed phrases in one pass over a folded text: a character trie walked from each position,
 * so the cost is linear in the text times the longest phrase, whatever the number of phrases.
 */

/** How a phrase must sit among its neighbours. */
export type Boundary =
  /** Latin words: no letter or digit on either side. */
  | 'word'
  /** Latin stems: no letter before, anything after ("restrict" matches "restrictions"). */
  | 'stem'
  /** Arabic: at a word start after an optional clitic prefix (و ف ب ل ك ال …), with an adjective or plural suffix. */
  | 'arabic'
  /** Arabic stems: at a word start after an optional clitic prefix, any suffix. */
  | 'arabic-stem'
  /** Han and kana: no boundary. */
  | 'none';

export interface Phrase<P> {
  readonly phrase: string;
  readonly boundary: Boundary;
  readonly payload: P;
}

export interface PhraseMatch<P> {
  readonly start: number;
  readonly end: number;
  readonly payload: P;
}

interface TrieNode<P> {
  readonly next: Map<string, TrieNode<P>>;
  phrases: Phrase<P>[];
}

const ARABIC_PREFIXES = [
  '',
  'و',
  'ف',
  'ب',
  'ل',
  'ك',
  'ال',
  'وال',
  'بال',
  'فال',
  'كال',
  'لل',
  'ولل',
  'وب',
  'ول',
  'فب',
  'فل',
];
const isWordChar = (c: string | undefined): boolean => c !== undefined && /[\p{L}\p{N}]/u.test(c);
const isArabicLetter = (c: string | undefined): boolean => c !== undefined && /[\u0621-\u064A]/.test(c);

export class PhraseIndex<P> {
  private readonly root: TrieNode<P> = { next: new Map(), phrases: [] };

  constructor(phrases: Iterable<Phrase<P>>) {
    for (const p of phrases) {
      if (p.phrase.length === 0) continue;
      let node = this.root;
      for (const ch of p.phrase) {
        let child = node.next.get(ch);
        if (!child) {
          child = { next: new Map(), phrases: [] };
          node.next.set(ch, child);
        }
        node = child;
      }
      node.phrases.push(p);
    }
  }

  /** Every match in `key` (already folded), longest first at each start, overlaps removed left to right. */
  find(key: string, from = 0, to = key.length): PhraseMatch<P>[] {
    const found: PhraseMatch<P>[] = [];
    let blockedUntil = from;
    for (let i = from; i < to; i++) {
      if (i < blockedUntil) continue;
      const best = this.longestAt(key, i, to);
      if (best) {
        found.push(...best.matches);
        blockedUntil = best.end;
      }
    }
    return found;
  }

  private longestAt(key: string, at: number, to: number): { end: number; matches: PhraseMatch<P>[] } | undefined {
    const starts = isArabicLetter(key[at]) && !isArabicLetter(key[at - 1]) ? arabicStarts(key, at) : [at];
    let best: { end: number; matches: PhraseMatch<P>[] } | undefined;
    for (const start of starts) {
      let node: TrieNode<P> | undefined = this.root;
      for (let j = start; j < to && node; j++) {
        node = node.next.get(key[j] as string);
        if (!node || node.phrases.length === 0) continue;
        const end = j + 1;
        const ok = node.phrases.filter((p) => fits(key, p.boundary, start, at, end));
        if (ok.length > 0 && (!best || end > best.end))
          best = { end, matches: ok.map((p) => ({ start, end, payload: p.payload })) };
      }
    }
    return best;
  }
}

// Suffixes a name may carry: adjective (الصيني، الصينية), plural (اليابانيون), dual.
const ARABIC_SUFFIXES = new Set(['', 'ه', 'ي', 'يه', 'يا', 'يون', 'يين', 'ين', 'ان', 'ات']);

function arabicSuffixFits(key: string, end: number): boolean {
  let e = end;
  while (e < key.length && e - end < 4 && isArabicLetter(key[e])) e++;
  return !isArabicLetter(key[e]) && ARABIC_SUFFIXES.has(key.slice(end, e));
}

function arabicStarts(key: string, at: number): number[] {
  return ARABIC_PREFIXES.filter((p) => key.startsWith(p, at)).map((p) => at + p.length);
}

const BOUNDARY_FITS: Readonly<
  Record<Boundary, (key: string, start: number, wordStart: number, end: number) => boolean>
> = {
  none: () => true,
  word: (key, start, wordStart, end) => start === wordStart && !isWordChar(key[start - 1]) && !isWordChar(key[end]),
  stem: (key, start, wordStart) => start === wordStart && !isWordChar(key[start - 1]),
  'arabic-stem': (key, _start, wordStart) => !isArabicLetter(key[wordStart - 1]),
  arabic: (key, _start, wordStart, end) => !isArabicLetter(key[wordStart - 1]) && arabicSuffixFits(key, end),
};

function fits(key: string, boundary: Boundary, start: number, wordStart: number, end: number): boolean {
  return BOUNDARY_FITS[boundary](key, start, wordStart, end);
}
