import type { CsvTable } from '../ingest/csv-table.ts';
import { cellText } from '../ingest/csv-table.ts';
import type { ImportIssue } from '../ingest/import-issue.ts';
import { readRecords } from '../ingest/read-records.ts';
import { type Financier, FinancierSchema } from '../model/project.ts';
import { err, ok, type Result } from '../result.ts';

const COLUMNS = ['id', 'name', 'country', 'kind', 'source'] as const;

/** Reads the financier catalogue (id, name, country, kind, source); an empty country means none (private, multilateral). */
export function parseFinanciers(
  table: CsvTable,
  countries: ReadonlySet<string>,
  sources: ReadonlySet<string>,
): Result<Financier[], ImportIssue[]> {
  const read = readRecords(table, COLUMNS, (row) =>
    FinancierSchema.safeParse({
      id: cellText(row, 'id'),
      name: cellText(row, 'name'),
      country: cellText(row, 'country') || null,
      kind: cellText(row, 'kind'),
      source: cellText(row, 'source'),
    }),
  );
  if (!read.ok) return read;
  const issues: ImportIssue[] = [];
  const seen = new Set<string>();
  read.value.forEach((f, i) => {
    const row = table.rows[i]?.row;
    const at = (column: string, code: ImportIssue['code'], message: string) =>
      issues.push({ code, file: table.file, ...(row === undefined ? {} : { row }), column, message });
    if (f.country !== null && !countries.has(f.country))
      at('country', 'unknown-country', `unknown country "${f.country}"`);
    if (!sources.has(f.source)) at('source', 'bad-value', `unknown source "${f.source}"`);
    if (seen.has(f.id)) at('id', 'duplicate-row', `financier "${f.id}" listed twice`);
    seen.add(f.id);
  });
  return issues.length > 0 ? err(issues) : ok(read.value);
}
