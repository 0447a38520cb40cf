import { randomBytes } from 'node:crypto';
import type { Db } from './db.ts';
import { migrate } from './migrate.ts';
import { openPglite } from './pglite-db.ts';
import { openPostgres } from './postgres-db.ts';

/** The databases a suite runs against: PGlite always, PostgreSQL too when DATABASE_URL is set. */
export const testTargets = (): ('pglite' | 'postgres')[] =>
  process.env['DATABASE_URL'] ? ['pglite', 'postgres'] : ['pglite'];

/**
 * A fresh, migrated database for one test file: an in-memory PGlite, or a new schema `t_<random>` on the
 * PostgreSQL server, dropped by `drop()`.
 */
export async function openTestDb(target: 'pglite' | 'postgres'): Promise<{ db: Db; drop: () => Promise<void> }> {
  const schema = `t_${randomBytes(5).toString('hex')}`;
  if (target === 'pglite') {
    const db = await openPglite(undefined, schema);
    await migrate(db);
    return { db, drop: () => db.close() };
  }
  const url = process.env['DATABASE_URL'];
  if (!url) throw new Error('DATABASE_URL is not set');
  const db = await openPostgres(url, schema);
  await migrate(db);
  return {
    db,
    drop: async () => {
      await db.exec(`DROP SCHEMA ${schema} CASCADE; DROP SCHEMA IF EXISTS ${schema}_queue CASCADE`);
      await db.close();
    },
  };
}
