import { describe, expect, it } from 'vitest';
import { BUNDLED_DATASET } from '../data/bundle-files.ts';
import { loadDataset } from '../data/load-dataset.ts';
import type { Effects } from '../effects.ts';
import { UsageError } from '../exit-codes.ts';
import { trackerCommand } from './tracker.ts';

const dataset = loadDataset(BUNDLED_DATASET);
const run = (flags: Record<string, unknown>, today = '2026-05-01'): string => {
  let stdout = '';
  const effects: Effects = { stdout: (t) => void (stdout += t), stderr: () => undefined, env: {}, cwd: '/nonexistent' };
  expect(trackerCommand(dataset, flags, effects, () => today)).toBe(0);
  return stdout;
};

describe('lodestone tracker', () => {
  it('answers for the US–Japan framework on the 180-day deadline and the day after', () => {
    type Out = { commitments: { id: string; state: string }[] }[];
    const on = JSON.parse(run({ framework: 'us-jp-2025', asOf: '2026-04-26', json: true })) as Out;
    const after = JSON.parse(run({ framework: 'us-jp-2025', asOf: '2026-04-27', json: true })) as Out;
    expect(on[0]?.commitments.find((c) => c.id === 'investment-ministerial')?.state).toBe('unknown');
    expect(after[0]?.commitments.find((c) => c.id === 'investment-ministerial')?.state).toBe('overdue');
  });

  it('uses the clock it is given when --as-of is left out, and prints both frameworks with their capital', () => {
    const out = run({}, '2026-01-15');
    expect(out).toMatch(/as of 2026-01-15/);
    expect(out).toMatch(/United States–Australia Framework/);
    expect(out).toMatch(/one-billion-each .* on-track/);
    expect(out).toMatch(/AUS\s+public\s+conditional\s+300/);
  });

  it('rejects an unknown framework or a malformed date', () => {
    expect(() => run({ framework: 'us-jp-2052' })).toThrow(/us-jp-2025/);
    expect(() => run({ asOf: '1 May 2026' })).toThrow(UsageError);
  });
});

describe('framework capital and the project pipeline', () => {
  it('links capital only to projects that the pipeline records', async () => {
    const { existsSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { DATA_DIR } = await import('../data/bundle-files.ts');
    const out = JSON.parse(run({ asOf: '2026-05-01', json: true })) as { capital: { projectIds: string[] }[] }[];
    const ids = out.flatMap((f) => f.capital.flatMap((c) => c.projectIds));
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(existsSync(join(DATA_DIR, 'projects', 'records', `${id}.json`)), id).toBe(true);
  });
});

describe('lodestone tracker on the command line', () => {
  it('parses --framework and --as-of', async () => {
    const { runCli } = await import('../testing/run-cli.ts');
    const r = await runCli(['tracker', '--framework', 'us-au-2025', '--as-of', '2026-04-21', '--json']);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { asOf: string; commitments: { id: string; state: string }[] }[];
    expect(out[0]?.asOf).toBe('2026-04-21');
    expect(out[0]?.commitments.find((c) => c.id === 'one-billion-each')?.state).toBe('overdue');
    expect((await runCli(['tracker', '--as-of', '2026-13-01'])).code).toBe(2);
  });
});
