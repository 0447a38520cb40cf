import { describe, expect, it } from 'vitest';
import { parseProject, parseProjects } from './parse-project.ts';
import { projectFigures, projectSourceIds } from './project-figures.ts';
import { testProject, testRefs } from './test-projects.ts';

const FILE = 'projects/records/US-TEST-SEP.json';
const issuesOf = (doc: unknown) => {
  const r = parseProject(doc, FILE, testRefs);
  if (r.ok) throw new Error('expected a failure');
  return r.error.map((i) => ({ code: i.code, file: i.file, column: i.column, message: i.message }));
};

describe('parseProject', () => {
  it('reads a valid record and keeps its figures', () => {
    const r = parseProject(testProject(), FILE, testRefs);
    expect(r.ok && r.value.outputs[0]?.value).toBe(1000);
    expect(r.ok && r.value.financing[0]?.amount?.amount).toBe(100e6);
  });

  it('rejects a negative capacity, naming file, record and field', () => {
    const outputs = [{ product: 'ndpr_oxide', material: 'NdPr oxide', value: -5, unit: 't/yr', basis: 'nameplate' }];
    expect(issuesOf(testProject({ outputs }))).toEqual([
      {
        code: 'negative-value',
        file: FILE,
        column: '$.outputs[0].value',
        message: 'US-TEST-SEP: capacity cannot be negative',
      },
    ]);
  });

  it('rejects an unknown financier', () => {
    const financing = [{ financier: 'KfW', instrument: 'loan', state: 'sought', amount: null, date: null }];
    expect(issuesOf(testProject({ financing }))).toEqual([
      {
        code: 'bad-value',
        file: FILE,
        column: '$.financing[0].financier',
        message: 'US-TEST-SEP: unknown financier "KfW"',
      },
    ]);
  });

  it('rejects an unknown currency', () => {
    const issues = issuesOf(testProject({ capex: { amount: 1, currency: 'XYZ', priceYear: 2025 } }));
    expect(issues).toEqual([
      { code: 'bad-value', file: FILE, column: '$.capex.currency', message: 'US-TEST-SEP: an ISO 4217 currency code' },
    ]);
  });

  it('rejects a malformed and an unknown country code', () => {
    expect(issuesOf(testProject({ hostCountry: 'US' }))[0]).toMatchObject({
      code: 'unknown-country',
      column: '$.hostCountry',
    });
    expect(issuesOf(testProject({ hostCountry: 'ZZZ' }))).toEqual([
      { code: 'unknown-country', file: FILE, column: '$.hostCountry', message: 'US-TEST-SEP: unknown country "ZZZ"' },
    ]);
  });

  it('rejects a status not in the list', () => {
    const [issue] = issuesOf(testProject({ status: 'development' }));
    expect(issue).toMatchObject({ code: 'bad-value', file: FILE, column: '$.status' });
    expect(issue?.message).toMatch(/^US-TEST-SEP: /);
  });

  it('rejects an unknown source wherever it is cited, and an unknown network product', () => {
    const outputs = [
      { product: 'ndpr_metal', material: 'x', value: 1, unit: 't/yr', basis: 'target', source: 'src-x' },
    ];
    expect(issuesOf(testProject({ outputs })).map((i) => i.column)).toEqual([
      '$.outputs[0].product',
      '$.outputs[0].source',
    ]);
    expect(issuesOf(testProject({ fieldSources: { status: { source: 'nope' } } })).map((i) => i.column)).toEqual([
      '$.fieldSources.status.source',
    ]);
  });

  it('rejects a falling ramp-up and a share above one', () => {
    expect(issuesOf(testProject({ rampUp: { period: 'year', shares: [0.5, 0.4] } }))[0]?.column).toBe(
      '$.rampUp.shares',
    );
    expect(issuesOf(testProject({ rampUp: { period: 'year', shares: [1.2] } }))[0]?.column).toBe('$.rampUp.shares[0]');
  });
});

describe('parseProjects', () => {
  it('loads nothing when one record of many is bad', () => {
    const good = { file: 'a.json', document: testProject() };
    const bad = { file: 'b.json', document: testProject({ id: 'US-OTHER', status: 'maybe' }) };
    const r = parseProjects([good, bad], testRefs);
    expect(r.ok).toBe(false);
    expect(!r.ok && r.error.map((i) => `${i.file} ${i.column}`)).toEqual(['b.json $.status']);
  });

  it('rejects a repeated id, naming the first file', () => {
    const r = parseProjects(
      [
        { file: 'a.json', document: testProject() },
        { file: 'b.json', document: testProject() },
      ],
      testRefs,
    );
    expect(!r.ok && r.error).toEqual([
      { code: 'duplicate-row', file: 'b.json', column: '$.id', message: 'US-TEST-SEP: id already used in a.json' },
    ]);
  });
});

describe('projectFigures', () => {
  it('backs each figure with its own source, else the field source, else the record source', () => {
    const r = parseProject(
      testProject({ fieldSources: { status: { source: 'src-b', confidence: 'medium' } } }),
      FILE,
      testRefs,
    );
    if (!r.ok) throw new Error('invalid');
    const by = new Map(projectFigures(r.value).map((f) => [f.figure.join('.'), [f.source, f.confidence]]));
    expect(by.get('status')).toEqual(['src-b', 'medium']);
    expect(by.get('financing.1')).toEqual(['src-b', 'low']);
    expect(by.get('financing.0')).toEqual(['src-a', 'high']);
    expect(by.get('outputs.0')).toEqual(['src-a', 'high']);
    expect(projectSourceIds(r.value)).toEqual(['src-a', 'src-b']);
  });
});
