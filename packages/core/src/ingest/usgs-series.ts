import type { Series } from '../model/commodity.ts';
import type { Metric } from '../model/stage.ts';
import type { Observation } from '../model/observation.ts';
import type { UsgsSeriesRule } from './usgs-mcs-context.ts';

/** One series per commodity and stage named by the rules, with the metrics the observations hold. */
export function seriesFromRules(rules: readonly UsgsSeriesRule[], observations: readonly Observation[]): Series[] {
  const metrics = new Map<string, Set<Metric>>();
  for (const o of observations) {
    const key = `${o.commodity}|${o.stage}`;
    const set = metrics.get(key) ?? new Set<Metric>();
    if (o.value !== null) set.add(o.metric);
    metrics.set(key, set);
  }
  const out = new Map<string, Series>();
  for (const r of rules) {
    if (r.commodity === null || r.rowLabel !== null) continue;
    const key = `${r.commodity}|${r.stage}`;
    if (out.has(key)) continue;
    const found = [...(metrics.get(key) ?? [])].sort();
    out.set(key, {
      commodity: r.commodity,
      stage: r.stage,
      metrics: found.length > 0 ? found : [r.valuesAre],
      unit: r.unit,
      reservesUnit: r.reservesUnit,
      basis: r.basis,
    });
  }
  return [...out.values()];
}
