import type { Dataset, DrawOutcome, Scenario, SimulationReport } from '@lodestone/core';
import type { Db } from './db.ts';
import { loadStoredDataset } from './dataset-import.ts';
import {
  claimSweepMerge,
  failSweep,
  finishSweep,
  type SweepJob,
  sweepById,
  sweepJobs,
  sweepOutcomes,
  storeSweepOutcomes,
} from './sweeps.ts';

/** The engine's two sweep functions, passed in (the store does not run simulations itself). */
export interface SweepEngine {
  runDraws(
    dataset: Dataset,
    scenario: Scenario,
    o: { months: number; seed: number; first: number; count: number },
  ): Promise<DrawOutcome[]>;
  mergeDraws(
    dataset: Dataset,
    scenario: Scenario,
    o: { months: number; seed: number },
    draws: readonly DrawOutcome[],
  ): Promise<SimulationReport>;
}

/** Stored dataset versions, parsed once per process. */
export function datasetCache(db: Db, preloaded: readonly Dataset[] = []): (version: string) => Promise<Dataset> {
  const cache = new Map<string, Promise<Dataset>>(preloaded.map((d) => [d.version, Promise.resolve(d)]));
  return (version) => {
    let hit = cache.get(version);
    if (!hit) {
      hit = loadStoredDataset(db, version).then((d) => {
        if (!d) throw new Error(`dataset version ${version} is not in the database`);
        return d;
      });
      cache.set(version, hit);
    }
    return hit;
  };
}

/** Runs one job of a sweep and stores its outcomes; true when the sweep now has every run. */
export async function runSweepJob(
  db: Db,
  job: SweepJob,
  engine: SweepEngine,
  dataset: (version: string) => Promise<Dataset>,
): Promise<boolean> {
  const sweep = await sweepById(db, job.sweepId);
  if (!sweep) throw new Error(`no sweep ${job.sweepId}`);
  if (sweep.status === 'done' || sweep.status === 'failed') return false;
  const outcomes = await engine.runDraws(await dataset(sweep.datasetVersion), sweep.scenario, {
    months: sweep.months,
    seed: sweep.seed,
    first: job.first,
    count: job.count,
  });
  const stored = await storeSweepOutcomes(db, sweep.id, outcomes);
  return stored >= sweep.total;
}

/** Merges a complete sweep's outcomes into its report (P5/P50/P95); a no-op when incomplete or already done. */
export async function mergeSweep(
  db: Db,
  sweepId: string,
  engine: SweepEngine,
  dataset: (version: string) => Promise<Dataset>,
): Promise<boolean> {
  if (!(await claimSweepMerge(db, sweepId))) return false;
  const sweep = await sweepById(db, sweepId);
  if (!sweep) return false;
  const report = await engine.mergeDraws(
    await dataset(sweep.datasetVersion),
    sweep.scenario,
    { months: sweep.months, seed: sweep.seed },
    await sweepOutcomes(db, sweepId),
  );
  await finishSweep(db, sweepId, report);
  return true;
}

/**
 * Runs a whole sweep in this process, job by job (the embedded database has no job queue). Jobs whose runs
 * are all stored are skipped, so a sweep interrupted by a restart resumes where it stopped.
 */
export async function runSweepInProcess(
  db: Db,
  sweepId: string,
  engine: SweepEngine,
  dataset: (version: string) => Promise<Dataset>,
): Promise<void> {
  try {
    const sweep = await sweepById(db, sweepId);
    if (!sweep) throw new Error(`no sweep ${sweepId}`);
    const have = new Set(
      (await db.query<{ run_index: number }>('SELECT run_index FROM sweep_results WHERE sweep_id = $1', [sweepId])).map(
        (r) => Number(r.run_index),
      ),
    );
    for (const job of sweepJobs(sweepId, sweep.total, sweep.jobSize)) {
      let missing = false;
      for (let i = job.first; i < job.first + job.count; i++) if (!have.has(i)) missing = true;
      if (missing) await runSweepJob(db, job, engine, dataset);
    }
    await mergeSweep(db, sweepId, engine, dataset);
  } catch (e) {
    await failSweep(db, sweepId, e instanceof Error ? e.message : String(e));
  }
}
