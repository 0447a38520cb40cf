/**
 * Balance of the baseline network and the allocation of baseline flows; see docs/methods/network.md.
 * For every product: supply (output) = use (inputs to the next stages + final demand), within a tolerance.
 */
import type { Chain, Network } from '../model/network.ts';

export interface ProductBalance {
  readonly product: string;
  readonly supply: number;
  /** Inputs drawn by the products made from it. */
  readonly intermediateUse: number;
  readonly finalDemand: number;
  /** Of the final demand, the part booked as a balancing item. */
  readonly balancingDemand: number;
  /** (supply − use) / max(supply, use): positive for a surplus. */
  readonly imbalance: number;
}

/** Total output of each product, and its use by country (inputs to local production plus final demand). */
export function useByArea(network: Network, product: string): Map<string, number> {
  const use = new Map<string, number>();
  for (const c of network.coefficients.filter((x) => x.input === product))
    for (const o of network.capacityOutput.filter((x) => x.product === c.output && x.output !== null))
      use.set(o.area, (use.get(o.area) ?? 0) + (o.output ?? 0) * c.value);
  for (const d of network.demand.filter((x) => x.product === product))
    use.set(d.area, (use.get(d.area) ?? 0) + d.quantity);
  return use;
}

/** Supply and use of every product of the network (or of one chain). */
export function networkBalance(network: Network, chain?: Chain): ProductBalance[] {
  return network.products
    .filter((p) => chain === undefined || p.chain === chain)
    .map((p) => {
      const supply = network.capacityOutput
        .filter((o) => o.product === p.product)
        .reduce((s, o) => s + (o.output ?? 0), 0);
      const intermediateUse = network.coefficients
        .filter((c) => c.input === p.product)
        .reduce(
          (s, c) =>
            s +
            c.value *
              network.capacityOutput.filter((o) => o.product === c.output).reduce((t, o) => t + (o.output ?? 0), 0),
          0,
        );
      const demands = network.demand.filter((d) => d.product === p.product);
      const finalDemand = demands.reduce((s, d) => s + d.quantity, 0);
      const balancingDemand = demands.filter((d) => d.isBalancing).reduce((s, d) => s + d.quantity, 0);
      const use = intermediateUse + finalDemand;
      const scale = Math.max(supply, use);
      return {
        product: p.product,
        supply,
        intermediateUse,
        finalDemand,
        balancingDemand,
        imbalance: scale > 0 ? (supply - use) / scale : 0,
      };
    });
}

export interface Flow {
  readonly product: string;
  readonly from: string;
  readonly to: string;
  readonly quantity: number;
}

/**
 * Baseline trade for one product where no trade data exist: every user draws from every producer in
 * proportion to the producer's share of world output (an assumption, stated in the method note).
 * Each producer ships all its output; each user receives its use × supply / use.
 */
export function proportionalFlows(network: Network, product: string): Flow[] {
  const producers = network.capacityOutput.filter((o) => o.product === product && (o.output ?? 0) > 0);
  const supply = producers.reduce((s, o) => s + (o.output ?? 0), 0);
  const use = useByArea(network, product);
  const totalUse = [...use.values()].reduce((a, b) => a + b, 0);
  if (supply <= 0 || totalUse <= 0) return [];
  const flows: Flow[] = [];
  for (const p of producers)
    for (const [to, u] of use)
      if (u > 0) flows.push({ product, from: p.area, to, quantity: ((p.output ?? 0) * u) / totalUse });
  return flows.sort((a, b) => b.quantity - a.quantity || a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
}
