import { z } from 'zod';
import { CountryIso3Schema } from './country.ts';
import { SourceIdSchema } from './source.ts';

/**
 * The World Bank Worldwide Governance Indicators composite of one economy: the mean of the six
 * "Estimate" values, on three equivalent scales. Higher is better governance on all three (the EU
 * CRM method's scaled WGI runs the other way: 0 best, 10 worst).
 */
export const GovernanceScoreSchema = z.object({
  /** The economy as the World Bank names it ("Côte d'Ivoire"). */
  countryName: z.string().min(1),
  iso3: CountryIso3Schema,
  year: z.number().int().min(1996).max(2100),
  /** (estimate + 2.5) / 5. */
  wgiNormalised01: z.number().min(0).max(1),
  /** Mean of the six estimates, −2.5 (worst) to +2.5 (best). */
  wgiEstimate: z.number().min(-2.5).max(2.5),
  /** The normalised value × 10. */
  wgiScaled0to10: z.number().min(0).max(10),
  source: SourceIdSchema,
});
export type GovernanceScore = z.infer<typeof GovernanceScoreSchema>;
