import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'packages/cli/bin/lodestone.js');

/** Whether the CLI has the `serve` command yet. */
export function serveCommandExists(): boolean {
  return existsSync(join(ROOT, 'packages/cli/src/commands/serve.ts'));
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  baseUrl: string;
  stop: () => Promise<void>;
  log: () => string;
}

/**
 * Starts `lodestone serve` on an ephemeral loopback port with a fresh embedded database in a temporary
 * directory (DATABASE_URL removed so it never touches a shared PostgreSQL), and waits for /api/health.
 */
export async function startServer(timeoutMs = 60_000): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'lodestone-e2e-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, LODESTONE_DATA_DIR: dataDir };
  delete env['DATABASE_URL'];
  const child: ChildProcess = spawn(process.execPath, [BIN, 'serve', '--port', String(port), '--host', '127.0.0.1'], {
    cwd: ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const baseUrl = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      await stop();
      throw new Error(`lodestone serve exited with ${child.exitCode}:\n${output}`);
    }
    try {
      const response = await fetch(`${baseUrl}/api/health`);
      if (response.ok) return { baseUrl, stop, log: () => output };
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`lodestone serve did not answer /api/health within ${timeoutMs} ms:\n${output}`);
}
