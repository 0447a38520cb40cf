import type { Network } from '../model/network.ts';
import type { SimulationReport } from '../model/simulation-report.ts';

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

/** The network with a project's output added as a producer row in the network's latest year (full output). */
export function withProjectOutput(
  network: Network,
  project: { readonly product: string; readonly iso3: string; readonly tonnesPerYear: number },
  source: Network['capacityOutput'][number]['source'],
): Network {
  const year = Math.max(...network.capacityOutput.map((r) => r.year));
  return {
    ...network,
    capacityOutput: [
      ...network.capacityOutput,
      { product: project.product, area: project.iso3, year, capacity: null, output: project.tonnesPerYear, source },
    ],
  };
}

/** One product's total shortfall in a group over a run, without and with a project. */
export interface ShortfallChange {
  readonly product: string;
  readonly withoutTonnes: number;
  readonly withTonnes: number;
  readonly changeTonnes: number;
}

/** Per product, the group's total shortfall in two reports (summary rows); products that moved by more than 0.5 t. */
export function groupShortfallChange(
  without: SimulationReport,
  withProject: SimulationReport,
  members: ReadonlySet<string>,
): ShortfallChange[] {
  const totals = (r: SimulationReport): Map<string, number> => {
    const m = new Map<string, number>();
    for (const row of r.summary)
      if (members.has(row.iso3)) m.set(row.product, (m.get(row.product) ?? 0) + row.totalShortfall);
    return m;
  };
  const a = totals(without);
  const b = totals(withProject);
  return [...new Set([...a.keys(), ...b.keys()])]
    .map((product) => {
      const w = a.get(product) ?? 0;
      const v = b.get(product) ?? 0;
      return { product, withoutTonnes: w, withTonnes: v, changeTonnes: v - w };
    })
    .filter((c) => Math.abs(c.changeTonnes) > 0.5)
    .sort((x, y) => x.changeTonnes - y.changeTonnes);
}
