import { z } from 'zod';
import { SourceIdSchema } from './source.ts';

const isoDate = z.iso.date();
const iso3 = z.string().regex(/^[A-Z]{3}$/, 'an ISO 3166-1 alpha-3 code');

/** When a commitment falls due: a date, a period after signing, or no deadline in the text. */
export const DeadlineSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('date'), date: isoDate }),
  z
    .object({
      kind: z.literal('after-signing'),
      days: z.number().int().positive().optional(),
      months: z.number().int().positive().optional(),
    })
    .refine((d) => (d.days === undefined) !== (d.months === undefined), {
      message: 'give days or months after signing, not both',
    }),
  z.object({ kind: z.literal('none') }),
]);
export type Deadline = z.infer<typeof DeadlineSchema>;

/** A dated piece of evidence on a commitment's progress. */
export const EvidenceSchema = z.object({
  date: isoDate,
  /** announced: restated or launched; in-progress: a concrete step; done: delivered; missed: reported as not delivered. */
  state: z.enum(['announced', 'in-progress', 'done', 'missed']),
  note: z.string().min(1),
  sources: z.array(SourceIdSchema).min(1),
});
export type Evidence = z.infer<typeof EvidenceSchema>;

/** One action a framework commits its parties to. */
export const CommitmentSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string().min(1),
  category: z.enum([
    'financing',
    'investment-forum',
    'response-group',
    'stockpiling',
    'asset-screening',
    'permitting',
    'recycling',
    'geological-mapping',
    'market-measures',
    'supply-assurance',
  ]),
  /** Who must act: a party (ISO3) or a party's office, e.g. "USA: Secretary of Energy". */
  owners: z.array(z.string().min(1)).min(1),
  deadline: DeadlineSchema,
  /** Where the text sets the commitment. */
  sources: z.array(SourceIdSchema).min(1),
  history: z.array(EvidenceSchema),
});
export type Commitment = z.infer<typeof CommitmentSchema>;

/** Money committed under a framework by one party and sector, with what has been paid out since. */
export const CapitalEntrySchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  party: iso3,
  sector: z.enum(['public', 'private']),
  /** Who provides it, e.g. "Export Finance Australia". */
  provider: z.string().min(1),
  instrument: z.enum(['equity', 'loan', 'guarantee', 'grant', 'offtake', 'letter-of-interest', 'mixed']),
  /** binding: signed; conditional: approved subject to conditions; indicative: a non-binding letter or pledge. */
  firmness: z.enum(['binding', 'conditional', 'indicative']),
  /** USD million; null where the amount was not disclosed. */
  committedUsdM: z.number().nonnegative().nullable(),
  committedOn: isoDate,
  /** Project ids of the pipeline (data/projects). */
  projectIds: z.array(z.string().min(1)),
  mobilised: z.array(
    z.object({ date: isoDate, usdM: z.number().nonnegative(), sources: z.array(SourceIdSchema).min(1) }),
  ),
  sources: z.array(SourceIdSchema).min(1),
  note: z.string().optional(),
});
export type CapitalEntry = z.infer<typeof CapitalEntrySchema>;

/** A bilateral framework: its parties, signing date, commitments and capital. */
export const FrameworkSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  title: z.string().min(1),
  parties: z.array(iso3).min(2),
  signedOn: isoDate,
  sources: z.array(SourceIdSchema).min(1),
  commitments: z.array(CommitmentSchema).min(1),
  capital: z.array(CapitalEntrySchema),
  /** Headline figures the framework names (e.g. a pipeline value), each sourced. */
  headlines: z
    .array(
      z.object({ label: z.string().min(1), usdM: z.number().nonnegative(), sources: z.array(SourceIdSchema).min(1) }),
    )
    .default([]),
});
export type Framework = z.infer<typeof FrameworkSchema>;

/** Every source id a framework cites. */
export function frameworkSources(f: Framework): string[] {
  const ids = new Set<string>(f.sources);
  for (const c of f.commitments) {
    c.sources.forEach((s) => ids.add(s));
    c.history.forEach((h) => h.sources.forEach((s) => ids.add(s)));
  }
  for (const k of f.capital) {
    k.sources.forEach((s) => ids.add(s));
    k.mobilised.forEach((m) => m.sources.forEach((s) => ids.add(s)));
  }
  f.headlines.forEach((h) => h.sources.forEach((s) => ids.add(s)));
  return [...ids].sort();
}
