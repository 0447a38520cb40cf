/**
 * The month model: one linear programme over a set of products (whole input–output components), built
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

/** Cost of a unit moved off its baseline route: small against any shortfall. */
export const REROUTE_COST = 1e-3;
const DRAW_COST = 1e-4;
const STOCKPILE_COST = 5e-4;
const REFILL_REWARD = 1e-5;
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
  readonly stock: number;
  readonly substitute: number;
  /** Per final use, the shortfall segment columns. */
  readonly shortfall: readonly (readonly number[])[];
  readonly balanceRow: number;
}

export interface ProductColumns {
  readonly product: ProductNode;
  /** Production by producer. */
  readonly x: readonly number[];
  /** Baseline and rerouted trade columns, [producer][user]. */
  readonly base: readonly (readonly number[])[];
  readonly extra: readonly (readonly number[])[];
  readonly users: readonly UserColumns[];
  readonly supplyRows: readonly number[];
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

/** Builds the month model over the given products (which must include every input of every product in it). */
export function buildMonthModel(index: NetworkIndex, productSet: readonly number[], priority: readonly string[]) {
  const lp = new LpBuilder();
  const members = [...productSet].sort((a, b) => a - b);
  const inSet = new Set(members);
  const partial = members.map((pi) => {
    const p = index.products[pi];
    if (!p) throw new Error(`no product ${pi}`);
    for (const i of p.inputs)
      if (!inSet.has(i.product)) throw new Error(`${p.key}: input ${index.products[i.product]?.key} outside the model`);
    const x = p.producers.map((pr) => lp.column(`make ${p.key} ${pr.area}`, 0));
    const base = p.producers.map((pr) =>
      p.users.map((u) => lp.column(`ship ${p.key} ${pr.area}→${u.area} baseline`, 0)),
    );
    const extra = p.producers.map((pr) =>
      p.users.map((u) => lp.column(`ship ${p.key} ${pr.area}→${u.area} rerouted`, REROUTE_COST)),
    );
    const users = p.users.map((u) => ({
      draw: lp.column(`draw inventory ${p.key} ${u.area}`, DRAW_COST),
      refill: lp.column(`refill inventory ${p.key} ${u.area}`, -REFILL_REWARD),
      stock: lp.column(`release stockpile ${p.key} ${u.area}`, STOCKPILE_COST),
      substitute: lp.column(`substitute ${p.key} ${u.area}`, SUBSTITUTION_COST),
      shortfall: u.finals.map((f) =>
        SHORTFALL_SEGMENTS.map((s, k) =>
          lp.column(`short ${p.key} ${u.area} ${f.endUse} #${k + 1}`, endUseWeight(priority, f.endUse) * s.factor),
        ),
      ),
    }));
    return { p, x, base, extra, users };
  });
  const byIndex = new Map(partial.map((q) => [q.p.index, q]));
  const products: ProductColumns[] = partial.map(({ p, x, base, extra, users }) => {
    const supplyRows = p.producers.map((pr, i) =>
      lp.row(
        `${pr.area} ships the ${p.key} it makes`,
        [
          ...p.users.flatMap((_, j) => [[base[i]?.[j] ?? -1, 1] as const, [extra[i]?.[j] ?? -1, 1] as const]),
          [x[i] ?? -1, -1] as const,
        ],
        0,
        0,
      ),
    );
    const withRows = users.map((cols, j) => {
      const u = p.users[j];
      if (!u) throw new Error('user');
      const entries: (readonly [number, number])[] = [];
      p.producers.forEach((_, i) => {
        entries.push([base[i]?.[j] ?? -1, 1], [extra[i]?.[j] ?? -1, 1]);
      });
      entries.push([cols.draw, 1], [cols.refill, -1], [cols.stock, 1], [cols.substitute, 1]);
      for (const c of p.consumers) {
        const q = byIndex.get(c.product);
        const k = q?.p.producers.findIndex((pr) => pr.area === u.area) ?? -1;
        if (q && k >= 0) entries.push([q.x[k] ?? -1, -c.coefficient]);
      }
      for (const segs of cols.shortfall) for (const s of segs) entries.push([s, 1]);
      const balanceRow = lp.row(`${u.area} uses ${p.key}`, entries, 0, 0);
      return { ...cols, balanceRow };
    });
    return { product: p, x, base, extra, users: withRows, supplyRows };
  });
  const model: MonthModel = { lp: lp.build(), products, byProduct: new Map(products.map((c) => [c.product.index, c])) };
  return model;
}
