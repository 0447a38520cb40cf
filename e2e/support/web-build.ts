import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const WEB_DIR = fileURLToPath(new URL('../../packages/web', import.meta.url));
export const DIST_DIR = join(WEB_DIR, 'dist');

function newestMtime(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((f) => newestMtime(join(path, f))));
}

function isFresh(): boolean {
  const index = join(DIST_DIR, 'index.html');
  const sources = ['src', 'index.html', 'vite.config.ts', 'package.json'].map((f) => join(WEB_DIR, f));
  return existsSync(index) && statSync(index).mtimeMs >= Math.max(...sources.map(newestMtime));
}

const sleep = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

/**
 * Builds the dashboard when `dist` is missing or older than any of its sources. Test files run in parallel
 * workers, so the build holds a lock (an atomically created directory) and the others wait for it.
 */
export function ensureWebBuild(timeoutMs = 120_000): { built: boolean } {
  const lock = join(WEB_DIR, '.build-lock');
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (isFresh()) return { built: false };
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (Date.now() > deadline) throw new Error(`waited ${timeoutMs} ms for another build (remove ${lock} if stale)`);
      sleep(250);
    }
  }
  try {
    if (isFresh()) return { built: false };
    const vite = fileURLToPath(new URL('../../node_modules/vite/bin/vite.js', import.meta.url));
    // Vitest sets NODE_ENV=test, which would make Vite bundle React's development build.
    execFileSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], {
      cwd: WEB_DIR,
      stdio: 'inherit',
      env: { ...process.env, NODE_ENV: 'production' },
    });
    return { built: true };
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}
