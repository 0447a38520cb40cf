import pg from 'pg';
import { checkSchemaName, type Db } from './db.ts';

// int8 (count(*), bigint columns) comes back as a string from `pg` and as a number from PGlite: make both numbers.
const INT8 = 20;
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === INT8 ? (v: string) => Number(v) : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

function wrap(conn: pg.Pool | pg.PoolClient, schema: string, pool: pg.Pool | null, connectionString: string): Db {
  return {
    kind: 'postgres',
    schema,
    async query<T>(sql: string, params: readonly unknown[] = []) {
      const r = await conn.query(sql, [...params]);
      return r.rows as T[];
    },
    async exec(sql: string) {
      await conn.query(sql);
    },
    async transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T> {
      if (pool === null) return fn(this);
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrap(client, schema, null, connectionString));
        await client.query('COMMIT');
        return result;
      } catch (e) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw e;
      } finally {
        client.release();
      }
    },
    async close() {
      if (pool !== null) await pool.end();
    },
  };
}

/** The PostgreSQL server at `connectionString`; every connection of the pool uses `schema`. */
export async function openPostgres(connectionString: string, schema = 'public', maxConnections = 10): Promise<Db> {
  checkSchemaName(schema);
  if (schema !== 'public') {
    const setup = new pg.Client({ connectionString });
    await setup.connect();
    try {
      await setup.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } finally {
      await setup.end();
    }
  }
  const pool = new pg.Pool({
    connectionString,
    max: maxConnections,
    types,
    ...(schema === 'public' ? {} : { options: `-c search_path=${schema}` }),
  });
  pool.on('error', () => undefined);
  return wrap(pool, schema, pool, connectionString);
}

/** The pool options a second client (the job queue) needs to reach the same schema. */
export function postgresPoolFor(connectionString: string, schema: string, max = 4): pg.Pool {
  const pool = new pg.Pool({
    connectionString,
    max,
    types,
    ...(schema === 'public' ? {} : { options: `-c search_path=${checkSchemaName(schema)}` }),
  });
  // A client losing its connection must not crash the process; the next query reconnects.
  pool.on('error', () => undefined);
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}
