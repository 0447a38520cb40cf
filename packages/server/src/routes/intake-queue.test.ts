import { changeHistory, createApiKey } from '@lodestone/store';
import { testTargets } from '@lodestone/store/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processEngine } from '../engine.ts';
import { startTestServer, type TestServer } from '../test-server.ts';

const NOTICE =
  'The Ministry of Commerce and the General Administration of Customs announced on 9 October 2025 that export ' +
  'controls will be implemented on holmium, erbium, thulium, europium and ytterbium related items ' +
  '(MOFCOM Announcement No. 58 of 2025).';

interface Queued {
  id: number;
  status: string;
  event: { type: string; fields: Record<string, unknown>; evidence: { start: number; end: number; text: string }[] };
  history: {
    action: string;
    by: string;
    note: string | null;
    changes: { field: string; before: unknown; after: unknown }[];
  }[];
  document: { text: string; published: string | null; lang: string };
}

describe.each(testTargets())('the intake review queue on %s', (target) => {
  let server: TestServer;
  const keys = { viewer: '', analyst: '', analystId: '' };
  const queue = async (key = keys.analyst) =>
    server.call('POST', '/api/intake/queue', {
      key,
      body: { text: NOTICE, published: '2025-10-09', document: 'mofcom-58' },
    });

  beforeAll(async () => {
    server = await startTestServer(target, { engine: processEngine(1), rateLimitPerMinute: 10_000 });
    keys.viewer = (await createApiKey(server.db, { role: 'viewer' })).key;
    const analyst = await createApiKey(server.db, { role: 'analyst' });
    keys.analyst = analyst.key;
    keys.analystId = analyst.id;
  }, 60_000);
  afterAll(async () => server?.close());

  it('queues the proposed export control of a notice: 401 without a key, 403 for a viewer, 201 for an analyst', async () => {
    expect((await server.call('POST', '/api/intake/queue', { body: { text: NOTICE } })).status).toBe(401);
    expect((await queue(keys.viewer)).status).toBe(403);
    const r = await queue();
    expect(r.status).toBe(201);
    const [q, ...rest] = r.body as Queued[];
    expect(rest).toEqual([]);
    expect(q?.status).toBe('proposed');
    expect(q?.event.type).toBe('export_control');
    expect(q?.event.fields).toMatchObject({
      action: 'new',
      date: '2025-10-09',
      issuerOrHost: 'CHN',
      instruments: ['58/2025'],
    });
    expect(q?.document).toMatchObject({ published: '2025-10-09', lang: 'en' });
    const ev = q?.event.evidence[0];
    expect(q?.document.text.slice(ev?.start, ev?.end)).toBe(ev?.text);
    expect(q?.history.map((h) => [h.action, h.by])).toEqual([['propose', keys.analystId]]);
  });

  it('lists the queue by status, open to readers', async () => {
    const proposed = await server.call('GET', '/api/intake/queue?status=proposed');
    expect(proposed.status).toBe(200);
    expect((proposed.body as Queued[]).map((q) => q.status)).toEqual(['proposed']);
    expect((await server.call('GET', '/api/intake/queue?status=accepted')).body).toEqual([]);
    const bad = await server.call('GET', '/api/intake/queue?status=done');
    expect(bad.status).toBe(400);
    expect((bad.body as { issues: { path: string }[] }).issues.map((i) => i.path)).toEqual(['query.status']);
  });

  it('accepts once: 401, 403, 200 with the step in the history, then 409 for a closed event', async () => {
    const [q] = (await queue()).body as Queued[];
    const path = `/api/intake/queue/${q?.id}/accept`;
    expect((await server.call('POST', path)).status).toBe(401);
    expect((await server.call('POST', path, { key: keys.viewer })).status).toBe(403);
    const done = await server.call('POST', path, { key: keys.analyst, body: { note: 'matches the gazette' } });
    expect(done.status).toBe(200);
    const accepted = done.body as Queued;
    expect(accepted.status).toBe('accepted');
    expect(accepted.history.map((h) => [h.action, h.note])).toEqual([
      ['propose', null],
      ['accept', 'matches the gazette'],
    ]);
    expect((await server.call('POST', path, { key: keys.analyst })).status).toBe(409);
    expect((await server.call('POST', `/api/intake/queue/${q?.id}/reject`, { key: keys.analyst })).status).toBe(409);
    const stored = await changeHistory(server.db, 'intake_event', String(q?.id));
    expect(stored.map((c) => [c.changedBy, (c.after as { status: string }).status])).toEqual([
      [keys.analystId, 'proposed'],
      [keys.analystId, 'accepted'],
    ]);
    const listed = (await server.call('GET', '/api/intake/queue?status=accepted')).body as Queued[];
    expect(listed.map((l) => l.id)).toEqual([q?.id]);
  });

  it('edits fields: 401, 403, 400 naming the field, 200 recording before and after; then rejects', async () => {
    const [q] = (await queue()).body as Queued[];
    const path = `/api/intake/queue/${q?.id}`;
    const edit = { fields: { date: '2025-10-10', parties: ['USA'] }, note: 'effective date' };
    expect((await server.call('PATCH', path, { body: edit })).status).toBe(401);
    expect((await server.call('PATCH', path, { key: keys.viewer, body: edit })).status).toBe(403);
    const bad = await server.call('PATCH', path, { key: keys.analyst, body: { fields: { parties: ['usa'] } } });
    expect(bad.status).toBe(400);
    expect((bad.body as { issues: { path: string }[] }).issues.map((i) => i.path)).toEqual(['body.fields.parties.0']);
    const same = await server.call('PATCH', path, { key: keys.analyst, body: { fields: { date: '2025-10-09' } } });
    expect(same.status).toBe(400);
    const r = await server.call('PATCH', path, { key: keys.analyst, body: edit });
    expect(r.status).toBe(200);
    const edited = r.body as Queued;
    expect(edited.status).toBe('edited');
    expect(edited.event.fields).toMatchObject({ date: '2025-10-10', parties: ['USA'] });
    expect(edited.history[1]?.changes).toEqual([
      { field: 'date', before: '2025-10-09', after: '2025-10-10' },
      { field: 'parties', before: [], after: ['USA'] },
    ]);
    const rejectPath = `/api/intake/queue/${q?.id}/reject`;
    expect((await server.call('POST', rejectPath)).status).toBe(401);
    expect((await server.call('POST', rejectPath, { key: keys.viewer })).status).toBe(403);
    const rejected = await server.call('POST', rejectPath, { key: keys.analyst, body: { note: 'duplicate' } });
    expect(rejected.status).toBe(200);
    expect((rejected.body as Queued).history.map((h) => h.action)).toEqual(['propose', 'edit', 'reject']);
    expect((await server.call('GET', path)).body).toMatchObject({ status: 'rejected' });
    expect((await server.call('POST', '/api/intake/queue/999999/accept', { key: keys.analyst })).status).toBe(404);
  });
});
