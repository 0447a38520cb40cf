import { type Scenario, ScenarioSchema } from '@lodestone/core';
import type { Db } from './db.ts';
import { canSee, type Identity, visibleTo } from './identity.ts';

/** A scenario as stored: the document plus who owns it and who may see it. */
export interface StoredScenario {
  readonly scenario: Scenario;
  readonly builtIn: boolean;
  readonly owner: string;
  /** Partner countries the record is restricted to; null when public. */
  readonly partners: string[] | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

interface ScenarioRow {
  id: string;
  document: unknown;
  built_in: boolean;
  owner: string;
  partners: string[] | null;
  created_at: Date | string;
  updated_at: Date | string;
}

const stored = (r: ScenarioRow): StoredScenario => ({
  scenario: ScenarioSchema.parse(typeof r.document === 'string' ? JSON.parse(r.document) : r.document),
  builtIn: r.built_in,
  owner: r.owner,
  partners: r.partners,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

/** Stores the dataset's built-in scenarios, refreshing their documents (user scenarios are left alone). */
export async function seedBuiltInScenarios(db: Db, scenarios: readonly Scenario[]): Promise<void> {
  await db.query(
    `INSERT INTO scenarios (id, document, built_in, owner)
     SELECT r.id, r.document, true, 'builtin' FROM jsonb_to_recordset($1::jsonb) AS r(id text, document jsonb)
     ON CONFLICT (id) DO UPDATE SET document = EXCLUDED.document, updated_at = now() WHERE scenarios.built_in
       AND scenarios.document IS DISTINCT FROM EXCLUDED.document`,
    [JSON.stringify(scenarios.map((s) => ({ id: s.id, document: s })))],
  );
}

/** The scenarios `who` may see: built-in first, then stored ones by id. */
export async function listScenarios(db: Db, who: Identity): Promise<StoredScenario[]> {
  const rows = await db.query<ScenarioRow>(
    `SELECT * FROM scenarios WHERE ${visibleTo('$1', '$2')} ORDER BY built_in DESC, id`,
    [[...who.partners], who.id],
  );
  return rows.map(stored);
}

/** One scenario, or undefined when it does not exist or `who` may not see it. */
export async function getScenario(db: Db, id: string, who: Identity): Promise<StoredScenario | undefined> {
  const rows = await db.query<ScenarioRow>(`SELECT * FROM scenarios WHERE id = $1 AND ${visibleTo('$2', '$3')}`, [
    id,
    [...who.partners],
    who.id,
  ]);
  return rows[0] === undefined ? undefined : stored(rows[0]);
}

export type ScenarioWriteError =
  | { readonly code: 'exists'; readonly message: string }
  | { readonly code: 'not-found'; readonly message: string }
  | { readonly code: 'forbidden'; readonly message: string };

/** Stores a new scenario owned by `who`, restricted to `partners` when given; the history records it. */
export async function createScenario(
  db: Db,
  scenario: Scenario,
  who: Identity,
  partners: readonly string[] | null,
): Promise<StoredScenario | ScenarioWriteError> {
  return db.transaction(async (tx) => {
    const rows = await tx.query<ScenarioRow>(
      `INSERT INTO scenarios (id, document, owner, partners) VALUES ($1, $2::jsonb, $3, $4::text[])
       ON CONFLICT (id) DO NOTHING RETURNING *`,
      [scenario.id, JSON.stringify(scenario), who.id, partners === null ? null : [...partners]],
    );
    const row = rows[0];
    if (!row) return { code: 'exists', message: `scenario ${scenario.id} already exists` } as const;
    await recordChange(tx, 'scenario', scenario.id, who.id, null, scenario);
    return stored(row);
  });
}

/** Replaces a stored scenario; only its owner or an admin may, and built-in ones are read-only. */
export async function updateScenario(
  db: Db,
  id: string,
  scenario: Scenario,
  who: Identity,
  partners: readonly string[] | null | undefined,
): Promise<StoredScenario | ScenarioWriteError> {
  return db.transaction(async (tx) => {
    const current = (await tx.query<ScenarioRow>('SELECT * FROM scenarios WHERE id = $1 FOR UPDATE', [id]))[0];
    if (!current || !canSee(who, current)) return { code: 'not-found', message: `no scenario ${id}` } as const;
    if (current.built_in)
      return { code: 'forbidden', message: `scenario ${id} is built in; save a copy under a new id` } as const;
    if (current.owner !== who.id && who.role !== 'admin')
      return { code: 'forbidden', message: `scenario ${id} belongs to another key` } as const;
    const rows = await tx.query<ScenarioRow>(
      `UPDATE scenarios SET document = $2::jsonb, partners = $3::text[], updated_at = now() WHERE id = $1 RETURNING *`,
      [
        id,
        JSON.stringify(scenario),
        partners === undefined ? current.partners : partners === null ? null : [...partners],
      ],
    );
    await recordChange(tx, 'scenario', id, who.id, current.document, scenario);
    const row = rows[0];
    if (!row) throw new Error(`scenario ${id} vanished during its update`);
    return stored(row);
  });
}

/** Appends one edit to the change history. */
export async function recordChange(
  db: Db,
  entity: string,
  entityId: string,
  changedBy: string,
  before: unknown,
  after: unknown,
): Promise<void> {
  await db.query(
    `INSERT INTO change_history (entity, entity_id, changed_by, before, after) VALUES ($1, $2, $3, $4::jsonb, $5::jsonb)`,
    [entity, entityId, changedBy, before === null ? null : JSON.stringify(before), JSON.stringify(after)],
  );
}

/** The edits of one record, oldest first. */
export async function changeHistory(db: Db, entity: string, entityId: string) {
  const rows = await db.query<{
    id: number;
    changed_by: string;
    changed_at: Date | string;
    before: unknown;
    after: unknown;
  }>(
    'SELECT id, changed_by, changed_at, before, after FROM change_history WHERE entity = $1 AND entity_id = $2 ORDER BY id',
    [entity, entityId],
  );
  return rows.map((r) => ({
    id: Number(r.id),
    changedBy: r.changed_by,
    changedAt: new Date(r.changed_at).toISOString(),
    before: r.before,
    after: r.after,
  }));
}
