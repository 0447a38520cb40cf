import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { type Dataset, DatasetSchema } from '../model/dataset.ts';
import { type Scenario, ScenarioSchema } from '../model/scenario.ts';
import { loadHighsSolver } from '../optimise/highs-solver.ts';
import type { Solver } from '../optimise/linear-program.ts';
import { explainNode } from './explain.ts';
import { buildReport, runDrawRange } from './report.ts';
import {
  centralParameters,
  drawParameters,
  type PreparedSimulation,
  prepareSimulation,
  type RunResult,
  runScenario,
  singlePool,
} from './scenario-run.ts';

let solver: Solver;
let dataset: Dataset;
beforeAll(async () => {
  solver = await loadHighsSolver();
  dataset = DatasetSchema.parse(
    JSON.parse(readFileSync(new URL('../../../../data/derived/dataset.json', import.meta.url), 'utf8')),
  );
});

const regime = () => ({
  exportControls: dataset.exportControls,
  regimeClauses: dataset.regimeClauses,
  regimeEvents: dataset.regimeEvents,
});
const builtIn = (id: string): Scenario => {
  const s = dataset.scenarios.find((x) => x.id === id);
  if (!s) throw new Error(id);
  return s;
};
function run(scenario: Scenario, o: { months?: number; decompose?: boolean; trace?: boolean } = {}) {
  const prepared = prepareSimulation(dataset.network, regime(), scenario, {
    ...(o.months === undefined ? {} : { months: o.months }),
    ...(o.decompose === undefined ? {} : { decompose: o.decompose }),
  });
  if (!prepared.model) return { prepared, result: undefined };
  const pool = singlePool(solver, prepared.model.lp);
  try {
    return { prepared, result: runScenario(prepared, centralParameters(scenario), pool, { trace: o.trace ?? false }) };
  } finally {
    pool.dispose();
  }
}
const total = (r: RunResult | undefined) =>
  r ? [...r.series.values()].reduce((s, x) => s + x.shortfall.reduce((a, b) => a + b, 0), 0) : 0;
/** Shortfall of final demand (the primal part; shortfalls of inputs are read from dual values). */
const finalTotal = (r: RunResult | undefined) =>
  r
    ? [...r.series.values()]
        .filter((x) => x.endUse !== undefined)
        .reduce((s, x) => s + x.shortfall.reduce((a, b) => a + b, 0), 0)
    : 0;
const seriesOf = (r: RunResult | undefined, iso3: string, product: string, endUse?: string) =>
  Array.from(r?.series.get(`${iso3}|${product}|${endUse ?? ''}`)?.shortfall ?? []);

/** Every node balances in every month: what arrives, is drawn or substituted equals what is used or stored. */
function assertConserved(prepared: PreparedSimulation, result: RunResult) {
  const model = prepared.model;
  if (!model || !result.trace) throw new Error('needs a traced run');
  for (const month of result.trace) {
    const x = month.x;
    for (const pc of model.products) {
      for (const src of pc.sources) {
        const made = src.producers.reduce((s, i) => s + (x[pc.x[i] ?? 0] ?? 0), 0);
        const shipped = src.base.reduce((s, c, j) => s + (x[c] ?? 0) + (x[src.extra[j] ?? -1] ?? 0), 0);
        expect(Math.abs(made - shipped)).toBeLessThan(1e-6 * Math.max(1, made));
      }
      pc.product.users.forEach((u, j) => {
        const cols = pc.users[j];
        if (!cols) return;
        const received = pc.sources.reduce(
          (s, src) => s + (x[src.base[j] ?? -1] ?? 0) + (x[src.extra[j] ?? -1] ?? 0),
          0,
        );
        const inflow =
          received +
          (x[cols.draw] ?? 0) -
          (x[cols.refill] ?? 0) +
          (cols.stock === undefined ? 0 : (x[cols.stock] ?? 0)) +
          (cols.substitute === undefined ? 0 : (x[cols.substitute] ?? 0));
        const consumed = cols.consumption.reduce((s, [c, k]) => s + k * (x[c] ?? 0), cols.reserved);
        const delivered = u.finals.reduce(
          (s, f, e) =>
            s +
            f.monthly * (month.shocks.demandFactor.get(`${pc.product.index}|${u.area}`) ?? 1) -
            (cols.shortfall[e] ?? []).reduce((a, c) => a + (x[c] ?? 0), 0),
          0,
        );
        expect(Math.abs(inflow - consumed - delivered)).toBeLessThan(1e-6 * Math.max(1, u.use));
      });
    }
  }
}

const adHoc = (product: string, destinations: string[] | 'all', shareCut: number, durationMonths = 3): Scenario =>
  ScenarioSchema.parse({
    id: 'test-cut',
    title: 'test cut',
    description: 'an ad hoc cut for tests',
    sources: [],
    startMonth: '2026-01',
    horizonMonths: 6,
    measures: [
      {
        kind: 'ad_hoc',
        label: 'test cut',
        issuer: 'CHN',
        items: [product],
        destinations,
        shareCut,
        startMonth: '2026-01',
        durationMonths,
      },
    ],
    rampUpPerMonth: { kind: 'fixed', value: 0.03 },
  });

describe('the month-by-month simulator', () => {
  it('gives zero shortfall everywhere in the baseline, solving the whole network', () => {
    const { prepared, result } = run(builtIn('baseline'), { months: 3, decompose: false, trace: true });
    expect(prepared.productSet).toHaveLength(dataset.network.products.length);
    expect(total(result)).toBeLessThan(1e-6);
    for (const p of result?.prices.values() ?? []) expect(Math.max(...p.index)).toBeCloseTo(1, 3);
    if (result) assertConserved(prepared, result);
    // Decomposed, the baseline touches no product: there is nothing to solve.
    expect(run(builtIn('baseline')).prepared.model).toBeNull();
  });

  it('solves only the products a scenario reaches and their inputs, with the same shortfall as the whole network', () => {
    const whole = run(builtIn('jp-2010-halt'), { decompose: false });
    const part = run(builtIn('jp-2010-halt'));
    expect(part.prepared.productSet.length).toBeLessThan(whole.prepared.productSet.length);
    const at = (key: string) => dataset.network.products.findIndex((p) => p.product === key);
    expect(part.prepared.productSet).not.toContain(at('lithium'));
    // Under the 2025 heavy rare-earth licences, catalysts and platinum-group metals share an upstream
    // (mined rare earths) but are out of reach: they keep their baseline call on it and are not solved.
    const ree7 = prepareSimulation(dataset.network, regime(), builtIn('cn-2025-04-ree7')).productSet;
    expect(ree7).toContain(at('rare_earths_mining'));
    expect(ree7).toContain(at('ndfeb_sintered'));
    for (const key of ['platinum', 'auto_catalyst', 'ce_la_oxide']) expect(ree7).not.toContain(at(key));
    expect(finalTotal(part.result)).toBeCloseTo(finalTotal(whole.result), 3);
    expect(total(part.result)).toBeGreaterThan(0);
  });

  it('shows Dy/Tb magnet shortfalls outside China under the April 2025 licences, deepening as inventories run out', () => {
    const { result } = run(builtIn('cn-2025-04-ree7'), { months: 12 });
    for (const buyer of ['JPN', 'DEU', 'USA', 'KOR']) {
      const magnets = seriesOf(result, buyer, 'ndfeb_sintered');
      expect(magnets.slice(0, 3).every((v) => v < 1e-6)).toBe(true); // inventories cover the first months
      expect(Math.max(...magnets)).toBeGreaterThan(10); // then tonnes a month go short
      expect(magnets.at(-1) ?? 0).toBeGreaterThanOrEqual((magnets[5] ?? 0) - 1e-6);
    }
    expect(seriesOf(result, 'CHN', 'ndfeb_sintered').every((v) => v < 1e-6)).toBe(true);
    // Prices: the outside market's Dy oxide index rises, China's domestic one does not.
    const outside = result?.prices.get('dy_oxide|outside')?.index ?? [];
    const inside = result?.prices.get('dy_oxide|inside')?.index;
    expect(Math.max(...outside)).toBeGreaterThan(2);
    expect(inside === undefined || Math.max(...inside) < 1.000001).toBe(true);
  });

  it("starts Japan's shortfall in the 2010 halt only once its inventory cover is used", () => {
    const { prepared, result } = run(builtIn('jp-2010-halt'), { trace: true });
    const japan = [...(result?.series.values() ?? [])].filter((s) => s.iso3 === 'JPN');
    const monthly = result?.months.map((_, t) => japan.reduce((s, x) => s + (x.shortfall[t] ?? 0), 0)) ?? [];
    expect(monthly[0]).toBeLessThan(1e-6);
    const first = monthly.findIndex((v) => v > 1e-6);
    expect(first).toBe(1);
    expect(monthly.slice(3).every((v) => v < 1e-6)).toBe(true); // shipments resumed
    const short = japan.find((s) => (s.shortfall[first] ?? 0) > 1e-6);
    const why =
      result && short
        ? explainNode(prepared, result, { iso3: 'JPN', product: short.product, month: first + 1 })
        : undefined;
    expect(why && 'binding' in why ? why.binding.join(' ') : '').toMatch(/inventory used up/);
    if (result) assertConserved(prepared, result);
  });

  it('explains a magnet shortfall by the licence requirement upstream', () => {
    const { prepared, result } = run(builtIn('cn-2025-04-ree7'), { months: 12, trace: true });
    if (!result) throw new Error('no run');
    // The outside buyer and month with the deepest magnet shortfall.
    const deepest = ['JPN', 'USA', 'DEU', 'KOR']
      .flatMap((iso3) => seriesOf(result, iso3, 'ndfeb_sintered').map((v, t) => ({ iso3, month: t + 1, v })))
      .sort((a, b) => b.v - a.v)[0];
    expect(deepest?.v ?? 0).toBeGreaterThan(10);
    const query = { iso3: deepest?.iso3 ?? '', product: 'ndfeb_sintered', month: deepest?.month ?? 0 };
    const why = explainNode(prepared, result, query);
    if ('error' in why) throw new Error(why.error);
    expect(why.scarce).toBe(true);
    expect(why.binding.join(' ')).toMatch(/CN-EC-2025-18/);
    expect(why.upstream.some((u) => /dy_metal|tb_metal/.test(u.product))).toBe(true);
    expect(explainNode(prepared, result, { ...query, month: 13 })).toHaveProperty('error');
  });

  it('conserves material at every node under random cuts, never shows a shortfall without one, and a deeper cut never lowers total shortfall', () => {
    const products = ['dy_oxide', 'tb_metal', 'ndfeb_sintered', 'germanium', 'gallium_primary', 'cobalt_sulphate'];
    const areas = ['JPN', 'USA', 'DEU', 'KOR', 'ROW'];
    fc.assert(
      fc.property(
        fc.constantFrom(...products),
        fc.subarray(areas, { minLength: 1 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (product, destinations, a, b) => {
          const [low, high] = a <= b ? [a, b] : [b, a];
          const none = run(adHoc(product, destinations, 0));
          expect(total(none.result)).toBeLessThan(1e-6);
          const shallow = run(adHoc(product, destinations, low), { trace: true });
          const deep = run(adHoc(product, destinations, high));
          if (shallow.result) assertConserved(shallow.prepared, shallow.result);
          expect(total(deep.result)).toBeGreaterThanOrEqual(total(shallow.result) - 1e-6);
        },
      ),
      { numRuns: 12 },
    );
  });

  it('draws Monte Carlo runs that depend only on the seed and the run index', () => {
    const scenario = { ...builtIn('cn-2025-04-ree7'), horizonMonths: 6 };
    const prepared = prepareSimulation(dataset.network, regime(), scenario);
    if (!prepared.model) throw new Error('no model');
    const draws = (first: number, count: number) => runDrawRange(prepared, solver, { seed: 42, first, count });
    const all = draws(0, 8);
    const split = [...draws(4, 4), ...draws(0, 4)];
    expect(JSON.stringify(split.sort((x, y) => x.run - y.run))).toBe(JSON.stringify(all));
    expect(new Set(all.map((d) => d.parameters.approvalRate)).size).toBe(8);
    // Parameters are a function of (seed, run) alone.
    expect(all[7]?.parameters).toEqual(drawParameters(scenario, 42, 7));
    // Bands are the same whatever order the draws arrive in, and bracket the runs.
    const central = run(scenario).result;
    if (!central) throw new Error('no run');
    const report = buildReport({ scenario: scenario.id, seed: 42 }, central, all);
    expect(JSON.stringify(buildReport({ scenario: scenario.id, seed: 42 }, central, [...all].reverse()))).toBe(
      JSON.stringify(report),
    );
    expect(report.runs).toBe(8);
    for (const row of report.summary) {
      expect(row.p5 ?? NaN).toBeLessThanOrEqual((row.p50 ?? NaN) + 1e-9);
      expect(row.p50 ?? NaN).toBeLessThanOrEqual((row.p95 ?? NaN) + 1e-9);
    }
  });
});
