import {
  type CriticalMineralSalient,
  CriticalMineralSalientSchema,
  type NetImportReliance,
  type UsgsFigure,
  type UsgsShare,
} from '../model/critical-mineral-salient.ts';
import type { CountryIso3 } from '../model/country.ts';
import { type SourceId, SourceIdSchema } from '../model/source.ts';
import { err, ok, type Result } from '../result.ts';
import type { Gazetteer } from './country-names.ts';
import { cellText, type CsvRow, parseCsvTable, requireColumns } from './csv-table.ts';
import type { ImportIssue } from './import-issue.ts';
import {
  type CellAt,
  issueAt,
  isIssue,
  percentToFraction,
  readCountry,
  schemaIssues,
  textOrNull,
} from './reference-cells.ts';
import { parseUsgsValue } from './usgs-value.ts';

export interface UsgsCriticalSalientContext {
  readonly file: string;
  readonly gazetteer: Gazetteer;
  /** Defaults to `usgs-mcs2025-t5`. */
  readonly source?: SourceId;
}

export const MCS2025_T5_COLUMNS = [
  'Source',
  'Year',
  'Critical_mineral',
  'Primary_prod',
  'Secondary_prod',
  'Prod_notes',
  'Apparent_Consumption',
  'Consumption_Notes',
  'Net_Import_Reliance',
  'Primary_import_source',
  'Import_source_notes',
  'Leading_source_country',
  'Leading_country_prod',
  'Leading_source_precent_world',
  'World_total_prod',
  'World_prod_notes',
] as const;

const FIELD_COLUMNS: Readonly<Record<string, string>> = {
  commodityLabel: 'Critical_mineral',
  year: 'Year',
  primaryProduction: 'Primary_prod',
  secondaryProduction: 'Secondary_prod',
  productionNote: 'Prod_notes',
  apparentConsumption: 'Apparent_Consumption',
  consumptionNote: 'Consumption_Notes',
  netImportReliance: 'Net_Import_Reliance',
  primaryImportSource: 'Primary_import_source',
  importSourceNote: 'Import_source_notes',
  leadingSourceCountry: 'Leading_source_country',
  leadingCountryProduction: 'Leading_country_prod',
  leadingCountryWorldShare: 'Leading_source_precent_world',
  worldProduction: 'World_total_prod',
  worldProductionNote: 'World_prod_notes',
};

/** A quantity cell: a number, "W", "NA", "<100,000"…; negative quantities are issues. */
function readFigure(row: CsvRow, at: CellAt): UsgsFigure | ImportIssue {
  const raw = cellText(row, at.column);
  const parsed = parseUsgsValue(raw);
  if (parsed === undefined) return issueAt(at, 'bad-number', `not a number: "${raw}"`);
  if (parsed.value !== null && parsed.value < 0) return issueAt(at, 'negative-value', `negative quantity: "${raw}"`);
  return { value: parsed.value, status: parsed.status, qualifier: parsed.qualifier };
}

/** A percent cell (no "%" sign) as a fraction; above 100 is an issue. */
function readPercentFigure(row: CsvRow, at: CellAt): UsgsShare | ImportIssue {
  const figure = readFigure(row, at);
  if (isIssue(figure) || figure.value === null) return figure;
  if (figure.value > 100) return issueAt(at, 'bad-value', `share above 100 %: "${cellText(row, at.column)}"`);
  return { ...figure, value: percentToFraction(figure.value) };
}

function readReliance(row: CsvRow, at: CellAt): NetImportReliance | ImportIssue {
  if (cellText(row, at.column) === 'E') return { value: null, status: 'na', qualifier: null, netExporter: true };
  const share = readPercentFigure(row, at);
  return isIssue(share) ? share : { ...share, netExporter: false };
}

function readOptionalCountry(gazetteer: Gazetteer, row: CsvRow, at: CellAt): CountryIso3 | null | ImportIssue {
  const label = cellText(row, at.column);
  return label === '' ? null : readCountry(gazetteer, label, at);
}

/**
 * Reads USGS MCS 2025 Table 5 (`MCS2025_T5_Critical_Minerals_Salient.csv`): one record per
 * critical mineral with U.S. production, consumption and net import reliance, and the leading
 * world source. "2024_estimated" is year 2024, estimated; notes are kept as published (trimmed).
 */
export function parseUsgsCriticalSalient(
  text: string,
  ctx: UsgsCriticalSalientContext,
): Result<CriticalMineralSalient[], ImportIssue[]> {
  const table = parseCsvTable(text, ctx.file);
  if (!table.ok) return table;
  const missing = requireColumns(table.value, MCS2025_T5_COLUMNS);
  if (missing.length > 0) return err(missing);
  const source = ctx.source ?? SourceIdSchema.parse('usgs-mcs2025-t5');

  const issues: ImportIssue[] = [];
  const out: CriticalMineralSalient[] = [];
  for (const row of table.value.rows) {
    const at = (column: string): CellAt => ({ file: ctx.file, row: row.row, column });
    const rowIssues: ImportIssue[] = [];
    const take = <T>(x: T | ImportIssue): T | null => {
      if (isIssue(x)) {
        rowIssues.push(x);
        return null;
      }
      return x;
    };

    const yearText = cellText(row, 'Year');
    const year = /^(\d{4})(_estimated)?$/.exec(yearText);
    if (!year) rowIssues.push(issueAt(at('Year'), 'bad-value', `not a year: "${yearText}"`));

    const candidate = {
      commodityLabel: cellText(row, 'Critical_mineral'),
      commodity: null,
      year: Number(year?.[1]),
      estimated: year?.[2] !== undefined,
      primaryProduction: take(readFigure(row, at('Primary_prod'))),
      secondaryProduction: take(readFigure(row, at('Secondary_prod'))),
      productionNote: textOrNull(row, 'Prod_notes'),
      apparentConsumption: take(readFigure(row, at('Apparent_Consumption'))),
      consumptionNote: textOrNull(row, 'Consumption_Notes'),
      netImportReliance: take(readReliance(row, at('Net_Import_Reliance'))),
      primaryImportSource: take(readOptionalCountry(ctx.gazetteer, row, at('Primary_import_source'))),
      importSourceNote: textOrNull(row, 'Import_source_notes'),
      leadingSourceCountry: take(readOptionalCountry(ctx.gazetteer, row, at('Leading_source_country'))),
      leadingCountryProduction: take(readFigure(row, at('Leading_country_prod'))),
      leadingCountryWorldShare: take(readPercentFigure(row, at('Leading_source_precent_world'))),
      worldProduction: take(readFigure(row, at('World_total_prod'))),
      worldProductionNote: textOrNull(row, 'World_prod_notes'),
      source,
    };
    if (rowIssues.length > 0) {
      issues.push(...rowIssues);
      continue;
    }
    const record = CriticalMineralSalientSchema.safeParse(candidate);
    if (record.success) out.push(record.data);
    else issues.push(...schemaIssues(record.error, ctx.file, row.row, (f) => FIELD_COLUMNS[f] ?? f));
  }
  return issues.length > 0 ? err(issues) : ok(out);
}
