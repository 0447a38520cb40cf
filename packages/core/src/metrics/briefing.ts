import { type Commodity, type CommodityAlias, type CommodityKey, resolveCommodityName } from '../model/commodity.ts';
import type { ExportControlMeasure } from '../model/export-control.ts';
import type { ReportedShare } from '../model/reported-share.ts';
import type { Source } from '../model/source.ts';
import { type AtlasData, type AtlasEntry, atlasEntry } from './atlas.ts';
import { rankSeries } from './ranking.ts';

/** A single-country dependence outside the allied group: the largest producer there and its share. */
export interface Dependence {
  readonly entry: AtlasEntry;
  readonly iso3: string;
  readonly name: string;
  readonly share: number;
}

/** A commodity named by China's export controls, with its concentration and the measures on it. */
export interface ControlledChain {
  readonly commodity: CommodityKey;
  /** Its USGS series with the highest China share in the year, if it has one. */
  readonly entry: AtlasEntry | null;
  readonly measures: readonly Pick<
    ExportControlMeasure,
    'id' | 'status' | 'effectiveDate' | 'measureType' | 'targetScope'
  >[];
  /** China's share at midstream stages the USGS tables do not cover (separation, magnets), latest observed. */
  readonly reportedChinaShares: readonly ReportedShare[];
}

export interface Briefing {
  readonly year: number;
  /** Critical-mineral series by HHI, most concentrated first. */
  readonly mostConcentrated: readonly AtlasEntry[];
  /** Critical-mineral series by the share of their largest producer outside both China and the allied group. */
  readonly singleCountryDependence: readonly Dependence[];
  /** Commodities under China's export-control measures, by China share. */
  readonly controlled: readonly ControlledChain[];
  readonly controlsStatusAsOf: string | null;
  readonly estimatedYear: boolean;
  readonly sources: readonly Source[];
}

export type BriefingData = AtlasData & {
  readonly commodities: readonly Commodity[];
  readonly commodityAliases: readonly CommodityAlias[];
  readonly exportControls: readonly ExportControlMeasure[];
  readonly reportedShares: readonly ReportedShare[];
};

/** Measures still biting: in force, or only partly suspended. */
const isActive = (m: ExportControlMeasure): boolean => m.status === 'in_force' || m.status === 'partially_suspended';

function controlledChains(data: BriefingData, year: number): ControlledChain[] {
  const byCommodity = new Map<CommodityKey, ExportControlMeasure[]>();
  for (const m of data.exportControls) {
    if (m.measureType === 'suspension') continue;
    for (const label of m.commodities) {
      const key = resolveCommodityName(data, label);
      if (key === undefined) continue;
      byCommodity.set(key, [...(byCommodity.get(key) ?? []), m]);
    }
  }
  const chains: ControlledChain[] = [];
  for (const [commodity, measures] of byCommodity) {
    const entries = data.series
      .filter((s) => s.commodity === commodity)
      .flatMap((s) => {
        const r = atlasEntry(data, { commodity, stage: s.stage, year });
        return r.ok ? [r.value] : [];
      })
      .sort((a, b) => b.chinaShare - a.chinaShare);
    const reported = data.reportedShares.filter(
      (r) =>
        r.iso3 === 'CHN' && r.valueType === 'observed' && resolveCommodityName(data, r.commodityLabel) === commodity,
    );
    const latestPerStage = [...new Set(reported.map((r) => r.stage))].flatMap((stage) => {
      const forStage = reported.filter((r) => r.stage === stage).sort((a, b) => b.year - a.year);
      return forStage[0] ? [forStage[0]] : [];
    });
    chains.push({
      commodity,
      entry: entries[0] ?? null,
      measures: measures.map(({ id, status, effectiveDate, measureType, targetScope }) => ({
        id,
        status,
        effectiveDate,
        measureType,
        targetScope,
      })),
      reportedChinaShares: latestPerStage,
    });
  }
  const activeFirst = (c: ControlledChain): number =>
    c.measures.some((m) => data.exportControls.find((x) => x.id === m.id && isActive(x))) ? 1 : 0;
  return chains.sort(
    (a, b) =>
      activeFirst(b) - activeFirst(a) ||
      (b.entry?.chinaShare ?? 0) - (a.entry?.chinaShare ?? 0) ||
      a.commodity.localeCompare(b.commodity),
  );
}

/** The one-screen summary: what China's controls reach, where chains are most concentrated, where the alliance leans on one outsider. */
export function briefing(data: BriefingData, year: number, rows = 8): Briefing {
  const ranked = rankSeries(data, { year, by: 'hhi', criticalOnly: true });
  const allied = new Set(data.groups.find((g) => g.id === 'allied')?.members ?? []);
  const dependence = ranked
    .flatMap((entry) => {
      // China's weight is the first table's subject; this one shows the other single points of failure.
      const outsider = entry.countries.find((c) => !allied.has(c.iso3) && c.iso3 !== 'CHN');
      return outsider ? [{ entry, iso3: outsider.iso3, name: outsider.name, share: outsider.share }] : [];
    })
    .sort((a, b) => b.share - a.share || a.entry.commodity.localeCompare(b.entry.commodity));
  const controlled = controlledChains(data, year);
  const shown = [
    ...ranked.slice(0, rows),
    ...dependence.slice(0, rows).map((d) => d.entry),
    ...controlled.flatMap((c) => (c.entry ? [c.entry] : [])),
  ];
  const sourceIds = new Set([
    ...shown.flatMap((e) => e.sources.map((s) => s.id)),
    ...controlled.flatMap((c) => c.reportedChinaShares.map((r) => r.source)),
    ...(controlled.length > 0 ? data.exportControls.map((m) => m.source) : []),
  ]);
  return {
    year,
    mostConcentrated: ranked.slice(0, rows),
    singleCountryDependence: dependence.slice(0, rows),
    controlled,
    controlsStatusAsOf: data.exportControls[0]?.statusAsOf ?? null,
    estimatedYear: shown.some((e) => e.countries.some((c) => c.estimated)),
    sources: data.sources.filter((s) => sourceIds.has(s.id)),
  };
}
