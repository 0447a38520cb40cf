import { describe, expect, it } from 'vitest';
import { BUNDLED_DATASET } from '../data/bundle-files.ts';
import { loadDataset } from '../data/load-dataset.ts';
import type { Effects } from '../effects.ts';
import { UsageError } from '../exit-codes.ts';
import { policyEvaluateCommand } from './policy.ts';

const dataset = loadDataset(BUNDLED_DATASET);
const run = (flags: Record<string, unknown>): { code: number; stdout: string } => {
  let stdout = '';
  const effects: Effects = { stdout: (t) => void (stdout += t), stderr: () => undefined, env: {}, cwd: '/nonexistent' };
  const code = policyEvaluateCommand(dataset, flags, effects);
  return { code, stdout };
};

interface Evaluation {
  npvUsdM: { mean: number; p5: number };
  bankableProbability: number;
  taxpayerCostUsdM: { mean: number; p95: number };
}

describe('lodestone policy evaluate', () => {
  it('reproduces the MP Materials floor: the NPV rises, the taxpayer pays, and every figure is sourced', () => {
    const r = run({ project: 'US-MP-MTP', signed: true, runs: '300', seed: '7', json: true });
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      tools: { priceFloor: { usdPerKg: number; fromYear: number; years: number } };
      withoutTools: Evaluation;
      withTools: Evaluation;
      assumptions: string[];
      sources: string[];
      alliedGap: { gapTonnes: number; projectCapacityTonnes: number };
    };
    expect(out.tools.priceFloor).toEqual({ usdPerKg: 110, fromYear: 2026, years: 10 });
    expect(out.withTools.npvUsdM.mean).toBeGreaterThan(out.withoutTools.npvUsdM.mean);
    expect(out.withTools.npvUsdM.p5).toBeGreaterThan(out.withoutTools.npvUsdM.p5);
    expect(out.withTools.bankableProbability).toBeGreaterThanOrEqual(out.withoutTools.bankableProbability);
    expect(out.withoutTools.taxpayerCostUsdM.mean).toBe(0);
    expect(out.withTools.taxpayerCostUsdM.p95).toBeGreaterThan(out.withTools.taxpayerCostUsdM.mean);
    expect(out.assumptions).toContain('assumption-mp-unit-cost');
    const known = new Set(dataset.sources.map((s) => s.id as string));
    expect(out.sources.every((id) => known.has(id))).toBe(true);
    expect(out.alliedGap.projectCapacityTonnes).toBe(6000);
  });

  it('gives the same answer for the same seed, bit for bit', () => {
    const flags = { project: 'US-MP-MTP', floor: '110', runs: '200', seed: '3', json: true };
    expect(run(flags).stdout).toBe(run(flags).stdout);
    expect(run({ ...flags, seed: '4' }).stdout).not.toBe(run(flags).stdout);
  });

  it('prints a table with both cases and names the assumptions', () => {
    const r = run({ project: 'US-MP-MTP', floor: '110', years: '10', runs: '200' });
    expect(r.stdout).toMatch(/without tools/);
    expect(r.stdout).toMatch(/price floor USD 110\/kg, 2025–2034/);
    expect(r.stdout).toMatch(/assumptions: .*assumption-project-discount-rate/);
  });

  it('rejects an unknown project or a bad flag as a usage error', () => {
    expect(() => run({ project: 'US-MP-XXX' })).toThrow(/US-MP-MTP/);
    expect(() => run({ project: 'US-MP-MTP', floor: '-1' })).toThrow(UsageError);
    expect(() => run({ project: 'US-MP-MTP', offtakeShare: '0.5' })).toThrow(/--offtake-price/);
  });
});
