import { z } from 'zod';
import { CountryIso3Schema } from './country.ts';
import { SourceIdSchema } from './source.ts';

/** How far a compiler trusts a figure: high = official or several consistent reports, low = aggregator. */
export const ConfidenceSchema = z.enum(['high', 'medium', 'low']);
export type Confidence = z.infer<typeof ConfidenceSchema>;

/** The stages the reported-share table names (separation and magnet making are finer than `Stage`). */
export const ReportedStageSchema = z.enum(['mining', 'refining', 'separation', 'magnet_manufacturing']);
export type ReportedStage = z.infer<typeof ReportedStageSchema>;

/** An aggregate row: the sum, or the average, of the three leading countries' shares. */
export const ShareAggregateSchema = z.enum(['top3_sum', 'top3_average']);
export type ShareAggregate = z.infer<typeof ShareAggregateSchema>;

/**
 * A market share quoted by a report (IEA outlooks, press), each row with its own provenance: who
 * published the figure, in which report, and the page it was read from.
 */
export const ReportedShareSchema = z
  .object({
    /** The commodity as the table writes it: a key, a "+"-joined basket or words ("20 energy-related …"). */
    commodityLabel: z.string().min(1),
    stage: ReportedStageSchema,
    /** What the share is of, as written ("share of refined output (base case)"). */
    scope: z.string().min(1),
    /** The country, or null for an aggregate row. */
    iso3: CountryIso3Schema.nullable(),
    /** The aggregate an aggregate row holds, or null for a country row. */
    aggregate: ShareAggregateSchema.nullable(),
    year: z.number().int().min(1900).max(2100),
    share: z.number().min(0).max(1),
    valueType: z.enum(['observed', 'projection']),
    /** Who published the figure originally ("IEA", "IEA (reported)", "unknown (press)"). */
    publisher: z.string().min(1),
    report: z.string().min(1),
    /** The web page the figure was read from, or null when it was computed from a data file. */
    url: z.url({ protocol: /^https?$/ }).nullable(),
    /** The data file the figure was computed from ("usgs_mcs2025/derived_concentration_2024.csv"). */
    citedFile: z.string().min(1).nullable(),
    sourceType: z.enum(['primary', 'secondary']),
    /** The parenthetical of the source type ("AP report", "aggregator"). */
    sourceTypeDetail: z.string().min(1).nullable(),
    confidence: ConfidenceSchema,
    notes: z.string().nullable(),
    source: SourceIdSchema,
  })
  .refine((r) => (r.iso3 === null) !== (r.aggregate === null), {
    message: 'a row is either one country or one aggregate',
    path: ['iso3'],
  })
  .refine((r) => (r.url === null) !== (r.citedFile === null), {
    message: 'a row cites either a URL or a data file',
    path: ['url'],
  });
export type ReportedShare = z.infer<typeof ReportedShareSchema>;
