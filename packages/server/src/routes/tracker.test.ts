import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { processEngine } from '../engine.ts';
import { startTestServer, type TestServer } from '../test-server.ts';

interface Status {
  framework: string;
  asOf: string;
  counts: Record<string, number>;
  commitments: { id: string; dueOn: string | null; state: string; daysLeft: number | null; evidence: unknown[] }[];
}

describe('GET /api/tracker', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('pglite', { engine: processEngine(1), rateLimitPerMinute: 10_000 });
  }, 60_000);
  afterAll(async () => server?.close());

  const commitment = (body: unknown, id: string) => (body as Status[])[0]?.commitments.find((c) => c.id === id);

  it('judges us-jp-2025 before its six-month financing deadline: unknown, 148 days left', async () => {
    const r = await server.call('GET', '/api/tracker?framework=us-jp-2025&asOf=2025-12-01');
    expect(r.status).toBe(200);
    const [status] = r.body as Status[];
    expect(status).toMatchObject({ framework: 'us-jp-2025', asOf: '2025-12-01' });
    expect(status?.counts).toEqual({ done: 0, 'on-track': 0, overdue: 0, unknown: 9 });
    expect(commitment(r.body, 'project-financing')).toMatchObject({
      dueOn: '2026-04-28',
      daysLeft: 148,
      state: 'unknown',
    });
  });

  it('turns the two dated commitments overdue the day after their deadlines pass', async () => {
    const onDay = await server.call('GET', '/api/tracker?framework=us-jp-2025&asOf=2026-04-28');
    expect(commitment(onDay.body, 'project-financing')?.state).toBe('unknown');
    expect(commitment(onDay.body, 'investment-ministerial')?.state).toBe('overdue');
    const after = await server.call('GET', '/api/tracker?framework=us-jp-2025&asOf=2026-04-29');
    expect(commitment(after.body, 'project-financing')).toMatchObject({ state: 'overdue', daysLeft: -1 });
    expect((after.body as Status[])[0]?.counts).toEqual({ done: 0, 'on-track': 0, overdue: 2, unknown: 7 });
  });

  it('hides evidence dated after the day asked about', async () => {
    const before = await server.call('GET', '/api/tracker?framework=us-jp-2025&asOf=2025-10-27');
    expect(commitment(before.body, 'rapid-response-group')?.evidence).toEqual([]);
    const signed = await server.call('GET', '/api/tracker?framework=us-jp-2025&asOf=2025-10-28');
    expect(commitment(signed.body, 'rapid-response-group')?.evidence).toHaveLength(1);
  });

  it('answers every framework without a filter, and lists them with their sources', async () => {
    const all = await server.call('GET', '/api/tracker?asOf=2026-01-01');
    expect((all.body as Status[]).map((s) => s.framework)).toEqual(['us-au-2025', 'us-jp-2025']);
    const list = await server.call('GET', '/api/tracker/frameworks');
    const jp = (list.body as { id: string; signedOn: string; sources: string[] }[]).find((f) => f.id === 'us-jp-2025');
    expect(jp?.signedOn).toBe('2025-10-28');
    expect(jp?.sources.length).toBeGreaterThan(0);
  });

  it('refuses a malformed date with the field named, and an unknown framework with 404', async () => {
    const bad = await server.call('GET', '/api/tracker?asOf=28-04-2026');
    expect(bad.status).toBe(400);
    expect((bad.body as { issues: { path: string }[] }).issues.map((i) => i.path)).toEqual(['query.asOf']);
    const unknown = await server.call('GET', '/api/tracker?framework=us-xx-2030');
    expect(unknown.status).toBe(404);
    expect((unknown.body as { message: string }).message).toContain('us-jp-2025');
  });
});
