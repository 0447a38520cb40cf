import { describe, expect, it } from 'vitest';
import { foldKey, normaliseText } from './normalise.ts';
import { findCapacities, findMoney } from './quantities.ts';

const money = (s: string) => findMoney(foldKey(normaliseText(s))).map((m) => [m.value.amount, m.value.currency]);
const capacity = (s: string) => findCapacities(foldKey(normaliseText(s))).map((m) => [m.value.tonnes, m.value.perYear]);

describe('findMoney', () => {
  it.each([
    ['$400 million of preferred stock', 400e6, 'USD'],
    ['A$200 million', 200e6, 'AUD'],
    ['US$1.2bn', 1.2e9, 'USD'],
    ['8.5 billion dollars', 8.5e9, 'USD'],
    ['最大2億豪ドルを出資', 2e8, 'AUD'],
    ['4億ドルを出資', 4e8, 'USD'],
    ['1兆2000億円', 1.2e12, 'JPY'],
    ['注资4亿美元', 4e8, 'USD'],
    ['10亿元人民币', 1e9, 'CNY'],
    ['٨٫٥ مليار دولار', 8.5e9, 'USD'],
    ['٤٠٠ مليون دولار أمريكي', 400e6, 'USD'],
    ['200 مليون دولار أسترالي', 200e6, 'AUD'],
  ] as const)('%s', (text, amount, currency) => {
    expect(money(text)).toEqual([[amount, currency]]);
  });
});

describe('findCapacities', () => {
  it.each([
    ['a 10,000-tonne-a-year magnet factory', 'not read: hyphenated', null],
    ['10,000 tonnes a year of magnets', '', [10_000, true]],
    ['5,000 tpa of NdPr', '', [5000, true]],
    ['年産1万トンの工場', '', [10_000, true]],
    ['年产能2万吨', '', [20_000, true]],
    ['100 طن سنويا', '', [100, true]],
    ['a 50 t shipment', '', [50, false]],
  ] as const)('%s %s', (text, _note, expected) => {
    expect(capacity(text)[0] ?? null).toEqual(expected);
  });
});
