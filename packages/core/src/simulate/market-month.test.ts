import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadHighsSolver } from '../optimise/highs-solver.ts';
import type { Solver } from '../optimise/linear-program.ts';
import { type MarketMonthInput, solveMarketMonth } from './market-month.ts';

let solver: Solver;
beforeAll(async () => {
  solver = await loadHighsSolver();
});

// A Dy-oxide-like market: China ships 90 of 100 t, Myanmar-refined 10; Japan and Germany buy.
const market: MarketMonthInput = {
  product: 'dy_oxide',
  producers: [
    { area: 'CHN', available: 90 },
    { area: 'MYS', available: 10 },
  ],
  users: [
    { area: 'CHN', demand: 70, shortfallWeight: 1 },
    { area: 'JPN', demand: 20, shortfallWeight: 1 },
    { area: 'DEU', demand: 10, shortfallWeight: 1 },
  ],
  baseline: [
    { from: 'CHN', to: 'CHN', quantity: 63 },
    { from: 'CHN', to: 'JPN', quantity: 18 },
    { from: 'CHN', to: 'DEU', quantity: 9 },
    { from: 'MYS', to: 'CHN', quantity: 7 },
    { from: 'MYS', to: 'JPN', quantity: 2 },
    { from: 'MYS', to: 'DEU', quantity: 1 },
  ],
  restrictions: [],
};

const totalShortfall = (m: MarketMonthInput) => solveMarketMonth(m, solver).users.reduce((s, u) => s + u.shortfall, 0);

describe('solveMarketMonth', () => {
  it('keeps the baseline with no shock: every flow as before, no shortfall', () => {
    const r = solveMarketMonth(market, solver);
    expect(r.users.map((u) => u.shortfall)).toEqual([0, 0, 0]);
    expect(r.flows.find((f) => f.from === 'CHN' && f.to === 'JPN')?.quantity).toBeCloseTo(18, 9);
    expect(r.binding).toEqual([]);
  });

  it('reroutes what it can and reports the restriction behind a shortfall', () => {
    // Exports from China to Japan and Germany at 50 % of baseline: China's spare 13.5 t cannot reach them
    // (the restriction caps the route), Malaysia's 10 t all go abroad, China keeps the rest.
    const r = solveMarketMonth(
      {
        ...market,
        restrictions: [
          { from: 'CHN', to: 'JPN', allowedShare: 0.5, measure: 'CN-EC-2025-18' },
          { from: 'CHN', to: 'DEU', allowedShare: 0.5, measure: 'CN-EC-2025-18' },
        ],
      },
      solver,
    );
    const abroad = r.users.filter((u) => u.area !== 'CHN');
    expect(abroad.reduce((s, u) => s + u.supplied, 0)).toBeCloseTo(9 + 4.5 + 10, 6);
    expect(abroad.reduce((s, u) => s + u.shortfall, 0)).toBeCloseTo(30 - 23.5, 6);
    expect(r.users.find((u) => u.area === 'CHN')?.shortfall).toBeCloseTo(0, 9);
    expect(r.binding.some((b) => b.startsWith('CN-EC-2025-18: CHN→JPN'))).toBe(true);
  });

  it('serves the heavier-weighted user first when supply is short', () => {
    const r = solveMarketMonth(
      {
        ...market,
        producers: [{ area: 'CHN', available: 20 }],
        users: [
          { area: 'JPN', demand: 20, shortfallWeight: 1 },
          { area: 'USA', demand: 10, shortfallWeight: 10 },
        ],
        baseline: [],
      },
      solver,
    );
    expect(r.users.map((u) => [u.area, u.shortfall])).toEqual([
      ['JPN', 10],
      ['USA', 0],
    ]);
  });

  const cut = fc.double({ min: 0, max: 1, noNaN: true });
  it('conserves material and never lowers total shortfall when a cut deepens', () => {
    fc.assert(
      fc.property(cut, cut, (a, b) => {
        const [loose, tight] = a > b ? [a, b] : [b, a];
        const restricted = (allowed: number): MarketMonthInput => ({
          ...market,
          restrictions: ['JPN', 'DEU'].map((to) => ({ from: 'CHN', to, allowedShare: allowed, measure: 'test' })),
        });
        const r = solveMarketMonth(restricted(tight), solver);
        for (const p of market.producers) {
          const shipped = r.flows.filter((f) => f.from === p.area).reduce((s, f) => s + f.quantity, 0);
          expect(shipped).toBeLessThanOrEqual(p.available + 1e-6);
        }
        for (const u of r.users) {
          const received = r.flows.filter((f) => f.to === u.area).reduce((s, f) => s + f.quantity, 0);
          expect(received + u.shortfall).toBeCloseTo(u.demand, 6);
        }
        expect(totalShortfall(restricted(tight))).toBeGreaterThanOrEqual(totalShortfall(restricted(loose)) - 1e-6);
      }),
      { numRuns: 100 },
    );
  });
});
