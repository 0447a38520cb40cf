import { readFileSync } from 'node:fs';
import { type Dataset, formatImportIssue } from '@lodestone/core';
import {
  datasetVersions,
  type Db,
  describeLocation,
  importDataset,
  migrate,
  migrationStatus,
  openDb,
  seedDataset,
  storeLocation,
} from '@lodestone/store';
import { z } from 'zod';
import type { Effects } from '../effects.ts';
import { EXIT, type ExitCode, UsageError } from '../exit-codes.ts';
import { textTable } from '../format/text-table.ts';

const DbFlagsSchema = z.object({ dataDir: z.string().min(1).optional(), json: z.boolean().default(false) });

/** Opens the database the flags and environment name (DATABASE_URL, else the embedded one), runs `fn`, closes it. */
export async function withDb<T>(rawFlags: unknown, effects: Effects, fn: (db: Db, where: string) => Promise<T>) {
  const parsed = DbFlagsSchema.safeParse(rawFlags);
  if (!parsed.success)
    throw new UsageError(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
  const location = storeLocation(effects.env, effects.cwd, { dataDir: parsed.data.dataDir });
  const db = await openDb(location);
  try {
    return await fn(db, describeLocation(location));
  } finally {
    await db.close();
  }
}

/** `lodestone db migrate`: applies pending migrations. */
export function dbMigrateCommand(rawFlags: unknown, effects: Effects): Promise<ExitCode> {
  return withDb(rawFlags, effects, async (db, where) => {
    const applied = await migrate(db);
    effects.stdout(
      applied.length === 0
        ? `${where}: up to date\n`
        : `${where}: applied ${applied.map((v) => String(v).padStart(4, '0')).join(', ')}\n`,
    );
    return EXIT.ok;
  });
}

/** `lodestone db seed`: migrates, then stores the dataset and its built-in scenarios unless already there. */
export function dbSeedCommand(dataset: Dataset, file: string, rawFlags: unknown, effects: Effects): Promise<ExitCode> {
  return withDb(rawFlags, effects, async (db, where) => {
    await migrate(db);
    const result = await seedDataset(db, dataset, file);
    effects.stdout(
      `${where}: dataset ${dataset.version} ${result === 'seeded' ? 'stored' : 'already stored'}; ${dataset.scenarios.length} built-in scenarios\n`,
    );
    return EXIT.ok;
  });
}

/**
 * `lodestone db import <file>`: stores a dataset version (e.g. written by `lodestone import usgs-mcs`) in one
 * transaction; a refused row leaves the database as it was and is named by file, row and column.
 */
export function dbImportCommand(file: string, rawFlags: unknown, effects: Effects): Promise<ExitCode> {
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    effects.stderr(`${file}: ${e instanceof Error ? e.message : String(e)}\n`);
    return Promise.resolve(EXIT.failed);
  }
  return withDb(rawFlags, effects, async (db, where) => {
    await migrate(db);
    const result = await importDataset(db, document, file, { makeCurrent: false });
    if (!result.ok) {
      for (const issue of result.error) effects.stderr(`${formatImportIssue(issue)}\n`);
      effects.stderr(`import failed: nothing stored\n`);
      return EXIT.failed;
    }
    for (const w of result.value.warnings) effects.stderr(`${formatImportIssue(w)}\n`);
    effects.stdout(`${where}: dataset ${result.value.version} stored, ${result.value.observations} observations\n`);
    return EXIT.ok;
  });
}

/** `lodestone db status`: each migration's state and the dataset versions stored. */
export function dbStatusCommand(rawFlags: unknown, effects: Effects): Promise<ExitCode> {
  return withDb(rawFlags, effects, async (db, where) => {
    const migrations = await migrationStatus(db);
    const versions = migrations.every((m) => m.state === 'pending') ? [] : await datasetVersions(db);
    if ((rawFlags as { json?: boolean }).json) {
      effects.stdout(`${JSON.stringify({ database: where, migrations, datasets: versions }, null, 2)}\n`);
    } else {
      effects.stdout(`${where}\n\n`);
      effects.stdout(
        textTable(
          ['migration', 'name', 'state', 'applied at'],
          migrations.map((m) => [String(m.version).padStart(4, '0'), m.name, m.state, m.appliedAt ?? '']),
        ),
      );
      effects.stdout('\n');
      effects.stdout(
        versions.length === 0
          ? 'no dataset stored (lodestone db seed)\n'
          : textTable(
              ['dataset', 'current', 'observations', 'imported at', 'from'],
              versions.map((v) => [
                v.version,
                v.isCurrent ? 'yes' : '',
                String(v.observations),
                v.importedAt,
                v.sourceFile,
              ]),
              new Set([2]),
            ),
      );
    }
    return migrations.some((m) => m.state === 'changed') ? EXIT.failed : EXIT.ok;
  });
}
