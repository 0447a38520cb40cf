import {
  applyProjectChange,
  type ChangeEntry,
  ChangeEntrySchema,
  filterProjects,
  type Project,
  type ProjectReferences,
  ProjectSchema,
  type ProjectStore,
} from '@lodestone/core';
import type { Db } from './db.ts';

const json = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);
const project = (r: { record: unknown }): Project => ProjectSchema.parse(json(r.record));
const entry = (r: { entry: unknown }): ChangeEntry => ChangeEntrySchema.parse(json(r.entry));

/** Stores the bundled records that are not yet in the database; stored ones (edited, retired) are left alone. */
export async function seedProjects(db: Db, projects: readonly Project[]): Promise<number> {
  const rows = await db.query<{ id: string }>(
    `INSERT INTO projects (id, record, owner)
     SELECT r.id, r.record, 'builtin' FROM jsonb_to_recordset($1::jsonb) AS r(id text, record jsonb)
     ON CONFLICT (id) DO NOTHING RETURNING id`,
    [JSON.stringify(projects.map((p) => ({ id: p.id, record: p })))],
  );
  return rows.length;
}

/** Who added each record, by id. */
export async function projectOwners(db: Db): Promise<Map<string, string>> {
  const rows = await db.query<{ id: string; owner: string }>('SELECT id, owner FROM projects');
  return new Map(rows.map((r) => [r.id, r.owner]));
}

/** Who added a record ('builtin' for the bundled ones); undefined when there is no such record. */
export async function projectOwner(db: Db, id: string): Promise<string | undefined> {
  const rows = await db.query<{ owner: string }>('SELECT owner FROM projects WHERE id = $1', [id]);
  return rows[0]?.owner;
}

/**
 * The pipeline in the database. A change is applied by the core's `applyProjectChange` to the stored state,
 * under a table lock so that changes are numbered and checked one after another; the record and its history
 * entry are written in the same transaction.
 */
export function dbProjectStore(db: Db, refs: ProjectReferences): ProjectStore {
  return {
    list: async (filter = {}) =>
      filterProjects((await db.query<{ record: unknown }>('SELECT record FROM projects')).map(project), filter),
    get: async (id) => {
      const rows = await db.query<{ record: unknown }>('SELECT record FROM projects WHERE id = $1', [id]);
      return rows[0] === undefined ? undefined : project(rows[0]);
    },
    history: async (id) =>
      (id === undefined
        ? await db.query<{ entry: unknown }>('SELECT entry FROM project_history ORDER BY seq')
        : await db.query<{ entry: unknown }>('SELECT entry FROM project_history WHERE project_id = $1 ORDER BY seq', [
            id,
          ])
      ).map(entry),
    apply: async (change, meta) =>
      db.transaction(async (tx) => {
        await tx.query('LOCK TABLE projects, project_history IN SHARE ROW EXCLUSIVE MODE');
        const projects = (await tx.query<{ record: unknown }>('SELECT record FROM projects')).map(project);
        const last = await tx.query<{ entry: unknown }>('SELECT entry FROM project_history ORDER BY seq DESC LIMIT 1');
        const applied = applyProjectChange({ projects, history: last.map(entry) }, change, meta, refs);
        if (!applied.ok) return applied;
        const e = applied.value.entry;
        const record = applied.value.state.projects.find((p) => p.id === e.id);
        await tx.query(
          `INSERT INTO projects (id, record, owner) VALUES ($1, $2::jsonb, $3)
           ON CONFLICT (id) DO UPDATE SET record = EXCLUDED.record, updated_at = now()`,
          [e.id, JSON.stringify(record), meta.by],
        );
        await tx.query('INSERT INTO project_history (seq, project_id, entry) VALUES ($1, $2, $3::jsonb)', [
          e.seq,
          e.id,
          JSON.stringify(e),
        ]);
        return { ok: true, value: e };
      }),
  };
}
