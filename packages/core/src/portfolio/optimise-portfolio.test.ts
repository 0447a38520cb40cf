import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadHighsSolver } from '../optimise/highs-solver.ts';
import { evaluatePortfolio, optimisePortfolio } from './optimise-portfolio.ts';
import { type PortfolioProblemInput, PortfolioProblemSchema } from './portfolio-input.ts';
import { buildPortfolioModel, rampShare } from './portfolio-milp.ts';

const solver = await loadHighsSolver();

/*
 * A hand-worked instance, two months, one scenario.
 * Gaps a month: 60 t of motors (weight 2) and 10 t of oxide (weight 1): 2·120 + 20 = 260 weighted tonnes.
 * Motors are assembled (tolled, unlimited) from magnets, 1 t a tonne; a magnet takes 0.5 t of oxide.
 *   A  magnet plant, 100 t/month, $100m, needs oxide from elsewhere
 *   B  oxide plant with its own feed, 50 t/month, $50m
 *   C  oxide plant with its own feed, 20 t/month, $30m
 * Financing costs 0.1 per dollar; a weighted tonne is worth $1m, so each $1m financed costs 0.1.
 *   {}      260                                   A    260 + 10 (no oxide, no magnets)
 *   B       240 + 5 (oxide gap only)              C    240 + 3
 *   A+C     20 t oxide → 40 t magnets → 80 weighted a month beats 10 + 40: 260 − 160 + 13 = 113
 *   A+B     30 t oxide → 60 t magnets closes motors, 20 t oxide closes the oxide gap: 0 + 15 = 15
 *   B+C     240 + 8                               A+B+C  $180m, over the $160m budget
 * The optimum is A+B with no shortfall left. Without A it is 240 (A removes 240, 2.4 a $m); without B 260
 * (5.2 a $m). With a $140m budget A+B is out and A+C (113) is best.
 */
const instance = (budgetUsd: number): PortfolioProblemInput => ({
  startMonth: '2026-01',
  months: 2,
  candidates: [
    {
      id: 'A',
      name: 'magnets',
      iso3: 'USA',
      outputs: [{ product: 'magnet', tonnesPerYear: 1200 }],
      rampUpMonths: 0,
      startMonth: '2026-01',
      capexUsd: 100e6,
      status: 'construction',
      sources: ['test'],
    },
    {
      id: 'B',
      name: 'oxide large',
      iso3: 'AUS',
      outputs: [{ product: 'oxide', tonnesPerYear: 600 }],
      rampUpMonths: 0,
      startMonth: '2026-01',
      capexUsd: 50e6,
      status: 'feasibility',
      ownFeed: true,
      sources: ['test'],
    },
    {
      id: 'C',
      name: 'oxide small',
      iso3: 'CAN',
      outputs: [{ product: 'oxide', tonnesPerYear: 240 }],
      rampUpMonths: 0,
      startMonth: '2026-01',
      capexUsd: 30e6,
      status: 'feasibility',
      ownFeed: true,
      sources: ['test'],
    },
  ],
  scenarios: [
    {
      scenario: 'cut',
      probability: 1,
      gaps: [
        { product: 'motor', endUse: 'motor', weight: 2, tonnes: [60, 60] },
        { product: 'oxide', endUse: 'other', weight: 1, tonnes: [10, 10] },
      ],
    },
  ],
  coefficients: [
    { output: 'magnet', input: 'oxide', perUnit: 0.5 },
    { output: 'motor', input: 'magnet', perUnit: 1 },
  ],
  tolling: [{ product: 'motor', maxTonnesPerMonth: null }],
  terms: [{ financier: 'DFC', instrument: 'loan', costPerUsd: 0.1, maxShareOfCapex: 1, hosts: 'any', source: 'test' }],
  budgets: [{ scope: 'financier', financier: 'DFC', usd: budgetUsd }],
  usdPerWeightedTonne: 1e6,
});

const chainOf = () => 'test';

describe('optimisePortfolio', () => {
  it('finds the hand-worked optimum, its financing and each project’s marginal value', () => {
    const plan = optimisePortfolio(PortfolioProblemSchema.parse(instance(160e6)), solver, chainOf);
    if (!plan.ok) throw new Error(plan.error.detail);
    expect(plan.value.chosen.map((c) => c.id).sort()).toEqual(['A', 'B']);
    expect(plan.value.baselineWeightedShortfall).toBeCloseTo(260, 6);
    expect(plan.value.expectedWeightedShortfall).toBeCloseTo(0, 6);
    expect(plan.value.financingCostUsd).toBeCloseTo(15e6, 0);
    const a = plan.value.chosen.find((c) => c.id === 'A');
    const b = plan.value.chosen.find((c) => c.id === 'B');
    expect(a?.expectedShortfallRemoved).toBeCloseTo(240, 6);
    expect(a?.weightedTonnesPerMillionUsd).toBeCloseTo(2.4, 6);
    expect(b?.shortfallRemoved).toEqual([{ scenario: 'cut', weightedTonnes: expect.closeTo(260, 6) }]);
    expect(b?.weightedTonnesPerMillionUsd).toBeCloseTo(5.2, 6);
    expect(a?.financing).toEqual([{ financier: 'DFC', instrument: 'loan', usd: expect.closeTo(100e6, 0) }]);
    expect(plan.value.remaining).toEqual([
      { chain: 'test', product: 'motor', beforeTonnes: 120, afterTonnes: expect.closeTo(0, 6) },
      { chain: 'test', product: 'oxide', beforeTonnes: 20, afterTonnes: expect.closeTo(0, 6) },
    ]);
  });

  it('keeps within the budget: at $140m the best is A+C', () => {
    const plan = optimisePortfolio(PortfolioProblemSchema.parse(instance(140e6)), solver, chainOf);
    if (!plan.ok) throw new Error(plan.error.detail);
    expect(plan.value.chosen.map((c) => c.id).sort()).toEqual(['A', 'C']);
    expect(plan.value.expectedWeightedShortfall).toBeCloseTo(100, 6);
  });

  it('splits financing to the cheaper financier first, within each budget', () => {
    const p = instance(100e6);
    const plan = optimisePortfolio(
      PortfolioProblemSchema.parse({
        ...p,
        terms: [
          ...(p.terms ?? []),
          { financier: 'JBIC', instrument: 'loan', costPerUsd: 0.05, maxShareOfCapex: 1, hosts: 'any', source: 't' },
        ],
        budgets: [...p.budgets, { scope: 'financier', financier: 'JBIC', usd: 60e6 }],
      }),
      solver,
      chainOf,
    );
    if (!plan.ok) throw new Error(plan.error.detail);
    const lines = plan.value.chosen.flatMap((c) => c.financing);
    const total = (f: string) => lines.filter((l) => l.financier === f).reduce((s, l) => s + l.usd, 0);
    expect(plan.value.chosen.map((c) => c.id).sort()).toEqual(['A', 'B']);
    expect(total('JBIC')).toBeCloseTo(60e6, 0);
    expect(total('DFC')).toBeCloseTo(90e6, 0);
    expect(plan.value.financingCostUsd).toBeCloseTo(0.05 * 60e6 + 0.1 * 90e6, 0);
  });

  it('lends nothing from a financier without a budget, and nothing to a host its terms exclude', () => {
    const p = instance(160e6);
    const only = (terms: PortfolioProblemInput['terms']) =>
      optimisePortfolio(PortfolioProblemSchema.parse({ ...p, terms }), solver, chainOf);
    const unbudgeted = only([
      { financier: 'EXIM', instrument: 'loan', costPerUsd: 0.01, maxShareOfCapex: 1, hosts: 'any', source: 't' },
    ]);
    expect(unbudgeted.ok && unbudgeted.value.chosen).toEqual([]);
    const usOnly = only([
      { financier: 'DFC', instrument: 'loan', costPerUsd: 0.1, maxShareOfCapex: 1, hosts: ['USA'], source: 't' },
    ]);
    expect(usOnly.ok && usOnly.value.chosen.map((c) => c.id)).toEqual([]);
  });

  it('no portfolio within budget beats the optimum (every subset evaluated)', () => {
    const p = PortfolioProblemSchema.parse(instance(160e6));
    const plan = optimisePortfolio(p, solver, chainOf);
    if (!plan.ok) throw new Error(plan.error.detail);
    fc.assert(
      fc.property(fc.subarray(['A', 'B', 'C']), (ids) => {
        const e = evaluatePortfolio(p, ids, solver);
        if (!e.ok) return; // over budget
        if (e.value.financingCostUsd <= plan.value.financingCostUsd + 1)
          expect(e.value.expectedWeightedShortfall).toBeGreaterThanOrEqual(plan.value.expectedWeightedShortfall - 1e-6);
      }),
      { numRuns: 20 },
    );
  });
});

describe('rampShare', () => {
  it('is zero before the start, linear over the ramp-up, then full', () => {
    const c = { startMonth: '2026-03', rampUpMonths: 4 };
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((t) => rampShare(c, '2026-01', t))).toEqual([0, 0, 0.25, 0.5, 0.75, 1, 1, 1]);
  });
});

describe('buildPortfolioModel', () => {
  it('marks only the back-or-not columns integer', () => {
    const { lp, index } = buildPortfolioModel(PortfolioProblemSchema.parse(instance(160e6)));
    const integer = lp.integer ?? [];
    expect(integer.filter(Boolean)).toHaveLength(3);
    expect([...index.back.values()].every((c) => integer[c])).toBe(true);
  });
});
