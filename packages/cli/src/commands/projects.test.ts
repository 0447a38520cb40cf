import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cellText, parseCsvTable, type Project, projectSourceIds } from '@lodestone/core';
import { afterAll, describe, expect, it } from 'vitest';
import { BUNDLED_DATASET, DATA_DIR } from '../data/bundle-files.ts';
import { loadDataset } from '../data/load-dataset.ts';
import { runCli } from '../testing/run-cli.ts';
import { projectJsonSchema, readShippedProjects } from './projects.ts';

const dataset = loadDataset(BUNDLED_DATASET);
const shipped = readShippedProjects(dataset);
const scratch = mkdtempSync(join(tmpdir(), 'lodestone-projects-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const countBy = (key: (p: Project) => string): Record<string, number> =>
  shipped.projects.reduce<Record<string, number>>((m, p) => ({ ...m, [key(p)]: (m[key(p)] ?? 0) + 1 }), {});

describe('the shipped project pipeline', () => {
  it('parses every record: 48 projects across the four families and 15 host countries', () => {
    expect(shipped.projects).toHaveLength(48);
    expect(countBy((p) => p.family)).toEqual({ magnets: 28, batteries: 11, catalysts: 4, optics: 5 });
    expect(countBy((p) => p.hostCountry)).toEqual({
      AUS: 7,
      BRA: 1,
      CAN: 6,
      DEU: 1,
      EST: 1,
      FIN: 1,
      FRA: 2,
      GBR: 1,
      GRC: 1,
      JPN: 2,
      KOR: 2,
      MYS: 2,
      NOR: 1,
      USA: 19,
      ZAF: 1,
    });
  });

  it('cites only sources of the registry, and each resolves with lodestone sources', async () => {
    const registry = new Set(dataset.sources.map((s) => s.id));
    const cited = new Set(shipped.projects.flatMap(projectSourceIds));
    expect([...cited].filter((id) => !registry.has(id))).toEqual([]);
    expect(cited.size).toBeGreaterThan(80);
    const r = await runCli(['sources', 'prj-war-osc-vulcan-2025']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Office of Strategic Capital');
  });

  it('names a known financier on every financing line, from the catalogue of financiers with countries', () => {
    const ids = new Set(shipped.financiers.map((f) => f.id));
    for (const id of ['DOE', 'DoD', 'DFC', 'EXIM', 'JBIC', 'NEXI', 'JOGMEC', 'EFA', 'EDC', 'KfW', 'private'])
      expect(ids.has(id as never)).toBe(true);
    expect(shipped.financiers.find((f) => f.id === 'JOGMEC')?.country).toBe('JPN');
  });

  it('carries every row of the verbatim source table: id, country, start year and each figure', () => {
    const file = 'sources/projects/ree_magnet_projects_ex_china.csv';
    const table = parseCsvTable(readFileSync(join(DATA_DIR, file), 'utf8'), file);
    if (!table.ok) throw new Error('table');
    expect(table.value.rows).toHaveLength(26);
    const scale: Record<string, number> = { m: 1e6, bn: 1e9 };
    for (const row of table.value.rows) {
      const p = shipped.projects.find((x) => x.id === cellText(row, 'project_id'));
      expect(p?.origin).toEqual({ file, row: row.row });
      if (p === undefined) continue;
      expect(p.hostCountry).toBe(cellText(row, 'iso3'));
      // One row (US-MP-MTP) holds a status text in target_start_year; only years are compared.
      const year = cellText(row, 'target_start_year');
      expect(p.targetStart?.slice(0, 4) ?? '').toBe(/^\d{4}$/.test(year) ? year : '');
      const figures = [
        ...p.outputs.map((o) => o.value),
        ...p.offtakes.map((o) => (o.share === null ? null : o.share * 100)),
        p.capex?.amount,
        ...p.financing.map((f) => f.amount?.amount),
      ];
      const capacity = cellText(row, 'capacity_value');
      if (capacity !== '') expect(figures).toContain(Number(capacity));
      const capex = cellText(row, 'capex_value');
      if (capex !== '') {
        const [currency, unit] = cellText(row, 'capex_currency').split(' ');
        const amount = Math.round(Number(capex) * (scale[unit ?? ''] ?? 1));
        expect(figures).toContain(amount);
        expect([p.capex?.currency, ...p.financing.map((f) => f.amount?.currency)]).toContain(currency);
      }
    }
  });
});

describe('lodestone projects', () => {
  it('keeps the committed JSON Schema of a record up to date (regenerate: lodestone projects schema, then prettier)', async () => {
    const committed = JSON.parse(readFileSync(join(DATA_DIR, 'projects', 'project.schema.json'), 'utf8')) as unknown;
    expect(committed).toEqual(JSON.parse(projectJsonSchema()));
    expect(JSON.parse((await runCli(['projects', 'schema'])).stdout)).toEqual(committed);
  });

  it('filters by product family, financier, country and stage', async () => {
    const ids = async (...args: string[]) =>
      (JSON.parse((await runCli(['projects', ...args, '--json'])).stdout) as Project[]).map((p) => p.id);
    expect(await ids('--product', 'optics')).toEqual([
      'AU-ALC-GA',
      'CA-RIO-GA',
      'CA-TECK-TRL',
      'GR-MET-GA',
      'KR-KZ-GE',
    ]);
    expect(await ids('--financier', 'DOE')).toEqual([
      'US-ASC-APX',
      'US-EVAC-SUM',
      'US-LAC-TP',
      'US-NVX-CHA',
      'US-SYR-VID',
    ]);
    expect(await ids('--country', 'jpn')).toEqual(['JP-MTS-MUD', 'JP-TTL-NAR']);
    expect(await ids('--product', 'ndfeb_sintered', '--status', 'operating')).toEqual(['EE-NEO-NRV', 'US-NOV-SMT']);
    expect(await ids('--stage', 'recycling')).toEqual(['FR-CAR-LACQ', 'US-ASC-APX', 'US-NOV-SMT', 'US-SSW-COL']);
  });

  it('prints capacity, capex, financing and sources as CSV', async () => {
    const r = await runCli(['projects', '--country', 'USA', '--product', 'batteries', '--csv']);
    const lines = r.stdout.trim().split('\n');
    expect(lines[0]).toBe('id,status,host,family,stages,capacity,capex,in hand,conditional,sought,sources');
    expect(lines.find((l) => l.startsWith('US-LAC-TP'))).toBe(
      'US-LAC-TP,construction,USA,batteries,mining+refining,"40,000 t/yr lithium_carbonate",USD 2.9bn (2024),USD 2.9bn,—,—,prj-smenet-thackerpass-2024 prj-fbjna-thackerpass-2024 prj-nam-thackerpass-2024',
    );
  });

  it('rejects an unknown status with the closest names and exit code 2', async () => {
    const r = await runCli(['projects', '--status', 'operational']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('unknown status "operational"; did you mean operating');
  });

  it('shows one record with the source of each figure', async () => {
    const r = await runCli(['projects', 'show', 'US-MP-10X']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('outputs.0        medium [prj-assume-mp-10x-split]');
    expect((await runCli(['projects', 'show', 'US-MP-11X'])).stderr).toContain('did you mean US-MP-10X');
  });

  it('edits, retires and adds records in the local store with a field-level history', async () => {
    const store = join(scratch, '.lodestone', 'projects.json');
    const edit = await runCli(
      [
        'projects',
        'edit',
        'US-MP-10X',
        '--set',
        'status=construction',
        '--set',
        'fieldSources.status={"source":"prj-particle-mp-2025","confidence":"low"}',
        '--set',
        'targetStart=2028-06',
        '--by',
        'tester',
      ],
      scratch,
    );
    expect(edit.stderr).toMatch(/^warning: targetStart changed without a new source/);
    expect(edit.code).toBe(0);
    const saved = JSON.parse(readFileSync(store, 'utf8')) as { projects: Project[]; history: { diff: unknown[] }[] };
    expect(saved.projects).toHaveLength(48);
    expect(saved.history[0]).toMatchObject({
      seq: 1,
      id: 'US-MP-10X',
      kind: 'edit',
      by: 'tester',
      diff: [
        { path: '$.fieldSources.status', before: null, after: { source: 'prj-particle-mp-2025', confidence: 'low' } },
        { path: '$.status', before: 'announced', after: 'construction' },
        { path: '$.targetStart', before: '2028', after: '2028-06' },
      ],
    });

    const bad = await runCli(
      ['projects', 'edit', 'US-MP-10X', '--set', 'capex={"amount":1,"currency":"ABC","priceYear":2025}'],
      scratch,
    );
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('--set [$.capex.currency]: US-MP-10X: an ISO 4217 currency code');
    expect((JSON.parse(readFileSync(store, 'utf8')) as { history: unknown[] }).history).toHaveLength(1);

    const retire = await runCli(
      ['projects', 'retire', 'GB-PEN-SAL', '--reason', 'plan moved abroad', '--by', 'tester'],
      scratch,
    );
    expect(retire.code).toBe(0);
    const listed = JSON.parse((await runCli(['projects', '--json'], scratch)).stdout) as Project[];
    expect(listed).toHaveLength(47);
    expect(listed.find((p) => p.id === 'US-MP-10X')?.status).toBe('construction');

    const record = JSON.parse(readFileSync(join(DATA_DIR, 'projects', 'records', 'JP-TTL-NAR.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    writeFileSync(join(scratch, 'bad.json'), JSON.stringify({ ...record, id: 'JP-NEW-LIOH', hostCountry: 'XXX' }));
    const addBad = await runCli(['projects', 'add', 'bad.json'], scratch);
    expect(addBad.code).toBe(1);
    expect(addBad.stderr).toContain('bad.json [$.hostCountry]: JP-NEW-LIOH: unknown country "XXX" (unknown-country)');
    writeFileSync(join(scratch, 'new.json'), JSON.stringify({ ...record, id: 'JP-NEW-LIOH', status: 'announced' }));
    expect((await runCli(['projects', 'add', 'new.json', '--by', 'tester'], scratch)).code).toBe(0);
    const history = JSON.parse((await runCli(['projects', 'history', '--json'], scratch)).stdout) as {
      seq: number;
      kind: string;
      id: string;
      at: string;
    }[];
    expect(history.map((e) => [e.seq, e.kind, e.id])).toEqual([
      [1, 'edit', 'US-MP-10X'],
      [2, 'retire', 'GB-PEN-SAL'],
      [3, 'add', 'JP-NEW-LIOH'],
    ]);
    expect(history.every((e) => /^\d{4}-\d\d-\d\dT/.test(e.at))).toBe(true);
    expect(existsSync(join(DATA_DIR, '.lodestone'))).toBe(false);
  });
});
