import type { Scenario } from '@lodestone/core';
import { createApiKey } from '@lodestone/store';
import { testTargets } from '@lodestone/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processEngine } from './engine.ts';
import { bundledDataset, startTestServer, type TestServer } from './test-server.ts';

const scenarioDoc = (id: string, title = `Test ${id}`) => ({
  id,
  title,
  description: 'A two-month halt of rare-earth exports to Japan, for the tests',
  sources: [],
  startMonth: '2025-01',
  horizonMonths: 3,
  measures: [
    {
      kind: 'ad_hoc',
      label: 'halt',
      issuer: 'CHN',
      items: ['dy_oxide'],
      destinations: ['JPN'],
      shareCut: 1,
      startMonth: '2025-01',
      durationMonths: 2,
    },
  ],
});

const waitFor = async <T>(poll: () => Promise<T>, done: (t: T) => boolean, ms = 60_000): Promise<T> => {
  const until = performance.now() + ms;
  for (;;) {
    const value = await poll();
    if (done(value) || performance.now() > until) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
};

describe.each(testTargets())('the HTTP API on %s', (target) => {
  let server: TestServer;
  const keys: Record<'admin' | 'viewer' | 'usa' | 'jpn' | 'deu', string> = {
    admin: '',
    viewer: '',
    usa: '',
    jpn: '',
    deu: '',
  };

  beforeAll(async () => {
    server = await startTestServer(target, { engine: processEngine(1), rateLimitPerMinute: 10_000 });
  }, 60_000);
  afterAll(async () => server?.close());

  it('lets the local user on loopback write without a key while no key exists', async () => {
    const created = await server.call('POST', '/api/scenarios', { body: scenarioDoc('local-one') });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: 'local-one', builtIn: false, editable: true, partners: null });
  });

  it('reports its health, database and dataset version', async () => {
    const health = await server.call('GET', '/api/health');
    expect(health).toMatchObject({
      status: 200,
      body: { ok: true, database: target, datasetVersion: bundledDataset().version },
    });
    expect(health.headers.get('content-security-policy')).toContain("style-src 'self' 'unsafe-inline'");
    expect(health.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
    expect(health.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('creates keys for the rest of the suite; from now on a write needs one', async () => {
    keys.admin = (await createApiKey(server.db, { role: 'admin' })).key;
    await new Promise((r) => setTimeout(r, 2100)); // the key count is cached for 2 s
    const noKey = await server.call('POST', '/api/keys', { body: { role: 'viewer' } });
    expect(noKey.status).toBe(401);
    const asAdmin = async (role: string, partners: string[]) => {
      const r = await server.call('POST', '/api/keys', { key: keys.admin, body: { role, partners } });
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({ role, partners });
      return (r.body as { key: string }).key;
    };
    keys.viewer = await asAdmin('viewer', []);
    keys.usa = await asAdmin('analyst', ['USA']);
    keys.jpn = await asAdmin('analyst', ['JPN']);
    keys.deu = await asAdmin('analyst', ['DEU']);
    expect((await server.call('POST', '/api/keys', { key: keys.usa, body: { role: 'admin' } })).status).toBe(403);
    expect((await server.call('GET', '/api/keys', { key: keys.viewer })).status).toBe(403);
    const listed = await server.call('GET', '/api/keys', { key: keys.admin });
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body)).not.toContain(keys.usa);
  });

  it('refuses an unknown key with 401 even for reads', async () => {
    expect((await server.call('GET', '/api/scenarios', { key: 'lsk_nope' })).status).toBe(401);
  });

  describe('POST /api/scenarios', () => {
    it('answers 401 without a key, 403 for a viewer, 201 for an analyst', async () => {
      expect((await server.call('POST', '/api/scenarios', { body: scenarioDoc('s-401') })).status).toBe(401);
      const viewer = await server.call('POST', '/api/scenarios', { key: keys.viewer, body: scenarioDoc('s-403') });
      expect(viewer).toMatchObject({ status: 403, body: { error: 'forbidden' } });
      const ok = await server.call('POST', '/api/scenarios', {
        key: keys.usa,
        body: { ...scenarioDoc('usjp'), partners: ['USA', 'JPN'] },
      });
      expect(ok).toMatchObject({ status: 201, body: { id: 'usjp', partners: ['USA', 'JPN'], editable: true } });
      expect((await server.call('POST', '/api/scenarios', { key: keys.usa, body: scenarioDoc('usjp') })).status).toBe(
        409,
      );
    });

    it('answers 400 naming the JSON path of each bad field', async () => {
      const bad = await server.call('POST', '/api/scenarios', {
        key: keys.usa,
        body: { ...scenarioDoc('bad-one'), horizonMonths: 0 },
      });
      expect(bad.status).toBe(400);
      expect(bad.body).toMatchObject({ error: 'bad_request', issues: [{ path: 'body.horizonMonths' }] });
      const unknown = await server.call('POST', '/api/scenarios', {
        key: keys.usa,
        body: { ...scenarioDoc('bad-two'), sources: ['no-such-source'] },
      });
      expect(unknown).toMatchObject({
        status: 400,
        body: {
          error: 'bad_request',
          issues: [{ path: 'body.sources[0]', message: 'unknown source "no-such-source"' }],
        },
      });
    });
  });

  describe('partner restriction', () => {
    it('shows a USA+JPN record to USA and JPN keys only', async () => {
      const ids = async (key?: string) =>
        ((await server.call('GET', '/api/scenarios', key ? { key } : {})).body as { id: string }[]).map((s) => s.id);
      expect(await ids(keys.jpn)).toContain('usjp');
      expect(await ids(keys.deu)).not.toContain('usjp');
      expect(await ids()).not.toContain('usjp');
      expect((await server.call('GET', '/api/scenarios/usjp', { key: keys.deu })).status).toBe(404);
      expect(JSON.stringify((await server.call('GET', '/api/scenarios', { key: keys.deu })).body)).not.toContain(
        'usjp',
      );
    });
  });

  describe('PUT /api/scenarios/:id', () => {
    it('answers 401 without a key, 403 for another partner’s analyst or a built-in, 200 for the owner', async () => {
      const body = { ...scenarioDoc('usjp', 'Edited'), partners: ['USA', 'JPN'] };
      expect((await server.call('PUT', '/api/scenarios/usjp', { body })).status).toBe(401);
      expect((await server.call('PUT', '/api/scenarios/usjp', { key: keys.viewer, body })).status).toBe(403);
      expect((await server.call('PUT', '/api/scenarios/usjp', { key: keys.jpn, body })).status).toBe(403);
      expect((await server.call('PUT', '/api/scenarios/usjp', { key: keys.deu, body })).status).toBe(404);
      const builtIn = bundledDataset().scenarios[0];
      expect(
        (await server.call('PUT', `/api/scenarios/${builtIn?.id}`, { key: keys.admin, body: builtIn })).status,
      ).toBe(403);
      const ok = await server.call('PUT', '/api/scenarios/usjp', { key: keys.usa, body });
      expect(ok).toMatchObject({ status: 200, body: { title: 'Edited' } });
    });
  });

  describe('POST /api/scenarios/:id/runs', () => {
    it('answers 401, 403 (viewer; another partner), then runs and stores the inputs and the report', async () => {
      const body = { months: 3, runs: 1, seed: 11 };
      expect((await server.call('POST', '/api/scenarios/usjp/runs', { body })).status).toBe(401);
      expect((await server.call('POST', '/api/scenarios/usjp/runs', { key: keys.viewer, body })).status).toBe(403);
      expect((await server.call('POST', '/api/scenarios/usjp/runs', { key: keys.deu, body })).status).toBe(404);
      const bad = await server.call('POST', '/api/scenarios/usjp/runs', { key: keys.jpn, body: { months: 0 } });
      expect(bad).toMatchObject({ status: 400, body: { issues: [{ path: 'body.months' }] } });
      const started = await server.call('POST', '/api/scenarios/usjp/runs', { key: keys.jpn, body });
      expect(started).toMatchObject({ status: 202, body: { status: 'queued' } });
      const runId = (started.body as { runId: string }).runId;
      const run = await waitFor(
        async () => (await server.call('GET', `/api/runs/${runId}`, { key: keys.jpn })).body as Record<string, unknown>,
        (r) => r['status'] === 'done' || r['status'] === 'failed',
      );
      expect(run).toMatchObject({
        status: 'done',
        progress: { done: 1, total: 1 },
        inputs: { datasetVersion: bundledDataset().version, seed: 11, months: 3, runs: 1, scenario: { id: 'usjp' } },
        report: { scenario: 'usjp', months: 3, seed: 11 },
      });
      expect((await server.call('GET', `/api/runs/${runId}`, { key: keys.deu })).status).toBe(404);
      const listed = await server.call('GET', '/api/runs?scenario=usjp', { key: keys.usa });
      expect((listed.body as { id: string }[]).map((r) => r.id)).toEqual([runId]);
      const why = await server.call('GET', `/api/runs/${runId}/explain?iso3=JPN&product=dy_oxide&month=2`, {
        key: keys.jpn,
      });
      expect(why).toMatchObject({ status: 200, body: { iso3: 'JPN', product: 'dy_oxide', month: '2025-02' } });
    });
  });

  describe('POST /api/sweeps', () => {
    it('answers 401, 403, then 202 and reports progress', async () => {
      const body = { scenario: 'usjp', runs: 50, seed: 5, months: 3, jobSize: 50 };
      expect((await server.call('POST', '/api/sweeps', { body })).status).toBe(401);
      expect((await server.call('POST', '/api/sweeps', { key: keys.viewer, body })).status).toBe(403);
      expect((await server.call('POST', '/api/sweeps', { key: keys.deu, body })).status).toBe(404);
      const bad = await server.call('POST', '/api/sweeps', { key: keys.usa, body: { ...body, jobSize: 10 } });
      expect(bad).toMatchObject({ status: 400, body: { issues: [{ path: 'body.jobSize' }] } });
      const started = await server.call('POST', '/api/sweeps', { key: keys.usa, body });
      expect(started.status).toBe(202);
      const id = (started.body as { sweepId: string }).sweepId;
      const progress = await server.call('GET', `/api/sweeps/${id}`, { key: keys.jpn });
      expect(progress).toMatchObject({ status: 200, body: { total: 50 } });
      expect((await server.call('GET', `/api/sweeps/${id}`, { key: keys.deu })).status).toBe(404);
      if (target !== 'pglite') return; // on PostgreSQL the jobs wait for a worker (see the worker test)
      const done = await waitFor(
        async () => (await server.call('GET', `/api/sweeps/${id}`, { key: keys.jpn })).body as Record<string, unknown>,
        (s) => s['status'] === 'done' || s['status'] === 'failed',
      );
      expect(done).toMatchObject({ status: 'done', done: 50, total: 50 });
      const scenario = ((await server.call('GET', '/api/scenarios/usjp', { key: keys.usa })).body ?? {}) as Scenario;
      const engine = processEngine(1);
      const draws = await engine.runDraws(bundledDataset(), scenario, { months: 3, seed: 5, first: 0, count: 50 });
      expect(done['report']).toEqual(
        await engine.mergeDraws(bundledDataset(), scenario, { months: 3, seed: 5 }, draws),
      );
    });
  });

  describe('DELETE /api/keys/:id', () => {
    it('answers 401, 403, then revokes; the revoked key is refused', async () => {
      const created = await server.call('POST', '/api/keys', { key: keys.admin, body: { role: 'viewer' } });
      const { id, key } = created.body as { id: string; key: string };
      expect((await server.call('DELETE', `/api/keys/${id}`)).status).toBe(401);
      expect((await server.call('DELETE', `/api/keys/${id}`, { key: keys.usa })).status).toBe(403);
      expect((await server.call('DELETE', `/api/keys/${id}`, { key: keys.admin })).status).toBe(204);
      expect((await server.call('DELETE', `/api/keys/${id}`, { key: keys.admin })).status).toBe(404);
      expect((await server.call('GET', '/api/health', { key })).status).toBe(401);
    });
  });

  describe('read routes', () => {
    it('answer what the CLI prints with --json', async () => {
      const atlas = await server.call('GET', '/api/atlas?commodity=rare_earths&stage=mining&year=2024');
      expect(atlas).toMatchObject({ status: 200, body: { commodity: 'rare_earths', stage: 'mining', year: 2024 } });
      const body = atlas.body as { countries: { iso3: string; share: number }[]; chinaShare: number };
      expect(body.countries.find((c) => c.iso3 === 'CHN')?.share).toBeCloseTo(body.chinaShare, 12);
      expect((await server.call('GET', '/api/atlas?commodity=unobtainium')).status).toBe(404);
      expect(await server.call('GET', '/api/atlas?commodity=gallium&year=abc')).toMatchObject({
        status: 400,
        body: { issues: [{ path: 'query.year' }] },
      });
      const ranking = (await server.call('GET', '/api/ranking?by=chinaShare&critical=true')).body as {
        chinaShare: number;
      }[];
      expect(ranking.length).toBeGreaterThan(5);
      for (let i = 1; i < ranking.length; i++)
        expect(ranking[i - 1]?.chinaShare ?? 0).toBeGreaterThanOrEqual(ranking[i]?.chinaShare ?? 0);
      const sankey = (await server.call('GET', '/api/network/sankey?chain=magnets')).body as {
        nodes: { id: string }[];
        links: { source: string; target: string; value: number }[];
      };
      const ids = new Set(sankey.nodes.map((n) => n.id));
      expect(sankey.links.length).toBeGreaterThan(10);
      expect(sankey.links.every((l) => ids.has(l.source) && ids.has(l.target) && l.value > 0)).toBe(true);
      const controls = await server.call('GET', '/api/controls?at=2025-06-01&item=dysprosium&destination=JPN');
      expect(controls).toMatchObject({ status: 200, body: { item: 'dysprosium', destination: 'JPN' } });
      expect((await server.call('GET', '/api/sources/usgs-mcs2025-world')).status).toBe(200);
    });

    it('publish an OpenAPI 3 document of every route and a reference page', async () => {
      const doc = (await server.call('GET', '/openapi.json')).body as { openapi: string; paths: object };
      expect(doc.openapi).toMatch(/^3\./);
      expect(Object.keys(doc.paths)).toEqual(
        expect.arrayContaining([
          '/api/atlas',
          '/api/scenarios/{id}/runs',
          '/api/sweeps',
          '/api/keys/{id}',
          '/api/tracker',
          '/api/intake/queue/{id}/accept',
          '/api/projects/{id}/history',
        ]),
      );
      const docs = await server.call('GET', '/docs');
      expect(docs.status).toBe(200);
      expect(docs.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
      expect((await server.call('GET', '/api/nowhere')).status).toBe(404);
    });
  });
});

describe('rate limiting', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('pglite', { engine: processEngine(1), rateLimitPerMinute: 5 });
  }, 60_000);
  afterAll(async () => server?.close());

  it('answers 429 once a key has used its requests for the minute, and counts each key apart', async () => {
    const a = (await createApiKey(server.db, { role: 'viewer' })).key;
    const b = (await createApiKey(server.db, { role: 'viewer' })).key;
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await server.call('GET', '/api/health', { key: a })).status);
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
    expect((await server.call('GET', '/api/health', { key: b })).status).toBe(200);
  });
});
