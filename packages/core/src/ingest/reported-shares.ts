import type { CountryIso3 } from '../model/country.ts';
import {
  ConfidenceSchema,
  type ReportedShare,
  ReportedShareSchema,
  ReportedStageSchema,
  type ShareAggregate,
} from '../model/reported-share.ts';
import { type SourceId, SourceIdSchema } from '../model/source.ts';
import { err, ok, type Result } from '../result.ts';
import type { Gazetteer } from './country-names.ts';
import { cellText, parseCsvTable, requireColumns } from './csv-table.ts';
import type { ImportIssue } from './import-issue.ts';
import { type CellAt, issueAt, isIssue, readCountry, readShare, schemaIssues, textOrNull } from './reference-cells.ts';

export interface ReportedSharesContext {
  readonly file: string;
  readonly gazetteer: Gazetteer;
  /** Defaults to `processing-shares-reported`; each row keeps its own publisher, report and page. */
  readonly source?: SourceId;
}

const COLUMNS = [
  'commodity',
  'stage',
  'scope',
  'country',
  'year',
  'share_pct',
  'value_type',
  'original_publisher',
  'original_report',
  'cited_via_url',
  'source_type',
  'confidence',
  'notes',
] as const;

const FIELD_COLUMNS: Readonly<Record<string, string>> = {
  commodityLabel: 'commodity',
  iso3: 'country',
  aggregate: 'country',
  share: 'share_pct',
  valueType: 'value_type',
  publisher: 'original_publisher',
  report: 'original_report',
  url: 'cited_via_url',
  citedFile: 'cited_via_url',
  sourceType: 'source_type',
  sourceTypeDetail: 'source_type',
};

/** The aggregate rows the table writes in its country column. */
const AGGREGATES: Readonly<Record<string, ShareAggregate>> = { TOP3_SUM: 'top3_sum', TOP3_AVERAGE: 'top3_average' };

/**
 * Reads `processing/processing_shares_reported.csv`: market shares quoted by reports, each with its
 * own provenance. `TOP3_SUM`/`TOP3_AVERAGE` rows become aggregates with no country; projections stay
 * in the table, marked `valueType: 'projection'`. A cited "URL" that is not http(s) is a path to a
 * data file the figure was computed from.
 */
export function parseReportedShares(text: string, ctx: ReportedSharesContext): Result<ReportedShare[], ImportIssue[]> {
  const table = parseCsvTable(text, ctx.file);
  if (!table.ok) return table;
  const missing = requireColumns(table.value, COLUMNS);
  if (missing.length > 0) return err(missing);
  const source = ctx.source ?? SourceIdSchema.parse('processing-shares-reported');

  const issues: ImportIssue[] = [];
  const out: ReportedShare[] = [];
  for (const row of table.value.rows) {
    const at = (column: string): CellAt => ({ file: ctx.file, row: row.row, column });
    const rowIssues: ImportIssue[] = [];

    const stageText = cellText(row, 'stage');
    const stage = ReportedStageSchema.safeParse(stageText);
    if (!stage.success) rowIssues.push(issueAt(at('stage'), 'bad-value', `unknown stage "${stageText}"`));

    const countryText = cellText(row, 'country');
    const aggregate = AGGREGATES[countryText] ?? null;
    let iso3: CountryIso3 | null = null;
    if (aggregate === null) {
      const read = readCountry(ctx.gazetteer, countryText, at('country'));
      if (isIssue(read)) rowIssues.push(read);
      else iso3 = read;
    }

    const yearText = cellText(row, 'year');
    if (!/^\d{4}$/.test(yearText)) rowIssues.push(issueAt(at('year'), 'bad-value', `not a year: "${yearText}"`));

    const share = readShare(cellText(row, 'share_pct'), at('share_pct'), { percentSign: 'never' });
    if (isIssue(share)) rowIssues.push(share);
    else if (share.qualifier !== null)
      rowIssues.push(issueAt(at('share_pct'), 'bad-value', 'a qualified share has no column for its qualifier'));

    const confidenceText = cellText(row, 'confidence');
    if (!ConfidenceSchema.safeParse(confidenceText).success)
      rowIssues.push(
        issueAt(at('confidence'), 'bad-value', `confidence must be high, medium or low: "${confidenceText}"`),
      );

    const sourceType = /^(primary|secondary)(?:\s*\((.+)\))?$/.exec(cellText(row, 'source_type'));
    if (!sourceType)
      rowIssues.push(
        issueAt(
          at('source_type'),
          'bad-value',
          `source type must be primary or secondary: "${cellText(row, 'source_type')}"`,
        ),
      );

    if (rowIssues.length > 0 || isIssue(share)) {
      issues.push(...rowIssues);
      continue;
    }
    const cited = cellText(row, 'cited_via_url');
    const isUrl = /^https?:\/\//i.test(cited);
    const record = ReportedShareSchema.safeParse({
      commodityLabel: cellText(row, 'commodity'),
      stage: stage.data,
      scope: cellText(row, 'scope'),
      iso3,
      aggregate,
      year: Number(yearText),
      share: share.share,
      valueType: cellText(row, 'value_type'),
      publisher: cellText(row, 'original_publisher'),
      report: cellText(row, 'original_report'),
      url: isUrl ? cited : null,
      citedFile: isUrl || cited === '' ? null : cited,
      sourceType: sourceType?.[1],
      sourceTypeDetail: sourceType?.[2] ?? null,
      confidence: confidenceText,
      notes: textOrNull(row, 'notes'),
      source,
    });
    if (record.success) out.push(record.data);
    else issues.push(...schemaIssues(record.error, ctx.file, row.row, (f) => FIELD_COLUMNS[f] ?? f));
  }
  return issues.length > 0 ? err(issues) : ok(out);
}
