import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadHighsSolver } from '../optimise/highs-solver.ts';
import { LpBuilder, type Solver } from '../optimise/linear-program.ts';
import { type AllocationProblem, allocatePeriod, type PeriodAllocation } from './allocate-period.ts';

let solver: Solver;
beforeAll(async () => {
  solver = await loadHighsSolver();
});

const run = (p: AllocationProblem, rule: 'maxmin' | 'proportional' | 'priority'): PeriodAllocation => {
  const r = allocatePeriod(p, rule, solver);
  if (!r.ok) throw new Error(r.error.detail);
  return r.value;
};
const byBuyer = (a: PeriodAllocation) => Object.fromEntries(a.buyers.map((b) => [b.buyerId, b]));

/** P1 (100 t) can serve A and B; P2 (10 t) only C. Needs: 100 t each. */
const bottleneck: AllocationProblem = {
  projects: [
    { id: 'P1', supply: 100, eligible: new Set(['A', 'B']) },
    { id: 'P2', supply: 10, eligible: new Set(['C']) },
  ],
  buyers: [
    { id: 'A', need: 100, priority: 2 },
    { id: 'B', need: 100, priority: 1 },
    { id: 'C', need: 100, priority: 2 },
  ],
  contracts: [],
};

describe('allocatePeriod', () => {
  it('max-min: C is held at 10 % by its only source, then A and B share P1 at 50 %', () => {
    const a = byBuyer(run(bottleneck, 'maxmin'));
    expect(a['C']).toMatchObject({ bound: 'max-min-level', limitedBy: ['P2'] });
    expect(a['C']?.allocated).toBeCloseTo(10, 6);
    expect(a['A']?.allocated).toBeCloseTo(50, 6);
    expect(a['B']?.allocated).toBeCloseTo(50, 6);
    expect(a['A']?.level).toBeCloseTo(0.5, 6);
    expect(a['C']?.level).toBeCloseTo(0.1, 6);
  });

  it('priority: class 1 (B) is served first, then A and C by max-min', () => {
    const a = byBuyer(run(bottleneck, 'priority'));
    expect(a['B']).toMatchObject({ bound: 'need-met' });
    expect(a['B']?.allocated).toBeCloseTo(100, 6);
    expect(a['A']?.allocated).toBeCloseTo(0, 6);
    expect(a['C']?.allocated).toBeCloseTo(10, 6);
  });

  it('proportional: everyone targets the pooled share 110/300, and what the target cannot use is left over', () => {
    // s = 110 / 300 = 0.3667: targets 36.67 t each. C can get only 10; A and B reach 36.67, then the fill
    // gives P1's remaining 26.67 t to A or B (leftover).
    const r = run(bottleneck, 'proportional');
    const a = byBuyer(r);
    expect(a['C']).toMatchObject({ bound: 'short-of-target' });
    expect(a['C']?.allocated).toBeCloseTo(10, 6);
    expect((a['A']?.allocated ?? 0) + (a['B']?.allocated ?? 0)).toBeCloseTo(100, 6);
    expect(Math.min(a['A']?.allocated ?? 0, a['B']?.allocated ?? 0)).toBeGreaterThanOrEqual(110 / 3 - 1e-5);
    expect(a['A']?.level).toBeCloseTo(110 / 300, 6);
  });

  it('honours a contract first and says when it, not the rule, bound the buyer', () => {
    const a = byBuyer(run({ ...bottleneck, contracts: [{ projectId: 'P1', buyerId: 'A', tonnes: 80 }] }, 'maxmin'));
    expect(a['A']).toMatchObject({ bound: 'contract', contracted: 80 });
    expect(a['A']?.allocated).toBeCloseTo(80, 6);
    expect(a['B']?.allocated).toBeCloseTo(20, 6);
  });

  it('scales a project’s contracts down together when they exceed its output', () => {
    const r = run(
      {
        ...bottleneck,
        contracts: [
          { projectId: 'P1', buyerId: 'A', tonnes: 150 },
          { projectId: 'P1', buyerId: 'B', tonnes: 50 },
        ],
      },
      'maxmin',
    );
    expect(r.contractsScaled).toEqual([{ projectId: 'P1', factor: 0.5 }]);
    expect(byBuyer(r)['A']?.allocated).toBeCloseTo(75, 6);
  });

  const instance = fc
    .record({
      supplies: fc.array(fc.integer({ min: 0, max: 100 }), { minLength: 1, maxLength: 3 }),
      needs: fc.array(fc.integer({ min: 1, max: 120 }), { minLength: 2, maxLength: 4 }),
      eligibility: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
      contractShares: fc.array(fc.double({ min: 0, max: 0.4, noNaN: true }), { minLength: 12, maxLength: 12 }),
      priorities: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 4, maxLength: 4 }),
    })
    .map(({ supplies, needs, eligibility, contractShares, priorities }): AllocationProblem => {
      const buyers = needs.map((need, i) => ({ id: `B${i}`, need, priority: priorities[i] ?? 1 }));
      const projects = supplies.map((supply, p) => ({
        id: `P${p}`,
        supply,
        eligible: new Set(buyers.filter((_, b) => eligibility[p * 4 + b]).map((b) => b.id)),
      }));
      // Contracts take at most 40 % of a project each and never more than its output in total.
      const contracts = projects.flatMap((p, pi) => {
        const own = buyers.map((b, bi) => ({
          projectId: p.id,
          buyerId: b.id,
          tonnes: p.supply * (contractShares[pi * 4 + bi] ?? 0),
        }));
        const total = own.reduce((s, c) => s + c.tonnes, 0);
        return own
          .filter((c) => c.tonnes > 0.5)
          .map((c) => ({ ...c, tonnes: total > p.supply ? c.tonnes * (p.supply / total) : c.tonnes }));
      });
      return { projects, buyers, contracts };
    });

  it('always honours signed contracts, under every rule', () => {
    fc.assert(
      fc.property(
        instance,
        fc.constantFrom('maxmin' as const, 'proportional' as const, 'priority' as const),
        (p, rule) => {
          const r = run(p, rule);
          expect(r.contractsScaled).toEqual([]);
          for (const c of p.contracts) {
            const flow = r.flows.find((f) => f.projectId === c.projectId && f.buyerId === c.buyerId)?.tonnes ?? 0;
            expect(flow).toBeGreaterThanOrEqual(c.tonnes - 1e-6);
          }
          for (const proj of p.projects) {
            const out = r.flows.filter((f) => f.projectId === proj.id).reduce((s, f) => s + f.tonnes, 0);
            expect(out).toBeLessThanOrEqual(proj.supply + 1e-6);
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  /**
   * The best share buyer `b` could reach while every buyer whose share is no larger than b's keeps at least its
   * share, contracts hold and no project oversells: every perturbation that lowers no smaller share.
   */
  function bestShareWithoutHurtingSmaller(p: AllocationProblem, a: PeriodAllocation, b: number): number {
    const lp = new LpBuilder();
    const contracted = (pi: number, bi: number) =>
      p.contracts
        .filter((c) => c.projectId === p.projects[pi]?.id && c.buyerId === p.buyers[bi]?.id)
        .reduce((s, c) => s + c.tonnes, 0);
    const pairs: { pi: number; bi: number; col: number }[] = [];
    p.projects.forEach((proj, pi) =>
      p.buyers.forEach((buyer, bi) => {
        const lower = contracted(pi, bi);
        if (lower > 0 || proj.eligible?.has(buyer.id))
          pairs.push({ pi, bi, col: lp.column(`x${pi}.${bi}`, bi === b ? -1 : 0, lower, Infinity) });
      }),
    );
    if (!pairs.some((x) => x.bi === b)) return 0;
    p.projects.forEach((proj, pi) =>
      lp.row(
        `s${pi}`,
        pairs.filter((x) => x.pi === pi).map((x) => [x.col, 1] as const),
        -Infinity,
        proj.supply,
      ),
    );
    const mine = a.buyers[b]?.share ?? 0;
    p.buyers.forEach((buyer, bi) => {
      const share = a.buyers[bi]?.share ?? 0;
      const cap = Math.max(
        buyer.need,
        p.contracts.filter((c) => c.buyerId === buyer.id).reduce((s, c) => s + c.tonnes, 0),
      );
      const floor = bi !== b && share <= mine + 1e-6 ? share * buyer.need - 1e-7 : -Infinity;
      lp.row(
        `b${bi}`,
        pairs.filter((x) => x.bi === bi).map((x) => [x.col, 1] as const),
        floor,
        cap,
      );
    });
    const r = solver.solve(lp.build());
    if (!r.ok) throw new Error(r.error.detail);
    return -r.value.objective / (p.buyers[b]?.need ?? 1);
  }

  it('max-min: no buyer can gain share without lowering a buyer whose share is no larger', () => {
    fc.assert(
      fc.property(instance, (p) => {
        const a = run(p, 'maxmin');
        p.buyers.forEach((_, b) => {
          expect(bestShareWithoutHurtingSmaller(p, a, b)).toBeLessThanOrEqual((a.buyers[b]?.share ?? 0) + 1e-5);
        });
      }),
      { numRuns: 60 },
    );
  });
});
