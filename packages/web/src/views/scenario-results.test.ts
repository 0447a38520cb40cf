import type { SimulationReport } from '../api/core-models.ts';
import { describe, expect, it } from 'vitest';
import { productsByShortfall, shortfallSeries } from './scenario-results.ts';

const row = (iso3: string, product: string, month: string, shortfall: number, endUse?: string) => ({
  iso3,
  product,
  month,
  demand: 100,
  supplied: 100 - shortfall,
  shortfall,
  p5: shortfall / 2,
  p95: shortfall * 2,
  ...(endUse ? { endUse } : {}),
});

const report: SimulationReport = {
  scenario: 'test',
  startMonth: '2025-04',
  months: 2,
  runs: 10,
  seed: 1,
  shortfalls: [
    row('JPN', 'dy_oxide', '2025-04', 3),
    row('JPN', 'dy_oxide', '2025-05', 5),
    row('USA', 'dy_oxide', '2025-05', 1),
    row('JPN', 'ndfeb_sintered', '2025-04', 7, 'ev_traction_motor'),
    row('JPN', 'ndfeb_sintered', '2025-04', 2, 'wind_turbine'),
  ],
  prices: [],
  summary: [],
};

describe('shortfallSeries', () => {
  it('groups one product by country, with every month present and bands summed', () => {
    const series = shortfallSeries(report, 'iso3', 'dy_oxide');
    expect(series.map((s) => [s.key, s.total])).toEqual([
      ['JPN', 8],
      ['USA', 1],
    ]);
    expect(series[1]?.points).toEqual([
      { month: '2025-04', shortfall: 0, p5: null, p95: null },
      { month: '2025-05', shortfall: 1, p5: 0.5, p95: 2 },
    ]);
  });

  it('groups by product across countries, ignoring the product filter, ties in name order', () => {
    expect(shortfallSeries(report, 'product', 'dy_oxide').map((s) => [s.key, s.total])).toEqual([
      ['dy_oxide', 9],
      ['ndfeb_sintered', 9],
    ]);
  });

  it('groups by end use, leaving out rows that have none', () => {
    expect(shortfallSeries(report, 'endUse', 'ndfeb_sintered').map((s) => [s.key, s.total])).toEqual([
      ['ev_traction_motor', 7],
      ['wind_turbine', 2],
    ]);
  });
});

describe('productsByShortfall', () => {
  it('orders products by total shortfall, ties by name', () => {
    expect(productsByShortfall(report)).toEqual(['dy_oxide', 'ndfeb_sintered']);
  });
});
