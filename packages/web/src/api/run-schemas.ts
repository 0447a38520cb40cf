// Scenario and run shapes: the core's schemas, so the form validates exactly as the server does.
import { ScenarioSchema, SimulationReportSchema } from '@lodestone/core';
import { z } from 'zod';

export { ScenarioSchema };
export type { Scenario, SimulationReport } from '@lodestone/core';

/** `GET /api/scenarios`: each scenario, with whether it is built in where the server says so. */
export const ScenarioListSchema = z.array(z.looseObject({ ...ScenarioSchema.shape, builtIn: z.boolean().optional() }));

export const RunStatusSchema = z.enum(['queued', 'running', 'done', 'failed']);

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

/** `GET /api/runs/:id/explain`: free-form lines of the explanation; the contract fixes no more. */
export const ExplanationSchema = z.unknown();
