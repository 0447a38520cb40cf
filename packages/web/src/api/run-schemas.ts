// Scenario and run shapes: the core's schemas, so the form validates exactly as the server does.
import { ScenarioSchema, SimulationReportSchema } from './core-models.ts';
import { z } from 'zod';

export { ScenarioSchema };
export type { Scenario, SimulationReport } from './core-models.ts';

/** `GET /api/scenarios`: each scenario, with whether it is built in where the server says so. */
export const ScenarioListSchema = z.array(z.looseObject({ ...ScenarioSchema.shape, builtIn: z.boolean().optional() }));

const RunStatusSchema = z.enum(['queued', 'running', 'done', 'failed']);

export const RunSchema = z.object({
  id: z.string(),
  scenario: z.string(),
  status: RunStatusSchema,
  progress: z.object({ done: z.number(), total: z.number() }),
  createdAt: z.string(),
  inputs: z.looseObject({ seed: z.number().optional(), months: z.number().optional(), runs: z.number().optional() }),
  report: SimulationReportSchema.optional().nullable(),
  error: z.string().optional().nullable(),
});
export type Run = z.infer<typeof RunSchema>;

export const RunListSchema = z.array(RunSchema.omit({ report: true }).extend({ report: z.unknown().optional() }));

export const RunCreatedSchema = z.object({ runId: z.string(), status: RunStatusSchema });

interface ExplanationNode {
  iso3: string;
  product: string;
  month: string;
  demand: number;
  supplied: number;
  marginalValue?: number | undefined;
  scarce?: boolean | undefined;
  receipts: { from: string; quantity: number; baseline: number }[];
  binding: string[];
  finalShortfall: { endUse: string; demand: number; shortfall: number }[];
  upstream: ExplanationNode[];
}

/** `GET /api/runs/:id/explain`: why a country runs short of a product in a month, and the scarce inputs upstream. */
export const ExplanationNodeSchema: z.ZodType<ExplanationNode> = z.lazy(() =>
  z.object({
    iso3: z.string(),
    product: z.string(),
    month: z.string(),
    demand: z.number(),
    supplied: z.number(),
    marginalValue: z.number().optional(),
    scarce: z.boolean().optional(),
    receipts: z.array(z.object({ from: z.string(), quantity: z.number(), baseline: z.number() })).default([]),
    binding: z.array(z.string()).default([]),
    finalShortfall: z.array(z.object({ endUse: z.string(), demand: z.number(), shortfall: z.number() })).default([]),
    upstream: z.array(ExplanationNodeSchema).default([]),
  }),
);
export type Explanation = z.infer<typeof ExplanationNodeSchema>;
