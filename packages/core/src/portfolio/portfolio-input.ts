/**
 * What the portfolio optimiser reads: candidate projects, scenario gap profiles, financing terms and budgets.
 * The maths is in docs/methods/portfolio.md.
 */
import { z } from 'zod';

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');
const Iso3 = z.string().regex(/^[A-Z]{3}$/, 'an ISO 3166-1 alpha-3 code');
const ProductKey = z.string().regex(/^[a-z][a-z0-9_]*$/, 'a network product key');
const Slug = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, 'an id of letters, digits, dot, dash or underscore');

/** Project statuses in the order a project passes through them. */
export const CANDIDATE_STATUSES = [
  'concept',
  'announced',
  'exploration',
  'feasibility',
  'development',
  'construction',
  'commissioning',
  'operating',
] as const;
export const CandidateStatusSchema = z.enum(CANDIDATE_STATUSES);
export type CandidateStatus = z.infer<typeof CandidateStatusSchema>;

export const InstrumentSchema = z.enum(['loan', 'equity', 'guarantee', 'grant']);
export type Instrument = z.infer<typeof InstrumentSchema>;

/** A project the optimiser may back: what it makes, from when, and what it costs. */
export const CandidateSchema = z.object({
  id: Slug,
  name: z.string().min(1),
  iso3: Iso3,
  /** Nameplate output by network product, tonnes a year (a separation plant makes several oxides at once). */
  outputs: z
    .array(z.object({ product: ProductKey, tonnesPerYear: z.number().positive('capacity must be positive') }))
    .min(1),
  /** Months from first output to nameplate, output rising linearly. */
  rampUpMonths: z.number().int().min(0).max(120),
  /** First month of output. */
  startMonth: Month,
  /** Capital still to be financed, USD. */
  capexUsd: z.number().nonnegative(),
  /** Share of nameplate month by month from the first month of output (the last share holds after); absent: linear over `rampUpMonths`. */
  rampShares: z.array(z.number().min(0).max(1)).min(1).optional(),
  status: CandidateStatusSchema,
  /** The project mines or separates its own feed: its output draws on no upstream allied supply. */
  ownFeed: z.boolean().default(false),
  /** Inputs it makes itself from their own inputs (a magnet plant with its own metal line draws oxide, not metal). */
  makesInputs: z.array(ProductKey).default([]),
  /** Only these financiers may fund it (absent: any whose terms allow the host country). */
  financiers: z.array(Slug).optional(),
  sources: z.array(z.string().min(1)).min(1),
});
export type Candidate = z.infer<typeof CandidateSchema>;
export type CandidateInput = z.input<typeof CandidateSchema>;

/** One way a financier can fund a project, with its cost to the public purse per dollar committed. */
export const FinancingTermSchema = z.object({
  financier: Slug,
  instrument: InstrumentSchema,
  /** Expected cost per USD committed (grant 1, a concessional loan its subsidy and expected loss). */
  costPerUsd: z.number().min(0).max(1),
  /** Largest share of one project's capex this financier provides, over all its instruments. */
  maxShareOfCapex: z.number().gt(0).max(1),
  /** The financier's country (null: private or multilateral capital). */
  home: Iso3.nullable().default(null),
  /** Host countries it may fund: any, its home country only, anywhere but home, or a list. */
  hosts: z.union([z.enum(['any', 'home', 'abroad']), z.array(Iso3).min(1)]),
  source: z.string().min(1),
});
export type FinancingTerm = z.infer<typeof FinancingTermSchema>;
export type FinancingTermInput = z.input<typeof FinancingTermSchema>;

/** A budget in USD: a financier's (optionally one instrument's), or a host country's total capex. */
export const BudgetSchema = z.discriminatedUnion('scope', [
  z.object({
    scope: z.literal('financier'),
    financier: Slug,
    instrument: InstrumentSchema.optional(),
    usd: z.number().nonnegative(),
  }),
  z.object({ scope: z.literal('country'), iso3: Iso3, usd: z.number().nonnegative() }),
]);
export type Budget = z.infer<typeof BudgetSchema>;

const Tonnes = z.number().nonnegative();

/**
 * One scenario's allied shortfall, product by product and month by month, with the weight each tonne
 * carries (end-use priority times the product's reach down its chain), and the allied supply free to feed
 * new downstream plants.
 */
export const GapProfileSchema = z.object({
  scenario: z.string().min(1),
  probability: z.number().min(0).max(1),
  gaps: z.array(
    z.object({
      product: ProductKey,
      endUse: z.string().optional(),
      weight: z.number().positive(),
      tonnes: z.array(Tonnes),
    }),
  ),
  spare: z.array(z.object({ product: ProductKey, tonnes: z.array(Tonnes) })).default([]),
  /**
   * Allied conversion capacity idled by the shortage, by product and month: what existing plants could make
   * if they had the feed they lack. Caps tolled output in this scenario (absent: the problem-wide cap only).
   */
  idle: z.array(z.object({ product: ProductKey, tonnes: z.array(Tonnes) })).default([]),
});
export type GapProfile = z.infer<typeof GapProfileSchema>;
export type GapProfileInput = z.input<typeof GapProfileSchema>;

/** Input per unit of output along the chain (from the network's coefficients). */
export const FeedCoefficientSchema = z.object({
  output: ProductKey,
  input: ProductKey,
  perUnit: z.number().positive(),
});
export type FeedCoefficient = z.infer<typeof FeedCoefficientSchema>;

export const PortfolioProblemSchema = z
  .object({
    startMonth: Month,
    months: z.number().int().min(1).max(120),
    candidates: z.array(CandidateSchema),
    scenarios: z.array(GapProfileSchema).min(1),
    coefficients: z.array(FeedCoefficientSchema),
    /**
     * Products that existing allied plants, idled by the shortage, can make from new feed (metal making, magnet
     * making, assembly), with the most they can make a month (null: not limited).
     */
    tolling: z
      .array(z.object({ product: ProductKey, maxTonnesPerMonth: z.number().nonnegative().nullable() }))
      .default([]),
    terms: z.array(FinancingTermSchema),
    budgets: z.array(BudgetSchema),
    /** Value of one weighted tonne of shortfall avoided, USD: converts financing cost into shortfall units. */
    usdPerWeightedTonne: z.number().positive(),
  })
  .superRefine((p, ctx) => {
    const ids = new Set<string>();
    p.candidates.forEach((c, i) => {
      if (ids.has(c.id))
        ctx.addIssue({ code: 'custom', path: ['candidates', i, 'id'], message: `duplicate id ${c.id}` });
      ids.add(c.id);
    });
    p.scenarios.forEach((s, i) => {
      const check = (rows: readonly { tonnes: readonly number[] }[], key: string) =>
        rows.forEach((r, j) => {
          if (r.tonnes.length !== p.months)
            ctx.addIssue({
              code: 'custom',
              path: ['scenarios', i, key, j, 'tonnes'],
              message: `has ${r.tonnes.length} months, the horizon ${p.months}`,
            });
        });
      check(s.gaps, 'gaps');
      check(s.spare, 'spare');
      check(s.idle, 'idle');
    });
    const total = p.scenarios.reduce((a, s) => a + s.probability, 0);
    if (Math.abs(total - 1) > 1e-6)
      ctx.addIssue({ code: 'custom', path: ['scenarios'], message: `probabilities sum to ${total}, not 1` });
  });
export type PortfolioProblem = z.infer<typeof PortfolioProblemSchema>;
export type PortfolioProblemInput = z.input<typeof PortfolioProblemSchema>;
