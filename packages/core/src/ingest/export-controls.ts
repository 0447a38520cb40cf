import { z } from 'zod';
import type { CountryIso3 } from '../model/country.ts';
import {
  ExportControlIssuerSchema,
  type ExportControlMeasure,
  ExportControlMeasureSchema,
  ExportControlMeasureTypeSchema,
  type ExportControlStatus,
} from '../model/export-control.ts';
import { ConfidenceSchema } from '../model/reported-share.ts';
import { type SourceId, SourceIdSchema } from '../model/source.ts';
import { err, ok, type Result } from '../result.ts';
import type { Gazetteer } from './country-names.ts';
import { cellText, parseCsvTable, requireColumns } from './csv-table.ts';
import type { ImportIssue } from './import-issue.ts';
import { type CellAt, issueAt, isIssue, readCountry, schemaIssues, textOrNull } from './reference-cells.ts';

export interface ExportControlsContext {
  readonly file: string;
  readonly gazetteer: Gazetteer;
  /** Defaults to `china-export-controls-2023-2025`; each row keeps its own URLs. */
  readonly source?: SourceId;
}

const COLUMNS = [
  'id',
  'announce_date',
  'effective_date',
  'issuer',
  'instrument',
  'commodities',
  'items_summary',
  'reference_hs_codes_cn10',
  'measure_type',
  'target_scope',
  'suspension_instrument',
  'suspended_until',
  'source_url',
  'source_url_2',
  'confidence',
  'notes',
] as const;

const FIELD_COLUMNS: Readonly<Record<string, string>> = {
  announceDate: 'announce_date',
  effectiveDate: 'effective_date',
  issuers: 'issuer',
  commodities: 'commodities',
  elements: 'commodities',
  commoditiesNote: 'commodities',
  itemsSummary: 'items_summary',
  hsCodesCn10: 'reference_hs_codes_cn10',
  hsCodesNote: 'reference_hs_codes_cn10',
  measureType: 'measure_type',
  targetScope: 'target_scope',
  targetCountry: 'target_scope',
  suspensionInstrument: 'suspension_instrument',
  suspendedUntil: 'suspended_until',
  urls: 'source_url',
};

/** The status words of the table, read from the start of the cell; the rest is kept as text. */
const STATUS_RULES: readonly (readonly [RegExp, ExportControlStatus])[] = [
  [/^in force\b/i, 'in_force'],
  [/^suspended\b/i, 'suspended'],
  [/^(clause|part)\b.*\bsuspended\b/i, 'partially_suspended'],
  [/^superseded\b/i, 'superseded'],
];

/** Scopes that name no country. */
const NO_COUNTRY_SCOPE = /^(all destinations\b.*|domestic)$/i;

const ELEMENTS = /^[A-Z][a-z]?(;\s*[A-Z][a-z]?)*$/;

/** "a;b (note)" as its ";"-separated items and the parenthetical. */
function listWithNote(text: string): { items: string[]; note: string | null } {
  const m = /^([^(]*?)\s*(?:\((.*)\))?$/.exec(text);
  const head = m?.[1] ?? text;
  return {
    items: head
      .split(';')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
    note: m?.[2]?.trim() || null,
  };
}

const isoDate = z.iso.date();
const httpUrl = z.url({ protocol: /^https?$/ });

/**
 * Reads `policy/china_export_controls_2023_2025.csv`: one record per announcement, regulation or
 * suspension, every column typed. Dates are yyyy-mm-dd or blank; commodities, element symbols and
 * HS codes are split from their ";"-lists with any parenthetical kept as a note; the status is one of
 * four words with the published wording beside it. Data only: which measure applies when is the
 * regime's business, not the parser's.
 */
export function parseExportControls(
  text: string,
  ctx: ExportControlsContext,
): Result<ExportControlMeasure[], ImportIssue[]> {
  const table = parseCsvTable(text, ctx.file);
  if (!table.ok) return table;
  const missing = requireColumns(table.value, COLUMNS);
  const statusColumn = table.value.header.find((h) => /^status_as_of_\d{4}_\d{2}$/.test(h));
  if (statusColumn === undefined)
    missing.push({
      code: 'missing-column',
      file: ctx.file,
      row: 1,
      column: 'status_as_of_<yyyy>_<mm>',
      message: 'no status column',
    });
  if (missing.length > 0 || statusColumn === undefined) return err(missing);
  const statusAsOf = statusColumn.slice(-7).replace('_', '-');
  const source = ctx.source ?? SourceIdSchema.parse('china-export-controls-2023-2025');

  const issues: ImportIssue[] = [];
  const out: ExportControlMeasure[] = [];
  const seen = new Map<string, number>();
  for (const row of table.value.rows) {
    const at = (column: string): CellAt => ({ file: ctx.file, row: row.row, column });
    const rowIssues: ImportIssue[] = [];

    const id = cellText(row, 'id');
    const first = seen.get(id);
    if (first !== undefined) rowIssues.push(issueAt(at('id'), 'duplicate-row', `id ${id} already on row ${first}`));
    else seen.set(id, row.row);

    const date = (column: string, required: boolean): string | null => {
      const t = cellText(row, column);
      if (t === '' && !required) return null;
      if (!isoDate.safeParse(t).success)
        rowIssues.push(issueAt(at(column), 'bad-value', `not a yyyy-mm-dd date: "${t}"`));
      return t;
    };
    const announceDate = date('announce_date', true);
    const effectiveDate = date('effective_date', false);
    const suspendedUntil = date('suspended_until', false);

    const issuers = cellText(row, 'issuer')
      .split('&')
      .map((s) => s.trim());
    for (const issuer of issuers)
      if (!ExportControlIssuerSchema.safeParse(issuer).success)
        rowIssues.push(issueAt(at('issuer'), 'bad-value', `unknown issuer "${issuer}"`));

    const commodities = listWithNote(cellText(row, 'commodities'));
    const elementList = commodities.note !== null && ELEMENTS.test(commodities.note);
    for (const c of commodities.items)
      if (!/^[a-z][a-z0-9_]*$/.test(c))
        rowIssues.push(issueAt(at('commodities'), 'bad-value', `not a snake_case commodity: "${c}"`));

    const hs = listWithNote(cellText(row, 'reference_hs_codes_cn10'));
    for (const code of hs.items)
      if (!/^\d{10}$/.test(code))
        rowIssues.push(issueAt(at('reference_hs_codes_cn10'), 'bad-value', `not a 10-digit code: "${code}"`));

    const measureText = cellText(row, 'measure_type');
    if (!ExportControlMeasureTypeSchema.safeParse(measureText).success)
      rowIssues.push(issueAt(at('measure_type'), 'bad-value', `unknown measure type "${measureText}"`));

    const targetScope = cellText(row, 'target_scope');
    let targetCountry: CountryIso3 | null = null;
    if (!NO_COUNTRY_SCOPE.test(targetScope)) {
      const read = readCountry(ctx.gazetteer, targetScope, at('target_scope'));
      if (isIssue(read)) rowIssues.push(read);
      else targetCountry = read;
    }

    const statusText = cellText(row, statusColumn);
    const status = STATUS_RULES.find(([re]) => re.test(statusText))?.[1];
    if (status === undefined)
      rowIssues.push(
        issueAt(
          at(statusColumn),
          'bad-value',
          `status must start "in force", "suspended", "superseded" or "clause … suspended": "${statusText}"`,
        ),
      );

    const urls: string[] = [];
    for (const column of ['source_url', 'source_url_2']) {
      const u = cellText(row, column);
      if (u === '') continue;
      if (httpUrl.safeParse(u).success) urls.push(u);
      else rowIssues.push(issueAt(at(column), 'bad-value', `not an http(s) URL: "${u}"`));
    }

    const confidence = cellText(row, 'confidence');
    if (!ConfidenceSchema.safeParse(confidence).success)
      rowIssues.push(issueAt(at('confidence'), 'bad-value', `confidence must be high, medium or low: "${confidence}"`));

    if (rowIssues.length > 0) {
      issues.push(...rowIssues);
      continue;
    }
    const record = ExportControlMeasureSchema.safeParse({
      id,
      announceDate,
      effectiveDate,
      issuers,
      instrument: cellText(row, 'instrument'),
      commodities: commodities.items,
      elements: elementList && commodities.note !== null ? commodities.note.split(';').map((s) => s.trim()) : [],
      commoditiesNote: elementList ? null : commodities.note,
      itemsSummary: cellText(row, 'items_summary'),
      hsCodesCn10: hs.items,
      hsCodesNote: hs.note,
      measureType: measureText,
      targetScope,
      targetCountry,
      status,
      statusText,
      statusAsOf,
      suspensionInstrument: textOrNull(row, 'suspension_instrument'),
      suspendedUntil,
      urls,
      confidence,
      notes: textOrNull(row, 'notes'),
      source,
    });
    if (record.success) out.push(record.data);
    else
      issues.push(
        ...schemaIssues(record.error, ctx.file, row.row, (f) =>
          f === 'status' || f === 'statusText' ? statusColumn : (FIELD_COLUMNS[f] ?? f),
        ),
      );
  }
  return issues.length > 0 ? err(issues) : ok(out);
}
