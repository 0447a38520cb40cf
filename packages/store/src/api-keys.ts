import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Db } from './db.ts';
import type { Identity, Role } from './identity.ts';

const hashOf = (key: string): Buffer => createHash('sha256').update(key).digest();

export interface ApiKeyRecord {
  readonly id: string;
  readonly role: Role;
  readonly partners: string[];
  readonly label: string | null;
  readonly createdAt: string;
  readonly revokedAt: string | null;
}

interface KeyRow {
  id: string;
  key_hash: string;
  role: Role;
  partners: string[];
  label: string | null;
  created_at: Date | string;
  revoked_at: Date | string | null;
}

const record = (r: KeyRow): ApiKeyRecord => ({
  id: r.id,
  role: r.role,
  partners: r.partners,
  label: r.label,
  createdAt: new Date(r.created_at).toISOString(),
  revokedAt: r.revoked_at === null ? null : new Date(r.revoked_at).toISOString(),
});

/** Creates a key; the secret is returned here once and only its sha-256 is stored. */
export async function createApiKey(
  db: Db,
  o: { role: Role; partners?: readonly string[]; label?: string },
): Promise<ApiKeyRecord & { key: string }> {
  const id = `key_${randomBytes(6).toString('hex')}`;
  const key = `lsk_${randomBytes(32).toString('base64url')}`;
  const rows = await db.query<KeyRow>(
    `INSERT INTO api_keys (id, key_hash, role, partners, label) VALUES ($1, $2, $3, $4::text[], $5) RETURNING *`,
    [id, hashOf(key).toString('hex'), o.role, [...(o.partners ?? [])], o.label ?? null],
  );
  const row = rows[0];
  if (!row) throw new Error('key not stored');
  return { ...record(row), key };
}

export async function listApiKeys(db: Db): Promise<ApiKeyRecord[]> {
  return (await db.query<KeyRow>('SELECT * FROM api_keys ORDER BY created_at, id')).map(record);
}

/** Revokes a key; false when there is no such active key. */
export async function revokeApiKey(db: Db, id: string): Promise<boolean> {
  const rows = await db.query(
    'UPDATE api_keys SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING id',
    [id],
  );
  return rows.length > 0;
}

export async function activeKeyCount(db: Db): Promise<number> {
  const rows = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM api_keys WHERE revoked_at IS NULL');
  return rows[0]?.n ?? 0;
}

/** The identity of a presented key, or undefined when it is unknown or revoked (hashes compared in constant time). */
export async function authenticate(db: Db, key: string): Promise<Identity | undefined> {
  const hash = hashOf(key);
  const rows = await db.query<KeyRow>('SELECT * FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL', [
    hash.toString('hex'),
  ]);
  const row = rows[0];
  if (!row || !timingSafeEqual(Buffer.from(row.key_hash, 'hex'), hash)) return undefined;
  return { id: row.id, role: row.role, partners: row.partners };
}
