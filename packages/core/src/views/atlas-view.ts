// The atlas as the CLI prints it with --json and the API returns it: one shape, built once.
import type { AtlasEntry } from '../metrics/atlas.ts';
import type { CommodityKey } from '../model/commodity.ts';
import type { Dataset } from '../model/dataset.ts';
import type { Stage } from '../model/stage.ts';

/** One atlas answer, shares as fractions 0–1. */
export const atlasView = (entry: AtlasEntry) => ({
  commodity: entry.commodity,
  stage: entry.stage,
  metric: entry.metric,
  year: entry.year,
  unit: entry.unit,
  basis: entry.basis,
  total: entry.total,
  listedTotal: entry.listedTotal,
  worldReported: entry.worldReported,
  residual: entry.residual,
  hhi: entry.hhi,
  top1: entry.top1,
  top3Share: entry.top3Share,
  chinaShare: entry.chinaShare,
  alliedShare: entry.alliedShare,
  outsideAlliedShare: entry.outsideAlliedShare,
  groupShares: entry.groupShares,
  countries: entry.countries.map((c) => ({
    iso3: c.iso3,
    name: c.name,
    nameJa: c.nameJa,
    value: c.value,
    share: c.share,
    estimated: c.estimated,
    qualifier: c.qualifier,
    reserves: c.reserves,
    reservesToProductionYears: c.reservesToProductionYears,
  })),
  aggregates: entry.aggregates,
  withheld: entry.withheld,
  reserves: entry.reserves,
  reservesToProductionYears: entry.reservesToProductionYears,
  sources: entry.sources,
});

/** One row of the ranking of every series. */
export const rankingView = (entries: readonly AtlasEntry[]) =>
  entries.map((e) => ({
    commodity: e.commodity,
    stage: e.stage,
    year: e.year,
    unit: e.unit,
    total: e.total,
    hhi: e.hhi,
    top1: e.top1,
    top3Share: e.top3Share,
    chinaShare: e.chinaShare,
    alliedShare: e.alliedShare,
    outsideAlliedShare: e.outsideAlliedShare,
    sources: e.sources.map((s) => s.id),
  }));

/** The stage shown when none is given: mining where the commodity is mined, else its first stage. */
export function defaultStage(dataset: Pick<Dataset, 'series'>, commodity: CommodityKey): Stage | undefined {
  const stages = dataset.series.filter((s) => s.commodity === commodity).map((s) => s.stage);
  return stages.includes('mining') ? 'mining' : stages[0];
}

/** The latest year with data, for one commodity or for all; `undefined` when there is none. */
export function latestYear(dataset: Pick<Dataset, 'observations'>, commodity?: CommodityKey): number | undefined {
  let latest: number | undefined;
  for (const o of dataset.observations) {
    if (
      (commodity === undefined || o.commodity === commodity) &&
      o.metric !== 'reserves' &&
      o.value !== null &&
      (latest === undefined || o.year > latest)
    )
      latest = o.year;
  }
  return latest;
}

/** Every commodity with its stages and the years each has figures for (production or capacity). */
export function commodityCatalogue(dataset: Pick<Dataset, 'commodities' | 'series' | 'observations'>) {
  const years = new Map<string, Set<number>>();
  for (const o of dataset.observations)
    if (o.metric !== 'reserves' && o.value !== null) {
      const k = `${o.commodity}|${o.stage}`;
      let set = years.get(k);
      if (!set) years.set(k, (set = new Set()));
      set.add(o.year);
    }
  return dataset.commodities.map((c) => ({
    key: c.key,
    nameEn: c.nameEn,
    nameJa: c.nameJa,
    stages: [...new Set(dataset.series.filter((s) => s.commodity === c.key).map((s) => s.stage))].map((stage) => ({
      stage,
      years: [...(years.get(`${c.key}|${stage}`) ?? [])].sort((a, b) => a - b),
    })),
  }));
}
