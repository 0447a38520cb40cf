import { z } from 'zod';
import { CommoditySchema, SeriesSchema } from './commodity.ts';
import { CountryGroupSchema, CountrySchema } from './country.ts';
import { ObservationSchema } from './observation.ts';
import { SourceSchema } from './source.ts';
import { UsSalientStatisticSchema } from './us-salient.ts';

/** Everything Lodestone ships or imports, validated as one document. */
export const DatasetSchema = z.object({
  /** Semantic version of the bundled data plus the hash of its content, e.g. "2026.11.0+3f2a…". */
  version: z.string().min(1),
  sources: z.array(SourceSchema),
  countries: z.array(CountrySchema),
  groups: z.array(CountryGroupSchema),
  commodities: z.array(CommoditySchema),
  series: z.array(SeriesSchema),
  observations: z.array(ObservationSchema),
  usSalient: z.array(UsSalientStatisticSchema),
});
export type Dataset = z.infer<typeof DatasetSchema>;
