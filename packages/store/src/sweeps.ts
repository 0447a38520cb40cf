import { randomBytes } from 'node:crypto';
import { type DrawOutcome, type Scenario, type SimulationReport, SimulationReportSchema } from '@lodestone/core';
import type { Db } from './db.ts';
import { type Identity, visibleTo } from './identity.ts';

export type SweepStatus = 'queued' | 'running' | 'merging' | 'done' | 'failed';

export interface SweepRecord {
  readonly id: string;
  readonly scenarioId: string;
  readonly status: SweepStatus;
  readonly total: number;
  readonly jobSize: number;
  readonly seed: number;
  readonly months: number;
  readonly datasetVersion: string;
  readonly datasetHash: string;
  readonly scenario: Scenario;
  readonly createdAt: string;
  readonly finishedAt: string | null;
  readonly error: string | null;
}

/** One job of a sweep: runs `first … first + count − 1`. */
export interface SweepJob {
  readonly sweepId: string;
  readonly first: number;
  readonly count: number;
}

interface SweepRow {
  id: string;
  scenario_id: string;
  status: SweepStatus;
  total: number;
  job_size: number;
  seed: number | string;
  months: number;
  dataset_version: string;
  dataset_hash: string;
  scenario: unknown;
  report?: unknown;
  error: string | null;
  created_at: Date | string;
  finished_at: Date | string | null;
}

const json = (v: unknown): unknown => (typeof v === 'string' ? JSON.parse(v) : v);

const sweepRecord = (r: SweepRow): SweepRecord => ({
  id: r.id,
  scenarioId: r.scenario_id,
  status: r.status,
  total: r.total,
  jobSize: r.job_size,
  seed: Number(r.seed),
  months: r.months,
  datasetVersion: r.dataset_version,
  datasetHash: r.dataset_hash,
  scenario: json(r.scenario) as Scenario,
  createdAt: new Date(r.created_at).toISOString(),
  finishedAt: r.finished_at === null ? null : new Date(r.finished_at).toISOString(),
  error: r.error,
});

/** Splits `total` runs into jobs of `jobSize` (the last may be smaller). */
export function sweepJobs(sweepId: string, total: number, jobSize: number): SweepJob[] {
  const jobs: SweepJob[] = [];
  for (let first = 0; first < total; first += jobSize)
    jobs.push({ sweepId, first, count: Math.min(jobSize, total - first) });
  return jobs;
}

export async function createSweep(
  db: Db,
  o: {
    scenario: Scenario;
    total: number;
    jobSize: number;
    seed: number;
    months: number;
    datasetVersion: string;
    datasetHash: string;
  },
  owner: Identity,
  partners: readonly string[] | null,
): Promise<SweepRecord> {
  const id = `sweep_${randomBytes(8).toString('hex')}`;
  const rows = await db.query<SweepRow>(
    `INSERT INTO sweeps (id, scenario_id, status, total, job_size, owner, partners, dataset_version, dataset_hash, scenario, seed, months)
     VALUES ($1, $2, 'queued', $3, $4, $5, $6::text[], $7, $8, $9::jsonb, $10, $11) RETURNING *`,
    [
      id,
      o.scenario.id,
      o.total,
      o.jobSize,
      owner.id,
      partners === null ? null : [...partners],
      o.datasetVersion,
      o.datasetHash,
      JSON.stringify(o.scenario),
      o.seed,
      o.months,
    ],
  );
  const row = rows[0];
  if (!row) throw new Error('sweep not stored');
  return sweepRecord(row);
}

/** The sweep, whoever asks (workers); undefined when unknown. */
export async function sweepById(db: Db, id: string): Promise<SweepRecord | undefined> {
  const rows = await db.query<SweepRow>('SELECT * FROM sweeps WHERE id = $1', [id]);
  return rows[0] === undefined ? undefined : sweepRecord(rows[0]);
}

/**
 * Writes the outcomes of one job. Idempotent: the key is (sweep, run index), so a job retried after its worker
 * died adds nothing twice. Returns how many runs of the sweep are now stored.
 */
export async function storeSweepOutcomes(db: Db, sweepId: string, outcomes: readonly DrawOutcome[]): Promise<number> {
  return db.transaction(async (tx) => {
    if (outcomes.length > 0)
      await tx.query(
        `INSERT INTO sweep_results (sweep_id, run_index, outcome)
         SELECT $1, (r.value->>'run')::int, r.value FROM jsonb_array_elements($2::jsonb) AS r
         ON CONFLICT (sweep_id, run_index) DO NOTHING`,
        [sweepId, JSON.stringify(outcomes)],
      );
    await tx.query(`UPDATE sweeps SET status = 'running' WHERE id = $1 AND status = 'queued'`, [sweepId]);
    const rows = await tx.query<{ n: number }>('SELECT count(*)::int AS n FROM sweep_results WHERE sweep_id = $1', [
      sweepId,
    ]);
    return rows[0]?.n ?? 0;
  });
}

/** Every stored outcome of a sweep, by run index. */
export async function sweepOutcomes(db: Db, sweepId: string): Promise<DrawOutcome[]> {
  const rows = await db.query<{ outcome: unknown }>(
    'SELECT outcome FROM sweep_results WHERE sweep_id = $1 ORDER BY run_index',
    [sweepId],
  );
  return rows.map((r) => json(r.outcome) as DrawOutcome);
}

/** Claims the merge of a complete sweep; false when another worker has it or it is done. */
export async function claimSweepMerge(db: Db, sweepId: string): Promise<boolean> {
  const rows = await db.query(
    `UPDATE sweeps SET status = 'merging' WHERE id = $1 AND status IN ('queued', 'running', 'merging')
       AND (SELECT count(*) FROM sweep_results WHERE sweep_id = $1) = total RETURNING id`,
    [sweepId],
  );
  return rows.length > 0;
}

export async function finishSweep(db: Db, sweepId: string, report: SimulationReport): Promise<void> {
  await db.query(
    `UPDATE sweeps SET status = 'done', report = $2::jsonb, finished_at = now() WHERE id = $1 AND status <> 'done'`,
    [sweepId, JSON.stringify(report)],
  );
}

export async function failSweep(db: Db, sweepId: string, error: string): Promise<void> {
  await db.query(`UPDATE sweeps SET status = 'failed', error = $2, finished_at = now() WHERE id = $1`, [
    sweepId,
    error,
  ]);
}

/** A sweep's progress (runs stored / total) and its merged report when complete. */
export async function sweepProgress(db: Db, id: string, who: Identity) {
  const rows = await db.query<SweepRow & { done: number }>(
    `SELECT s.*, (SELECT count(*) FROM sweep_results r WHERE r.sweep_id = s.id)::int AS done
     FROM sweeps s WHERE s.id = $1 AND ${visibleTo('$2', '$3')}`,
    [id, [...who.partners], who.id],
  );
  const r = rows[0];
  if (!r) return undefined;
  return {
    ...sweepRecord(r),
    done: r.done,
    ...(r.report !== null && r.report !== undefined ? { report: SimulationReportSchema.parse(json(r.report)) } : {}),
  };
}
