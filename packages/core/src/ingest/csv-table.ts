import { parse } from 'csv-parse/sync';
import { err, ok, type Result } from '../result.ts';
import type { ImportIssue } from './import-issue.ts';

export interface CsvRow {
  /** 1-based record number, the header being row 1 (what a spreadsheet shows). */
  readonly row: number;
  readonly cells: Readonly<Record<string, string>>;
}

export interface CsvTable {
  readonly file: string;
  readonly header: readonly string[];
  readonly rows: readonly CsvRow[];
}

/** Parses CSV text with a header row; a UTF-8 byte-order mark is ignored. */
export function parseCsvTable(text: string, file: string): Result<CsvTable, ImportIssue[]> {
  let records: string[][];
  try {
    records = parse(text.replace(/^\uFEFF/, ''), { relax_column_count: true, skip_empty_lines: true });
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const line = /line (\d+)/.exec(message)?.[1];
    return err([{ code: 'malformed-csv', file, ...(line ? { row: Number(line) } : {}), message }]);
  }
  const [header, ...body] = records;
  if (header === undefined) return err([{ code: 'malformed-csv', file, message: 'the file is empty' }]);
  const names = header.map((h) => h.trim());
  const issues: ImportIssue[] = [];
  const rows: CsvRow[] = [];
  body.forEach((record, index) => {
    const row = index + 2;
    if (record.length > names.length && record.slice(names.length).some((c) => c.trim() !== '')) {
      issues.push({ code: 'malformed-csv', file, row, message: `${record.length} fields, header has ${names.length}` });
      return;
    }
    const cells: Record<string, string> = {};
    names.forEach((name, i) => {
      cells[name] = record[i] ?? '';
    });
    rows.push({ row, cells });
  });
  return issues.length > 0 ? err(issues) : ok({ file, header: names, rows });
}

/** The columns a file must have, or one issue per missing column. */
export function requireColumns(table: CsvTable, columns: readonly string[]): ImportIssue[] {
  return columns
    .filter((c) => !table.header.includes(c))
    .map((column) => ({
      code: 'missing-column' as const,
      file: table.file,
      row: 1,
      column,
      message: `missing column "${column}"`,
    }));
}

const cell = (row: CsvRow, column: string): string => row.cells[column] ?? '';

/** The trimmed text of a cell, with non-breaking spaces folded into plain ones. */
export const cellText = (row: CsvRow, column: string): string =>
  cell(row, column)
    .replace(/\u00A0/g, ' ')
    .trim();
