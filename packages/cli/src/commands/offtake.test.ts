import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_DATASET } from '../data/bundle-files.ts';
import { loadDataset } from '../data/load-dataset.ts';
import type { Effects } from '../effects.ts';
import { offtakeCommand } from './offtake.ts';

const dataset = loadDataset(BUNDLED_DATASET);
const run = async (flags: Record<string, unknown>, cwd = '/nonexistent') => {
  let stdout = '';
  let stderr = '';
  const effects: Effects = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), env: {}, cwd };
  const code = await offtakeCommand(dataset, flags, effects);
  return { code, stdout, stderr };
};

interface Out {
  totals: { buyerId: string; contracted: number; allocated: number; share: number; need: number }[];
  supplied: number;
  unallocated: number;
}

describe('lodestone offtake', () => {
  it('serves defence first under the priority rule and honours every contract under all three rules', async () => {
    for (const rule of ['maxmin', 'proportional', 'priority']) {
      const r = await run({ portfolio: 'us-jp-magnets-2028', rule, json: true });
      expect(r.code).toBe(0);
      const out = JSON.parse(r.stdout) as Out;
      expect(out.supplied).toBeCloseTo(24_000, 6);
      for (const t of out.totals) expect(t.allocated).toBeGreaterThanOrEqual(t.contracted - 1e-6);
      const defence = out.totals.find((t) => t.buyerId === 'JPN-defence');
      if (rule === 'priority') expect(defence?.share).toBeCloseTo(1, 6);
      else expect(defence?.share).toBeLessThan(1);
    }
  });

  it('prints each buyer with the rule that bound it', async () => {
    const r = await run({ portfolio: 'us-jp-magnets-2028', rule: 'maxmin' });
    expect(r.stdout).toMatch(/JPN-EV\s+JPN\s+ev_traction_motor/);
    expect(r.stdout).toMatch(/max-min-level 36\/36/);
    expect(r.stdout).toMatch(/every signed contract delivered in full/);
  });

  it('reads a portfolio file and names the JSON path of a bad field', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'offtake-'));
    writeFileSync(
      join(dir, 'bad.json'),
      JSON.stringify({
        id: 'bad',
        title: 'bad',
        product: 'ndfeb_sintered',
        startMonth: '2028-13',
        months: 1,
        projects: [{ projectId: 'P', name: 'P', iso3: 'USA', output: [{ year: 2028, tonnes: 1 }], sources: ['x'] }],
        buyers: [
          {
            id: 'B',
            name: 'B',
            kind: 'country',
            iso3: 'USA',
            endUse: 'x',
            priority: 1,
            need: { kind: 'tonnes', tonnesPerYear: 1, sources: ['x'] },
          },
        ],
        contracts: [{ projectId: 'Q', buyerId: 'B', tonnesPerYear: 1, fromMonth: '2028-01', sources: ['x'] }],
      }),
    );
    await expect(run({ portfolio: 'bad.json', rule: 'maxmin' }, dir)).rejects.toThrow(/bad.json at startMonth/);
    await expect(run({ portfolio: 'bad.json', rule: 'maxmin' }, dir)).rejects.toThrow(
      /contracts.0.projectId: unknown project Q/,
    );
    await expect(run({ portfolio: 'us-jp-magnets-2028', rule: 'fair' })).rejects.toThrow(/--rule/);
  });
});

describe('the bundled portfolio and the project pipeline', () => {
  it('allocates only projects that the pipeline records', async () => {
    const { existsSync, readFileSync } = await import('node:fs');
    const { DATA_DIR } = await import('../data/bundle-files.ts');
    const portfolio = JSON.parse(
      readFileSync(join(DATA_DIR, 'frameworks', 'portfolios', 'us-jp-magnets-2028.json'), 'utf8'),
    ) as { projects: { projectId: string }[] };
    for (const p of portfolio.projects)
      expect(existsSync(join(DATA_DIR, 'projects', 'records', `${p.projectId}.json`)), p.projectId).toBe(true);
  });
});

describe('lodestone offtake on the command line', () => {
  it('parses --portfolio and --rule, and refuses an unknown rule with exit code 2', async () => {
    const { runCli } = await import('../testing/run-cli.ts');
    const r = await runCli(['offtake', '--portfolio', 'us-jp-magnets-2028', '--rule', 'priority']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/rule: priority/);
    expect((await runCli(['offtake', '--portfolio', 'us-jp-magnets-2028', '--rule', 'fair'])).code).toBe(2);
  });
});
