import {
  atlasEntry,
  atlasView,
  BuyerSchema,
  ChainSchema,
  commodityCatalogue,
  controlsTimelineView,
  controlsView,
  criticalityRowView,
  criticalityRows,
  defaultStage,
  latestYear,
  rankingView,
  rankSeries,
  regimeStatusDate,
  resolveCommodityName,
  resolveControlItem,
  sankeyView,
  networkView,
  StageSchema,
} from '@lodestone/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServerContext } from '../context.ts';
import { HttpProblem, notFound } from '../http-errors.ts';

const Iso3 = z
  .string()
  .transform((s) => s.toUpperCase())
  .pipe(z.string().regex(/^[A-Z]{3}$/, 'an ISO 3166-1 alpha-3 code'));
const Bool = z.enum(['true', 'false']).transform((v) => v === 'true');
const AfterSuspension = z.enum(['unknown', 'lapsed', 'extended']).default('unknown');
const EndUser = z.enum(['civil', 'military']).optional();
const json = { 200: z.unknown() };

/** Read-only routes over the loaded dataset; every answer is computed once and served from memory. */
export function dataRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  const { dataset, views } = ctx;
  const send = (key: string, build: () => unknown) => views(key, build);
  const item = (input: string | undefined) => {
    if (input === undefined) return undefined;
    const found = resolveControlItem(dataset, input);
    if (!found) throw new HttpProblem('not_found', `unknown item "${input}"`);
    return found;
  };
  return async (app) => {
    app.get(
      '/api/health',
      {
        schema: {
          tags: ['data'],
          summary: 'Liveness, the database in use and the dataset version',
          response: {
            200: z.object({ ok: z.boolean(), database: z.enum(['pglite', 'postgres']), datasetVersion: z.string() }),
          },
        },
      },
      async () => {
        await ctx.db.query('SELECT 1');
        return { ok: true, database: ctx.db.kind, datasetVersion: dataset.version };
      },
    );

    app.get(
      '/api/commodities',
      { schema: { tags: ['data'], summary: 'Commodities with their stages and the years each has figures for' } },
      async (_req, reply) =>
        reply.type('application/json').send(send('commodities', () => commodityCatalogue(dataset))),
    );

    app.get(
      '/api/atlas',
      {
        schema: {
          tags: ['data'],
          summary: 'Production or capacity by country with shares, HHI, top-3, China and allied shares (atlas --json)',
          querystring: z.object({
            commodity: z.string().min(1),
            stage: StageSchema.optional(),
            year: z.coerce.number().int().min(1900).max(2100).optional(),
            metric: z.enum(['production', 'capacity']).default('production'),
          }),
          response: json,
        },
      },
      async (req, reply) => {
        const q = req.query;
        const body = send(`atlas|${q.commodity}|${q.stage ?? ''}|${q.year ?? ''}|${q.metric}`, () => {
          const commodity = resolveCommodityName(dataset, q.commodity);
          if (!commodity) throw new HttpProblem('not_found', `unknown commodity "${q.commodity}"`);
          const stage = q.stage ?? defaultStage(dataset, commodity);
          const year = q.year ?? latestYear(dataset, commodity);
          if (stage === undefined || year === undefined) throw notFound(`figures for ${commodity}`);
          const result = atlasEntry(dataset, { commodity, stage, year, metric: q.metric });
          if (!result.ok)
            throw new HttpProblem(
              'not_found',
              result.error.code === 'unknown-series'
                ? `no ${stage} series for ${commodity}; stages with data: ${result.error.available.join(', ')}`
                : `no ${q.metric} data for ${commodity}/${stage} in ${year}; years with data: ${result.error.availableYears.join(', ') || 'none'}`,
            );
          return atlasView(result.value);
        });
        return reply.type('application/json').send(body);
      },
    );

    app.get(
      '/api/ranking',
      {
        schema: {
          tags: ['data'],
          summary: 'Every series ranked by a concentration measure (atlas --rank --json)',
          querystring: z.object({
            by: z.enum(['hhi', 'chinaShare', 'outsideAlliedShare', 'top1Share']).default('hhi'),
            critical: Bool.default(false),
            stage: StageSchema.optional(),
            year: z.coerce.number().int().min(1900).max(2100).optional(),
            metric: z.enum(['production', 'capacity']).default('production'),
          }),
          response: json,
        },
      },
      async (req, reply) => {
        const q = req.query;
        const body = send(`ranking|${q.by}|${q.critical}|${q.stage ?? ''}|${q.year ?? ''}|${q.metric}`, () => {
          const year = q.year ?? latestYear(dataset);
          if (year === undefined) throw notFound('production figures');
          return rankingView(
            rankSeries(dataset, {
              year,
              by: q.by,
              metric: q.metric,
              criticalOnly: q.critical,
              ...(q.stage ? { stage: q.stage } : {}),
            }),
          );
        });
        return reply.type('application/json').send(body);
      },
    );

    app.get(
      '/api/criticality',
      {
        schema: {
          tags: ['data'],
          summary: 'EU-method supply risk and economic importance for a buyer, each with its derivation',
          querystring: z.object({
            buyer: z
              .string()
              .transform((b) => (b.toLowerCase() === 'allied' ? 'allied' : b.toUpperCase()))
              .pipe(BuyerSchema)
              .default('EU'),
          }),
          response: json,
        },
      },
      async (req, reply) =>
        reply
          .type('application/json')
          .send(
            send(`criticality|${req.query.buyer}`, () =>
              criticalityRows(dataset, req.query.buyer).map(({ result }) => criticalityRowView(result)),
            ),
          ),
    );

    app.get(
      '/api/network',
      {
        schema: {
          tags: ['data'],
          summary: 'The multi-tier network of a chain: products, coefficients, output, demand, balance, flows',
          querystring: z.object({ chain: z.union([ChainSchema, z.literal('all')]).default('all') }),
          response: json,
        },
      },
      async (req, reply) =>
        reply
          .type('application/json')
          .send(send(`network|${req.query.chain}`, () => networkView(dataset, req.query.chain))),
    );

    app.get(
      '/api/network/sankey',
      {
        schema: {
          tags: ['data'],
          summary: 'Baseline annual flows of a chain, mine to end use, by country',
          querystring: z.object({ chain: ChainSchema.default('magnets') }),
          response: json,
        },
      },
      async (req, reply) =>
        reply
          .type('application/json')
          .send(send(`sankey|${req.query.chain}`, () => sankeyView(dataset, req.query.chain))),
    );

    app.get(
      '/api/controls',
      {
        schema: {
          tags: ['data'],
          summary: "China's export controls in force on a date, for an item and a destination",
          querystring: z.object({
            at: z.iso.date({ message: 'a date as YYYY-MM-DD' }).optional(),
            item: z.string().min(1).optional(),
            destination: Iso3.optional(),
            endUser: EndUser,
            afterSuspension: AfterSuspension,
          }),
          response: json,
        },
      },
      async (req, reply) => {
        const q = req.query;
        const date = q.at ?? regimeStatusDate(dataset);
        const body = send(
          `controls|${date}|${q.item ?? ''}|${q.destination ?? ''}|${q.endUser ?? ''}|${q.afterSuspension}`,
          () =>
            controlsView(dataset, {
              date,
              afterSuspension: q.afterSuspension,
              item: item(q.item),
              destination: q.destination,
              endUser: q.endUser,
            }),
        );
        return reply.type('application/json').send(body);
      },
    );

    app.get(
      '/api/controls/timeline',
      {
        schema: {
          tags: ['data'],
          summary: "Each item's control states over time for a destination",
          querystring: z.object({
            item: z.string().min(1).optional(),
            destination: Iso3.optional(),
            endUser: EndUser,
            afterSuspension: AfterSuspension,
          }),
          response: json,
        },
      },
      async (req, reply) => {
        const q = req.query;
        const body = send(
          `timeline|${q.item ?? ''}|${q.destination ?? ''}|${q.endUser ?? ''}|${q.afterSuspension}`,
          () =>
            controlsTimelineView(dataset, {
              item: item(q.item),
              destination: q.destination,
              endUser: q.endUser,
              afterSuspension: q.afterSuspension,
            }),
        );
        return reply.type('application/json').send(body);
      },
    );

    app.get('/api/sources', { schema: { tags: ['data'], summary: 'The source registry' } }, async (_req, reply) =>
      reply.type('application/json').send(send('sources', () => dataset.sources)),
    );

    app.get(
      '/api/sources/:id',
      {
        schema: {
          tags: ['data'],
          summary: 'One source: publication, table, licence, confidence',
          params: z.object({ id: z.string().min(1) }),
          response: json,
        },
      },
      async (req, reply) => {
        const source = dataset.sources.find((s) => s.id === req.params.id);
        if (!source) throw notFound(`source "${req.params.id}"`);
        return reply.type('application/json').send(send(`source|${source.id}`, () => source));
      },
    );
  };
}
