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
  parseCommodityAliases,
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
import { CommodityKeySchema, type CommodityKey } from '../model/commodity.ts';
import { cellText } from './csv-table.ts';
import {
  assignCommodityKeys,
  parseEuEndUseShares,
  parseEuSupplyShares,
  parseExportControls,
  parseReportedShares,
  parseUsgsCriticalSalient,
  parseUsgsImportReliance,
  parseWgiComposite,
} from './reference-tables.ts';
import {
  parseBuyerImportReliance,
  parseBuyerImportSources,
  parseEuCrmParameters,
  parseEuMaterialMappings,
  parseTradePartners,
  parseEuCrmParameterCorrections,
  parseWgiEstimates,
  parseEuMaterialGroups,
} from './criticality-tables.ts';
import { SourceIdSchema } from '../model/source.ts';
import { checkRegime, parseControlItems, parseRegimeClauses, parseRegimeEvents } from './regime-tables.ts';
import { type NetworkTables, parseNetwork } from './network-tables.ts';
import { parseScenario, scenarioReferencesOf } from './scenario-file.ts';

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
    readonly commodityAliases: CsvTable;
  };
  readonly usgsWorld: { readonly table: CsvTable; readonly source: SourceId };
  readonly usgsSalient: { readonly tables: readonly CsvTable[]; readonly source: SourceId };
  readonly network: NetworkTables;
  /** Built-in scenarios: parsed JSON documents with their file names. */
  readonly scenarios: readonly { readonly file: string; readonly document: unknown }[];
  /** The reference tables, as decoded text with their file names. */
  readonly reference: {
    readonly commodityLabels: CsvTable;
    readonly importReliance: TextFile;
    readonly criticalMineralSalient: TextFile;
    readonly reportedShares: TextFile;
    readonly governance: TextFile;
    readonly euGlobalSupply: TextFile;
    readonly euSourcing: TextFile;
    readonly euEndUse: TextFile;
    readonly exportControls: TextFile;
    readonly euCrmParameters: CsvTable;
    readonly euMaterials: CsvTable;
    readonly euMaterialGroups: CsvTable;
    readonly usImportSources: CsvTable;
    readonly japanImportSources: CsvTable;
    readonly buyerImportReliance: CsvTable;
    readonly tradePartners: CsvTable;
    readonly euCrmParameterChecks: CsvTable;
    readonly wgiEstimates: CsvTable;
    readonly regimeClauses: CsvTable;
    readonly regimeEvents: CsvTable;
    readonly controlItems: CsvTable;
  };
}

export interface TextFile {
  readonly file: string;
  readonly text: string;
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
  const commodityAliases = collect(
    parseCommodityAliases(catalog.commodityAliases, new Set<string>(commodities.map((c) => c.key))),
    issues,
    [],
  );
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
  const reference = readReferenceTables(input.reference, gazetteer, issues);
  const network = collect(parseNetwork(input.network), issues, {
    network: { products: [], coefficients: [], capacityOutput: [], demand: [], inventories: [] },
    sources: [],
  });
  const regime = readRegime(
    input.reference,
    reference.exportControls,
    new Set<string>(commodities.map((c) => c.key)),
    issues,
  );
  const allSources = [...sources, ...network.sources];
  const scenarioRefs = scenarioReferencesOf({
    exportControls: reference.exportControls,
    commodities,
    network: network.network,
    controlItems: regime.controlItems,
    countries,
    sources: allSources,
  });
  const scenarios = input.scenarios.flatMap((s) => {
    const parsed = parseScenario(s.document, s.file, scenarioRefs);
    if (parsed.ok) return [parsed.value];
    issues.push(...parsed.error);
    return [];
  });
  if (issues.length > 0) return err(issues);

  return ok({
    version: input.version,
    sources: allSources.sort((a, b) => a.id.localeCompare(b.id)),
    countries,
    groups,
    commodities,
    commodityAliases,
    series: seriesFromRules(rules, observations),
    observations,
    usSalient,
    ...reference,
    ...regime,
    knownDiscrepancies,
    network: network.network,
    scenarios,
  });
}

/** Reads the reference tables beside the USGS world data, collecting their issues. */
function readReferenceTables(ref: BundleInput['reference'], gazetteer: Gazetteer, issues: ImportIssue[]) {
  const labels = new Map<string, CommodityKey>();
  for (const row of ref.commodityLabels.rows) {
    const key = CommodityKeySchema.safeParse(cellText(row, 'commodity'));
    if (key.success) labels.set(cellText(row, 'label'), key.data);
    else
      issues.push({
        code: 'unknown-commodity',
        file: ref.commodityLabels.file,
        row: row.row,
        column: 'commodity',
        message: key.error.issues[0]?.message ?? 'not a commodity key',
      });
  }
  const withKeys = <T extends { readonly commodityLabel: string; readonly commodity: CommodityKey | null }>(
    records: T[],
    file: string,
  ): T[] => {
    const { records: keyed, unmapped } = assignCommodityKeys(records, labels);
    for (const label of unmapped)
      issues.push({
        code: 'unknown-commodity',
        file,
        message: `no commodity key for "${label}" in ${ref.commodityLabels.file}`,
      });
    return keyed;
  };
  const at = (f: TextFile) => ({ file: f.file, gazetteer });
  return {
    importReliance: withKeys(
      collect(parseUsgsImportReliance(ref.importReliance.text, at(ref.importReliance)), issues, []),
      ref.importReliance.file,
    ),
    criticalMineralSalient: withKeys(
      collect(parseUsgsCriticalSalient(ref.criticalMineralSalient.text, at(ref.criticalMineralSalient)), issues, []),
      ref.criticalMineralSalient.file,
    ),
    reportedShares: collect(parseReportedShares(ref.reportedShares.text, at(ref.reportedShares)), issues, []),
    governance: collect(parseWgiComposite(ref.governance.text, at(ref.governance)), issues, []),
    euSupplyShares: [
      ...collect(
        parseEuSupplyShares(ref.euGlobalSupply.text, { ...at(ref.euGlobalSupply), scope: 'global' }),
        issues,
        [],
      ),
      ...collect(parseEuSupplyShares(ref.euSourcing.text, { ...at(ref.euSourcing), scope: 'eu_sourcing' }), issues, []),
    ],
    euEndUseShares: collect(parseEuEndUseShares(ref.euEndUse.text, { file: ref.euEndUse.file }), issues, []),
    exportControls: collect(parseExportControls(ref.exportControls.text, at(ref.exportControls)), issues, []),
    euCrmParameters: collect(
      parseEuCrmParameters(ref.euCrmParameters, SourceIdSchema.parse('eu-crm2023-parameters')),
      issues,
      [],
    ),
    euMaterials: collect(parseEuMaterialMappings(ref.euMaterials), issues, []),
    euMaterialGroups: collect(parseEuMaterialGroups(ref.euMaterialGroups), issues, []),
    buyerImportSources: [
      ...collect(
        parseBuyerImportSources(ref.usImportSources, {
          buyer: 'USA',
          gazetteer,
          source: SourceIdSchema.parse('usgs-mcs2025-import-sources'),
        }),
        issues,
        [],
      ),
      ...collect(
        parseBuyerImportSources(ref.japanImportSources, {
          buyer: 'JPN',
          gazetteer,
          source: SourceIdSchema.parse('japan-import-sources-compiled'),
        }),
        issues,
        [],
      ),
    ],
    buyerImportReliance: collect(
      parseBuyerImportReliance(ref.buyerImportReliance, SourceIdSchema.parse('buyer-import-reliance')),
      issues,
      [],
    ),
    tradePartners: collect(parseTradePartners(ref.tradePartners), issues, []),
    euCrmParameterCorrections: collect(
      parseEuCrmParameterCorrections(ref.euCrmParameterChecks, SourceIdSchema.parse('eu-crm2023-parameter-checks')),
      issues,
      [],
    ),
    wgiEstimates: collect(
      parseWgiEstimates(ref.wgiEstimates, SourceIdSchema.parse('wgi-2024-six-estimates')),
      issues,
      [],
    ),
  };
}

/** The regime clauses and events, cross-checked against the measures and the known items. */
function readRegime(
  ref: BundleInput['reference'],
  measures: Dataset['exportControls'],
  commodityKeys: ReadonlySet<string>,
  issues: ImportIssue[],
): Pick<Dataset, 'regimeClauses' | 'regimeEvents' | 'controlItems'> {
  const source = SourceIdSchema.parse('regime-clauses-2026');
  const controlItems = collect(parseControlItems(ref.controlItems), issues, []);
  const regimeClauses = collect(parseRegimeClauses(ref.regimeClauses, source), issues, []);
  const regimeEvents = collect(parseRegimeEvents(ref.regimeEvents, source), issues, []);
  const known = new Set([...commodityKeys, ...controlItems.map((c) => c.item)]);
  issues.push(
    ...checkRegime(
      { controls: ref.exportControls.file, clauses: ref.regimeClauses.file, events: ref.regimeEvents.file },
      measures,
      regimeClauses,
      regimeEvents,
      known,
    ),
  );
  return { regimeClauses, regimeEvents, controlItems };
}
