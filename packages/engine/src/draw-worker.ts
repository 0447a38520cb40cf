/** A worker thread that computes a range of Monte Carlo runs with its own HiGHS instance. */
import { parentPort, workerData } from 'node:worker_threads';
import { loadHighsSolver, prepareSimulation, runDrawRange, singlePool } from '@lodestone/core';
import type { DrawJob, WorkerMessage } from './messages.ts';

const job = workerData as DrawJob;
const post = (m: WorkerMessage) => parentPort?.postMessage(m);
try {
  const solver = await loadHighsSolver();
  const prepared = prepareSimulation(job.network, job.regime, job.scenario, { months: job.months });
  if (!prepared.model) post({ kind: 'done', draws: [] });
  else {
    const pool = singlePool(solver, prepared.model.lp);
    try {
      let last = 0;
      const draws = runDrawRange(prepared, pool, {
        seed: job.seed,
        first: job.first,
        count: job.count,
        onProgress: (done) => {
          if (done - last >= job.progressEvery || done === job.count) {
            post({ kind: 'progress', done: done - last });
            last = done;
          }
        },
      });
      post({ kind: 'done', draws });
    } finally {
      pool.dispose();
    }
  }
} catch (e) {
  post({ kind: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
}
