/**
 * Gap profiles from simulation output: the allied final-demand shortfall by product and end use, month by
 * month, weighted by the scenario's end-use priority. Only final demand counts: a shortfall of metal at a
 * magnet maker shows up again as magnets missing at the end use, and counting both would count it twice.
 * See docs/methods/portfolio.md#gaps.
 */
import type { SimulationReport } from '../model/simulation-report.ts';
import { endUseWeight } from '../simulate/month-model.ts';
import type { DrawOutcome } from '../simulate/report.ts';
import type { FeedCoefficient, GapProfile } from './portfolio-input.ts';
import { monthOffset } from './portfolio-milp.ts';

/** One node's monthly shortfall, as the simulator reports it. */
export interface ShortfallSeries {
  readonly iso3: string;
  readonly product: string;
  /** Set for final demand, absent for a producer's inputs. */
  readonly endUse?: string;
  readonly shortfall: ArrayLike<number>;
}

/** The shortfall series of a report's rows (the central run's figures). */
export function seriesFromReport(report: SimulationReport): ShortfallSeries[] {
  const byKey = new Map<string, { iso3: string; product: string; endUse?: string; shortfall: number[] }>();
  for (const r of report.shortfalls) {
    const key = `${r.iso3}|${r.product}|${r.endUse ?? ''}`;
    let s = byKey.get(key);
    if (!s) {
      s = {
        iso3: r.iso3,
        product: r.product,
        ...(r.endUse ? { endUse: r.endUse } : {}),
        shortfall: new Array<number>(report.months).fill(0),
      };
      byKey.set(key, s);
    }
    const t = monthOffset(report.startMonth, r.month);
    if (t >= 0 && t < report.months) s.shortfall[t] = r.shortfall;
  }
  return [...byKey.values()];
}

/** The shortfall series of one Monte Carlo draw. */
export const seriesFromDraw = (draw: DrawOutcome): ShortfallSeries[] =>
  Object.entries(draw.shortfall).map(([key, shortfall]) => {
    const [iso3 = '', product = '', endUse = ''] = key.split('|');
    return { iso3, product, ...(endUse ? { endUse } : {}), shortfall };
  });

/** Sums allied final-demand shortfall by product and end use into a scenario's gap profile. */
export function gapProfile(
  series: Iterable<ShortfallSeries>,
  o: {
    readonly scenario: string;
    readonly probability: number;
    readonly months: number;
    readonly allied: ReadonlySet<string>;
    readonly endUsePriority: readonly string[];
    /**
     * To estimate idle allied conversion capacity: input per unit of output, and the products whose idle
     * capacity to report. A producer short of an input by s makes s / coefficient less of its output.
     */
    readonly idleOf?: { readonly coefficients: readonly FeedCoefficient[]; readonly products: readonly string[] };
  },
): GapProfile {
  const intermediate = new Map<string, Float64Array>();
  if (o.idleOf)
    for (const s of series) {
      if (s.endUse !== undefined || !o.allied.has(s.iso3)) continue;
      const key = `${s.iso3}|${s.product}`;
      const acc = intermediate.get(key) ?? new Float64Array(o.months);
      for (let t = 0; t < o.months; t++) acc[t] = (acc[t] ?? 0) + Math.max(0, s.shortfall[t] ?? 0);
      intermediate.set(key, acc);
    }
  const idle = (o.idleOf?.products ?? []).map((product) => {
    const inputs = (o.idleOf?.coefficients ?? []).filter((c) => c.output === product);
    const tonnes = new Array<number>(o.months).fill(0);
    for (const iso3 of o.allied)
      for (let t = 0; t < o.months; t++)
        tonnes[t] =
          (tonnes[t] ?? 0) +
          Math.max(0, ...inputs.map((c) => (intermediate.get(`${iso3}|${c.input}`)?.[t] ?? 0) / c.perUnit));
    return { product, tonnes };
  });
  const rows = new Map<string, { product: string; endUse: string; weight: number; tonnes: number[] }>();
  for (const s of series) {
    if (s.endUse === undefined || !o.allied.has(s.iso3)) continue;
    const key = `${s.product}|${s.endUse}`;
    let row = rows.get(key);
    if (!row) {
      row = {
        product: s.product,
        endUse: s.endUse,
        weight: endUseWeight(o.endUsePriority, s.endUse),
        tonnes: new Array<number>(o.months).fill(0),
      };
      rows.set(key, row);
    }
    for (let t = 0; t < o.months; t++) row.tonnes[t] = (row.tonnes[t] ?? 0) + Math.max(0, s.shortfall[t] ?? 0);
  }
  const gaps = [...rows.values()]
    .filter((r) => r.tonnes.some((v) => v > 1e-9))
    .sort((a, b) => a.product.localeCompare(b.product) || a.endUse.localeCompare(b.endUse));
  return { scenario: o.scenario, probability: o.probability, gaps, spare: [], idle };
}
