import { parseScenario, ScenarioSchema, scenarioReferencesOf } from '@lodestone/core';
import {
  createScenario,
  getScenario,
  type Identity,
  listScenarios,
  type StoredScenario,
  updateScenario,
} from '@lodestone/store';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { HttpProblem, notFound } from '../http-errors.ts';

const Partners = z.array(z.string().regex(/^[A-Z]{3}$/, 'an ISO 3166-1 alpha-3 code')).min(1);

/** A scenario document and, optionally, the partner countries it is restricted to. */
const ScenarioBody = ScenarioSchema.extend({
  partners: Partners.nullable().optional().describe('restrict the record to keys of these partners (ISO3)'),
});

const ScenarioResponse = ScenarioSchema.extend({
  builtIn: z.boolean(),
  partners: z.array(z.string()).nullable(),
  editable: z.boolean(),
});

const view = (s: StoredScenario, who: Identity) => ({
  ...s.scenario,
  builtIn: s.builtIn,
  partners: s.partners,
  editable: !s.builtIn && (s.owner === who.id || who.role === 'admin'),
});

export function scenarioRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  const refs = scenarioReferencesOf(ctx.dataset);
  /** The references check of the core (unknown measures, items, countries), as 400 issues with JSON paths. */
  const checked = (body: z.infer<typeof ScenarioBody>) => {
    const { partners, ...document } = body;
    const parsed = parseScenario(document, 'body', refs);
    if (!parsed.ok)
      throw new HttpProblem(
        'bad_request',
        'the scenario refers to unknown records',
        parsed.error.map((i) => ({ path: (i.column ?? '$').replace(/^\$/, 'body'), message: i.message })),
      );
    return { scenario: parsed.value, partners };
  };
  return async (app) => {
    app.get(
      '/api/scenarios',
      {
        schema: {
          tags: ['scenarios'],
          summary: 'Built-in and stored scenarios visible to the caller',
          response: { 200: z.array(ScenarioResponse) },
        },
      },
      async (req) => (await listScenarios(ctx.db, req.identity)).map((s) => view(s, req.identity)),
    );

    app.get(
      '/api/scenarios/:id',
      {
        schema: {
          tags: ['scenarios'],
          summary: 'One scenario',
          params: z.object({ id: z.string() }),
          response: { 200: ScenarioResponse },
        },
      },
      async (req) => {
        const s = await getScenario(ctx.db, req.params.id, req.identity);
        if (!s) throw notFound(`scenario ${req.params.id}`);
        return view(s, req.identity);
      },
    );

    app.post(
      '/api/scenarios',
      {
        config: { role: 'analyst' },
        schema: {
          tags: ['scenarios'],
          summary: 'Store a new scenario (analyst); `partners` restricts who may see it',
          body: ScenarioBody,
          response: { 201: ScenarioResponse },
        },
      },
      async (req, reply) => {
        const who = requireRole(req, 'analyst');
        const { scenario, partners } = checked(req.body);
        const stored = await createScenario(ctx.db, scenario, who, partners ?? null);
        if ('code' in stored) throw new HttpProblem('conflict', stored.message);
        return reply.status(201).send(view(stored, who));
      },
    );

    app.put(
      '/api/scenarios/:id',
      {
        config: { role: 'analyst' },
        schema: {
          tags: ['scenarios'],
          summary: 'Replace a stored scenario (its owner, or an admin); every edit is kept in the history',
          params: z.object({ id: z.string() }),
          body: ScenarioBody,
          response: { 200: ScenarioResponse },
        },
      },
      async (req) => {
        const who = requireRole(req, 'analyst');
        const { scenario, partners } = checked(req.body);
        if (scenario.id !== req.params.id)
          throw new HttpProblem('bad_request', 'the id in the body differs from the path', [
            { path: 'body.id', message: `expected "${req.params.id}"` },
          ]);
        const stored = await updateScenario(ctx.db, req.params.id, scenario, who, partners);
        if ('code' in stored)
          throw new HttpProblem(stored.code === 'not-found' ? 'not_found' : 'forbidden', stored.message);
        return view(stored, who);
      },
    );
  };
}
