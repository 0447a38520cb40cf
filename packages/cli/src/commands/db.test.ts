import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLED_DATASET } from '../data/bundle-files.ts';
import { runCli } from '../testing/run-cli.ts';

describe('lodestone db and keys', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lodestone-db-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const at = ['--data-dir', join(dir, 'db')];

  it('migrates, seeds, reports status, and creates, lists and revokes keys in the embedded database', async () => {
    expect(await runCli(['db', 'migrate', ...at])).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('applied 0001'),
    });
    const seeded = await runCli(['db', 'seed', ...at]);
    expect(seeded).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/dataset \S+ stored; 6 built-in scenarios/),
    });
    const status = await runCli(['db', 'status', '--json', ...at]);
    const parsed = JSON.parse(status.stdout) as {
      migrations: { version: number; state: string }[];
      datasets: { isCurrent: boolean; observations: number }[];
    };
    expect(parsed.migrations.map((m) => [m.version, m.state])).toEqual([
      [1, 'applied'],
      [2, 'applied'],
      [3, 'applied'],
    ]);
    expect(parsed.datasets).toEqual([expect.objectContaining({ isCurrent: true })]);
    expect(parsed.datasets[0]?.observations).toBeGreaterThan(1000);

    const bad = JSON.parse(readFileSync(BUNDLED_DATASET, 'utf8')) as {
      version: string;
      observations: { source: string }[];
    };
    bad.version = '2099.1.0';
    const row = bad.observations[2000];
    if (row) row.source = 'no-such-source';
    const badFile = join(dir, 'bad.json');
    writeFileSync(badFile, JSON.stringify(bad));
    const refused = await runCli(['db', 'import', badFile, ...at]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`${badFile}:2001 [observations.source]: unknown source "no-such-source"`);
    expect(refused.stderr).toContain('nothing stored');
    const after = JSON.parse((await runCli(['db', 'status', '--json', ...at])).stdout) as { datasets: unknown[] };
    expect(after.datasets).toHaveLength(1);

    const created = await runCli(['keys', 'create', '--role', 'analyst', '--partner', 'jpn', 'usa', ...at]);
    expect(created.code).toBe(0);
    expect(created.stdout).toMatch(/^lsk_[A-Za-z0-9_-]{43}\n$/);
    expect(created.stderr).toMatch(/key key_[0-9a-f]{12} \(analyst, partners JPN, USA\) created/);
    const id = /key (key_[0-9a-f]{12})/.exec(created.stderr)?.[1] ?? '';
    const listed = await runCli(['keys', 'list', '--json', ...at]);
    expect(JSON.parse(listed.stdout)).toEqual([
      expect.objectContaining({ id, role: 'analyst', partners: ['JPN', 'USA'], revokedAt: null }),
    ]);
    expect(listed.stdout).not.toContain(created.stdout.trim());
    expect(await runCli(['keys', 'revoke', id, ...at])).toMatchObject({ code: 0 });
    expect(await runCli(['keys', 'revoke', id, ...at])).toMatchObject({ code: 2 });
    expect(await runCli(['keys', 'create', '--role', 'owner', ...at])).toMatchObject({ code: 2 });
  }, 180_000);
});
