import { z } from 'zod';
import { CountryIso3Schema } from './country.ts';
import { SourceIdSchema } from './source.ts';

const IsoDate = z.iso.date();

/** What a clause does to the items it names. */
export const ClauseEffectSchema = z.enum([
  'licence_required',
  'denied',
  'banned',
  'de_minimis_licence_required',
  'technology_banned',
  'technology_restricted',
  'framework',
  'domestic_quota',
]);
export type ClauseEffect = z.infer<typeof ClauseEffectSchema>;

/** One clause of an export-control measure: items, who it targets and its effect. */
export const RegimeClauseSchema = z.object({
  measureId: z.string().min(1),
  clause: z.string().min(1),
  /** Commodity keys or control-item keys; `all_dual_use` matches every item. */
  items: z.array(z.string().min(1)).min(1),
  destinationScope: z.enum(['all', 'country', 'military_end_users', 'domestic']),
  destination: CountryIso3Schema.nullable(),
  effect: ClauseEffectSchema,
  /** Share of licence applications approved (0–1), where known. */
  approvalRate: z.number().min(0).max(1).nullable(),
  delayDays: z.number().nonnegative().nullable(),
  /** Extraterritorial rule: the controlled-origin share by value above which foreign-made goods are covered. */
  deMinimisShare: z.number().min(0).max(1).nullable(),
  parametersSource: SourceIdSchema.nullable(),
  note: z.string().nullable(),
  source: SourceIdSchema,
});
export type RegimeClause = z.infer<typeof RegimeClauseSchema>;

/** A later change to a measure or one clause (`*` for all): suspended, lifted, expired or superseded. */
export const RegimeEventSchema = z.object({
  measureId: z.string().min(1),
  clause: z.string().min(1),
  event: z.enum(['suspended', 'lifted', 'expired', 'superseded']),
  from: IsoDate,
  until: IsoDate.nullable(),
  instrument: z.string().nullable(),
  note: z.string().nullable(),
  source: SourceIdSchema,
});
export type RegimeEvent = z.infer<typeof RegimeEventSchema>;

/** A control item that is not a commodity (a technology, equipment, "all dual-use items"). */
export const ControlItemSchema = z.object({
  item: z.string().min(1),
  nameEn: z.string().min(1),
  nameJa: z.string().min(1),
});
export type ControlItem = z.infer<typeof ControlItemSchema>;
