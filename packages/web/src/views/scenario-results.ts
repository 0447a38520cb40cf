import type { SimulationReport } from '../api/core-models.ts';

export type GroupBy = 'iso3' | 'product' | 'endUse';

interface BandPoint {
  month: string;
  shortfall: number;
  p5: number | null;
  p95: number | null;
}

export interface ShortfallSeries {
  key: string;
  total: number;
  points: BandPoint[];
}

/**
 * Shortfall per month for each value of `by` (rows of one product only, unless grouping by product, so that
 * units are never added together); the band of a group is the sum of its rows' P5 and P95, which is at least
 * as wide as the band of the sum. Series are ordered by total shortfall, largest first.
 */
export function shortfallSeries(report: SimulationReport, by: GroupBy, product: string | null): ShortfallSeries[] {
  const months = [...new Set(report.shortfalls.map((r) => r.month))].sort();
  const groups = new Map<string, Map<string, BandPoint>>();
  for (const r of report.shortfalls) {
    if (by !== 'product' && product !== null && r.product !== product) continue;
    const key = by === 'endUse' ? r.endUse : r[by];
    if (key === undefined) continue;
    let series = groups.get(key);
    if (!series) {
      series = new Map(months.map((m) => [m, { month: m, shortfall: 0, p5: null, p95: null }]));
      groups.set(key, series);
    }
    const point = series.get(r.month);
    if (!point) continue;
    point.shortfall += r.shortfall;
    if (r.p5 !== undefined) point.p5 = (point.p5 ?? 0) + r.p5;
    if (r.p95 !== undefined) point.p95 = (point.p95 ?? 0) + r.p95;
  }
  return [...groups.entries()]
    .map(([key, series]) => {
      const points = [...series.values()];
      return { key, points, total: points.reduce((s, p) => s + p.shortfall, 0) };
    })
    .sort((a, b) => b.total - a.total || a.key.localeCompare(b.key));
}

/** The products of a report, those short the most first. */
export function productsByShortfall(report: SimulationReport): string[] {
  const totals = new Map<string, number>();
  for (const r of report.shortfalls) totals.set(r.product, (totals.get(r.product) ?? 0) + r.shortfall);
  return [...totals.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([p]) => p);
}
