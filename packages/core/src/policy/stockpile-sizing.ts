/**
 * Stockpile sizing (docs/methods/policy.md#stockpile-sizing): the smallest stock that keeps the shortfall at
 * or under a threshold in at least a chosen share of outcomes, found by bisection on a function that is
 * monotone in the stock (more stock never raises any outcome's shortfall).
 */

/** Each outcome's remaining shortfall (t) when `stockTonnes` is held and released as needed. */
export type ResidualShortfall = (stockTonnes: number) => readonly number[];

export interface StockpileQuestion {
  readonly residual: ResidualShortfall;
  /** An outcome is covered when its remaining shortfall is at or under this (t). */
  readonly thresholdTonnes: number;
  /** Required share of covered outcomes, 0–1. */
  readonly coverage: number;
  /** The largest stock considered (t). */
  readonly upperTonnes: number;
  /** Bisection stops when the bracket is narrower than this (t). */
  readonly toleranceTonnes: number;
}

export type StockpileAnswer =
  | { readonly ok: true; readonly stockTonnes: number; readonly coverage: number; readonly evaluations: number }
  | {
      readonly ok: false;
      readonly code: 'coverage-unreachable';
      readonly coverageAtUpper: number;
      readonly evaluations: number;
    };

/** Share of outcomes covered at a stock. */
export function coverageAt(residual: ResidualShortfall, stockTonnes: number, thresholdTonnes: number): number {
  const outcomes = residual(stockTonnes);
  if (outcomes.length === 0) return 1;
  return outcomes.filter((s) => s <= thresholdTonnes + 1e-9).length / outcomes.length;
}

/** Bisection for the smallest sufficient stock; the answer is within the tolerance above the true minimum. */
export function sizeStockpile(q: StockpileQuestion): StockpileAnswer {
  let evaluations = 0;
  const covers = (s: number): number => {
    evaluations++;
    return coverageAt(q.residual, s, q.thresholdTonnes);
  };
  const atZero = covers(0);
  if (atZero >= q.coverage) return { ok: true, stockTonnes: 0, coverage: atZero, evaluations };
  const atUpper = covers(q.upperTonnes);
  if (atUpper < q.coverage) return { ok: false, code: 'coverage-unreachable', coverageAtUpper: atUpper, evaluations };
  let lo = 0;
  let hi = q.upperTonnes;
  let hiCoverage = atUpper;
  while (hi - lo > q.toleranceTonnes) {
    const mid = (lo + hi) / 2;
    const c = covers(mid);
    if (c >= q.coverage) {
      hi = mid;
      hiCoverage = c;
    } else lo = mid;
  }
  return { ok: true, stockTonnes: hi, coverage: hiCoverage, evaluations };
}

/**
 * The residual function for outcomes given as monthly shortfall series, with the stock released as
 * needed and never replenished: remaining shortfall = max(0, total shortfall − stock).
 */
export function releaseAsNeeded(monthlyShortfalls: readonly (readonly number[])[]): ResidualShortfall {
  const totals = monthlyShortfalls.map((series) => series.reduce((s, x) => s + Math.max(0, x), 0));
  return (stock) => totals.map((t) => Math.max(0, t - stock));
}
