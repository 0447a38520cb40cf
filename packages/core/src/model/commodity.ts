import { z } from 'zod';
import { MetricSchema, StageSchema } from './stage.ts';
import { UnitFamilySchema, UnitSchema } from './unit.ts';

export const CommodityKeySchema = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'commodity keys are snake_case')
  .brand<'CommodityKey'>();
export type CommodityKey = z.infer<typeof CommodityKeySchema>;

export const CommoditySchema = z.object({
  key: CommodityKeySchema,
  nameEn: z.string().min(1),
  nameJa: z.string().min(1),
  unitFamily: UnitFamilySchema,
  /** On the 2022 USGS list of critical minerals (or an element of a listed group). */
  isUsCritical: z.boolean(),
});
export type Commodity = z.infer<typeof CommoditySchema>;

/** One published measure of a commodity at a stage, e.g. rare-earth mine output as REO. */
export const SeriesSchema = z.object({
  commodity: CommodityKeySchema,
  stage: StageSchema,
  metrics: z.array(MetricSchema).min(1),
  unit: UnitSchema,
  /** Reserves are published in another unit for a few measures (iron ore reserves in Mt, output in kt). */
  reservesUnit: UnitSchema,
  basis: z.string().min(1).describe('what is measured, e.g. "rare-earth-oxide equivalent"'),
});
export type Series = z.infer<typeof SeriesSchema>;

/** Another name for a commodity, as sources and users write it ("graphite" for natural graphite). */
export const CommodityAliasSchema = z.object({ alias: z.string().min(1), commodity: CommodityKeySchema });
export type CommodityAlias = z.infer<typeof CommodityAliasSchema>;

/** The commodity a name denotes: a key, an alias, or a display name, ignoring case, spaces and hyphens. */
export function resolveCommodityName(
  data: { readonly commodities: readonly Commodity[]; readonly commodityAliases: readonly CommodityAlias[] },
  name: string,
): CommodityKey | undefined {
  const norm = (s: string): string =>
    s
      .trim()
      .toLowerCase()
      .replace(/[\s-]+/g, '_');
  const wanted = norm(name);
  return (
    data.commodities.find((c) => c.key === wanted)?.key ??
    data.commodityAliases.find((a) => norm(a.alias) === wanted)?.commodity ??
    data.commodities.find((c) => norm(c.nameEn) === wanted || c.nameJa === name.trim())?.key
  );
}
