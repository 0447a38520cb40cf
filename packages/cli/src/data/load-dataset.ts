import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type Dataset, DatasetSchema } from '@lodestone/core';
import type { Effects } from '../effects.ts';
import { BUNDLED_DATASET } from './bundle-files.ts';

/** Where `lodestone import` writes and where the CLI looks first: ./.lodestone/dataset.json. */
export const importedDatasetPath = (effects: Effects): string =>
  effects.env['LODESTONE_DATASET'] ?? join(effects.cwd, '.lodestone', 'dataset.json');

/** The dataset to use: an explicit or imported one if present, else the bundled one. */
export function datasetPath(effects: Effects, explicit?: string): string {
  if (explicit !== undefined) return explicit;
  const imported = importedDatasetPath(effects);
  return existsSync(imported) ? imported : BUNDLED_DATASET;
}

/** Reads and validates a dataset file; a schema failure names the JSON path. */
export function loadDataset(path: string): Dataset {
  const parsed = DatasetSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    const first = parsed.error.issues.slice(0, 5).map((i) => `${path} at ${i.path.join('.')}: ${i.message}`);
    throw new Error(first.join('\n'));
  }
  return parsed.data;
}
