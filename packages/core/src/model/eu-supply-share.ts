import { z } from 'zod';
import { AreaSchema, QualifierSchema } from './observation.ts';
import { SourceIdSchema } from './source.ts';

/** E (extraction) and P (processing) of the EU CRM tables. */
export const EuStageSchema = z.enum(['extraction', 'processing']);
export type EuStage = z.infer<typeof EuStageSchema>;

/** Global supply (GS) or EU sourcing (domestic output plus imports into the EU). */
export const EuShareScopeSchema = z.enum(['global', 'eu_sourcing']);
export type EuShareScope = z.infer<typeof EuShareScopeSchema>;

/**
 * One country's share of a material's global supply or EU sourcing at one stage, as used in the
 * supply-risk HHI of the EU 2023 criticality assessment (Appendix 7), with the trade variable t.
 */
export const EuSupplyShareSchema = z.object({
  /** The material as published ("Natural Graphite"). */
  material: z.string().min(1),
  stage: EuStageSchema,
  scope: EuShareScopeSchema,
  /** The country as published ("Congo, D.R."). */
  countryLabel: z.string().min(1),
  area: AreaSchema,
  /** A fraction 0–1; "<0.1%" is 0.001 with qualifier "<". */
  share: z.number().min(0).max(1),
  qualifier: QualifierSchema.nullable(),
  /** t: 0.8 for the EU and partners with agreements, 1 by default, above 1 for export restrictions. */
  tradeVariable: z.number().positive(),
  source: SourceIdSchema,
});
export type EuSupplyShare = z.infer<typeof EuSupplyShareSchema>;
