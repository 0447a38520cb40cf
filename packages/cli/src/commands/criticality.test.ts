import { describe, expect, it } from 'vitest';
import { readPublishedResults } from '../data/published-results.ts';
import { runCli } from '../testing/run-cli.ts';

const run = (...argv: string[]) => runCli(argv);

interface Row {
  material: string;
  sr: number;
  ei: number | null;
  critical: boolean | null;
  bottleneckStage: string;
  fallbacks: { input: string; usedInstead: string }[];
  terms: { stages: { stage: string; global: { value: number }; buyer: { value: number }; importReliance: number }[] };
}
const rows = async (...flags: string[]) => JSON.parse((await run('criticality', '--json', ...flags)).stdout) as Row[];

describe('lodestone criticality', () => {
  it('computes gallium for the EU from the 2023 inputs, processing being the bottleneck', async () => {
    const gallium = (await rows()).find((r) => r.material === 'Gallium');
    expect(gallium).toMatchObject({ critical: true, bottleneckStage: 'processing' });
    // China 93.8 % of processing, WGI 5.71 (2016–20 mean): HHI_WGI,t(global) ≈ 0.938² × 5.71 ≈ 5.03
    expect(gallium?.terms.stages[0]?.global.value).toBeCloseTo(5.03, 2);
    expect(gallium?.sr).toBeCloseTo(3.8, 2);
    expect(gallium?.ei).toBeCloseTo(3.84, 2);
    expect(gallium?.fallbacks).toEqual([]);
  });

  it('leaves EI and the verdict open where the inputs hold no end-use shares (lithium)', async () => {
    const lithium = (await rows()).find((r) => r.material === 'Lithium');
    expect(lithium).toMatchObject({ ei: null, critical: null });
    expect(lithium?.sr).toBeGreaterThan(1);
    expect(lithium?.fallbacks).toContainEqual({
      input: 'end-use shares',
      usedInstead: 'none in the inputs: EI not computed',
    });
  });

  it('gives results for Japan and the US, naming every input that fell back', async () => {
    const jpn = await rows('--buyer', 'JPN');
    const usa = await rows('--buyer', 'usa');
    expect(jpn.length).toBeGreaterThan(60);
    expect(usa.length).toBe(jpn.length);
    const galliumUs = usa.find((r) => r.material === 'Gallium');
    expect(galliumUs?.terms.stages[0]?.importReliance).toBe(1); // USGS MCS 2025: 100 % net import reliance
    expect(galliumUs?.fallbacks.map((f) => f.input)).toContain('USA sector value added');
    const reeJp = jpn.find((r) => r.material === 'Neodymium');
    expect(reeJp?.fallbacks.some((f) => /JPN sourcing beyond CHN/.test(f.input))).toBe(true);
  });

  it('explains a material step by step with its sources', async () => {
    const { code, stdout } = await run('criticality', '--explain', 'gallium');
    expect(code).toBe(0);
    expect(stdout).toMatch(/HHI_WGI,t\(global supply\) = 5\.03/);
    expect(stdout).toMatch(/CHN\s+share\s+93\.8%\s+WGI\s+5\.71\s+t 1\.00/);
    expect(stdout).toMatch(/bottleneck: processing, SR = 3\.80/);
    expect(stdout).toMatch(/\[eu-crm2023-global-supply\]/);
  });

  it('shows how SR moves when WGI moves ±10 %', async () => {
    const table = JSON.parse((await run('criticality', '--vary', 'WGI', '--json')).stdout) as {
      material: string;
      low: number;
      base: number;
      high: number;
    }[];
    for (const r of table) {
      expect(r.low).toBeLessThanOrEqual(r.base + 1e-12);
      expect(r.high).toBeGreaterThanOrEqual(r.base - 1e-12);
    }
  });

  it('rejects an unknown buyer or material with exit code 2', async () => {
    expect((await run('criticality', '--buyer', 'KOR')).code).toBe(2);
    const bad = await run('criticality', '--explain', 'galium');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/did you mean Gallium/);
  });
});

describe('the EU 2023 assessment, reproduced from its inputs', () => {
  // Published values are read here to validate only; the engine never sees them.
  const published = async () => readPublishedResults();

  it('matches the published supply risk within 0.15 for the materials whose inputs are complete', async () => {
    const pub = await published();
    const ours = new Map((await rows()).map((r) => [r.material, r]));
    for (const m of [
      'Gallium',
      'Natural Graphite',
      'Antimony',
      'Tungsten',
      'Cobalt',
      'Lithium',
      'Magnesium',
      'Niobium',
      'Platinum',
      'Palladium',
    ]) {
      expect.soft(Math.abs((ours.get(m)?.sr ?? NaN) - (pub.get(m)?.sr ?? NaN)), m).toBeLessThanOrEqual(0.15);
    }
  });

  it('matches the published economic importance within 0.15 where the end-use table is complete', async () => {
    const pub = await published();
    const ours = new Map((await rows()).map((r) => [r.material, r]));
    for (const m of ['Gallium', 'Antimony', 'Tungsten', 'Cobalt', 'Magnesium', 'Platinum', 'Palladium']) {
      expect.soft(Math.abs((ours.get(m)?.ei ?? NaN) - (pub.get(m)?.ei ?? NaN)), m).toBeLessThanOrEqual(0.15);
    }
  });
});
