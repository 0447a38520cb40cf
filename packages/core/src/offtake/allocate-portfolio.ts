import type { Network } from '../model/network.ts';
import type { AllocationRule, OfftakePortfolio } from '../model/offtake.ts';
import type { SolveError, Solver } from '../optimise/linear-program.ts';
import { err, ok, type Result } from '../result.ts';
import { type AllocationBound, allocatePeriod, type PeriodAllocation } from './allocate-period.ts';

/** A buyer's yearly need with the sources it rests on. */
export interface ResolvedNeed {
  readonly buyerId: string;
  readonly tonnesPerYear: number;
  readonly sources: readonly string[];
}

export type NeedIssue = { readonly code: 'unknown-demand-row'; readonly buyerId: string; readonly message: string };

/** Resolves each buyer's need: a sourced figure, or a share of the network's latest demand row. */
export function resolveNeeds(portfolio: OfftakePortfolio, network: Network): Result<ResolvedNeed[], NeedIssue[]> {
  const issues: NeedIssue[] = [];
  const needs = portfolio.buyers.map((b): ResolvedNeed => {
    if (b.need.kind === 'tonnes')
      return { buyerId: b.id, tonnesPerYear: b.need.tonnesPerYear, sources: b.need.sources };
    const { product, area, share, shareSources } = b.need;
    const rows = network.demand.filter((r) => r.product === product && r.area === area);
    const year = Math.max(...rows.map((r) => r.year));
    const latest = rows.filter((r) => r.year === year);
    if (latest.length === 0) {
      issues.push({
        code: 'unknown-demand-row',
        buyerId: b.id,
        message: `buyer ${b.id}: the network has no demand for ${product} in ${area}`,
      });
      return { buyerId: b.id, tonnesPerYear: 0, sources: [] };
    }
    return {
      buyerId: b.id,
      tonnesPerYear: share * latest.reduce((s, r) => s + r.quantity, 0),
      sources: [...new Set([...latest.map((r) => r.source), ...shareSources])],
    };
  });
  return issues.length > 0 ? err(issues) : ok(needs);
}

/** The months of the horizon as YYYY-MM. */
export function horizonMonths(startMonth: string, months: number): string[] {
  const y0 = Number(startMonth.slice(0, 4));
  const m0 = Number(startMonth.slice(5, 7)) - 1;
  return Array.from({ length: months }, (_, i) => {
    const m = m0 + i;
    return `${y0 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;
  });
}

export interface BuyerTotals {
  readonly buyerId: string;
  readonly need: number;
  readonly contracted: number;
  readonly allocated: number;
  readonly share: number;
  readonly unmet: number;
  /** Months by the reason that bound the buyer. */
  readonly bounds: Readonly<Partial<Record<AllocationBound, number>>>;
  readonly lowestLevel: number | null;
  readonly limitedBy: readonly string[];
}

export interface PortfolioAllocation {
  readonly portfolio: string;
  readonly rule: AllocationRule;
  readonly months: readonly { readonly month: string; readonly allocation: PeriodAllocation }[];
  readonly totals: readonly BuyerTotals[];
  readonly supplied: number;
  readonly unallocated: number;
  /** Distinct month problems solved (identical months are solved once). */
  readonly distinctProblems: number;
  readonly solves: number;
}

/** Allocates every month of the horizon (output and needs spread evenly over each year's months). */
export function allocatePortfolio(
  portfolio: OfftakePortfolio,
  needs: readonly ResolvedNeed[],
  rule: AllocationRule,
  solver: Solver,
): Result<PortfolioAllocation, SolveError & { readonly month: string }> {
  const needOf = new Map(needs.map((n) => [n.buyerId, n.tonnesPerYear / 12]));
  const cache = new Map<string, PeriodAllocation>();
  const months: { month: string; allocation: PeriodAllocation }[] = [];
  let solves = 0;
  let supplied = 0;
  for (const month of horizonMonths(portfolio.startMonth, portfolio.months)) {
    const year = Number(month.slice(0, 4));
    const projects = portfolio.projects.map((p) => ({
      id: p.projectId,
      supply: (p.output.find((o) => o.year === year)?.tonnes ?? 0) / 12,
      ...(p.eligibleBuyers ? { eligible: new Set(p.eligibleBuyers) } : {}),
    }));
    const contracts = portfolio.contracts
      .filter((c) => c.fromMonth <= month && (c.toMonth === undefined || month <= c.toMonth))
      .map((c) => ({ projectId: c.projectId, buyerId: c.buyerId, tonnes: c.tonnesPerYear / 12 }));
    const buyers = portfolio.buyers.map((b) => ({ id: b.id, need: needOf.get(b.id) ?? 0, priority: b.priority }));
    const key = JSON.stringify([projects.map((p) => p.supply), contracts, buyers.map((b) => b.need)]);
    let allocation = cache.get(key);
    if (!allocation) {
      const r = allocatePeriod({ projects, buyers, contracts }, rule, solver);
      if (!r.ok) return err({ ...r.error, month });
      allocation = r.value;
      solves += allocation.solves;
      cache.set(key, allocation);
    }
    supplied += projects.reduce((s, p) => s + p.supply, 0);
    months.push({ month, allocation });
  }
  const totals = portfolio.buyers.map((b): BuyerTotals => {
    const rows = months.map((m) => m.allocation.buyers.find((x) => x.buyerId === b.id));
    const sum = (f: (x: NonNullable<(typeof rows)[number]>) => number) => rows.reduce((s, x) => s + (x ? f(x) : 0), 0);
    const need = sum((x) => x.need);
    const allocated = sum((x) => x.allocated);
    const bounds: Partial<Record<AllocationBound, number>> = {};
    for (const x of rows) if (x) bounds[x.bound] = (bounds[x.bound] ?? 0) + 1;
    const levels = rows.flatMap((x) => (x && x.level !== null && x.share < 1 - 1e-6 ? [x.level] : []));
    return {
      buyerId: b.id,
      need,
      contracted: sum((x) => x.contracted),
      allocated,
      share: need > 0 ? allocated / need : 1,
      unmet: sum((x) => x.unmet),
      bounds,
      lowestLevel: levels.length > 0 ? Math.min(...levels) : null,
      limitedBy: [...new Set(rows.flatMap((x) => x?.limitedBy ?? []))].sort(),
    };
  });
  return ok({
    portfolio: portfolio.id,
    rule,
    months,
    totals,
    supplied,
    unallocated: months.reduce((s, m) => s + m.allocation.unallocated, 0),
    distinctProblems: cache.size,
    solves,
  });
}
