import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Dataset, DatasetSchema } from '../model/dataset.ts';
import { loadHighsSolver } from '../optimise/highs-solver.ts';
import type { Solver } from '../optimise/linear-program.ts';
import { simulateProduct } from './product-simulation.ts';

let solver: Solver;
let dataset: Dataset;
beforeAll(async () => {
  solver = await loadHighsSolver();
  dataset = DatasetSchema.parse(
    JSON.parse(readFileSync(new URL('../../../../data/derived/dataset.json', import.meta.url), 'utf8')),
  );
});
const run = (scenarioId: string, product: string) => {
  const scenario = dataset.scenarios.find((s) => s.id === scenarioId);
  if (!scenario) throw new Error(scenarioId);
  return simulateProduct(dataset.network, dataset.regimeClauses, scenario, product, solver);
};

describe('simulateProduct', () => {
  it('gives zero shortfall everywhere in the baseline', () => {
    for (const product of ['dy_oxide', 'ndpr_oxide', 'gallium_primary']) {
      const rows = run('baseline', product);
      expect(rows.length).toBeGreaterThan(24);
      expect(Math.max(...rows.map((r) => r.shortfall + r.fromInventory))).toBeLessThan(1e-6);
    }
  });

  it('under the April 2025 licences, Dy oxide users outside China run short once their inventories are gone', () => {
    const japan = run('cn-2025-04-ree7', 'dy_oxide').filter((r) => r.area === 'JPN');
    expect(japan[0]?.shortfall).toBeCloseTo(0, 9);
    expect(japan[0]?.fromInventory).toBeGreaterThan(0);
    const firstShort = japan.findIndex((r) => r.shortfall > 1e-6);
    expect(firstShort).toBeGreaterThan(1);
    // Shortfall deepens while inventory runs out, then holds; inventory never grows.
    for (let i = 1; i < japan.length; i++) {
      expect(japan[i]?.shortfall ?? 0).toBeGreaterThanOrEqual((japan[i - 1]?.shortfall ?? 0) - 1e-9);
      expect(japan[i]?.inventoryLeft ?? 0).toBeLessThanOrEqual((japan[i - 1]?.inventoryLeft ?? 0) + 1e-9);
    }
    expect(japan[firstShort]?.binding.some((b) => b.startsWith('CN-EC-2025-18: CHN→JPN'))).toBe(true);
    const china = run('cn-2025-04-ree7', 'dy_oxide').filter((r) => r.area === 'CHN');
    expect(Math.max(...china.map((r) => r.shortfall))).toBeLessThan(1e-6);
  });

  it('in the 2010 precedent, Japan runs short only after its inventory cover is used', () => {
    const japan = run('jp-2010-halt', 'dy_oxide').filter((r) => r.area === 'JPN');
    expect(japan[0]).toMatchObject({ shortfall: 0, received: 0 });
    expect(japan[1]?.shortfall).toBeGreaterThan(0);
    expect(japan[1]?.inventoryLeft).toBeCloseTo(0, 9);
    expect(japan[2]?.shortfall).toBeCloseTo(0, 9); // shipments resume after two months
  });
});
