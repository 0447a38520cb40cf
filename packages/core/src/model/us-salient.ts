import { z } from 'zod';
import { QualifierSchema, ValueStatusSchema } from './observation.ts';
import { SourceIdSchema } from './source.ts';
import { UnitSchema } from './unit.ts';

/** One figure of a USGS "salient statistics" table for the United States, e.g. 2024 imports of rare-earth compounds. */
export const UsSalientStatisticSchema = z.object({
  /** The commodity as the table names it ("Rare Earths"). */
  usgsCommodity: z.string().min(1),
  year: z.number().int(),
  /** The column name without its unit suffix ("Imports_Compounds"). */
  statistic: z.string().min(1),
  unit: UnitSchema,
  value: z.number().nullable(),
  status: ValueStatusSchema,
  qualifier: QualifierSchema.nullable(),
  /** "E" in a net-import-reliance column: the United States was a net exporter. */
  netExporter: z.boolean(),
  source: SourceIdSchema,
});
export type UsSalientStatistic = z.infer<typeof UsSalientStatisticSchema>;
