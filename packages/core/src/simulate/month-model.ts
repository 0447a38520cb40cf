/**
 * The month model: one linear programme over a set of products (those a scenario reaches and their inputs), built
 * once and re-solved every month and every Monte Carlo run with new bounds only. See
 * docs/methods/simulation.md for the formulation.
 *
 * Columns: production x[p,a]; trade on each producer → user route split into a baseline part (free, up to
 * the baseline flow) and a rerouted part (a small cost per unit); per user node a draw on commercial
 * inventory, a refill of it, a release from a government stockpile, substitution, and per end use three
 * shortfall segments of rising cost (so a shortage is shared rather than dumped on one buyer).
 * Rows: each producer ships what it makes; each user node's receipts, draws, releases and substitutes
 * equal its use as inputs to local production plus its delivered final demand.
 */
import { LpBuilder, type LinearProgram } from '../optimise/linear-program.ts';
import type { NetworkIndex, ProductNode } from './network-index.ts';

/** Marks a route that has no column: it could only ever carry zero. */
export const NO_COLUMN = -1;

/** Cost of a unit moved off its baseline route: small against any shortfall. */
export const REROUTE_COST = 1e-4;
/**
 * Inventory is drawn only when no supply can be had, even rerouted through every tier (a chain of reroutes
 * costs less than a draw); it is rebuilt when supply allows (the reward is below the draw cost, so no churn).
 */
const DRAW_COST = 5e-3;
const STOCKPILE_COST = 8e-3;
const REFILL_REWARD = 3e-3;
/** Cost of a unit of demand met by a substitute (less than a shortfall, more than any inventory). */
export const SUBSTITUTION_COST = 0.2;
/** Shortfall segments: the first 20 % of a demand at the end use's weight, the next 30 % at 1.2×, the rest at 1.5×. */
export const SHORTFALL_SEGMENTS: readonly { readonly share: number; readonly factor: number }[] = [
  { share: 0.2, factor: 1 },
  { share: 0.3, factor: 1.2 },
  { share: 0.5, factor: 1.5 },
];

export interface UserColumns {
  readonly draw: number;
  readonly refill: number;
  /** Absent where the scenario releases no stockpile / allows no substitution for this product. */
  readonly stock?: number;
  readonly substitute?: number;
  /** Per final use, the shortfall segment columns. */
  readonly shortfall: readonly (readonly number[])[];
  readonly balanceRow: number;
  /** Production columns (and input per unit) that draw on this node: its use as inputs to local production. */
  readonly consumption: readonly (readonly [column: number, coefficient: number])[];
  /**
   * Monthly use as inputs to local production of products outside the model (out of the scenario's reach):
   * they keep making their baseline output, so this use is a fixed call on the node.
   */
  readonly reserved: number;
}

/** A source of trade into users: one restricting country, or the pool of all other producers. */
export interface TradeSource {
  /** The restricting country, or `null` for the pool of every other producer. */
  readonly issuer: string | null;
  /** Producers (indexes into the product's producers) that ship through this source. */
  readonly producers: readonly number[];
  /** Baseline and rerouted trade columns, by user (NO_COLUMN where the route can carry nothing). */
  readonly base: readonly number[];
  readonly extra: readonly number[];
  /** Baseline monthly flow from this source to each user. */
  readonly baseline: readonly number[];
  readonly supplyRow: number;
}

export interface ProductColumns {
  readonly product: ProductNode;
  /** Production by producer. */
  readonly x: readonly number[];
  readonly sources: readonly TradeSource[];
  readonly users: readonly UserColumns[];
}

export interface MonthModel {
  readonly lp: LinearProgram;
  readonly products: readonly ProductColumns[];
  /** Product index → its columns, for the products in the model. */
  readonly byProduct: ReadonlyMap<number, ProductColumns>;
}

/** Weight of a unit of final demand going short, from the scenario's end-use priority (first = heaviest). */
export function endUseWeight(priority: readonly string[], endUse: string): number {
  const i = priority.indexOf(endUse);
  return i < 0 ? 1 : 1 + (priority.length - i);
}

export interface MonthModelOptions {
  /** End uses served first, most important first. */
  readonly priority: readonly string[];
  /** Countries that restrict exports in the scenario: their routes are kept apart from the pool. */
  readonly issuers: ReadonlySet<string>;
  /** Areas that may release government stockpiles. */
  readonly stockpileAreas: ReadonlySet<string>;
  /** Products with a substitution option. */
  readonly substitutable: ReadonlySet<number>;
}

/**
 * Builds the month model over the given products (which must include every input of every product in it;
 * products outside it that are made from products in it keep their baseline call on them).
 * Trade into each user comes from each restricting country separately and from the pool of all other
 * producers: restrictions only ever cap a restricting country's routes, and baseline trade is pro rata,
 * so pooling the others loses nothing the model uses and keeps the programme small.
 */
export function buildMonthModel(index: NetworkIndex, productSet: readonly number[], options: MonthModelOptions) {
  const lp = new LpBuilder();
  const members = [...productSet].sort((a, b) => a - b);
  const inSet = new Set(members);
  const partial = members.map((pi) => {
    const p = index.products[pi];
    if (!p) throw new Error(`no product ${pi}`);
    for (const i of p.inputs)
      if (!inSet.has(i.product)) throw new Error(`${p.key}: input ${index.products[i.product]?.key} outside the model`);
    const x = p.producers.map((pr) => lp.column(`make ${p.key} ${pr.area}`, 0));
    const groups: { issuer: string | null; producers: number[] }[] = [];
    const pooled: number[] = [];
    p.producers.forEach((pr, i) => {
      if (options.issuers.has(pr.area)) groups.push({ issuer: pr.area, producers: [i] });
      else pooled.push(i);
    });
    if (pooled.length > 0) groups.push({ issuer: null, producers: pooled });
    const sources = groups.map((g) => {
      const label = g.issuer ?? 'other producers';
      const baseline = p.users.map((_, j) => g.producers.reduce((s, i) => s + (p.baseline[i]?.[j] ?? 0), 0));
      const shipped = baseline.reduce((a, b) => a + b, 0);
      return {
        ...g,
        // Only routes that can carry something get a column: a baseline route with baseline trade; a rerouted
        // one from the pool of other producers when they ship at all, and from a restricting country to itself.
        base: p.users.map((u, j) =>
          (baseline[j] ?? 0) > 0 ? lp.column(`ship ${p.key} ${label}→${u.area} baseline`, 0) : NO_COLUMN,
        ),
        extra: p.users.map((u) =>
          (g.issuer === null ? shipped > 0 : g.issuer === u.area)
            ? lp.column(`ship ${p.key} ${label}→${u.area} rerouted`, REROUTE_COST)
            : NO_COLUMN,
        ),
        baseline,
      };
    });
    const users = p.users.map((u) => ({
      draw: lp.column(`draw inventory ${p.key} ${u.area}`, DRAW_COST),
      refill: lp.column(`refill inventory ${p.key} ${u.area}`, -REFILL_REWARD),
      ...(options.stockpileAreas.has(u.area) && u.stockpile > 0
        ? { stock: lp.column(`release stockpile ${p.key} ${u.area}`, STOCKPILE_COST) }
        : {}),
      ...(options.substitutable.has(pi)
        ? { substitute: lp.column(`substitute ${p.key} ${u.area}`, SUBSTITUTION_COST) }
        : {}),
      shortfall: u.finals.map((f) =>
        SHORTFALL_SEGMENTS.map((s, k) =>
          lp.column(
            `short ${p.key} ${u.area} ${f.endUse} #${k + 1}`,
            endUseWeight(options.priority, f.endUse) * s.factor,
          ),
        ),
      ),
    }));
    return { p, x, sources, users };
  });
  const byIndex = new Map(partial.map((q) => [q.p.index, q]));
  const products: ProductColumns[] = partial.map(({ p, x, sources, users }) => {
    const withRows = sources.map((src) => ({
      ...src,
      supplyRow: lp.row(
        `${src.issuer ?? 'other producers'} ship the ${p.key} they make`,
        [
          ...p.users.flatMap((_, j) => [
            [src.base[j] ?? NO_COLUMN, 1] as const,
            [src.extra[j] ?? NO_COLUMN, 1] as const,
          ]),
          ...src.producers.map((i) => [x[i] ?? NO_COLUMN, -1] as const),
        ].filter(([c]) => c !== NO_COLUMN),
        0,
        0,
      ),
    }));
    const userCols = users.map((cols, j) => {
      const u = p.users[j];
      if (!u) throw new Error('user');
      const consumption: (readonly [number, number])[] = [];
      let reserved = 0;
      for (const c of p.consumers) {
        const q = byIndex.get(c.product);
        if (q) {
          const k = q.p.producers.findIndex((pr) => pr.area === u.area);
          if (k >= 0) consumption.push([q.x[k] ?? -1, c.coefficient]);
        } else {
          const outside = index.products[c.product]?.producers.find((pr) => pr.area === u.area);
          if (outside) reserved += c.coefficient * outside.output;
        }
      }
      const entries: (readonly [number, number])[] = [];
      for (const src of sources)
        for (const c of [src.base[j] ?? NO_COLUMN, src.extra[j] ?? NO_COLUMN])
          if (c !== NO_COLUMN) entries.push([c, 1]);
      entries.push([cols.draw, 1], [cols.refill, -1]);
      if (cols.stock !== undefined) entries.push([cols.stock, 1]);
      if (cols.substitute !== undefined) entries.push([cols.substitute, 1]);
      for (const [col, coef] of consumption) entries.push([col, -coef]);
      for (const segs of cols.shortfall) for (const s of segs) entries.push([s, 1]);
      const balanceRow = lp.row(`${u.area} uses ${p.key}`, entries, 0, 0);
      return { ...cols, balanceRow, consumption, reserved };
    });
    return { product: p, x, sources: withRows, users: userCols };
  });
  const model: MonthModel = { lp: lp.build(), products, byProduct: new Map(products.map((c) => [c.product.index, c])) };
  return model;
}
