import { z } from 'zod';

export const SourceIdSchema = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]*$/, 'source ids are lower-case slugs')
  .brand<'SourceId'>();
export type SourceId = z.infer<typeof SourceIdSchema>;

const common = {
  id: SourceIdSchema,
  title: z.string().min(1),
};

/** A publication or data release a figure was taken from. */
export const PublishedSourceSchema = z.object({
  ...common,
  kind: z.enum(['publication', 'dataset']),
  publisher: z.string().min(1),
  year: z.number().int().min(1900).max(2100),
  locator: z.string().min(1).describe('table, page or file within the publication'),
  url: z.string().url(),
  licence: z.string().min(1),
  confidence: z.enum(['high', 'medium', 'low']),
  note: z.string().optional(),
});

/** A figure the project asserts itself, with the one-line reason it is reasonable. */
export const AssumptionSourceSchema = z.object({
  ...common,
  kind: z.literal('assumption'),
  reasoning: z.string().min(10),
});

export const SourceSchema = z.discriminatedUnion('kind', [PublishedSourceSchema, AssumptionSourceSchema]);
export type Source = z.infer<typeof SourceSchema>;
