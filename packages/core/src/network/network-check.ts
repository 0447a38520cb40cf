import type { Network } from '../model/network.ts';
import { networkBalance } from './balance.ts';

export interface NetworkIssue {
  readonly code: 'imbalance' | 'unknown-product' | 'no-input' | 'unknown-source' | 'unknown-country';
  readonly where: string;
  readonly message: string;
}

/**
 * Fails on a product whose supply and use differ beyond `tolerance`, a reference to an unknown product or
 * country, a processed product with neither inputs nor output of its own, and a figure whose source is not registered.
 * Coefficients outside their plausible range are already rejected when the network is read.
 */
export function checkNetwork(
  network: Network,
  known: { readonly sources: ReadonlySet<string>; readonly countries: ReadonlySet<string> },
  tolerance = 0.01,
): NetworkIssue[] {
  const issues: NetworkIssue[] = [];
  const products = new Set(network.products.map((p) => p.product));
  const unknownProduct = (where: string, product: string) => {
    if (!products.has(product))
      issues.push({ code: 'unknown-product', where, message: `unknown product "${product}"` });
  };
  const sourced = (where: string, source: string) => {
    if (!known.sources.has(source))
      issues.push({ code: 'unknown-source', where, message: `source "${source}" is not registered` });
  };
  const area = (where: string, a: string) => {
    if (a !== 'ROW' && !known.countries.has(a))
      issues.push({ code: 'unknown-country', where, message: `unknown country "${a}"` });
  };
  for (const p of network.products) sourced(`product ${p.product}`, p.source);
  for (const c of network.coefficients) {
    const where = `coefficient ${c.output} ← ${c.input}`;
    unknownProduct(where, c.output);
    unknownProduct(where, c.input);
    sourced(where, c.source);
  }
  for (const o of network.capacityOutput) {
    const where = `output ${o.product} ${o.area} ${o.year}`;
    unknownProduct(where, o.product);
    area(where, o.area);
    sourced(where, o.source);
  }
  for (const d of network.demand) {
    const where = `demand ${d.product} ${d.area} ${d.endUse}`;
    unknownProduct(where, d.product);
    area(where, d.area);
    sourced(where, d.source);
  }
  for (const i of network.inventories) {
    const where = `inventory ${i.product} ${i.area}`;
    unknownProduct(where, i.product);
    area(where, i.area);
    sourced(where, i.source);
  }
  // A processed product needs an input, unless it is a chain's root with output of its own (gallium and
  // germanium are by-products of alumina and zinc refining, which the network does not model).
  for (const p of network.products)
    if (
      p.stage !== 'mining' &&
      !network.coefficients.some((c) => c.output === p.product) &&
      !network.capacityOutput.some((o) => o.product === p.product && (o.output ?? 0) > 0)
    )
      issues.push({
        code: 'no-input',
        where: `product ${p.product}`,
        message: `a ${p.stage} product with neither an input coefficient nor output of its own`,
      });
  for (const b of networkBalance(network))
    if (Math.abs(b.imbalance) > tolerance)
      issues.push({
        code: 'imbalance',
        where: `product ${b.product}`,
        message: `supply ${round(b.supply)} vs use ${round(b.intermediateUse + b.finalDemand)} (${(b.imbalance * 100).toFixed(1)} %)`,
      });
  return issues;
}

const round = (v: number): string => v.toLocaleString('en-US', { maximumFractionDigits: 1 });
