import type { DrawOutcome, Network, RegimeData, Scenario } from '@lodestone/core';

/** What a worker thread is asked to compute. */
export interface DrawJob {
  readonly network: Network;
  readonly regime: RegimeData;
  readonly scenario: Scenario;
  readonly months: number;
  readonly seed: number;
  readonly first: number;
  readonly count: number;
  readonly progressEvery: number;
}

export type WorkerMessage =
  | { readonly kind: 'progress'; readonly done: number }
  | { readonly kind: 'done'; readonly draws: readonly DrawOutcome[] }
  | { readonly kind: 'error'; readonly message: string };
