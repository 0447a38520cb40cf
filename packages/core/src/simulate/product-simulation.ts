/**
 * Month-by-month simulation of one product's market under a scenario: monthly supply and use from the
 * network baseline, export restrictions from the regime (or ad hoc), commercial inventories drawn down
 * when receipts fall short, and idle capacity outside the issuer ramping up. Multi-tier propagation comes
 * next; see docs/methods/simulation.md.
 */
import type { Network } from '../model/network.ts';
import type { RegimeClause } from '../model/regime.ts';
import type { Distribution, Scenario } from '../model/scenario.ts';
import { proportionalFlows, useByArea } from '../network/balance.ts';
import type { Solver } from '../optimise/linear-program.ts';
import { clauseCoversItem } from '../regime/regime-at.ts';
import { solveMarketMonth } from './market-month.ts';

export interface ProductMonth {
  readonly month: string;
  readonly area: string;
  readonly demand: number;
  /** Received from producers this month. */
  readonly received: number;
  readonly fromInventory: number;
  readonly shortfall: number;
  readonly inventoryLeft: number;
  readonly binding: readonly string[];
}

/** The central value of a distribution, for a deterministic run. */
export const centralValue = (d: Distribution): number =>
  d.kind === 'fixed'
    ? d.value
    : d.kind === 'uniform'
      ? (d.low + d.high) / 2
      : d.kind === 'triangular'
        ? (d.low + d.mode + d.high) / 3
        : d.mean;

const addMonths = (month: string, n: number): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const t = y * 12 + (m - 1) + n;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
};

interface Restriction {
  readonly from: string;
  readonly to: string;
  readonly allowedShare: number;
  readonly measure: string;
}

/** The restrictions on a product in a month: regime clauses naming its commodity, and ad hoc measures naming it. */
function restrictionsIn(
  scenario: Scenario,
  clauses: readonly RegimeClause[],
  item: { product: string; commodity: string | null },
  month: string,
  users: readonly string[],
  approvalRate: number,
): Restriction[] {
  const out: Restriction[] = [];
  for (const m of scenario.measures) {
    if (m.kind === 'ad_hoc') {
      const active = month >= m.startMonth && month < addMonths(m.startMonth, m.durationMonths);
      if (!active || !m.items.some((i) => i === item.product || i === item.commodity)) continue;
      for (const to of users)
        if (to !== m.issuer && (m.destinations === 'all' || m.destinations.includes(to)))
          out.push({ from: m.issuer, to, allowedShare: 1 - m.shareCut, measure: m.label });
      continue;
    }
    if (month < scenario.startMonth) continue;
    for (const c of clauses.filter((x) => x.measureId === m.measureId)) {
      const covers =
        clauseCoversItem(c.items, item.product) ||
        (item.commodity !== null && clauseCoversItem(c.items, item.commodity));
      if (!covers || c.destinationScope === 'domestic' || c.destinationScope === 'military_end_users') continue;
      const allowed =
        c.effect === 'licence_required' || c.effect === 'de_minimis_licence_required'
          ? approvalRate
          : c.effect === 'denied' || c.effect === 'banned'
            ? 0
            : 1;
      if (allowed >= 1) continue;
      for (const to of users)
        if (to !== 'CHN' && (c.destinationScope === 'all' || c.destination === to))
          out.push({ from: 'CHN', to, allowedShare: allowed, measure: m.measureId });
    }
  }
  return out;
}

/** One product, month by month, with central values for uncertain parameters (Monte Carlo comes later). */
export function simulateProduct(
  network: Network,
  clauses: readonly RegimeClause[],
  scenario: Scenario,
  product: string,
  solver: Solver,
): ProductMonth[] {
  const info = network.products.find((p) => p.product === product);
  if (!info) throw new Error(`unknown product ${product}`);
  const producersYear = network.capacityOutput.filter((o) => o.product === product && (o.output ?? 0) > 0);
  const useYear = useByArea(network, product);
  const baselineMonthly = proportionalFlows(network, product).map((f) => ({ ...f, quantity: f.quantity / 12 }));
  const users = [...useYear.keys()].sort();
  const approvalRate = centralValue(scenario.licensing.approvalRate);
  const rampUp = centralValue(scenario.rampUpPerMonth);
  const inventory = new Map(
    users.map((u) => {
      const days = network.inventories.find((i) => i.product === product && i.area === u)?.inventoryDays ?? 0;
      return [u, ((useYear.get(u) ?? 0) / 365) * days] as const;
    }),
  );
  const rows: ProductMonth[] = [];
  for (let i = 0; i < scenario.horizonMonths; i++) {
    const month = addMonths(scenario.startMonth, i);
    const restrictions = restrictionsIn(
      scenario,
      clauses,
      { product, commodity: info.commodity },
      month,
      users,
      approvalRate,
    );
    const restricting = new Set(restrictions.map((r) => r.from));
    // Idle capacity outside the restricting country ramps up by a share of output per month, up to its capacity where known.
    const producers = producersYear.map((o) => {
      const monthly = (o.output ?? 0) / 12;
      const capacity = o.capacity === null ? monthly * 1.5 : o.capacity / 12;
      const ramp =
        restricting.size > 0 && !restricting.has(o.area) ? Math.min(capacity, monthly * (1 + rampUp * i)) : monthly;
      return { area: o.area, available: ramp };
    });
    const result = solveMarketMonth(
      {
        product,
        producers,
        users: users.map((u) => ({ area: u, demand: (useYear.get(u) ?? 0) / 12, shortfallWeight: 1 })),
        baseline: baselineMonthly,
        restrictions,
      },
      solver,
    );
    for (const u of result.users) {
      const stock = inventory.get(u.area) ?? 0;
      const fromInventory = Math.min(stock, u.shortfall);
      inventory.set(u.area, stock - fromInventory);
      rows.push({
        month,
        area: u.area,
        demand: u.demand,
        received: u.supplied,
        fromInventory,
        shortfall: u.shortfall - fromInventory,
        inventoryLeft: stock - fromInventory,
        binding: u.shortfall > 1e-9 ? result.binding.filter((b) => b.includes(`→${u.area} `) || !b.includes('→')) : [],
      });
    }
  }
  return rows;
}
