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
}

/** Builds a linear programme column by column and row by row, with names for explanations. */
export class LpBuilder {
  readonly #cols: { name: string; cost: number; lower: number; upper: number }[] = [];
  readonly #rows: { name: string; lower: number; upper: number; entries: readonly (readonly [number, number])[] }[] =
    [];

  /** Adds a variable and returns its index. */
  column(name: string, cost: number, lower = 0, upper = Infinity): number {
    this.#cols.push({ name, cost, lower, upper });
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
    };
  }
}

export interface LpSolution {
  readonly objective: number;
  readonly x: readonly number[];
  /** Dual values of the rows: the marginal cost of tightening each constraint. */
  readonly rowDual: readonly number[];
}

export type SolveError = { readonly code: 'infeasible' | 'unbounded' | 'solver-failed'; readonly detail: string };

/** The port every solver adapter implements; the core never imports a solver itself. */
export interface Solver {
  solve(lp: LinearProgram): { ok: true; value: LpSolution } | { ok: false; error: SolveError };
}
