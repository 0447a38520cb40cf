import { z } from 'zod';

/** The languages the intake reads. */
export const LanguageSchema = z.enum(['en', 'ja', 'zh', 'ar']);
export type Language = z.infer<typeof LanguageSchema>;

const IsoDate = z.iso.date();
const Iso3 = z.string().regex(/^[A-Z]{3}$/, 'an ISO 3166-1 alpha-3 code');
const Offset = z.number().int().nonnegative();

/** Where a piece of text sits in the normalised document: `text.slice(start, end)`. */
export const SpanSchema = z
  .object({ start: Offset, end: Offset, text: z.string() })
  .refine((s) => s.end >= s.start, { message: 'end before start', path: ['end'] });
export type Span = z.infer<typeof SpanSchema>;

/** Body text counts fully; embedded posts (tweets, quoted posts) are kept as weaker evidence. */
export const SegmentKindSchema = z.enum(['body', 'embed']);
export type SegmentKind = z.infer<typeof SegmentKindSchema>;

export const SegmentSchema = z.object({
  start: Offset,
  end: Offset,
  kind: SegmentKindSchema,
  /** 1 for body text, less for embeds. */
  weight: z.number().min(0).max(1),
  lang: LanguageSchema,
});
export type Segment = z.infer<typeof SegmentSchema>;

/** A date read from the text: a day, or a month where the text names no day. */
export const DateValueSchema = z.object({
  iso: z.string().regex(/^\d{4}-\d{2}(-\d{2})?$/),
  precision: z.enum(['day', 'month']),
  /** Relative dates ("yesterday", 昨日, أمس) are resolved against the publication date. */
  relative: z.boolean(),
});
export type DateValue = z.infer<typeof DateValueSchema>;

export const CurrencySchema = z.enum(['USD', 'JPY', 'CNY', 'AUD', 'EUR', 'CAD', 'GBP']);
export type Currency = z.infer<typeof CurrencySchema>;

export const MoneySchema = z.object({ amount: z.number().nonnegative(), currency: CurrencySchema });
export type Money = z.infer<typeof MoneySchema>;

export const CapacitySchema = z.object({ tonnes: z.number().nonnegative(), perYear: z.boolean() });
export type Capacity = z.infer<typeof CapacitySchema>;

const entityBase = { span: SpanSchema, sentence: z.number().int().nonnegative() };

/** A thing named in the text, with the span that names it. */
export const EntitySchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('country'),
    /** One name may stand for several countries (日米 = Japan and the United States). */
    ids: z.array(Iso3).min(1),
    source: z.string(),
    ...entityBase,
  }),
  z.object({
    kind: z.literal('organisation'),
    id: z.string(),
    role: z.enum(['agency', 'office', 'company', 'financier']),
    country: Iso3.nullable(),
    source: z.string(),
    ...entityBase,
  }),
  z.object({ kind: z.literal('commodity'), id: z.string(), source: z.string(), ...entityBase }),
  z.object({ kind: z.literal('product'), id: z.string(), source: z.string(), ...entityBase }),
  z.object({ kind: z.literal('money'), value: MoneySchema, ...entityBase }),
  z.object({ kind: z.literal('capacity'), value: CapacitySchema, ...entityBase }),
  z.object({ kind: z.literal('date'), value: DateValueSchema.nullable(), ...entityBase }),
  /** "Announcement No. 61 of 2025", 第61号, رقم 61: a reference to a numbered instrument. */
  z.object({
    kind: z.literal('instrument'),
    number: z.number().int().positive(),
    year: z.number().int().nullable(),
    ...entityBase,
  }),
]);
export type Entity = z.infer<typeof EntitySchema>;
export type EntityKind = Entity['kind'];

export const EventTypeSchema = z.enum([
  'export_control',
  'agreement',
  'project',
  'price_floor_offtake',
  'stockpile',
  'investment_screening',
]);
export type EventType = z.infer<typeof EventTypeSchema>;

export const ExportControlActionSchema = z.enum(['new', 'tightened', 'suspended', 'lifted']);
export type ExportControlAction = z.infer<typeof ExportControlActionSchema>;

export const EvidenceSchema = SpanSchema.and(
  z.object({ sentence: z.number().int().nonnegative(), kind: SegmentKindSchema, weight: z.number().min(0).max(1) }),
);
export type Evidence = z.infer<typeof EvidenceSchema>;

/** A measure the regime model does not know, proposed for review. */
export const DraftMeasureSchema = z.object({
  issuer: Iso3.nullable(),
  agencies: z.array(z.string()),
  action: ExportControlActionSchema,
  announceDate: IsoDate.nullable(),
  items: z.array(z.string()),
  destinations: z.array(Iso3),
  instrument: z.string().nullable(),
});
export type DraftMeasure = z.infer<typeof DraftMeasureSchema>;

export const EventFieldsSchema = z.object({
  /** Export controls only: what the measure does. */
  action: ExportControlActionSchema.nullable(),
  /** The day the event happened (signing, announcement, suspension), where the text says. */
  date: z.string().nullable(),
  countries: z.array(Iso3),
  /** The issuing country (export controls, screening) or the host (projects). */
  issuerOrHost: Iso3.nullable(),
  /** Agreements: the parties; export controls: the target destinations. */
  parties: z.array(Iso3),
  organisations: z.array(z.string()),
  financiers: z.array(z.string()),
  commodities: z.array(z.string()),
  products: z.array(z.string()),
  amounts: z.array(MoneySchema),
  capacity: CapacitySchema.nullable(),
  instruments: z.array(z.string()),
});
export type EventFields = z.infer<typeof EventFieldsSchema>;

export const EventLinksSchema = z.object({
  /** Measure ids of the regime model (`exportControls[].id`). */
  measures: z.array(z.string()),
  scenarios: z.array(z.string()),
  /** Agreements: the bilateral frameworks of the framework tracker (`data/frameworks`) they report. */
  frameworks: z.array(z.string()),
  draft: DraftMeasureSchema.nullable(),
});
export type EventLinks = z.infer<typeof EventLinksSchema>;

/** One proposed event, with the evidence an analyst needs to accept it. */
export const IntakeEventSchema = z.object({
  id: z.string(),
  type: EventTypeSchema,
  confidence: z.number().min(0).max(1),
  /** A mention of an earlier event as background to the news, kept but ranked low. */
  background: z.boolean(),
  fields: EventFieldsSchema,
  evidence: z.array(EvidenceSchema).min(1),
  links: EventLinksSchema,
});
export type IntakeEvent = z.infer<typeof IntakeEventSchema>;

/** What one document became: its normalised text, the entities and the events proposed. */
export const IntakeResultSchema = z.object({
  document: z.string(),
  lang: LanguageSchema,
  published: IsoDate.nullable(),
  text: z.string(),
  segments: z.array(SegmentSchema),
  entities: z.array(EntitySchema),
  events: z.array(IntakeEventSchema),
  warnings: z.array(z.string()),
});
export type IntakeResult = z.infer<typeof IntakeResultSchema>;
