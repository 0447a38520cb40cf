import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Framework, FrameworkSchema, frameworkSources, frameworkStatus } from '@lodestone/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ServerContext } from '../context.ts';
import { HttpProblem } from '../http-errors.ts';

/** The bundled frameworks (one JSON file each). */
const FRAMEWORKS_DIR = new URL('../../../../data/frameworks/', import.meta.url).pathname;

/** Every framework in `dir`, validated; an error names the file and JSON path. */
function readFrameworks(dir = FRAMEWORKS_DIR): Framework[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const parsed = FrameworkSchema.safeParse(JSON.parse(readFileSync(join(dir, f), 'utf8')));
      if (!parsed.success)
        throw new Error(
          parsed.error.issues.map((i) => `frameworks/${f} at ${i.path.join('.')}: ${i.message}`).join('\n'),
        );
      return parsed.data;
    });
}

const FrameworkSummary = z.object({
  id: z.string(),
  title: z.string(),
  parties: z.array(z.string()),
  signedOn: z.string(),
  sources: z.array(z.string()),
  commitments: z.array(z.object({ id: z.string(), category: z.string(), sources: z.array(z.string()) })),
});

/** The calendar day on the server's clock, UTC. */
const today = (): string => new Date().toISOString().slice(0, 10);

/**
 * GET /api/tracker: each framework commitment done, on track, overdue or unknown on a date (`lodestone tracker
 * --json`), and GET /api/tracker/frameworks: the frameworks to choose from, with the sources of each commitment.
 */
export function trackerRoutes(ctx: ServerContext, o: { frameworks?: readonly Framework[]; today?: () => string } = {}) {
  const all = o.frameworks ?? readFrameworks();
  const known = new Set<string>(ctx.dataset.sources.map((s) => s.id));
  for (const f of all) {
    const missing = frameworkSources(f).filter((id) => !known.has(id));
    if (missing.length > 0) throw new Error(`frameworks/${f.id}.json: unknown sources ${missing.join(', ')}`);
  }
  const clock = o.today ?? today;
  const plugin: FastifyPluginAsyncZod = async (app) => {
    app.get(
      '/api/tracker/frameworks',
      {
        schema: {
          tags: ['tracker'],
          summary: 'The bilateral frameworks the tracker follows, with the sources of each commitment',
          response: { 200: z.array(FrameworkSummary) },
        },
      },
      async () =>
        all.map((f) => ({
          id: f.id,
          title: f.title,
          parties: f.parties,
          signedOn: f.signedOn,
          sources: f.sources,
          commitments: f.commitments.map((c) => ({ id: c.id, category: c.category, sources: c.sources })),
        })),
    );

    app.get(
      '/api/tracker',
      {
        schema: {
          tags: ['tracker'],
          summary:
            'Each framework commitment done, on track, overdue or unknown on a date, and its capital (tracker --json)',
          querystring: z.object({
            framework: z.string().min(1).optional().describe('a framework id, e.g. us-jp-2025; all when absent'),
            asOf: z.iso.date('give asOf as YYYY-MM-DD').optional().describe('the day judged; today when absent'),
          }),
          response: { 200: z.unknown() },
        },
      },
      async (req, reply) => {
        const { framework } = req.query;
        const chosen = framework === undefined ? all : all.filter((f) => f.id === framework);
        if (chosen.length === 0)
          throw new HttpProblem(
            'not_found',
            `unknown framework "${framework}"; known: ${all.map((f) => f.id).join(', ')}`,
          );
        const asOf = req.query.asOf ?? clock();
        const body = ctx.views(`tracker|${framework ?? ''}|${asOf}`, () => chosen.map((f) => frameworkStatus(f, asOf)));
        return reply.type('application/json').send(body);
      },
    );
  };
  return plugin;
}
