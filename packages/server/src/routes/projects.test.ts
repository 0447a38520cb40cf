import { readFileSync } from 'node:fs';
import { createApiKey } from '@lodestone/store';
import { testTargets } from '@lodestone/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processEngine } from '../engine.ts';
import { startTestServer, type TestServer } from '../test-server.ts';

const bundled = (id: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../../../../data/projects/records/${id}.json`, import.meta.url), 'utf8'));

/** A new record derived from a bundled one, its financing and notes restricted to Japan's keys. */
const restricted = () => ({
  ...bundled('AU-ALC-GA'),
  id: 'AU-TEST-GA',
  name: 'Gallium recovery test record',
  restriction: { fields: ['financing', 'notes'], partners: ['JPN'] },
  origin: null,
});

interface Project {
  id: string;
  status: string;
  financing: unknown[];
  notes: string[];
  retired: { reason: string } | null;
}
interface Entry {
  seq: number;
  kind: string;
  by: string;
  diff: { path: string; before: unknown; after: unknown }[];
}
type Issues = { issues: { path: string; message: string }[] };

describe.each(testTargets())('the project pipeline API on %s', (target) => {
  let server: TestServer;
  const keys = { admin: '', viewer: '', usa: '', usaId: '', jpn: '', deu: '' };

  beforeAll(async () => {
    server = await startTestServer(target, { engine: processEngine(1), rateLimitPerMinute: 10_000 });
    keys.admin = (await createApiKey(server.db, { role: 'admin' })).key;
    keys.viewer = (await createApiKey(server.db, { role: 'viewer' })).key;
    const usa = await createApiKey(server.db, { role: 'analyst', partners: ['USA'] });
    keys.usa = usa.key;
    keys.usaId = usa.id;
    keys.jpn = (await createApiKey(server.db, { role: 'analyst', partners: ['JPN'] })).key;
    keys.deu = (await createApiKey(server.db, { role: 'viewer', partners: ['DEU'] })).key;
  }, 60_000);
  afterAll(async () => server?.close());

  it('serves the 48 bundled records, filtered by country, stage and status', async () => {
    const all = await server.call('GET', '/api/projects');
    expect(all.status).toBe(200);
    expect((all.body as Project[]).length).toBe(48);
    const aus = (await server.call('GET', '/api/projects?country=aus')).body as Project[];
    expect(aus.map((p) => p.id)).toEqual([
      'AU-ALC-GA',
      'AU-ARU-NOL',
      'AU-ASM-DUB',
      'AU-ILU-ENB',
      'AU-LYC-JARE',
      'AU-LYC-MTW-KAL',
      'AU-RNU-SIV',
    ]);
    const operating = (await server.call('GET', '/api/projects?status=operating')).body as Project[];
    expect(operating.length).toBe(14);
    expect((await server.call('GET', '/api/projects/AU-ALC-GA')).body).toMatchObject({ status: 'feasibility' });
    expect((await server.call('GET', '/api/projects/NO-SUCH')).status).toBe(404);
  });

  it('adds a record: 401, 403, 400 naming the JSON path, 201, then 409 for the same id', async () => {
    expect((await server.call('POST', '/api/projects', { body: restricted() })).status).toBe(401);
    expect((await server.call('POST', '/api/projects', { key: keys.viewer, body: restricted() })).status).toBe(403);
    const badType = await server.call('POST', '/api/projects', {
      key: keys.usa,
      body: { ...restricted(), stages: 'refining' },
    });
    expect(badType.status).toBe(400);
    expect((badType.body as Issues).issues.map((i) => i.path)).toEqual(['body.stages']);
    const unknownCountry = await server.call('POST', '/api/projects', {
      key: keys.usa,
      body: { ...restricted(), hostCountry: 'XXX' },
    });
    expect(unknownCountry.status).toBe(400);
    expect((unknownCountry.body as Issues).issues.map((i) => i.path)).toEqual(['body.hostCountry']);
    const created = await server.call('POST', '/api/projects', { key: keys.usa, body: restricted() });
    expect(created.status).toBe(201);
    expect((created.body as Project).financing).toHaveLength(2);
    expect((await server.call('POST', '/api/projects', { key: keys.usa, body: restricted() })).status).toBe(409);
  });

  it('removes restricted fields for other partners and the public, not for the partner or the owner', async () => {
    const as = async (key?: string) =>
      (await server.call('GET', '/api/projects/AU-TEST-GA', key ? { key } : {})).body as Project;
    expect((await as(keys.jpn)).financing).toHaveLength(2);
    expect((await as(keys.usa)).financing).toHaveLength(2);
    expect(await as(keys.deu)).toMatchObject({ financing: [], notes: [], status: 'feasibility' });
    expect(await as()).toMatchObject({ financing: [], notes: [] });
    const listed = (await server.call('GET', '/api/projects?country=AUS', { key: keys.deu })).body as Project[];
    expect(listed.find((p) => p.id === 'AU-TEST-GA')?.financing).toEqual([]);
  });

  it('edits: 401, 403 for a viewer and for another analyst, 400 naming the path, 200 for the owner', async () => {
    const path = '/api/projects/AU-TEST-GA';
    const body = { status: 'construction', statusAsOf: '2026-01-15' };
    expect((await server.call('PATCH', path, { body })).status).toBe(401);
    expect((await server.call('PATCH', path, { key: keys.viewer, body })).status).toBe(403);
    expect((await server.call('PATCH', path, { key: keys.jpn, body })).status).toBe(403);
    const bad = await server.call('PATCH', path, { key: keys.usa, body: { status: 'digging' } });
    expect(bad.status).toBe(400);
    expect((bad.body as Issues).issues.map((i) => i.path)).toEqual(['body.status']);
    const fixed = await server.call('PATCH', path, { key: keys.usa, body: { id: 'OTHER' } });
    expect(fixed.status).toBe(400);
    const edited = await server.call('PATCH', path, { key: keys.usa, body });
    expect(edited.status).toBe(200);
    expect((edited.body as Project).status).toBe('construction');
    const bundledEdit = await server.call('PATCH', '/api/projects/AU-ALC-GA', { key: keys.usa, body });
    expect(bundledEdit.status).toBe(403);
    const byAdmin = await server.call('PATCH', '/api/projects/AU-ALC-GA', { key: keys.admin, body });
    expect(byAdmin.status).toBe(200);
  });

  it('keeps every change in the history with its field diff, hiding restricted fields from other partners', async () => {
    const history = (await server.call('GET', '/api/projects/AU-TEST-GA/history', { key: keys.jpn })).body as Entry[];
    expect(history.map((e) => [e.kind, e.by])).toEqual([
      ['add', keys.usaId],
      ['edit', keys.usaId],
    ]);
    expect(history[1]?.diff).toEqual([
      { path: '$.status', before: 'feasibility', after: 'construction' },
      { path: '$.statusAsOf', before: '2025-10-30', after: '2026-01-15' },
    ]);
    expect(history[0]?.diff.some((d) => d.path.startsWith('$.financing'))).toBe(true);
    const hidden = (await server.call('GET', '/api/projects/AU-TEST-GA/history', { key: keys.deu })).body as Entry[];
    expect(hidden[0]?.diff.some((d) => d.path.startsWith('$.financing') || d.path.startsWith('$.notes'))).toBe(false);
    expect(hidden[0]?.diff.some((d) => d.path === '$.hostCountry')).toBe(true);
  });

  it('numbers concurrent edits one after another, each in the history once', async () => {
    const edits = ['2026-02-01', '2026-02-02', '2026-02-03', '2026-02-04', '2026-02-05'].map((day) =>
      server.call('PATCH', '/api/projects/AU-TEST-GA', { key: keys.usa, body: { statusAsOf: day } }),
    );
    expect((await Promise.all(edits)).map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    const all = (await server.call('GET', '/api/projects/AU-TEST-GA/history')).body as Entry[];
    const seqs = all.map((e) => e.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expect(all.map((e) => e.kind)).toEqual(['add', 'edit', 'edit', 'edit', 'edit', 'edit', 'edit']);
    // Each edit saw the one before it: the statusAsOf chain has no gaps.
    const chain = all.slice(2).map((e) => e.diff.find((d) => d.path === '$.statusAsOf'));
    for (let i = 1; i < chain.length; i++) expect(chain[i]?.before).toBe(chain[i - 1]?.after);
  });

  it('retires: 401, 403, 200; a retired record leaves the list and refuses edits', async () => {
    const path = '/api/projects/AU-TEST-GA/retire';
    const body = { reason: 'duplicate of AU-ALC-GA' };
    expect((await server.call('POST', path, { body })).status).toBe(401);
    expect((await server.call('POST', path, { key: keys.viewer, body })).status).toBe(403);
    const missing = await server.call('POST', path, { key: keys.usa, body: {} });
    expect((missing.body as Issues).issues.map((i) => i.path)).toEqual(['body.reason']);
    const retired = await server.call('POST', path, { key: keys.usa, body });
    expect(retired.status).toBe(200);
    expect((retired.body as Project).retired).toMatchObject({ reason: 'duplicate of AU-ALC-GA' });
    const listed = (await server.call('GET', '/api/projects')).body as Project[];
    expect(listed.some((p) => p.id === 'AU-TEST-GA')).toBe(false);
    const all = (await server.call('GET', '/api/projects?includeRetired=true')).body as Project[];
    expect(all.length).toBe(49);
    const again = await server.call('PATCH', '/api/projects/AU-TEST-GA', {
      key: keys.usa,
      body: { status: 'operating' },
    });
    expect(again.status).toBe(400);
    const history = (await server.call('GET', '/api/projects/AU-TEST-GA/history')).body as Entry[];
    expect(history.map((e) => e.kind)).toEqual(['add', 'edit', 'edit', 'edit', 'edit', 'edit', 'edit', 'retire']);
  });
});
