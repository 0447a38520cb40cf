import { describe, expect, it } from 'vitest';
import type { ExportControlMeasure } from '../model/export-control.ts';
import type { RegimeClause, RegimeEvent } from '../model/regime.ts';
import { SourceIdSchema } from '../model/source.ts';
import { parseCsvTable } from './csv-table.ts';
import { checkRegime, parseRegimeClauses } from './regime-tables.ts';

const source = SourceIdSchema.parse('regime-clauses-2026');
const files = { controls: 'controls.csv', clauses: 'clauses.csv', events: 'events.csv' };
const measure = (id: string, announceDate: string, effectiveDate: string) =>
  ({ id, announceDate, effectiveDate }) as ExportControlMeasure;
const clause = (over: Partial<RegimeClause>): RegimeClause => ({
  measureId: 'M1',
  clause: '1',
  items: ['gallium'],
  destinationScope: 'all',
  destination: null,
  effect: 'licence_required',
  approvalRate: null,
  delayDays: null,
  deMinimisShare: null,
  parametersSource: null,
  note: null,
  source,
  ...over,
});
const event = (over: Partial<RegimeEvent>): RegimeEvent => ({
  measureId: 'M1',
  clause: '*',
  event: 'suspended',
  from: '2025-01-01',
  until: '2025-06-30',
  instrument: 'S1',
  note: null,
  source,
  ...over,
});

describe('checkRegime', () => {
  it('names the measure and field of an unknown item, an early effective date and overlapping suspensions', () => {
    const issues = checkRegime(
      files,
      [measure('M1', '2024-05-01', '2024-04-01')],
      [clause({ items: ['gallium', 'unobtainium'] })],
      [event({}), event({ from: '2025-06-01', until: '2025-12-31' })],
      new Set(['gallium']),
    );
    expect(issues.map((i) => [i.file, i.row, i.column, i.message])).toEqual([
      ['controls.csv', 2, 'effective_date', 'measure M1: effective 2024-04-01 is before its announcement 2024-05-01'],
      ['clauses.csv', 2, 'items', 'measure M1: unknown item "unobtainium"'],
      ['events.csv', 3, 'from', 'measure M1: suspension 2025-06-01–2025-12-31 overlaps the one in row 2'],
    ]);
  });

  it('accepts back-to-back suspensions and clause-level ones on different clauses', () => {
    expect(
      checkRegime(
        files,
        [measure('M1', '2024-05-01', '2024-06-01')],
        [clause({}), clause({ clause: '2' })],
        [event({ clause: '1' }), event({ clause: '2' }), event({ clause: '1', from: '2025-07-01', until: null })],
        new Set(['gallium']),
      ),
    ).toEqual([]);
  });
});

describe('parseRegimeClauses', () => {
  it('names file, row, column and measure of a bad effect', () => {
    const table = parseCsvTable(
      'measure_id,clause,items,destination_scope,destination,effect\nM1,1,gallium,all,,forbidden\n',
      'clauses.csv',
    );
    if (!table.ok) throw new Error('fixture');
    const r = parseRegimeClauses(table.value, source);
    expect(!r.ok && r.error.map((i) => [i.row, i.column, i.message.startsWith('measure M1:')])).toEqual([
      [2, 'effect', true],
    ]);
  });
});
