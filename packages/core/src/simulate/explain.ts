/**
 * Why a country runs short of a product in a month: the constraints that bind at its node (restricted
 * routes, exhausted inventory, producers at capacity) and, upstream, the scarce inputs that held the
 * producers back — read from the month model's solution and dual values.
 */
import { z } from 'zod';
import type { PreparedSimulation, RunResult } from './scenario-run.ts';
import { SCARCITY_DUAL } from './scenario-run.ts';
import { NO_COLUMN } from './month-model.ts';

const TOL = 1e-7;

export interface ExplanationNode {
  readonly iso3: string;
  readonly product: string;
  readonly month: string;
  /** Baseline use per month (inputs to local production plus final demand). */
  readonly demand: number;
  /** Use actually met this month. */
  readonly supplied: number;
  /** Cost of one more unit needed here (0 where the product is not scarce). */
  readonly marginalValue: number;
  readonly scarce: boolean;
  readonly receipts: readonly { readonly from: string; readonly quantity: number; readonly baseline: number }[];
  readonly inventory: { readonly start: number; readonly drawn: number; readonly refilled: number };
  readonly stockpileReleased: number;
  readonly substituted: number;
  readonly finalShortfall: readonly { readonly endUse: string; readonly demand: number; readonly shortfall: number }[];
  /** Constraints that bind at this node, in words. */
  readonly binding: readonly string[];
  /** Scarce inputs that held back the producers supplying this node. */
  readonly upstream: readonly ExplanationNode[];
}

export const ExplainQuerySchema = z.object({
  iso3: z.string().regex(/^([A-Z]{3}|ROW)$/, 'an ISO3 code or ROW'),
  product: z.string().min(1),
  /** 1-based month number of the horizon, or YYYY-MM. */
  month: z.union([z.number().int().positive(), z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/)]),
});
export type ExplainQuery = z.infer<typeof ExplainQuerySchema>;

const fmt = (v: number) => (Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(1) : v.toFixed(3));

/** Explains one node of a run that was made with `trace: true`. */
export function explainNode(
  prepared: PreparedSimulation,
  result: RunResult,
  query: ExplainQuery,
  depth = 4,
): ExplanationNode | { readonly error: string } {
  const t = typeof query.month === 'number' ? query.month - 1 : result.months.indexOf(query.month);
  const trace = result.trace?.[t];
  if (!trace) return { error: `month ${query.month} is outside the run (${result.months.length} months)` };
  const model = prepared.model;
  const product = prepared.index.byKey.get(query.product);
  if (!product) return { error: `unknown product ${query.product}` };
  if (!model || !model.byProduct.has(product.index)) {
    const use = product.users.find((u) => u.area === query.iso3)?.use ?? 0;
    return {
      iso3: query.iso3,
      product: query.product,
      month: trace.month,
      demand: use,
      supplied: use,
      marginalValue: 0,
      scarce: false,
      receipts: [],
      inventory: { start: 0, drawn: 0, refilled: 0 },
      stockpileReleased: 0,
      substituted: 0,
      finalShortfall: [],
      binding: ['the scenario does not touch this product: it runs at its baseline'],
      upstream: [],
    };
  }
  const { x, dual, bounds, shocks } = trace;
  const node = (pi: number, area: string, level: number): ExplanationNode | undefined => {
    const pc = model.byProduct.get(pi);
    if (!pc) return undefined;
    const p = pc.product;
    const j = p.users.findIndex((u) => u.area === area);
    const u = p.users[j];
    const cols = pc.users[j];
    if (!u || !cols) return undefined;
    const receipts = pc.sources
      .map((src) => ({
        from: src.issuer ?? 'other producers',
        quantity: (x[src.base[j] ?? NO_COLUMN] ?? 0) + (x[src.extra[j] ?? NO_COLUMN] ?? 0),
        baseline: src.baseline[j] ?? 0,
        producers: src.producers,
      }))
      .filter((r) => r.quantity > TOL || r.baseline > TOL);
    const start = trace.inventoryStart.get(`${pi}|${area}`) ?? 0;
    const drawn = x[cols.draw] ?? 0;
    const finalShortfall = u.finals.map((f, e) => ({
      endUse: f.endUse,
      demand: f.monthly * (shocks.demandFactor.get(`${pi}|${area}`) ?? 1),
      shortfall: (cols.shortfall[e] ?? []).reduce((s, c) => s + (x[c] ?? 0), 0),
    }));
    let consumption = cols.reserved;
    for (const [col, coef] of cols.consumption) consumption += coef * (x[col] ?? 0);
    const marginal = dual[cols.balanceRow] ?? 0;
    const scarce = marginal > SCARCITY_DUAL;
    const binding: string[] = [];
    for (const r of shocks.restrictions.filter((r) => r.product === pi && r.to === area))
      binding.push(
        `${r.measure} (${r.effect.replace(/_/g, ' ')}): ${r.from}→${area} at most ${(r.allowedShare * 100).toFixed(0)} % of the baseline ${fmt(
          pc.sources.find((src) => src.issuer === r.from)?.baseline[j] ?? 0,
        )} ${p.unit}/month`,
      );
    if (drawn > TOL && drawn >= start - TOL)
      binding.push(`commercial inventory used up (${fmt(start)} ${p.unit} at the start of the month)`);
    else if (start <= TOL && u.inventoryTarget > TOL)
      binding.push(`commercial inventory used up in earlier months (normally ${fmt(u.inventoryTarget)} ${p.unit})`);
    else if (drawn > TOL) binding.push(`drew ${fmt(drawn)} ${p.unit} from commercial inventory`);
    const upstream: ExplanationNode[] = [];
    const shipping = new Set(receipts.filter((r) => r.quantity > TOL).flatMap((r) => r.producers));
    p.producers.forEach((pr, i) => {
      const col = pc.x[i] ?? 0;
      const made = x[col] ?? 0;
      const cap = bounds.colUpper[col] ?? 0;
      if (!shipping.has(i)) return;
      if (made >= cap - TOL && cap > TOL && scarce)
        binding.push(`${pr.area} makes all the ${p.key} it can (${fmt(cap)} ${p.unit}/month)`);
      else if (level < depth && scarce)
        for (const input of p.inputs) {
          const child = node(input.product, pr.area, level + 1);
          if (child?.scarce) upstream.push(child);
        }
    });
    const stock = cols.stock === undefined ? 0 : (x[cols.stock] ?? 0);
    return {
      iso3: area,
      product: p.key,
      month: trace.month,
      demand: u.use * 1,
      supplied: consumption + finalShortfall.reduce((s, f) => s + f.demand - f.shortfall, 0),
      marginalValue: Math.max(0, marginal),
      scarce,
      receipts: receipts.map((r) => ({ from: r.from, quantity: r.quantity, baseline: r.baseline })),
      inventory: { start, drawn, refilled: x[cols.refill] ?? 0 },
      stockpileReleased: stock,
      substituted: cols.substitute === undefined ? 0 : (x[cols.substitute] ?? 0),
      finalShortfall,
      binding,
      upstream,
    };
  };
  const root = node(product.index, query.iso3, 0);
  if (!root) return { error: `${query.iso3} does not use ${query.product} in the network` };
  return root;
}
