import { describe, expect, it } from 'vitest';
import { projectCashFlows } from './cash-flows.ts';
import { evaluatePolicy, projectPricePath } from './evaluate-policy.ts';
import { ProjectEconomicsSchema } from './policy-package.ts';
import type { CalibratedProcess } from './price-process.ts';

const project = ProjectEconomicsSchema.parse({
  id: 'TEST',
  name: 'Test',
  iso3: 'USA',
  product: 'ndpr_oxide',
  pricedBy: 'nd_oxide',
  capacityTonnesPerYear: 1000,
  years: [
    { year: 2025, volumeTonnes: 0, unitCostUsdPerKg: 0, capexUsdM: 100 },
    { year: 2026, volumeTonnes: 1000, unitCostUsdPerKg: 40, capexUsdM: 0 },
    { year: 2027, volumeTonnes: 1000, unitCostUsdPerKg: 40, capexUsdM: 0 },
  ],
  discountRate: 0.1,
  taxRate: 0,
  sources: { volume: ['a'], unitCost: ['a'], capex: ['a'], discountRate: 'a', taxRate: 'a' },
});
const settings = { governmentDiscountRate: 0.04, minDscr: 1.3 };
const calibrated: CalibratedProcess = {
  process: { kind: 'gbm', mu: 0, sigma: 0.3 },
  fromYear: 2014,
  toYear: 2024,
  observations: 11,
  lastUsdPerKg: 56,
};

describe('evaluatePolicy', () => {
  it('with a fixed stream every path is the same, and the summary is that path’s figures', () => {
    // u = 0.5 always: z = √(−2 ln 0.5) cos π = −1.17741, so each year the log price falls by 0.3 × 1.17741.
    const streamOf = () => ({ next: () => 0.5 });
    const path = projectPricePath(project, calibrated, streamOf());
    expect(path[0]).toBeCloseTo(56 * Math.exp(-0.353223), 4);
    expect(path[2]).toBeCloseTo(56 * Math.exp(-3 * 0.353223), 4);
    const tools = { priceFloor: { usdPerKg: 110, fromYear: 2026, years: 10 } };
    const one = projectCashFlows(project, tools, path, settings);
    const e = evaluatePolicy({ project, tools, calibrated, settings, runs: 5, seed: 1, streamOf });
    expect(e.npvUsdM).toEqual({ mean: one.npvUsdM, p5: one.npvUsdM, p50: one.npvUsdM, p95: one.npvUsdM });
    expect(e.taxpayerCostUsdM.p95).toBeCloseTo(one.taxpayerCostUsdM, 9);
    expect(e.floorBindingShare).toBe(1);
    expect(e.bankableProbability).toBe(1);
  });

  it('reproduces any run from (seed, run) alone', () => {
    const tools = {};
    const ten = evaluatePolicy({ project, tools, calibrated, settings, runs: 10, seed: 42 });
    const again = evaluatePolicy({ project, tools, calibrated, settings, runs: 10, seed: 42 });
    expect(again).toEqual(ten);
    expect(evaluatePolicy({ project, tools, calibrated, settings, runs: 10, seed: 43 }).npvUsdM).not.toEqual(
      ten.npvUsdM,
    );
  });
});
