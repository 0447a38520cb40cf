import { existsSync } from 'node:fs';
import { join } from 'node:path';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { Dataset } from '@lodestone/core';
import {
  type Db,
  datasetCache,
  datasetHash,
  enqueueSweep,
  LOCAL_ANALYST,
  PUBLIC,
  runSweepInProcess,
} from '@lodestone/store';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type pg from 'pg';
import { identityResolver, requireRole } from './auth.ts';
import type { ServerContext, SimulationEngine, SweepLauncher } from './context.ts';
import { errorHandler } from './http-errors.ts';
import { dataRoutes } from './routes/data.ts';
import { intakeRoutes } from './routes/intake.ts';
import { projectRoutes } from './routes/projects.ts';
import { keyRoutes } from './routes/keys.ts';
import { runRoutes } from './routes/runs.ts';
import { scenarioRoutes } from './routes/scenarios.ts';
import { sweepRoutes } from './routes/sweeps.ts';
import { trackerRoutes } from './routes/tracker.ts';
import { viewCache } from './view-cache.ts';

/** The dashboard's static build, served at / when it exists. */
export const WEB_DIST = new URL('../../web/dist/', import.meta.url).pathname;

export interface ServerOptions {
  readonly db: Db;
  readonly dataset: Dataset;
  readonly engine: SimulationEngine;
  /** Every write needs a key, even on loopback. */
  readonly requireKeys?: boolean;
  /** Requests per minute per key (or per address without one); the local user is not limited. */
  readonly rateLimitPerMinute?: number;
  /** Where sweep jobs go on PostgreSQL: this pool's queue. Without it, sweeps run in this process. */
  readonly queuePool?: pg.Pool;
  readonly webDist?: string;
  readonly logger?: FastifyServerOptions['logger'];
}

/** The API's Content-Security-Policy: the dashboard draws on canvas with inline styles; nothing loads from elsewhere. */
const CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  workerSrc: ["'self'", 'blob:'],
  objectSrc: ["'none'"],
  frameAncestors: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  // Served over plain HTTP on loopback by default: do not ask the browser to upgrade.
  upgradeInsecureRequests: null,
};

/** Builds the HTTP API (not yet listening). */
export async function buildServer(o: ServerOptions): Promise<{ app: FastifyInstance; context: ServerContext }> {
  const app = Fastify({
    logger: o.logger ?? false,
    // Behind no proxy: the socket address is the client's.
    trustProxy: false,
    bodyLimit: 2 * 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);

  const datasets = datasetCache(o.db, [o.dataset]);
  const background = new Set<Promise<unknown>>();
  const sweeps: SweepLauncher = o.queuePool
    ? { launch: (id, total, jobSize) => enqueueSweep(o.queuePool as pg.Pool, o.db.schema, id, total, jobSize) }
    : {
        launch: async (id) => {
          const work = runSweepInProcess(o.db, id, o.engine, datasets);
          background.add(work);
          void work.finally(() => background.delete(work));
        },
      };
  const context: ServerContext = {
    db: o.db,
    dataset: o.dataset,
    datasetHash: datasetHash(o.dataset),
    engine: o.engine,
    views: viewCache(),
    auth: identityResolver(o.db, { requireKeys: o.requireKeys ?? false }),
    sweeps,
    background,
  };

  app.decorateRequest('identity', null as unknown as typeof LOCAL_ANALYST);
  app.addHook('onRequest', async (req) => {
    req.identity = req.url.startsWith('/api/') ? await context.auth.resolve(req) : PUBLIC;
  });

  app.addHook('preValidation', async (req) => {
    const role = req.routeOptions.config.role;
    if (role !== undefined) requireRole(req, role);
  });

  await app.register(helmet, { contentSecurityPolicy: { directives: CSP }, crossOriginEmbedderPolicy: false });
  await app.register(rateLimit, {
    global: true,
    hook: 'preHandler',
    max: o.rateLimitPerMinute ?? 600,
    timeWindow: 60_000,
    keyGenerator: (req) => (req.identity.id === 'public' ? `ip:${req.ip}` : `key:${req.identity.id}`),
    allowList: (req) => req.identity.id === LOCAL_ANALYST.id,
  });
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Lodestone API',
        description:
          'Critical-mineral and rare-earth supply-chain security: atlas, criticality, export controls, scenarios and sweeps',
        version: '0.1.0',
      },
      components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } } },
      security: [{ apiKey: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(swaggerUi, {
    routePrefix: '/docs',
    // Its own policy for the reference page: nothing from other origins, no upgrade to HTTPS on loopback.
    staticCSP:
      "default-src 'self'; base-uri 'self'; font-src 'self' data:; frame-ancestors 'none'; img-src 'self' data:; " +
      "object-src 'none'; script-src 'self'; script-src-attr 'none'; style-src 'self' 'unsafe-inline'",
    uiConfig: { validatorUrl: null },
  });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(dataRoutes(context));
  await app.register(scenarioRoutes(context));
  await app.register(runRoutes(context));
  await app.register(sweepRoutes(context));
  await app.register(keyRoutes(context));
  await app.register(intakeRoutes(context));
  await app.register(trackerRoutes(context));
  await app.register(projectRoutes(context));

  const web = o.webDist ?? WEB_DIST;
  const hasWeb = existsSync(join(web, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: web, wildcard: false, index: ['index.html'] });
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith('/api/') || req.method !== 'GET' || !hasWeb)
      return reply.status(404).send({ error: 'not_found', message: `no route ${req.method} ${req.url.split('?')[0]}` });
    // Client-side routes of the dashboard: serve its entry page.
    return reply.type('text/html').sendFile('index.html');
  });
  return { app, context };
}
