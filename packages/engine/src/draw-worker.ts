/** A worker thread that computes a range of Monte Carlo runs with its own HiGHS instance. */
import { parentPort, workerData } from 'node:worker_threads';
import { type DrawOutcome, forEachDraw, loadHighsSolver, prepareSimulation } from '@lodestone/core';
import type { DrawJob, WorkerMessage } from './messages.ts';

const job = workerData as DrawJob;
const post = (m: WorkerMessage) => parentPort?.postMessage(m);
try {
  const solver = await loadHighsSolver();
  const prepared = prepareSimulation(job.network, job.regime, job.scenario, { months: job.months });
  // Draws go to the parent in batches as they are done, so copying them overlaps the computing.
  let batch: DrawOutcome[] = [];
  forEachDraw(prepared, solver, job, (draw, done) => {
    batch.push(draw);
    if (batch.length >= job.batch || done === job.count) {
      post({ kind: 'draws', draws: batch });
      batch = [];
    }
  });
  post({ kind: 'done' });
} catch (e) {
  post({ kind: 'error', message: e instanceof Error ? (e.stack ?? e.message) : String(e) });
}
