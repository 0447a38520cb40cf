/** The one port every repository talks to: plain SQL with `$n` parameters, and transactions. */
export interface Db {
  readonly kind: 'pglite' | 'postgres';
  /** The schema tables live in (`public` unless isolated, e.g. per test file). */
  readonly schema: string;
  query<T = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<T[]>;
  /** Runs several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs `fn` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(fn: (tx: Db) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** A schema name safe to splice into SQL (it cannot be a parameter). */
export function checkSchemaName(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`invalid schema name "${schema}"`);
  return schema;
}

/** A database error's fields as PostgreSQL reports them (both adapters carry them). */
export interface DbErrorFields {
  readonly code?: string;
  readonly detail?: string;
  readonly column?: string;
  readonly constraint?: string;
  readonly message: string;
}

export const dbErrorFields = (e: unknown): DbErrorFields => {
  const o = (typeof e === 'object' && e !== null ? e : {}) as Record<string, unknown>;
  const str = (k: string) => (typeof o[k] === 'string' ? (o[k] as string) : undefined);
  const fields: { -readonly [K in keyof DbErrorFields]: DbErrorFields[K] } = {
    message: e instanceof Error ? e.message : String(e),
  };
  for (const k of ['code', 'detail', 'column', 'constraint'] as const) {
    const v = str(k);
    if (v !== undefined) fields[k] = v;
  }
  return fields;
};
