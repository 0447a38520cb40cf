import { z } from 'zod';
import { cellText, type CsvTable, requireColumns } from '../ingest/csv-table.ts';
import type { ImportIssue } from '../ingest/import-issue.ts';
import { err, ok, type Result } from '../result.ts';
import { SourceIdSchema } from './source.ts';

/** Products with a sourced annual price series (USGS reports Nd oxide; NdPr is priced through it, see docs/methods/policy.md). */
export const PricedProductSchema = z.enum(['nd_oxide', 'dy_oxide', 'tb_oxide']);
export type PricedProduct = z.infer<typeof PricedProductSchema>;

/** One annual average price, in USD per kg of oxide. */
export const AnnualPriceSchema = z.object({
  product: PricedProductSchema,
  year: z.number().int().min(1990).max(2100),
  usdPerKg: z.number().positive(),
  basis: z.literal('annual average'),
  source: SourceIdSchema,
  /** The row of the verbatim source copy (data/sources/prices/prices.csv) the figure was taken from. */
  sourceRow: z.number().int().min(2),
});
export type AnnualPrice = z.infer<typeof AnnualPriceSchema>;

const COLUMNS = ['product', 'year', 'usd_per_kg', 'basis', 'source', 'source_row'] as const;

/** Parses the typed price table; every problem names the file, row and column, and nothing partial is returned. */
export function parseAnnualPrices(table: CsvTable): Result<AnnualPrice[], ImportIssue[]> {
  const missing = requireColumns(table, COLUMNS);
  if (missing.length > 0) return err(missing);
  const issues: ImportIssue[] = [];
  const prices: AnnualPrice[] = [];
  const seen = new Set<string>();
  for (const row of table.rows) {
    const parsed = AnnualPriceSchema.safeParse({
      product: cellText(row, 'product'),
      year: Number(cellText(row, 'year')),
      usdPerKg: Number(cellText(row, 'usd_per_kg')),
      basis: cellText(row, 'basis'),
      source: cellText(row, 'source'),
      sourceRow: Number(cellText(row, 'source_row')),
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues)
        issues.push({
          code: 'bad-value',
          file: table.file,
          row: row.row,
          column: columnOf(String(issue.path[0] ?? '')),
          message: issue.message,
        });
      continue;
    }
    const key = `${parsed.data.product}|${parsed.data.year}`;
    if (seen.has(key)) {
      issues.push({ code: 'duplicate-row', file: table.file, row: row.row, message: `second price for ${key}` });
      continue;
    }
    seen.add(key);
    prices.push(parsed.data);
  }
  return issues.length > 0
    ? err(issues)
    : ok(prices.sort((a, b) => a.product.localeCompare(b.product) || a.year - b.year));
}

const columnOf = (field: string): string =>
  ({ usdPerKg: 'usd_per_kg', sourceRow: 'source_row' })[field] ?? (field || 'row');

/** The annual series of one product, oldest first. */
export const priceSeries = (prices: readonly AnnualPrice[], product: PricedProduct): AnnualPrice[] =>
  prices.filter((p) => p.product === product).sort((a, b) => a.year - b.year);
