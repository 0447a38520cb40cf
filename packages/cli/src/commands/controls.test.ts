import { describe, expect, it } from 'vitest';
import { runCli } from '../testing/run-cli.ts';

const run = (...argv: string[]) => runCli(argv);
const state = async (date: string, item: string, destination: string, ...extra: string[]) => {
  const r = await run('controls', '--at', date, '--item', item, '--destination', destination, '--json', ...extra);
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as {
    state: string;
    measures: { measureId: string; state: string; instrument: string | null }[];
    byEndUser: { endUser: string; state: string; measures: { measureId: string }[] }[];
  };
};

describe('lodestone controls', () => {
  it('says a licence is required for dysprosium to Japan on 2025-06-01 (No. 18 of 2025)', async () => {
    const r = await state('2025-06-01', 'dysprosium', 'JPN');
    expect(r.state).toBe('licence_required');
    expect(r.measures.map((m) => m.measureId)).toEqual(['CN-EC-2025-18']);
  });

  it('shows the October 2025 additions as suspended on 2025-11-20', async () => {
    for (const item of ['holmium', 'erbium', 'thulium', 'europium', 'ytterbium']) {
      const r = await state('2025-11-20', item, 'JPN');
      expect(r.state, item).toBe('suspended');
      expect(r.measures[0]).toMatchObject({ measureId: 'CN-EC-2025-57', instrument: 'CN-SUSP-2025-70' });
    }
  });

  it.each([
    ['2023-07-15', 'gallium', 'JPN', 'announced', 'CN-EC-2023-23'],
    ['2023-08-01', 'gallium', 'JPN', 'licence_required', 'CN-EC-2023-23'],
    ['2023-11-15', 'graphite', 'KOR', 'announced', 'CN-EC-2023-39'],
    ['2023-12-01', 'graphite', 'KOR', 'licence_required', 'CN-EC-2023-39'],
    ['2024-09-15', 'antimony', 'DEU', 'licence_required', 'CN-EC-2024-33'],
    ['2024-12-03', 'gallium', 'USA', 'denied', 'CN-EC-2024-46'],
    ['2025-11-09', 'gallium', 'USA', 'licence_required', 'CN-EC-2023-23'],
    ['2025-02-04', 'tungsten', 'JPN', 'licence_required', 'CN-EC-2025-10'],
    ['2025-04-03', 'terbium', 'JPN', 'none', null],
    ['2025-04-04', 'terbium', 'JPN', 'licence_required', 'CN-EC-2025-18'],
    ['2025-10-20', 'holmium', 'JPN', 'announced', 'CN-EC-2025-57'],
    ['2025-11-20', 'superhard_materials', 'JPN', 'licence_required', 'CN-EC-2024-33'],
    ['2025-11-20', 'lithium_batteries', 'USA', 'suspended', 'CN-EC-2025-58'],
    ['2025-12-15', 'ndfeb_magnet', 'DEU', 'suspended', 'CN-EC-2025-61'],
    ['2025-08-01', 'battery_cathode_technology', 'JPN', 'technology_restricted', 'CN-TECH-2025-07'],
    ['2024-01-01', 'rare_earth_technology', 'USA', 'technology_banned', 'CN-TECH-2023-12'],
    ['2026-11-11', 'holmium', 'JPN', 'unknown', 'CN-EC-2025-57'],
  ])('on %s, %s to %s is %s', async (date, item, destination, expected, measure) => {
    const r = await state(date, item, destination, '--end-user', 'civil');
    expect(r.state).toBe(expected);
    if (measure) expect(r.measures.map((m) => m.measureId)).toContain(measure);
  });

  it('applies the 2026 ban to Japanese military end users only', async () => {
    const r = await state('2026-02-01', 'dysprosium', 'JPN');
    expect(r.byEndUser).toEqual([
      expect.objectContaining({ endUser: 'civil', state: 'licence_required' }),
      expect.objectContaining({
        endUser: 'military',
        state: 'denied',
        measures: [expect.objectContaining({ measureId: 'CN-EC-2026-01' })],
      }),
    ]);
  });

  it('leaves the state after a suspension ends unknown unless told what to assume', async () => {
    expect((await state('2026-11-20', 'holmium', 'JPN', '--end-user', 'civil')).state).toBe('unknown');
    expect(
      (await state('2026-11-20', 'holmium', 'JPN', '--end-user', 'civil', '--after-suspension', 'lapsed')).state,
    ).toBe('licence_required');
    expect(
      (await state('2026-11-20', 'holmium', 'JPN', '--end-user', 'civil', '--after-suspension', 'extended')).state,
    ).toBe('suspended');
  });

  it('prints a timeline whose segments follow each other day by day', async () => {
    const r = await run('controls', 'timeline', '--item', 'gallium', '--destination', 'USA', '--json');
    const { items } = JSON.parse(r.stdout) as {
      items: { segments: { from: string; to: string | null; verdict: { state: string } }[] }[];
    };
    const segments = items[0]?.segments ?? [];
    expect(segments.map((s) => [s.from, s.verdict.state])).toEqual([
      ['2023-07-03', 'announced'],
      ['2023-08-01', 'licence_required'],
      ['2024-12-03', 'denied'],
      ['2025-11-09', 'licence_required'],
      ['2026-11-28', 'licence_required'],
    ]);
    for (let i = 1; i < segments.length; i++) {
      const to = new Date(`${segments[i - 1]?.to}T00:00:00Z`);
      to.setUTCDate(to.getUTCDate() + 1);
      expect(to.toISOString().slice(0, 10)).toBe(segments[i]?.from);
    }
  });

  it('rejects a malformed date or destination with exit code 2', async () => {
    expect((await run('controls', '--at', '2025-13-01')).code).toBe(2);
    expect((await run('controls', '--destination', 'Japan')).code).toBe(2);
  });
});
