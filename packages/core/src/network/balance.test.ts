import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Network } from '../model/network.ts';
import { SourceIdSchema } from '../model/source.ts';
import { networkBalance, proportionalFlows } from './balance.ts';
import { checkNetwork } from './network-check.ts';

const source = SourceIdSchema.parse('test-source');
const product = (p: string, stage: 'mining' | 'refining' | 'end_use') => ({
  product: p,
  chain: 'magnets' as const,
  stage,
  unit: 't' as const,
  nameEn: p,
  nameJa: p,
  commodity: null,
  controlItems: [],
  source,
});
const out = (p: string, area: string, output: number) => ({
  product: p,
  area,
  year: 2024,
  capacity: null,
  output,
  source,
});

const network: Network = {
  products: [product('reo', 'mining'), product('ndpr_oxide', 'refining')],
  coefficients: [{ output: 'ndpr_oxide', input: 'reo', value: 5, low: 4, high: 6, source }],
  capacityOutput: [
    out('reo', 'CHN', 100),
    out('reo', 'AUS', 20),
    out('ndpr_oxide', 'CHN', 20),
    out('ndpr_oxide', 'MYS', 4),
  ],
  demand: [
    { product: 'ndpr_oxide', area: 'JPN', year: 2024, quantity: 4, endUse: 'magnets', isBalancing: false, source },
    { product: 'ndpr_oxide', area: 'CHN', year: 2024, quantity: 20, endUse: 'magnets', isBalancing: false, source },
  ],
  inventories: [],
};
const known = { sources: new Set(['test-source']), countries: new Set(['CHN', 'AUS', 'MYS', 'JPN']) };

describe('networkBalance', () => {
  it('matches supply with intermediate use plus final demand', () => {
    expect(networkBalance(network)).toEqual([
      { product: 'reo', supply: 120, intermediateUse: 120, finalDemand: 0, balancingDemand: 0, imbalance: 0 },
      { product: 'ndpr_oxide', supply: 24, intermediateUse: 0, finalDemand: 24, balancingDemand: 0, imbalance: 0 },
    ]);
    expect(checkNetwork(network, known)).toEqual([]);
  });

  it('flags an imbalance beyond the tolerance, a processed product with no input and an unknown source', () => {
    const broken: Network = {
      ...network,
      products: [...network.products, product('magnet', 'refining')],
      capacityOutput: [...network.capacityOutput, out('reo', 'USA', 30)],
      demand: [
        ...network.demand,
        {
          product: 'ndpr_oxide',
          area: 'JPN',
          year: 2024,
          quantity: 4,
          endUse: 'magnets',
          isBalancing: false,
          source: SourceIdSchema.parse('nowhere'),
        },
      ],
    };
    expect(
      checkNetwork(broken, { ...known, countries: new Set([...known.countries, 'USA']) }).map(
        (i) => `${i.code} ${i.where}`,
      ),
    ).toEqual([
      'unknown-source demand ndpr_oxide JPN magnets',
      'no-input product magnet',
      'imbalance product reo',
      'imbalance product ndpr_oxide',
    ]);
  });
});

describe('proportionalFlows', () => {
  it('has each user draw from producers in proportion to their output', () => {
    const flows = proportionalFlows(network, 'reo').map((f) => [f.from, f.to, Number(f.quantity.toFixed(4))]);
    expect(flows).toEqual([
      ['CHN', 'CHN', 83.3333],
      ['AUS', 'CHN', 16.6667],
      ['CHN', 'MYS', 16.6667],
      ['AUS', 'MYS', 3.3333],
    ]);
  });

  it('conserves material: each producer ships its output, each user gets its use scaled by supply/use', () => {
    const areas = ['CHN', 'AUS', 'USA', 'JPN', 'MYS'];
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constant(0), fc.double({ min: 1e-3, max: 1e6, noNaN: true })), {
          minLength: 5,
          maxLength: 5,
        }),
        fc.array(fc.double({ min: 0.1, max: 1e6, noNaN: true }), { minLength: 5, maxLength: 5 }),
        (outputs, uses) => {
          const n: Network = {
            ...network,
            products: [product('reo', 'mining')],
            coefficients: [],
            capacityOutput: areas.map((a, i) => out('reo', a, outputs[i] ?? 0)),
            demand: areas.map((a, i) => ({
              product: 'reo',
              area: a,
              year: 2024,
              quantity: uses[i] ?? 0,
              endUse: 'x',
              isBalancing: false,
              source,
            })),
          };
          const flows = proportionalFlows(n, 'reo');
          const supply = outputs.reduce((s, x) => s + x, 0);
          const use = uses.reduce((s, x) => s + x, 0);
          if (supply === 0) {
            expect(flows).toEqual([]);
            return;
          }
          areas.forEach((a, i) => {
            const shipped = flows.filter((f) => f.from === a).reduce((s, f) => s + f.quantity, 0);
            const received = flows.filter((f) => f.to === a).reduce((s, f) => s + f.quantity, 0);
            expect(shipped).toBeCloseTo(outputs[i] ?? 0, 6);
            expect(received / ((uses[i] ?? 0) * (supply / use))).toBeCloseTo(1, 9);
          });
        },
      ),
    );
  });
});
