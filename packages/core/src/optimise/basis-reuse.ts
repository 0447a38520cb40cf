/**
 * Re-solving a linear programme with new bounds from its last optimal basis. Costs do not change between
 * re-solves, so the basis stays dual feasible; if it is also primal feasible under the new bounds it is still
 * optimal, and the solution follows from one solve with the basis matrix — no simplex run. Pure: the basis
 * solve is passed in (the solver's factorisation of the current basis).
 */
import type { LinearProgram, LpBounds } from './linear-program.ts';

/** The constraint matrix by columns. */
export interface ColumnMatrix {
  readonly starts: Int32Array;
  readonly rows: Int32Array;
  readonly values: Float64Array;
}

export function toColumnMatrix(lp: Pick<LinearProgram, 'starts' | 'indices' | 'values' | 'colCost'>): ColumnMatrix {
  const n = lp.colCost.length;
  const starts = new Int32Array(n + 1);
  for (const c of lp.indices) starts[c + 1] = (starts[c + 1] ?? 0) + 1;
  for (let j = 0; j < n; j++) starts[j + 1] = (starts[j + 1] ?? 0) + (starts[j] ?? 0);
  const next = starts.slice(0, n);
  const rows = new Int32Array(lp.indices.length);
  const values = new Float64Array(lp.indices.length);
  for (let r = 0; r + 1 < lp.starts.length; r++)
    for (let k = lp.starts[r] ?? 0; k < (lp.starts[r + 1] ?? 0); k++) {
      const c = lp.indices[k] ?? 0;
      const at = next[c] ?? 0;
      rows[at] = r;
      values[at] = lp.values[k] ?? 0;
      next[c] = at + 1;
    }
  return { starts, rows, values };
}

/** Basis statuses (HiGHS's codes, shared by the LP port). */
export const BASIC = 1;
const LOWER = 0;
const UPPER = 2;

/** A basis: statuses per column and row, and the variable in each position of the basis matrix (a column j ≥ 0, or row i as −1 − i). */
export interface FactoredBasis {
  readonly colStatus: Int32Array;
  readonly rowStatus: Int32Array;
  readonly basic: Int32Array;
}

/** The value a nonbasic variable takes under its status and bounds. */
function nonbasicValue(status: number, lower: number, upper: number): number {
  if (status === UPPER) return upper;
  if (status === LOWER) return lower;
  // Free or fixed nonbasic variables sit at a finite bound, else at zero.
  return Number.isFinite(lower) ? lower : Number.isFinite(upper) ? upper : 0;
}

/**
 * The column values of the basic solution of `basis` under `bounds`, or `undefined` when some basic variable
 * (column or row activity) falls outside its bounds by more than `tolerance`. `solveB(rhs)` returns y with B·y = rhs,
 * where B holds the basic columns of A and, for basic rows, the unit column of the row's logical variable
 * s = −(row activity).
 */
export function primalFromBasis(
  a: ColumnMatrix,
  basis: FactoredBasis,
  bounds: LpBounds,
  solveB: (rhs: Float64Array) => ArrayLike<number>,
  tolerance = 1e-7,
): Float64Array | undefined {
  const n = basis.colStatus.length;
  const m = basis.rowStatus.length;
  const x = new Float64Array(n);
  // A·x + s = 0 with s = −(row activity): B·y = −(A_N·x_N + s_N).
  const rhs = new Float64Array(m);
  for (let j = 0; j < n; j++) {
    const status = basis.colStatus[j] ?? BASIC;
    if (status === BASIC) continue;
    const v = nonbasicValue(status, bounds.colLower[j] ?? 0, bounds.colUpper[j] ?? 0);
    if (!Number.isFinite(v)) return undefined;
    x[j] = v;
    if (v !== 0)
      for (let k = a.starts[j] ?? 0; k < (a.starts[j + 1] ?? 0); k++)
        rhs[a.rows[k] ?? 0] = (rhs[a.rows[k] ?? 0] ?? 0) - (a.values[k] ?? 0) * v;
  }
  for (let i = 0; i < m; i++) {
    const status = basis.rowStatus[i] ?? BASIC;
    if (status === BASIC) continue;
    const r = nonbasicValue(status, bounds.rowLower[i] ?? 0, bounds.rowUpper[i] ?? 0);
    if (!Number.isFinite(r)) return undefined;
    rhs[i] = (rhs[i] ?? 0) + r;
  }
  const y = solveB(rhs);
  for (let k = 0; k < basis.basic.length; k++) {
    const v = basis.basic[k] ?? 0;
    const value = y[k] ?? NaN;
    if (!Number.isFinite(value)) return undefined;
    if (v >= 0) {
      if (value < (bounds.colLower[v] ?? 0) - tolerance || value > (bounds.colUpper[v] ?? 0) + tolerance)
        return undefined;
      x[v] = value;
    } else {
      const activity = -value;
      const i = -1 - v;
      if (activity < (bounds.rowLower[i] ?? 0) - tolerance || activity > (bounds.rowUpper[i] ?? 0) + tolerance)
        return undefined;
    }
  }
  return x;
}
