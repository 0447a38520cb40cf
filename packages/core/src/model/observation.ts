import { z } from 'zod';
import { CommodityKeySchema } from './commodity.ts';
import { CountryIso3Schema } from './country.ts';
import { SourceIdSchema } from './source.ts';
import { MetricSchema, StageSchema } from './stage.ts';
import { UnitSchema } from './unit.ts';

/** Who a figure belongs to: one country, or an aggregate row that counts towards totals only. */
export const AreaSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('country'), iso3: CountryIso3Schema }),
  z.object({ kind: z.literal('world') }),
  z.object({ kind: z.literal('other') }),
  z.object({ kind: z.literal('region'), members: z.array(CountryIso3Schema).min(2) }),
]);
export type Area = z.infer<typeof AreaSchema>;

/** Why a value is missing: not reported (`na`), withheld to avoid disclosing company data (`withheld`). */
export const ValueStatusSchema = z.enum(['reported', 'withheld', 'na', 'included_elsewhere']);
export type ValueStatus = z.infer<typeof ValueStatusSchema>;

export const QualifierSchema = z.enum(['>', '<']);

export const ObservationSchema = z.object({
  commodity: CommodityKeySchema,
  stage: StageSchema,
  metric: MetricSchema,
  year: z.number().int().min(1900).max(2100),
  area: AreaSchema,
  /** The row label as published, e.g. "Brazil (beneficiated)". */
  label: z.string().min(1),
  value: z.number().nonnegative().nullable(),
  status: ValueStatusSchema,
  unit: UnitSchema,
  estimated: z.boolean(),
  qualifier: QualifierSchema.nullable(),
  note: z.string().nullable(),
  source: SourceIdSchema,
});
export type Observation = z.infer<typeof ObservationSchema>;
