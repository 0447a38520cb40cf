import type { CountryIso3 } from '../model/country.ts';
import { type GovernanceScore, GovernanceScoreSchema } from '../model/governance-score.ts';
import { type SourceId, SourceIdSchema } from '../model/source.ts';
import { err, ok, type Result } from '../result.ts';
import type { Gazetteer } from './country-names.ts';
import { cellText, parseCsvTable, requireColumns } from './csv-table.ts';
import type { ImportIssue } from './import-issue.ts';
import { type CellAt, issueAt, schemaIssues } from './reference-cells.ts';

export interface WgiCompositeContext {
  readonly file: string;
  readonly gazetteer: Gazetteer;
  /** Defaults to `wgi-2022-composite`. */
  readonly source?: SourceId;
}

const COLUMNS = [
  'country_wb',
  'iso3',
  'year',
  'wgi_mean_normalised_0_1',
  'wgi_mean_estimate_derived',
  'wgi_scaled_0_10_derived',
] as const;

const FIELD_COLUMNS: Readonly<Record<string, string>> = {
  countryName: 'country_wb',
  wgiNormalised01: 'wgi_mean_normalised_0_1',
  wgiEstimate: 'wgi_mean_estimate_derived',
  wgiScaled0to10: 'wgi_scaled_0_10_derived',
};

const NUMBER = /^-?\d+(\.\d+)?$/;

/** The derived columns are rounded to four decimals (estimate) and three (scaled). */
const TOLERANCE = 0.001;

/**
 * Reads `governance/wgi_2022_composite_mean.csv`: one WGI composite per economy. The ISO3 code on
 * each row must be in the gazetteer, each value in its range, the two derived columns consistent
 * with the normalised value (estimate = 5·n − 2.5, scaled = 10·n) and each economy listed once per year.
 */
export function parseWgiComposite(text: string, ctx: WgiCompositeContext): Result<GovernanceScore[], ImportIssue[]> {
  const table = parseCsvTable(text, ctx.file);
  if (!table.ok) return table;
  const missing = requireColumns(table.value, COLUMNS);
  if (missing.length > 0) return err(missing);
  const source = ctx.source ?? SourceIdSchema.parse('wgi-2022-composite');

  const issues: ImportIssue[] = [];
  const out: GovernanceScore[] = [];
  const seen = new Map<string, number>();
  for (const row of table.value.rows) {
    const at = (column: string): CellAt => ({ file: ctx.file, row: row.row, column });
    const rowIssues: ImportIssue[] = [];

    const iso3 = cellText(row, 'iso3');
    if (!ctx.gazetteer.byIso3.has(iso3 as CountryIso3))
      rowIssues.push(issueAt(at('iso3'), 'unknown-country', `unknown ISO3 code "${iso3}"`));
    const yearText = cellText(row, 'year');
    if (!/^\d{4}$/.test(yearText)) rowIssues.push(issueAt(at('year'), 'bad-value', `not a year: "${yearText}"`));

    const numbers = new Map<string, number>();
    for (const column of COLUMNS.slice(3)) {
      const t = cellText(row, column);
      if (NUMBER.test(t)) numbers.set(column, Number(t));
      else rowIssues.push(issueAt(at(column), 'bad-number', `not a number: "${t}"`));
    }
    const n = numbers.get('wgi_mean_normalised_0_1');
    const estimate = numbers.get('wgi_mean_estimate_derived');
    const scaled = numbers.get('wgi_scaled_0_10_derived');
    if (n !== undefined && estimate !== undefined && Math.abs(n * 5 - 2.5 - estimate) > TOLERANCE)
      rowIssues.push(
        issueAt(
          at('wgi_mean_estimate_derived'),
          'bad-value',
          `${estimate} is not 5 × ${n} − 2.5 (the normalised value)`,
        ),
      );
    if (n !== undefined && scaled !== undefined && Math.abs(n * 10 - scaled) > TOLERANCE)
      rowIssues.push(
        issueAt(at('wgi_scaled_0_10_derived'), 'bad-value', `${scaled} is not 10 × ${n} (the normalised value)`),
      );

    const key = `${iso3}|${yearText}`;
    const first = seen.get(key);
    if (first !== undefined)
      rowIssues.push(issueAt(at('iso3'), 'duplicate-row', `${iso3} ${yearText} already on row ${first}`));
    else seen.set(key, row.row);

    if (rowIssues.length > 0) {
      issues.push(...rowIssues);
      continue;
    }
    const record = GovernanceScoreSchema.safeParse({
      countryName: cellText(row, 'country_wb'),
      iso3,
      year: Number(yearText),
      wgiNormalised01: n,
      wgiEstimate: estimate,
      wgiScaled0to10: scaled,
      source,
    });
    if (record.success) out.push(record.data);
    else issues.push(...schemaIssues(record.error, ctx.file, row.row, (f) => FIELD_COLUMNS[f] ?? f));
  }
  return issues.length > 0 ? err(issues) : ok(out);
}
