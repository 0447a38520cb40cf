import { z } from 'zod';
import { CommodityKeySchema } from './commodity.ts';
import { CountryIso3Schema } from './country.ts';
import { QualifierSchema } from './observation.ts';
import { SourceIdSchema } from './source.ts';

/**
 * One bar of USGS MCS Figure 2: U.S. net import reliance (share of apparent consumption) for one
 * commodity in one year, with the major import sources of the preceding four years.
 */
export const ImportRelianceSchema = z
  .object({
    /** Position in the figure (descending reliance), 1-based. */
    order: z.number().int().positive(),
    /** The commodity as USGS prints it ("RARE EARTHS, compounds and metals"). */
    commodityLabel: z.string().min(1),
    /** Left null by the parser; `assignCommodityKeys` fills it from a label → key map. */
    commodity: CommodityKeySchema.nullable(),
    year: z.number().int().min(1900).max(2100),
    /** Net import reliance as a fraction 0–1; null for a net exporter. */
    share: z.number().min(0).max(1).nullable(),
    qualifier: QualifierSchema.nullable(),
    /** "E" in the source: the United States was a net exporter. */
    netExporter: z.boolean(),
    /** Major import sources in descending order of import share. */
    majorSources: z.array(CountryIso3Schema),
    majorSourcesFrom: z.number().int(),
    majorSourcesTo: z.number().int(),
    note: z.string().nullable(),
    source: SourceIdSchema,
  })
  .refine((r) => r.netExporter === (r.share === null), {
    message: 'a share is missing exactly when the country is a net exporter',
    path: ['share'],
  });
export type ImportReliance = z.infer<typeof ImportRelianceSchema>;
