import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { herfindahlIndex, sharesOf, topShare } from './supply-concentration.ts';

const positiveValues = fc.array(fc.double({ min: 1e-6, max: 1e9, noNaN: true }), { minLength: 1, maxLength: 60 });

describe('sharesOf', () => {
  it('gives shares that sum to one for any positive values', () => {
    fc.assert(
      fc.property(positiveValues, (values) => {
        const total = sharesOf(values).reduce((a, b) => a + b, 0);
        expect(Math.abs(total - 1)).toBeLessThan(1e-9);
      }),
    );
  });

  it('gives zeros rather than NaN when everything is zero', () => {
    expect(sharesOf([0, 0])).toEqual([0, 0]);
  });
});

describe('herfindahlIndex', () => {
  it('is 10,000 for a monopoly and 2,500 for four equal suppliers', () => {
    expect(herfindahlIndex([1])).toBe(10_000);
    expect(herfindahlIndex(sharesOf([5, 5, 5, 5]))).toBeCloseTo(2_500, 9);
  });

  it('matches a hand-worked market: 270/390, 45/390, 31/390 and 44/390 of rare-earth mining', () => {
    // 69.231² + 11.538² + 7.949² + 11.282² = 4792.90 + 133.14 + 63.18 + 127.29
    expect(herfindahlIndex(sharesOf([270, 45, 31, 44]))).toBeCloseTo(5116.5, 1);
  });

  it('lies within [10,000/n, 10,000] for any n suppliers', () => {
    fc.assert(
      fc.property(positiveValues, (values) => {
        const hhi = herfindahlIndex(sharesOf(values));
        expect(hhi).toBeGreaterThanOrEqual(10_000 / values.length - 1e-6);
        expect(hhi).toBeLessThanOrEqual(10_000 + 1e-6);
      }),
    );
  });

  it('does not change when a supplier with zero output is added', () => {
    fc.assert(
      fc.property(positiveValues, (values) => {
        expect(herfindahlIndex(sharesOf([...values, 0]))).toBeCloseTo(herfindahlIndex(sharesOf(values)), 9);
      }),
    );
  });
});

describe('topShare', () => {
  it('takes the largest shares whatever their order', () => {
    expect(topShare([0.1, 0.5, 0.2, 0.2], 3)).toBeCloseTo(0.9, 12);
    expect(topShare([0.3], 3)).toBe(0.3);
  });
});
