import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SimulationReportSchema } from '@lodestone/core';
import { describe, expect, it } from 'vitest';
import { runCli } from '../testing/run-cli.ts';

describe('lodestone simulate', () => {
  it('prints the report as JSON: magnet shortfalls outside China under the April 2025 licences, with bands', async () => {
    const r = await runCli(['simulate', 'cn-2025-04-ree7', '--months', '9', '--runs', '6', '--seed', '3', '--json']);
    expect(r.code).toBe(0);
    const report = SimulationReportSchema.parse(JSON.parse(r.stdout));
    expect(report).toMatchObject({ scenario: 'cn-2025-04-ree7', months: 9, runs: 6, seed: 3, startMonth: '2025-04' });
    const japan = report.summary.find((s) => s.iso3 === 'JPN' && s.product === 'ndfeb_sintered');
    expect(japan?.totalShortfall).toBeGreaterThan(100);
    expect(japan?.p5).toBeLessThanOrEqual(japan?.p95 ?? 0);
    expect(report.summary.some((s) => s.iso3 === 'CHN' && s.product === 'ndfeb_sintered')).toBe(false);
    expect(report.prices.some((p) => p.product === 'dy_oxide' && p.market === 'outside' && p.index > 2)).toBe(true);
    expect(r.stderr).toMatch(/simulated 6\/6 runs/);
  });

  it('says there is nothing to report in the baseline, and prints CSV rows', async () => {
    expect((await runCli(['simulate', 'baseline', '--months', '3'])).stdout).toMatch(/no shortfall anywhere/);
    const csv = (await runCli(['simulate', 'jp-2010-halt', '--csv'])).stdout.trim().split('\n');
    expect(csv[0]).toBe('iso3,product,endUse,month,demand,supplied,shortfall,p5,p50,p95');
    expect(csv.slice(1).every((line) => !line.startsWith('JPN') || !line.includes(',2010-09,'))).toBe(true);
  });

  it('runs a scenario file and rejects a bad one naming the JSON path', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'lodestone-sim-'));
    const good = join(dir, 'ga.json');
    writeFileSync(
      good,
      JSON.stringify({
        id: 'ga-halt',
        title: 'Gallium halt to Japan',
        description: 'test',
        sources: [],
        startMonth: '2026-01',
        horizonMonths: 4,
        measures: [
          {
            kind: 'ad_hoc',
            label: 'halt',
            issuer: 'CHN',
            items: ['gallium'],
            destinations: ['JPN'],
            shareCut: 1,
            startMonth: '2026-01',
            durationMonths: 4,
          },
        ],
      }),
    );
    const ok = await runCli(['simulate', good, '--json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout).scenario).toBe('ga-halt');
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({ id: 'Bad Id', title: 't', description: 'd', sources: [], startMonth: '2026-13' }),
    );
    const r = await runCli(['simulate', bad]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/startMonth/);
  });

  it('rejects an unknown scenario or bad flags with exit code 2', async () => {
    const r = await runCli(['simulate', 'cn-2099']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/did you mean/);
    expect((await runCli(['simulate', 'baseline', '--runs', '0'])).code).toBe(2);
  });
});

describe('lodestone explain', () => {
  it('names the licence requirement and the upstream metal behind a magnet shortfall outside China', async () => {
    // The outside buyer and month with the deepest magnet shortfall in the first year.
    const report = JSON.parse((await runCli(['simulate', 'cn-2025-04-ree7', '--months', '12', '--json'])).stdout) as {
      shortfalls: { iso3: string; product: string; endUse?: string; month: string; shortfall: number }[];
    };
    const deepest = report.shortfalls
      .filter((x) => x.product === 'ndfeb_sintered' && !x.endUse && ['JPN', 'USA', 'DEU', 'KOR'].includes(x.iso3))
      .sort((a, b) => b.shortfall - a.shortfall)[0];
    if (!deepest) throw new Error('no magnet shortfall outside China');
    expect(deepest.shortfall).toBeGreaterThan(10);
    const ask = ['explain', 'cn-2025-04-ree7', '--country', deepest.iso3, '--product', 'ndfeb_sintered'];
    const r = await runCli([...ask, '--month', deepest.month, '--months', '12']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`CN-EC-2025-18/1 \\(licence required\\): CHN→${deepest.iso3} at most`));
    expect(r.stdout).toMatch(/because upstream:\n\s+\w{3} (dy|tb)_metal/);
    const json = JSON.parse((await runCli([...ask, '--month', deepest.month, '--months', '12', '--json'])).stdout) as {
      scarce: boolean;
      month: string;
    };
    expect(json).toMatchObject({ scarce: true, month: deepest.month });
    expect(
      (await runCli(['explain', 'baseline', '--country', 'JPN', '--product', 'ndfeb_sinter', '--month', '1'])).stderr,
    ).toMatch(/did you mean ndfeb_sintered/);
  });
});
