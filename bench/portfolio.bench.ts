/**
 * Portfolio benchmark: the shipped project pipeline against Monte Carlo draws of two scenarios (25 each, so
 * 50 equally likely gap profiles), solved as one mixed-integer programme by HiGHS (WebAssembly) and, in the
 * same run, the same programme exported as MPS and solved by COIN-OR CBC (Debian's coinor-cbc), as an analyst
 * with an open-source MILP solver would.
 * Run: npm run bench:portfolio [-- --draws 25 --scenarios cn-2025-04-ree7,cn-2025-10-package --dataset file.json]
 * The CBC reference needs `apt-get install -y coinor-cbc`; without it only HiGHS's figures are printed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { buildPortfolioModel, loadHighsSolver, optimisePortfolio, toMps } from '@lodestone/core';
import { BUNDLED_DATASET } from '../packages/cli/src/data/bundle-files.ts';
import { loadDataset } from '../packages/cli/src/data/load-dataset.ts';
import { portfolioProblem, scenarioGaps, setUpPortfolio } from '../packages/cli/src/commands/portfolio.ts';

const arg = (name: string, fallback: string): string => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const DRAWS = Number(arg('draws', '25'));
const SCENARIOS = arg('scenarios', 'cn-2025-04-ree7,cn-2025-10-package');
const SEED = 20251028;

const quiet = { stdout: () => {}, stderr: () => {}, env: {}, cwd: process.cwd() };
const dataset = loadDataset(arg('dataset', BUNDLED_DATASET));
const setup = setUpPortfolio(dataset, { scenarios: SCENARIOS, draws: DRAWS, seed: SEED }, quiet);

let t0 = performance.now();
const profiles = await scenarioGaps(dataset, setup, { draws: DRAWS, seed: SEED });
const drawMs = performance.now() - t0;
const problem = portfolioProblem(setup, profiles);
const { lp } = buildPortfolioModel(problem);
const integers = (lp.integer ?? []).filter(Boolean).length;
console.log(
  `${profiles.length} scenario draws (${DRAWS} per scenario, seed ${SEED}) simulated in ${(drawMs / 1000).toFixed(1)} s`,
);
console.log(
  `${problem.candidates.length} candidate projects; programme of ${lp.colCost.length} columns (${integers} binary), ${lp.rowLower.length} rows, ${lp.values.length} non-zeros`,
);

const solver = await loadHighsSolver();
t0 = performance.now();
const solved = solver.solve(lp);
const highsMs = performance.now() - t0;
if (!solved.ok) throw new Error(`HiGHS: ${solved.error.code} ${solved.error.detail}`);
console.log(
  `HiGHS (wasm):  ${highsMs.toFixed(0)} ms, objective ${solved.value.objective.toFixed(4)}, MIP gap ${((solved.value.mipGap ?? 0) * 100).toFixed(4)} %`,
);
t0 = performance.now();
const plan = optimisePortfolio(problem, solver, setup.feed.chainOf);
const planMs = performance.now() - t0;
if (!plan.ok) throw new Error(plan.error.detail);
console.log(
  `Full plan (solve, then one re-solve per chosen project for its marginal value): ${planMs.toFixed(0)} ms; backs ${plan.value.chosen.map((c) => c.id).join(', ') || 'nothing'}; expected weighted shortfall ${plan.value.baselineWeightedShortfall.toFixed(0)} → ${plan.value.expectedWeightedShortfall.toFixed(0)}`,
);

const dir = mkdtempSync(join(tmpdir(), 'lodestone-portfolio-bench-'));
try {
  const mps = join(dir, 'portfolio.mps');
  writeFileSync(mps, toMps(lp, 'portfolio'));
  let out: string;
  t0 = performance.now();
  try {
    out = execFileSync(join(import.meta.dirname, 'reference', 'cbc_mps.sh'), [mps], { encoding: 'utf8' });
  } catch (e) {
    const status = (e as { status?: number }).status;
    if (status === 3) {
      console.log('CBC: not installed (apt-get install -y coinor-cbc); reference skipped');
      process.exit(0);
    }
    throw e;
  }
  const cbcMs = performance.now() - t0;
  const objective = Number(/^objective (\S+)/m.exec(out)?.[1]);
  const status = /^status (.+)$/m.exec(out)?.[1] ?? '?';
  console.log(
    `CBC (native):  ${cbcMs.toFixed(0)} ms including process start and MPS read, status ${status}, objective ${objective.toFixed(4)}`,
  );
  console.log(
    `objectives differ by ${Math.abs(objective - solved.value.objective).toExponential(2)}; CBC / HiGHS time: ${(cbcMs / highsMs).toFixed(2)}×`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
