import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { DATA_DIR } from './bundle-files.ts';

/** The EU 2023 study's published SR and EI by material — read for validation only, never an input. */
export function readPublishedResults(): Map<string, { sr: number; ei: number }> {
  const text = readFileSync(join(DATA_DIR, 'sources', 'eu_crm_2023', 'published_results_for_validation.csv'), 'utf8');
  const rows = parse(text, { columns: true }) as Record<string, string>[];
  return new Map(rows.map((r) => [r['material'] ?? '', { sr: Number(r['sr']), ei: Number(r['ei']) }]));
}
