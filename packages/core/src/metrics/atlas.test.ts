import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CommodityKeySchema, type Series } from '../model/commodity.ts';
import { type CountryGroup, CountryIso3Schema } from '../model/country.ts';
import type { Area, Observation } from '../model/observation.ts';
import { SourceIdSchema, SourceSchema } from '../model/source.ts';
import { type AtlasData, atlasEntry } from './atlas.ts';

const ree = CommodityKeySchema.parse('rare_earths');
const source = SourceIdSchema.parse('usgs-mcs2025-world');
const iso = (s: string) => CountryIso3Schema.parse(s);

const obs = (area: Area, value: number, over: Partial<Observation> = {}): Observation => ({
  commodity: ree,
  stage: 'mining',
  metric: 'production',
  year: 2024,
  area,
  label: area.kind === 'country' ? area.iso3 : area.kind,
  value,
  status: 'reported',
  unit: 't',
  estimated: true,
  qualifier: null,
  note: null,
  source,
  ...over,
});
const country = (code: string, value: number, over: Partial<Observation> = {}) =>
  obs({ kind: 'country', iso3: iso(code) }, value, over);

const series: Series[] = [
  { commodity: ree, stage: 'mining', metrics: ['production', 'reserves'], unit: 't', reservesUnit: 't', basis: 'REO' },
];
const groups: CountryGroup[] = [
  { id: 'allied', nameEn: 'Allied', nameJa: '同盟', members: [iso('USA'), iso('AUS'), iso('JPN')], source },
  { id: 'china', nameEn: 'China', nameJa: '中国', members: [iso('CHN')], source },
];
const data = (observations: Observation[]): AtlasData => ({
  observations,
  countries: [],
  groups,
  series,
  sources: [
    SourceSchema.parse({
      id: source,
      kind: 'dataset',
      title: 'MCS 2025',
      publisher: 'USGS',
      year: 2025,
      locator: 'World data',
      url: 'https://doi.org/10.5066/P13XCP3R',
      licence: 'public domain',
      confidence: 'high',
    }),
  ],
});

// USGS MCS 2025, rare earths, mine production 2024 (t REO), every listed row.
const usgs2024 = [
  country('USA', 45000),
  country('AUS', 13000),
  country('BRA', 20),
  country('MMR', 31000),
  country('CHN', 270000),
  country('IND', 2900),
  country('MDG', 2000),
  country('MYS', 130),
  country('NGA', 13000),
  country('RUS', 2500),
  country('THA', 13000),
  country('VNM', 300),
  obs({ kind: 'other' }, 1100, { label: 'Other Countries' }),
  obs({ kind: 'world' }, 390000, { label: 'World total (rounded)' }),
  country('CHN', 44000000, { metric: 'reserves', estimated: false }),
  obs({ kind: 'world' }, 90000000, { metric: 'reserves', qualifier: '>', label: 'World total (rounded)' }),
];

describe('atlasEntry', () => {
  it('reproduces the USGS 2024 rare-earth mining figures', () => {
    const r = atlasEntry(data(usgs2024), { commodity: ree, stage: 'mining', year: 2024 });
    if (!r.ok) throw new Error(r.error.code);
    const e = r.value;
    expect(e.worldReported).toBe(390000);
    expect(e.listedTotal).toBe(393950);
    expect(e.total).toBe(393950); // listed rows exceed the rounded world total, so they are the denominator
    expect(e.residual).toBe(-3950);
    expect(e.top1).toMatchObject({ iso3: 'CHN', value: 270000 });
    expect(e.chinaShare).toBeCloseTo(270000 / 393950, 12);
    expect(e.top3Share).toBeCloseTo((270000 + 45000 + 31000) / 393950, 12);
    expect(e.alliedShare).toBeCloseTo((45000 + 13000) / 393950, 12);
    expect(e.outsideAlliedShare).toBeCloseTo(1 - (45000 + 13000) / 393950, 12);
    // Σ(100·s)² over countries only, "Other Countries" excluded: CHN 4697.3 + USA 130.5 + MMR 61.9 + AUS, NGA, THA 10.9 each + …
    const shares = [45000, 13000, 20, 31000, 270000, 2900, 2000, 130, 13000, 2500, 13000, 300].map(
      (v) => (100 * v) / 393950,
    );
    expect(e.hhi).toBeCloseTo(
      shares.reduce((s, x) => s + x * x, 0),
      9,
    );
    expect(Math.round(e.hhi)).toBe(4924);
    expect(e.aggregates).toEqual([{ label: 'Other Countries', kind: 'other', value: 1100, share: 1100 / 393950 }]);
    expect(e.reserves).toEqual({ world: 90000000, qualifier: '>', year: 2024 });
    expect(e.countries.find((c) => c.iso3 === 'CHN')?.reservesToProductionYears).toBeCloseTo(44000000 / 270000, 9);
    expect(e.sources.map((s) => s.id)).toEqual(['usgs-mcs2025-world']);
  });

  it('counts supply missing from the listed rows as unlisted when the world total is larger', () => {
    const r = atlasEntry(data([country('CHN', 60), country('USA', 20), obs({ kind: 'world' }, 100)]), {
      commodity: ree,
      stage: 'mining',
      year: 2024,
    });
    expect(r.ok && r.value.total).toBe(100);
    expect(r.ok && r.value.chinaShare).toBeCloseTo(0.6, 12);
    expect(r.ok && r.value.aggregates).toEqual([
      { label: 'Unlisted (world total less listed rows)', kind: 'unlisted', value: 20, share: 0.2 },
    ]);
  });

  it('counts a multi-country row towards a group only when every member belongs to it', () => {
    const rows = [
      country('CHN', 50),
      obs({ kind: 'region', members: [iso('USA'), iso('AUS')] }, 30),
      obs({ kind: 'region', members: [iso('USA'), iso('CAN')] }, 20),
    ];
    const r = atlasEntry(data(rows), { commodity: ree, stage: 'mining', year: 2024 });
    expect(r.ok && r.value.alliedShare).toBeCloseTo(0.3, 12);
  });

  it('explains a year or stage without data', () => {
    expect(atlasEntry(data(usgs2024), { commodity: ree, stage: 'mining', year: 2019 })).toEqual({
      ok: false,
      error: { code: 'no-data', commodity: ree, stage: 'mining', year: 2019, availableYears: [2024] },
    });
    expect(atlasEntry(data(usgs2024), { commodity: ree, stage: 'refining', year: 2024 })).toMatchObject({
      ok: false,
      error: { code: 'unknown-series', available: ['mining'] },
    });
  });

  const codes = ['USA', 'CHN', 'AUS', 'JPN', 'BRA', 'IND', 'ZAF', 'RUS', 'CAN', 'MMR'];
  const market = fc.record({
    values: fc.uniqueArray(fc.tuple(fc.constantFrom(...codes), fc.integer({ min: 1, max: 10_000_000 })), {
      minLength: 1,
      maxLength: codes.length,
      selector: (t) => t[0],
    }),
    other: fc.integer({ min: 0, max: 1_000_000 }),
    world: fc.option(fc.integer({ min: 1, max: 40_000_000 }), { nil: undefined }),
  });
  const rowsOf = (m: { values: [string, number][]; other: number; world: number | undefined }) => [
    ...m.values.map(([c, v]) => country(c, v)),
    ...(m.other > 0 ? [obs({ kind: 'other' }, m.other)] : []),
    ...(m.world === undefined ? [] : [obs({ kind: 'world' }, m.world)]),
  ];

  it('has shares that sum to one over countries and aggregates, for any market', () => {
    fc.assert(
      fc.property(market, (m) => {
        const r = atlasEntry(data(rowsOf(m)), { commodity: ree, stage: 'mining', year: 2024 });
        if (!r.ok) throw new Error(r.error.code);
        const sum =
          r.value.countries.reduce((s, c) => s + c.share, 0) + r.value.aggregates.reduce((s, a) => s + a.share, 0);
        expect(Math.abs(sum - 1)).toBeLessThan(1e-9);
      }),
    );
  });

  it('keeps the HHI within [10,000/n, 10,000] when the countries make up the whole market', () => {
    fc.assert(
      fc.property(market, (m) => {
        const r = atlasEntry(data(rowsOf({ ...m, other: 0, world: undefined })), {
          commodity: ree,
          stage: 'mining',
          year: 2024,
        });
        if (!r.ok) throw new Error(r.error.code);
        expect(r.value.hhi).toBeGreaterThanOrEqual(10_000 / m.values.length - 1e-6);
        expect(r.value.hhi).toBeLessThanOrEqual(10_000 + 1e-6);
      }),
    );
  });

  it('changes nothing when a country producing zero is added', () => {
    fc.assert(
      fc.property(market, (m) => {
        const rows = rowsOf(m);
        const before = atlasEntry(data(rows), { commodity: ree, stage: 'mining', year: 2024 });
        const after = atlasEntry(data([...rows, country('KOR', 0)]), { commodity: ree, stage: 'mining', year: 2024 });
        if (!before.ok || !after.ok) throw new Error('no entry');
        expect(after.value.hhi).toBeCloseTo(before.value.hhi, 9);
        expect(after.value.total).toBe(before.value.total);
        expect(after.value.chinaShare).toBe(before.value.chinaShare);
        expect(after.value.alliedShare).toBeCloseTo(before.value.alliedShare, 12);
        expect(after.value.top3Share).toBeCloseTo(before.value.top3Share, 12);
      }),
    );
  });
});
