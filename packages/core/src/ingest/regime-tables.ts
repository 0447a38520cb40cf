import type { ExportControlMeasure } from '../model/export-control.ts';
import {
  type ControlItem,
  ControlItemSchema,
  type RegimeClause,
  RegimeClauseSchema,
  type RegimeEvent,
  RegimeEventSchema,
} from '../model/regime.ts';
import type { SourceId } from '../model/source.ts';
import type { Result } from '../result.ts';
import { cellText, type CsvRow, type CsvTable } from './csv-table.ts';
import { readRecords } from './read-records.ts';
import type { ImportIssue } from './import-issue.ts';

const orNull = (s: string): string | null => (s === '' ? null : s);
const numberOrNull = (s: string): number | string | null => (s === '' ? null : /^\d+(\.\d+)?$/.test(s) ? Number(s) : s);
const measureContext = (row: CsvRow): string => {
  const measure = cellText(row, 'measure_id');
  return measure === '' ? '' : `measure ${measure}: `;
};

/** `regime_clauses.csv`: one row per clause of a measure. */
export function parseRegimeClauses(table: CsvTable, source: SourceId): Result<RegimeClause[], ImportIssue[]> {
  return readRecords(
    table,
    ['measure_id', 'clause', 'items', 'destination_scope', 'destination', 'effect'],
    (row) =>
      RegimeClauseSchema.safeParse({
        measureId: cellText(row, 'measure_id'),
        clause: cellText(row, 'clause'),
        items: cellText(row, 'items')
          .split(';')
          .map((s) => s.trim())
          .filter((s) => s !== ''),
        destinationScope: cellText(row, 'destination_scope'),
        destination: orNull(cellText(row, 'destination')),
        effect: cellText(row, 'effect'),
        approvalRate: numberOrNull(cellText(row, 'approval_rate')),
        delayDays: numberOrNull(cellText(row, 'delay_days')),
        deMinimisShare: numberOrNull(cellText(row, 'de_minimis_share')),
        parametersSource: orNull(cellText(row, 'parameters_source')),
        note: orNull(cellText(row, 'note')),
        source,
      }),
    { context: measureContext },
  );
}

/** `regime_events.csv`: suspensions, lifts, expiries and supersessions of a measure or a clause. */
export function parseRegimeEvents(table: CsvTable, source: SourceId): Result<RegimeEvent[], ImportIssue[]> {
  return readRecords(
    table,
    ['measure_id', 'clause', 'event', 'from', 'until', 'instrument', 'note'],
    (row) =>
      RegimeEventSchema.safeParse({
        measureId: cellText(row, 'measure_id'),
        clause: cellText(row, 'clause'),
        event: cellText(row, 'event'),
        from: cellText(row, 'from'),
        until: orNull(cellText(row, 'until')),
        instrument: orNull(cellText(row, 'instrument')),
        note: orNull(cellText(row, 'note')),
        source,
      }),
    { context: measureContext },
  );
}

/** `control-items.csv`: items that are not commodities. */
export function parseControlItems(table: CsvTable): Result<ControlItem[], ImportIssue[]> {
  return readRecords(table, ['item', 'name_en', 'name_ja'], (row) =>
    ControlItemSchema.safeParse({
      item: cellText(row, 'item'),
      nameEn: cellText(row, 'name_en'),
      nameJa: cellText(row, 'name_ja'),
    }),
  );
}

/**
 * Cross-checks of a regime: every clause names a known measure and known items, no measure takes effect
 * before it is announced, suspensions end after they start and do not overlap on the same clause.
 */
export function checkRegime(
  files: { readonly controls: string; readonly clauses: string; readonly events: string },
  measures: readonly ExportControlMeasure[],
  clauses: readonly RegimeClause[],
  events: readonly RegimeEvent[],
  knownItems: ReadonlySet<string>,
): ImportIssue[] {
  const issues: ImportIssue[] = [];
  const ids = new Set(measures.map((m) => m.id));
  measures.forEach((m, i) => {
    if (m.announceDate !== null && m.effectiveDate !== null && m.effectiveDate < m.announceDate)
      issues.push({
        code: 'bad-value',
        file: files.controls,
        row: i + 2,
        column: 'effective_date',
        message: `measure ${m.id}: effective ${m.effectiveDate} is before its announcement ${m.announceDate}`,
      });
  });
  clauses.forEach((c, i) => {
    const at = { file: files.clauses, row: i + 2 };
    if (!ids.has(c.measureId))
      issues.push({ code: 'bad-value', ...at, column: 'measure_id', message: `unknown measure ${c.measureId}` });
    for (const item of c.items)
      if (!knownItems.has(item))
        issues.push({
          code: 'unknown-commodity',
          ...at,
          column: 'items',
          message: `measure ${c.measureId}: unknown item "${item}"`,
        });
    if ((c.destinationScope === 'country' || c.destinationScope === 'military_end_users') && c.destination === null)
      issues.push({
        code: 'bad-value',
        ...at,
        column: 'destination',
        message: `measure ${c.measureId}: a ${c.destinationScope} clause needs a destination`,
      });
  });
  events.forEach((e, i) => {
    const at = { file: files.events, row: i + 2 };
    if (!ids.has(e.measureId))
      issues.push({ code: 'bad-value', ...at, column: 'measure_id', message: `unknown measure ${e.measureId}` });
    if (e.until !== null && e.until < e.from)
      issues.push({
        code: 'bad-value',
        ...at,
        column: 'until',
        message: `measure ${e.measureId}: window ends ${e.until} before it starts ${e.from}`,
      });
    events.forEach((o, j) => {
      if (j <= i || o.measureId !== e.measureId || o.event !== 'suspended' || e.event !== 'suspended') return;
      if (o.clause !== e.clause && o.clause !== '*' && e.clause !== '*') return;
      const overlaps = o.from <= (e.until ?? '9999-12-31') && e.from <= (o.until ?? '9999-12-31');
      if (overlaps)
        issues.push({
          code: 'bad-value',
          file: files.events,
          row: j + 2,
          column: 'from',
          message: `measure ${e.measureId}: suspension ${o.from}–${o.until ?? 'open'} overlaps the one in row ${i + 2}`,
        });
    });
  });
  return issues;
}
