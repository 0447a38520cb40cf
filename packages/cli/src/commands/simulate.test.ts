import { describe, expect, it } from 'vitest';
import { runCli } from '../testing/run-cli.ts';

describe('lodestone simulate', () => {
  it('prints Dy oxide shortfalls outside China under the April 2025 licences, as JSON', async () => {
    const r = await runCli(['simulate', 'cn-2025-04-ree7', '--product', 'dy_oxide', '--months', '12', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { rows: { month: string; area: string; shortfall: number }[] };
    expect(out.rows.filter((x) => x.area === 'JPN')).toHaveLength(12);
    expect(out.rows.filter((x) => x.area === 'CHN').every((x) => x.shortfall < 1e-6)).toBe(true);
    expect(out.rows.some((x) => x.area === 'JPN' && x.shortfall > 0)).toBe(true);
  });

  it('says there is nothing to report in the baseline', async () => {
    const r = await runCli(['simulate', 'baseline', '--product', 'ndpr_oxide', '--months', '3']);
    expect(r.stdout).toMatch(/no shortfall and no inventory drawn anywhere/);
  });

  it('rejects an unknown scenario or product with exit code 2', async () => {
    expect((await runCli(['simulate', 'cn-2099', '--product', 'dy_oxide'])).code).toBe(2);
    expect((await runCli(['simulate', 'baseline', '--product', 'dy_oxid'])).stderr).toMatch(/did you mean dy_oxide/);
  });
});
