import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CountryIso3Schema, CountrySchema } from '../model/country.ts';
import { type Observation, ObservationSchema } from '../model/observation.ts';
import { SourceIdSchema } from '../model/source.ts';
import { buildGazetteer } from './country-names.ts';
import { parseCsvTable } from './csv-table.ts';
import { decodeReleaseText } from './decode-text.ts';
import {
  isMcs2026Header,
  MCS2026_HEADER,
  type Mcs2026ImportContext,
  parseMcs2026SeriesCatalog,
  parseUsgsMcs2026,
} from './usgs-mcs2026.ts';

const FILE = 'MCS2026_Commodities_Data.csv';
const fixtureText = decodeReleaseText(
  readFileSync(new URL('../../../../data/fixtures/usgs-mcs2026/MCS2026_Commodities_Data.csv', import.meta.url)),
);
const catalogText = readFileSync(new URL('../../../../data/catalog/usgs-mcs2026-series.csv', import.meta.url), 'utf8');

const table = (text: string, file = FILE) => {
  const t = parseCsvTable(text, file);
  if (!t.ok) throw new Error(`unreadable test table: ${JSON.stringify(t.error)}`);
  return t.value;
};

const rules = (() => {
  const r = parseMcs2026SeriesCatalog(table(catalogText, 'usgs-mcs2026-series.csv'));
  if (!r.ok) throw new Error(`unreadable series catalog: ${JSON.stringify(r.error)}`);
  return r.value;
})();

const countries = [
  ['USA', 'United States', '米国'],
  ['CHN', 'China', '中国'],
  ['AUS', 'Australia', 'オーストラリア'],
  ['MMR', 'Myanmar', 'ミャンマー'],
  ['BRA', 'Brazil', 'ブラジル'],
  ['IND', 'India', 'インド'],
  ['JPN', 'Japan', '日本'],
  ['CHL', 'Chile', 'チリ'],
  ['COD', 'Democratic Republic of the Congo', 'コンゴ民主共和国'],
  ['CIV', "Côte d'Ivoire", 'コートジボワール'],
].map(([iso3, nameEn, nameJa]) => CountrySchema.parse({ iso3, nameEn, nameJa }));

const ctx: Mcs2026ImportContext = {
  file: FILE,
  source: SourceIdSchema.parse('usgs-mcs2026'),
  gazetteer: buildGazetteer(countries, [
    { alias: 'Burma', area: { kind: 'country', iso3: CountryIso3Schema.parse('MMR') } },
    { alias: 'Congo (Kinshasa)', area: { kind: 'country', iso3: CountryIso3Schema.parse('COD') } },
  ]),
  rules,
};

const lines = fixtureText.split('\r\n');
/** The 1-based row number (header = 1) of the one fixture line containing every fragment. */
const rowOf = (...fragments: string[]): number => {
  const hits = lines.flatMap((l, i) => (fragments.every((f) => l.includes(f)) ? [i + 1] : []));
  const [only] = hits;
  if (hits.length !== 1 || only === undefined) throw new Error(`${hits.length} fixture lines match ${fragments}`);
  return only;
};
/** The fixture with one line rewritten. */
const editRow = (row: number, edit: (line: string) => string): string =>
  lines.map((l, i) => (i + 1 === row ? edit(l) : l)).join('\r\n');

const imported = (() => {
  const r = parseUsgsMcs2026(table(fixtureText), ctx);
  if (!r.ok) throw new Error(`fixture did not import: ${JSON.stringify(r.error)}`);
  return r.value;
})();

const find = (commodity: string, metric: string, year: number, label: string): Observation => {
  const hits = imported.filter(
    (o) => o.commodity === commodity && o.metric === metric && o.year === year && o.label === label,
  );
  const [only] = hits;
  if (hits.length !== 1 || only === undefined) throw new Error(`${hits.length} observations match`);
  return only;
};

describe('isMcs2026Header', () => {
  it('accepts the 2026 long header and rejects the 2025 wide one', () => {
    expect(isMcs2026Header(MCS2026_HEADER)).toBe(true);
    expect(isMcs2026Header(table(fixtureText).header)).toBe(true);
    const header2025 = ['SOURCE', 'COMMODITY', 'COUNTRY', 'TYPE', 'UNIT_MEAS', 'PROD_2023', 'PROD_EST_ 2024'].concat([
      'PROD_NOTES',
      'CAP_2023',
      'CAP_EST_ 2024',
      'CAP_NOTES',
      'RESERVES_2024',
      'RESERVE_NOTES',
    ]);
    expect(isMcs2026Header(header2025)).toBe(false);
    expect(isMcs2026Header(MCS2026_HEADER.filter((c) => c !== 'Statistics_detail'))).toBe(false);
  });
});

describe('parseUsgsMcs2026 on the fixture', () => {
  it('imports every world-table row and skips the salient statistics', () => {
    const worldRows = lines.filter((l) => /^[^,]+,World /.test(l)).length;
    expect(worldRows).toBe(35);
    expect(imported).toHaveLength(35);
    expect(imported.some((o) => o.label === 'United States' && o.year === 2025 && o.unit === 'pct')).toBe(false);
    for (const o of imported) expect(ObservationSchema.parse(o)).toEqual(o);
    expect(new Set(imported.map((o) => o.source))).toEqual(new Set(['usgs-mcs2026']));
  });

  it('reads rare-earth mine production with its estimate flags and notes', () => {
    const china2024 = find('rare_earths', 'production', 2024, 'China');
    expect(china2024).toMatchObject({
      stage: 'mining',
      area: { kind: 'country', iso3: 'CHN' },
      value: 270000,
      status: 'reported',
      unit: 't',
      estimated: true,
      qualifier: null,
      note: 'Production quota; does not include undocumented production.',
    });
    expect(find('rare_earths', 'production', 2024, 'United States')).toMatchObject({
      value: 45500,
      estimated: false,
      note: null,
    });
    expect(find('rare_earths', 'production', 2025, 'Burma').area).toEqual({ kind: 'country', iso3: 'MMR' });
    expect(find('rare_earths', 'production', 2025, 'Other countries')).toMatchObject({
      area: { kind: 'other' },
      value: 550,
    });
  });

  it('reads the world totals from the rounded rows, as the 2026 release revised them', () => {
    // MCS 2025 printed 390,000 t for 2024; the 2026 release revised 2024 to 380,000 t.
    expect(find('rare_earths', 'production', 2024, 'World total')).toMatchObject({
      area: { kind: 'world' },
      value: 380000,
      estimated: true,
    });
    expect(find('rare_earths', 'production', 2025, 'World total').value).toBe(390000);
    expect(find('lithium', 'production', 2025, 'World total')).toMatchObject({
      value: 290000,
      note: 'Excludes U.S. production.',
    });
  });

  it('keeps the ">" of a lower-bound reserve and drops the reserves boilerplate note', () => {
    expect(find('rare_earths', 'reserves', 2025, 'World total')).toMatchObject({
      value: 85000000,
      qualifier: '>',
      status: 'reported',
      unit: 't',
      note: null,
    });
    expect(find('rare_earths', 'reserves', 2025, 'China').value).toBe(44000000);
  });

  it('marks withheld, not-available and dash cells without a value', () => {
    expect(find('lithium', 'production', 2024, 'United States')).toMatchObject({ value: null, status: 'withheld' });
    expect(find('rare_earths', 'reserves', 2025, 'India')).toMatchObject({ value: null, status: 'na' });
    expect(find('gallium', 'production', 2024, 'United States')).toMatchObject({ value: null, status: 'na' });
  });

  it('reads gallium production and capacity in kilograms at the refining stage', () => {
    expect(find('gallium', 'production', 2024, 'China')).toMatchObject({
      stage: 'refining',
      value: 839000,
      unit: 'kg',
      estimated: false,
      note: 'Source: Asian Metal Ltd.',
    });
    expect(find('gallium', 'capacity', 2025, 'China')).toMatchObject({
      value: 1600000,
      estimated: true,
      note: 'Estimated from Asian Metal Ltd.',
    });
    expect(find('gallium', 'capacity', 2025, 'World total').value).toBe(1700000);
  });

  it('resolves a Windows-1252 country name to its ISO3 code', () => {
    expect(find('manganese', 'production', 2024, 'C\u00f4te d\u2019Ivoire')).toMatchObject({
      area: { kind: 'country', iso3: 'CIV' },
      value: 360,
      unit: 'kt',
    });
    expect(find('cobalt', 'production', 2025, 'Congo (Kinshasa)').area).toEqual({ kind: 'country', iso3: 'COD' });
  });
});

describe('parseUsgsMcs2026 problems', () => {
  it('names the row and column of a commodity without a series rule and returns no observations', () => {
    const extra = 'UNOBTAINIUM,World Mine Production and Reserves,Unobtainium,China,Production,Mine production,';
    const text = `${fixtureText}${extra}metric tons,2025,5,Estimated.,No,\r\n`;
    const result = parseUsgsMcs2026(table(text), ctx);
    expect(result).toEqual({
      ok: false,
      error: [
        {
          code: 'unknown-series',
          file: FILE,
          row: lines.length,
          column: 'Commodity',
          message:
            'no series rule for commodity "Unobtainium" and Statistics_detail "Mine production": add one to the MCS 2026 series catalog',
        },
      ],
    });
  });

  it('names Statistics_detail when the commodity is known but the measure is not', () => {
    const row = rowOf('Rare Earths,Australia,Production,Mine production,metric tons,2025');
    const result = parseUsgsMcs2026(
      table(editRow(row, (l) => l.replace('Mine production', 'Separation production'))),
      ctx,
    );
    expect(result.ok ? [] : result.error.map((i) => [i.code, i.row, i.column])).toEqual([
      ['unknown-series', row, 'Statistics_detail'],
    ]);
  });

  it('ignores unknown measures outside the world tables', () => {
    const extra = 'UNOBTAINIUM,Salient Statistics\u2014United States,Unobtainium,United States,Imports,Imports,';
    const result = parseUsgsMcs2026(table(`${fixtureText}${extra}metric tons,2025,W,,No,\r\n`), ctx);
    expect(result.ok && result.value.length).toBe(35);
  });

  it('collects every problem: a bad number, an unknown country, a wrong unit, a wrong statistic', () => {
    const badNumber = rowOf('Rare Earths,China,Production,Mine production,metric tons,2025');
    const unknownCountry = rowOf('Lithium,Chile,');
    const wrongUnit = rowOf('Gallium,Japan,');
    const wrongStatistic = rowOf('Cobalt,Congo (Kinshasa),Reserves');
    const text = [
      [badNumber, (l: string) => l.replace('"270,000"', '"27O,000"')] as const,
      [unknownCountry, (l: string) => l.replace('Chile', 'Atlantis')] as const,
      [wrongUnit, (l: string) => l.replace('kilograms', 'metric tons')] as const,
      [wrongStatistic, (l: string) => l.replace(',Reserves,Reserves,', ',Production,Reserves,')] as const,
    ].reduce(
      (acc, [row, edit]) =>
        acc
          .split('\r\n')
          .map((l, i) => (i + 1 === row ? edit(l) : l))
          .join('\r\n'),
      fixtureText,
    );
    const result = parseUsgsMcs2026(table(text), ctx);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.map((i) => [i.code, i.row, i.column])).toEqual(
      [
        ['bad-number', badNumber, 'Value'],
        ['unit-mismatch', wrongUnit, 'Unit'],
        ['unknown-country', unknownCountry, 'Country'],
        ['unknown-series', wrongStatistic, 'Statistics'],
      ].sort((a, b) => Number(a[1]) - Number(b[1])),
    );
    expect(result.error.find((i) => i.code === 'bad-number')?.message).toBe('not a number: "27O,000"');
    expect(result.error.find((i) => i.code === 'unit-mismatch')?.message).toBe(
      'unit "metric tons" differs from the series unit kg of gallium/refining production',
    );
  });

  it('reports a repeated row and a missing column', () => {
    const row = rowOf('Rare Earths,China,Reserves');
    const repeated = parseUsgsMcs2026(table(`${fixtureText}${lines[row - 1] ?? ''}\r\n`), ctx);
    expect(repeated.ok ? [] : repeated.error.map((i) => [i.code, i.row])).toEqual([['duplicate-row', lines.length]]);
    const noNotes = fixtureText.replace(',Notes,', ',Remarks,');
    const missing = parseUsgsMcs2026(table(noNotes), ctx);
    expect(missing.ok ? [] : missing.error.map((i) => [i.code, i.column])).toEqual([['missing-column', 'Notes']]);
  });
});

describe('parseMcs2026SeriesCatalog', () => {
  it('covers the critical minerals with our commodity keys', () => {
    const keys = new Set(rules.map((r) => r.commodity));
    for (const key of [
      'rare_earths',
      'gallium',
      'graphite_natural',
      'lithium',
      'cobalt',
      'nickel',
      'antimony',
      'tungsten',
      'platinum',
      'palladium',
      'manganese',
      'titanium_ilmenite',
      'titanium_rutile',
      'vanadium',
    ])
      expect(keys).toContain(key);
    expect(rules.find((r) => r.usgsCommodity === 'Vanadium' && r.metric === 'reserves')).toMatchObject({
      unit: 'kt',
      publishedUnit: 't',
    });
  });

  it('names the row and column of a bad rule and of a repeated one', () => {
    const header = 'usgs_commodity,statistics_detail,commodity,stage,metric,unit,published_unit,basis,note';
    const result = parseMcs2026SeriesCatalog(
      table(
        [
          header,
          'Gallium,Primary production,gallium,refining,production,grams,,primary gallium,',
          'Lithium,Mine production,lithium,mining,production,t,,lithium content,',
          'Lithium,Mine production,lithium,mining,output,t,,lithium content,',
          'Lithium,Reserves,lithium,mining,reserves,t,,lithium content,',
          'lithium, reserves ,lithium,mining,reserves,t,,lithium content,',
        ].join('\n'),
        'series.csv',
      ),
    );
    expect(result.ok ? [] : result.error.map((i) => [i.code, i.row, i.column])).toEqual([
      ['bad-value', 2, 'unit'],
      ['bad-value', 4, 'metric'],
      ['duplicate-row', 6, 'statistics_detail'],
    ]);
  });
});
