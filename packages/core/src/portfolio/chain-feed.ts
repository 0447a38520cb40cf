/**
 * What the supply network tells the optimiser about feed: input per unit of output, which conversions
 * existing allied plants can take on and how much, and allied output the alliance itself does not use.
 * See docs/methods/portfolio.md#feed.
 */
import type { Network } from '../model/network.ts';
import { useByArea } from '../network/balance.ts';
import type { FeedCoefficient, GapProfile, PortfolioProblem } from './portfolio-input.ts';

/** Stages whose existing allied plants can convert new feed: metal making, magnet and component making, assembly. */
const TOLLING_STAGES: ReadonlySet<string> = new Set(['metal', 'component', 'end_use']);

export interface ChainFeed {
  readonly coefficients: FeedCoefficient[];
  readonly tolling: PortfolioProblem['tolling'];
  /** Allied output not used by allied plants or buyers in the baseline, tonnes a month. */
  readonly spare: ReadonlyMap<string, number>;
  readonly chainOf: (product: string) => string;
}

/** Allied output of each product in its latest year, tonnes a year. */
function alliedOutput(network: Network, allied: ReadonlySet<string>, product: string): number {
  const rows = network.capacityOutput.filter((o) => o.product === product && o.output !== null);
  const latest = Math.max(...rows.map((o) => o.year));
  return rows.filter((o) => o.year === latest && allied.has(o.area)).reduce((a, o) => a + (o.output ?? 0), 0);
}

/**
 * Feed relations from the network: coefficients as they are; tolling for metal, component and end-use
 * stages, capped at the allied baseline output of that product (end uses uncapped: assembly is not where a
 * magnet shortage binds); spare allied output where allied output exceeds allied use.
 */
export function chainFeed(network: Network, allied: ReadonlySet<string>): ChainFeed {
  const coefficients = network.coefficients.map((c) => ({ output: c.output, input: c.input, perUnit: c.value }));
  const made = new Set(coefficients.map((c) => c.output));
  const tolling = network.products
    .filter((p) => TOLLING_STAGES.has(p.stage) && made.has(p.product))
    .map((p) => ({
      product: p.product,
      maxTonnesPerMonth: p.stage === 'end_use' ? null : alliedOutput(network, allied, p.product) / 12,
    }));
  const spare = new Map<string, number>();
  for (const p of network.products) {
    const use = [...useByArea(network, p.product)].filter(([a]) => allied.has(a)).reduce((s, [, v]) => s + v, 0);
    const free = (alliedOutput(network, allied, p.product) - use) / 12;
    if (free > 1e-9) spare.set(p.product, free);
  }
  const chains = new Map(network.products.map((p) => [p.product, p.chain as string]));
  return { coefficients, tolling, spare, chainOf: (product) => chains.get(product) ?? 'other' };
}

/** The profile with the same monthly spare allied supply in every month. */
export const withSpare = (g: GapProfile, spare: ReadonlyMap<string, number>, months: number): GapProfile => ({
  ...g,
  spare: [...spare].map(([product, perMonth]) => ({ product, tonnes: new Array<number>(months).fill(perMonth) })),
});
