import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coverageAt, releaseAsNeeded, sizeStockpile } from './stockpile-sizing.ts';

describe('sizeStockpile', () => {
  // Four outcomes with total shortfalls 0, 100, 300 and 1,000 t.
  const residual = releaseAsNeeded([[0], [40, 60], [300], [500, 500]]);

  it('finds the smallest stock covering the required share of outcomes', () => {
    // 75 % coverage needs three of four outcomes at zero: the 300 t outcome sets the stock.
    const r = sizeStockpile({ residual, thresholdTonnes: 0, coverage: 0.75, upperTonnes: 5000, toleranceTonnes: 0.01 });
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.stockTonnes).toBeGreaterThanOrEqual(300);
      expect(r.stockTonnes).toBeLessThan(300.01);
      expect(r.coverage).toBe(0.75);
    }
  });

  it('allows a threshold: 100 t of shortfall tolerated needs 200 t of stock for the same coverage', () => {
    const r = sizeStockpile({
      residual,
      thresholdTonnes: 100,
      coverage: 0.75,
      upperTonnes: 5000,
      toleranceTonnes: 0.01,
    });
    expect(r.ok && r.stockTonnes).toBeCloseTo(200, 1);
  });

  it('needs nothing when enough outcomes have no shortfall, and says so when the upper bound is too small', () => {
    expect(
      sizeStockpile({ residual, thresholdTonnes: 0, coverage: 0.25, upperTonnes: 10, toleranceTonnes: 1 }),
    ).toMatchObject({
      ok: true,
      stockTonnes: 0,
    });
    expect(
      sizeStockpile({ residual, thresholdTonnes: 0, coverage: 1, upperTonnes: 500, toleranceTonnes: 1 }),
    ).toMatchObject({
      ok: false,
      code: 'coverage-unreachable',
      coverageAtUpper: 0.75,
    });
  });

  it('returns a stock that covers, while one tolerance less does not', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.double({ min: 0, max: 500, noNaN: true }), { minLength: 1, maxLength: 6 }), {
          minLength: 1,
          maxLength: 12,
        }),
        fc.double({ min: 0.05, max: 1, noNaN: true }),
        (outcomes, coverage) => {
          const f = releaseAsNeeded(outcomes);
          const r = sizeStockpile({
            residual: f,
            thresholdTonnes: 0,
            coverage,
            upperTonnes: 4000,
            toleranceTonnes: 0.5,
          });
          expect(r.ok).toBe(true);
          if (!r.ok) return;
          expect(coverageAt(f, r.stockTonnes, 0)).toBeGreaterThanOrEqual(coverage);
          if (r.stockTonnes > 0) expect(coverageAt(f, r.stockTonnes - 0.5, 0)).toBeLessThan(coverage);
        },
      ),
    );
  });
});
