/**
 * Seeded random numbers for Monte Carlo price paths: the simulator's counter-based streams (run `run` under
 * `seed` always draws the same numbers, whatever other runs are made), under the names the policy code uses.
 */
import { drawFrom, quantileSorted, runStream, type Uniform } from '../simulate/rng.ts';

/** A stream of uniform numbers in [0, 1). */
export type UniformStream = Uniform;

/** The stream of one Monte Carlo run. */
export const seededStream = runStream;

/** A standard normal draw (Box–Muller, one of the pair). */
export const standardNormal = (u: UniformStream): number => drawFrom({ kind: 'normal', mean: 0, sd: 1 }, u);

/** The p-quantile (0–1) of ascending numbers, linearly interpolated. */
export const quantile = quantileSorted;
