import { z } from 'zod';
import { CountryIso3Schema } from './country.ts';

/** The stages the EU method assesses: extraction (mining) and processing (refining). */
export const CriticalityStageSchema = z.enum(['extraction', 'processing']);
export type CriticalityStage = z.infer<typeof CriticalityStageSchema>;

/** Which supply the stage's HHI_WGI,t uses: the IR-weighted blend, global supply only, or buyer sourcing only. */
export const SupplyBasisSchema = z.enum(['global+buyer', 'global', 'buyer']);
export type SupplyBasis = z.infer<typeof SupplyBasisSchema>;

/** One supplier's share of a market, with the trade-related variable t (0.8 partner, 1 default, > 1 export restriction). */
export const SupplierShareSchema = z.object({
  /** `null` for an aggregate row ("Other countries"), which never enters the HHI. */
  iso3: CountryIso3Schema.nullable(),
  share: z.number().min(0).max(1),
  t: z.number().positive(),
});
export type SupplierShare = z.infer<typeof SupplierShareSchema>;

export const StageInputSchema = z.object({
  stage: CriticalityStageSchema,
  basis: SupplyBasisSchema,
  globalSupply: z.array(SupplierShareSchema),
  buyerSourcing: z.array(SupplierShareSchema),
  /** The buyer's import reliance at this stage, 0–1. */
  importReliance: z.number().min(0).max(1),
});
export type StageInput = z.infer<typeof StageInputSchema>;

export const EndUseInputSchema = z.object({
  application: z.string(),
  sector: z.string(),
  share: z.number().min(0).max(1),
  valueAddedMEur: z.number().nonnegative(),
});
export type EndUseInput = z.infer<typeof EndUseInputSchema>;

/** Where an input did not come from the buyer's own data, and what stood in for it. */
export const FallbackSchema = z.object({ input: z.string(), usedInstead: z.string() });
export type Fallback = z.infer<typeof FallbackSchema>;

/** Everything the EU method needs for one material and one buyer. */
export const MaterialInputsSchema = z.object({
  material: z.string().min(1),
  stages: z.array(StageInputSchema).min(1),
  /** End-of-life recycling input rate, 0–1. */
  eolRir: z.number().min(0).max(1),
  siSr: z.number().min(0).max(1),
  siEi: z.number().min(0).max(1),
  endUses: z.array(EndUseInputSchema),
  fallbacks: z.array(FallbackSchema),
});
export type MaterialInputs = z.infer<typeof MaterialInputsSchema>;

/** Settings of the method: governance scores, the EI scaling constant and the thresholds. */
export interface CriticalityOptions {
  /** WGI scaled 0–10, higher is poorer governance. */
  readonly wgiScaled: ReadonlyMap<string, number>;
  /** Used for a supplier with no WGI score; reported as a fallback. */
  readonly wgiMissing: number;
  /** EI = SI_EI × Σ A_s·Q_s / eiScaleMEur × 10: the value added of the largest manufacturing sector. */
  readonly eiScaleMEur: number;
  readonly srThreshold: number;
  readonly eiThreshold: number;
}
