import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { evaluatePortfolio, loadHighsSolver, optimisePortfolio } from '@lodestone/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../data/load-dataset.ts';
import { BUNDLED_DATASET } from '../data/bundle-files.ts';
import type { Effects } from '../effects.ts';
import { runCli } from '../testing/run-cli.ts';
import { portfolioProblem, readProjects, scenarioGaps, setUpPortfolio } from './portfolio.ts';

const SCENARIOS = 'cn-2025-04-ree7,cn-2025-10-package';
const quiet: Effects = { stdout: () => {}, stderr: () => {}, env: {}, cwd: '/nonexistent' };

describe('lodestone portfolio', () => {
  it('backs projects from the shipped pipeline within the budgets, and says what each removes', async () => {
    const r = await runCli(['portfolio', '--scenarios', SCENARIOS, '--probabilities', '0.6,0.4', '--json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const plan = JSON.parse(r.stdout) as {
      scenarios: { id: string; probability: number }[];
      budgets: { scope: string; financier?: string; usd: number }[];
      chosen: {
        id: string;
        capexUsd: number;
        financing: { financier: string; usd: number }[];
        shortfallRemoved: { scenario: string; weightedTonnes: number }[];
        expectedShortfallRemoved: number;
      }[];
      baselineWeightedShortfall: number;
      expectedWeightedShortfall: number;
      remaining: { chain: string; product: string; beforeTonnes: number; afterTonnes: number }[];
    };
    expect(plan.scenarios).toEqual([
      { id: 'cn-2025-04-ree7', probability: 0.6 },
      { id: 'cn-2025-10-package', probability: 0.4 },
    ]);
    expect(plan.chosen.length).toBeGreaterThan(0);
    expect(plan.expectedWeightedShortfall).toBeLessThan(plan.baselineWeightedShortfall);
    for (const c of plan.chosen) {
      expect(c.financing.reduce((a, f) => a + f.usd, 0)).toBeCloseTo(c.capexUsd, -3);
      expect(c.shortfallRemoved.map((s) => s.scenario)).toEqual(['cn-2025-04-ree7', 'cn-2025-10-package']);
      expect(c.expectedShortfallRemoved).toBeGreaterThan(0);
    }
    for (const b of plan.budgets.filter((x) => x.scope === 'financier')) {
      const lent = plan.chosen.flatMap((c) => c.financing).filter((f) => f.financier === b.financier);
      expect(lent.reduce((a, f) => a + f.usd, 0)).toBeLessThanOrEqual(b.usd + 1);
    }
    const ev = plan.remaining.find((g) => g.product === 'ev_traction_motor');
    expect(ev?.chain).toBe('magnets');
    expect(ev?.afterTonnes).toBeLessThan(ev?.beforeTonnes ?? 0);
  }, 60_000);

  it('is no worse than any single project or any seeded random portfolio of equal or lower cost', async () => {
    const dataset = loadDataset(BUNDLED_DATASET);
    const setup = setUpPortfolio(dataset, { scenarios: SCENARIOS }, quiet);
    const solver = await loadHighsSolver();
    const gaps = await scenarioGaps(dataset, setup);
    const problem = portfolioProblem(setup, gaps);
    const best = optimisePortfolio(problem, solver, setup.feed.chainOf, { mipRelGap: 1e-9 });
    if (!best.ok) throw new Error(best.error.detail);
    const ids = problem.candidates.map((c) => c.id);
    expect(ids.length).toBeGreaterThan(2);
    let compared = 0;
    const check = (subset: readonly string[]) => {
      const e = evaluatePortfolio(problem, subset, solver);
      if (!e.ok) return; // not fundable within the budgets
      if (e.value.financingCostUsd > best.value.financingCostUsd + 1) return;
      compared++;
      expect(e.value.expectedWeightedShortfall).toBeGreaterThanOrEqual(best.value.expectedWeightedShortfall - 1e-6);
    };
    for (const id of ids) check([id]);
    fc.assert(fc.property(fc.subarray(ids), (subset) => check(subset)));
    expect(compared).toBeGreaterThan(ids.length);
  }, 120_000);

  it('optimises over Monte Carlo draws of each scenario, equally likely within it, the same for the same seed', async () => {
    const args = ['portfolio', '--scenarios', SCENARIOS, '--draws', '2', '--seed', '7', '--horizon', '24', '--json'];
    const [a, b] = [await runCli(args), await runCli(args)];
    expect(a.code).toBe(0);
    expect(a.stdout).toBe(b.stdout);
    const plan = JSON.parse(a.stdout) as {
      draws: number;
      seed: number;
      chosen: { shortfallRemoved: { scenario: string }[] }[];
    };
    expect(plan).toMatchObject({ draws: 2, seed: 7 });
    for (const c of plan.chosen)
      expect(c.shortfallRemoved.map((s) => s.scenario)).toEqual([
        'cn-2025-04-ree7#0',
        'cn-2025-04-ree7#1',
        'cn-2025-10-package#0',
        'cn-2025-10-package#1',
      ]);
  }, 120_000);

  it('keeps to projects whose financing can close by the deadline', async () => {
    const dataset = loadDataset(BUNDLED_DATASET);
    const all = setUpPortfolio(dataset, { scenarios: SCENARIOS }, quiet);
    const dated = setUpPortfolio(dataset, { scenarios: SCENARIOS, financedBy: '2026-04-28' }, quiet);
    expect(dated.candidates.every((c) => c.status !== 'announced' && c.status !== 'concept')).toBe(true);
    expect(dated.candidates.length).toBeLessThanOrEqual(all.candidates.length);
    const announced = all.candidates.filter((c) => c.status === 'announced').map((c) => c.id);
    for (const id of announced)
      expect(dated.excluded.find((e) => e.id === id)?.reason).toMatch(/cannot close by 2026-04-28/);
  });

  it('converts a budget in yen at the registered rate', () => {
    const setup = setUpPortfolio(
      loadDataset(BUNDLED_DATASET),
      { scenarios: SCENARIOS, budget: 'JBIC=200e9JPY,DFC.loan=1e9,country.AUS=5e8' },
      quiet,
    );
    expect(setup.budgets).toEqual([
      { scope: 'financier', financier: 'JBIC', usd: expect.closeTo(200e9 * 0.0067322, 0) },
      { scope: 'financier', financier: 'DFC', instrument: 'loan', usd: 1e9 },
      { scope: 'country', iso3: 'AUS', usd: 5e8 },
    ]);
  });

  it('rejects an unknown financier, currency or scenario and bad probabilities, naming the flag and value', async () => {
    const bad = async (args: string[], pattern: RegExp) => {
      const r = await runCli(['portfolio', '--scenarios', SCENARIOS, ...args]);
      expect(r.code).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(pattern);
    };
    await bad(['--budget', 'XYZ=1e9'], /--budget: unknown financier "XYZ" in "XYZ=1e9"/);
    await bad(['--budget', 'JBIC=200e9ZZZ'], /--budget: unknown currency "ZZZ" in "200e9ZZZ"/);
    await bad(['--budget', 'DFC.bond=1e9'], /--budget: unknown instrument "bond"/);
    await bad(['--budget', 'DFC=lots'], /--budget: "lots" is not an amount/);
    await bad(['--probabilities', '0.7,0.7'], /--probabilities: "0.7,0.7" sums to 1.4/);
    await bad(['--financed-by', '2026-13-01'], /--financed-by: a date as YYYY-MM-DD/);
    const r = await runCli(['portfolio', '--scenarios', 'cn-2025-04-ree8']);
    expect(r.stderr).toMatch(/--scenarios: unknown scenario "cn-2025-04-ree8"; did you mean cn-2025-04-ree7/);
  });

  it('rejects a project with a negative capacity or an unknown financier, naming record and field, and writes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lodestone-portfolio-'));
    const [first] = readProjects(loadDataset(BUNDLED_DATASET), undefined, quiet);
    const broken = structuredClone(first) as unknown as {
      outputs: { value: number }[];
      financing: { financier: string }[];
    };
    if (broken.outputs[0]) broken.outputs[0].value = -5;
    writeFileSync(join(dir, 'projects.json'), JSON.stringify([broken]));
    const r = await runCli(['portfolio', '--scenarios', SCENARIOS, '--projects', 'projects.json'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/projects\.json \$\[0\] \[\$\.outputs\[0\]\.value\]: .*capacity cannot be negative/);
    const unknown = structuredClone(first) as unknown as { financing: { financier: string }[] };
    unknown.financing = [{ ...(first?.financing[0] ?? {}), financier: 'NOPE' } as { financier: string }];
    writeFileSync(join(dir, 'projects.json'), JSON.stringify({ projects: [unknown] }));
    const u = await runCli(['portfolio', '--scenarios', SCENARIOS, '--projects', 'projects.json'], dir);
    expect(u.code).toBe(2);
    expect(u.stderr).toMatch(/\[\$\.financing\[0\]\.financier\]: .*unknown financier "NOPE"/);
    expect(readdirSync(dir)).toEqual(['projects.json']);
  });
});
