import { EventEmitter } from 'node:events';
import { hostname } from 'node:os';
import { Logger, makeWorkerUtils, run, type Runner, type Task, type WorkerEvents } from 'graphile-worker';
import type pg from 'pg';
import type { Dataset } from '@lodestone/core';
import type { Db } from './db.ts';
import { mergeSweep, runSweepJob, type SweepEngine } from './sweep-runner.ts';
import { type SweepJob, sweepJobs } from './sweeps.ts';

/** The job queue's schema beside the tables' schema (`graphile_worker` for the default one). */
export const queueSchemaFor = (schema: string): string => (schema === 'public' ? 'graphile_worker' : `${schema}_queue`);

const quiet = new Logger(() => () => undefined);

const isSweepJob = (p: unknown): p is SweepJob =>
  typeof p === 'object' &&
  p !== null &&
  typeof (p as SweepJob).sweepId === 'string' &&
  Number.isInteger((p as SweepJob).first) &&
  Number.isInteger((p as SweepJob).count);

/** Puts a sweep's jobs on the queue; each has a job key, so enqueuing twice adds nothing. */
export async function enqueueSweep(pool: pg.Pool, schema: string, sweepId: string, total: number, jobSize: number) {
  const utils = await makeWorkerUtils({ pgPool: pool, schema: queueSchemaFor(schema), logger: quiet });
  try {
    await utils.migrate();
    for (const job of sweepJobs(sweepId, total, jobSize))
      await utils.addJob('sweep_job', job, { jobKey: `${sweepId}:${job.first}`, maxAttempts: 25 });
  } finally {
    await utils.release();
  }
}

export interface SweepWorkerOptions {
  readonly db: Db;
  readonly pool: pg.Pool;
  readonly engine: SweepEngine;
  readonly dataset: (version: string) => Promise<Dataset>;
  /** Jobs run at once by this process. */
  readonly concurrency?: number;
  /** A worker silent for this long is presumed dead and its jobs are released to others. */
  readonly staleAfterMs?: number;
  readonly heartbeatMs?: number;
  readonly onJob?: (job: SweepJob) => void;
}

export interface SweepWorker {
  /** Finishes the jobs in hand, then stops. */
  stop(): Promise<void>;
  readonly workerIds: readonly string[];
}

/**
 * Runs sweep jobs from the queue in PostgreSQL (graphile-worker). Outcomes are written idempotently, and the
 * last job of a sweep queues its merge. Workers heartbeat; a worker that stops heartbeating (killed, machine
 * lost) has its locked jobs released by the others, so its runs are redone rather than lost.
 */
export async function startSweepWorker(o: SweepWorkerOptions): Promise<SweepWorker> {
  const queueSchema = queueSchemaFor(o.db.schema);
  const staleAfterMs = o.staleAfterMs ?? 15_000;
  const heartbeatMs = o.heartbeatMs ?? 2_000;
  const workerIds: string[] = [];
  const events: WorkerEvents = new EventEmitter();
  // Jobs are locked in the name of the worker pool: that id is the one to announce and, once silent, release.
  events.on('pool:create', ({ workerPool }) => {
    workerIds.push(workerPool.id);
    void o.db
      .query(
        `INSERT INTO sweep_workers (worker_id, host) VALUES ($1, $2)
         ON CONFLICT (worker_id) DO UPDATE SET heartbeat_at = now()`,
        [workerPool.id, hostname()],
      )
      .catch(() => undefined);
  });
  const sweepJob: Task = async (payload, helpers) => {
    if (!isSweepJob(payload)) throw new Error('not a sweep job');
    o.onJob?.(payload);
    const complete = await runSweepJob(o.db, payload, o.engine, o.dataset);
    if (complete)
      await helpers.addJob('sweep_merge', { sweepId: payload.sweepId }, { jobKey: `${payload.sweepId}:merge` });
  };
  const sweepMerge: Task = async (payload) => {
    const sweepId = (payload as { sweepId?: unknown }).sweepId;
    if (typeof sweepId !== 'string') throw new Error('not a sweep merge');
    await mergeSweep(o.db, sweepId, o.engine, o.dataset);
  };
  const utils = await makeWorkerUtils({ pgPool: o.pool, schema: queueSchema, logger: quiet });
  await utils.migrate();
  const runner: Runner = await run({
    pgPool: o.pool,
    schema: queueSchema,
    concurrency: o.concurrency ?? 1,
    noHandleSignals: true,
    pollInterval: 1000,
    logger: quiet,
    events,
    taskList: { sweep_job: sweepJob, sweep_merge: sweepMerge },
  });
  const beat = async () => {
    // Upsert: a worker whose row was reaped while it was busy announces itself again.
    for (const id of workerIds)
      await o.db.query(
        `INSERT INTO sweep_workers (worker_id, host) VALUES ($1, $2)
         ON CONFLICT (worker_id) DO UPDATE SET heartbeat_at = now()`,
        [id, hostname()],
      );
    const stale = await o.db.query<{ worker_id: string }>(
      `DELETE FROM sweep_workers
       WHERE heartbeat_at < now() - make_interval(secs => $1) AND NOT (worker_id = ANY($2::text[]))
       RETURNING worker_id`,
      [staleAfterMs / 1000, workerIds],
    );
    if (stale.length > 0) await utils.forceUnlockWorkers(stale.map((s) => s.worker_id));
  };
  const timer = setInterval(() => void beat().catch(() => undefined), heartbeatMs);
  return {
    workerIds,
    async stop() {
      clearInterval(timer);
      await runner.stop();
      await o.db
        .query('DELETE FROM sweep_workers WHERE worker_id = ANY($1::text[])', [workerIds])
        .catch(() => undefined);
      await utils.release();
    },
  };
}
