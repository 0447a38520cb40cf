import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './testing/run-cli.ts';

const scratch = mkdtempSync(join(tmpdir(), 'lodestone-cli-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** Runs the CLI in-process in an empty working folder, so the bundled data is used. */
const run = (...argv: string[]) => runCli(argv, scratch);

describe('lodestone atlas', () => {
  it('reproduces the USGS 2024 rare-earth mining figures as JSON', async () => {
    const { code, stdout } = await run('atlas', 'rare_earths', '--stage', 'mining', '--year', '2024', '--json');
    expect(code).toBe(0);
    const json = JSON.parse(stdout);
    expect(json).toMatchObject({
      commodity: 'rare_earths',
      stage: 'mining',
      year: 2024,
      unit: 't',
      worldReported: 390000,
      total: 393950,
    });
    expect(json.top1).toMatchObject({ iso3: 'CHN', value: 270000 });
    expect(json.countries[0]).toMatchObject({ iso3: 'CHN', value: 270000, nameJa: '中国' });
    expect(json.chinaShare).toBeCloseTo(270000 / 393950, 12);
    expect(Math.round(json.hhi)).toBe(4924);
    expect(json.alliedShare).toBeGreaterThan(0.14); // USA 45,000 + AUS 13,000 + IND 2,900 + …
    expect(json.sources.map((s: { id: string }) => s.id)).toContain('usgs-mcs2025-world');
  });

  it('takes a commodity by alias or Japanese name', async () => {
    const alias = JSON.parse((await run('atlas', 'graphite', '--json')).stdout);
    expect(alias).toMatchObject({ commodity: 'graphite_natural', worldReported: 1600000 });
    expect(JSON.parse((await run('atlas', '天然黒鉛', '--json')).stdout).commodity).toBe('graphite_natural');
  });

  it('prints a readable table with the headline figures', async () => {
    const { code, stdout } = await run('atlas', 'rare_earths');
    expect(code).toBe(0);
    expect(stdout).toMatch(/HHI 4924/);
    expect(stdout).toMatch(/CHN\s+China\s+270,000 e\s+68\.5%/);
  });

  it('writes CSV with one row per country and aggregate', async () => {
    const { stdout } = await run('atlas', 'gallium', '--csv');
    const lines = stdout.trim().split('\n');
    expect(lines[0]).toBe('commodity,stage,metric,year,iso3,country,value,unit,share,estimated,source');
    expect(lines[1]).toMatch(/^gallium,refining,production,2024,CHN,China,750000,kg,/);
  });

  it('ranks every series by China share', async () => {
    const { code, stdout } = await run('atlas', '--rank', '--by', 'chinaShare', '--json');
    expect(code).toBe(0);
    const ranking = JSON.parse(stdout) as { commodity: string; chinaShare: number }[];
    expect(ranking.length).toBeGreaterThan(60);
    expect(ranking.map((r) => r.chinaShare)).toEqual([...ranking.map((r) => r.chinaShare)].sort((a, b) => b - a));
    expect(ranking.find((r) => r.commodity === 'gallium')?.chinaShare).toBeGreaterThan(0.95);
  });

  it('answers an unknown commodity with the closest names and exit code 2', async () => {
    const { code, stderr } = await run('atlas', 'rare_eath');
    expect(code).toBe(2);
    expect(stderr.trim().split('\n')).toHaveLength(1);
    expect(stderr).toMatch(/unknown commodity "rare_eath"; did you mean rare_earths/);
  });

  it('says so when a commodity has no figures at all (USGS withholds germanium by country)', async () => {
    const { code, stderr } = await run('atlas', 'germanium');
    expect(code).toBe(2);
    expect(stderr).toMatch(/no production figures for germanium/);
  });

  it('answers an unknown flag or stage with exit code 2', async () => {
    expect((await run('atlas', 'rare_earths', '--colour')).code).toBe(2);
    const bad = await run('atlas', 'rare_earths', '--stage', 'smelting');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--stage: .*mining/);
  });
});

describe('lodestone brief', () => {
  it('names the most concentrated chains and the dependences, with sources', async () => {
    const { code, stdout } = await run('brief', '--at', '2026-11-29');
    expect(code).toBe(0);
    expect(stdout).toMatch(/Most concentrated critical-mineral chains/);
    expect(stdout).toMatch(
      /Regime on 2026-11-29: \d+ clauses in force, 0 suspended, \d+ of unknown state \(their suspensions ended 2026-11-10, 2026-11-27/,
    );
    expect(stdout).toMatch(/Under China's export controls \(measure status as recorded 2026-11\)/);
    expect(stdout).toMatch(/Gallium\s+refining\s+98\.4%\s+0\.8%\s+refining 98\.7% \(2024\)/);
    expect(stdout).toMatch(/Rare earths\s+mining\s+68\.5%.*separation 91\.0% \(2024, medium\)/);
    expect(stdout).toMatch(/Beyond China: .*\n.*\n.*\nNiobium\s+mining\s+Brazil\s+90\.9%/);
    expect(stdout).toMatch(/\[china-export-controls-2023-2025\]/);
    expect(stdout).toMatch(/\[usgs-mcs2025-world\]/);
    expect(stdout.split('\n').length).toBeLessThan(60);
  });
});

describe('lodestone sources and data check', () => {
  it('shows a source in full', async () => {
    const { code, stdout } = await run('sources', 'usgs-mcs2025-world');
    expect(code).toBe(0);
    expect(stdout).toMatch(/https:\/\/doi\.org\/10\.5066\/P13XCP3R/);
  });

  it('passes on the bundled dataset', async () => {
    const { code, stdout } = await run('data', 'check');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^data check passed: .* \(2026\.11\.0\+[0-9a-f]{12}\)/m);
    expect(stdout).toMatch(/^accepted: clays_kaolin\/mining production 2024: .*dropped digit/m);
  });
});

describe('lodestone import usgs-mcs', () => {
  it('imports the 2026 long layout (Windows-1252), merges it and serves its figures', async () => {
    const fixture = new URL('../../../data/fixtures/usgs-mcs2026', import.meta.url).pathname;
    const out = join(scratch, 'mcs2026.json');
    const imported = await run('import', 'usgs-mcs', fixture, '--out', out);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(
      /imported USGS MCS 2026 \(MCS2026_Commodities_Data\.csv\): \d+ observations for 2024, 2025/,
    );
    const atlas = await run('--dataset', out, 'atlas', 'rare_earths', '--year', '2025', '--json');
    expect(JSON.parse(atlas.stdout)).toMatchObject({ worldReported: 390000, top1: { iso3: 'CHN', value: 270000 } });
    const revised = JSON.parse(
      (await run('--dataset', out, 'atlas', 'rare_earths', '--year', '2024', '--json')).stdout,
    );
    expect(revised.worldReported).toBe(380000); // the 2026 edition revises 2024 from 390,000
    // Production now cites the 2026 edition; reserves dated 2024 still come from the 2025 one.
    expect(revised.sources.map((s: { id: string }) => s.id)).toEqual(['usgs-mcs2025-world', 'usgs-mcs2026-world']);
    expect((await run('--dataset', out, 'data', 'check')).code).toBe(0);
  });

  it('rejects a release with a bad row, names file, row and column, and writes nothing', async () => {
    const dir = mkdtempSync(join(scratch, 'bad-release-'));
    const good = readFileSync(
      new URL('../../../data/sources/usgs_mcs2025/raw/MCS2025_World_Data.csv', import.meta.url),
      'utf8',
    );
    const lines = good.split('\n');
    lines[5] = (lines[5] ?? '').replace('50000,50000', '-50000,50000');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'MCS2025_World_Data.csv'), lines.join('\n'));
    const out = join(scratch, 'out.json');
    const { code, stderr } = await run('import', 'usgs-mcs', dir, '--out', out);
    expect(code).toBe(1);
    expect(stderr).toMatch(/MCS2025_World_Data\.csv:6 \[CAP_2023\]: negative capacity/);
    expect(() => readFileSync(out)).toThrow();
  });
});
