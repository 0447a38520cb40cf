import { z } from 'zod';
import { CommodityKeySchema } from './commodity.ts';
import { CountryIso3Schema } from './country.ts';
import { ConfidenceSchema } from './reported-share.ts';
import { SourceIdSchema } from './source.ts';

/** One input of the EU CRM 2023 assessment for one material (import reliance, recycling, substitution, basis). */
export const EuCrmParameterSchema = z.object({
  material: z.string().min(1),
  stage: z.enum(['E', 'P', 'both']),
  parameter: z.enum(['IR', 'EoL_RIR', 'SI_SR', 'SI_EI', 'other']),
  /** As published: a number for IR (%), EoL_RIR (%), SI_SR and SI_EI (0–1); text such as "supply_basis=GS+EU" for `other`. */
  value: z.string(),
  confidence: ConfidenceSchema,
  note: z.string().nullable(),
  source: SourceIdSchema,
});
export type EuCrmParameter = z.infer<typeof EuCrmParameterSchema>;

export const BuyerSchema = z.enum(['EU', 'USA', 'JPN', 'allied']);
export type Buyer = z.infer<typeof BuyerSchema>;

/** A buyer's import source and its share of that buyer's imports of a commodity over a period. */
export const BuyerImportSourceSchema = z.object({
  buyer: z.enum(['USA', 'JPN']),
  commodity: CommodityKeySchema,
  period: z.string().min(1),
  /** `null` for "Other" or an unnamed remainder. */
  iso3: CountryIso3Schema.nullable(),
  share: z.number().min(0).max(1),
  form: z.string(),
  /** The form chosen as the basis for buyer sourcing shares (one per commodity and edition). */
  recommended: z.boolean(),
  edition: z.string().nullable(),
  confidence: ConfidenceSchema,
  locator: z.string(),
  url: z.string(),
  source: SourceIdSchema,
});
export type BuyerImportSource = z.infer<typeof BuyerImportSourceSchema>;

/** A buyer's import reliance for a commodity: share of apparent consumption met by net imports. */
export const BuyerImportRelianceSchema = z.object({
  buyer: z.enum(['USA', 'JPN']),
  commodity: CommodityKeySchema,
  year: z.number().int(),
  share: z.number().min(0).max(1).nullable(),
  qualifier: z.enum(['>', '<']).nullable(),
  basis: z.string(),
  confidence: ConfidenceSchema,
  locator: z.string(),
  url: z.string(),
  note: z.string().nullable(),
  source: SourceIdSchema,
});
export type BuyerImportReliance = z.infer<typeof BuyerImportRelianceSchema>;

/** How an EU CRM material name maps to a Lodestone commodity (for buyer data keyed by commodity). */
export const EuMaterialMappingSchema = z.object({
  material: z.string().min(1),
  commodity: CommodityKeySchema,
  note: z.string().nullable(),
});
export type EuMaterialMapping = z.infer<typeof EuMaterialMappingSchema>;

/** A country the buyer has a trade or critical-minerals agreement with (t = 0.8 in the EU method). */
export const TradePartnerSchema = z.object({
  buyer: z.enum(['USA', 'JPN']),
  iso3: CountryIso3Schema,
  agreement: z.string().min(1),
  source: SourceIdSchema,
});
export type TradePartner = z.infer<typeof TradePartnerSchema>;

/** A checked correction of an EU CRM 2023 parameter, with the evidence for it. */
export const EuCrmParameterCorrectionSchema = z.object({
  material: z.string().min(1),
  stage: z.enum(['E', 'P', 'both']),
  parameter: z.enum(['IR', 'EoL_RIR', 'SI_SR', 'SI_EI']),
  was: z.number(),
  value: z.number(),
  evidence: z.string().min(1),
  confidence: ConfidenceSchema,
  source: SourceIdSchema,
});
export type EuCrmParameterCorrection = z.infer<typeof EuCrmParameterCorrectionSchema>;

/** The six Worldwide Governance Indicators estimates of one country and year (about −2.5 to 2.5). */
export const WgiEstimatesSchema = z.object({
  iso3: CountryIso3Schema,
  year: z.number().int(),
  cc: z.number(),
  ge: z.number(),
  pv: z.number(),
  rq: z.number(),
  rl: z.number(),
  va: z.number(),
  source: SourceIdSchema,
});
export type WgiEstimates = z.infer<typeof WgiEstimatesSchema>;

/** Membership of an EU CRM material group (LREE, HREE, PGM). */
export const EuMaterialGroupSchema = z.object({ group: z.string().min(1), material: z.string().min(1) });
export type EuMaterialGroup = z.infer<typeof EuMaterialGroupSchema>;
