import { z } from 'zod';
import type { AnnualPrice } from '../model/price.ts';
import { standardNormal, type UniformStream } from './random-stream.ts';

/**
 * A stochastic model of the annual log price (docs/methods/policy.md#price-paths): mean-reverting
 * (Ornstein–Uhlenbeck, exact annual discretisation) when the history shows reversion, else geometric
 * Brownian motion.
 */
export const PriceProcessSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('mean-reverting'),
    /** Speed of reversion per year. */
    kappa: z.number().positive(),
    /** Long-run mean of ln(USD/kg). */
    longRunLogPrice: z.number(),
    /** Instantaneous volatility of the log price per √year. */
    sigma: z.number().nonnegative(),
  }),
  z.object({
    kind: z.literal('gbm'),
    /** Drift of the log price per year. */
    mu: z.number(),
    sigma: z.number().nonnegative(),
  }),
]);
export type PriceProcess = z.infer<typeof PriceProcessSchema>;

/** A calibrated process with what it was calibrated on. */
export interface CalibratedProcess {
  readonly process: PriceProcess;
  readonly fromYear: number;
  readonly toYear: number;
  readonly observations: number;
  /** The last observed price, where paths start. */
  readonly lastUsdPerKg: number;
}

const mean = (xs: readonly number[]): number => xs.reduce((s, x) => s + x, 0) / xs.length;

/** Geometric Brownian motion from annual log returns: drift and sample standard deviation. */
export function calibrateGbm(series: readonly AnnualPrice[]): PriceProcess {
  const logs = series.map((p) => Math.log(p.usdPerKg));
  const returns = logs.slice(1).map((x, i) => x - (logs[i] ?? x));
  const mu = mean(returns);
  const variance = returns.reduce((s, r) => s + (r - mu) ** 2, 0) / Math.max(1, returns.length - 1);
  return { kind: 'gbm', mu, sigma: Math.sqrt(variance) };
}

/**
 * Least squares of ln p(t+1) on ln p(t) (an AR(1)), mapped to the Ornstein–Uhlenbeck parameters:
 * b = e^(−κ), a = θ(1 − b), residual variance = σ²(1 − b²)/(2κ). Falls back to GBM when b ∉ (0, 1).
 */
export function calibratePriceProcess(series: readonly AnnualPrice[]): CalibratedProcess {
  if (series.length < 3) throw new Error('a price process needs at least three annual observations');
  const years = series.map((p) => p.year);
  for (let i = 1; i < years.length; i++)
    if ((years[i] ?? 0) !== (years[i - 1] ?? 0) + 1) throw new Error('the price series must be consecutive years');
  const logs = series.map((p) => Math.log(p.usdPerKg));
  const x = logs.slice(0, -1);
  const y = logs.slice(1);
  const mx = mean(x);
  const my = mean(y);
  const sxx = x.reduce((s, v) => s + (v - mx) ** 2, 0);
  const sxy = x.reduce((s, v, i) => s + (v - mx) * ((y[i] ?? 0) - my), 0);
  const b = sxx > 0 ? sxy / sxx : 1;
  const a = my - b * mx;
  const last = series[series.length - 1] as AnnualPrice;
  const base = {
    fromYear: series[0]?.year ?? last.year,
    toYear: last.year,
    observations: series.length,
    lastUsdPerKg: last.usdPerKg,
  };
  if (!(b > 0 && b < 1)) return { ...base, process: calibrateGbm(series) };
  const residuals = y.map((v, i) => v - a - b * (x[i] ?? 0));
  const residualVariance = residuals.reduce((s, r) => s + r * r, 0) / Math.max(1, residuals.length - 2);
  const kappa = -Math.log(b);
  const sigma = Math.sqrt((residualVariance * 2 * kappa) / (1 - b * b));
  return { ...base, process: { kind: 'mean-reverting', kappa, longRunLogPrice: a / (1 - b), sigma } };
}

/** One path of annual prices after `startUsdPerKg`: element t is the price in year t + 1 of the path. */
export function samplePricePath(
  process: PriceProcess,
  startUsdPerKg: number,
  years: number,
  random: UniformStream,
): number[] {
  const path: number[] = [];
  let logPrice = Math.log(startUsdPerKg);
  for (let t = 0; t < years; t++) {
    const z = standardNormal(random);
    if (process.kind === 'gbm') {
      logPrice += process.mu + process.sigma * z;
    } else {
      const b = Math.exp(-process.kappa);
      const sd = process.sigma * Math.sqrt((1 - b * b) / (2 * process.kappa));
      logPrice = process.longRunLogPrice + (logPrice - process.longRunLogPrice) * b + sd * z;
    }
    path.push(Math.exp(logPrice));
  }
  return path;
}
