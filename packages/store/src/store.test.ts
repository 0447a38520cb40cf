import { readFileSync } from 'node:fs';
import { type Dataset, DatasetSchema, type DrawOutcome } from '@lodestone/core';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeKeyCount, authenticate, createApiKey, listApiKeys, revokeApiKey } from './api-keys.ts';
import { datasetVersions, importDataset } from './dataset-import.ts';
import type { Db } from './db.ts';
import { bundledMigrations, migrate, migrationStatus } from './migrate.ts';
import { seedDataset } from './open-store.ts';
import { changeHistory, createScenario, getScenario, listScenarios, updateScenario } from './scenarios.ts';
import { createSweep, storeSweepOutcomes, sweepJobs, sweepProgress } from './sweeps.ts';
import { openTestDb, testTargets } from './test-db.ts';
import type { Identity } from './identity.ts';
import { createRun, finishRun, getRun, listRuns } from './runs.ts';

const DATASET_FILE = new URL('../../../data/derived/dataset.json', import.meta.url).pathname;
const bundled: Dataset = DatasetSchema.parse(JSON.parse(readFileSync(DATASET_FILE, 'utf8')));
const firstScenario = bundled.scenarios[0];
if (!firstScenario) throw new Error('the bundled dataset has no scenarios');

const usa: Identity = { id: 'key_usa', role: 'analyst', partners: ['USA'] };
const jpn: Identity = { id: 'key_jpn', role: 'analyst', partners: ['JPN'] };
const deu: Identity = { id: 'key_deu', role: 'analyst', partners: ['DEU'] };
const admin: Identity = { id: 'key_admin', role: 'admin', partners: [] };

const count = async (db: Db, table: string) =>
  (await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`))[0]?.n;

describe.each(testTargets())('store on %s', (target) => {
  let db: Db;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    ({ db, drop } = await openTestDb(target));
    await seedDataset(db, bundled, 'data/derived/dataset.json');
  }, 60_000);
  afterAll(async () => drop?.());

  describe('migrate', () => {
    it('applies each migration once and reports it applied', async () => {
      expect(await migrate(db)).toEqual([]);
      const status = await migrationStatus(db);
      expect(status.map((s) => [s.version, s.state])).toEqual(bundledMigrations().map((m) => [m.version, 'applied']));
    });

    it('refuses to run when an applied migration file has changed', async () => {
      const changed = bundledMigrations().map((m, i) => (i === 0 ? { ...m, checksum: 'f'.repeat(64) } : m));
      await expect(migrate(db, changed)).rejects.toThrow(/0001_initial changed after it was applied/);
      expect((await migrationStatus(db, changed))[0]?.state).toBe('changed');
    });
  });

  describe('seedDataset', () => {
    it('stores the bundled dataset once, with every observation and built-in scenario', async () => {
      expect(await seedDataset(db, bundled, 'data/derived/dataset.json')).toBe('present');
      const versions = await datasetVersions(db);
      expect(versions).toHaveLength(1);
      expect(versions[0]).toMatchObject({ version: bundled.version, isCurrent: true });
      expect(versions[0]?.observations).toBe(bundled.observations.length);
      expect(await count(db, 'scenarios')).toBe(bundled.scenarios.length);
    });
  });

  describe('importDataset', () => {
    it('rolls the whole import back when one row is refused, naming file, row and column', async () => {
      const before = await count(db, 'dataset_observations');
      const bad = structuredClone(bundled);
      bad.version = '2099.1.0+bad';
      const row = 1234;
      const o = bad.observations[row - 1];
      if (!o) throw new Error('fixture too small');
      bad.observations[row - 1] = { ...o, source: 'no-such-source' as typeof o.source };
      const result = await importDataset(db, bad, 'release/bad.json');
      expect(result).toEqual({
        ok: false,
        error: [
          {
            code: 'bad-value',
            file: 'release/bad.json',
            row,
            column: 'observations.source',
            message: 'unknown source "no-such-source"',
          },
        ],
      });
      expect(await count(db, 'dataset_observations')).toBe(before);
      expect((await datasetVersions(db)).map((v) => v.version)).toEqual([bundled.version]);
    });

    it('names the row and field of a document that fails the schema, storing nothing', async () => {
      const bad = structuredClone(bundled) as unknown as { version: string; observations: { year: unknown }[] };
      bad.version = '2099.2.0';
      const target = bad.observations[9];
      if (target) target.year = 'soon';
      const result = await importDataset(db, bad, 'bad.json');
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error[0]).toMatchObject({ file: 'bad.json', row: 10, column: 'observations.year' });
      expect(await count(db, 'dataset_versions')).toBe(1);
    });
  });

  describe('api keys', () => {
    it('stores only the hash, authenticates the key and forgets it once revoked', async () => {
      const created = await createApiKey(db, { role: 'analyst', partners: ['JPN'] });
      expect(created.key).toMatch(/^lsk_[A-Za-z0-9_-]{43}$/);
      const stored = await db.query<{ key_hash: string }>('SELECT key_hash FROM api_keys WHERE id = $1', [created.id]);
      expect(stored[0]?.key_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(JSON.stringify(stored)).not.toContain(created.key);
      expect(await authenticate(db, created.key)).toEqual({ id: created.id, role: 'analyst', partners: ['JPN'] });
      expect(await authenticate(db, `${created.key}x`)).toBeUndefined();
      expect((await listApiKeys(db)).map((k) => k.id)).toContain(created.id);
      const active = await activeKeyCount(db);
      expect(await revokeApiKey(db, created.id)).toBe(true);
      expect(await revokeApiKey(db, created.id)).toBe(false);
      expect(await authenticate(db, created.key)).toBeUndefined();
      expect(await activeKeyCount(db)).toBe(active - 1);
    });
  });

  describe('scenarios', () => {
    const doc = (id: string) => ({ ...structuredClone(firstScenario), id, title: `Copy ${id}` });

    it('keeps a partner-restricted scenario from other keys and records every edit', async () => {
      const created = await createScenario(db, doc('usjp-only'), usa, ['USA', 'JPN']);
      expect('code' in created).toBe(false);
      expect(await getScenario(db, 'usjp-only', jpn)).toBeDefined();
      expect(await getScenario(db, 'usjp-only', deu)).toBeUndefined();
      expect((await listScenarios(db, deu)).map((s) => s.scenario.id)).not.toContain('usjp-only');
      expect(await updateScenario(db, 'usjp-only', doc('usjp-only'), deu, undefined)).toMatchObject({
        code: 'not-found',
      });
      expect(await updateScenario(db, 'usjp-only', doc('usjp-only'), jpn, undefined)).toMatchObject({
        code: 'forbidden',
      });
      const edited = await updateScenario(db, 'usjp-only', { ...doc('usjp-only'), title: 'Edited' }, usa, undefined);
      expect(edited).toMatchObject({ scenario: { title: 'Edited' }, partners: ['USA', 'JPN'] });
      const history = await changeHistory(db, 'scenario', 'usjp-only');
      expect(history.map((h) => [h.changedBy, (h.after as { title: string }).title])).toEqual([
        ['key_usa', 'Copy usjp-only'],
        ['key_usa', 'Edited'],
      ]);
      expect(await createScenario(db, doc('usjp-only'), admin, null)).toMatchObject({ code: 'exists' });
    });

    it('refuses edits of built-in scenarios', async () => {
      const id = firstScenario.id;
      expect(await updateScenario(db, id, firstScenario, admin, undefined)).toMatchObject({
        code: 'forbidden',
      });
    });
  });

  describe('runs', () => {
    it('stores a run with the inputs that produced it and its report', async () => {
      const scenario = firstScenario;
      const inputs = { datasetVersion: bundled.version, datasetHash: 'h', scenario, seed: 7, months: 6, runs: 1 };
      const run = await createRun(db, inputs, jpn, ['JPN']);
      expect(run).toMatchObject({ status: 'queued', progress: { done: 0, total: 1 }, inputs });
      const report = {
        scenario: scenario.id,
        startMonth: '2025-01',
        months: 6,
        runs: 1,
        seed: 7,
        shortfalls: [],
        prices: [],
        summary: [],
      };
      await finishRun(db, run.id, report);
      expect(await getRun(db, run.id, jpn)).toMatchObject({ status: 'done', report, inputs: { seed: 7 } });
      expect(await getRun(db, run.id, deu)).toBeUndefined();
      expect((await listRuns(db, jpn, scenario.id)).map((r) => r.id)).toContain(run.id);
    });
  });

  describe('sweeps', () => {
    it('splits runs into jobs that cover each index once', () => {
      fc.assert(
        fc.property(fc.integer({ min: 1, max: 5000 }), fc.integer({ min: 1, max: 300 }), (total, size) => {
          const jobs = sweepJobs('s', total, size);
          const covered = jobs.flatMap((j) => Array.from({ length: j.count }, (_, k) => j.first + k));
          expect(covered).toEqual(Array.from({ length: total }, (_, i) => i));
          expect(jobs.every((j) => j.count >= 1 && j.count <= size)).toBe(true);
        }),
        { numRuns: 100 },
      );
    });

    it('counts a retried job once (primary key sweep and run index)', async () => {
      const sweep = await createSweep(
        db,
        {
          scenario: firstScenario,
          total: 4,
          jobSize: 2,
          seed: 1,
          months: 6,
          datasetVersion: bundled.version,
          datasetHash: 'h',
        },
        usa,
        null,
      );
      const outcome = (run: number) => ({ run, marker: run * 10 }) as unknown as DrawOutcome;
      expect(await storeSweepOutcomes(db, sweep.id, [outcome(0), outcome(1)])).toBe(2);
      expect(await storeSweepOutcomes(db, sweep.id, [outcome(0), outcome(1)])).toBe(2);
      expect(await storeSweepOutcomes(db, sweep.id, [outcome(2), outcome(3)])).toBe(4);
      expect(await sweepProgress(db, sweep.id, jpn)).toMatchObject({ status: 'running', done: 4, total: 4 });
    });
  });
});
