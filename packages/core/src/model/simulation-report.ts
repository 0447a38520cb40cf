import { z } from 'zod';

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');

/** Percentile bands over Monte Carlo runs; absent for a single deterministic run. */
const Bands = {
  p5: z.number().optional(),
  p50: z.number().optional(),
  p95: z.number().optional(),
};

/** Shortfall of one product for one country (and end use, for final demand) in one month. */
export const ShortfallRowSchema = z.object({
  iso3: z.string(),
  product: z.string(),
  endUse: z.string().optional(),
  month: Month,
  demand: z.number(),
  supplied: z.number(),
  shortfall: z.number(),
  ...Bands,
});
export type ShortfallRow = z.infer<typeof ShortfallRowSchema>;

/** A product's price index (baseline = 1) in a market: inside the restricting country, or outside it. */
export const PriceRowSchema = z.object({
  product: z.string(),
  market: z.enum(['world', 'inside', 'outside']),
  /** The restricting country for inside/outside markets. */
  issuer: z.string().optional(),
  month: Month,
  index: z.number(),
  ...Bands,
});
export type PriceRow = z.infer<typeof PriceRowSchema>;

export const SummaryRowSchema = z.object({
  iso3: z.string(),
  product: z.string(),
  /** Sum of monthly shortfalls over the horizon, in the product's unit. */
  totalShortfall: z.number(),
  /** Largest monthly shortfall as a share of that month's demand. */
  peakShare: z.number(),
  peakMonth: Month,
  ...Bands,
});
export type SummaryRow = z.infer<typeof SummaryRowSchema>;

/** What `lodestone simulate --json` prints and the API returns for a finished run. */
export const SimulationReportSchema = z.object({
  scenario: z.string(),
  startMonth: Month,
  months: z.number().int().positive(),
  runs: z.number().int().positive(),
  seed: z.number().int(),
  shortfalls: z.array(ShortfallRowSchema),
  prices: z.array(PriceRowSchema),
  summary: z.array(SummaryRowSchema),
});
export type SimulationReport = z.infer<typeof SimulationReportSchema>;
