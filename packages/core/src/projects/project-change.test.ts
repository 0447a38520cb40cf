import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Project } from '../model/project.ts';
import { filterProjects } from './filter-projects.ts';
import { financingTotals } from './financing-totals.ts';
import { parseProject } from './parse-project.ts';
import {
  applyProjectChange,
  type ChangeMeta,
  figuresEditedWithoutSource,
  parseFieldPath,
  type PipelineState,
} from './project-change.ts';
import { diffRecords } from './project-diff.ts';
import { memoryProjectStore } from './project-store.ts';
import { redactProject } from './redact-project.ts';
import { testProject, testRefs } from './test-projects.ts';

const project = (over: Parameters<typeof testProject>[0] = {}): Project => {
  const r = parseProject(testProject(over), 'test', testRefs);
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.value;
};
const meta = (at: string, by = 'analyst'): ChangeMeta => ({ at, by, origin: '--set' });
const empty: PipelineState = { projects: [project()], history: [] };

describe('diffRecords', () => {
  it('lists changed leaves by JSON path, objects by key and arrays by index', () => {
    const before = { a: 1, b: { c: 'x', d: [1, 2] }, e: null };
    const after = { a: 1, b: { c: 'y', d: [1, 2, 3] }, e: { f: 2 } };
    expect(diffRecords(before, after)).toEqual([
      { path: '$.b.c', before: 'x', after: 'y' },
      { path: '$.b.d[2]', before: null, after: 3 },
      { path: '$.e', before: null, after: { f: 2 } },
    ]);
  });

  it('is empty for equal records and names exactly the leaf that changed', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1e9 }), fc.integer({ min: 0, max: 1e9 }), (a, b) => {
        const p = project();
        expect(diffRecords(p, structuredClone(p))).toEqual([]);
        const q = { ...p, capex: { amount: a, currency: 'USD' as const, priceYear: 2025 } };
        const r = { ...p, capex: { amount: b, currency: 'USD' as const, priceYear: 2025 } };
        expect(diffRecords(q, r)).toEqual(a === b ? [] : [{ path: '$.capex.amount', before: a, after: b }]);
      }),
    );
  });
});

describe('parseFieldPath', () => {
  it('reads dotted and bracketed paths', () => {
    expect(parseFieldPath('financing[1].amount.amount')).toEqual(['financing', 1, 'amount', 'amount']);
    expect(parseFieldPath('$.outputs.0.value')).toEqual(['outputs', 0, 'value']);
    expect(parseFieldPath('capex..amount')).toBeNull();
  });
});

describe('applyProjectChange', () => {
  it('edits fields, validates the whole record and records a field-level diff', () => {
    const r = applyProjectChange(
      empty,
      {
        kind: 'edit',
        id: 'US-TEST-SEP',
        set: [
          { path: 'status', value: 'construction' },
          { path: 'capex.amount', value: 300e6 },
        ],
      },
      meta('2026-01-02T03:04:05Z'),
      testRefs,
    );
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.entry).toEqual({
      seq: 1,
      id: 'US-TEST-SEP',
      kind: 'edit',
      at: '2026-01-02T03:04:05Z',
      by: 'analyst',
      reason: null,
      diff: [
        { path: '$.capex.amount', before: 250e6, after: 300e6 },
        { path: '$.status', before: 'feasibility', after: 'construction' },
      ],
    });
    expect(r.value.state.projects[0]?.status).toBe('construction');
    expect(empty.projects[0]?.status).toBe('feasibility');
  });

  it('rejects an edit that breaks the record, leaving the state as it was', () => {
    const r = applyProjectChange(
      empty,
      { kind: 'edit', id: 'US-TEST-SEP', set: [{ path: 'outputs[0].value', value: -1 }] },
      meta('t'),
      testRefs,
    );
    expect(!r.ok && r.error.map((i) => [i.code, i.column])).toEqual([['negative-value', '$.outputs[0].value']]);
    expect(
      !applyProjectChange(
        empty,
        { kind: 'edit', id: 'US-TEST-SEP', set: [{ path: 'id', value: 'US-X' }] },
        meta('t'),
        testRefs,
      ).ok,
    ).toBe(true);
    expect(
      applyProjectChange(
        empty,
        { kind: 'edit', id: 'US-NONE', set: [{ path: 'status', value: 'x' }] },
        meta('t'),
        testRefs,
      ),
    ).toMatchObject({ ok: false, error: [{ message: 'US-NONE: no such project' }] });
  });

  it('adds a record once, retires it once, and numbers the history', () => {
    const added = applyProjectChange(
      empty,
      { kind: 'add', project: testProject({ id: 'JP-NEW-MAG', hostCountry: 'JPN' }) },
      meta('2026-01-01T00:00:00Z'),
      testRefs,
    );
    if (!added.ok) throw new Error('add failed');
    expect(added.value.entry.diff.find((d) => d.path === '$.hostCountry')).toEqual({
      path: '$.hostCountry',
      before: null,
      after: 'JPN',
    });
    const again = applyProjectChange(
      added.value.state,
      { kind: 'add', project: testProject({ id: 'JP-NEW-MAG' }) },
      meta('t'),
      testRefs,
    );
    expect(!again.ok && again.error[0]?.code).toBe('duplicate-row');
    const retired = applyProjectChange(
      added.value.state,
      { kind: 'retire', id: 'JP-NEW-MAG', reason: 'duplicate of US-TEST-SEP' },
      meta('2026-02-01T00:00:00Z', 'reviewer'),
      testRefs,
    );
    if (!retired.ok) throw new Error('retire failed');
    expect(retired.value.entry).toMatchObject({
      seq: 2,
      kind: 'retire',
      by: 'reviewer',
      reason: 'duplicate of US-TEST-SEP',
    });
    expect(filterProjects(retired.value.state.projects, {}).map((p) => p.id)).toEqual(['US-TEST-SEP']);
    expect(filterProjects(retired.value.state.projects, { includeRetired: true })).toHaveLength(2);
    const twice = applyProjectChange(
      retired.value.state,
      { kind: 'retire', id: 'JP-NEW-MAG', reason: 'again' },
      meta('t'),
      testRefs,
    );
    expect(twice.ok).toBe(false);
  });
});

describe('memoryProjectStore', () => {
  it('persists each new state and nothing on a rejected change', async () => {
    const saved: PipelineState[] = [];
    const store = memoryProjectStore(empty, testRefs, async (s) => void saved.push(s));
    await store.apply({ kind: 'edit', id: 'US-TEST-SEP', set: [{ path: 'status', value: 'nope' }] }, meta('t'));
    expect(saved).toHaveLength(0);
    await store.apply({ kind: 'edit', id: 'US-TEST-SEP', set: [{ path: 'status', value: 'financed' }] }, meta('t'));
    expect(saved).toHaveLength(1);
    expect((await store.get('US-TEST-SEP'))?.status).toBe('financed');
    expect(await store.history('US-TEST-SEP')).toHaveLength(1);
    expect(await store.list({ status: 'feasibility' })).toEqual([]);
  });
});

describe('filterProjects', () => {
  const ps = [
    project(),
    project({
      id: 'AU-TEST-MIN',
      hostCountry: 'AUS',
      stages: ['mining'],
      family: 'batteries',
      outputs: [],
      financing: [],
    }),
  ];
  it('filters by stage, product family or key, country, status and financier', () => {
    expect(filterProjects(ps, { stage: 'mining' }).map((p) => p.id)).toEqual(['AU-TEST-MIN']);
    expect(filterProjects(ps, { product: 'ndpr_oxide' }).map((p) => p.id)).toEqual(['US-TEST-SEP']);
    expect(filterProjects(ps, { product: 'batteries' }).map((p) => p.id)).toEqual(['AU-TEST-MIN']);
    expect(filterProjects(ps, { financier: 'DOE' }).map((p) => p.id)).toEqual(['US-TEST-SEP']);
    expect(filterProjects(ps, { country: 'AUS', status: 'feasibility' }).map((p) => p.id)).toEqual(['AU-TEST-MIN']);
    expect(filterProjects(ps, {}).map((p) => p.id)).toEqual(['AU-TEST-MIN', 'US-TEST-SEP']);
  });
});

describe('redactProject', () => {
  it('hides restricted fields from partners not listed', () => {
    const p = project({ restriction: { fields: ['capex', 'financing'], partners: ['USA', 'JPN'] } });
    expect(redactProject(p, 'JPN')).toBe(p);
    const seen = redactProject(p, 'AUS');
    expect([seen.capex, seen.financing, seen.outputs[0]?.value]).toEqual([null, [], 1000]);
    expect(redactProject(p, null).capex).toBeNull();
  });
});

describe('financingTotals', () => {
  it('sums amounts by state, instrument and currency and counts lines without an amount', () => {
    expect(financingTotals(project())).toEqual([
      { state: 'conditional', instrument: 'loan', currency: 'USD', amount: 100e6, linesWithoutAmount: 0 },
      { state: 'in_hand', instrument: 'equity', currency: null, amount: 0, linesWithoutAmount: 1 },
    ]);
  });
});

describe('figuresEditedWithoutSource', () => {
  it('names figures whose value changed while their source did not', () => {
    const d = (path: string) => ({ path, before: 1, after: 2 });
    expect(
      figuresEditedWithoutSource([
        d('$.capex.amount'),
        d('$.financing[1].amount.amount'),
        d('$.financing[1].source'),
        d('$.outputs[0].note'),
        d('$.status'),
        d('$.fieldSources.status.source'),
        d('$.targetStart'),
        d('$.name'),
      ]),
    ).toEqual(['capex', 'targetStart']);
  });
});
