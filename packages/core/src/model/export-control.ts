import { z } from 'zod';
import { CountryIso3Schema } from './country.ts';
import { ConfidenceSchema } from './reported-share.ts';
import { SourceIdSchema } from './source.ts';

/** A calendar date written yyyy-mm-dd. */
const IsoDateSchema = z.iso.date();

export const ExportControlMeasureTypeSchema = z.enum([
  'licence_requirement',
  'suspension',
  'technology_ban',
  'technology_restriction',
  'technology_restriction_proposed',
  'technology_licence_requirement',
  'domestic_regulation',
  'framework_regulation',
  'extraterritorial_licence_requirement',
  'export_ban_to_us',
  'export_ban_to_japan_military',
]);
export type ExportControlMeasureType = z.infer<typeof ExportControlMeasureTypeSchema>;

/** Where a measure stood when the table was compiled; the wording as published is kept beside it. */
export const ExportControlStatusSchema = z.enum(['in_force', 'suspended', 'partially_suspended', 'superseded']);
export type ExportControlStatus = z.infer<typeof ExportControlStatusSchema>;

export const ExportControlIssuerSchema = z.enum(['MOFCOM', 'GAC', 'MOST', 'State Council']);

/** One Chinese export-control announcement, regulation or suspension (data only: no regime logic). */
export const ExportControlMeasureSchema = z.object({
  id: z.string().regex(/^CN-[A-Z]+-\d{4}-[A-Z0-9]+$/, 'an id such as CN-EC-2023-23'),
  announceDate: IsoDateSchema,
  effectiveDate: IsoDateSchema.nullable(),
  /** "MOFCOM & GAC" as ["MOFCOM", "GAC"]. */
  issuers: z.array(ExportControlIssuerSchema).min(1),
  instrument: z.string().min(1),
  /** Commodity tokens as the table writes them ("gallium", "superhard_materials", "all_controlled_items"). */
  commodities: z.array(z.string().regex(/^[a-z][a-z0-9_]*$/)).min(1),
  /** Element symbols a rare-earth row is limited to ("rare_earths (Sm;Gd;…)"), else empty. */
  elements: z.array(z.string().regex(/^[A-Z][a-z]?$/)),
  /** A parenthetical of the commodities cell that is not a list of elements ("incl. medium/heavy rare earths"). */
  commoditiesNote: z.string().min(1).nullable(),
  itemsSummary: z.string().min(1),
  /** China 10-digit customs reference codes quoted in the announcement (often a partial list). */
  hsCodesCn10: z.array(z.string().regex(/^\d{10}$/)),
  /** The parenthetical of the HS cell ("antimony items only"). */
  hsCodesNote: z.string().min(1).nullable(),
  measureType: ExportControlMeasureTypeSchema,
  /** As written ("all destinations", "United States", "domestic"). */
  targetScope: z.string().min(1),
  /** The one country a measure targets, when the scope names one. */
  targetCountry: CountryIso3Schema.nullable(),
  status: ExportControlStatusSchema,
  /** The status cell as published ("in force (not covered by the Nov-2025 suspension)"). */
  statusText: z.string().min(1),
  /** The year and month the status was checked, from the column name (status_as_of_2026_11). */
  statusAsOf: z.string().regex(/^\d{4}-\d{2}$/),
  suspensionInstrument: z.string().min(1).nullable(),
  suspendedUntil: IsoDateSchema.nullable(),
  urls: z.array(z.url({ protocol: /^https?$/ })),
  confidence: ConfidenceSchema,
  notes: z.string().nullable(),
  source: SourceIdSchema,
});
export type ExportControlMeasure = z.infer<typeof ExportControlMeasureSchema>;
