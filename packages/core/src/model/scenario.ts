import { z } from 'zod';
import { SourceIdSchema } from './source.ts';

const Month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');
const Share = z.number().min(0).max(1);
const Area = z.string().regex(/^([A-Z]{3}|ROW)$/, 'an ISO3 code or ROW');

/** An uncertain parameter: a fixed value or a distribution drawn per Monte Carlo run. */
export const DistributionSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fixed'), value: z.number() }),
  z
    .object({ kind: z.literal('uniform'), low: z.number(), high: z.number() })
    .refine((d) => d.low <= d.high, { message: 'low above high', path: ['low'] }),
  z
    .object({ kind: z.literal('triangular'), low: z.number(), mode: z.number(), high: z.number() })
    .refine((d) => d.low <= d.mode && d.mode <= d.high, { message: 'needs low ≤ mode ≤ high', path: ['mode'] }),
  z.object({
    kind: z.literal('normal'),
    mean: z.number(),
    sd: z.number().nonnegative(),
    min: z.number().optional(),
    max: z.number().optional(),
  }),
]);
export type Distribution = z.infer<typeof DistributionSchema>;

/** A measure in force during the scenario: one of the regime's measures, or one described here. */
export const ScenarioMeasureSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('regime'),
    /** A measure id of the regime model, e.g. CN-EC-2025-18; its clauses apply as announced. */
    measureId: z.string().min(1),
    /** Ignore the measure's recorded suspensions (the measure "as announced"). */
    ignoreSuspensions: z.boolean().default(false),
  }),
  z.object({
    kind: z.literal('ad_hoc'),
    label: z.string().min(1),
    issuer: Area,
    /** Commodity or network product keys. */
    items: z.array(z.string().min(1)).min(1),
    destinations: z.union([z.literal('all'), z.array(Area).min(1)]),
    /** Share of the issuer's exports of the items to those destinations that stops. */
    shareCut: Share,
    startMonth: Month,
    durationMonths: z.number().int().positive(),
  }),
]);
export type ScenarioMeasure = z.infer<typeof ScenarioMeasureSchema>;

export const ScenarioSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'a lower-case id with hyphens'),
  title: z.string().min(1),
  description: z.string().min(1),
  /** The facts the scenario rests on. */
  sources: z.array(SourceIdSchema),
  startMonth: Month,
  horizonMonths: z.number().int().min(1).max(120).default(24),
  measures: z.array(ScenarioMeasureSchema).default([]),
  /** What to assume once a recorded suspension ends and nothing more is known. */
  afterSuspension: z.enum(['unknown', 'lapsed', 'extended']).default('lapsed'),
  licensing: z
    .object({
      /** Share of licence applications approved; uncertain. */
      approvalRate: DistributionSchema,
      delayDays: DistributionSchema,
    })
    .default({
      approvalRate: { kind: 'uniform', low: 0.25, high: 0.75 },
      delayDays: { kind: 'triangular', low: 45, mode: 60, high: 120 },
    }),
  outages: z
    .array(
      z.object({
        product: z.string().min(1),
        area: Area,
        capacityCut: Share,
        startMonth: Month,
        durationMonths: z.number().int().positive(),
      }),
    )
    .default([]),
  demandSurges: z
    .array(
      z.object({
        product: z.string().min(1),
        area: z.union([Area, z.literal('all')]),
        increase: z.number().min(-1),
        startMonth: Month,
        durationMonths: z.number().int().positive(),
      }),
    )
    .default([]),
  stockpileRelease: z
    .array(
      z.object({
        area: Area,
        policy: z.enum(['none', 'on_shortfall']),
        /** At most this share of the area's monthly demand comes from the stockpile. */
        maxShareOfDemand: Share.default(0.5),
      }),
    )
    .default([]),
  substitution: z
    .array(z.object({ product: z.string().min(1), maxShare: Share, phaseInMonths: z.number().int().nonnegative() }))
    .default([]),
  /** Ramp-up of idle capacity outside the restricting country, as a share of the gap closed per month. */
  rampUpPerMonth: DistributionSchema.default({ kind: 'uniform', low: 0.02, high: 0.06 }),
  /** End uses served first when supply runs short, most important first. */
  endUsePriority: z.array(z.string().min(1)).default([]),
});
export type Scenario = z.infer<typeof ScenarioSchema>;
export type ScenarioInput = z.input<typeof ScenarioSchema>;
