import type { AllocationRule } from '../model/offtake.ts';
import { LpBuilder, type SolveError, type Solver } from '../optimise/linear-program.ts';
import { err, ok, type Result } from '../result.ts';

/** One period's allocation problem: supply by project, need by buyer, contracted tonnes (docs/methods/offtake.md). */
export interface AllocationProblem {
  readonly projects: readonly {
    readonly id: string;
    readonly supply: number;
    readonly eligible?: ReadonlySet<string>;
  }[];
  readonly buyers: readonly { readonly id: string; readonly need: number; readonly priority: number }[];
  readonly contracts: readonly { readonly projectId: string; readonly buyerId: string; readonly tonnes: number }[];
}

/** Why a buyer got what it got. */
export type AllocationBound =
  | 'need-met'
  | 'contract'
  | 'max-min-level'
  | 'proportional-share'
  | 'short-of-target'
  | 'leftover'
  | 'priority-level'
  | 'no-supply';

export interface BuyerAllocation {
  readonly buyerId: string;
  readonly need: number;
  readonly contracted: number;
  readonly allocated: number;
  /** allocated ÷ need (1 when nothing is needed). */
  readonly share: number;
  readonly unmet: number;
  readonly bound: AllocationBound;
  /** The share level the rule gave the buyer: its max-min level, or the common proportional share. */
  readonly level: number | null;
  /** Projects that could serve the buyer and are sold out. */
  readonly limitedBy: readonly string[];
}

export interface PeriodAllocation {
  readonly buyers: readonly BuyerAllocation[];
  readonly flows: readonly { readonly projectId: string; readonly buyerId: string; readonly tonnes: number }[];
  /** Projects whose contracts exceed output: every contract of the project scaled by this factor. */
  readonly contractsScaled: readonly { readonly projectId: string; readonly factor: number }[];
  readonly unallocated: number;
  /** Linear programmes solved. */
  readonly solves: number;
}

const EPS = 1e-9;

interface Pair {
  readonly p: number;
  readonly b: number;
  readonly lower: number;
}

/**
 * Allocates one period's output: signed contracts are lower bounds, then the rule decides the rest by
 * successive linear programmes (lexicographic max-min of the share of need; one equal share then a fill for
 * proportional; max-min class by class for priority).
 */
export function allocatePeriod(
  problem: AllocationProblem,
  rule: AllocationRule,
  solver: Solver,
): Result<PeriodAllocation, SolveError> {
  const { projects, buyers } = problem;
  const buyerIndex = new Map(buyers.map((b, i) => [b.id, i]));
  // Contracts first: when a project cannot deliver them all, each is cut in the same proportion.
  const contracted = new Map<string, number>();
  const scaled: { projectId: string; factor: number }[] = [];
  projects.forEach((p) => {
    const own = problem.contracts.filter((c) => c.projectId === p.id && buyerIndex.has(c.buyerId));
    const total = own.reduce((s, c) => s + c.tonnes, 0);
    const factor = total > p.supply + EPS ? p.supply / total : 1;
    if (factor < 1) scaled.push({ projectId: p.id, factor });
    for (const c of own) {
      const key = `${p.id}|${c.buyerId}`;
      contracted.set(key, (contracted.get(key) ?? 0) + c.tonnes * factor);
    }
  });
  const pairs: Pair[] = [];
  projects.forEach((p, pi) =>
    buyers.forEach((b, bi) => {
      const lower = contracted.get(`${p.id}|${b.id}`) ?? 0;
      if (lower > 0 || p.eligible === undefined || p.eligible.has(b.id)) pairs.push({ p: pi, b: bi, lower });
    }),
  );
  const contractOf = buyers.map((_, bi) => pairs.filter((x) => x.b === bi).reduce((s, x) => s + x.lower, 0));
  const cap = buyers.map((b, bi) => Math.max(b.need, contractOf[bi] ?? 0));
  let solves = 0;

  /** Solves with floors on some buyers' shares; `objective` picks what to maximise. */
  const solve = (
    floors: ReadonlyMap<number, number>,
    levelBuyers: readonly number[],
    objective:
      | { kind: 'level' }
      | { kind: 'buyer'; b: number }
      | { kind: 'total' }
      | { kind: 'deviation'; targets: readonly number[] },
  ): Result<{ x: number[]; t: number }, SolveError> => {
    const lp = new LpBuilder();
    const cols = pairs.map((pr, i) => {
      const cost =
        objective.kind === 'total' || (objective.kind === 'buyer' && objective.b === pr.b)
          ? -1
          : objective.kind === 'deviation'
            ? -1e-6
            : 0;
      return lp.column(`x${i}`, cost, pr.lower, Infinity);
    });
    const t = lp.column('t', objective.kind === 'level' ? -1 : 0, 0, objective.kind === 'level' ? 1 : 0);
    projects.forEach((p, pi) =>
      lp.row(
        `supply ${p.id}`,
        pairs.flatMap((pr, i) => (pr.p === pi ? [[cols[i] as number, 1] as const] : [])),
        -Infinity,
        p.supply,
      ),
    );
    buyers.forEach((b, bi) => {
      const entries = pairs.flatMap((pr, i) => (pr.b === bi ? [[cols[i] as number, 1] as const] : []));
      if (entries.length === 0) return;
      const floor = floors.get(bi);
      lp.row(`cap ${b.id}`, entries, floor === undefined ? -Infinity : floor * b.need - EPS * b.need, cap[bi] ?? 0);
      if (levelBuyers.includes(bi)) lp.row(`level ${b.id}`, [...entries, [t, -b.need]], 0, Infinity);
      if (objective.kind === 'deviation') {
        // allocated − over + under = target; the total deviation is minimised, a tonne used is worth a little.
        const over = lp.column(`over ${b.id}`, 1, 0, Infinity);
        const under = lp.column(`under ${b.id}`, 1, 0, Infinity);
        const target = objective.targets[bi] ?? 0;
        lp.row(`target ${b.id}`, [...entries, [over, -1], [under, 1]], target, target);
      }
    });
    solves++;
    const r = solver.solve(lp.build());
    if (!r.ok) return err(r.error);
    return ok({ x: pairs.map((_, i) => r.value.x[cols[i] as number] ?? 0), t: r.value.x[t] ?? 0 });
  };

  const allocatedBy = (x: readonly number[]) =>
    buyers.map((_, bi) => pairs.reduce((s, pr, i) => s + (pr.b === bi ? (x[i] ?? 0) : 0), 0));
  const fixed = new Map<number, number>();
  const levels = new Map<number, number>();
  const needy = buyers.map((_, bi) => bi).filter((bi) => (buyers[bi]?.need ?? 0) > 0);
  const groups: number[][] =
    rule === 'priority'
      ? [...new Set(needy.map((bi) => buyers[bi]?.priority ?? 9))]
          .sort((a, b) => a - b)
          .map((p) => needy.filter((bi) => buyers[bi]?.priority === p))
      : [needy];
  let last: number[] = pairs.map((pr) => pr.lower);

  let targets: number[] = [];
  if (rule === 'proportional') {
    // One share s for everyone, from the pooled supply and need; then the allocation closest to s × need.
    // s solves Σ max(contract, s × need) = pooled supply (water-filling over contracts), capped at 1.
    const supply = projects.reduce((sum, p) => sum + p.supply, 0);
    const targetAt = (share: number) => buyers.map((b, bi) => Math.max(contractOf[bi] ?? 0, share * b.need));
    const total = (share: number) => targetAt(share).reduce((sum, x) => sum + x, 0);
    let lo = 0;
    let hi = 1;
    if (total(1) <= supply) lo = 1;
    else
      for (let i = 0; i < 60; i++)
        [lo, hi] = total((lo + hi) / 2) <= supply ? [(lo + hi) / 2, hi] : [lo, (lo + hi) / 2];
    const s = lo;
    targets = targetAt(s);
    const closest = solve(fixed, [], { kind: 'deviation', targets });
    if (!closest.ok) return closest;
    const got = allocatedBy(closest.value.x);
    needy.forEach((bi) => {
      fixed.set(bi, (got[bi] ?? 0) / (buyers[bi]?.need ?? 1));
      levels.set(bi, s);
    });
  }
  for (const group of rule === 'proportional' ? [] : groups) {
    let open = group.filter((bi) => !fixed.has(bi));
    while (open.length > 0) {
      const round = solve(fixed, open, { kind: 'level' });
      if (!round.ok) return round;
      const t = Math.min(1, Math.max(0, round.value.t));
      last = round.value.x;
      if (t >= 1 - EPS) {
        for (const bi of open) {
          fixed.set(bi, t);
          levels.set(bi, t);
        }
        break;
      }
      const floors = new Map(fixed);
      for (const bi of open) floors.set(bi, t);
      const stuck: number[] = [];
      const reached = allocatedBy(round.value.x);
      for (const bi of open) {
        // A buyer above the level in this solution can be raised: no test needed.
        if ((reached[bi] ?? 0) > (t + 1e-7) * (buyers[bi]?.need ?? 0)) continue;
        const best = solve(floors, [], { kind: 'buyer', b: bi });
        if (!best.ok) return best;
        const share = (allocatedBy(best.value.x)[bi] ?? 0) / (buyers[bi]?.need ?? 1);
        if (share <= t + 1e-6) stuck.push(bi);
      }
      // Numerical safety: a round always fixes someone.
      for (const bi of stuck.length > 0 ? stuck : open) {
        fixed.set(bi, t);
        levels.set(bi, t);
      }
      open = open.filter((bi) => !fixed.has(bi));
    }
  }
  if (rule === 'proportional') {
    const fill = solve(fixed, [], { kind: 'total' });
    if (!fill.ok) return fill;
    last = fill.value.x;
  } else if (groups.length > 0) {
    // Settle the final flows with every level held, using no more than the levels need.
    const settle = solve(fixed, [], { kind: 'total' });
    if (!settle.ok) return settle;
    last = settle.value.x;
  }

  const allocated = allocatedBy(last);
  const used = projects.map((_, pi) => pairs.reduce((s, pr, i) => s + (pr.p === pi ? (last[i] ?? 0) : 0), 0));
  const soldOut = new Set(projects.filter((p, pi) => (used[pi] ?? 0) >= p.supply - 1e-6).map((p) => p.id));
  const result: BuyerAllocation[] = buyers.map((b, bi) => {
    const got = allocated[bi] ?? 0;
    const contract = contractOf[bi] ?? 0;
    const share = b.need > 0 ? got / b.need : 1;
    const level = levels.get(bi) ?? null;
    const servable = projects.filter((_, pi) => pairs.some((pr) => pr.b === bi && pr.p === pi)).map((p) => p.id);
    const bound: AllocationBound =
      share >= 1 - 1e-6
        ? 'need-met'
        : servable.length === 0
          ? 'no-supply'
          : contract > 0 && got <= contract + 1e-6
            ? 'contract'
            : rule === 'proportional'
              ? got > (targets[bi] ?? 0) + 1e-6
                ? 'leftover'
                : got < (targets[bi] ?? 0) - 1e-6
                  ? 'short-of-target'
                  : 'proportional-share'
              : rule === 'priority'
                ? 'priority-level'
                : 'max-min-level';
    return {
      buyerId: b.id,
      need: b.need,
      contracted: contract,
      allocated: got,
      share,
      unmet: Math.max(0, b.need - got),
      bound,
      level,
      limitedBy: share >= 1 - 1e-6 ? [] : servable.filter((id) => soldOut.has(id)),
    };
  });
  const flows = pairs
    .map((pr, i) => ({
      projectId: projects[pr.p]?.id ?? '',
      buyerId: buyers[pr.b]?.id ?? '',
      tonnes: last[i] ?? 0,
    }))
    .filter((f) => f.tonnes > 1e-9);
  const supplied = projects.reduce((s, p) => s + p.supply, 0);
  return ok({
    buyers: result,
    flows,
    contractsScaled: scaled,
    unallocated: Math.max(0, supplied - flows.reduce((s, f) => s + f.tonnes, 0)),
    solves,
  });
}
