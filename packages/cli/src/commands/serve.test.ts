import { spawn } from 'node:child_process';
import { request } from 'node:http';
import { describe, expect, it } from 'vitest';

const BIN = new URL('../../bin/lodestone.js', import.meta.url).pathname;

describe('lodestone serve', () => {
  it('finishes a request in flight when SIGTERM arrives, then exits 0 and accepts nothing more', async () => {
    // The embedded database, whatever the environment says.
    const env = { ...process.env, DATABASE_URL: '' };
    const child = spawn(process.execPath, [BIN, 'serve', '--port', '0', '--log', 'silent', '--data-dir', 'memory://'], {
      env,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        let err = '';
        child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
          err += chunk;
          const m = /serving on (http:\/\/[\d.:]+)/.exec(err);
          if (m?.[1]) resolve(m[1]);
        });
        child.once('exit', (code) => reject(new Error(`serve exited with ${code}: ${err}`)));
      });
      const body = JSON.stringify({
        id: 'in-flight',
        title: 'Sent while the server stops',
        description: 'The body arrives in two parts, SIGTERM between them',
        sources: [],
        startMonth: '2025-01',
        horizonMonths: 3,
      });
      const { hostname, port } = new URL(url);
      const response = new Promise<{ status: number; text: string }>((resolve, reject) => {
        const req = request(
          {
            hostname,
            port,
            method: 'POST',
            path: '/api/scenarios',
            headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
          },
          (res) => {
            let text = '';
            res.setEncoding('utf8').on('data', (c: string) => (text += c));
            res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
          },
        );
        req.on('error', reject);
        req.write(body.slice(0, 20));
        setTimeout(() => {
          child.kill('SIGTERM');
          setTimeout(() => req.end(body.slice(20)), 500);
        }, 200);
      });
      const answer = await response;
      expect(answer.status).toBe(201);
      expect(JSON.parse(answer.text)).toMatchObject({ id: 'in-flight', builtIn: false });
      const code = await new Promise<number | null>((resolve) =>
        child.exitCode === null ? child.once('exit', resolve) : resolve(child.exitCode),
      );
      expect(code).toBe(0);
      await expect(fetch(`${url}/api/health`)).rejects.toThrow();
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 120_000);
});
