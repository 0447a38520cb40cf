/**
 * The supply network indexed for simulation: per product its producers (monthly output and capacity),
 * its users (monthly use as inputs to local production and as final demand by end use), the inputs it
 * takes and the products made from it, baseline trade and inventory cover. See docs/methods/simulation.md.
 */
import type { Network } from '../model/network.ts';
import { proportionalFlows, useByArea } from '../network/balance.ts';

/** Days in an average month, to turn days of cover into months of use. */
export const DAYS_PER_MONTH = 365.25 / 12;

/** Where a producer's capacity is not known, it can run at most this multiple of its output (an assumption). */
export const UNKNOWN_CAPACITY_FACTOR = 1.5;

/** Output may exceed the 2024 baseline by this share beyond any gap between supply and use (rounding in the tables). */
const BASELINE_HEADROOM = 0.02;

/** Days of commercial cover where the network lists none: a month of working stock (an assumption; no sourced figure). */
export const DEFAULT_COVER_DAYS = 30;

/** Final products whose demand is military; a clause on military end users reaches them and their inputs. */
export const MILITARY_PRODUCTS: ReadonlySet<string> = new Set([
  'defence_systems',
  'antimony_munitions',
  'tungsten_munitions',
]);

export interface ProducerNode {
  readonly area: string;
  /** Baseline output per month. */
  readonly output: number;
  /** Capacity per month (sourced, or the assumed multiple of output). */
  readonly capacity: number;
  readonly capacityKnown: boolean;
}

export interface FinalUse {
  readonly endUse: string;
  /** Baseline final demand per month. */
  readonly monthly: number;
}

export interface UserNode {
  readonly area: string;
  /** Baseline use per month: inputs to local production plus final demand. */
  readonly use: number;
  /** Baseline use per month as inputs to local production. */
  readonly consumption: number;
  readonly finals: readonly FinalUse[];
  /** Commercial inventory held at baseline, in the product's unit. */
  readonly inventoryTarget: number;
  /** Government stockpile, where a volume is known. */
  readonly stockpile: number;
  /** Share of the use that ends in military products (reached by military end-user clauses). */
  readonly militaryShare: number;
}

export interface ProductNode {
  readonly key: string;
  readonly index: number;
  readonly chain: string;
  readonly unit: string;
  readonly nameEn: string;
  /** Control-list items that name the product: its commodity and the extra items the network lists. */
  readonly items: readonly string[];
  readonly producers: readonly ProducerNode[];
  readonly users: readonly UserNode[];
  /** Inputs per unit of this product's output. */
  readonly inputs: readonly { readonly product: number; readonly coefficient: number }[];
  /** Products made from this one, with the input per unit of their output. */
  readonly consumers: readonly { readonly product: number; readonly coefficient: number }[];
  /** Baseline monthly flow from producer i to user j: `baseline[i][j]`. */
  readonly baseline: readonly (readonly number[])[];
  /** Output may exceed baseline by this share everywhere, so that a baseline short by rounding still balances. */
  readonly headroom: number;
}

export interface NetworkIndex {
  readonly products: readonly ProductNode[];
  readonly byKey: ReadonlyMap<string, ProductNode>;
  /** Connected component (through input–output links) of each product, by product index. */
  readonly component: readonly number[];
}

/** Builds the index once per network; everything the month model needs is read from it. */
export function indexNetwork(network: Network): NetworkIndex {
  const keys = network.products.map((p) => p.product);
  const indexOf = new Map(keys.map((k, i) => [k, i]));
  const at = (key: string): number => {
    const i = indexOf.get(key);
    if (i === undefined) throw new Error(`unknown network product ${key}`);
    return i;
  };
  const inputs = keys.map(() => [] as { product: number; coefficient: number }[]);
  const consumers = keys.map(() => [] as { product: number; coefficient: number }[]);
  for (const c of network.coefficients) {
    inputs[at(c.output)]?.push({ product: at(c.input), coefficient: c.value });
    consumers[at(c.input)]?.push({ product: at(c.output), coefficient: c.value });
  }
  // Military share of each product's world use, from the end uses down: a product's share is the share of
  // its use in military products, directly or through the products made from it.
  const worldUse = keys.map((k) => [...useByArea(network, k).values()].reduce((a, b) => a + b, 0));
  const outputOf = (k: string, area: string) =>
    network.capacityOutput.filter((o) => o.product === k && o.area === area).reduce((s, o) => s + (o.output ?? 0), 0);
  const militaryWorld = new Map<number, number>();
  const militaryOf = (i: number, seen: ReadonlySet<number> = new Set()): number => {
    const known = militaryWorld.get(i);
    if (known !== undefined) return known;
    const key = keys[i] ?? '';
    if (MILITARY_PRODUCTS.has(key)) return 1;
    if (seen.has(i) || (worldUse[i] ?? 0) <= 0) return 0;
    const next = new Set(seen).add(i);
    let military = 0;
    for (const c of consumers[i] ?? []) {
      const made = network.capacityOutput
        .filter((o) => o.product === keys[c.product])
        .reduce((s, o) => s + (o.output ?? 0), 0);
      military += c.coefficient * made * militaryOf(c.product, next);
    }
    const share = Math.min(1, military / (worldUse[i] ?? 1));
    militaryWorld.set(i, share);
    return share;
  };

  const products: ProductNode[] = network.products.map((p, index) => {
    const producerRows = network.capacityOutput.filter((o) => o.product === p.product && (o.output ?? 0) > 0);
    const producers: ProducerNode[] = [...new Set(producerRows.map((o) => o.area))].sort().map((area) => {
      const rows = producerRows.filter((o) => o.area === area);
      const output = rows.reduce((s, o) => s + (o.output ?? 0), 0) / 12;
      const known = rows.every((o) => o.capacity !== null);
      const capacity = known ? rows.reduce((s, o) => s + (o.capacity ?? 0), 0) / 12 : output * UNKNOWN_CAPACITY_FACTOR;
      return { area, output, capacity: Math.max(capacity, output), capacityKnown: known };
    });
    const use = useByArea(network, p.product);
    const users: UserNode[] = [...use.entries()]
      .filter(([, u]) => u > 0)
      .map(([area]) => area)
      .sort()
      .map((area) => {
        const monthlyUse = (use.get(area) ?? 0) / 12;
        const finalsByUse = new Map<string, number>();
        for (const d of network.demand.filter((x) => x.product === p.product && x.area === area))
          finalsByUse.set(d.endUse, (finalsByUse.get(d.endUse) ?? 0) + d.quantity / 12);
        const finals = [...finalsByUse.entries()].sort().map(([endUse, monthly]) => ({ endUse, monthly }));
        const finalTotal = finals.reduce((s, f) => s + f.monthly, 0);
        const cover = network.inventories.find((i) => i.product === p.product && i.area === area);
        const militaryFinal = MILITARY_PRODUCTS.has(p.product)
          ? finalTotal
          : finals.filter((f) => MILITARY_PRODUCTS.has(f.endUse)).reduce((s, f) => s + f.monthly, 0);
        const militaryInputs = (consumers[index] ?? []).reduce(
          (s, c) => s + (c.coefficient * outputOf(keys[c.product] ?? '', area) * militaryOf(c.product)) / 12,
          0,
        );
        return {
          area,
          use: monthlyUse,
          consumption: Math.max(0, monthlyUse - finalTotal),
          finals,
          inventoryTarget: (monthlyUse * (cover?.inventoryDays ?? DEFAULT_COVER_DAYS)) / DAYS_PER_MONTH,
          stockpile: cover?.stockpile ?? 0,
          militaryShare: monthlyUse > 0 ? Math.min(1, (militaryFinal + militaryInputs) / monthlyUse) : 0,
        };
      });
    const supply = producers.reduce((s, pr) => s + pr.output, 0);
    const totalUse = users.reduce((s, u) => s + u.use, 0);
    // Where the tables' use exceeds supply (rounding, unlisted producers), baseline routes are scaled up so
    // every user receives its use; producers have the headroom to ship it.
    const scale = supply > 0 ? Math.max(1, totalUse / supply) : 1;
    const flows = proportionalFlows(network, p.product);
    const baseline = producers.map((pr) =>
      users.map(
        (u) =>
          (flows.filter((f) => f.from === pr.area && f.to === u.area).reduce((s, f) => s + f.quantity, 0) * scale) / 12,
      ),
    );
    return {
      key: p.product,
      index,
      chain: p.chain,
      unit: p.unit,
      nameEn: p.nameEn,
      items: [...(p.commodity === null ? [] : [p.commodity]), ...p.controlItems],
      producers,
      users,
      inputs: inputs[index] ?? [],
      consumers: consumers[index] ?? [],
      baseline,
      headroom: supply > 0 ? Math.max(0, totalUse / supply - 1) + BASELINE_HEADROOM : 0,
    };
  });

  // Components by union–find over input–output links.
  const parent = keys.map((_, i) => i);
  const find = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] ?? r;
    return r;
  };
  for (const c of network.coefficients) {
    const a = find(at(c.input));
    const b = find(at(c.output));
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  }
  return {
    products,
    byKey: new Map(products.map((p) => [p.key, p])),
    component: keys.map((_, i) => find(i)),
  };
}
