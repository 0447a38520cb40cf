import { describe, expect, it } from 'vitest';
import { runCli } from '../testing/run-cli.ts';

interface NetworkJson {
  products: { product: string; stage: string; unit: string }[];
  balance: { product: string; supply: number; intermediateUse: number; finalDemand: number; imbalance: number }[];
  flows: { product: string; from: string; to: string; quantity: number }[];
  capacityOutput: { product: string; area: string; output: number | null }[];
  sources: { id: string; kind: string }[];
}

describe('lodestone network', () => {
  it('passes its check on the shipped network', async () => {
    const r = await runCli(['network', 'check']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^network check passed: \d+ products/);
  });

  it('prints the battery chain balanced, from mine to end use, with conserved baseline flows and sources', async () => {
    const r = await runCli(['network', '--chain', 'batteries', '--json']);
    const net = JSON.parse(r.stdout) as NetworkJson;
    expect(new Set(net.products.map((p) => p.stage))).toEqual(new Set(['mining', 'refining', 'component', 'end_use']));
    for (const b of net.balance) expect.soft(Math.abs(b.imbalance), b.product).toBeLessThanOrEqual(0.01);
    // USGS MCS 2025: world lithium mine output 2024, 240,000 t Li content
    expect(net.balance.find((b) => b.product === 'lithium')?.supply).toBe(240000);
    for (const p of ['lithium', 'nmc_cathode', 'li_ion_cells']) {
      const shipped = net.flows.filter((f) => f.product === p).reduce((s, f) => s + f.quantity, 0);
      const output = net.capacityOutput.filter((o) => o.product === p).reduce((s, o) => s + (o.output ?? 0), 0);
      expect(shipped / output, p).toBeCloseTo(1, 9);
    }
    expect(net.sources.length).toBeGreaterThan(10);
    expect(net.sources.some((s) => s.kind === 'assumption')).toBe(true);
  });

  it('rejects an unknown chain with exit code 2', async () => {
    expect((await runCli(['network', '--chain', 'fertiliser'])).code).toBe(2);
  });
});
