import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCsvTable } from '../ingest/csv-table.ts';
import { type AnnualPrice, parseAnnualPrices, priceSeries } from '../model/price.ts';
import { calibrateGbm, calibratePriceProcess, samplePricePath } from './price-process.ts';
import { seededStream } from './random-stream.ts';

const DATA = new URL('../../../../data/', import.meta.url);
const table = (path: string) => {
  const t = parseCsvTable(readFileSync(new URL(path, DATA), 'utf8'), path);
  if (!t.ok) throw new Error(JSON.stringify(t.error));
  return t.value;
};
const parsed = parseAnnualPrices(table('prices/oxide-annual-prices.csv'));
const prices: AnnualPrice[] = parsed.ok ? parsed.value : [];

describe('parseAnnualPrices', () => {
  it('reads the typed table, and every figure is the one in the verbatim source row it names', () => {
    expect(parsed.ok).toBe(true);
    expect(prices).toHaveLength(33);
    const source = table('sources/prices/prices.csv');
    const names = { nd_oxide: 'Neodymium oxide', dy_oxide: 'Dysprosium oxide', tb_oxide: 'Terbium oxide' };
    for (const p of prices) {
      const row = source.rows.find((r) => r.row === p.sourceRow);
      expect(row?.cells['commodity']).toBe(names[p.product]);
      expect(Number(row?.cells['year'])).toBe(p.year);
      expect(Number(row?.cells['value'])).toBe(p.usdPerKg);
      expect(row?.cells['price_basis']).toBe('annual average');
    }
  });

  it('names the file, row and column of a bad figure and returns nothing', () => {
    const bad = parseCsvTable(
      'product,year,usd_per_kg,basis,source,source_row\nnd_oxide,2024,-3,annual average,x,2\nsm_oxide,2024,3,annual average,x,2\n',
      'bad.csv',
    );
    const r = bad.ok ? parseAnnualPrices(bad.value) : null;
    expect(r?.ok).toBe(false);
    if (r && !r.ok) {
      expect(r.error[0]).toMatchObject({ file: 'bad.csv', row: 2, column: 'usd_per_kg' });
      expect(r.error[1]).toMatchObject({ file: 'bad.csv', row: 3, column: 'product' });
    }
  });
});

describe('calibratePriceProcess', () => {
  it('fits a mean-reverting log price to USGS Nd oxide 2014–2024', () => {
    const c = calibratePriceProcess(priceSeries(prices, 'nd_oxide'));
    expect(c.process.kind).toBe('mean-reverting');
    expect(c).toMatchObject({ fromYear: 2014, toYear: 2024, observations: 11, lastUsdPerKg: 56 });
    if (c.process.kind !== 'mean-reverting') return;
    // Least squares of ln p(t+1) on ln p(t) over the ten pairs (figures worked in docs/methods/policy.md).
    expect(c.process.kappa).toBeCloseTo(0.54995, 4); // b = 0.576976, κ = −ln b
    expect(Math.exp(c.process.longRunLogPrice)).toBeCloseTo(59.07, 2); // θ = a/(1 − b), a = 1.725379
    expect(c.process.sigma).toBeCloseTo(0.43342, 4); // residual sd 0.337537 (8 d.f.) × √(2κ/(1 − b²))
  });

  it('gives GBM the mean and standard deviation of the log returns', () => {
    const g = calibrateGbm(priceSeries(prices, 'nd_oxide'));
    // ln(56/63)/10 = −0.011778; sample sd of the ten returns = 0.358222.
    expect(g).toMatchObject({ kind: 'gbm' });
    if (g.kind === 'gbm') {
      expect(g.mu).toBeCloseTo(-0.011778, 5);
      expect(g.sigma).toBeCloseTo(0.358222, 5);
    }
  });
});

describe('samplePricePath', () => {
  it('is the same path for the same seed and run, and another for another run', () => {
    const c = calibratePriceProcess(priceSeries(prices, 'nd_oxide'));
    const a = samplePricePath(c.process, 56, 10, seededStream(1, 0));
    expect(samplePricePath(c.process, 56, 10, seededStream(1, 0))).toEqual(a);
    expect(samplePricePath(c.process, 56, 10, seededStream(1, 1))).not.toEqual(a);
    expect(a.every((p) => p > 0)).toBe(true);
  });

  it('stays at the start with zero volatility and no drift', () => {
    for (const p of samplePricePath({ kind: 'gbm', mu: 0, sigma: 0 }, 56, 3, seededStream(1, 0)))
      expect(p).toBeCloseTo(56, 9);
  });
});
