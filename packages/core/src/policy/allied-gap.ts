import type { Network } from '../model/network.ts';

/** A product's baseline balance inside a group of countries (docs/methods/policy.md#allied-gap). */
export interface GroupGap {
  readonly product: string;
  readonly year: number;
  /** Final demand plus what the group's own downstream output consumes (one tier), t/year. */
  readonly requirementTonnes: number;
  readonly outputTonnes: number;
  /** requirement − output; positive is what the group must buy from outside. */
  readonly gapTonnes: number;
  readonly sources: readonly string[];
}

/**
 * The group's requirement and output of a product in the network's latest year: what a project's capacity
 * is measured against until the multi-tier simulation reports shortfalls.
 */
export function groupGap(network: Network, product: string, members: ReadonlySet<string>): GroupGap {
  const years = network.capacityOutput.filter((r) => r.product === product).map((r) => r.year);
  const year = Math.max(...years, ...network.demand.filter((r) => r.product === product).map((r) => r.year));
  const sources = new Set<string>();
  const outputOf = (p: string): number =>
    network.capacityOutput
      .filter((r) => r.product === p && r.year === year && members.has(r.area) && r.output !== null)
      .reduce((s, r) => {
        sources.add(r.source);
        return s + (r.output ?? 0);
      }, 0);
  const direct = network.demand
    .filter((r) => r.product === product && r.year === year && members.has(r.area))
    .reduce((s, r) => {
      sources.add(r.source);
      return s + r.quantity;
    }, 0);
  const downstream = network.coefficients
    .filter((c) => c.input === product)
    .reduce((s, c) => {
      const out = outputOf(c.output);
      if (out > 0) sources.add(c.source);
      return s + c.value * out;
    }, 0);
  const output = outputOf(product);
  const requirement = direct + downstream;
  return {
    product,
    year,
    requirementTonnes: requirement,
    outputTonnes: output,
    gapTonnes: requirement - output,
    sources: [...sources].sort(),
  };
}
