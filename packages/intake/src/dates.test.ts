import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findDates } from './dates.ts';
import { foldKey, normaliseText } from './normalise.ts';

const datesOf = (s: string, published: string | null = '2025-10-30') => {
  const key = foldKey(normaliseText(s));
  return findDates(key, published).map((d) => [key.slice(d.start, d.end), d.value?.iso ?? null]);
};

describe('findDates', () => {
  it.each([
    ['signed on 28 October 2025 in Tokyo', 'October 2025', '2025-10-28'],
    ['on October 28, 2025', '', '2025-10-28'],
    ['from Dec. 3', 'a date up to 60 days after publication stays in its year', '2025-12-03'],
    ['2025-11-07', '', '2025-11-07'],
    ['2025年10月9日', '', '2025-10-09'],
    ['２０２５年１０月９日', '', '2025-10-09'],
    ['令和7年10月28日', '', '2025-10-28'],
    ['令和元年5月1日', '', '2019-05-01'],
    ['二〇二五年十月九日', '', '2025-10-09'],
    ['十二月三日', '', '2025-12-03'],
    ['٩ تشرين الأول ٢٠٢٥', '', '2025-10-09'],
    ['٢٠ أكتوبر/تشرين الأول ٢٠٢٥', '', '2025-10-20'],
    ['في 7 نوفمبر 2025م', '', '2025-11-07'],
    ['4 آذار 2025', '', '2025-03-04'],
    ['15 كانون الثاني 2026', '', '2026-01-15'],
    ['في الرابع من نيسان/أبريل', 'an ordinal day in words', '2025-04-04'],
    ['الحادي والعشرين من أكتوبر ٢٠٢٥', '', '2025-10-21'],
    ['3 ديسمبر', '', '2025-12-03'],
    ['3 January', 'a past day of the publication year', '2025-01-03'],
  ])('%s', (text, _note, iso) => {
    expect(datesOf(text).map((d) => d[1])).toContain(iso);
  });

  it('reads a month without a day at month precision', () => {
    expect(datesOf('In July 2025 the Pentagon')).toEqual([['july 2025', '2025-07']]);
    expect(datesOf('2020年3月、新国際資源戦略')).toEqual([['2020年3月', '2020-03']]);
    expect(datesOf('في مارس ٢٠٢٠ استراتيجية')).toEqual([['مارس 2020', '2020-03']]);
  });

  it('resolves relative dates against the publication date (a Thursday)', () => {
    const on = (s: string) => datesOf(s, '2025-10-30')[0]?.[1];
    expect(on('today')).toBe('2025-10-30');
    expect(on('yesterday')).toBe('2025-10-29');
    expect(on('said on Tuesday')).toBe('2025-10-28');
    expect(on('last Thursday')).toBe('2025-10-23');
    expect(on('本日発表')).toBe('2025-10-30');
    expect(on('昨日署名')).toBe('2025-10-29');
    expect(on('一昨日')).toBe('2025-10-28');
    expect(on('火曜日に')).toBe('2025-10-28');
    expect(on('周二签署')).toBe('2025-10-28');
    expect(on('上周二')).toBe('2025-10-21');
    expect(on('昨天')).toBe('2025-10-29');
    expect(on('وقعت أمس')).toBe('2025-10-29');
    expect(on('يوم الثلاثاء')).toBe('2025-10-28');
    expect(on('28日、東京で')).toBe('2025-10-28');
  });

  it('places a day of the month after publication in the month before', () => {
    expect(datesOf('31日', '2025-10-30')).toEqual([]);
    expect(datesOf('29日', '2025-10-05')[0]?.[1]).toBe('2025-09-29');
  });

  it('leaves relative dates unresolved without a publication date, and drops impossible dates', () => {
    expect(datesOf('yesterday', null)).toEqual([['yesterday', null]]);
    expect(datesOf('31 February 2025')).toEqual([['february 2025', '2025-02']]);
    expect(datesOf('10 markets, 3 mar')).toEqual([['3 mar', '2025-03-03']]);
  });

  it('never throws and keeps every span inside the text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (s) => {
        const key = foldKey(normaliseText(s));
        for (const d of findDates(key, '2025-10-30')) {
          expect(d.start).toBeGreaterThanOrEqual(0);
          expect(d.end).toBeLessThanOrEqual(key.length);
          expect(d.end).toBeGreaterThan(d.start);
        }
      }),
    );
  });
});
