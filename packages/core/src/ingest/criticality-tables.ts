import {
  type BuyerImportReliance,
  BuyerImportRelianceSchema,
  type BuyerImportSource,
  BuyerImportSourceSchema,
  type EuCrmParameter,
  EuCrmParameterSchema,
  type EuMaterialMapping,
  EuMaterialMappingSchema,
  type TradePartner,
  TradePartnerSchema,
  type EuCrmParameterCorrection,
  EuCrmParameterCorrectionSchema,
  type WgiEstimates,
  WgiEstimatesSchema,
  type EuMaterialGroup,
  EuMaterialGroupSchema,
} from '../model/criticality-tables.ts';
import type { SourceId } from '../model/source.ts';
import type { Result } from '../result.ts';
import { resolveArea, type Gazetteer } from './country-names.ts';
import { cellText, type CsvRow, type CsvTable } from './csv-table.ts';
import { readRecords, snakeColumn } from './read-records.ts';
import type { ImportIssue } from './import-issue.ts';

const orNull = (s: string): string | null => (s === '' ? null : s);

/** The EU CRM 2023 parameters table (`parameters.csv`): one record per material, stage and parameter. */
export function parseEuCrmParameters(table: CsvTable, source: SourceId): Result<EuCrmParameter[], ImportIssue[]> {
  return readRecords(table, ['material', 'stage', 'parameter', 'value', 'confidence', 'note'], (row) =>
    EuCrmParameterSchema.safeParse({
      material: cellText(row, 'material'),
      stage: cellText(row, 'stage'),
      parameter: cellText(row, 'parameter'),
      value: cellText(row, 'value'),
      confidence: cellText(row, 'confidence'),
      note: orNull(cellText(row, 'note')),
      source,
    }),
  );
}

/** A country cell: a name or "Other"; `undefined` after reporting an unknown name. */
function countryCell(
  gazetteer: Gazetteer,
  row: CsvRow,
  file: string,
  issues: ImportIssue[],
): string | null | undefined {
  const label = cellText(row, 'country');
  const area = resolveArea(gazetteer, label);
  if (area?.kind === 'country') return area.iso3;
  if (area?.kind === 'other' || /^other|^others|^rest of/i.test(label)) return null;
  issues.push({
    code: 'unknown-country',
    file,
    row: row.row,
    column: 'country',
    message: `unknown country "${label}"`,
  });
  return undefined;
}

/** A buyer's import sources by country (`us_import_sources.csv`, `japan_import_sources.csv`). */
export function parseBuyerImportSources(
  table: CsvTable,
  ctx: { readonly buyer: 'USA' | 'JPN'; readonly gazetteer: Gazetteer; readonly source: SourceId },
): Result<BuyerImportSource[], ImportIssue[]> {
  return readRecords(
    table,
    ['commodity', 'period', 'country', 'share_pct', 'form', 'edition', 'source_locator', 'url', 'confidence', 'note'],
    (row, issues) => {
      const iso3 = countryCell(ctx.gazetteer, row, table.file, issues);
      if (iso3 === undefined) return undefined;
      const pct = cellText(row, 'share_pct');
      return BuyerImportSourceSchema.safeParse({
        buyer: ctx.buyer,
        commodity: cellText(row, 'commodity'),
        period: cellText(row, 'period'),
        iso3,
        share: /^\d+(\.\d+)?$/.test(pct) ? Number(pct) / 100 : pct,
        form: cellText(row, 'form'),
        recommended: /^recommended basis/i.test(cellText(row, 'note')),
        edition: orNull(cellText(row, 'edition')),
        confidence: cellText(row, 'confidence'),
        locator: cellText(row, 'source_locator'),
        url: cellText(row, 'url'),
        source: ctx.source,
      });
    },
    { columnOf: (f) => ({ share: 'share_pct', locator: 'source_locator' })[f] ?? snakeColumn(f) },
  );
}

/** Buyers' import reliance (`import_reliance.csv`); rows with neither year nor value record a search that found nothing and are skipped. */
export function parseBuyerImportReliance(
  table: CsvTable,
  source: SourceId,
): Result<BuyerImportReliance[], ImportIssue[]> {
  return readRecords(
    table,
    [
      'buyer',
      'commodity',
      'year',
      'import_reliance_pct',
      'qualifier',
      'basis',
      'source_locator',
      'url',
      'confidence',
      'note',
    ],
    (row) => {
      const pct = cellText(row, 'import_reliance_pct');
      if (pct === '' && cellText(row, 'year') === '') return undefined;
      return BuyerImportRelianceSchema.safeParse({
        buyer: cellText(row, 'buyer'),
        commodity: cellText(row, 'commodity'),
        year: Number(cellText(row, 'year')),
        share: pct === '' ? null : /^\d+(\.\d+)?$/.test(pct) ? Number(pct) / 100 : pct,
        qualifier: orNull(cellText(row, 'qualifier')),
        basis: cellText(row, 'basis'),
        confidence: cellText(row, 'confidence'),
        locator: cellText(row, 'source_locator'),
        url: cellText(row, 'url'),
        note: orNull(cellText(row, 'note')),
        source,
      });
    },
    { columnOf: (f) => ({ share: 'import_reliance_pct', locator: 'source_locator' })[f] ?? snakeColumn(f) },
  );
}

/** EU CRM material names → commodity keys (`eu-crm-materials.csv`). */
export function parseEuMaterialMappings(table: CsvTable): Result<EuMaterialMapping[], ImportIssue[]> {
  return readRecords(table, ['material', 'commodity', 'note'], (row) =>
    EuMaterialMappingSchema.safeParse({
      material: cellText(row, 'material'),
      commodity: cellText(row, 'commodity'),
      note: orNull(cellText(row, 'note')),
    }),
  );
}

/** Buyers' trade and critical-minerals agreement partners (`trade-partners.csv`). */
export function parseTradePartners(table: CsvTable): Result<TradePartner[], ImportIssue[]> {
  return readRecords(table, ['buyer', 'iso3', 'agreement', 'source'], (row) =>
    TradePartnerSchema.safeParse({
      buyer: cellText(row, 'buyer'),
      iso3: cellText(row, 'iso3'),
      agreement: cellText(row, 'agreement'),
      source: cellText(row, 'source'),
    }),
  );
}

/** The corrected rows of `parameter_checks.csv` (verdict "corrected"); confirmed and unfound rows change nothing. */
export function parseEuCrmParameterCorrections(
  table: CsvTable,
  source: SourceId,
): Result<EuCrmParameterCorrection[], ImportIssue[]> {
  return readRecords(
    table,
    [
      'material',
      'stage',
      'parameter',
      'value_in_parameters_csv',
      'value_found',
      'source_title',
      'source_locator',
      'confidence',
      'verdict',
    ],
    (row) =>
      cellText(row, 'verdict') !== 'corrected'
        ? undefined
        : EuCrmParameterCorrectionSchema.safeParse({
            material: cellText(row, 'material'),
            stage: cellText(row, 'stage'),
            parameter: cellText(row, 'parameter'),
            was: Number(cellText(row, 'value_in_parameters_csv')),
            value: Number(cellText(row, 'value_found')),
            evidence: `${cellText(row, 'source_title')}; ${cellText(row, 'source_locator')}`,
            confidence: cellText(row, 'confidence'),
            source,
          }),
    { columnOf: (f) => ({ was: 'value_in_parameters_csv', value: 'value_found' })[f] ?? snakeColumn(f) },
  );
}

/** The six WGI estimates by country and year (`wgi_six_estimates.csv`). */
export function parseWgiEstimates(table: CsvTable, source: SourceId): Result<WgiEstimates[], ImportIssue[]> {
  const n = (row: CsvRow, c: string): number | string => {
    const t = cellText(row, c);
    return /^-?\d+(\.\d+)?(e-?\d+)?$/i.test(t) ? Number(t) : t;
  };
  return readRecords(table, ['iso3', 'year', 'cc', 'ge', 'pv', 'rq', 'rl', 'va'], (row) =>
    WgiEstimatesSchema.safeParse({
      iso3: cellText(row, 'iso3'),
      year: n(row, 'year'),
      cc: n(row, 'cc'),
      ge: n(row, 'ge'),
      pv: n(row, 'pv'),
      rq: n(row, 'rq'),
      rl: n(row, 'rl'),
      va: n(row, 'va'),
      source,
    }),
  );
}

/** EU CRM material groups (`eu-crm-groups.csv`). */
export function parseEuMaterialGroups(table: CsvTable): Result<EuMaterialGroup[], ImportIssue[]> {
  return readRecords(table, ['group', 'material'], (row) =>
    EuMaterialGroupSchema.safeParse({ group: cellText(row, 'group'), material: cellText(row, 'material') }),
  );
}
