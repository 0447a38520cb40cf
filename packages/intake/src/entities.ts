import type { NormalisedDocument, Sentence } from './document.ts';
import { findDates } from './dates.ts';
import type { Gazetteer } from './gazetteer.ts';
import type { Entity } from './model.ts';
import { findCapacities, findMoney } from './quantities.ts';

/** Sentence index of each offset, by binary search over the sorted sentences. */
export function sentenceAt(sentences: readonly Sentence[], offset: number): number {
  let lo = 0;
  let hi = sentences.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((sentences[mid] as Sentence).start <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

// "No. 61 of 2025", "Nos. 61 and 62", "Announcement 18", 第61号, 2025年第61号, 61号公告, رقم 61 لعام 2025.
const LIST = '(\\d{1,3})(?!\\d)((?:(?:, ?| and | & |、|和|及|与| ?و ?)(?:第)?\\d{1,3}(?!\\d)){0,6})';
const INSTRUMENT_PATTERNS: readonly { re: RegExp; year: (m: RegExpExecArray) => string | undefined }[] = [
  {
    re: new RegExp(
      `\\b(?:announcement|notice|nos?\\.|number) ?(?:no\\. ?)?${LIST}(?: (?:of|in) (\\d{4})|, (\\d{4})| \\((\\d{4})\\))?`,
      'g',
    ),
    year: (m) => m[3] ?? m[4] ?? m[5],
  },
  { re: new RegExp(`(?:(\\d{4}) ?年)?第${LIST}号`, 'g'), year: (m) => m[1] },
  { re: new RegExp(`(?<![\\d第年])${LIST}号公告`, 'g'), year: () => undefined },
  { re: new RegExp(`رقم ${LIST}(?: (?:لعام|لسنه|عام|من عام) (\\d{4}))?`, 'g'), year: (m) => m[3] },
];

function findInstruments(key: string): { start: number; end: number; number: number; year: number | null }[] {
  const out: { start: number; end: number; number: number; year: number | null }[] = [];
  for (const p of INSTRUMENT_PATTERNS) {
    p.re.lastIndex = 0;
    for (let m = p.re.exec(key); m !== null; m = p.re.exec(key)) {
      // The pattern with a year prefix puts the list in groups 2 and 3.
      const hasYearPrefix = p.re.source.startsWith('(?:(\\d{4})');
      const first = hasYearPrefix ? m[2] : m[1];
      const rest = hasYearPrefix ? m[3] : m[2];
      const y = p.year(m);
      const year = y === undefined ? null : Number(y);
      for (const n of [first, ...(rest ?? '').split(/[^\d]+/)].filter((x): x is string => !!x && /^\d+$/.test(x)))
        if (Number(n) > 0) out.push({ start: m.index, end: m.index + m[0].length, number: Number(n), year });
    }
  }
  return out;
}

/** The entity stage: gazetteer names, dates, money, capacities and instrument numbers, each with its span. */
export function findEntities(
  doc: NormalisedDocument,
  sentences: readonly Sentence[],
  gazetteer: Gazetteer,
  published: string | null,
): Entity[] {
  const { text, key } = doc;
  const span = (start: number, end: number) => ({
    span: { start, end, text: text.slice(start, end) },
    sentence: sentenceAt(sentences, start),
  });
  const out: Entity[] = [];
  for (const m of gazetteer.index.find(key)) {
    const p = m.payload;
    const where = span(m.start, m.end);
    if (p.kind === 'country') out.push({ kind: 'country', ids: p.ids, source: p.source, ...where });
    else if (p.kind === 'organisation')
      out.push({ kind: 'organisation', id: p.id, role: p.role, country: p.country, source: p.source, ...where });
    else out.push({ kind: p.kind, id: p.id, source: p.source, ...where });
  }
  for (const d of findDates(key, published)) out.push({ kind: 'date', value: d.value, ...span(d.start, d.end) });
  for (const q of findMoney(key)) out.push({ kind: 'money', value: q.value, ...span(q.start, q.end) });
  for (const q of findCapacities(key)) out.push({ kind: 'capacity', value: q.value, ...span(q.start, q.end) });
  for (const i of findInstruments(key))
    out.push({ kind: 'instrument', number: i.number, year: i.year, ...span(i.start, i.end) });
  return out.sort((a, b) => a.span.start - b.span.start || a.span.end - b.span.end);
}
