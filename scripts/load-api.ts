// Load test of the HTTP API on loopback: `npm run load [-- --duration 10 --connections 200]`.
// Starts `lodestone serve` on an ephemeral port (embedded database in memory, local mode), warms each URL once,
// then drives the atlas reads and the export-control reads in turn with autocannon and prints, per phase,
// requests/s, p50/p99 latency, non-2xx answers and the server's resident memory before and after.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { z } from 'zod';

const FlagsSchema = z.object({
  duration: z.coerce.number().int().min(1).max(600).default(60),
  connections: z.coerce.number().int().min(1).max(2000).default(200),
});

function flags(argv: readonly string[]) {
  const raw: Record<string, string> = {};
  for (let i = 0; i < argv.length; i++) {
    const m = /^--(\w+)(?:=(.*))?$/.exec(argv[i] ?? '');
    if (m?.[1]) raw[m[1]] = m[2] ?? argv[++i] ?? '';
  }
  return FlagsSchema.parse(raw);
}

const PHASES = {
  atlas: [
    '/api/atlas?commodity=rare_earths',
    '/api/atlas?commodity=rare_earths&stage=mining&year=2024',
    '/api/atlas?commodity=gallium',
    '/api/atlas?commodity=graphite_natural',
    '/api/atlas?commodity=cobalt',
    '/api/ranking?by=hhi',
    '/api/ranking?by=chinaShare&critical=true',
    '/api/commodities',
  ],
  controls: [
    '/api/controls?at=2025-06-01&item=dysprosium&destination=JPN',
    '/api/controls?at=2025-12-01',
    '/api/controls?at=2024-01-01&item=gallium&destination=USA',
    '/api/controls/timeline?item=gallium&destination=USA',
    '/api/controls/timeline?destination=JPN',
  ],
} as const;

/** Resident memory of a process in MiB (Linux /proc), or null elsewhere. */
function rssMiB(pid: number): number | null {
  try {
    const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    return kb === undefined ? null : Math.round(Number(kb) / 1024);
  } catch {
    return null;
  }
}

const o = flags(process.argv.slice(2));
const bin = new URL('../packages/cli/bin/lodestone.js', import.meta.url).pathname;
const server = spawn(process.execPath, [bin, 'serve', '--port', '0', '--log', 'silent', '--data-dir', 'memory://'], {
  env: { ...process.env, DATABASE_URL: '' },
  stdio: ['ignore', 'ignore', 'pipe'],
});
try {
  const url = await new Promise<string>((resolve, reject) => {
    let err = '';
    server.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      err += chunk;
      const m = /serving on (http:\/\/[\d.:]+)/.exec(err);
      if (m?.[1]) resolve(m[1]);
    });
    server.once('exit', (code) => reject(new Error(`lodestone serve exited with ${code}: ${err}`)));
  });
  const pid = server.pid ?? 0;
  console.log(`server ${url} (pid ${pid}); ${o.connections} connections, ${o.duration} s per phase\n`);
  for (const [phase, paths] of Object.entries(PHASES)) {
    for (const p of paths) {
      const r = await fetch(`${url}${p}`);
      if (!r.ok) throw new Error(`${p}: HTTP ${r.status}`);
      await r.arrayBuffer();
    }
    const before = rssMiB(pid);
    const result = await autocannon({
      url,
      connections: o.connections,
      duration: o.duration,
      requests: paths.map((path) => ({ method: 'GET' as const, path })),
    });
    const after = rssMiB(pid);
    console.log(
      [
        `${phase.padEnd(8)} ${paths.length} URLs`,
        `  requests/s  ${Math.round(result.requests.average)} (total ${result.requests.total})`,
        `  latency     p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, max ${result.latency.max} ms`,
        `  non-2xx     ${result.non2xx}; errors ${result.errors}; timeouts ${result.timeouts}`,
        `  memory      ${before ?? 'n/a'} MiB before, ${after ?? 'n/a'} MiB after (server RSS)`,
        '',
      ].join('\n'),
    );
  }
} finally {
  server.kill('SIGTERM');
}
