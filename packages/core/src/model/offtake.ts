import { z } from 'zod';
import { SourceIdSchema } from './source.ts';

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');
const sources = z.array(SourceIdSchema).min(1);

/** How a buyer's need is known: a sourced figure, or a share of a network demand row. */
export const BuyerNeedSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('tonnes'), tonnesPerYear: z.number().nonnegative(), sources }),
  z.object({
    kind: z.literal('network'),
    /** The network demand row: product (an end use) and area. */
    product: z.string().min(1),
    area: z.string().min(1),
    share: z.number().min(0).max(1).default(1),
    /** Where the share comes from (an assumption where 1 is not obvious). */
    shareSources: z.array(SourceIdSchema).default([]),
  }),
]);
export type BuyerNeed = z.infer<typeof BuyerNeedSchema>;

/** A buyer: a country's users of an end use, or a named manufacturer. */
export const OfftakeBuyerSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9._-]+$/),
  name: z.string().min(1),
  kind: z.enum(['country', 'manufacturer']),
  iso3: z.string().regex(/^[A-Z]{3}$/),
  endUse: z.string().min(1),
  /** 1 is served first under the priority rule (defence). */
  priority: z.number().int().min(1).max(9),
  need: BuyerNeedSchema,
  note: z.string().optional(),
});
export type OfftakeBuyer = z.infer<typeof OfftakeBuyerSchema>;

/** A backed project's output by year (spread evenly over the months). */
export const OfftakeProjectSchema = z.object({
  projectId: z.string().min(1),
  name: z.string().min(1),
  iso3: z.string().regex(/^[A-Z]{3}$/),
  output: z.array(z.object({ year: z.number().int(), tonnes: z.number().nonnegative() })).min(1),
  /** Buyers this project may serve (all when absent), e.g. where a partner restricts exports. */
  eligibleBuyers: z.array(z.string()).optional(),
  sources,
});
export type OfftakeProject = z.infer<typeof OfftakeProjectSchema>;

/** A signed offtake contract: honoured before any fairness rule. */
export const OfftakeContractSchema = z.object({
  projectId: z.string().min(1),
  buyerId: z.string().min(1),
  tonnesPerYear: z.number().positive(),
  fromMonth: month,
  toMonth: month.optional(),
  sources,
  note: z.string().optional(),
});
export type OfftakeContract = z.infer<typeof OfftakeContractSchema>;

/** Projects backed, buyers' needs and signed contracts over a horizon of months. */
export const OfftakePortfolioSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    title: z.string().min(1),
    /** The network product allocated, e.g. ndfeb_sintered. */
    product: z.string().min(1),
    startMonth: month,
    months: z.number().int().min(1).max(240),
    projects: z.array(OfftakeProjectSchema).min(1),
    buyers: z.array(OfftakeBuyerSchema).min(1),
    contracts: z.array(OfftakeContractSchema).default([]),
    note: z.string().optional(),
  })
  .superRefine((p, ctx) => {
    const projects = new Set(p.projects.map((x) => x.projectId));
    const buyers = new Set(p.buyers.map((x) => x.id));
    p.buyers.forEach((b, i) => {
      if (p.buyers.findIndex((x) => x.id === b.id) !== i)
        ctx.addIssue({ code: 'custom', message: `duplicate buyer id ${b.id}`, path: ['buyers', i, 'id'] });
    });
    p.contracts.forEach((c, i) => {
      if (!projects.has(c.projectId))
        ctx.addIssue({
          code: 'custom',
          message: `unknown project ${c.projectId}`,
          path: ['contracts', i, 'projectId'],
        });
      if (!buyers.has(c.buyerId))
        ctx.addIssue({ code: 'custom', message: `unknown buyer ${c.buyerId}`, path: ['contracts', i, 'buyerId'] });
    });
    p.projects.forEach((x, i) =>
      (x.eligibleBuyers ?? []).forEach((b, j) => {
        if (!buyers.has(b))
          ctx.addIssue({ code: 'custom', message: `unknown buyer ${b}`, path: ['projects', i, 'eligibleBuyers', j] });
      }),
    );
  });
export type OfftakePortfolio = z.infer<typeof OfftakePortfolioSchema>;

export const AllocationRuleSchema = z.enum(['maxmin', 'proportional', 'priority']);
export type AllocationRule = z.infer<typeof AllocationRuleSchema>;
