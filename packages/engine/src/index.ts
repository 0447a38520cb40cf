/**
 * The simulation engine for the edges (CLI, server, workers): loads HiGHS once per thread, runs the central
 * case in-process and Monte Carlo runs on worker threads, and turns runs into reports and explanations.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import {
  buildReport,
  centralParameters,
  type Dataset,
  type DrawOutcome,
  explainNode,
  type ExplainQuery,
  type ExplanationNode,
  indexNetwork,
  loadHighsSolver,
  type Network,
  type NetworkIndex,
  type PreparedSimulation,
  prepareSimulation,
  type RegimeData,
  runDrawRange,
  runScenario,
  type Scenario,
  type SimulationReport,
  singlePool,
  type Solver,
} from '@lodestone/core';
import type { DrawJob, WorkerMessage } from './messages.ts';

export type { DrawOutcome, ExplanationNode };

let solverPromise: Promise<Solver> | undefined;
/** The HiGHS solver of this thread, loaded once. */
export const solver = (): Promise<Solver> => (solverPromise ??= loadHighsSolver());

/** The part of a dataset the simulator reads. */
const simulationData = (dataset: Pick<Dataset, 'network' | 'exportControls' | 'regimeClauses' | 'regimeEvents'>) => ({
  network: dataset.network,
  regime: {
    exportControls: dataset.exportControls,
    regimeClauses: dataset.regimeClauses,
    regimeEvents: dataset.regimeEvents,
  } satisfies RegimeData,
});

type SimDataset = Pick<Dataset, 'network' | 'exportControls' | 'regimeClauses' | 'regimeEvents'>;

export interface SimulateOptions {
  readonly months?: number;
  /** Monte Carlo runs (1: the central case only). */
  readonly runs?: number;
  readonly seed?: number;
  /** Worker threads for Monte Carlo runs (default: the machine's cores, at most 4). */
  readonly threads?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

/** Default seed of Monte Carlo runs, so two runs without `--seed` agree. */
export const DEFAULT_SEED = 20251028;

/** Each network's index, built once: the server and the dashboard simulate many scenarios on one dataset. */
const indexes = new WeakMap<Network, NetworkIndex>();

function prepare(dataset: SimDataset, scenario: Scenario, months?: number): PreparedSimulation {
  const { network, regime } = simulationData(dataset);
  let index = indexes.get(network);
  if (!index) {
    index = indexNetwork(network);
    indexes.set(network, index);
  }
  return prepareSimulation(index, regime, scenario, months === undefined ? {} : { months });
}

/** The central run of a scenario (every uncertain parameter at its central value). */
async function centralRun(prepared: PreparedSimulation, trace: boolean) {
  const s = await solver();
  if (!prepared.model) return runScenario(prepared, centralParameters(prepared.scenario), noModel);
  const pool = singlePool(s, prepared.model.lp);
  try {
    return runScenario(prepared, centralParameters(prepared.scenario), pool, { trace });
  } finally {
    pool.dispose();
  }
}

/** The pool of a scenario that touches nothing: there is no model to solve. */
const noModel = {
  model(): never {
    throw new Error('no month model: the scenario touches no product');
  },
  dispose() {},
};

/**
 * Monte Carlo runs `first … first + count − 1` under `seed`. Each run depends only on (seed, run): any split
 * into jobs, threads or machines gives the same draws bit for bit.
 */
export async function runDraws(
  dataset: SimDataset,
  scenario: Scenario,
  o: {
    months?: number;
    seed: number;
    first: number;
    count: number;
    threads?: number;
    onProgress?: (done: number) => void;
  },
): Promise<DrawOutcome[]> {
  if (o.count <= 0) return [];
  const threads = Math.max(1, Math.min(o.threads ?? Math.min(4, availableParallelism()), o.count));
  const months = o.months ?? scenario.horizonMonths;
  if (threads === 1) {
    const prepared = prepare(dataset, scenario, months);
    let last = 0;
    return runDrawRange(prepared, await solver(), {
      seed: o.seed,
      first: o.first,
      count: o.count,
      onProgress: (done) => {
        o.onProgress?.(done - last);
        last = done;
      },
    });
  }
  const { network, regime } = simulationData(dataset);
  const size = Math.ceil(o.count / threads);
  const jobs: DrawJob[] = [];
  for (let k = 0; k < threads; k++) {
    const first = o.first + k * size;
    const count = Math.min(size, o.first + o.count - first);
    if (count > 0)
      jobs.push({
        network,
        regime,
        scenario,
        months,
        seed: o.seed,
        first,
        count,
        batch: Math.max(1, Math.min(100, Math.floor(count / 50))),
      });
  }
  const parts = await Promise.all(
    jobs.map(
      (job) =>
        new Promise<readonly DrawOutcome[]>((resolve, reject) => {
          const worker = new Worker(new URL('./draw-worker-entry.js', import.meta.url), { workerData: job });
          let settled = false;
          const draws: DrawOutcome[] = [];
          worker.on('message', (m: WorkerMessage) => {
            if (m.kind === 'draws') {
              for (const d of m.draws) draws.push(d);
              o.onProgress?.(m.draws.length);
            } else if (m.kind === 'done') {
              settled = true;
              resolve(draws);
              void worker.terminate();
            } else {
              settled = true;
              reject(new Error(m.message));
              void worker.terminate();
            }
          });
          worker.on('error', (e) => {
            if (!settled) reject(e);
          });
          worker.on('exit', (code) => {
            if (!settled) reject(new Error(`simulation worker stopped with code ${code}`));
          });
        }),
    ),
  );
  return parts.flat().sort((a, b) => a.run - b.run);
}

/** The report of a scenario from draws computed anywhere (bands independent of the draws' order). */
export async function mergeDraws(
  dataset: SimDataset,
  scenario: Scenario,
  o: { months?: number; seed: number },
  draws: readonly DrawOutcome[],
): Promise<SimulationReport> {
  const central = await centralRun(prepare(dataset, scenario, o.months), false);
  return buildReport({ scenario: scenario.id, seed: o.seed }, central, draws);
}

/** Simulates a scenario: the central run, and P5/P50/P95 bands over `runs` Monte Carlo runs when runs > 1. */
export async function simulate(
  dataset: SimDataset,
  scenario: Scenario,
  options: SimulateOptions = {},
): Promise<SimulationReport> {
  const runs = options.runs ?? 1;
  const seed = options.seed ?? DEFAULT_SEED;
  const prepared = prepare(dataset, scenario, options.months);
  const central = await centralRun(prepared, false);
  let done = 0;
  const draws =
    runs > 1
      ? await runDraws(dataset, scenario, {
          ...(options.months === undefined ? {} : { months: options.months }),
          seed,
          first: 0,
          count: runs,
          ...(options.threads === undefined ? {} : { threads: options.threads }),
          onProgress: (n) => {
            done += n;
            options.onProgress?.(done, runs);
          },
        })
      : [];
  return buildReport({ scenario: scenario.id, seed }, central, draws);
}

/** Why `query.iso3` runs short of `query.product` in a month of the scenario's central run. */
export async function explain(
  dataset: SimDataset,
  scenario: Scenario,
  query: ExplainQuery & { months?: number },
): Promise<ExplanationNode | { readonly error: string }> {
  const prepared = prepare(dataset, scenario, query.months);
  const run = await centralRun(prepared, true);
  return explainNode(prepared, run, query);
}
