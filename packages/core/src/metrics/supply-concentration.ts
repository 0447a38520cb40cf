/**
 * Concentration measures over supply shares; see docs/methods/atlas.md#concentration.
 * Shares are fractions (0–1); the HHI is on the 0–10,000 scale used by USGS, the EU and competition authorities.
 */

/** Each value's share of the total; all zeros when the total is zero. */
export function sharesOf(values: readonly number[], total = values.reduce((a, b) => a + b, 0)): number[] {
  return values.map((v) => (total > 0 ? v / total : 0));
}

/** Herfindahl–Hirschman index: the sum of squared percentage shares (0–10,000). */
export function herfindahlIndex(shares: readonly number[]): number {
  return shares.reduce((sum, s) => sum + (100 * s) ** 2, 0);
}

/** The combined share of the n largest shares. */
export function topShare(shares: readonly number[], n: number): number {
  return [...shares]
    .sort((a, b) => b - a)
    .slice(0, n)
    .reduce((a, b) => a + b, 0);
}
