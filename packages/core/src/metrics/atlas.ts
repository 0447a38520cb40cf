import type { CommodityKey, Series } from '../model/commodity.ts';
import type { Country, CountryGroup, CountryGroupId, CountryIso3 } from '../model/country.ts';
import type { Observation } from '../model/observation.ts';
import type { Source, SourceId } from '../model/source.ts';
import type { Metric, Stage } from '../model/stage.ts';
import { UNITS, type Unit } from '../model/unit.ts';
import { err, ok, type Result } from '../result.ts';
import { herfindahlIndex, topShare } from './supply-concentration.ts';

/** The parts of a dataset the atlas reads. */
export interface AtlasData {
  readonly observations: readonly Observation[];
  readonly countries: readonly Country[];
  readonly groups: readonly CountryGroup[];
  readonly series: readonly Series[];
  readonly sources: readonly Source[];
}

export interface AtlasQuery {
  readonly commodity: CommodityKey;
  readonly stage: Stage;
  readonly year: number;
  readonly metric?: Extract<Metric, 'production' | 'capacity'>;
}

export interface AtlasCountryRow {
  readonly iso3: CountryIso3;
  readonly name: string;
  readonly nameJa: string;
  readonly value: number;
  /** Of the series total (see AtlasEntry.total). */
  readonly share: number;
  readonly estimated: boolean;
  readonly qualifier: '>' | '<' | null;
  readonly reserves: number | null;
  readonly reservesToProductionYears: number | null;
}

export interface AtlasAggregateRow {
  readonly label: string;
  readonly kind: 'other' | 'region' | 'unlisted';
  readonly value: number;
  readonly share: number;
}

export interface AtlasEntry {
  readonly commodity: CommodityKey;
  readonly stage: Stage;
  readonly metric: 'production' | 'capacity';
  readonly year: number;
  readonly unit: Unit;
  readonly basis: string;
  /** The denominator of every share: the listed rows, or the reported world total where that is larger. */
  readonly total: number;
  /** Countries plus aggregate rows ("Other countries", multi-country rows) as listed. */
  readonly listedTotal: number;
  readonly worldReported: number | null;
  /** worldReported − listedTotal: positive when rows are withheld or missing, small either way from rounding. */
  readonly residual: number | null;
  /** Over countries only, so a lower bound when aggregates or unlisted supply exist. */
  readonly hhi: number;
  readonly top1: {
    readonly iso3: CountryIso3;
    readonly name: string;
    readonly value: number;
    readonly share: number;
  } | null;
  readonly top3Share: number;
  readonly chinaShare: number;
  /** Share from the United States, Japan and like-minded countries. */
  readonly alliedShare: number;
  /** Share from outside the allied group, including aggregates and unlisted supply whose origin is unknown. */
  readonly outsideAlliedShare: number;
  readonly groupShares: Readonly<Partial<Record<CountryGroupId, number>>>;
  readonly countries: readonly AtlasCountryRow[];
  readonly aggregates: readonly AtlasAggregateRow[];
  /** Countries whose figure the source withholds or folds into another row. */
  readonly withheld: readonly string[];
  readonly reserves: {
    readonly world: number | null;
    readonly qualifier: '>' | '<' | null;
    readonly year: number | null;
  };
  readonly reservesToProductionYears: number | null;
  readonly sources: readonly Source[];
}

export type AtlasError =
  | {
      readonly code: 'unknown-series';
      readonly commodity: CommodityKey;
      readonly stage: Stage;
      readonly available: readonly Stage[];
    }
  | {
      readonly code: 'no-data';
      readonly commodity: CommodityKey;
      readonly stage: Stage;
      readonly year: number;
      readonly availableYears: readonly number[];
    };

const sumValues = (rows: readonly Observation[]): number => rows.reduce((s, o) => s + (o.value ?? 0), 0);

function groupMembership(groups: readonly CountryGroup[]): Map<CountryGroupId, ReadonlySet<CountryIso3>> {
  return new Map(groups.map((g) => [g.id, new Set(g.members)] as const));
}

/** The figures of one commodity at one stage in one year: totals, shares and concentration. */
export function atlasEntry(data: AtlasData, query: AtlasQuery): Result<AtlasEntry, AtlasError> {
  const metric = query.metric ?? 'production';
  const series = data.series.find((s) => s.commodity === query.commodity && s.stage === query.stage);
  if (!series) {
    const available = data.series.filter((s) => s.commodity === query.commodity).map((s) => s.stage);
    return err({ code: 'unknown-series', commodity: query.commodity, stage: query.stage, available });
  }
  const ofSeries = data.observations.filter((o) => o.commodity === query.commodity && o.stage === query.stage);
  const rows = ofSeries.filter((o) => o.metric === metric && o.year === query.year);
  const reported = rows.filter((o) => o.status === 'reported' && o.value !== null);
  if (reported.length === 0) {
    const availableYears = [
      ...new Set(ofSeries.filter((o) => o.metric === metric && o.value !== null).map((o) => o.year)),
    ].sort();
    return err({ code: 'no-data', commodity: query.commodity, stage: query.stage, year: query.year, availableYears });
  }

  const countryRows = reported.filter((o) => o.area.kind === 'country');
  const aggregateRows = reported.filter((o) => o.area.kind === 'other' || o.area.kind === 'region');
  const worldRow = reported.find((o) => o.area.kind === 'world');
  const listedTotal = sumValues(countryRows) + sumValues(aggregateRows);
  const worldReported = worldRow?.value ?? null;
  const total = Math.max(listedTotal, worldReported ?? 0);
  const share = (v: number): number => (total > 0 ? v / total : 0);

  const reservesRows = ofSeries.filter((o) => o.metric === 'reserves');
  const reservesYear = reservesRows.reduce<number | null>(
    (y, o) => (o.year <= query.year && (y === null || o.year > y) ? o.year : y),
    null,
  );
  // Reserves may be published in another unit than output (iron ore: Mt vs kt); compare like with like.
  const inSeriesUnit = (o: Observation | undefined): number | null =>
    o?.value == null ? null : (o.value * UNITS[o.unit].factorToBase) / UNITS[series.unit].factorToBase;
  const reservesOf = (iso3: CountryIso3): number | null =>
    inSeriesUnit(
      reservesRows.find((o) => o.year === reservesYear && o.area.kind === 'country' && o.area.iso3 === iso3),
    );
  const worldReservesRow = reservesRows.find((o) => o.year === reservesYear && o.area.kind === 'world');
  const worldReserves = inSeriesUnit(worldReservesRow);

  const names = new Map(data.countries.map((c) => [c.iso3, c] as const));
  // A country can have several rows (US helium from gas fields and from storage): they add up.
  const byCountry = new Map<CountryIso3, Observation[]>();
  for (const o of countryRows)
    if (o.area.kind === 'country') byCountry.set(o.area.iso3, [...(byCountry.get(o.area.iso3) ?? []), o]);
  const countries: AtlasCountryRow[] = [...byCountry]
    .map(([iso3, parts]) => {
      const value = sumValues(parts);
      const reserves = reservesOf(iso3);
      return {
        iso3,
        name: names.get(iso3)?.nameEn ?? iso3,
        nameJa: names.get(iso3)?.nameJa ?? iso3,
        value,
        share: share(value),
        estimated: parts.some((o) => o.estimated),
        qualifier: parts.find((o) => o.qualifier !== null)?.qualifier ?? null,
        reserves,
        reservesToProductionYears: reserves !== null && value > 0 ? reserves / value : null,
      };
    })
    .sort((a, b) => b.value - a.value || a.iso3.localeCompare(b.iso3));

  const aggregates: AtlasAggregateRow[] = aggregateRows.map((o) => ({
    label: o.label,
    kind: o.area.kind === 'region' ? 'region' : 'other',
    value: o.value ?? 0,
    share: share(o.value ?? 0),
  }));
  if (total > listedTotal) {
    aggregates.push({
      label: 'Unlisted (world total less listed rows)',
      kind: 'unlisted',
      value: total - listedTotal,
      share: share(total - listedTotal),
    });
  }

  const membership = groupMembership(data.groups);
  const groupShare = (id: CountryGroupId): number => {
    const members = membership.get(id);
    if (!members) return 0;
    const fromCountries = countries.filter((c) => members.has(c.iso3)).reduce((s, c) => s + c.share, 0);
    // A multi-country row counts towards a group only when every member belongs to it.
    const fromRegions = aggregateRows
      .filter((o) => o.area.kind === 'region' && o.area.members.every((m) => members.has(m)))
      .reduce((s, o) => s + share(o.value ?? 0), 0);
    return fromCountries + fromRegions;
  };
  const groupShares = Object.fromEntries(data.groups.map((g) => [g.id, groupShare(g.id)]));
  const alliedShare = groupShare('allied');
  const countryShares = countries.map((c) => c.share);
  const first = countries[0];
  const sourceIds = new Set<SourceId>([...rows, ...reservesRows].map((o) => o.source));
  const worldProduction = total;

  return ok({
    commodity: query.commodity,
    stage: query.stage,
    metric,
    year: query.year,
    unit: series.unit,
    basis: series.basis,
    total,
    listedTotal,
    worldReported,
    residual: worldReported === null ? null : worldReported - listedTotal,
    hhi: herfindahlIndex(countryShares),
    top1: first ? { iso3: first.iso3, name: first.name, value: first.value, share: first.share } : null,
    top3Share: topShare(countryShares, 3),
    chinaShare: countries.find((c) => c.iso3 === 'CHN')?.share ?? 0,
    alliedShare,
    outsideAlliedShare: 1 - alliedShare,
    groupShares,
    countries,
    aggregates,
    withheld: rows.filter((o) => o.status === 'withheld' || o.status === 'included_elsewhere').map((o) => o.label),
    reserves: { world: worldReserves, qualifier: worldReservesRow?.qualifier ?? null, year: reservesYear },
    reservesToProductionYears: worldReserves !== null && worldProduction > 0 ? worldReserves / worldProduction : null,
    sources: data.sources.filter((s) => sourceIds.has(s.id)),
  });
}
