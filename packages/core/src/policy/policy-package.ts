import { z } from 'zod';
import { PricedProductSchema } from '../model/price.ts';
import { SourceIdSchema } from '../model/source.ts';

const share = z.number().min(0).max(1);
const year = z.number().int().min(1990).max(2100);

/** One year of a project's plan: output, unit cash cost and capital spent. */
export const ProjectYearSchema = z.object({
  year,
  volumeTonnes: z.number().nonnegative(),
  unitCostUsdPerKg: z.number().nonnegative(),
  capexUsdM: z.number().nonnegative(),
});

/**
 * A project's economics as the policy tools need them. Every input names its source (a publication or an
 * assumption with its reason) so the report can say which figures are assumed.
 */
export const ProjectEconomicsSchema = z
  .object({
    id: z.string().min(1),
    name: z.string().min(1),
    iso3: z.string().regex(/^[A-Z]{3}$/),
    /** The network product it makes, e.g. ndpr_oxide. */
    product: z.string().min(1),
    /** The price series its revenue follows (NdPr is priced through Nd oxide). */
    pricedBy: PricedProductSchema,
    /** Nameplate output, t/year, compared with the allied gap. */
    capacityTonnesPerYear: z.number().positive(),
    /** Year by year, the first being the investment year (discounted with exponent 0). */
    years: z.array(ProjectYearSchema).min(2),
    /** The sponsor's discount rate (nominal, per year). */
    discountRate: z.number().min(0).max(1),
    /** Tax on positive operating margin (no depreciation shield: a simplification). */
    taxRate: share,
    sources: z.object({
      volume: z.array(SourceIdSchema).min(1),
      unitCost: z.array(SourceIdSchema).min(1),
      capex: z.array(SourceIdSchema).min(1),
      discountRate: SourceIdSchema,
      taxRate: SourceIdSchema,
    }),
    note: z.string().optional(),
  })
  .refine((p) => p.years.every((y, i) => i === 0 || y.year === (p.years[i - 1]?.year ?? 0) + 1), {
    message: 'years must be consecutive',
    path: ['years'],
  });
export type ProjectEconomics = z.infer<typeof ProjectEconomicsSchema>;

const window = { fromYear: year, years: z.number().int().min(1).max(50) };

/** A package of policy tools applied to one project (docs/methods/policy.md#tools). */
export const PolicyPackageSchema = z.object({
  /** The government pays (floor − market price) on every kg sold while the floor is in force. */
  priceFloor: z.object({ usdPerKg: z.number().positive(), ...window }).optional(),
  /** The government buys `share` of output at a contract price and resells it at the market price. */
  offtake: z.object({ share, usdPerKg: z.number().positive(), ...window }).optional(),
  /** A loan disbursed in the first year: interest only in grace years, then an annuity. */
  loan: z
    .object({
      principalUsdM: z.number().positive(),
      rate: z.number().min(0).max(1),
      tenorYears: z.number().int().min(1).max(40),
      graceYears: z.number().int().min(0).max(10).default(0),
      lender: z.enum(['government', 'commercial']),
      /** For a commercial loan: the share of the lender's loss the government guarantees. */
      guaranteedShare: share.default(0),
    })
    .optional(),
  /** Government equity paid in the first year for a share of later positive distributions. */
  equity: z.object({ amountUsdM: z.number().positive(), stake: share }).optional(),
  /** A tariff on competing imports that lifts the domestic price by rate × pass-through. */
  tariff: z.object({ rate: z.number().min(0).max(5), passThrough: share }).optional(),
});
export type PolicyPackage = z.infer<typeof PolicyPackageSchema>;

/** Settings of an evaluation that are not the project's or the package's. */
export const EvaluationSettingsSchema = z.object({
  /** The rate at which the taxpayer's cash flows are discounted. */
  governmentDiscountRate: z.number().min(0).max(1),
  /** A path is bankable when the sponsor's NPV ≥ 0 and, with a loan, every scheduled year's DSCR ≥ this. */
  minDscr: z.number().positive(),
});
export type EvaluationSettings = z.infer<typeof EvaluationSettingsSchema>;

/** A project's economics with the package it signed and the settings of its evaluation, all sourced. */
export const PolicyCaseSchema = z.object({
  project: ProjectEconomicsSchema,
  signed: z.object({
    title: z.string().min(1),
    tools: PolicyPackageSchema,
    sources: z.array(SourceIdSchema).min(1),
    /** Parts of the agreement not applied to this project, and why. */
    outside: z.string().optional(),
    outsideSources: z.array(SourceIdSchema).default([]),
  }),
  settings: EvaluationSettingsSchema,
  settingsSources: z.array(SourceIdSchema).min(1),
  priceSources: z.array(SourceIdSchema).min(1),
});
export type PolicyCase = z.infer<typeof PolicyCaseSchema>;

/** Every source id a case cites, for checking against the registry. */
export const policyCaseSources = (c: PolicyCase): string[] => [
  ...new Set([
    ...c.project.sources.volume,
    ...c.project.sources.unitCost,
    ...c.project.sources.capex,
    c.project.sources.discountRate,
    c.project.sources.taxRate,
    ...c.signed.sources,
    ...c.signed.outsideSources,
    ...c.settingsSources,
    ...c.priceSources,
  ]),
];
