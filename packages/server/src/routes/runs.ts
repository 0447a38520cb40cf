import { type Dataset, SimulationReportSchema } from '@lodestone/core';
import {
  createRun,
  failRun,
  finishRun,
  getRun,
  getScenario,
  listRuns,
  markRunProgress,
  type StoredRun,
} from '@lodestone/store';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { HttpProblem, notFound } from '../http-errors.ts';

/** Default seed of runs, the engine's, so two runs without a seed agree. */
const DEFAULT_SEED = 20251028;

const RunStatus = z.enum(['queued', 'running', 'done', 'failed']);
const RunResponse = z.object({
  id: z.string(),
  scenario: z.string(),
  status: RunStatus,
  progress: z.object({ done: z.number(), total: z.number() }),
  createdAt: z.string(),
  inputs: z.object({
    datasetVersion: z.string(),
    datasetHash: z.string(),
    scenario: z.unknown(),
    seed: z.number(),
    months: z.number(),
    runs: z.number(),
  }),
  report: SimulationReportSchema.optional(),
  error: z.string().optional(),
});

const runView = (r: StoredRun) => ({
  id: r.id,
  scenario: r.scenario,
  status: r.status,
  progress: r.progress,
  createdAt: r.createdAt,
  inputs: r.inputs,
  ...(r.report ? { report: r.report } : {}),
  ...(r.error !== undefined ? { error: r.error } : {}),
});

let queue: Promise<unknown> = Promise.resolve();

/** Runs one simulation in the background, after those before it, writing progress and the report to the store. */
function execute(ctx: ServerContext, run: StoredRun, dataset: Dataset): Promise<void> {
  let last = 0;
  const work = queue.then(async () => {
    try {
      await markRunProgress(ctx.db, run.id, 0);
      const report = await ctx.engine.simulate(dataset, run.inputs.scenario, {
        months: run.inputs.months,
        runs: run.inputs.runs,
        seed: run.inputs.seed,
        onProgress: (done) => {
          const now = performance.now();
          if (now - last > 250) {
            last = now;
            void markRunProgress(ctx.db, run.id, done).catch(() => undefined);
          }
        },
      });
      await finishRun(ctx.db, run.id, report);
    } catch (e) {
      await failRun(ctx.db, run.id, e instanceof Error ? e.message : String(e)).catch(() => undefined);
    }
  });
  queue = work;
  ctx.background.add(work);
  void work.finally(() => ctx.background.delete(work));
  return work;
}

export function runRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/scenarios/:id/runs',
      {
        config: { role: 'analyst' },
        schema: {
          tags: ['runs'],
          summary: 'Simulate a scenario (analyst): the central case, and P5/P50/P95 bands when runs > 1',
          params: z.object({ id: z.string() }),
          body: z
            .object({
              months: z.number().int().min(1).max(120).optional(),
              runs: z.number().int().min(1).max(2000).default(1),
              seed: z
                .number()
                .int()
                .min(0)
                .max(2 ** 31 - 1)
                .default(DEFAULT_SEED),
            })
            .default({ runs: 1, seed: DEFAULT_SEED }),
          response: { 202: z.object({ runId: z.string(), status: RunStatus }) },
        },
      },
      async (req, reply) => {
        const who = requireRole(req, 'analyst');
        const stored = await getScenario(ctx.db, req.params.id, who);
        if (!stored) throw notFound(`scenario ${req.params.id}`);
        const scenario = stored.scenario;
        const run = await createRun(
          ctx.db,
          {
            datasetVersion: ctx.dataset.version,
            datasetHash: ctx.datasetHash,
            scenario,
            seed: req.body.seed,
            months: req.body.months ?? scenario.horizonMonths,
            runs: req.body.runs,
          },
          who,
          stored.partners,
        );
        void execute(ctx, run, ctx.dataset);
        return reply.status(202).send({ runId: run.id, status: run.status });
      },
    );

    app.get(
      '/api/runs',
      {
        schema: {
          tags: ['runs'],
          summary: 'Runs visible to the caller, newest first (without reports)',
          querystring: z.object({ scenario: z.string().optional() }),
          response: { 200: z.array(RunResponse) },
        },
      },
      async (req) => (await listRuns(ctx.db, req.identity, req.query.scenario)).map(runView),
    );

    app.get(
      '/api/runs/:runId',
      {
        schema: {
          tags: ['runs'],
          summary: 'A run: status, progress, the inputs that produced it and, when done, its report',
          params: z.object({ runId: z.string() }),
          response: { 200: RunResponse },
        },
      },
      async (req) => {
        const run = await getRun(ctx.db, req.params.runId, req.identity);
        if (!run) throw notFound(`run ${req.params.runId}`);
        return runView(run);
      },
    );

    app.get(
      '/api/runs/:runId/explain',
      {
        schema: {
          tags: ['runs'],
          summary: "Why a country runs short of a product in a month of the run's central case",
          params: z.object({ runId: z.string() }),
          querystring: z.object({
            iso3: z.string().regex(/^([A-Z]{3}|ROW)$/, 'an ISO3 code or ROW'),
            product: z.string().min(1),
            month: z.union([
              z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM or a month number'),
              z.coerce.number().int().positive(),
            ]),
          }),
          response: { 200: z.unknown() },
        },
      },
      async (req) => {
        const run = await getRun(ctx.db, req.params.runId, req.identity);
        if (!run) throw notFound(`run ${req.params.runId}`);
        if (run.inputs.datasetHash !== ctx.datasetHash)
          throw new HttpProblem('conflict', `run ${run.id} was made with dataset ${run.inputs.datasetVersion}`);
        const result = await ctx.engine.explain(ctx.dataset, run.inputs.scenario, {
          iso3: req.query.iso3,
          product: req.query.product,
          month: req.query.month,
          months: run.inputs.months,
        });
        if (typeof result === 'object' && result !== null && 'error' in result)
          throw new HttpProblem('not_found', String((result as { error: unknown }).error));
        return result;
      },
    );
  };
}
