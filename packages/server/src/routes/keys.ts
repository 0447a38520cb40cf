import { createApiKey, listApiKeys, revokeApiKey, RoleSchema } from '@lodestone/store';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireRole } from '../auth.ts';
import type { ServerContext } from '../context.ts';
import { notFound } from '../http-errors.ts';

const KeyRecord = z.object({
  id: z.string(),
  role: RoleSchema,
  partners: z.array(z.string()),
  label: z.string().nullable(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});

export function keyRoutes(ctx: ServerContext): FastifyPluginAsyncZod {
  return async (app) => {
    app.post(
      '/api/keys',
      {
        config: { role: 'admin' },
        schema: {
          tags: ['keys'],
          summary: 'Create an API key (admin); the key is shown once, only its hash is kept',
          body: z.object({
            role: RoleSchema,
            partners: z.array(z.string().regex(/^[A-Z]{3}$/, 'an ISO 3166-1 alpha-3 code')).default([]),
            label: z.string().max(200).optional(),
          }),
          response: {
            201: z.object({ id: z.string(), key: z.string(), role: RoleSchema, partners: z.array(z.string()) }),
          },
        },
      },
      async (req, reply) => {
        requireRole(req, 'admin');
        const created = await createApiKey(ctx.db, {
          role: req.body.role,
          partners: req.body.partners,
          ...(req.body.label === undefined ? {} : { label: req.body.label }),
        });
        ctx.auth.keysChanged();
        return reply
          .status(201)
          .send({ id: created.id, key: created.key, role: created.role, partners: created.partners });
      },
    );

    app.get(
      '/api/keys',
      {
        schema: {
          tags: ['keys'],
          summary: 'Every key, without secrets (admin)',
          response: { 200: z.array(KeyRecord) },
        },
      },
      async (req) => {
        requireRole(req, 'admin');
        return listApiKeys(ctx.db);
      },
    );

    app.delete(
      '/api/keys/:id',
      {
        config: { role: 'admin' },
        schema: {
          tags: ['keys'],
          summary: 'Revoke a key (admin)',
          params: z.object({ id: z.string() }),
          response: { 204: z.null() },
        },
      },
      async (req, reply) => {
        requireRole(req, 'admin');
        if (!(await revokeApiKey(ctx.db, req.params.id))) throw notFound(`active key ${req.params.id}`);
        ctx.auth.keysChanged();
        return reply.status(204).send(null);
      },
    );
  };
}
