/**
 * Amounts of money and production capacities in the four languages, read from the folded key.
 * Linear patterns only: bounded repeats and literal alternations.
 */
import type { Capacity, Currency, Money } from './model.ts';

/** A capture group's text, or '' when it did not take part. */
const g = (m: RegExpExecArray, i: number): string => m[i] ?? '';

export interface QuantityMatch<V> {
  readonly start: number;
  readonly end: number;
  readonly value: V;
}

const NUM = '(\\d{1,3}(?:,\\d{3}){1,4}|\\d{1,9}(?:\\.\\d{1,4})?)';
const SCALES: Readonly<Record<string, number>> = {
  trillion: 1e12,
  billion: 1e9,
  bn: 1e9,
  b: 1e9,
  million: 1e6,
  mn: 1e6,
  m: 1e6,
  k: 1e3,
  thousand: 1e3,
  兆: 1e12,
  万亿: 1e12,
  億: 1e8,
  亿: 1e8,
  万: 1e4,
  تريليون: 1e12,
  مليار: 1e9,
  مليارات: 1e9,
  مليون: 1e6,
  ملايين: 1e6,
  الف: 1e3,
  الاف: 1e3,
};

const CURRENCIES: readonly [RegExp, Currency][] = [
  [/^(a\$|au\$|aud|豪ドル|澳元|australian dollars?|دولار استرالي|دولارات استراليه)/, 'AUD'],
  [/^(c\$|ca\$|cad|canadian dollars?)/, 'CAD'],
  [/^(€|eur|euros?|ユーロ|欧元|يورو)/, 'EUR'],
  [/^(£|gbp|pounds? sterling)/, 'GBP'],
  [/^(¥|jpy|yen|円|日元|ين)/, 'JPY'],
  [/^(cny|rmb|yuan|元|人民币|يوان)/, 'CNY'],
];

function currencyOf(s: string): Currency {
  const t = s.trim();
  for (const [re, c] of CURRENCIES) if (re.test(t)) return c;
  return 'USD';
}

const toNumber = (s: string) => Number(s.replace(/,/g, ''));

interface MoneyPattern {
  readonly re: RegExp;
  readonly read: (m: RegExpExecArray) => Money | null;
}

const EN_SCALE = '(trillion|billion|million|thousand|bn|mn|m|b|k)';
const EN_CURRENCY_WORDS =
  '(us dollars|u\\.s\\. dollars|dollars|australian dollars|canadian dollars|yen|yuan|euros|pounds)';
const CJK_CURRENCY = '(米ドル|豪ドル|ドル|円|ユーロ|美元|澳元|日元|欧元|人民币|元)';
const AR_SCALE = '(تريليون|مليارات|مليار|ملايين|مليون|الاف|الف)';
const AR_CURRENCY = '(دولارات|دولار|ين|يوان|يورو)( امريكي| استرالي| كندي)?';

const money = (n: string, scale: string | undefined, currency: string): Money | null => {
  const amount = toNumber(n) * (scale ? (SCALES[scale] ?? 1) : 1);
  return Number.isFinite(amount) ? { amount, currency: currencyOf(currency) } : null;
};

const MONEY: readonly MoneyPattern[] = [
  {
    re: new RegExp(`(a\\$|au\\$|us\\$|c\\$|\\$|€|£|¥|usd |aud |jpy |eur |cny )${NUM} ?${EN_SCALE}?\\b`, 'g'),
    read: (m) => money(g(m, 2), m[3], g(m, 1)),
  },
  {
    re: new RegExp(`\\b${NUM} ${EN_SCALE}? ?${EN_CURRENCY_WORDS}\\b`, 'g'),
    read: (m) => money(g(m, 1), m[2], g(m, 3)),
  },
  {
    re: new RegExp(`${NUM} ?(兆|万亿|億|亿|万)(?:(\\d{1,4}) ?(億|亿|万))? ?${CJK_CURRENCY}`, 'g'),
    read: (m) => {
      const head = money(g(m, 1), m[2], g(m, 5));
      const tail = m[3] ? toNumber(m[3]) * (SCALES[g(m, 4)] ?? 1) : 0;
      return head ? { ...head, amount: head.amount + tail } : null;
    },
  },
  { re: new RegExp(`${NUM} ?${CJK_CURRENCY}`, 'g'), read: (m) => money(g(m, 1), undefined, g(m, 2)) },
  {
    re: new RegExp(`${NUM} ?${AR_SCALE}? ?${AR_CURRENCY}(?![\\u0621-\\u064A])`, 'g'),
    read: (m) => money(g(m, 1), m[2], `${g(m, 3)}${m[4] ?? ''}`),
  },
  {
    re: new RegExp(`(\\$|€|¥)${NUM} ?${AR_SCALE}`, 'g'),
    read: (m) => money(g(m, 2), m[3], g(m, 1)),
  },
];

const TONNES = '(metric tons|metric tonnes|tonnes|tons|tonne|ton|tpa|mtpa|t)';
const PER_YEAR_AFTER =
  /^.{0,40}?(per year|a year|per annum|annually|\/year|\/yr|a-year|\/年|每年|سنويا|في السنه|في العام)/;
const PER_YEAR_BEFORE = /(annual|年間|年産|年产|年处理|年生产|产能|سنويه|طاقه انتاجيه)[^.。]{0,30}$/;

interface CapacityPattern {
  readonly re: RegExp;
  readonly read: (m: RegExpExecArray) => number;
  readonly yearly?: (m: RegExpExecArray) => boolean;
}

const CAPACITY: readonly CapacityPattern[] = [
  {
    re: new RegExp(`\\b${NUM} ?(thousand |million |k )?${TONNES}\\b`, 'g'),
    read: (m) => toNumber(g(m, 1)) * (m[2] ? (SCALES[m[2].trim()] ?? 1) : 1),
    yearly: (m) => m[3] === 'tpa' || m[3] === 'mtpa',
  },
  { re: new RegExp(`${NUM} ?(万)?(トン|吨)`, 'g'), read: (m) => toNumber(g(m, 1)) * (m[2] ? 1e4 : 1) },
  {
    re: new RegExp(`${NUM} ?${AR_SCALE}? ?(طن|اطنان)(?![\\u0621-\\u064A])`, 'g'),
    read: (m) => toNumber(g(m, 1)) * (m[2] ? (SCALES[m[2]] ?? 1) : 1),
  },
];

/** Every amount of money between `from` and `to`. */
export function findMoney(key: string, from = 0, to = key.length): QuantityMatch<Money>[] {
  const text = key.slice(from, to);
  const all: QuantityMatch<Money>[] = [];
  for (const p of MONEY) {
    p.re.lastIndex = 0;
    for (let m = p.re.exec(text); m !== null; m = p.re.exec(text)) {
      const value = p.read(m);
      if (value) all.push({ start: from + m.index, end: from + m.index + m[0].trimEnd().length, value });
    }
  }
  return withoutOverlaps(all);
}

/** Every production capacity (tonnes, per year where the text says so) between `from` and `to`. */
export function findCapacities(key: string, from = 0, to = key.length): QuantityMatch<Capacity>[] {
  const text = key.slice(from, to);
  const all: QuantityMatch<Capacity>[] = [];
  for (const p of CAPACITY) {
    p.re.lastIndex = 0;
    for (let m = p.re.exec(text); m !== null; m = p.re.exec(text)) {
      const end = m.index + m[0].length;
      const perYear =
        (p.yearly?.(m) ?? false) ||
        PER_YEAR_AFTER.test(text.slice(end, end + 60)) ||
        PER_YEAR_BEFORE.test(text.slice(Math.max(0, m.index - 40), m.index));
      all.push({ start: from + m.index, end: from + end, value: { tonnes: p.read(m), perYear } });
    }
  }
  return withoutOverlaps(all);
}

function withoutOverlaps<V>(all: QuantityMatch<V>[]): QuantityMatch<V>[] {
  all.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: QuantityMatch<V>[] = [];
  for (const q of all) {
    const last = kept[kept.length - 1];
    if (!last || q.start >= last.end) kept.push(q);
  }
  return kept;
}
