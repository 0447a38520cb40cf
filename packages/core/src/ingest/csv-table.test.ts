import { describe, expect, it } from 'vitest';
import { parseCsvTable, requireColumns } from './csv-table.ts';

describe('parseCsvTable', () => {
  it('numbers rows as a spreadsheet does and keeps quoted commas', () => {
    const t = parseCsvTable('\uFEFFa,b\n1,"x, y"\n2,z\n', 'f.csv');
    expect(t.ok && t.value.rows.map((r) => [r.row, r.cells['b']])).toEqual([
      [2, 'x, y'],
      [3, 'z'],
    ]);
  });

  it('reports a row with more fields than the header, by row number', () => {
    const t = parseCsvTable('a,b\n1,2\n3,4,5\n', 'f.csv');
    expect(!t.ok && t.error).toEqual([
      { code: 'malformed-csv', file: 'f.csv', row: 3, message: '3 fields, header has 2' },
    ]);
  });

  it('reports an unterminated quote as malformed', () => {
    const t = parseCsvTable('a,b\n1,"2\n', 'f.csv');
    expect(t.ok).toBe(false);
    expect(!t.ok && t.error[0]?.code).toBe('malformed-csv');
  });

  it('names each missing column', () => {
    const t = parseCsvTable('a\n1\n', 'f.csv');
    expect(t.ok && requireColumns(t.value, ['a', 'b', 'c']).map((i) => i.column)).toEqual(['b', 'c']);
  });
});
