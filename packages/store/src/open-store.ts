import { join } from 'node:path';
import type { Dataset } from '@lodestone/core';
import type { Db } from './db.ts';
import { datasetHash, importDataset } from './dataset-import.ts';
import { migrate } from './migrate.ts';
import { openPglite } from './pglite-db.ts';
import { openPostgres } from './postgres-db.ts';
import { seedBuiltInScenarios } from './scenarios.ts';

/** Where the data lives: a PostgreSQL server (`DATABASE_URL`) or the embedded database in a directory. */
export type StoreLocation =
  | { readonly kind: 'postgres'; readonly url: string; readonly schema: string }
  | { readonly kind: 'pglite'; readonly dataDir: string | undefined; readonly schema: string };

/** The location from flags and the environment: `DATABASE_URL` wins, else `LODESTONE_DATA_DIR`, else ./.lodestone/db. */
export function storeLocation(
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
  flags: { dataDir?: string | undefined } = {},
): StoreLocation {
  const schema = env['LODESTONE_DB_SCHEMA'] ?? 'public';
  const url = env['DATABASE_URL'];
  if (url !== undefined && url !== '') return { kind: 'postgres', url, schema };
  return {
    kind: 'pglite',
    dataDir: flags.dataDir ?? env['LODESTONE_DATA_DIR'] ?? join(cwd, '.lodestone', 'db'),
    schema,
  };
}

/** A one-line description without credentials. */
export const describeLocation = (l: StoreLocation): string =>
  l.kind === 'postgres'
    ? `PostgreSQL ${l.url.replace(/\/\/[^@/]*@/, '//')}${l.schema === 'public' ? '' : ` (schema ${l.schema})`}`
    : `embedded PGlite in ${l.dataDir ?? 'memory'}`;

export const openDb = (l: StoreLocation): Promise<Db> =>
  l.kind === 'postgres' ? openPostgres(l.url, l.schema) : openPglite(l.dataDir, l.schema);

/**
 * Stores `dataset` (from `file`) and its built-in scenarios unless this version is already there.
 * Returns what was done.
 */
export async function seedDataset(db: Db, dataset: Dataset, file: string): Promise<'seeded' | 'present'> {
  const have = await db.query<{ content_hash: string }>(
    'SELECT content_hash FROM dataset_versions WHERE version = $1',
    [dataset.version],
  );
  let result: 'seeded' | 'present' = 'present';
  if (have.length === 0) {
    const imported = await importDataset(db, dataset, file);
    if (!imported.ok)
      throw new Error(imported.error.map((i) => `${i.file}:${i.row ?? ''} ${i.column ?? ''}: ${i.message}`).join('\n'));
    result = 'seeded';
  } else if (have[0]?.content_hash !== datasetHash(dataset)) {
    throw new Error(`dataset version ${dataset.version} is stored with different content`);
  } else {
    await db.query('UPDATE dataset_versions SET is_current = (version = $1) WHERE is_current OR version = $1', [
      dataset.version,
    ]);
  }
  await seedBuiltInScenarios(db, dataset.scenarios);
  return result;
}

/** Opens the store, applies pending migrations and seeds the dataset on first start. */
export async function openStore(l: StoreLocation, dataset: Dataset, file: string): Promise<Db> {
  const db = await openDb(l);
  try {
    await migrate(db);
    await seedDataset(db, dataset, file);
    return db;
  } catch (e) {
    await db.close();
    throw e;
  }
}
