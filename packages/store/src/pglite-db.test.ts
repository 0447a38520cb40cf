import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openPglite } from './pglite-db.ts';

describe('openPglite', () => {
  const dir = mkdtempSync(join(tmpdir(), 'lodestone-pglite-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const dataDir = join(dir, 'db');

  it('refuses a directory another live process holds, naming it', async () => {
    writeFileSync(`${dataDir}.lock`, String(process.ppid));
    await expect(openPglite(dataDir)).rejects.toThrow(`in use by process ${process.ppid}`);
  });

  it('takes over the lock of a process that died, and releases it on close', async () => {
    writeFileSync(`${dataDir}.lock`, '2147483646');
    const db = await openPglite(dataDir);
    expect(readFileSync(`${dataDir}.lock`, 'utf8')).toBe(String(process.pid));
    expect(await db.query<{ n: number }>('SELECT 1 AS n')).toEqual([{ n: 1 }]);
    await db.close();
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  }, 60_000);
});
