import { describe, expect, it } from 'vitest';
import {
  formatCompact,
  formatDate,
  formatNumber,
  formatQuantity,
  formatShare,
  localName,
  translate,
} from './format.ts';
import { en, ja } from './messages.ts';

describe('translate', () => {
  it('fills placeholders in either language', () => {
    expect(translate('en', 'running', { done: 3, total: 10 })).toBe('Running: 3 of 10');
    expect(translate('ja', 'running', { done: 3, total: 10 })).toBe('実行中：10件中3件');
  });

  it('leaves an unknown placeholder visible rather than blank', () => {
    expect(translate('en', 'saved', {})).toBe('Saved as {id}.');
  });

  it('has a Japanese label for every English one, with the same placeholders', () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(ja[key].length, key).toBeGreaterThan(0);
      expect(placeholders(ja[key]), key).toEqual(placeholders(en[key]));
    }
  });
});

describe('number formats', () => {
  it('formats shares as percentages with one decimal', () => {
    expect(formatShare('en', 0.6853661632186826)).toBe('68.5%');
    expect(formatShare('ja', 0.1545881457037695)).toBe('15.5%');
  });

  it('groups thousands and rounds by magnitude', () => {
    expect(formatNumber('en', 393950)).toBe('393,950');
    expect(formatNumber('ja', 4923.54639657785)).toBe('4,924');
    expect(formatNumber('en', 5.656399404019117)).toBe('5.66');
    expect(formatNumber('en', 0.01234)).toBe('0.012');
  });

  it('uses Japanese units of ten thousand for compact figures', () => {
    expect(formatCompact('en', 393950)).toBe('394K');
    expect(formatCompact('ja', 393950)).toBe('39.4万');
  });

  it('names the unit in the language', () => {
    expect(formatQuantity('en', 270000, 't')).toBe('270,000 t');
    expect(formatQuantity('ja', 270000, 't')).toBe('270,000 トン');
    expect(formatQuantity('ja', 12, 'GWh')).toBe('12 GWh');
  });

  it('formats months and days in the locale', () => {
    expect(formatDate('en', '2025-04-04')).toBe('Apr 4, 2025');
    expect(formatDate('ja', '2025-04-04')).toBe('2025年4月4日');
    expect(formatDate('ja', '2025-04')).toBe('2025年4月');
  });
});

describe('localName', () => {
  it('uses the Japanese name from the API in Japanese, the English one otherwise', () => {
    const china = { name: 'China', nameJa: '中国' };
    expect(localName('ja', china)).toBe('中国');
    expect(localName('en', china)).toBe('China');
    expect(localName('ja', { nameEn: 'Erbium' })).toBe('Erbium');
  });
});
