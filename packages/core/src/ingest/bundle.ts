import type { Dataset } from '../model/dataset.ts';
import type { Observation } from '../model/observation.ts';
import type { SourceId } from '../model/source.ts';
import type { UsSalientStatistic } from '../model/us-salient.ts';
import { err, ok, type Result } from '../result.ts';
import {
  parseCommodityCatalog,
  parseCountryAliases,
  parseCountryCatalog,
  parseCountryGroups,
  parseKnownDiscrepancies,
  parseSourceCatalog,
  parseUsgsSeriesCatalog,
} from './catalog.ts';
import { buildGazetteer, type Gazetteer } from './country-names.ts';
import type { CsvTable } from './csv-table.ts';
import type { ImportIssue } from './import-issue.ts';
import type { UsgsSeriesRule } from './usgs-mcs-context.ts';
import { parseUsgsMcs2025 } from './usgs-mcs2025.ts';
import { parseUsgsSalient } from './usgs-salient.ts';
import { seriesFromRules } from './usgs-series.ts';

/** The tables the bundled dataset is built from, already read as CSV. */
export interface BundleInput {
  readonly version: string;
  readonly catalog: {
    readonly commodities: CsvTable;
    readonly usgsSeries: CsvTable;
    readonly countries: CsvTable;
    readonly countryAliases: CsvTable;
    readonly countryGroups: CsvTable;
    readonly sources: readonly CsvTable[];
    readonly knownDiscrepancies: CsvTable;
  };
  readonly usgsWorld: { readonly table: CsvTable; readonly source: SourceId };
  readonly usgsSalient: { readonly tables: readonly CsvTable[]; readonly source: SourceId };
}

/** Names of the country groups in English and Japanese. */
export const GROUP_NAMES: Readonly<Record<string, { en: string; ja: string }>> = {
  US: { en: 'United States', ja: '米国' },
  JP: { en: 'Japan', ja: '日本' },
  like_minded: { en: 'Like-minded countries', ja: '同志国' },
  allied: { en: 'United States, Japan and like-minded countries', ja: '日米および同志国' },
  china: { en: 'China', ja: '中国' },
  msp: { en: 'Minerals Security Partnership', ja: '鉱物安全保障パートナーシップ' },
  g7: { en: 'G7', ja: 'G7' },
  eu: { en: 'European Union (27)', ja: '欧州連合（27か国）' },
  quad: { en: 'Quad', ja: 'クアッド' },
};

/** What the catalog gives every importer: the gazetteer and the series rules. */
export interface CatalogContext {
  readonly gazetteer: Gazetteer;
  readonly rules: readonly UsgsSeriesRule[];
}

const collect = <T>(result: Result<T, ImportIssue[]>, issues: ImportIssue[], fallback: T): T => {
  if (result.ok) return result.value;
  issues.push(...result.error);
  return fallback;
};

/** Builds the dataset from its input tables; any issue anywhere means no dataset. */
export function buildDataset(input: BundleInput): Result<Dataset, ImportIssue[]> {
  const issues: ImportIssue[] = [];
  const { catalog } = input;
  const commodities = collect(parseCommodityCatalog(catalog.commodities), issues, []);
  const countries = collect(parseCountryCatalog(catalog.countries), issues, []);
  const known = new Set<string>(countries.map((c) => c.iso3));
  const aliases = collect(parseCountryAliases(catalog.countryAliases, known), issues, []);
  const groups = collect(
    parseCountryGroups(catalog.countryGroups, (id) => GROUP_NAMES[id] ?? { en: id, ja: id }),
    issues,
    [],
  );
  const sources = catalog.sources.flatMap((t) => collect(parseSourceCatalog(t), issues, []));
  const rules = collect(parseUsgsSeriesCatalog(catalog.usgsSeries), issues, []);
  const knownDiscrepancies = collect(parseKnownDiscrepancies(catalog.knownDiscrepancies), issues, []);
  if (issues.length > 0) return err(issues);

  const gazetteer = buildGazetteer(countries, aliases);
  const observations: Observation[] = collect(
    parseUsgsMcs2025(input.usgsWorld.table, {
      file: input.usgsWorld.table.file,
      source: input.usgsWorld.source,
      gazetteer,
      series: rules,
    }),
    issues,
    [],
  );
  const usSalient: UsSalientStatistic[] = input.usgsSalient.tables.flatMap((t) =>
    collect(parseUsgsSalient(t, input.usgsSalient.source), issues, []),
  );
  if (issues.length > 0) return err(issues);

  return ok({
    version: input.version,
    sources: [...sources].sort((a, b) => a.id.localeCompare(b.id)),
    countries,
    groups,
    commodities,
    series: seriesFromRules(rules, observations),
    observations,
    usSalient,
    knownDiscrepancies,
  });
}
