import { z } from 'zod';
import { QualifierSchema } from './observation.ts';
import { SourceIdSchema } from './source.ts';

/**
 * One application's share of a material's EU end use, with the NACE Rev. 2 two-digit sector it is
 * mapped to and that sector's value added (EU CRM 2023 study, Appendix 6). "Other" rows have no
 * sector.
 */
export const EndUseShareSchema = z
  .object({
    /** The material as published. */
    material: z.string().min(1),
    application: z.string().min(1),
    /** A fraction 0–1; ">0%" is 0 with qualifier ">". */
    share: z.number().min(0).max(1),
    qualifier: QualifierSchema.nullable(),
    /** The NACE code ("C25"), or null when no sector is given. */
    naceCode: z
      .string()
      .regex(/^[A-U]\d{2}$/, 'a NACE Rev. 2 division code such as C25')
      .nullable(),
    /** The sector as published, line breaks folded into spaces. */
    naceSector: z.string().min(1).nullable(),
    /** Value added of the sector, million EUR. */
    valueAddedMEur: z.number().nonnegative().nullable(),
    source: SourceIdSchema,
  })
  .refine((r) => (r.naceCode === null) === (r.valueAddedMEur === null), {
    message: 'a sector comes with its value added',
    path: ['valueAddedMEur'],
  });
export type EndUseShare = z.infer<typeof EndUseShareSchema>;
