import { z } from 'zod';
import { SourceIdSchema } from './source.ts';

export const CountryIso3Schema = z
  .string()
  .regex(/^[A-Z]{3}$/, 'an ISO 3166-1 alpha-3 code')
  .brand<'CountryIso3'>();
export type CountryIso3 = z.infer<typeof CountryIso3Schema>;

export const CountrySchema = z.object({
  iso3: CountryIso3Schema,
  nameEn: z.string().min(1),
  nameJa: z.string().min(1),
});
export type Country = z.infer<typeof CountrySchema>;

export const CountryGroupIdSchema = z.enum(['US', 'JP', 'like_minded', 'allied', 'china', 'msp', 'g7', 'eu', 'quad']);
export type CountryGroupId = z.infer<typeof CountryGroupIdSchema>;

export const CountryGroupSchema = z.object({
  id: CountryGroupIdSchema,
  nameEn: z.string().min(1),
  nameJa: z.string().min(1),
  members: z.array(CountryIso3Schema).min(1),
  source: SourceIdSchema,
});
export type CountryGroup = z.infer<typeof CountryGroupSchema>;
