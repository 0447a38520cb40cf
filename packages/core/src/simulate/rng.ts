/**
 * Counter-based random numbers: every Monte Carlo run draws from its own stream, derived only from the
 * seed and the run's index, so any split of runs across jobs or threads draws the same numbers.
 */
import type { Distribution } from '../model/scenario.ts';

/** A stream of uniform numbers in [0, 1). */
export interface Uniform {
  next(): number;
}

/** Mixes two 32-bit integers into one (the finaliser of MurmurHash3). */
function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The stream of run `run` under `seed` (mulberry32 seeded from both). */
export function runStream(seed: number, run: number): Uniform {
  let state = mix(mix(seed | 0, Math.floor(seed / 2 ** 32) | 0), run | 0);
  return {
    next() {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = state;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    },
  };
}

/** A draw from the distribution, by inverse transform (Box–Muller for the normal, clamped to its bounds). */
export function drawFrom(d: Distribution, u: Uniform): number {
  switch (d.kind) {
    case 'fixed':
      return d.value;
    case 'uniform':
      return d.low + u.next() * (d.high - d.low);
    case 'triangular': {
      const p = u.next();
      const span = d.high - d.low;
      if (span === 0) return d.low;
      const cut = (d.mode - d.low) / span;
      return p < cut
        ? d.low + Math.sqrt(p * span * (d.mode - d.low))
        : d.high - Math.sqrt((1 - p) * span * (d.high - d.mode));
    }
    case 'normal': {
      const r = Math.sqrt(-2 * Math.log(1 - u.next()));
      const z = r * Math.cos(2 * Math.PI * u.next());
      const x = d.mean + d.sd * z;
      return Math.min(d.max ?? Infinity, Math.max(d.min ?? -Infinity, x));
    }
  }
}

/** The central value of a distribution, for the deterministic run. */
export const centralValue = (d: Distribution): number =>
  d.kind === 'fixed'
    ? d.value
    : d.kind === 'uniform'
      ? (d.low + d.high) / 2
      : d.kind === 'triangular'
        ? (d.low + d.mode + d.high) / 3
        : Math.min(d.max ?? Infinity, Math.max(d.min ?? -Infinity, d.mean));

/** The p-quantile (0–1) of sorted values, linearly interpolated (numpy's default). */
export function quantileSorted(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo] ?? NaN;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)] ?? a;
  return a + (h - lo) * (b - a);
}
