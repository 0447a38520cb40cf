import type { Dataset, Scenario, SimulationReport } from '@lodestone/core';
import type { Db, SweepEngine } from '@lodestone/store';
import type { identityResolver } from './auth.ts';
import type { ViewCache } from './view-cache.ts';

/** The engine functions the API calls (`@lodestone/engine` in production; tests may pass the same). */
export interface SimulationEngine extends SweepEngine {
  simulate(
    dataset: Dataset,
    scenario: Scenario,
    o: { months: number; runs: number; seed: number; onProgress?: (done: number, total: number) => void },
  ): Promise<SimulationReport>;
  explain(
    dataset: Dataset,
    scenario: Scenario,
    q: { iso3: string; product: string; month: string | number; months: number },
  ): Promise<unknown>;
}

/** How a sweep's jobs are run: on the PostgreSQL queue, or in this process. */
export interface SweepLauncher {
  launch(sweepId: string, total: number, jobSize: number): Promise<void>;
}

/** Everything a route needs, built once per server. */
export interface ServerContext {
  readonly db: Db;
  readonly dataset: Dataset;
  readonly datasetHash: string;
  readonly engine: SimulationEngine;
  readonly views: ViewCache;
  readonly auth: ReturnType<typeof identityResolver>;
  readonly sweeps: SweepLauncher;
  /** Background work (runs, in-process sweeps) the server waits for, or abandons, on shutdown. */
  readonly background: Set<Promise<unknown>>;
}
