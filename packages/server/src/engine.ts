import { explain, mergeDraws, runDraws, simulate } from '@lodestone/engine';
import type { SimulationEngine } from './context.ts';

/** The simulation engine of this process: HiGHS, Monte Carlo runs on worker threads. */
export const processEngine = (threads?: number): SimulationEngine => ({
  simulate: (dataset, scenario, o) =>
    simulate(dataset, scenario, {
      months: o.months,
      runs: o.runs,
      seed: o.seed,
      ...(threads === undefined ? {} : { threads }),
      ...(o.onProgress ? { onProgress: o.onProgress } : {}),
    }),
  explain: (dataset, scenario, q) => explain(dataset, scenario, q),
  runDraws: (dataset, scenario, o) =>
    runDraws(dataset, scenario, { ...o, ...(threads === undefined ? {} : { threads }) }),
  mergeDraws: (dataset, scenario, o, draws) => mergeDraws(dataset, scenario, o, draws),
});
