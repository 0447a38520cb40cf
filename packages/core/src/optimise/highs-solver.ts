import type { Highs } from 'highs';
import type { LinearProgram, LpSolution, SolveError, Solver } from './linear-program.ts';

const OPTIMAL = 7;
const INFEASIBLE = 8;
const UNBOUNDED_OR_INFEASIBLE = 9;
const UNBOUNDED = 10;

/** The HiGHS adapter: each solve builds a model from CSR arrays, runs it and disposes it. */
export function highsSolver(highs: Highs): Solver {
  return {
    solve(lp: LinearProgram) {
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
      });
      try {
        model.options.set('output_flag', false);
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
          x: Array.from(solution.colValue),
          rowDual: Array.from(solution.rowDual),
        };
        return { ok: true as const, value };
      } finally {
        model.dispose();
      }
    },
  };
}

/** Loads the HiGHS WebAssembly module (CommonJS; its default export is the loader) and wraps it. */
export async function loadHighsSolver(): Promise<Solver> {
  const module = (await import('highs')) as unknown as { default?: unknown };
  const loader = (typeof module.default === 'function' ? module.default : module) as () => Promise<Highs>;
  return highsSolver(await loader());
}
