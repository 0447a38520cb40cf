import { detectLanguage } from './detect-language.ts';
import type { RawSegment } from './html.ts';
import type { Language, Segment } from './model.ts';
import { foldKey, normaliseText } from './normalise.ts';

/** The normalised text of a document, its folded matching key (same length) and its segments. */
export interface NormalisedDocument {
  readonly text: string;
  readonly key: string;
  readonly segments: readonly Segment[];
  readonly lang: Language;
}

/** Weight of an embedded post's evidence against body text. */
export const EMBED_WEIGHT = 0.5;

/** Normalises each segment and joins them, body first, with a blank line between. */
export function normaliseDocument(raw: readonly RawSegment[], forcedLang: Language | null): NormalisedDocument {
  let text = '';
  const segments: Segment[] = [];
  for (const r of raw) {
    const t = normaliseText(r.text);
    if (t === '') continue;
    if (text !== '') text += '\n\n';
    const start = text.length;
    text += t;
    segments.push({
      start,
      end: text.length,
      kind: r.kind,
      weight: r.kind === 'body' ? 1 : EMBED_WEIGHT,
      lang: forcedLang ?? detectLanguage(t),
    });
  }
  const lang = forcedLang ?? dominantLanguage(segments, text);
  return { text, key: foldKey(text), segments, lang };
}

function dominantLanguage(segments: readonly Segment[], text: string): Language {
  const body = segments.filter((s) => s.kind === 'body');
  const pool = body.length > 0 ? body : segments;
  if (pool.length === 0) return 'en';
  return detectLanguage(pool.map((s) => text.slice(s.start, Math.min(s.end, s.start + 20_000))).join('\n'));
}

/** One sentence: the unit events are read from. */
export interface Sentence {
  readonly index: number;
  readonly start: number;
  readonly end: number;
  readonly segment: number;
  readonly lang: Language;
}

// Abbreviations after which a full stop does not end an English sentence.
const ABBREVIATIONS = new Set([
  'no',
  'nos',
  'mr',
  'mrs',
  'ms',
  'dr',
  'st',
  'inc',
  'co',
  'corp',
  'ltd',
  'jan',
  'feb',
  'mar',
  'apr',
  'jun',
  'jul',
  'aug',
  'sep',
  'sept',
  'oct',
  'nov',
  'dec',
  'vs',
  'e.g',
  'i.e',
  'u.s',
  'u.k',
  'approx',
  'gov',
  'govt',
  'dept',
  'art',
]);

/** Splits each segment into sentences at full stops (., 。, !, ?, ؟, ！, ？) and line breaks. */
export function splitSentences(doc: NormalisedDocument): Sentence[] {
  const out: Sentence[] = [];
  doc.segments.forEach((seg, segIndex) => {
    let start = seg.start;
    const push = (end: number) => {
      let s = start;
      let e = end;
      while (s < e && /\s/.test(doc.text[s] as string)) s++;
      while (e > s && /\s/.test(doc.text[e - 1] as string)) e--;
      if (e > s) {
        const slice = doc.text.slice(s, Math.min(e, s + 2000));
        const lang = seg.kind === 'body' && slice.length < 12 ? seg.lang : detectLanguage(slice, seg.lang);
        out.push({ index: out.length, start: s, end: e, segment: segIndex, lang });
      }
      start = end;
    };
    for (let i = seg.start; i < seg.end; i++) {
      const c = doc.text[i] as string;
      if (c === '\n' || c === '。' || c === '！' || c === '？' || c === '؟') push(i + 1);
      else if ((c === '.' || c === '!' || c === '?') && endsSentence(doc.text, i, seg.end)) push(i + 1);
      else if ((i - start > 1000 && c === ' ') || i - start > 4000) push(i + 1);
    }
    push(seg.end);
  });
  return out;
}

function endsSentence(text: string, i: number, end: number): boolean {
  const next = text[i + 1];
  if (i + 1 < end && next !== ' ' && next !== '\n' && next !== '"' && next !== '”' && next !== ')') return false;
  if (text[i] !== '.') return true;
  let w = i;
  while (w > 0 && /[A-Za-z.]/.test(text[w - 1] as string) && i - w < 12) w--;
  const word = text.slice(w, i).toLowerCase();
  if (ABBREVIATIONS.has(word)) return false;
  if (/^[a-z]$/.test(word)) return false;
  return true;
}
