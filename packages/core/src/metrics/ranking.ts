import type { Commodity } from '../model/commodity.ts';
import type { Observation } from '../model/observation.ts';
import type { Stage } from '../model/stage.ts';
import { type AtlasData, type AtlasEntry, atlasEntry } from './atlas.ts';

export type RankBy = 'hhi' | 'chinaShare' | 'outsideAlliedShare' | 'top1Share';

export interface RankQuery {
  readonly year: number;
  readonly by: RankBy;
  readonly stage?: Stage;
  readonly metric?: 'production' | 'capacity';
  /** Keep only materials on the USGS 2022 critical-minerals list. */
  readonly criticalOnly?: boolean;
}

const rankValue = (e: AtlasEntry, by: RankBy): number => (by === 'top1Share' ? (e.top1?.share ?? 0) : e[by]);

/** Every series with data in the year, most concentrated first (ties broken by key for a stable order). */
export function rankSeries(
  data: AtlasData & { readonly commodities: readonly Commodity[] },
  query: RankQuery,
): AtlasEntry[] {
  const critical = new Set(data.commodities.filter((c) => c.isUsCritical).map((c) => c.key));
  // One pass to group the observations by series, instead of one scan per series.
  const bySeries = new Map<string, Observation[]>();
  for (const o of data.observations) {
    const key = `${o.commodity}|${o.stage}`;
    const list = bySeries.get(key);
    if (list) list.push(o);
    else bySeries.set(key, [o]);
  }
  const entries: AtlasEntry[] = [];
  for (const s of data.series) {
    if (query.stage !== undefined && s.stage !== query.stage) continue;
    if (query.criticalOnly && !critical.has(s.commodity)) continue;
    const observations = bySeries.get(`${s.commodity}|${s.stage}`) ?? [];
    const entry = atlasEntry(
      { ...data, observations },
      {
        commodity: s.commodity,
        stage: s.stage,
        year: query.year,
        metric: query.metric ?? 'production',
      },
    );
    if (entry.ok && entry.value.countries.length > 0) entries.push(entry.value);
  }
  return entries.sort(
    (a, b) =>
      rankValue(b, query.by) - rankValue(a, query.by) ||
      a.commodity.localeCompare(b.commodity) ||
      a.stage.localeCompare(b.stage),
  );
}
