import { PGlite, type Transaction } from '@electric-sql/pglite';
import { checkSchemaName, type Db } from './db.ts';

type Queryable = Pick<PGlite, 'query' | 'exec'> | Transaction;

function wrap(conn: Queryable, schema: string, root: PGlite | null): Db {
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
      if (root !== null) await root.close();
    },
  };
}

/**
 * PostgreSQL in WebAssembly, in `dataDir` (created on first use) or in memory when it is undefined.
 * One connection: `SET search_path` holds for every later query.
 */
export async function openPglite(dataDir: string | undefined, schema = 'public'): Promise<Db> {
  checkSchemaName(schema);
  const pg = dataDir === undefined ? new PGlite() : new PGlite(dataDir);
  await pg.waitReady;
  if (schema !== 'public') await pg.exec(`CREATE SCHEMA IF NOT EXISTS ${schema}; SET search_path TO ${schema}`);
  return wrap(pg, schema, pg);
}
