import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  type BundleInput,
  type CsvTable,
  decodeReleaseText,
  formatImportIssue,
  parseCsvTable,
  type SourceId,
  type TextFile,
} from '@lodestone/core';

/** The repository's data folder, found from this file so the CLI works from any working directory. */
export const DATA_DIR = new URL('../../../../data/', import.meta.url).pathname;

/** Where the built dataset lives in the repository. */
export const BUNDLED_DATASET = join(DATA_DIR, 'derived', 'dataset.json');

/** The version of the bundled data; bump it when the inputs change meaning, not only content. */
const DATASET_VERSION = '2026.11.0';

/** Reads a CSV file as a table, naming it relative to the data folder in every error. */
export function readCsvTable(path: string, root = DATA_DIR): CsvTable {
  const name = relative(root, path) || path;
  const table = parseCsvTable(readFileSync(path, 'utf8'), name);
  if (!table.ok) throw new Error(table.error.map(formatImportIssue).join('\n'));
  return table.value;
}

/** Reads a source file as text, decoding UTF-8 or (the EU tables) Windows-1252, named relative to the data folder. */
function readText(root: string, ...parts: string[]): TextFile {
  const path = join(root, ...parts);
  return { file: relative(root, path), text: decodeReleaseText(readFileSync(path)) };
}

/** The network tables: `<kind>.csv` and `<family>-<kind>.csv` in data/network (an absent folder is an empty network). */
function readNetworkTables(root: string): BundleInput['network'] {
  const dir = join(root, 'network');
  const files = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.csv'))
        .sort()
    : [];
  const of = (kind: string): CsvTable[] =>
    files.filter((f) => f === `${kind}.csv` || f.endsWith(`-${kind}.csv`)).map((f) => readCsvTable(join(dir, f), root));
  return {
    products: of('products'),
    coefficients: of('coefficients'),
    capacityOutput: [...of('capacity_output'), ...of('capacity-output')],
    demand: of('demand'),
    inventories: of('inventories'),
  };
}

/** The built-in scenarios in data/scenarios, as parsed JSON; a syntax error names the file. */
function readScenarioFiles(root: string): BundleInput['scenarios'] {
  const dir = join(root, 'scenarios');
  const files = existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith('.json'))
        .sort()
    : [];
  return files.map((f) => {
    const path = join(dir, f);
    try {
      return { file: relative(root, path), document: JSON.parse(readFileSync(path, 'utf8')) as unknown };
    } catch (e) {
      throw new Error(`${relative(root, path)}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
    }
  });
}

/** Gathers every input table of the bundled dataset from the data folder. */
export function readBundleInput(root = DATA_DIR): BundleInput {
  const at = (...parts: string[]): CsvTable => readCsvTable(join(root, ...parts), root);
  const catalogDir = join(root, 'catalog');
  const salientDir = join(root, 'sources', 'usgs_mcs2025', 'raw', 'salient');
  return {
    version: DATASET_VERSION,
    catalog: {
      commodities: at('catalog', 'commodities.csv'),
      usgsSeries: at('catalog', 'usgs-series.csv'),
      countries: at('catalog', 'countries.csv'),
      countryAliases: at('catalog', 'country-aliases.csv'),
      countryGroups: at('catalog', 'country-groups.csv'),
      sources: readdirSync(catalogDir)
        .filter((f) => /^sources.*\.csv$/.test(f))
        .sort()
        .map((f) => at('catalog', f)),
      knownDiscrepancies: at('catalog', 'known-discrepancies.csv'),
      commodityAliases: at('catalog', 'commodity-aliases.csv'),
    },
    usgsWorld: {
      table: at('sources', 'usgs_mcs2025', 'raw', 'MCS2025_World_Data.csv'),
      source: 'usgs-mcs2025-world' as SourceId,
    },
    usgsSalient: {
      tables: readdirSync(salientDir)
        .filter((f) => f.endsWith('.csv'))
        .sort()
        .map((f) => at('sources', 'usgs_mcs2025', 'raw', 'salient', f)),
      source: 'usgs-mcs2025-salient' as SourceId,
    },
    network: readNetworkTables(root),
    scenarios: readScenarioFiles(root),
    reference: {
      commodityLabels: at('catalog', 'usgs-commodity-labels.csv'),
      importReliance: readText(root, 'sources', 'usgs_mcs2025', 'raw', 'MCS2025_Fig2_Net_Import_Reliance.csv'),
      criticalMineralSalient: readText(
        root,
        'sources',
        'usgs_mcs2025',
        'raw',
        'MCS2025_T5_Critical_Minerals_Salient.csv',
      ),
      reportedShares: readText(root, 'sources', 'processing', 'processing_shares_reported.csv'),
      governance: readText(root, 'sources', 'governance', 'wgi_2022_composite_mean.csv'),
      euGlobalSupply: readText(root, 'sources', 'eu_crm_2023', 'global_supply_shares_t.csv'),
      euSourcing: readText(root, 'sources', 'eu_crm_2023', 'eu_sourcing_shares_t.csv'),
      euEndUse: readText(root, 'sources', 'eu_crm_2023', 'material_use_shares_nace.csv'),
      exportControls: readText(root, 'sources', 'policy', 'china_export_controls_2023_2025.csv'),
      euCrmParameters: at('sources', 'eu_crm_2023', 'parameters.csv'),
      euMaterials: at('catalog', 'eu-crm-materials.csv'),
      euMaterialGroups: at('catalog', 'eu-crm-groups.csv'),
      usImportSources: at('sources', 'buyers', 'us_import_sources.csv'),
      japanImportSources: at('sources', 'buyers', 'japan_import_sources.csv'),
      buyerImportReliance: at('sources', 'buyers', 'import_reliance.csv'),
      tradePartners: at('catalog', 'trade-partners.csv'),
      euCrmParameterChecks: at('sources', 'eu_crm_2023', 'parameter_checks.csv'),
      wgiEstimates: at('sources', 'governance', 'wgi_six_estimates.csv'),
      regimeClauses: at('sources', 'policy', 'regime_clauses.csv'),
      regimeEvents: at('sources', 'policy', 'regime_events.csv'),
      controlItems: at('catalog', 'control-items.csv'),
    },
  };
}
