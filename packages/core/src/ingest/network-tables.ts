import type { z } from 'zod';
import {
  type CapacityOutput,
  CapacityOutputSchema,
  type Coefficient,
  CoefficientSchema,
  type FinalDemand,
  FinalDemandSchema,
  type Inventory,
  InventorySchema,
  type Network,
  type Product,
  ProductSchema,
} from '../model/network.ts';
import type { Source } from '../model/source.ts';
import { err, ok, type Result } from '../result.ts';
import { cellText, type CsvRow, type CsvTable } from './csv-table.ts';
import { readRecords, snakeColumn } from './read-records.ts';
import type { ImportIssue } from './import-issue.ts';
import { rowSource } from './row-sources.ts';

/** The network's tables, each possibly split over several files (one per chain family). */
export interface NetworkTables {
  readonly products: readonly CsvTable[];
  readonly coefficients: readonly CsvTable[];
  readonly capacityOutput: readonly CsvTable[];
  readonly demand: readonly CsvTable[];
  readonly inventories: readonly CsvTable[];
}

const PROVENANCE = ['source_title', 'source_locator', 'url', 'confidence', 'note'];
const numberOrNull = (s: string): number | string | null =>
  s === '' ? null : /^-?\d+(\.\d+)?(e[-+]?\d+)?$/i.test(s.replace(/,/g, '')) ? Number(s.replace(/,/g, '')) : s;
const FIELD_COLUMN: Readonly<Record<string, string>> = {
  nameEn: 'name_en',
  nameJa: 'name_ja',
  output: 'output_product',
  input: 'input_product',
  area: 'country',
  capacity: 'capacity_t',
  endUse: 'end_use',
  inventoryDays: 'inventory_days',
  stockpile: 'stockpile_t',
};

function readNetworkRows<T>(
  tables: readonly CsvTable[],
  columns: readonly string[],
  toRecord: (row: CsvRow, source: Source['id']) => z.ZodSafeParseResult<T>,
  sources: Map<string, Source>,
  issues: ImportIssue[],
): T[] {
  return tables.flatMap((table) => {
    const read = readRecords(
      table,
      [...columns, ...PROVENANCE],
      (row, rowIssues) => {
        const provenance = rowSource(row, table.file, 'net');
        if ('issue' in provenance) {
          rowIssues.push(provenance.issue);
          return undefined;
        }
        sources.set(provenance.source.id, provenance.source);
        return toRecord(row, provenance.source.id);
      },
      { columnOf: (field) => FIELD_COLUMN[field] ?? snakeColumn(field) },
    );
    if (read.ok) return read.value;
    issues.push(...read.error);
    return [];
  });
}

/** Reads the supply-network tables; every row's provenance becomes a registered source. */
export function parseNetwork(tables: NetworkTables): Result<{ network: Network; sources: Source[] }, ImportIssue[]> {
  const issues: ImportIssue[] = [];
  const sources = new Map<string, Source>();
  const products: Product[] = readNetworkRows(
    tables.products,
    ['product', 'chain', 'stage', 'unit', 'name_en', 'name_ja', 'commodity'],
    (row, source) =>
      ProductSchema.safeParse({
        product: cellText(row, 'product'),
        chain: cellText(row, 'chain'),
        stage: cellText(row, 'stage'),
        unit: cellText(row, 'unit'),
        nameEn: cellText(row, 'name_en'),
        nameJa: cellText(row, 'name_ja'),
        commodity: cellText(row, 'commodity') === '' ? null : cellText(row, 'commodity'),
        controlItems: cellText(row, 'control_items')
          .split(';')
          .map((i) => i.trim())
          .filter((i) => i !== ''),
        source,
      }),
    sources,
    issues,
  );
  const coefficients: Coefficient[] = readNetworkRows(
    tables.coefficients,
    ['output_product', 'input_product', 'value', 'low', 'high'],
    (row, source) =>
      CoefficientSchema.safeParse({
        output: cellText(row, 'output_product'),
        input: cellText(row, 'input_product'),
        value: numberOrNull(cellText(row, 'value')),
        low: numberOrNull(cellText(row, 'low')) ?? numberOrNull(cellText(row, 'value')),
        high: numberOrNull(cellText(row, 'high')) ?? numberOrNull(cellText(row, 'value')),
        source,
      }),
    sources,
    issues,
  );
  const capacityOutput: CapacityOutput[] = readNetworkRows(
    tables.capacityOutput,
    ['product', 'country', 'year', 'capacity_t', 'output_t'],
    (row, source) =>
      CapacityOutputSchema.safeParse({
        product: cellText(row, 'product'),
        area: cellText(row, 'country'),
        year: numberOrNull(cellText(row, 'year')),
        capacity: numberOrNull(cellText(row, 'capacity_t')),
        output: numberOrNull(cellText(row, 'output_t')),
        source,
      }),
    sources,
    issues,
  );
  const demand: FinalDemand[] = readNetworkRows(
    tables.demand,
    ['product', 'country', 'year', 'end_use'],
    (row, source) =>
      FinalDemandSchema.safeParse({
        product: cellText(row, 'product'),
        area: cellText(row, 'country'),
        year: numberOrNull(cellText(row, 'year')),
        quantity: numberOrNull(cellText(row, 'quantity_t') || cellText(row, 'quantity')),
        endUse: cellText(row, 'end_use'),
        isBalancing: /other_or_unallocated|balancing/i.test(`${cellText(row, 'end_use')} ${cellText(row, 'note')}`),
        source,
      }),
    sources,
    issues,
  );
  const inventories: Inventory[] = readNetworkRows(
    tables.inventories,
    ['product', 'country', 'inventory_days', 'stockpile_t'],
    (row, source) =>
      InventorySchema.safeParse({
        product: cellText(row, 'product'),
        area: cellText(row, 'country'),
        inventoryDays: numberOrNull(cellText(row, 'inventory_days')),
        stockpile: numberOrNull(cellText(row, 'stockpile_t')),
        source,
      }),
    sources,
    issues,
  );
  if (issues.length > 0) return err(issues);
  return ok({
    network: { products, coefficients, capacityOutput, demand, inventories },
    sources: [...sources.values()].sort((a, b) => a.id.localeCompare(b.id)),
  });
}
