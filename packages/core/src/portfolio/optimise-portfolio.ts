/**
 * Solves the portfolio programme and reads it back: which candidates to back, each one's financing plan,
 * the shortfall it removes in each scenario (by re-solving without it), its marginal value, and the gap
 * that remains. See docs/methods/portfolio.md.
 */
import type { LpSolution, SolveError, Solver, SolveOptions } from '../optimise/linear-program.ts';
import { err, ok, type Result } from '../result.ts';
import type { Instrument, PortfolioProblem } from './portfolio-input.ts';
import { buildPortfolioModel, type PortfolioModelIndex, USD_PER_UNIT } from './portfolio-milp.ts';

export interface FinancingLine {
  readonly financier: string;
  readonly instrument: Instrument;
  readonly usd: number;
}

/** How a fixed portfolio fares: expected and per-scenario weighted shortfall, and its cheapest financing. */
export interface PortfolioEvaluation {
  readonly backed: readonly string[];
  readonly expectedWeightedShortfall: number;
  readonly byScenario: readonly { readonly scenario: string; readonly weightedShortfall: number }[];
  readonly financingCostUsd: number;
  readonly capexUsd: number;
  readonly financing: ReadonlyMap<string, readonly FinancingLine[]>;
  /** Expected tonnes short after the portfolio, by product (summed over months). */
  readonly remainingTonnes: ReadonlyMap<string, number>;
  readonly objective: number;
  readonly mipGap: number;
}

export interface ChosenProject {
  readonly id: string;
  readonly name: string;
  readonly iso3: string;
  readonly capexUsd: number;
  readonly financing: readonly FinancingLine[];
  /** Weighted shortfall the portfolio has less, scenario by scenario, than the same portfolio without this project. */
  readonly shortfallRemoved: readonly { readonly scenario: string; readonly weightedTonnes: number }[];
  readonly expectedShortfallRemoved: number;
  /** Expected weighted tonnes avoided per million USD of capex. */
  readonly weightedTonnesPerMillionUsd: number | null;
}

export interface RemainingGap {
  readonly chain: string;
  readonly product: string;
  /** Expected tonnes short over the horizon with nothing backed, and after the portfolio. */
  readonly beforeTonnes: number;
  readonly afterTonnes: number;
}

export interface PortfolioPlan {
  readonly chosen: readonly ChosenProject[];
  readonly baselineWeightedShortfall: number;
  readonly expectedWeightedShortfall: number;
  readonly financingCostUsd: number;
  readonly capexUsd: number;
  /** Relative gap between the incumbent and HiGHS's proven bound when it stopped. */
  readonly mipGap: number;
  readonly remaining: readonly RemainingGap[];
}

function read(p: PortfolioProblem, index: PortfolioModelIndex, sol: LpSolution): PortfolioEvaluation {
  const x = sol.x;
  const backed = p.candidates.filter((c) => (x[index.back.get(c.id) as number] ?? 0) > 0.5).map((c) => c.id);
  const relievedWeighted = p.scenarios.map(() => 0);
  const relievedTonnes = new Map<string, number>();
  for (const r of index.relief) {
    const v = x[r.col] ?? 0;
    const sc = p.scenarios[r.s];
    const g = sc?.gaps[r.g];
    if (!sc || !g) continue;
    relievedWeighted[r.s] = (relievedWeighted[r.s] ?? 0) + g.weight * v;
    relievedTonnes.set(g.product, (relievedTonnes.get(g.product) ?? 0) + sc.probability * v);
  }
  const byScenario = p.scenarios.map((sc, s) => ({
    scenario: sc.scenario,
    weightedShortfall: Math.max(
      0,
      sc.gaps.reduce((a, g) => a + g.weight * g.tonnes.reduce((u, v) => u + v, 0), 0) - (relievedWeighted[s] ?? 0),
    ),
  }));
  const remainingTonnes = new Map<string, number>();
  for (const sc of p.scenarios)
    for (const g of sc.gaps)
      remainingTonnes.set(
        g.product,
        (remainingTonnes.get(g.product) ?? 0) + sc.probability * g.tonnes.reduce((a, v) => a + v, 0),
      );
  for (const [product, t] of relievedTonnes) remainingTonnes.set(product, (remainingTonnes.get(product) ?? 0) - t);
  const financing = new Map<string, FinancingLine[]>();
  let financingCostUsd = 0;
  for (const f of index.financing) {
    const usd = (x[f.col] ?? 0) * USD_PER_UNIT;
    if (usd < 1) continue;
    financingCostUsd += usd * f.term.costPerUsd;
    financing.set(f.candidate, [
      ...(financing.get(f.candidate) ?? []),
      { financier: f.term.financier, instrument: f.term.instrument, usd },
    ]);
  }
  const capexUsd = p.candidates.filter((c) => backed.includes(c.id)).reduce((a, c) => a + c.capexUsd, 0);
  return {
    backed,
    expectedWeightedShortfall: byScenario.reduce(
      (a, s, i) => a + (p.scenarios[i]?.probability ?? 0) * s.weightedShortfall,
      0,
    ),
    byScenario,
    financingCostUsd,
    capexUsd,
    financing,
    remainingTonnes,
    objective: index.baseline + sol.objective,
    mipGap: sol.mipGap ?? 0,
  };
}

/** The weighted shortfall and cheapest financing of one given portfolio (every candidate pinned). */
export function evaluatePortfolio(
  p: PortfolioProblem,
  backed: readonly string[],
  solver: Solver,
): Result<PortfolioEvaluation, SolveError> {
  const want = new Set(backed);
  const model = buildPortfolioModel(p, new Map(p.candidates.map((c) => [c.id, want.has(c.id)])));
  const solved = solver.solve(model.lp);
  if (!solved.ok) return err(solved.error);
  const e = read(p, model.index, solved.value);
  const missing = backed.filter((id) => !e.backed.includes(id));
  if (missing.length > 0)
    return err({ code: 'infeasible', detail: `cannot finance ${missing.join(', ')} within the budgets and terms` });
  return ok(e);
}

/**
 * The portfolio that minimises expected weighted shortfall plus financing cost, with each chosen project's
 * financing, shortfall removed by scenario and marginal value.
 */
export function optimisePortfolio(
  p: PortfolioProblem,
  solver: Solver,
  chainOf: (product: string) => string,
  options: SolveOptions = {},
): Result<PortfolioPlan, SolveError> {
  const model = buildPortfolioModel(p);
  const solved = solver.solve(model.lp, options);
  if (!solved.ok) return err(solved.error);
  const best = read(p, model.index, solved.value);
  // Re-evaluate the chosen set as a linear programme so that its numbers are those `evaluatePortfolio` gives.
  const exact = evaluatePortfolio(p, best.backed, solver);
  if (!exact.ok) return err(exact.error);
  const chosen: ChosenProject[] = [];
  for (const id of exact.value.backed) {
    const c = p.candidates.find((x) => x.id === id);
    if (!c) continue;
    const without = evaluatePortfolio(
      p,
      exact.value.backed.filter((b) => b !== id),
      solver,
    );
    if (!without.ok) return err(without.error);
    const shortfallRemoved = p.scenarios.map((sc, s) => ({
      scenario: sc.scenario,
      weightedTonnes:
        (without.value.byScenario[s]?.weightedShortfall ?? 0) - (exact.value.byScenario[s]?.weightedShortfall ?? 0),
    }));
    const expectedShortfallRemoved = without.value.expectedWeightedShortfall - exact.value.expectedWeightedShortfall;
    chosen.push({
      id,
      name: c.name,
      iso3: c.iso3,
      capexUsd: c.capexUsd,
      financing: exact.value.financing.get(id) ?? [],
      shortfallRemoved,
      expectedShortfallRemoved,
      weightedTonnesPerMillionUsd: c.capexUsd > 0 ? expectedShortfallRemoved / (c.capexUsd / USD_PER_UNIT) : null,
    });
  }
  const before = new Map<string, number>();
  for (const sc of p.scenarios)
    for (const g of sc.gaps)
      before.set(g.product, (before.get(g.product) ?? 0) + sc.probability * g.tonnes.reduce((a, v) => a + v, 0));
  const remaining = [...before]
    .map(([product, beforeTonnes]) => ({
      chain: chainOf(product),
      product,
      beforeTonnes,
      afterTonnes: Math.max(0, exact.value.remainingTonnes.get(product) ?? beforeTonnes),
    }))
    .sort((a, b) => a.chain.localeCompare(b.chain) || a.product.localeCompare(b.product));
  return ok({
    chosen: chosen.sort((a, b) => b.expectedShortfallRemoved - a.expectedShortfallRemoved || a.id.localeCompare(b.id)),
    baselineWeightedShortfall: model.index.baseline,
    expectedWeightedShortfall: exact.value.expectedWeightedShortfall,
    financingCostUsd: exact.value.financingCostUsd,
    capexUsd: exact.value.capexUsd,
    mipGap: best.mipGap,
    remaining,
  });
}
