import { readFileSync } from 'node:fs';
import { type Dataset, DatasetSchema } from '@lodestone/core';
import { type Db, seedDataset } from '@lodestone/store';
import { openTestDb } from '@lodestone/store/testing';
import type { FastifyInstance } from 'fastify';
import { buildServer, type ServerOptions } from './app.ts';

const DATASET_FILE = new URL('../../../data/derived/dataset.json', import.meta.url).pathname;

let bundled: Dataset | undefined;
/** The bundled dataset, parsed once per test file. */
export const bundledDataset = (): Dataset =>
  (bundled ??= DatasetSchema.parse(JSON.parse(readFileSync(DATASET_FILE, 'utf8'))));

export interface TestServer {
  readonly app: FastifyInstance;
  readonly url: string;
  readonly db: Db;
  /** fetch against the server with an optional key; JSON bodies. */
  call(
    method: string,
    path: string,
    o?: { key?: string; body?: unknown },
  ): Promise<{ status: number; body: unknown; headers: Headers }>;
  close(): Promise<void>;
}

/** A server on 127.0.0.1 and an ephemeral port, over a fresh seeded database of the given kind. */
export async function startTestServer(
  target: 'pglite' | 'postgres',
  options: Omit<ServerOptions, 'db' | 'dataset'>,
): Promise<TestServer> {
  const { db, drop } = await openTestDb(target);
  await seedDataset(db, bundledDataset(), 'data/derived/dataset.json');
  const { app } = await buildServer({ ...options, db, dataset: bundledDataset() });
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    app,
    url,
    db,
    async call(method, path, o = {}) {
      const response = await fetch(`${url}${path}`, {
        method,
        headers: {
          ...(o.key ? { authorization: `Bearer ${o.key}` } : {}),
          ...(o.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(o.body === undefined ? {} : { body: JSON.stringify(o.body) }),
      });
      const text = await response.text();
      let body: unknown = text;
      try {
        body = text === '' ? null : JSON.parse(text);
      } catch {
        // not JSON: keep the text
      }
      return { status: response.status, body, headers: response.headers };
    },
    async close() {
      await app.close();
      await drop();
    },
  };
}
