import { z } from 'zod';
import { CommodityKeySchema } from './commodity.ts';
import { CountryIso3Schema } from './country.ts';
import { QualifierSchema, ValueStatusSchema } from './observation.ts';
import { SourceIdSchema } from './source.ts';

/** A USGS quantity with its status ("W" withheld, "NA") and qualifier ("<100,000"). */
export const UsgsFigureSchema = z.object({
  value: z.number().nonnegative().nullable(),
  status: ValueStatusSchema,
  qualifier: QualifierSchema.nullable(),
});
export type UsgsFigure = z.infer<typeof UsgsFigureSchema>;

/** A USGS percentage, stored as a fraction 0–1. */
export const UsgsShareSchema = UsgsFigureSchema.extend({ value: z.number().min(0).max(1).nullable() });
export type UsgsShare = z.infer<typeof UsgsShareSchema>;

/** Net import reliance: a share, or "E" (the United States was a net exporter). */
export const NetImportRelianceSchema = UsgsShareSchema.extend({ netExporter: z.boolean() });
export type NetImportReliance = z.infer<typeof NetImportRelianceSchema>;

/**
 * One row of USGS MCS 2025 Table 5: U.S. salient figures of one critical mineral and its leading
 * world source. Quantities are in the unit of the mineral's MCS chapter, which the table does not
 * state, so none is recorded here; never compare them across minerals.
 */
export const CriticalMineralSalientSchema = z.object({
  /** The mineral as published, trimmed ("Rare earths (compounds and metals)"). */
  commodityLabel: z.string().min(1),
  /** Left null by the parser; `assignCommodityKeys` fills it from a label → key map. */
  commodity: CommodityKeySchema.nullable(),
  year: z.number().int().min(1900).max(2100),
  /** "2024_estimated" in the source. */
  estimated: z.boolean(),
  primaryProduction: UsgsFigureSchema,
  secondaryProduction: UsgsFigureSchema,
  productionNote: z.string().nullable(),
  apparentConsumption: UsgsFigureSchema,
  consumptionNote: z.string().nullable(),
  netImportReliance: NetImportRelianceSchema,
  primaryImportSource: CountryIso3Schema.nullable(),
  importSourceNote: z.string().nullable(),
  leadingSourceCountry: CountryIso3Schema.nullable(),
  leadingCountryProduction: UsgsFigureSchema,
  /** The leading country's share of world production (the source's "percent of world"). */
  leadingCountryWorldShare: UsgsShareSchema,
  worldProduction: UsgsFigureSchema,
  worldProductionNote: z.string().nullable(),
  source: SourceIdSchema,
});
export type CriticalMineralSalient = z.infer<typeof CriticalMineralSalientSchema>;
