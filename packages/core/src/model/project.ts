/**
 * Projects of mutual interest outside China: what they make, where, at what cost, how far along and who
 * finances and buys their output. Every figure carries a source; see docs/methods/projects.md.
 */
import { z } from 'zod';
import { CountryIso3Schema } from './country.ts';
import { ConfidenceSchema } from './reported-share.ts';
import { SourceIdSchema } from './source.ts';
import { StageSchema } from './stage.ts';

/** Active ISO 4217 currency codes (list of 2024; funds and precious-metal codes left out). */
export const CURRENCY_CODES = [
  'AED', 'AFN', 'ALL', 'AMD', 'ANG', 'AOA', 'ARS', 'AUD', 'AWG', 'AZN', 'BAM', 'BBD', 'BDT', 'BGN', 'BHD',
  'BIF', 'BMD', 'BND', 'BOB', 'BRL', 'BSD', 'BTN', 'BWP', 'BYN', 'BZD', 'CAD', 'CDF', 'CHF', 'CLP', 'CNY',
  'COP', 'CRC', 'CUP', 'CVE', 'CZK', 'DJF', 'DKK', 'DOP', 'DZD', 'EGP', 'ERN', 'ETB', 'EUR', 'FJD', 'FKP',
  'GBP', 'GEL', 'GHS', 'GIP', 'GMD', 'GNF', 'GTQ', 'GYD', 'HKD', 'HNL', 'HTG', 'HUF', 'IDR', 'ILS', 'INR',
  'IQD', 'IRR', 'ISK', 'JMD', 'JOD', 'JPY', 'KES', 'KGS', 'KHR', 'KMF', 'KPW', 'KRW', 'KWD', 'KYD', 'KZT',
  'LAK', 'LBP', 'LKR', 'LRD', 'LSL', 'LYD', 'MAD', 'MDL', 'MGA', 'MKD', 'MMK', 'MNT', 'MOP', 'MRU', 'MUR',
  'MVR', 'MWK', 'MXN', 'MYR', 'MZN', 'NAD', 'NGN', 'NIO', 'NOK', 'NPR', 'NZD', 'OMR', 'PAB', 'PEN', 'PGK',
  'PHP', 'PKR', 'PLN', 'PYG', 'QAR', 'RON', 'RSD', 'RUB', 'RWF', 'SAR', 'SBD', 'SCR', 'SDG', 'SEK', 'SGD',
  'SHP', 'SLE', 'SOS', 'SRD', 'SSP', 'STN', 'SVC', 'SYP', 'SZL', 'THB', 'TJS', 'TMT', 'TND', 'TOP', 'TRY',
  'TTD', 'TWD', 'TZS', 'UAH', 'UGX', 'USD', 'UYU', 'UZS', 'VES', 'VND', 'VUV', 'WST', 'XAF', 'XCD', 'XOF',
  'XPF', 'YER', 'ZAR', 'ZMW', 'ZWL',
] as const; // prettier-ignore
export const CurrencySchema = z.enum(CURRENCY_CODES, { error: 'an ISO 4217 currency code' });
export type Currency = z.infer<typeof CurrencySchema>;

export const ProjectIdSchema = z
  .string()
  .regex(/^[A-Z]{2}-[A-Z0-9]+(-[A-Z0-9]+)*$/, 'an id like US-MP-10X: country prefix, upper-case words and hyphens')
  .brand<'ProjectId'>();
export type ProjectId = z.infer<typeof ProjectIdSchema>;

export const FinancierIdSchema = z
  .string()
  .regex(/^[A-Za-z][A-Za-z0-9_-]*$/, 'a financier id like DFC or JOGMEC')
  .brand<'FinancierId'>();
export type FinancierId = z.infer<typeof FinancierIdSchema>;

/** Where a project sits in the chain: the core's stages (an end use is no project), plus recycling. */
export const ProjectStageSchema = z.enum([...StageSchema.exclude(['end_use']).options, 'recycling']);
export type ProjectStage = z.infer<typeof ProjectStageSchema>;

/** The four chains Lodestone follows; a mine or refinery belongs to the family its feedstock serves. */
export const ProductFamilySchema = z.enum(['magnets', 'batteries', 'catalysts', 'optics']);
export type ProductFamily = z.infer<typeof ProductFamilySchema>;

/** From first announcement to operation, or cancelled. */
export const PROJECT_STATUSES = [
  'announced',
  'feasibility',
  'financed',
  'construction',
  'commissioning',
  'operating',
  'cancelled',
] as const;
export const ProjectStatusSchema = z.enum(PROJECT_STATUSES);
export type ProjectStatus = z.infer<typeof ProjectStatusSchema>;

export const InstrumentKindSchema = z.enum([
  'grant',
  'loan',
  'guarantee',
  'equity',
  'offtake',
  'insurance',
  'price_floor',
]);
export type InstrumentKind = z.infer<typeof InstrumentKindSchema>;

/** `in_hand`: signed or disbursed; `conditional`: committed subject to conditions; `sought`: applied for or in talks. */
export const FinancingStateSchema = z.enum(['in_hand', 'conditional', 'sought']);
export type FinancingState = z.infer<typeof FinancingStateSchema>;

/** A date known to the year, month or day. */
export const PartialDateSchema = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'a date as YYYY, YYYY-MM or YYYY-MM-DD');
export type PartialDate = z.infer<typeof PartialDateSchema>;

/** Where a figure comes from when it is not the record's own source, and how far to trust it. */
const figureSource = {
  source: SourceIdSchema.optional(),
  confidence: ConfidenceSchema.optional(),
  note: z.string().optional(),
};

/** Annual output units; a project's capacity is a rate. */
export const CapacityUnitSchema = z.enum(['t/yr', 'kg/yr', 'GWh/yr', 'share']);
export type CapacityUnit = z.infer<typeof CapacityUnitSchema>;

/** One nameplate output line; `value` is null where the sponsor has disclosed none. */
export const ProjectOutputSchema = z.object({
  /** A network product key (data/network/*products.csv) where one matches, e.g. ndpr_oxide. */
  product: z
    .string()
    .regex(/^[a-z][a-z0-9_]*$/, 'a network product key')
    .nullable(),
  /** What the figure measures, as the source states it, e.g. "NdPr oxide" or "TREO in concentrate". */
  material: z.string().min(1),
  value: z.number().nonnegative('capacity cannot be negative').nullable(),
  unit: CapacityUnitSchema,
  /** `nameplate`: design capacity; `target`: a stated goal; `estimate`: derived by the source or here. */
  basis: z.enum(['nameplate', 'target', 'estimate', 'reported_output']),
  ...figureSource,
});
export type ProjectOutput = z.infer<typeof ProjectOutputSchema>;

/** Share of nameplate reached in each period after first output (period 1 is the first year or month). */
export const RampUpSchema = z
  .object({
    period: z.enum(['year', 'month']),
    shares: z.array(z.number().min(0).max(1)).min(1),
    ...figureSource,
  })
  .refine((r) => r.shares.every((s, i) => i === 0 || s >= (r.shares[i - 1] ?? 0)), {
    message: 'ramp-up shares must not fall',
    path: ['shares'],
  });
export type RampUp = z.infer<typeof RampUpSchema>;

/** An amount of money in a currency of a price year. */
export const MoneySchema = z.object({
  amount: z.number().nonnegative('amounts cannot be negative'),
  currency: CurrencySchema,
  priceYear: z.number().int().min(1990).max(2100),
});
export type Money = z.infer<typeof MoneySchema>;

export const CapexSchema = MoneySchema.extend({ ...figureSource });
export type Capex = z.infer<typeof CapexSchema>;

export const OpexSchema = MoneySchema.extend({
  /** Per year of operation, or per tonne or kilogram of the first output. */
  per: z.enum(['year', 'tonne', 'kg']),
  ...figureSource,
});
export type Opex = z.infer<typeof OpexSchema>;

/** One financing line: who, by which instrument, how much, and whether it is in hand. */
export const FinancingSchema = z.object({
  financier: FinancierIdSchema,
  instrument: InstrumentKindSchema,
  state: FinancingStateSchema,
  amount: MoneySchema.nullable(),
  date: PartialDateSchema.nullable(),
  ...figureSource,
});
export type Financing = z.infer<typeof FinancingSchema>;

export const OfftakeSchema = z.object({
  buyer: z.string().min(1),
  buyerCountry: CountryIso3Schema.nullable(),
  /** Share of the project's output (0–1), where stated. */
  share: z.number().min(0).max(1).nullable(),
  quantity: z.object({ value: z.number().nonnegative(), unit: CapacityUnitSchema }).nullable(),
  termYears: z.number().positive().nullable(),
  ...figureSource,
});
export type Offtake = z.infer<typeof OfftakeSchema>;

/** Top-level fields that may be hidden from partners not listed. */
export const RestrictableFieldSchema = z.enum(['capex', 'opex', 'financing', 'offtakes', 'outputs', 'rampUp', 'notes']);
export type RestrictableField = z.infer<typeof RestrictableFieldSchema>;

/** Scalar fields whose source may differ from the record's. */
export const SourcedFieldSchema = z.enum(['status', 'targetStart', 'hostCountry', 'sponsors', 'stages']);
export type SourcedField = z.infer<typeof SourcedFieldSchema>;

/** A project record. Figures without their own `source` take the record's `source`. */
export const ProjectSchema = z.object({
  id: ProjectIdSchema,
  name: z.string().min(1),
  sponsors: z.array(z.string().min(1)).min(1),
  hostCountry: CountryIso3Schema,
  location: z.string().min(1).nullable(),
  stages: z.array(ProjectStageSchema).min(1),
  family: ProductFamilySchema,
  /** What the project makes, in words. */
  product: z.string().min(1),
  outputs: z.array(ProjectOutputSchema),
  rampUp: RampUpSchema.nullable(),
  capex: CapexSchema.nullable(),
  opex: OpexSchema.nullable(),
  targetStart: PartialDateSchema.nullable(),
  status: ProjectStatusSchema,
  /** The date the status was last confirmed by a source. */
  statusAsOf: PartialDateSchema,
  financing: z.array(FinancingSchema),
  offtakes: z.array(OfftakeSchema),
  /** Fields only the listed partners (ISO3) may see; absent: the whole record is public. */
  restriction: z
    .object({ fields: z.array(RestrictableFieldSchema).min(1), partners: z.array(CountryIso3Schema).min(1) })
    .nullable(),
  source: SourceIdSchema,
  confidence: ConfidenceSchema,
  /** Sources for scalar fields that differ from the record's. */
  fieldSources: z.partialRecord(SourcedFieldSchema, z.object(figureSource).extend({ source: SourceIdSchema })),
  notes: z.array(z.string().min(1)),
  /** The row of a source table this record was derived from, if any. */
  origin: z.object({ file: z.string().min(1), row: z.number().int().positive() }).nullable(),
  /** Set when the record is withdrawn from the pipeline (a duplicate, out of scope); not a cancellation. */
  retired: z.object({ at: z.string().min(1), by: z.string().min(1), reason: z.string().min(1) }).nullable(),
});
export type Project = z.infer<typeof ProjectSchema>;
export type ProjectInput = z.input<typeof ProjectSchema>;

/** A public or private financier, with its country (null for multilateral or private capital). */
export const FinancierSchema = z.object({
  id: FinancierIdSchema,
  name: z.string().min(1),
  country: CountryIso3Schema.nullable(),
  kind: z.enum(['agency', 'development_finance', 'export_credit', 'state_company', 'fund', 'government', 'private']),
  source: SourceIdSchema,
});
export type Financier = z.infer<typeof FinancierSchema>;
