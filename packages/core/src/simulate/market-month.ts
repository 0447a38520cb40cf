/**
 * One product's market in one month as a linear programme: producers ship what they have, users receive
 * what they need or run short, and trade stays on its baseline unless a restriction forces it elsewhere.
 * See docs/methods/simulation.md.
 */
import { LpBuilder, type Solver } from '../optimise/linear-program.ts';

export interface MarketMonthInput {
  readonly product: string;
  /** What each producer can ship this month (output within capacity, plus inventory released). */
  readonly producers: readonly { readonly area: string; readonly available: number }[];
  /** What each user needs this month, and the weight of a tonne it goes without (its priority). */
  readonly users: readonly { readonly area: string; readonly demand: number; readonly shortfallWeight: number }[];
  /** Baseline flows producer → user; trade beyond them costs a little, so the baseline is kept where possible. */
  readonly baseline: readonly { readonly from: string; readonly to: string; readonly quantity: number }[];
  /** Export restrictions: at most `allowedShare` of the baseline flow from → to may still move. */
  readonly restrictions: readonly {
    readonly from: string;
    readonly to: string;
    readonly allowedShare: number;
    readonly measure: string;
  }[];
}

export interface MarketMonthResult {
  readonly flows: readonly { readonly from: string; readonly to: string; readonly quantity: number }[];
  readonly users: readonly {
    readonly area: string;
    readonly demand: number;
    readonly supplied: number;
    readonly shortfall: number;
  }[];
  /** Constraints that bind: exhausted producers and restrictions that hold flows below what users need. */
  readonly binding: readonly string[];
}

/** Cost of a tonne moved off its baseline route, small against any shortfall weight. */
const REROUTE_COST = 1e-3;

export function solveMarketMonth(input: MarketMonthInput, solver: Solver): MarketMonthResult {
  const lp = new LpBuilder();
  const baseOf = (from: string, to: string) =>
    input.baseline.find((b) => b.from === from && b.to === to)?.quantity ?? 0;
  const restriction = (from: string, to: string) => input.restrictions.filter((r) => r.from === from && r.to === to);
  const arcs: { from: string; to: string; base: number; extra: number }[] = [];
  for (const p of input.producers)
    for (const u of input.users) {
      const b = baseOf(p.area, u.area);
      const limits = restriction(p.area, u.area);
      const cap = limits.length > 0 ? Math.min(...limits.map((r) => r.allowedShare)) * b : Infinity;
      // Two parts per route: up to the baseline at no cost, the rest at a small rerouting cost.
      const base = lp.column(`flow ${input.product} ${p.area}→${u.area} (baseline)`, 0, 0, Math.min(b, cap));
      const extra = lp.column(
        `flow ${input.product} ${p.area}→${u.area} (rerouted)`,
        REROUTE_COST,
        0,
        Math.max(0, cap - Math.min(b, cap)),
      );
      arcs.push({ from: p.area, to: u.area, base, extra });
    }
  const shortfalls = input.users.map((u) =>
    lp.column(`shortfall ${input.product} ${u.area}`, u.shortfallWeight, 0, u.demand),
  );
  const supplyRows = input.producers.map((p) =>
    lp.row(
      `supply ${input.product} ${p.area}`,
      arcs.filter((a) => a.from === p.area).flatMap((a) => [[a.base, 1] as const, [a.extra, 1] as const]),
      -Infinity,
      p.available,
    ),
  );
  input.users.forEach((u, i) =>
    lp.row(
      `demand ${input.product} ${u.area}`,
      [
        ...arcs.filter((a) => a.to === u.area).flatMap((a) => [[a.base, 1] as const, [a.extra, 1] as const]),
        [shortfalls[i] ?? -1, 1] as const,
      ],
      u.demand,
      u.demand,
    ),
  );
  const solved = solver.solve(lp.build());
  if (!solved.ok) throw new Error(`market ${input.product}: ${solved.error.code} (${solved.error.detail})`);
  const x = solved.value.x;
  const flows = arcs
    .map((a) => ({ from: a.from, to: a.to, quantity: (x[a.base] ?? 0) + (x[a.extra] ?? 0) }))
    .filter((f) => f.quantity > 1e-9);
  const users = input.users.map((u, i) => {
    const shortfall = Math.max(0, x[shortfalls[i] ?? -1] ?? 0);
    return { area: u.area, demand: u.demand, supplied: u.demand - shortfall, shortfall };
  });
  const binding: string[] = [];
  input.producers.forEach((p, i) => {
    const dual = solved.value.rowDual[supplyRows[i] ?? -1] ?? 0;
    if (Math.abs(dual) > REROUTE_COST / 2)
      binding.push(`${p.area} has no more ${input.product} to ship (${p.available.toFixed(1)} available)`);
  });
  for (const r of input.restrictions) {
    const short = users.find((u) => u.area === r.to && u.shortfall > 1e-9);
    if (short)
      binding.push(
        `${r.measure}: ${r.from}→${r.to} limited to ${(r.allowedShare * 100).toFixed(0)} % of its baseline flow`,
      );
  }
  return { flows, users, binding };
}
