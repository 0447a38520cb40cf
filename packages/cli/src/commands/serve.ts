import type { Dataset } from '@lodestone/core';
import { processEngine, startServer } from '@lodestone/server';
import { storeLocation } from '@lodestone/store';
import { z } from 'zod';
import type { Effects } from '../effects.ts';
import { EXIT, type ExitCode, UsageError } from '../exit-codes.ts';

const ServeFlagsSchema = z.object({
  port: z.coerce.number().int().min(0).max(65535).default(8787),
  host: z.string().min(1).default('127.0.0.1'),
  requireKeys: z.boolean().default(false),
  worker: z.boolean().default(true),
  rateLimit: z.coerce.number().int().positive().default(600),
  dataDir: z.string().min(1).optional(),
  log: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'silent']).default('info'),
});

/** Resolves on the first SIGINT or SIGTERM. */
export const terminationSignal = (): Promise<string> =>
  new Promise((resolve) => {
    const on = (signal: string) => () => {
      process.off('SIGINT', int);
      process.off('SIGTERM', term);
      resolve(signal);
    };
    const int = on('SIGINT');
    const term = on('SIGTERM');
    process.once('SIGINT', int);
    process.once('SIGTERM', term);
  });

/**
 * `lodestone serve`: the API and the dashboard until SIGINT/SIGTERM; then requests in flight finish and the
 * database closes. Logs are JSON lines (pino) on stdout.
 */
export async function serveCommand(
  dataset: Dataset,
  datasetFile: string,
  rawFlags: unknown,
  effects: Effects,
  stop: () => Promise<string> = terminationSignal,
): Promise<ExitCode> {
  const parsed = ServeFlagsSchema.safeParse(rawFlags);
  if (!parsed.success)
    throw new UsageError(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
  const flags = parsed.data;
  const stopped = stop();
  const server = await startServer({
    location: storeLocation(effects.env, effects.cwd, { dataDir: flags.dataDir }),
    dataset,
    datasetFile,
    engine: processEngine(),
    host: flags.host,
    port: flags.port,
    requireKeys: flags.requireKeys,
    worker: flags.worker,
    rateLimitPerMinute: flags.rateLimit,
    logger: flags.log === 'silent' ? false : { level: flags.log },
  });
  effects.stderr(
    `lodestone: serving on ${server.url} (${server.database}); API reference at ${server.url}/docs\n` +
      (flags.requireKeys
        ? 'lodestone: every write needs an API key\n'
        : 'lodestone: while no API key exists, requests from this machine without a key act as the local analyst\n'),
  );
  const signal = await stopped;
  effects.stderr(`lodestone: ${signal}: finishing requests in flight\n`);
  await server.close();
  effects.stderr('lodestone: stopped\n');
  return EXIT.ok;
}
