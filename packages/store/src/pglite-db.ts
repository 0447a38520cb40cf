import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { PGlite, type Transaction } from '@electric-sql/pglite';
import { checkSchemaName, type Db } from './db.ts';

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

/**
 * PGlite is one process's database: a lock file beside the directory keeps a second process (a CLI command
 * while `lodestone serve` runs) from opening it. A lock left by a process that died is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  const lock = `${dataDir.replace(/\/+$/, '')}.lock`;
  mkdirSync(dirname(lock), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      writeFileSync(lock, String(process.pid), { flag: 'wx' });
      return () => rmSync(lock, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      const owner = Number(readFileSync(lock, 'utf8'));
      if (Number.isInteger(owner) && owner !== process.pid && isAlive(owner))
        throw new Error(
          `the embedded database in ${dataDir} is in use by process ${owner} (lodestone serve?); stop it first, or share a PostgreSQL server through DATABASE_URL`,
          { cause: e },
        );
      rmSync(lock, { force: true });
    }
  }
  throw new Error(`could not lock ${dataDir}`);
}

type Queryable = Pick<PGlite, 'query' | 'exec'> | Transaction;

function wrap(conn: Queryable, schema: string, root: PGlite | null, unlock: () => void = () => undefined): Db {
  return {
    kind: 'pglite',
    schema,
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const r = await conn.query<T>(sql, [...params]);
      return r.rows;
    },
    async exec(sql: string) {
      await conn.exec(sql);
    },
    transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      if (root === null) return fn(this);
      return root.transaction((tx) => fn(wrap(tx, schema, null)));
    },
    async close() {
      if (root !== null) {
        await root.close();
        unlock();
      }
    },
  };
}

/**
 * PostgreSQL in WebAssembly, in `dataDir` (created on first use) or in memory when it is undefined.
 * One connection: `SET search_path` holds for every later query.
 */
export async function openPglite(dataDir: string | undefined, schema = 'public'): Promise<Db> {
  checkSchemaName(schema);
  const onDisk = dataDir !== undefined && !dataDir.startsWith('memory://');
  const unlock = onDisk ? lockDataDir(dataDir) : () => undefined;
  try {
    const pg = dataDir === undefined ? new PGlite() : new PGlite(dataDir);
    await pg.waitReady;
    if (schema !== 'public') await pg.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}; SET search_path TO ${schema}`);
    return wrap(pg, schema, pg, unlock);
  } catch (e) {
    unlock();
    throw e;
  }
}
