import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../testing/run-cli.ts';

const scratch = mkdtempSync(join(tmpdir(), 'lodestone-scenarios-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Writes a scenario file with one ad hoc measure, varied by the test. */
function scenarioFile(name: string, over: Record<string, unknown>, measure: Record<string, unknown>): string {
  const file = join(scratch, name);
  const base = {
    kind: 'ad_hoc',
    label: 'x',
    issuer: 'CHN',
    items: ['dysprosium'],
    destinations: ['JPN'],
    shareCut: 1,
    startMonth: '2026-01',
    durationMonths: 3,
  };
  writeFileSync(
    file,
    JSON.stringify({
      id: 'my-shock',
      title: 't',
      description: 'd',
      sources: [],
      startMonth: '2026-01',
      ...over,
      measures: [{ ...base, ...measure }],
    }),
  );
  return file;
}

describe('lodestone scenarios', () => {
  it('lists the six built-in scenarios with their measures', async () => {
    const r = await runCli(['scenarios', '--json']);
    const list = JSON.parse(r.stdout) as {
      id: string;
      measures: { kind: string; measureId?: string }[];
      sources: string[];
    }[];
    expect(list.map((s) => s.id).sort()).toEqual([
      'baseline',
      'cn-2024-12-us',
      'cn-2025-04-ree7',
      'cn-2025-10-package',
      'cn-2026-01-jp-military',
      'jp-2010-halt',
    ]);
    expect(list.find((s) => s.id === 'cn-2025-04-ree7')?.measures).toEqual([
      { kind: 'regime', measureId: 'CN-EC-2025-18', ignoreSuspensions: false },
    ]);
    expect(list.filter((s) => s.id !== 'baseline').every((s) => s.sources.length > 0)).toBe(true);
  });

  it('names the JSON path of each problem in a scenario file', async () => {
    const file = scenarioFile('bad.json', { startMonth: '2026-13' }, { shareCut: 1.5 });
    const r = await runCli(['scenarios', 'check', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/\[\$\.startMonth\]: a month as YYYY-MM/);
    expect(r.stderr).toMatch(/\[\$\.measures\[0\]\.shareCut\]/);
  });

  it('names an unknown item by its path once the shape is right', async () => {
    const file = scenarioFile('unknown-item.json', {}, { items: ['dysprosium', 'kryptonite'] });
    const r = await runCli(['scenarios', 'check', file]);
    expect(r.stderr).toMatch(/\[\$\.measures\[0\]\.items\[1\]\]: unknown item "kryptonite"/);
  });
});
