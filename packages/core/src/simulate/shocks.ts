/**
 * What a scenario does in one month: export restrictions on routes (from the regime model or ad hoc),
 * capacity outages and demand surges. Pure: the month and the run's drawn parameters go in, shocks come out.
 */
import type { Scenario } from '../model/scenario.ts';
import { clauseCoversItem, clauseStatusAt, type RegimeData } from '../regime/regime-at.ts';
import type { NetworkIndex, ProductNode } from './network-index.ts';

/** The uncertain parameters of one run. */
export interface RunParameters {
  /** Share of licence applications approved. */
  readonly approvalRate: number;
  /** Days from a licence requirement taking effect to the first approved shipment. */
  readonly delayDays: number;
  /** Idle capacity outside the restricting country brought on per month, as a share of baseline output. */
  readonly rampUp: number;
}

/** At most `allowedShare` of the baseline flow of `product` from `from` to `to` may move this month. */
export interface Restriction {
  readonly product: number;
  readonly from: string;
  readonly to: string;
  readonly allowedShare: number;
  readonly measure: string;
  readonly effect: string;
}

export interface MonthShocks {
  readonly restrictions: readonly Restriction[];
  /** Capacity multiplier by `${product}|${area}` (outages). */
  readonly capacityFactor: ReadonlyMap<string, number>;
  /** Final-demand multiplier by `${product}|${area}` (surges). */
  readonly demandFactor: ReadonlyMap<string, number>;
}

/** The month `n` months after `month` (YYYY-MM). */
export const shiftMonth = (month: string, n: number): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const t = y * 12 + (m - 1) + n;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
};

/** Days since 1970-01-01 of an ISO date (proleptic Gregorian; civil-from-days inverse). */
function dayNumber(iso: string): number {
  const [y0, m, d] = iso.split('-').map(Number) as [number, number, number];
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const daysInMonth = (month: string): number => dayNumber(`${shiftMonth(month, 1)}-01`) - dayNumber(`${month}-01`);

const activeIn = (month: string, start: string, duration: number) =>
  month >= start && month < shiftMonth(start, duration);

/** The issuer of every regime measure in the bundled model (MOFCOM and the customs administration). */
const REGIME_ISSUER = 'CHN';

function coversProduct(items: readonly string[], product: ProductNode): boolean {
  return product.items.some((i) => clauseCoversItem(items, i)) || items.includes(product.key);
}

/**
 * A restriction before the run's parameters are known: how much of the month is free (before the measure),
 * when licences could first be approved, and whether the route carries military use only in part.
 */
export interface RestrictionTemplate {
  readonly product: number;
  readonly from: string;
  readonly to: string;
  readonly measure: string;
  readonly effect: string;
  /** Allowed share fixed by the scenario (ad hoc measures); else computed from the run's parameters. */
  readonly fixedShare?: number;
  readonly licensed: boolean;
  /** Share of the month before the measure took effect. */
  readonly free: number;
  /** Day numbers of the month's start and of the measure's effective date, and the month's length. */
  readonly monthStart: number;
  readonly effective: number;
  readonly days: number;
  /** For clauses on military end users: the share of the route's use that is military. */
  readonly militaryShare?: number;
}

/** The restriction templates of one month: everything about the month's restrictions but the parameters. */
export function restrictionTemplates(
  index: NetworkIndex,
  regime: RegimeData,
  scenario: Scenario,
  month: string,
): RestrictionTemplate[] {
  const out: RestrictionTemplate[] = [];
  const monthStart = dayNumber(`${month}-01`);
  const days = daysInMonth(month);
  for (const m of scenario.measures) {
    if (m.kind === 'ad_hoc') {
      if (!activeIn(month, m.startMonth, m.durationMonths)) continue;
      for (const p of index.products) {
        if (!m.items.some((i) => i === p.key || p.items.includes(i))) continue;
        for (const u of p.users)
          if (u.area !== m.issuer && (m.destinations === 'all' || m.destinations.includes(u.area)))
            out.push({
              product: p.index,
              from: m.issuer,
              to: u.area,
              measure: m.label,
              effect: 'ad_hoc',
              fixedShare: 1 - m.shareCut,
              licensed: false,
              free: 0,
              monthStart,
              effective: monthStart,
              days,
            });
      }
      continue;
    }
    const measure = regime.exportControls.find((x) => x.id === m.measureId);
    if (!measure) continue;
    const events = m.ignoreSuspensions ? [] : regime.regimeEvents;
    for (const clause of regime.regimeClauses.filter((c) => c.measureId === m.measureId)) {
      if (clause.destinationScope === 'domestic') continue;
      const licensed = clause.effect === 'licence_required' || clause.effect === 'de_minimis_licence_required';
      const denied = clause.effect === 'denied' || clause.effect === 'banned';
      if (!licensed && !denied) continue;
      const status = clauseStatusAt(measure, clause, events, `${month}-15`, scenario.afterSuspension);
      if (!status || (status.state !== 'in_force' && status.state !== 'unknown')) continue;
      const effective = dayNumber(measure.effectiveDate ?? measure.announceDate);
      const free = Math.min(1, Math.max(0, (effective - monthStart) / days));
      for (const p of index.products) {
        if (!coversProduct(clause.items, p)) continue;
        for (const u of p.users) {
          if (u.area === REGIME_ISSUER) continue;
          if (clause.destinationScope === 'country' && clause.destination !== u.area) continue;
          if (
            clause.destinationScope === 'military_end_users' &&
            (clause.destination !== u.area || u.militaryShare <= 0)
          )
            continue;
          out.push({
            product: p.index,
            from: REGIME_ISSUER,
            to: u.area,
            measure: `${clause.measureId}/${clause.clause}`,
            effect: clause.effect,
            licensed,
            free,
            monthStart,
            effective,
            days,
            ...(clause.destinationScope === 'military_end_users' ? { militaryShare: u.militaryShare } : {}),
          });
        }
      }
    }
  }
  return out;
}

/** The share of a route's baseline flow a restriction lets through, given the run's parameters. */
export function allowedShare(r: RestrictionTemplate, params: RunParameters): number {
  if (r.fixedShare !== undefined) return r.fixedShare;
  // Free before the effective date, blocked until the licence delay has passed, then licensed at the approval rate.
  const open = r.licensed
    ? Math.min(1, Math.max(0, (r.monthStart + r.days - (r.effective + params.delayDays)) / r.days))
    : 0;
  const civil = Math.min(1, r.free + open * (r.licensed ? params.approvalRate : 0));
  return r.militaryShare === undefined ? civil : 1 - r.militaryShare * (1 - civil);
}

/** The shocks of one month of a scenario. */
export function shocksIn(
  index: NetworkIndex,
  regime: RegimeData,
  scenario: Scenario,
  month: string,
  params: RunParameters,
  templates: readonly RestrictionTemplate[] = restrictionTemplates(index, regime, scenario, month),
): MonthShocks {
  const restrictions: Restriction[] = [];
  for (const r of templates) {
    const allowed = allowedShare(r, params);
    if (allowed < 1)
      restrictions.push({
        product: r.product,
        from: r.from,
        to: r.to,
        allowedShare: allowed,
        measure: r.measure,
        effect: r.effect,
      });
  }
  const capacityFactor = new Map<string, number>();
  for (const o of scenario.outages) {
    if (!activeIn(month, o.startMonth, o.durationMonths)) continue;
    const p = index.byKey.get(o.product);
    if (!p) continue;
    const key = `${p.index}|${o.area}`;
    capacityFactor.set(key, (capacityFactor.get(key) ?? 1) * (1 - o.capacityCut));
  }
  const demandFactor = new Map<string, number>();
  for (const s of scenario.demandSurges) {
    if (!activeIn(month, s.startMonth, s.durationMonths)) continue;
    const p = index.byKey.get(s.product);
    if (!p) continue;
    for (const u of p.users)
      if (s.area === 'all' || s.area === u.area) {
        const key = `${p.index}|${u.area}`;
        demandFactor.set(key, (demandFactor.get(key) ?? 1) * (1 + s.increase));
      }
  }
  return { restrictions, capacityFactor, demandFactor };
}

/**
 * Products a scenario can touch over its horizon, for decomposition: every product with a restriction,
 * an outage or a demand surge in some month (with restrictions taken at their tightest).
 */
export function touchedProducts(
  index: NetworkIndex,
  regime: RegimeData,
  scenario: Scenario,
  /** Each month's restriction templates, where already built. */
  templates?: readonly (readonly RestrictionTemplate[])[],
): { products: Set<number>; issuers: Set<string> } {
  const touched = new Set<number>();
  const issuers = new Set<string>();
  const tightest: RunParameters = { approvalRate: 0, delayDays: 0, rampUp: 0 };
  for (let i = 0; i < scenario.horizonMonths; i++) {
    const month = shiftMonth(scenario.startMonth, i);
    const s = shocksIn(index, regime, scenario, month, tightest, templates?.[i]);
    for (const r of s.restrictions) {
      touched.add(r.product);
      issuers.add(r.from);
    }
    for (const k of s.capacityFactor.keys()) touched.add(Number(k.split('|')[0]));
    for (const k of s.demandFactor.keys()) touched.add(Number(k.split('|')[0]));
  }
  return { products: touched, issuers };
}
