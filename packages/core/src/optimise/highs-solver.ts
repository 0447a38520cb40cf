import type { Highs, Model } from 'highs';
import { type FactoredBasis, primalFromBasis, toColumnMatrix } from './basis-reuse.ts';
import type {
  LinearProgram,
  LpBounds,
  LpSolution,
  SolveError,
  SolveOptions,
  SolveResult,
  Solver,
  WarmModel,
} from './linear-program.ts';

const OPTIMAL = 7;
const INFEASIBLE = 8;
const UNBOUNDED_OR_INFEASIBLE = 9;
const UNBOUNDED = 10;

function createModel(highs: Highs, lp: LinearProgram): Model {
  const model = highs.createModel({
    numCols: lp.colCost.length,
    numRows: lp.rowLower.length,
    colCost: Float64Array.from(lp.colCost),
    colLower: Float64Array.from(lp.colLower),
    colUpper: Float64Array.from(lp.colUpper),
    rowLower: Float64Array.from(lp.rowLower),
    rowUpper: Float64Array.from(lp.rowUpper),
    matrix: {
      format: 'csr',
      numRows: lp.rowLower.length,
      numCols: lp.colCost.length,
      starts: Int32Array.from(lp.starts),
      indices: Int32Array.from(lp.indices),
      values: Float64Array.from(lp.values),
    },
    ...(lp.integer ? { integrality: Int32Array.from(lp.integer, (i) => (i ? 1 : 0)) } : {}),
  });
  model.options.set('output_flag', false);
  return model;
}

function runModel(model: Model, isMip = false): SolveResult {
  const status = model.run().modelStatus as number;
  if (status !== OPTIMAL) {
    const code: SolveError['code'] =
      status === INFEASIBLE
        ? 'infeasible'
        : status === UNBOUNDED || status === UNBOUNDED_OR_INFEASIBLE
          ? 'unbounded'
          : 'solver-failed';
    return { ok: false as const, error: { code, detail: `HiGHS model status ${status}` } };
  }
  const solution = model.getSolution();
  const value: LpSolution = {
    objective: model.getObjectiveValue(),
    x: solution.colValue,
    rowDual: solution.rowDual,
    ...(isMip ? { mipGap: Number(model.info.get('mip_gap')) } : {}),
  };
  return { ok: true as const, value };
}

type Selection = { kind: 'set'; indices: Int32Array } | { kind: 'range'; from: number; to: number };

/**
 * Copies `lower`/`upper` into `sentLower`/`sentUpper` and hands the entries that differ to `change`: as a
 * set when few moved, as one range when many did (a range crosses into WebAssembly without index checks).
 */
function sendChanged(
  sentLower: Float64Array,
  sentUpper: Float64Array,
  lower: ArrayLike<number>,
  upper: ArrayLike<number>,
  change: (selection: Selection, lower: Float64Array, upper: Float64Array) => unknown,
): void {
  const n = sentLower.length;
  const moved: number[] = [];
  for (let i = 0; i < n; i++) {
    const l = lower[i] ?? 0;
    const u = upper[i] ?? 0;
    if (l !== sentLower[i] || u !== sentUpper[i]) {
      sentLower[i] = l;
      sentUpper[i] = u;
      moved.push(i);
    }
  }
  if (moved.length === 0) return;
  if (moved.length * 4 > n) change({ kind: 'range', from: 0, to: n - 1 }, sentLower, sentUpper);
  else
    change(
      { kind: 'set', indices: Int32Array.from(moved) },
      Float64Array.from(moved, (i) => sentLower[i] ?? 0),
      Float64Array.from(moved, (i) => sentUpper[i] ?? 0),
    );
}

/** The HiGHS adapter: `solve` builds, runs and disposes a model; `load` keeps one for warm re-solves. */
export function highsSolver(highs: Highs): Solver {
  return {
    solve(lp: LinearProgram, options: SolveOptions = {}) {
      const model = createModel(highs, lp);
      try {
        if (options.mipRelGap !== undefined) model.options.set('mip_rel_gap', options.mipRelGap);
        if (options.timeLimitSeconds !== undefined) model.options.set('time_limit', options.timeLimitSeconds);
        return runModel(model, lp.integer?.some((i) => i) ?? false);
      } finally {
        model.dispose();
      }
    },
    load(lp: LinearProgram, options: { readonly readBasis?: boolean } = {}): WarmModel {
      const model = createModel(highs, lp);
      // Re-solves start from the last basis: presolve would discard it, and HiGHS's scaling of the model
      // makes every re-run repeat ~80 simplex iterations; unscaled, an unchanged model re-solves in none.
      model.options.set('presolve', 'off');
      model.options.set('solver', 'simplex');
      model.options.set('simplex_scale_strategy', 0);
      const sent = {
        colLower: Float64Array.from(lp.colLower),
        colUpper: Float64Array.from(lp.colUpper),
        rowLower: Float64Array.from(lp.rowLower),
        rowUpper: Float64Array.from(lp.rowUpper),
      };
      const columns = toColumnMatrix(lp);
      // The last optimal basis, with its position list and duals: a re-solve that leaves it primal feasible
      // is answered from it without running the simplex (41 % of Monte Carlo month solves of cn-2025-04-ree7).
      let last: (FactoredBasis & { rowDual: ArrayLike<number> }) | undefined;
      const reuse = (bounds: LpBounds): LpSolution | undefined => {
        if (!last || options.readBasis === false) return undefined;
        const x = primalFromBasis(columns, last, bounds, (rhs) => model.getBasisSolve(rhs).values);
        if (!x) return undefined;
        let objective = 0;
        for (let j = 0; j < x.length; j++) objective += (lp.colCost[j] ?? 0) * (x[j] ?? 0);
        return { objective, x, rowDual: last.rowDual };
      };
      // The bounds `reuse` last turned down, so `solve` does not try them again.
      let refused: LpBounds | undefined;
      return {
        reuse(bounds) {
          const solution = reuse(bounds);
          refused = solution ? undefined : bounds;
          return solution;
        },
        solve(bounds, start) {
          if (!start && bounds !== refused) {
            const solution = reuse(bounds);
            if (solution) return { ok: true as const, value: solution };
          }
          refused = undefined;
          // Only bounds that moved since the last solve cross into the solver: most months move few.
          sendChanged(sent.colLower, sent.colUpper, bounds.colLower, bounds.colUpper, (selection, lower, upper) =>
            model.changeColsBounds(selection, lower, upper),
          );
          sendChanged(sent.rowLower, sent.rowUpper, bounds.rowLower, bounds.rowUpper, (selection, lower, upper) =>
            model.changeRowsBounds(selection, lower, upper),
          );
          if (start) {
            model.clearSolver();
            model.setBasis(start);
          }
          const result = runModel(model);
          if (result.ok) {
            const b = model.getBasis();
            last = {
              colStatus: b.colStatus,
              rowStatus: b.rowStatus,
              basic: model.getBasicVariables(),
              rowDual: result.value.rowDual,
            };
          } else last = undefined;
          return result;
        },
        basis() {
          const b = model.getBasis();
          return { colStatus: Int32Array.from(b.colStatus), rowStatus: Int32Array.from(b.rowStatus) };
        },
        dispose() {
          model.dispose();
        },
      };
    },
  };
}

/** Loads the HiGHS WebAssembly module (CommonJS; its default export is the loader) and wraps it. */
export async function loadHighsSolver(): Promise<Solver> {
  const module = (await import('highs')) as unknown as { default?: unknown };
  const loader = (typeof module.default === 'function' ? module.default : module) as () => Promise<Highs>;
  return highsSolver(await loader());
}
