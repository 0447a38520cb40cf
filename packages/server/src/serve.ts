import type { Dataset } from '@lodestone/core';
import {
  datasetCache,
  describeLocation,
  failAbandonedRuns,
  openStore,
  postgresPoolFor,
  startSweepWorker,
  type StoreLocation,
  type SweepWorker,
} from '@lodestone/store';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import type pg from 'pg';
import { buildServer } from './app.ts';
import type { SimulationEngine } from './context.ts';

export interface ServeOptions {
  readonly location: StoreLocation;
  readonly dataset: Dataset;
  readonly datasetFile: string;
  readonly engine: SimulationEngine;
  readonly host: string;
  readonly port: number;
  readonly requireKeys?: boolean;
  readonly rateLimitPerMinute?: number;
  /** On PostgreSQL, also run sweep jobs in this process (default true). */
  readonly worker?: boolean;
  readonly logger?: FastifyServerOptions['logger'];
  readonly webDist?: string;
}

export interface RunningServer {
  readonly app: FastifyInstance;
  readonly url: string;
  readonly database: string;
  /** Stops accepting connections, finishes requests in flight, then closes the worker and the database. */
  close(): Promise<void>;
}

/** Opens (migrates, seeds) the store and serves the API and the dashboard on host:port. */
export async function startServer(o: ServeOptions): Promise<RunningServer> {
  const db = await openStore(o.location, o.dataset, o.datasetFile);
  // The embedded database belongs to this process alone: runs it left unfinished can only be abandoned.
  if (o.location.kind === 'pglite') await failAbandonedRuns(db);
  let pool: pg.Pool | undefined;
  let worker: SweepWorker | undefined;
  try {
    if (o.location.kind === 'postgres') {
      pool = postgresPoolFor(o.location.url, o.location.schema);
      if (o.worker ?? true)
        worker = await startSweepWorker({ db, pool, engine: o.engine, dataset: datasetCache(db, [o.dataset]) });
    }
    const { app, context } = await buildServer({
      db,
      dataset: o.dataset,
      engine: o.engine,
      ...(pool ? { queuePool: pool } : {}),
      ...(o.requireKeys === undefined ? {} : { requireKeys: o.requireKeys }),
      ...(o.rateLimitPerMinute === undefined ? {} : { rateLimitPerMinute: o.rateLimitPerMinute }),
      ...(o.logger === undefined ? {} : { logger: o.logger }),
      ...(o.webDist === undefined ? {} : { webDist: o.webDist }),
    });
    const url = await app.listen({ host: o.host, port: o.port });
    let closing: Promise<void> | undefined;
    return {
      app,
      url,
      database: describeLocation(o.location),
      close: () =>
        (closing ??= (async () => {
          await app.close();
          // Runs still computing are left to be marked failed at the next start; wait briefly for short ones.
          await Promise.race([Promise.allSettled([...context.background]), new Promise((r) => setTimeout(r, 3000))]);
          await worker?.stop();
          await pool?.end();
          await db.close();
        })()),
    };
  } catch (e) {
    await worker?.stop();
    await pool?.end();
    await db.close();
    throw e;
  }
}
