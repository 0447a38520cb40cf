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
  /** Draws per message back to the parent. */
  readonly batch: number;
}

export type WorkerMessage =
  /** The next runs of the job, in order. */
  | { readonly kind: 'draws'; readonly draws: readonly DrawOutcome[] }
  | { readonly kind: 'done' }
  | { readonly kind: 'error'; readonly message: string };
