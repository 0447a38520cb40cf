import { randomBytes } from 'node:crypto';
import { type Scenario, type SimulationReport, SimulationReportSchema } from '@lodestone/core';
import type { Db } from './db.ts';
import { type Identity, visibleTo } from './identity.ts';

export type RunStatus = 'queued' | 'running' | 'done' | 'failed';

/** Everything that produced a result, so it can be reproduced. */
export interface RunInputs {
  readonly datasetVersion: string;
  readonly datasetHash: string;
  readonly scenario: Scenario;
  readonly seed: number;
  readonly months: number;
  readonly runs: number;
}

export interface StoredRun {
  readonly id: string;
  readonly scenario: string;
  readonly status: RunStatus;
  readonly progress: { readonly done: number; readonly total: number };
  readonly createdAt: string;
  readonly finishedAt: string | null;
  readonly inputs: RunInputs;
  readonly report?: SimulationReport;
  readonly error?: string;
}

interface RunRow {
  id: string;
  scenario_id: string;
  status: RunStatus;
  done: number;
  total: number;
  dataset_version: string;
  dataset_hash: string;
  scenario: unknown;
  seed: number | string;
  months: number;
  runs: number;
  report: unknown;
  error: string | null;
  created_at: Date | string;
  finished_at: Date | string | null;
}

const json = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);

const storedRun = (r: RunRow, withReport: boolean): StoredRun => ({
  id: r.id,
  scenario: r.scenario_id,
  status: r.status,
  progress: { done: r.done, total: r.total },
  createdAt: new Date(r.created_at).toISOString(),
  finishedAt: r.finished_at === null ? null : new Date(r.finished_at).toISOString(),
  inputs: {
    datasetVersion: r.dataset_version,
    datasetHash: r.dataset_hash,
    scenario: json(r.scenario) as Scenario,
    seed: Number(r.seed),
    months: r.months,
    runs: r.runs,
  },
  ...(withReport && r.report !== null ? { report: SimulationReportSchema.parse(json(r.report)) } : {}),
  ...(r.error !== null ? { error: r.error } : {}),
});

/** Records a queued run with its inputs; visible to whoever may see the scenario. */
export async function createRun(
  db: Db,
  inputs: RunInputs,
  owner: Identity,
  partners: readonly string[] | null,
): Promise<StoredRun> {
  const id = `run_${randomBytes(8).toString('hex')}`;
  const rows = await db.query<RunRow>(
    `INSERT INTO runs (id, scenario_id, status, total, owner, partners, dataset_version, dataset_hash, scenario, seed, months, runs)
     VALUES ($1, $2, 'queued', $3, $4, $5::text[], $6, $7, $8::jsonb, $9, $10, $11) RETURNING *`,
    [
      id,
      inputs.scenario.id,
      inputs.runs,
      owner.id,
      partners === null ? null : [...partners],
      inputs.datasetVersion,
      inputs.datasetHash,
      JSON.stringify(inputs.scenario),
      inputs.seed,
      inputs.months,
      inputs.runs,
    ],
  );
  const row = rows[0];
  if (!row) throw new Error('run not stored');
  return storedRun(row, false);
}

export async function markRunProgress(db: Db, id: string, done: number): Promise<void> {
  await db.query(`UPDATE runs SET status = 'running', done = GREATEST(done, $2) WHERE id = $1 AND status <> 'done'`, [
    id,
    done,
  ]);
}

export async function finishRun(db: Db, id: string, report: SimulationReport): Promise<void> {
  await db.query(
    `UPDATE runs SET status = 'done', done = total, report = $2::jsonb, finished_at = now() WHERE id = $1`,
    [id, JSON.stringify(report)],
  );
}

export async function failRun(db: Db, id: string, error: string): Promise<void> {
  await db.query(`UPDATE runs SET status = 'failed', error = $2, finished_at = now() WHERE id = $1`, [id, error]);
}

export async function getRun(db: Db, id: string, who: Identity): Promise<StoredRun | undefined> {
  const rows = await db.query<RunRow>(`SELECT * FROM runs WHERE id = $1 AND ${visibleTo('$2', '$3')}`, [
    id,
    [...who.partners],
    who.id,
  ]);
  return rows[0] === undefined ? undefined : storedRun(rows[0], true);
}

/** Runs visible to `who`, newest first, without their reports. */
export async function listRuns(db: Db, who: Identity, scenario?: string): Promise<StoredRun[]> {
  const rows = await db.query<RunRow>(
    `SELECT id, scenario_id, status, done, total, dataset_version, dataset_hash, scenario, seed, months, runs,
       NULL AS report, error, created_at, finished_at
     FROM runs WHERE ${visibleTo('$1', '$2')} AND ($3::text IS NULL OR scenario_id = $3)
     ORDER BY created_at DESC, id LIMIT 200`,
    [[...who.partners], who.id, scenario ?? null],
  );
  return rows.map((r) => storedRun(r, false));
}

/** Runs left queued or running by a process that stopped: marked failed so nobody waits on them. */
export async function failAbandonedRuns(db: Db): Promise<number> {
  const rows = await db.query(
    `UPDATE runs SET status = 'failed', error = 'the server stopped before the run finished', finished_at = now()
     WHERE status IN ('queued', 'running') RETURNING id`,
  );
  return rows.length;
}
