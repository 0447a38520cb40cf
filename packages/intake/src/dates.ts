/**
 * Absolute and relative dates in English, Japanese, Chinese and Arabic, read from the folded key
 * (Arabic-Indic and full-width digits are already ASCII there). Relative dates are resolved against
 * the publication date; without one they are kept with no value. Every pattern is linear: literal
 * alternations and bounded repeats only.
 */
import type { DateValue } from './model.ts';

/** A capture group's text, or '' when it did not take part. */
const g = (m: RegExpExecArray, i: number): string => m[i] ?? '';

export interface DateMatch {
  readonly start: number;
  readonly end: number;
  readonly value: DateValue | null;
}

const EN_MONTHS: readonly [string, number][] = [
  ['january', 1],
  ['jan', 1],
  ['february', 2],
  ['feb', 2],
  ['march', 3],
  ['mar', 3],
  ['april', 4],
  ['apr', 4],
  ['may', 5],
  ['june', 6],
  ['jun', 6],
  ['july', 7],
  ['jul', 7],
  ['august', 8],
  ['aug', 8],
  ['september', 9],
  ['sept', 9],
  ['sep', 9],
  ['october', 10],
  ['oct', 10],
  ['november', 11],
  ['nov', 11],
  ['december', 12],
  ['dec', 12],
];

// Folded forms (أ → ا, ة → ه): the Levantine series, then the Egyptian (Gregorian) series with variants.
const AR_MONTHS: readonly [string, number][] = [
  ['كانون الثاني', 1],
  ['شباط', 2],
  ['اذار', 3],
  ['نيسان', 4],
  ['ايار', 5],
  ['حزيران', 6],
  ['تموز', 7],
  ['اب', 8],
  ['ايلول', 9],
  ['تشرين الاول', 10],
  ['تشرين الثاني', 11],
  ['كانون الاول', 12],
  ['يناير', 1],
  ['فبراير', 2],
  ['مارس', 3],
  ['ابريل', 4],
  ['مايو', 5],
  ['يونيو', 6],
  ['يونيه', 6],
  ['يوليو', 7],
  ['يوليه', 7],
  ['اغسطس', 8],
  ['سبتمبر', 9],
  ['اكتوبر', 10],
  ['نوفمبر', 11],
  ['ديسمبر', 12],
];

// Ordinal days in words (folded), as in الرابع من نيسان: the first to the thirty-first.
const AR_ORDINAL_DAYS: readonly [string, number][] = [
  ['الاول', 1],
  ['الثاني', 2],
  ['الثالث', 3],
  ['الرابع', 4],
  ['الخامس', 5],
  ['السادس', 6],
  ['السابع', 7],
  ['الثامن', 8],
  ['التاسع', 9],
  ['العاشر', 10],
  ['الحادي عشر', 11],
  ['الثاني عشر', 12],
  ['الثالث عشر', 13],
  ['الرابع عشر', 14],
  ['الخامس عشر', 15],
  ['السادس عشر', 16],
  ['السابع عشر', 17],
  ['الثامن عشر', 18],
  ['التاسع عشر', 19],
  ['العشرين', 20],
  ['الحادي والعشرين', 21],
  ['الثاني والعشرين', 22],
  ['الثالث والعشرين', 23],
  ['الرابع والعشرين', 24],
  ['الخامس والعشرين', 25],
  ['السادس والعشرين', 26],
  ['السابع والعشرين', 27],
  ['الثامن والعشرين', 28],
  ['التاسع والعشرين', 29],
  ['الثلاثين', 30],
  ['الحادي والثلاثين', 31],
];

const alternation = (names: readonly [string, number][]) =>
  [...names]
    .map(([n]) => n)
    .sort((a, b) => b.length - a.length)
    .join('|');
const monthOf = (names: readonly [string, number][], s: string): number =>
  names.find(([n]) => n === s.replace(/\.$/, ''))?.[1] ?? 0;

const EN_MONTH = `(${alternation(EN_MONTHS)})\\b\\.?`;
const AR_MONTH = `(${alternation(AR_MONTHS)})(?![\\u0621-\\u064A])`;
const AR_LETTER = '[\\u0621-\\u064A]';
const CN_DIGIT = '〇零一二三四五六七八九十';

const WEEKDAYS_EN = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const WEEKDAYS_JA = '日月火水木金土';
const WEEKDAYS_ZH = '日一二三四五六';
const WEEKDAYS_AR = ['احد', 'اثنين', 'ثلاثاء', 'اربعاء', 'خميس', 'جمعه', 'سبت'];

interface Pattern {
  readonly re: RegExp;
  readonly read: (m: RegExpExecArray, published: string | null) => DateValue | null;
}

const PATTERNS: readonly Pattern[] = [
  { re: /\b(\d{4})[-/](\d{1,2})[-/](\d{1,2})\b/g, read: (m) => day(+g(m, 1), +g(m, 2), +g(m, 3)) },
  {
    re: new RegExp(`\\b(\\d{1,2})(?:st|nd|rd|th)? ${EN_MONTH}(?:,? (\\d{4})\\b)?`, 'g'),
    read: (m, p) => dayInYear(m[3], monthOf(EN_MONTHS, g(m, 2)), +g(m, 1), p),
  },
  {
    re: new RegExp(`\\b${EN_MONTH} (\\d{1,2})(?:st|nd|rd|th)?\\b(?:,? (\\d{4})\\b)?`, 'g'),
    read: (m, p) => dayInYear(m[3], monthOf(EN_MONTHS, g(m, 1)), +g(m, 2), p),
  },
  {
    re: new RegExp(`\\b${EN_MONTH} (\\d{4})\\b`, 'g'),
    read: (m) => month(+g(m, 2), monthOf(EN_MONTHS, g(m, 1))),
  },
  {
    re: /(?:(令和|平成)(元|\d{1,2}) ?年|(\d{4}) ?年)? ?(\d{1,2}) ?月 ?(\d{1,2}) ?日/g,
    read: (m, p) => dayInYear(eraYear(m[1], m[2]) ?? m[3], +g(m, 4), +g(m, 5), p),
  },
  {
    re: /(?:(令和|平成)(元|\d{1,2}) ?年|(\d{4}) ?年) ?(\d{1,2}) ?月(?! ?\d)/g,
    read: (m) => month(Number(eraYear(m[1], m[2]) ?? m[3]), +g(m, 4)),
  },
  {
    re: new RegExp(`(?:([${CN_DIGIT}]{4})年)?([${CN_DIGIT}]{1,3})月([${CN_DIGIT}]{1,3})日`, 'g'),
    read: (m, p) => dayInYear(m[1] ? String(hanDigits(m[1])) : undefined, hanNumber(g(m, 2)), hanNumber(g(m, 3)), p),
  },
  {
    re: new RegExp(
      `\\b(\\d{1,2}) (?:من )?${AR_MONTH}(?: ?[/(] ?${AR_MONTH}(?: ?\\))?)?(?: (?:عام |سنه )?(\\d{4})\\b)?`,
      'g',
    ),
    read: (m, p) => dayInYear(m[4], monthOf(AR_MONTHS, g(m, 2)), +g(m, 1), p),
  },
  {
    re: new RegExp(
      `(?<!${AR_LETTER})(${alternation(AR_ORDINAL_DAYS)}) من ${AR_MONTH}(?: ?[/(] ?${AR_MONTH}(?: ?\\))?)?(?: (?:عام |سنه )?(\\d{4})\\b)?`,
      'g',
    ),
    read: (m, p) => dayInYear(m[4], monthOf(AR_MONTHS, g(m, 2)), monthOf(AR_ORDINAL_DAYS, g(m, 1)), p),
  },
  {
    re: new RegExp(
      `(?<!\\d )(?<!${AR_LETTER})${AR_MONTH}(?: ?[/(] ?${AR_MONTH}(?: ?\\))?)? (?:عام |سنه )?(\\d{4})\\b`,
      'g',
    ),
    read: (m) => month(+g(m, 3), monthOf(AR_MONTHS, g(m, 1))),
  },
  // A day of the month alone (28日), in the publication month, or the month before if still to come.
  {
    re: /(?<![\d月年第.,])(\d{1,2}) ?日(?![本間间元])/g,
    read: (m, p) => dayOfMonth(+g(m, 1), p),
  },
  // Relative dates.
  { re: /\btoday\b|本日|今日|今天|(?<![\u0621-\u064A])اليوم(?![\u0621-\u064A])/g, read: (_m, p) => shift(p, 0) },
  {
    re: /\byesterday\b|昨日|昨天|(?<![\u0621-\u064A])(?:و|ب|وب)?(?:ال)?امس(?![\u0621-\u064A])|البارحه/g,
    read: (_m, p) => shift(p, -1),
  },
  { re: /一昨日|前天/g, read: (_m, p) => shift(p, -2) },
  {
    re: /\b(?:(last|on|this) )?(sunday|monday|tuesday|wednesday|thursday|friday|saturday)\b/g,
    read: (m, p) => weekday(p, WEEKDAYS_EN.indexOf(g(m, 2)), m[1] === 'last'),
  },
  { re: /([日月火水木金土])曜日?/g, read: (m, p) => weekday(p, WEEKDAYS_JA.indexOf(g(m, 1)), false) },
  {
    re: /(上|本)?(?:周|星期|礼拜)([一二三四五六日天])/g,
    read: (m, p) => weekday(p, WEEKDAYS_ZH.indexOf(m[2] === '天' ? '日' : g(m, 2)), m[1] === '上'),
  },
  {
    re: new RegExp(`(?<!${AR_LETTER})(?:يوم )?(?:و|ب)?ال(${WEEKDAYS_AR.join('|')})(?!${AR_LETTER})`, 'g'),
    read: (m, p) => weekday(p, WEEKDAYS_AR.indexOf(g(m, 1)), false),
  },
];

/** Every date in `key` between `from` and `to`, the earliest and longest kept where two overlap. */
export function findDates(key: string, published: string | null, from = 0, to = key.length): DateMatch[] {
  const text = key.slice(from, to);
  const all: DateMatch[] = [];
  for (const p of PATTERNS) {
    p.re.lastIndex = 0;
    for (let m = p.re.exec(text); m !== null; m = p.re.exec(text)) {
      if (m[0].length === 0) {
        p.re.lastIndex++;
        continue;
      }
      const lead = m[0].length - m[0].trimStart().length;
      all.push({
        start: from + m.index + lead,
        end: from + m.index + m[0].trimEnd().length,
        value: p.read(m, published),
      });
    }
  }
  all.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: DateMatch[] = [];
  for (const d of all) {
    const last = kept[kept.length - 1];
    if (last && d.start < last.end) continue;
    // A day-month without a year or a publication date cannot be placed; a malformed date is no date.
    if (d.value === null && !isRelativeWord(key.slice(d.start, d.end))) continue;
    kept.push(d);
  }
  return kept;
}

const isRelativeWord = (s: string) => !/\d|月/.test(s);

const pad = (n: number) => String(n).padStart(2, '0');

function day(y: number, m: number, d: number, relative = false): DateValue | null {
  if (!(y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31)) return null;
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCMonth() !== m - 1) return null;
  return { iso: `${y}-${pad(m)}-${pad(d)}`, precision: 'day', relative };
}

function month(y: number, m: number): DateValue | null {
  if (!(y >= 1900 && y <= 2100 && m >= 1 && m <= 12)) return null;
  return { iso: `${y}-${pad(m)}`, precision: 'month', relative: false };
}

/** A day written without a year falls in the publication year, or the year before if that is well ahead. */
function dayInYear(year: string | undefined, m: number, d: number, published: string | null): DateValue | null {
  if (year !== undefined) return day(Number(year), m, d);
  if (published === null) return null;
  const py = Number(published.slice(0, 4));
  const candidate = day(py, m, d);
  if (candidate && candidate.iso > addDays(published, 60)) return day(py - 1, m, d);
  return candidate;
}

function dayOfMonth(d: number, published: string | null): DateValue | null {
  if (published === null || d < 1 || d > 31) return null;
  const y = +published.slice(0, 4);
  const m = +published.slice(5, 7);
  const sameMonth = day(y, m, d);
  if (sameMonth && sameMonth.iso <= published) return sameMonth;
  return m === 1 ? day(y - 1, 12, d) : day(y, m - 1, d);
}

function eraYear(era: string | undefined, n: string | undefined): string | undefined {
  if (era === undefined || n === undefined) return undefined;
  const y = n === '元' ? 1 : Number(n);
  return String((era === '令和' ? 2018 : 1988) + y);
}

const HAN = '〇一二三四五六七八九';
const hanDigits = (s: string) => Number([...s].map((c) => (c === '零' ? 0 : HAN.indexOf(c))).join(''));

/** 十 = 10, 十二 = 12, 二十 = 20, 三十一 = 31, 九 = 9. */
function hanNumber(s: string): number {
  const at = s.indexOf('十');
  if (at < 0) return hanDigits(s);
  const tens = at === 0 ? 1 : HAN.indexOf(s[at - 1] ?? '');
  const units = at === s.length - 1 ? 0 : HAN.indexOf(s[at + 1] ?? '');
  return tens * 10 + units;
}

function addDays(iso: string, n: number): string {
  const t = new Date(`${iso}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() + n);
  return t.toISOString().slice(0, 10);
}

function shift(published: string | null, n: number): DateValue | null {
  return published === null ? null : { iso: addDays(published, n), precision: 'day', relative: true };
}

/** The latest such weekday on or before publication; "last" (上周) means the week before. */
function weekday(published: string | null, dow: number, previousWeek: boolean): DateValue | null {
  if (published === null || dow < 0) return null;
  const pubDow = new Date(`${published}T00:00:00Z`).getUTCDay();
  let back = (pubDow - dow + 7) % 7;
  if (previousWeek) back += back === 0 ? 7 : pubDow === 0 || dow <= pubDow ? 7 : 0;
  return shift(published, -back);
}
