import { SimulationReportSchema } from '@lodestone/core';
import { createSweep, getScenario, sweepProgress } from '@lodestone/store';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { notFound } from '../http-errors.ts';

export function sweepRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/sweeps',
      {
        config: { role: 'analyst' },
        schema: {
          tags: ['sweeps'],
          summary: 'A large Monte Carlo sweep (analyst), split into jobs of 50–200 runs for any number of workers',
          body: z.object({
            scenario: z.string().min(1),
            runs: z.number().int().min(1).max(1_000_000),
            seed: z
              .number()
              .int()
              .min(0)
              .max(2 ** 31 - 1),
            months: z.number().int().min(1).max(120).optional(),
            jobSize: z.number().int().min(50).max(200).default(100),
          }),
          response: { 202: z.object({ sweepId: z.string() }) },
        },
      },
      async (req, reply) => {
        const who = requireRole(req, 'analyst');
        const stored = await getScenario(ctx.db, req.body.scenario, who);
        if (!stored) throw notFound(`scenario ${req.body.scenario}`);
        const sweep = await createSweep(
          ctx.db,
          {
            scenario: stored.scenario,
            total: req.body.runs,
            jobSize: req.body.jobSize,
            seed: req.body.seed,
            months: req.body.months ?? stored.scenario.horizonMonths,
            datasetVersion: ctx.dataset.version,
            datasetHash: ctx.datasetHash,
          },
          who,
          stored.partners,
        );
        await ctx.sweeps.launch(sweep.id, sweep.total, sweep.jobSize);
        return reply.status(202).send({ sweepId: sweep.id });
      },
    );

    app.get(
      '/api/sweeps/:id',
      {
        schema: {
          tags: ['sweeps'],
          summary: "A sweep's progress (runs done of total) and, once complete, the merged P5/P50/P95 report",
          params: z.object({ id: z.string() }),
          response: {
            200: z.object({
              id: z.string(),
              scenario: z.string(),
              status: z.enum(['queued', 'running', 'merging', 'done', 'failed']),
              done: z.number(),
              total: z.number(),
              jobSize: z.number(),
              seed: z.number(),
              months: z.number(),
              datasetVersion: z.string(),
              report: SimulationReportSchema.optional(),
              error: z.string().optional(),
            }),
          },
        },
      },
      async (req) => {
        const s = await sweepProgress(ctx.db, req.params.id, req.identity);
        if (!s) throw notFound(`sweep ${req.params.id}`);
        return {
          id: s.id,
          scenario: s.scenarioId,
          status: s.status,
          done: s.done,
          total: s.total,
          jobSize: s.jobSize,
          seed: s.seed,
          months: s.months,
          datasetVersion: s.datasetVersion,
          ...(s.report ? { report: s.report } : {}),
          ...(s.error !== null ? { error: s.error } : {}),
        };
      },
    );
  };
}
