import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { BASIC, primalFromBasis, toColumnMatrix } from './basis-reuse.ts';
import { loadHighsSolver } from './highs-solver.ts';
import { type LinearProgram, LpBuilder, type LpBounds, type Solver } from './linear-program.ts';

let solver: Solver;
beforeAll(async () => {
  solver = await loadHighsSolver();
});

/**
 * Two plants ship to three buyers, each buyer may go short at a price; a plant's output is capped by the
 * column bound and each buyer's demand is the row bound. Rows: buyer j receives + short = demand_j.
 */
function shipping(): LinearProgram {
  const b = new LpBuilder();
  const ship = [0, 1].map((i) => [0, 1, 2].map((j) => b.column(`ship ${i}→${j}`, 1 + i + 0.1 * j)));
  const short = [0, 1, 2].map((j) => b.column(`short ${j}`, 10 + j));
  const make = [0, 1].map((i) => b.column(`make ${i}`, 0));
  [0, 1].forEach((i) =>
    b.row(
      `plant ${i} ships what it makes`,
      [...[0, 1, 2].map((j) => [ship[i]?.[j] ?? -1, 1] as const), [make[i] ?? -1, -1] as const],
      0,
      0,
    ),
  );
  [0, 1, 2].forEach((j) =>
    b.row(
      `buyer ${j}`,
      [
        [ship[0]?.[j] ?? -1, 1],
        [ship[1]?.[j] ?? -1, 1],
        [short[j] ?? -1, 1],
      ],
      5,
      5,
    ),
  );
  return b.build();
}

const boundsOf = (lp: LinearProgram, capacity: readonly number[], demand: readonly number[]): LpBounds => {
  const colUpper = Float64Array.from(lp.colUpper);
  colUpper[9] = capacity[0] ?? 0;
  colUpper[10] = capacity[1] ?? 0;
  const rows = Float64Array.from([0, 0, ...demand]);
  return { colLower: Float64Array.from(lp.colLower), colUpper, rowLower: rows, rowUpper: rows };
};

describe('re-solving from the last optimal basis', () => {
  it('turns rows into columns', () => {
    const a = toColumnMatrix({ colCost: [0, 0, 0], starts: [0, 2, 3], indices: [0, 2, 1], values: [1, 2, 3] });
    expect(Array.from(a.starts)).toEqual([0, 1, 2, 3]);
    expect(Array.from(a.rows)).toEqual([0, 1, 0]);
    expect(Array.from(a.values)).toEqual([1, 3, 2]);
  });

  it('reads the basic solution off the basis, and refuses a basis the new bounds make infeasible', () => {
    // x0 + x1 = b0 and x1 + x2 = b1, with x1 and x2 basic and x0 at its upper bound 1.
    const a = toColumnMatrix({ colCost: [0, 0, 0], starts: [0, 2, 4], indices: [0, 1, 1, 2], values: [1, 1, 1, 1] });
    const basis = {
      colStatus: Int32Array.from([2, BASIC, BASIC]),
      rowStatus: Int32Array.from([0, 0]),
      basic: Int32Array.from([1, 2]),
    };
    // B = [[1, 0], [1, 1]] over (x1, x2): solve by substitution.
    const solveB = (r: Float64Array) => [r[0] ?? 0, (r[1] ?? 0) - (r[0] ?? 0)];
    const bounds = (b0: number, b1: number): LpBounds => ({
      colLower: new Float64Array(3),
      colUpper: Float64Array.from([1, 10, 10]),
      rowLower: Float64Array.from([b0, b1]),
      rowUpper: Float64Array.from([b0, b1]),
    });
    expect(primalFromBasis(a, basis, bounds(3, 5), solveB)).toEqual(Float64Array.from([1, 2, 3]));
    // b1 = 1 would need x2 = −1 < 0: the basis no longer fits.
    expect(primalFromBasis(a, basis, bounds(3, 1), solveB)).toBeUndefined();
  });

  it('gives the optimum of a cold solve after any sequence of new bounds', () => {
    const lp = shipping();
    const step = fc.record({
      capacity: fc.tuple(fc.integer({ min: 0, max: 12 }), fc.integer({ min: 0, max: 12 })),
      demand: fc.tuple(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 8 })),
    });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 8 }), (steps) => {
        const warm = solver.load(lp);
        try {
          for (const s of steps) {
            const bounds = boundsOf(lp, s.capacity, s.demand);
            const hot = warm.solve(bounds);
            const cold = solver.solve({
              ...lp,
              colUpper: Array.from(bounds.colUpper),
              rowLower: Array.from(bounds.rowLower),
              rowUpper: Array.from(bounds.rowUpper),
            });
            if (!hot.ok || !cold.ok) throw new Error('the shipping programme is always feasible');
            expect(hot.value.objective).toBeCloseTo(cold.value.objective, 6);
            // The solution is feasible: within bounds, and every buyer's row holds.
            const x = hot.value.x;
            for (let j = 0; j < lp.colCost.length; j++) {
              expect(x[j] ?? NaN).toBeGreaterThanOrEqual(-1e-9);
              expect(x[j] ?? NaN).toBeLessThanOrEqual((bounds.colUpper[j] ?? 0) + 1e-9);
            }
            [0, 1, 2].forEach((j) =>
              expect((x[j] ?? 0) + (x[3 + j] ?? 0) + (x[6 + j] ?? 0)).toBeCloseTo(s.demand[j] ?? 0, 9),
            );
          }
        } finally {
          warm.dispose();
        }
      }),
      { numRuns: 100 },
    );
  });
});
