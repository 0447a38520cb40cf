import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import type { Db } from './db.ts';

/** One versioned migration: `NNNN_name.sql` in `src/migrations`. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
  readonly checksum: string;
}

const MIGRATIONS_DIR = new URL('./migrations/', import.meta.url);

/** The migrations shipped with this version, in order. */
export function bundledMigrations(dir: URL = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((file) => {
      const sql = readFileSync(new URL(file, dir), 'utf8');
      return {
        version: Number(file.slice(0, 4)),
        name: file.slice(5, -4),
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    });
}

export interface MigrationState {
  readonly version: number;
  readonly name: string;
  readonly state: 'applied' | 'pending' | 'changed';
  readonly appliedAt: string | null;
}

const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version integer PRIMARY KEY,
  name text NOT NULL,
  checksum text NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
)`;

interface AppliedRow {
  version: number;
  checksum: string;
  applied_at: Date | string;
}

/** Each migration's state: applied, pending, or changed since it was applied (its checksum differs). */
export async function migrationStatus(db: Db, migrations = bundledMigrations()): Promise<MigrationState[]> {
  const exists = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = $1 AND table_name = 'schema_migrations'`,
    [db.schema],
  );
  const applied = (exists[0]?.n ?? 0) > 0 ? await db.query<AppliedRow>('SELECT * FROM schema_migrations') : [];
  const byVersion = new Map(applied.map((a) => [Number(a.version), a]));
  return migrations.map((m) => {
    const a = byVersion.get(m.version);
    return {
      version: m.version,
      name: m.name,
      state: a === undefined ? 'pending' : a.checksum === m.checksum ? 'applied' : 'changed',
      appliedAt: a === undefined ? null : new Date(a.applied_at).toISOString(),
    };
  });
}

/**
 * Applies pending migrations in one transaction, under an advisory lock so two processes starting
 * together do not race; refuses to run when an applied migration's file has changed.
 */
export async function migrate(db: Db, migrations = bundledMigrations()): Promise<number[]> {
  return db.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [`lodestone-migrate:${db.schema}`]);
    await tx.exec(CREATE_TABLE);
    const applied = new Map(
      (await tx.query<AppliedRow>('SELECT version, checksum FROM schema_migrations')).map((a) => [
        Number(a.version),
        a.checksum,
      ]),
    );
    const done: number[] = [];
    for (const m of migrations) {
      const checksum = applied.get(m.version);
      if (checksum !== undefined) {
        if (checksum !== m.checksum)
          throw new Error(
            `migration ${String(m.version).padStart(4, '0')}_${m.name} changed after it was applied (checksum differs)`,
          );
        continue;
      }
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        m.version,
        m.name,
        m.checksum,
      ]);
      done.push(m.version);
    }
    return done;
  });
}
