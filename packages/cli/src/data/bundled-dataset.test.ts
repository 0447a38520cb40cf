import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { atlasEntry, type CommodityKey, failingIssues, checkDataset, type Stage } from '@lodestone/core';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { BUNDLED_DATASET, DATA_DIR } from './bundle-files.ts';
import { loadDataset } from './load-dataset.ts';

const dataset = loadDataset(BUNDLED_DATASET);
const read = (...parts: string[]) =>
  parse(readFileSync(join(DATA_DIR, ...parts), 'utf8').replace(/^\uFEFF/, ''), { columns: true }) as Record<
    string,
    string
  >[];
const clean = (s: string | undefined) => (s ?? '').replace(/\u00A0/g, ' ').trim();
const num = (s: string | undefined) => {
  const t = clean(s).replace(/,/g, '').replace(/^[<>]/, '');
  return /^\d+(\.\d+)?$/.test(t) ? Number(t) : null;
};

// The release and its catalog, read here independently of the importer.
const raw = read('sources', 'usgs_mcs2025', 'raw', 'MCS2025_World_Data.csv');
const rules = read('catalog', 'usgs-series.csv');
const general = new Map(
  rules.filter((r) => r['row_label'] === '').map((r) => [`${r['usgs_commodity']}|${r['usgs_type']}`, r]),
);
const skipped = new Set(
  rules.filter((r) => r['row_label'] !== '').map((r) => `${r['usgs_commodity']}|${r['usgs_type']}|${r['row_label']}`),
);

interface Expected {
  world: number | null;
  listed: number;
  rows: number;
}
const expected = new Map<string, Expected>();
for (const row of raw) {
  const key = `${clean(row['COMMODITY'])}|${clean(row['TYPE'])}`;
  const rule = general.get(key);
  if (!rule || rule['commodity'] === '-' || skipped.has(`${key}|${clean(row['COUNTRY'])}`)) continue;
  const columns: [string, number, string][] = [
    ['PROD_2023', 2023, rule['values_are'] ?? ''],
    ['PROD_EST_ 2024', 2024, rule['values_are'] ?? ''],
    ['CAP_2023', 2023, 'capacity'],
    ['CAP_EST_ 2024', 2024, 'capacity'],
  ];
  for (const [column, year, metric] of columns) {
    const value = num(row[column]);
    if (value === null) continue;
    const id = `${rule['commodity']}|${rule['stage']}|${metric}|${year}`;
    const e = expected.get(id) ?? { world: null, listed: 0, rows: 0 };
    if (/^world total/i.test(clean(row['COUNTRY']))) e.world = value;
    else {
      e.listed += value;
      e.rows += 1;
    }
    expected.set(id, e);
  }
}

describe('the bundled dataset', () => {
  it('passes its own data check', () => {
    expect(failingIssues(checkDataset(dataset))).toEqual([]);
  });

  it('reproduces, for every commodity, stage and year in the USGS release, the file’s world total and listed sum', () => {
    let compared = 0;
    for (const [id, e] of expected) {
      const [commodity, stage, metric, year] = id.split('|') as [
        CommodityKey,
        Stage,
        'production' | 'capacity',
        string,
      ];
      const entry = atlasEntry(dataset, { commodity, stage, metric, year: Number(year) });
      if (!entry.ok) throw new Error(`${id}: ${entry.error.code}`);
      expect.soft(entry.value.worldReported, id).toBe(e.world);
      expect.soft(entry.value.listedTotal, id).toBeCloseTo(e.listed, 6);
      expect.soft(entry.value.total, id).toBe(Math.max(e.listed, e.world ?? 0));
      const shares =
        entry.value.countries.reduce((s, c) => s + c.share, 0) +
        entry.value.aggregates.reduce((s, a) => s + a.share, 0);
      expect.soft(Math.abs(shares - 1), id).toBeLessThan(1e-9);
      compared += 1;
    }
    expect(compared).toBeGreaterThan(150);
  });

  it('holds the headline USGS 2024 figures', () => {
    const at = (commodity: string, stage: Stage) => {
      const r = atlasEntry(dataset, { commodity: commodity as CommodityKey, stage, year: 2024 });
      if (!r.ok) throw new Error(r.error.code);
      return r.value;
    };
    expect(at('rare_earths', 'mining').countries[0]).toMatchObject({ iso3: 'CHN', value: 270000 });
    expect(at('gallium', 'refining')).toMatchObject({ worldReported: 760000, top1: { iso3: 'CHN', value: 750000 } });
    expect(at('graphite_natural', 'mining')).toMatchObject({
      worldReported: 1600000,
      top1: { iso3: 'CHN', value: 1270000 },
    });
    expect(at('titanium_ilmenite', 'mining')).toMatchObject({ unit: 'kt', worldReported: 8900 });
    expect(at('palladium', 'mining').top1).toMatchObject({ iso3: 'RUS', value: 75000 });
  });

  it('gives every country a Japanese name and every group a known source', () => {
    expect(dataset.countries.every((c) => c.nameJa.length > 0)).toBe(true);
    expect(dataset.countries.find((c) => c.iso3 === 'JPN')?.nameJa).toBe('日本');
    const sources = new Set(dataset.sources.map((s) => s.id));
    expect(dataset.groups.every((g) => sources.has(g.source))).toBe(true);
    expect(dataset.groups.find((g) => g.id === 'allied')?.members).toEqual(
      expect.arrayContaining(['USA', 'JPN', 'AUS', 'KOR', 'IND']),
    );
  });
});
