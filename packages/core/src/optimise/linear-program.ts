/** A linear programme in the form solvers take: minimise c·x subject to rowLower ≤ A·x ≤ rowUpper, colLower ≤ x ≤ colUpper. */
export interface LinearProgram {
  readonly colNames: readonly string[];
  readonly colCost: readonly number[];
  readonly colLower: readonly number[];
  readonly colUpper: readonly number[];
  readonly rowNames: readonly string[];
  readonly rowLower: readonly number[];
  readonly rowUpper: readonly number[];
  /** Compressed sparse rows. */
  readonly starts: readonly number[];
  readonly indices: readonly number[];
  readonly values: readonly number[];
  /** Integer columns (absent: every column continuous). */
  readonly integer?: readonly boolean[];
}

/** Builds a linear programme column by column and row by row, with names for explanations. */
export class LpBuilder {
  readonly #cols: { name: string; cost: number; lower: number; upper: number; integer: boolean }[] = [];
  readonly #rows: { name: string; lower: number; upper: number; entries: readonly (readonly [number, number])[] }[] =
    [];

  /** Adds a variable (an integer one if `integer`) and returns its index. */
  column(name: string, cost: number, lower = 0, upper = Infinity, integer = false): number {
    this.#cols.push({ name, cost, lower, upper, integer });
    return this.#cols.length - 1;
  }

  /** Adds a constraint lower ≤ Σ coefficient·x ≤ upper and returns its index. */
  row(
    name: string,
    entries: readonly (readonly [column: number, coefficient: number])[],
    lower: number,
    upper: number,
  ): number {
    this.#rows.push({ name, lower, upper, entries: entries.filter(([, v]) => v !== 0) });
    return this.#rows.length - 1;
  }

  build(): LinearProgram {
    const starts: number[] = [0];
    const indices: number[] = [];
    const values: number[] = [];
    for (const r of this.#rows) {
      for (const [c, v] of [...r.entries].sort((a, b) => a[0] - b[0])) {
        indices.push(c);
        values.push(v);
      }
      starts.push(indices.length);
    }
    return {
      colNames: this.#cols.map((c) => c.name),
      colCost: this.#cols.map((c) => c.cost),
      colLower: this.#cols.map((c) => c.lower),
      colUpper: this.#cols.map((c) => c.upper),
      rowNames: this.#rows.map((r) => r.name),
      rowLower: this.#rows.map((r) => r.lower),
      rowUpper: this.#rows.map((r) => r.upper),
      starts,
      indices,
      values,
      ...(this.#cols.some((c) => c.integer) ? { integer: this.#cols.map((c) => c.integer) } : {}),
    };
  }
}

export interface LpSolution {
  readonly objective: number;
  readonly x: ArrayLike<number>;
  /** Dual values of the rows: the marginal cost of tightening each constraint. */
  readonly rowDual: ArrayLike<number>;
  /** For a programme with integer columns: the relative gap to the proven bound when the solver stopped. */
  readonly mipGap?: number;
}

/** Stopping rules for programmes with integer columns. */
export interface SolveOptions {
  /** Stop once the incumbent is within this relative distance of the proven bound. */
  readonly mipRelGap?: number;
  readonly timeLimitSeconds?: number;
}

export type SolveError = { readonly code: 'infeasible' | 'unbounded' | 'solver-failed'; readonly detail: string };

export type SolveResult = { ok: true; value: LpSolution } | { ok: false; error: SolveError };

/** New bounds for every column and row of a loaded model (same lengths as the model's). */
export interface LpBounds {
  readonly colLower: Float64Array;
  readonly colUpper: Float64Array;
  readonly rowLower: Float64Array;
  readonly rowUpper: Float64Array;
}

/**
 * A model kept loaded in the solver: each solve replaces the bounds and restarts from the last optimal
 * basis (a warm start), which is what makes month-by-month and run-by-run re-solves cheap.
 */
export interface WarmModel {
  /** Solves with new bounds, from `start` if given (so the result does not depend on earlier solves), else warm. */
  solve(bounds: LpBounds, start?: LpBasis): SolveResult;
  /**
   * The solution under `bounds` read off the last optimal basis when that basis stays optimal there (no
   * simplex run; the model is left as it was), else `undefined`.
   */
  reuse(bounds: LpBounds): LpSolution | undefined;
  /** The basis of the last optimal solve. */
  basis(): LpBasis;
  dispose(): void;
}

/** Simplex basis statuses per column and row (solver codes), to restart a solve from a known point. */
export interface LpBasis {
  readonly colStatus: Int32Array;
  readonly rowStatus: Int32Array;
}

/** The port every solver adapter implements; the core never imports a solver itself. */
export interface Solver {
  solve(lp: LinearProgram, options?: SolveOptions): SolveResult;
  /**
   * Loads a model to re-solve many times with new bounds. With `readBasis: false` every solve runs the
   * simplex (no solution read off the last basis), to measure what that step buys.
   */
  load(lp: LinearProgram, options?: { readonly readBasis?: boolean }): WarmModel;
}
