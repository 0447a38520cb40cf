import { processEngine } from '@lodestone/server';
import {
  datasetCache,
  describeLocation,
  migrate,
  openDb,
  postgresPoolFor,
  startSweepWorker,
  storeLocation,
} from '@lodestone/store';
import { z } from 'zod';
import type { Effects } from '../effects.ts';
import { EXIT, type ExitCode, UsageError } from '../exit-codes.ts';
import { terminationSignal } from './serve.ts';

const WorkerFlagsSchema = z.object({
  concurrency: z.coerce.number().int().min(1).max(64).default(1),
  threads: z.coerce.number().int().min(1).max(64).optional(),
  /** Seconds without a heartbeat after which another worker's jobs are released. */
  staleAfter: z.coerce.number().min(1).max(3600).default(15),
});

/**
 * `lodestone worker`: runs sweep jobs from the queue of the PostgreSQL server at DATABASE_URL until
 * SIGINT/SIGTERM, then finishes the jobs in hand. Any number of machines may run one.
 */
export async function workerCommand(
  rawFlags: unknown,
  effects: Effects,
  stop: () => Promise<string> = terminationSignal,
): Promise<ExitCode> {
  const parsed = WorkerFlagsSchema.safeParse(rawFlags);
  if (!parsed.success)
    throw new UsageError(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
  const location = storeLocation(effects.env, effects.cwd);
  if (location.kind !== 'postgres')
    throw new UsageError(
      'a worker needs the shared PostgreSQL database: set DATABASE_URL (the embedded database runs sweeps inside lodestone serve)',
    );
  const stopped = stop();
  const db = await openDb(location);
  const pool = postgresPoolFor(location.url, location.schema);
  try {
    await migrate(db);
    let jobs = 0;
    const worker = await startSweepWorker({
      db,
      pool,
      engine: processEngine(parsed.data.threads),
      dataset: datasetCache(db),
      concurrency: parsed.data.concurrency,
      staleAfterMs: parsed.data.staleAfter * 1000,
      heartbeatMs: Math.max(200, (parsed.data.staleAfter * 1000) / 5),
      onJob: (job) => {
        jobs += 1;
        effects.stdout(`${JSON.stringify({ msg: 'job', sweep: job.sweepId, first: job.first, count: job.count })}\n`);
      },
    });
    effects.stderr(`lodestone: worker ${worker.workerIds.join(', ')} on ${describeLocation(location)}\n`);
    const signal = await stopped;
    effects.stderr(`lodestone: ${signal}: finishing jobs in hand\n`);
    await worker.stop();
    effects.stderr(`lodestone: worker stopped after ${jobs} job(s)\n`);
    return EXIT.ok;
  } finally {
    await pool.end();
    await db.close();
  }
}
