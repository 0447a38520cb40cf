import type { Highs } from 'highs';
import { describe, expect, it } from 'vitest';
import { LpBuilder } from './linear-program.ts';
import { toMps } from './mps.ts';
import { loadHighsSolver } from './highs-solver.ts';

// A knapsack with a ranged row, a free column and a fixed one:
// max 5a + 4b + 3c (binary a, b; integer c ≤ 2) s.t. 2a + 3b + c ∈ [1, 5], plus d free with d = 1 − a (cost 0.5).
// By hand: a=1, b=1 uses 5, c=0 → 9; a=1, c=2 uses 4 → 11; b=1, c=2 uses 5 → 10; a=1,b=0,c=2 is best: −11,
// and d = 0 adds 0, so the minimum of −(5a + 4b + 3c) + 0.5d is −11.
function knapsack() {
  const b = new LpBuilder();
  const a = b.column('a', -5, 0, 1, true);
  const bb = b.column('b', -4, 0, 1, true);
  const c = b.column('c', -3, 0, 2, true);
  const d = b.column('d', 0.5, -Infinity, Infinity);
  const e = b.column('e', 1, 0.25, 0.25);
  b.row(
    'cap',
    [
      [a, 2],
      [bb, 3],
      [c, 1],
    ],
    1,
    5,
  );
  b.row(
    'link',
    [
      [d, 1],
      [a, 1],
    ],
    1,
    1,
  );
  b.row('floor', [[e, 1]], 0, Infinity);
  return b.build();
}

describe('toMps', () => {
  it('round-trips a small integer programme through HiGHS with the same optimum', async () => {
    const lp = knapsack();
    const text = toMps(lp, 'knapsack');
    expect(text).toContain("'MARKER' 'INTORG'");
    expect(text).toContain('RANGES');
    const direct = (await loadHighsSolver()).solve(lp);
    if (!direct.ok) throw new Error(direct.error.detail);
    expect(direct.value.objective).toBeCloseTo(-11 + 0.25, 9);
    const mod = (await import('highs')) as unknown as { default: () => Promise<Highs> };
    const highs = await mod.default();
    const model = highs.createModel({ format: 'mps', data: text });
    model.options.set('output_flag', false);
    model.run();
    expect(model.getObjectiveValue()).toBeCloseTo(-11 + 0.25, 9);
    expect(Array.from(model.getSolution().colValue).map((v) => Math.round(v * 100) / 100)).toEqual([1, 0, 2, 0, 0.25]);
    model.dispose();
  });

  it('refuses names with spaces', () => {
    const b = new LpBuilder();
    b.column('has space', 1);
    expect(() => toMps(b.build())).toThrow(/spaces/);
  });
});
