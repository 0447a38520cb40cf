import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processEngine } from '../engine.ts';
import { startTestServer, type TestServer } from '../test-server.ts';

describe('POST /api/intake', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('pglite', { engine: processEngine(1), rateLimitPerMinute: 10_000 });
  }, 60_000);
  afterAll(async () => server?.close());

  it('proposes a linked export control with evidence spans into the normalised text', async () => {
    const r = await server.call('POST', '/api/intake', {
      body: {
        text: '商务部、海关总署4日宣布，对钐、钆、铽、镝等中重稀土相关物项实施出口管制。',
        published: '2025-04-04',
      },
    });
    expect(r.status).toBe(200);
    const body = r.body as {
      lang: string;
      text: string;
      events: {
        type: string;
        fields: { date: string };
        links: { measures: string[] };
        evidence: { start: number; end: number; text: string }[];
      }[];
    };
    expect(body.lang).toBe('zh');
    expect(body.events.map((e) => [e.type, e.fields.date, e.links.measures])).toEqual([
      ['export_control', '2025-04-04', ['CN-EC-2025-18']],
    ]);
    const ev = body.events[0]?.evidence[0];
    expect(body.text.slice(ev?.start, ev?.end)).toBe(ev?.text);
  });

  it('names the field of a bad request', async () => {
    const r = await server.call('POST', '/api/intake', { body: { text: '', published: '7 Nov' } });
    expect(r.status).toBe(400);
    const paths = (r.body as { issues: { path: string }[] }).issues.map((i) => i.path).sort();
    expect(paths).toEqual(['body.published', 'body.text']);
  });
});
