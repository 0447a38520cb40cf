import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { type Dataset, DatasetSchema } from '@lodestone/core';
import { mergeDraws, runDraws } from '@lodestone/engine';
import {
  createSweep,
  datasetHash,
  type Db,
  enqueueSweep,
  LOCAL_ANALYST,
  postgresPoolFor,
  seedDataset,
  sweepProgress,
} from '@lodestone/store';
import { openTestDb } from '@lodestone/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUNDLED_DATASET } from '../data/bundle-files.ts';
import { runCli } from '../testing/run-cli.ts';

const BIN = new URL('../../bin/lodestone.js', import.meta.url).pathname;
const url = process.env['DATABASE_URL'];

describe('lodestone worker', () => {
  it('refuses to start without DATABASE_URL', async () => {
    const r = await runCli(['worker']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('set DATABASE_URL');
  });
});

describe.skipIf(!url)('lodestone worker on PostgreSQL', () => {
  let db: Db;
  let drop: () => Promise<void>;
  let pool: ReturnType<typeof postgresPoolFor>;
  let dataset: Dataset;
  const children: ChildProcess[] = [];

  beforeAll(async () => {
    dataset = DatasetSchema.parse(JSON.parse(readFileSync(BUNDLED_DATASET, 'utf8')));
    ({ db, drop } = await openTestDb('postgres'));
    await seedDataset(db, dataset, 'data/derived/dataset.json');
    pool = postgresPoolFor(url ?? '', db.schema);
  }, 60_000);
  afterAll(async () => {
    for (const c of children) if (c.exitCode === null) c.kill('SIGKILL');
    await pool?.end();
    await drop?.();
  });

  const startWorker = (name: string) => {
    const child = spawn(process.execPath, [BIN, 'worker', '--threads', '2', '--stale-after', '3'], {
      env: { ...process.env, DATABASE_URL: url, LODESTONE_DB_SCHEMA: db.schema },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.push(child);
    const jobs: string[] = [];
    child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
      for (const line of chunk.split('\n')) if (line.includes('"job"')) jobs.push(line);
    });
    return { name, child, jobs };
  };

  it('completes a sweep with exactly the expected runs and percentiles when a worker is killed mid-job', async () => {
    const scenario = dataset.scenarios.find((s) => s.id === 'jp-2010-halt');
    if (!scenario) throw new Error('the bundled dataset lacks jp-2010-halt');
    const o = { total: 400, jobSize: 50, seed: 4242, months: 3 };
    const sweep = await createSweep(
      db,
      { scenario, ...o, datasetVersion: dataset.version, datasetHash: datasetHash(dataset) },
      LOCAL_ANALYST,
      null,
    );
    await enqueueSweep(pool, db.schema, sweep.id, o.total, o.jobSize);
    const victim = startWorker('victim');
    const survivor = startWorker('survivor');

    // Kill the victim while it holds its second job: that job's lock must be released and the job redone.
    const deadline = performance.now() + 60_000;
    while (victim.jobs.length < 2 && performance.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(victim.jobs.length).toBeGreaterThanOrEqual(2);
    victim.child.kill('SIGKILL');
    const before = await sweepProgress(db, sweep.id, LOCAL_ANALYST);
    expect(before?.done).toBeLessThan(o.total);

    let progress = before;
    while (progress?.status !== 'done' && performance.now() < deadline + 60_000) {
      await new Promise((r) => setTimeout(r, 250));
      progress = await sweepProgress(db, sweep.id, LOCAL_ANALYST);
    }
    expect(progress).toMatchObject({ status: 'done', done: o.total, total: o.total });
    const rows = await db.query<{ n: number; lo: number; hi: number }>(
      'SELECT count(*)::int AS n, min(run_index) AS lo, max(run_index) AS hi FROM sweep_results WHERE sweep_id = $1',
      [sweep.id],
    );
    expect(rows[0]).toEqual({ n: 400, lo: 0, hi: 399 });
    // The survivor redid the victim's unfinished job.
    const killedJob = victim.jobs.at(-1)?.match(/"first":(\d+)/)?.[1];
    expect(survivor.jobs.some((j) => j.includes(`"first":${killedJob},`))).toBe(true);

    // The same percentiles as an uninterrupted run with the same seed, in this process.
    const draws = await runDraws(dataset, scenario, { months: o.months, seed: o.seed, first: 0, count: o.total });
    const reference = await mergeDraws(dataset, scenario, { months: o.months, seed: o.seed }, draws);
    expect(progress?.report).toEqual(reference);
    expect(reference.summary.some((s) => s.p95 !== undefined)).toBe(true);

    survivor.child.kill('SIGTERM');
    const code = await new Promise<number | null>((r) => survivor.child.once('exit', r));
    expect(code).toBe(0);
  }, 150_000);
});
