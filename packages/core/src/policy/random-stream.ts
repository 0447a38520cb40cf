/**
 * Seeded random numbers for Monte Carlo price paths: run `run` under `seed` always draws the same numbers,
 * whatever other runs are made, so results are reproducible bit for bit and can be split across workers.
 */

/** A stream of uniform numbers in [0, 1). */
export interface UniformStream {
  next(): number;
}

/** Mixes two 32-bit integers into one (the finaliser of MurmurHash3). */
function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ b;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** The stream of one Monte Carlo run (mulberry32 seeded from the seed and the run index). */
export function seededStream(seed: number, run: number): UniformStream {
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

/** A standard normal draw (Box–Muller, one of the pair). */
export function standardNormal(u: UniformStream): number {
  const r = Math.sqrt(-2 * Math.log(1 - u.next()));
  return r * Math.cos(2 * Math.PI * u.next());
}

/** The p-quantile (0–1) of ascending numbers, linearly interpolated. */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const at = (sorted.length - 1) * p;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  const a = sorted[lo] ?? Number.NaN;
  const b = sorted[hi] ?? Number.NaN;
  return a + (b - a) * (at - lo);
}
