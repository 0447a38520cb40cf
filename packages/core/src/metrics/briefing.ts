import type { Commodity } from '../model/commodity.ts';
import type { Source } from '../model/source.ts';
import type { AtlasData, AtlasEntry } from './atlas.ts';
import { rankSeries } from './ranking.ts';

/** A single-country dependence outside the allied group: the largest producer there and its share. */
export interface Dependence {
  readonly entry: AtlasEntry;
  readonly iso3: string;
  readonly name: string;
  readonly share: number;
}

export interface Briefing {
  readonly year: number;
  /** Critical-mineral series by HHI, most concentrated first. */
  readonly mostConcentrated: readonly AtlasEntry[];
  /** Critical-mineral series by the share of their largest producer outside the allied group. */
  readonly singleCountryDependence: readonly Dependence[];
  readonly estimatedYear: boolean;
  readonly sources: readonly Source[];
}

/** The one-screen summary: where chains are most concentrated and where the alliance leans on one outsider. */
export function briefing(
  data: AtlasData & { readonly commodities: readonly Commodity[] },
  year: number,
  rows = 10,
): Briefing {
  const ranked = rankSeries(data, { year, by: 'hhi', criticalOnly: true });
  const allied = new Set(data.groups.find((g) => g.id === 'allied')?.members ?? []);
  const dependence = ranked
    .flatMap((entry) => {
      const outsider = entry.countries.find((c) => !allied.has(c.iso3));
      return outsider ? [{ entry, iso3: outsider.iso3, name: outsider.name, share: outsider.share }] : [];
    })
    .sort((a, b) => b.share - a.share || a.entry.commodity.localeCompare(b.entry.commodity));
  const shown = [...ranked.slice(0, rows), ...dependence.slice(0, rows).map((d) => d.entry)];
  const sourceIds = new Set(shown.flatMap((e) => e.sources.map((s) => s.id)));
  return {
    year,
    mostConcentrated: ranked.slice(0, rows),
    singleCountryDependence: dependence.slice(0, rows),
    estimatedYear: shown.some((e) => e.countries.some((c) => c.estimated)),
    sources: data.sources.filter((s) => sourceIds.has(s.id)),
  };
}
