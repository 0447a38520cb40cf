// The supply network as `lodestone network --json` prints it, and its baseline flows as a Sankey diagram.
import type { Dataset } from '../model/dataset.ts';
import type { Chain } from '../model/network.ts';
import { networkBalance, proportionalFlows, useByArea } from '../network/balance.ts';

const STAGE_ORDER = ['mining', 'refining', 'metal', 'component', 'end_use'];

/** The chain's products (upstream first), coefficients, output, demand, inventories, balance, flows and sources. */
export function networkView(dataset: Pick<Dataset, 'network' | 'sources'>, chain: Chain | 'all') {
  const net = dataset.network;
  const products = net.products
    .filter((p) => chain === 'all' || p.chain === chain)
    .sort(
      (a, b) =>
        a.chain.localeCompare(b.chain) ||
        STAGE_ORDER.indexOf(a.stage) - STAGE_ORDER.indexOf(b.stage) ||
        a.product.localeCompare(b.product),
    );
  const names = new Set(products.map((p) => p.product));
  const coefficients = net.coefficients.filter((c) => names.has(c.output));
  const sourceIds = new Set([
    ...products.map((p) => p.source),
    ...coefficients.map((c) => c.source),
    ...net.capacityOutput.filter((o) => names.has(o.product)).map((o) => o.source),
    ...net.demand.filter((d) => names.has(d.product)).map((d) => d.source),
    ...net.inventories.filter((i) => names.has(i.product)).map((i) => i.source),
  ]);
  return {
    chain,
    products,
    coefficients,
    capacityOutput: net.capacityOutput.filter((o) => names.has(o.product)),
    demand: net.demand.filter((d) => names.has(d.product)),
    inventories: net.inventories.filter((i) => names.has(i.product)),
    balance: networkBalance(net).filter((b) => names.has(b.product)),
    flows: products.flatMap((p) => proportionalFlows(net, p.product)),
    sources: dataset.sources.filter((s) => sourceIds.has(s.id)),
  };
}

/**
 * Baseline annual flows of one chain, mine to end use, by country: a link from a product made in one country
 * to the product made from it (or the end use it meets) in another. A country's use of a product is split
 * between its uses in proportion to their size (the same pro rata assumption as the flows themselves).
 */
export function sankeyView(dataset: Pick<Dataset, 'network'>, chain: Chain) {
  const net = dataset.network;
  const products = net.products.filter((p) => p.chain === chain);
  const byName = new Map(products.map((p) => [p.product, p]));
  const nodes = new Map<
    string,
    { id: string; product: string; area: string; stage: string; nameEn: string; nameJa: string | null }
  >();
  const node = (product: string, area: string, stage: string, nameEn: string, nameJa: string | null) => {
    const id = `${product}:${area}`;
    if (!nodes.has(id)) nodes.set(id, { id, product, area, stage, nameEn, nameJa });
    return id;
  };
  const links = new Map<string, { source: string; target: string; value: number }>();
  const link = (source: string, target: string, value: number) => {
    if (!(value > 0)) return;
    const k = `${source}>${target}`;
    const l = links.get(k);
    if (l) l.value += value;
    else links.set(k, { source, target, value });
  };
  for (const p of products) {
    const use = useByArea(net, p.product);
    for (const f of proportionalFlows(net, p.product)) {
      const total = use.get(f.to) ?? 0;
      if (total <= 0) continue;
      const from = node(p.product, f.from, p.stage, p.nameEn, p.nameJa);
      for (const c of net.coefficients.filter((x) => x.input === p.product)) {
        const made = byName.get(c.output);
        const output = net.capacityOutput
          .filter((o) => o.product === c.output && o.area === f.to)
          .reduce((s, o) => s + (o.output ?? 0), 0);
        if (!made || output <= 0) continue;
        link(
          from,
          node(made.product, f.to, made.stage, made.nameEn, made.nameJa),
          (f.quantity * output * c.value) / total,
        );
      }
      for (const d of net.demand.filter((x) => x.product === p.product && x.area === f.to))
        link(from, node(`end_use_${d.endUse}`, f.to, 'end_use', d.endUse, null), (f.quantity * d.quantity) / total);
    }
  }
  const units = [...new Set(products.map((p) => p.unit))];
  return {
    chain,
    unit: units.length === 1 ? (units[0] ?? 't') : units.join('/'),
    nodes: [...nodes.values()],
    links: [...links.values()].map((l) => ({ ...l, value: Math.round(l.value * 1000) / 1000 })),
  };
}
