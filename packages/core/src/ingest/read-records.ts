import type { z } from 'zod';
import { err, ok, type Result } from '../result.ts';
import { type CsvRow, type CsvTable, requireColumns } from './csv-table.ts';
import type { ImportIssue } from './import-issue.ts';

/** camelCase field → snake_case CSV column, the catalogs' convention. */
export const snakeColumn = (field: string): string => field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

export interface ReadRecordsOptions {
  /** The CSV column of a record field, for the issue; snake_case of the field by default. */
  readonly columnOf?: (field: string) => string;
  /** Words put before each message, e.g. "measure CN-EC-2025-18: ". */
  readonly context?: (row: CsvRow) => string;
}

/**
 * Reads every row of a table into a record through a zod schema. `toRecord` may return `undefined` to skip
 * a row (after adding its own issues). Issues name file, row and column; with any issue, no records.
 */
export function readRecords<T>(
  table: CsvTable,
  columns: readonly string[],
  toRecord: (row: CsvRow, issues: ImportIssue[]) => z.ZodSafeParseResult<T> | undefined,
  options: ReadRecordsOptions = {},
): Result<T[], ImportIssue[]> {
  const missing = requireColumns(table, columns);
  if (missing.length > 0) return err(missing);
  const columnOf = options.columnOf ?? snakeColumn;
  const issues: ImportIssue[] = [];
  const records: T[] = [];
  for (const row of table.rows) {
    const parsed = toRecord(row, issues);
    if (parsed === undefined) continue;
    if (parsed.success) records.push(parsed.data);
    else
      for (const issue of parsed.error.issues)
        issues.push({
          code: 'bad-value',
          file: table.file,
          row: row.row,
          column: columnOf(String(issue.path[0] ?? '')),
          message: `${options.context?.(row) ?? ''}${issue.message}`,
        });
  }
  return issues.length > 0 ? err(issues) : ok(records);
}
