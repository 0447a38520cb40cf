import { describe, expect, it } from 'vitest';
import { CommodityKeySchema } from '../model/commodity.ts';
import { CountryIso3Schema, CountrySchema } from '../model/country.ts';
import { SourceIdSchema } from '../model/source.ts';
import { buildGazetteer } from './country-names.ts';
import { parseCsvTable } from './csv-table.ts';
import type { UsgsImportContext, UsgsSeriesRule } from './usgs-mcs-context.ts';
import { isMcs2025Header, MCS2025_COLUMNS, parseUsgsMcs2025 } from './usgs-mcs2025.ts';

const countries = [
  ['USA', 'United States', '米国'],
  ['CHN', 'China', '中国'],
  ['AUS', 'Australia', 'オーストラリア'],
  ['MMR', 'Myanmar', 'ミャンマー'],
  ['CAN', 'Canada', 'カナダ'],
  ['ZAF', 'South Africa', '南アフリカ'],
].map(([iso3, nameEn, nameJa]) => CountrySchema.parse({ iso3, nameEn, nameJa }));

const rule = (over: Partial<UsgsSeriesRule> & Pick<UsgsSeriesRule, 'usgsCommodity' | 'usgsType'>): UsgsSeriesRule => ({
  rowLabel: null,
  commodity: CommodityKeySchema.parse('rare_earths'),
  stage: 'mining',
  unit: 't',
  publishedUnit: 't',
  reservesUnit: 't',
  hasReserves: true,
  valuesAre: 'production',
  basis: 'test',
  note: null,
  ...over,
});

const ctx: UsgsImportContext = {
  file: 'MCS2025_World_Data.csv',
  source: SourceIdSchema.parse('usgs-mcs2025-world'),
  gazetteer: buildGazetteer(countries, [
    { alias: 'Burma', area: { kind: 'country', iso3: CountryIso3Schema.parse('MMR') } },
  ]),
  series: [
    rule({ usgsCommodity: 'Rare earths', usgsType: 'Mine production, rare-earth-oxide equivalent' }),
    rule({
      usgsCommodity: 'Titanium Mineral Concentrates',
      usgsType: 'Mine production, rutile, titanium dioxide (TiO2) content',
      commodity: CommodityKeySchema.parse('titanium_rutile'),
      unit: 'kt',
      reservesUnit: 'kt',
    }),
    rule({
      usgsCommodity: 'Titanium Mineral Concentrates',
      usgsType: 'Mine production, rutile, titanium dioxide (TiO2) content',
      rowLabel: 'World total (ilmenite and rutile, rounded)',
      commodity: null,
    }),
    rule({
      usgsCommodity: 'Cement',
      usgsType: 'Clinker capacity, estimated',
      commodity: CommodityKeySchema.parse('cement_clinker'),
      stage: 'refining',
      unit: 'kt',
      publishedUnit: 'kt',
      reservesUnit: 'kt',
      valuesAre: 'capacity',
    }),
  ],
};

const header = MCS2025_COLUMNS.join(',');
const table = (...rows: string[]) => {
  const t = parseCsvTable([header, ...rows].join('\n'), ctx.file);
  if (!t.ok) throw new Error('fixture');
  return t.value;
};

describe('parseUsgsMcs2025', () => {
  it('reads production, estimates, qualifiers and reserves from a rare-earth row', () => {
    const result = parseUsgsMcs2025(
      table(
        'MCS2025,Rare earths,China,"Mine production, rare-earth-oxide equivalent",metric tons,255000,270000,Production quota,,,,44000000,',
        'MCS2025,Rare earths,World total (rounded),"Mine production, rare-earth-oxide equivalent",metric tons,376000,390000,,,,,>90000000,',
        'MCS2025,Rare earths,Burma,"Mine production, rare-earth-oxide equivalent",metric tons,43000,31000,,,,,,NA',
      ),
      ctx,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const china2024 = result.value.find(
      (o) => o.area.kind === 'country' && o.area.iso3 === 'CHN' && o.year === 2024 && o.metric === 'production',
    );
    expect(china2024).toMatchObject({
      value: 270000,
      estimated: true,
      unit: 't',
      note: 'Production quota',
      status: 'reported',
    });
    const china2023 = result.value.find((o) => o.area.kind === 'country' && o.area.iso3 === 'CHN' && o.year === 2023);
    expect(china2023).toMatchObject({ value: 255000, estimated: false });
    const worldReserves = result.value.find((o) => o.area.kind === 'world' && o.metric === 'reserves');
    expect(worldReserves).toMatchObject({ value: 90000000, qualifier: '>' });
    const burmaReserves = result.value.find((o) => o.label === 'Burma' && o.metric === 'reserves');
    expect(burmaReserves).toMatchObject({ value: null, status: 'na' });
  });

  it('puts capacities that USGS prints in the production columns under capacity', () => {
    const result = parseUsgsMcs2025(
      table('MCS2025,Cement,China,"Clinker capacity, estimated",thousand metric tons,2000000,1900000,,,,,,'),
      ctx,
    );
    expect(result.ok && result.value.map((o) => [o.metric, o.year, o.value])).toEqual([
      ['capacity', 2023, 2000000],
      ['capacity', 2024, 1900000],
    ]);
  });

  it('stores titanium concentrates in the thousand-ton unit of the series, also where the unit cell is blank', () => {
    const result = parseUsgsMcs2025(
      table(
        'MCS2025,Titanium Mineral Concentrates,South Africa ,"Mine production, rutile, titanium dioxide (TiO2) content",,100,100,,,,,6100,',
      ),
      ctx,
    );
    expect(result.ok && result.value[0]).toMatchObject({ commodity: 'titanium_rutile', unit: 'kt', value: 100 });
  });

  it('leaves out a row its catalog marks as a combined subtotal', () => {
    const result = parseUsgsMcs2025(
      table(
        'MCS2025,Titanium Mineral Concentrates,"World total (ilmenite and rutile, rounded)","Mine production, rutile, titanium dioxide (TiO2) content",metric tons,9430,9400,,,,,560000,',
      ),
      ctx,
    );
    expect(result).toEqual({ ok: true, value: [] });
  });

  it('names file, row and column of every bad cell and returns nothing', () => {
    const result = parseUsgsMcs2025(
      table(
        'MCS2025,Rare earths,China,"Mine production, rare-earth-oxide equivalent",metric tons,255000,lots,,,,,,',
        'MCS2025,Rare earths,Atlantis,"Mine production, rare-earth-oxide equivalent",metric tons,1,1,,,,,,',
        'MCS2025,Rare earths,Canada,"Mine production, rare-earth-oxide equivalent",metric tons,-5,1,,,,,,',
        'MCS2025,Unobtainium,Canada,Mine production,metric tons,1,1,,,,,,',
        'MCS2025,Rare earths,Australia,"Mine production, rare-earth-oxide equivalent",kilograms,1,1,,,,,,',
      ),
      ctx,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.map((i) => [i.code, i.row, i.column])).toEqual([
      ['bad-number', 2, 'PROD_EST_ 2024'],
      ['unknown-country', 3, 'COUNTRY'],
      ['negative-value', 4, 'PROD_2023'],
      ['unknown-series', 5, 'TYPE'],
      ['unit-mismatch', 6, 'UNIT_MEAS'],
    ]);
    expect(result.error.every((i) => i.file === 'MCS2025_World_Data.csv')).toBe(true);
  });

  it('recognises its own header and no other', () => {
    expect(isMcs2025Header(MCS2025_COLUMNS)).toBe(true);
    expect(
      isMcs2025Header(['Commodity', 'Section', 'Statistics', 'Statistics_detail', 'Unit', 'Year', 'Value', 'Country']),
    ).toBe(false);
  });
});
