/**
 * Simulator benchmark, on the full bundled network over 24 months, measured in one run:
 *   1. per scenario: a general LP over every product solved cold each month, the same restricted to the
 *      products the scenario reaches, and Lodestone's engine (one loaded model re-solved warm, stationary
 *      months reused) — first run (preparation and model build included) and warm, each the median of
 *      REPEAT runs;
 *   2. the same monthly programmes solved by scipy.optimize.linprog(method='highs') from Debian's
 *      python3-scipy, fed as MPS files (apt-get install -y python3-scipy), median of REPEAT passes;
 *   3. Monte Carlo runs of cn-2025-04-ree7 with one and with two worker threads.
 * Run: npm run bench:simulate [-- --runs 10000]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  centralLibrary,
  centralParameters,
  drawParameters,
  indexNetwork,
  type LinearProgram,
  loadHighsSolver,
  type LpBounds,
  type ModelPool,
  prepareSimulation,
  type RunOptions,
  runScenario,
  type Scenario,
  singlePool,
  type Solver,
  toMps,
} from '@lodestone/core';
import { runDraws } from '@lodestone/engine';
import { BUNDLED_DATASET } from '../packages/cli/src/data/bundle-files.ts';
import { loadDataset } from '../packages/cli/src/data/load-dataset.ts';

const MONTHS = 24;
const runsFlag = process.argv.indexOf('--runs');
const MC_RUNS = runsFlag > 0 ? Number(process.argv[runsFlag + 1]) : 10_000;
const PYTHON = '/usr/bin/python3';
/** Timings per scenario are medians of this many runs (scipy's too): this machine has slow spells. */
const REPEAT = 7;
const median = (v: readonly number[]) => [...v].sort((a, b) => a - b)[v.length >> 1] ?? NaN;

const dataset = loadDataset(BUNDLED_DATASET);
const regime = {
  exportControls: dataset.exportControls,
  regimeClauses: dataset.regimeClauses,
  regimeEvents: dataset.regimeEvents,
};
const solver = await loadHighsSolver();

/** A solver that records the bounds of every solve, to replay the same programmes elsewhere. */
function recording(inner: Solver, into: LpBounds[]): Solver {
  return {
    solve: (lp) => inner.solve(lp),
    load(lp) {
      const model = inner.load(lp);
      return {
        solve(bounds, start) {
          into.push({
            colLower: Float64Array.from(bounds.colLower),
            colUpper: Float64Array.from(bounds.colUpper),
            rowLower: Float64Array.from(bounds.rowLower),
            rowUpper: Float64Array.from(bounds.rowUpper),
          });
          return model.solve(bounds, start);
        },
        reuse: (bounds) => model.reuse(bounds),
        basis: () => model.basis(),
        dispose: () => model.dispose(),
      };
    },
  };
}

/** A pool whose every solve builds a fresh model from scratch: the general approach. */
const coldPool = (lp: LinearProgram) => ({
  model: () => ({
    solve(bounds: LpBounds) {
      return solver.solve({
        ...lp,
        colLower: Array.from(bounds.colLower),
        colUpper: Array.from(bounds.colUpper),
        rowLower: Array.from(bounds.rowLower),
        rowUpper: Array.from(bounds.rowUpper),
      });
    },
    reuse: () => undefined,
    basis: () => ({ colStatus: new Int32Array(), rowStatus: new Int32Array() }),
    dispose() {},
  }),
  dispose() {},
});

function timed<T>(fn: () => T): [number, T] {
  const t0 = performance.now();
  const value = fn();
  return [performance.now() - t0, value];
}

const withNames = (lp: LinearProgram, bounds: LpBounds): LinearProgram => ({
  ...lp,
  colNames: lp.colCost.map((_, j) => `c${j}`),
  rowNames: lp.rowLower.map((_, i) => `r${i}`),
  colLower: Array.from(bounds.colLower),
  colUpper: Array.from(bounds.colUpper),
  rowLower: Array.from(bounds.rowLower),
  rowUpper: Array.from(bounds.rowUpper),
});

const scipyAvailable = (() => {
  try {
    execFileSync(PYTHON, ['-c', 'import scipy'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const pad = (s: string, n: number) => s.padEnd(n);
const ms = (v: number) => `${v.toFixed(0)} ms`.padStart(9);
console.log(
  `Simulator benchmark: full bundled network (${dataset.network.products.length} products), ${MONTHS} months`,
);
// The network index is built once per dataset (the engine keeps it): timed here on its own.
const [indexMs, index] = timed(() => indexNetwork(dataset.network));
console.log(`network index: ${indexMs.toFixed(0)} ms, once per dataset (not in the per-scenario times below)`);
if (!scipyAvailable)
  console.log('(python3-scipy not found: apt-get install -y python3-scipy for the reference column)');
console.log(
  `${pad('scenario', 24)} ${pad('products', 8)} ${'all, cold'.padStart(9)} ${'reached'.padStart(9)} ${'engine 1st'.padStart(10)} ${'engine'.padStart(9)} ${'scipy'.padStart(9)}  speed-up vs scipy`,
);
const work = mkdtempSync(join(tmpdir(), 'lodestone-bench-'));
for (const scenario of dataset.scenarios.filter((s) => s.id !== 'baseline')) {
  const sized: Scenario = { ...scenario, horizonMonths: MONTHS };
  const params = centralParameters(sized);
  const whole = prepareSimulation(dataset.network, regime, sized, { decompose: false });
  const [allCold] = timed(() => whole.model && runScenario(whole, params, coldPool(whole.model.lp)));
  const part = prepareSimulation(index, regime, sized);
  const [touchedCold] = timed(() => part.model && runScenario(part, params, coldPool(part.model.lp)));
  const recorded: LpBounds[] = [];
  // The engine, median of REPEAT runs each: the first run with preparation and model build included, and a
  // warm run on a loaded model.
  const firsts: number[] = [];
  for (let k = 0; k < REPEAT; k++)
    firsts.push(
      timed(() => {
        const prepared = prepareSimulation(index, regime, sized);
        if (!prepared.model) return;
        const pool = singlePool(k === 0 ? recording(solver, recorded) : solver, prepared.model.lp);
        runScenario(prepared, params, pool);
        pool.dispose();
      })[0],
    );
  const first = median(firsts);
  const pool = part.model ? singlePool(solver, part.model.lp) : undefined;
  if (pool) runScenario(part, params, pool);
  const warm = median(Array.from({ length: REPEAT }, () => timed(() => pool && runScenario(part, params, pool))[0]));
  pool?.dispose();
  let scipy = NaN;
  if (scipyAvailable && part.model) {
    const lp = part.model.lp;
    const files = recorded.map((b, t) => {
      const path = join(work, `${scenario.id}-${t}.mps`);
      writeFileSync(path, toMps(withNames(lp, b)));
      return path;
    });
    const out = JSON.parse(
      execFileSync(
        PYTHON,
        [new URL('reference/linprog_mps.py', import.meta.url).pathname, '--repeat', String(REPEAT), ...files],
        {
          encoding: 'utf8',
          maxBuffer: 1 << 26,
        },
      ),
    ) as { seconds: number };
    scipy = out.seconds * 1000;
  }
  console.log(
    `${pad(scenario.id, 24)} ${pad(String(part.productSet.length), 8)} ${ms(allCold)} ${ms(touchedCold)} ${ms(first).padStart(10)} ${ms(warm)} ${Number.isNaN(scipy) ? '        –' : ms(scipy)}  ${
      Number.isNaN(scipy) ? '' : `${(scipy / first).toFixed(1)}× (1st run), ${(scipy / warm).toFixed(1)}× (warm)`
    }`,
  );
}
rmSync(work, { recursive: true, force: true });

const ree7 = dataset.scenarios.find((s) => s.id === 'cn-2025-04-ree7');
if (ree7) {
  // Per run, on one thread: each month re-solved warm by the simplex from the run's last basis, against the
  // engine (solutions read off the run's last basis or the central run's basis for the month where they fit).
  const sized = { ...ree7, horizonMonths: MONTHS };
  const prepared = prepareSimulation(index, regime, sized);
  if (prepared.model) {
    const plain = singlePool(solver, prepared.model.lp);
    const central = runScenario(prepared, centralParameters(sized), plain, { recordBases: true });
    const library = centralLibrary(prepared, solver, central);
    const simplexModel = solver.load(prepared.model.lp, { readBasis: false });
    const simplexOnly = { model: () => simplexModel, dispose: () => simplexModel.dispose() };
    const runs = (o: RunOptions, pool: ModelPool) => () => {
      for (let r = 0; r < 100; r++)
        runScenario(prepared, drawParameters(sized, 1, r), pool, { ...o, shortfallOnly: true });
    };
    // Alternating batches of 100 runs, so a slow spell of the machine hits both alike; medians reported.
    const simplex: number[] = [];
    const engine: number[] = [];
    for (let k = 0; k < 5; k++) {
      simplex.push(timed(runs({ startBases: central.bases?.slice(0, 1) ?? [] }, simplexOnly))[0] / 100);
      engine.push(timed(runs({ library }, plain))[0] / 100);
    }
    library.dispose();
    simplexOnly.dispose();
    plain.dispose();
    console.log(
      `\nMonte Carlo per run, cn-2025-04-ree7, one thread (median of 5 × 100 runs): simplex every month ${median(simplex).toFixed(1)} ms, engine ${median(engine).toFixed(1)} ms (${(median(simplex) / median(engine)).toFixed(2)}×)`,
    );
  }
}
if (ree7 && MC_RUNS > 0) {
  console.log(`\nMonte Carlo: ${MC_RUNS} runs of cn-2025-04-ree7 (${MONTHS} months, seed 1)`);
  const mc = async (threads: number) => {
    const t0 = performance.now();
    const draws = await runDraws(
      dataset,
      { ...ree7, horizonMonths: MONTHS },
      {
        seed: 1,
        first: 0,
        count: MC_RUNS,
        threads,
      },
    );
    return { seconds: (performance.now() - t0) / 1000, draws };
  };
  const one = await mc(1);
  const two = await mc(2);
  console.log(`  1 thread : ${one.seconds.toFixed(1)} s (${((one.seconds * 1000) / MC_RUNS).toFixed(1)} ms per run)`);
  console.log(
    `  2 threads: ${two.seconds.toFixed(1)} s (${(one.seconds / two.seconds).toFixed(2)}× the one-thread speed)`,
  );
  console.log(`  identical draws across thread counts: ${JSON.stringify(one.draws) === JSON.stringify(two.draws)}`);
}
if (!existsSync(PYTHON)) console.log('(no python3)');
