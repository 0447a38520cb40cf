import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CommodityKeySchema } from '../model/commodity.ts';
import { decodeReleaseText } from './decode-text.ts';
import { loadTestGazetteer } from './test-gazetteer.ts';
import { assignCommodityKeys, parseUsgsImportReliance } from './usgs-import-reliance.ts';

const gazetteer = loadTestGazetteer();
const file = 'MCS2025_Fig2_Net_Import_Reliance.csv';
const text = decodeReleaseText(
  readFileSync(new URL(`../../../../data/sources/usgs_mcs2025/raw/${file}`, import.meta.url)),
);
const HEADER = 'Source,Import_Share_Order,Commodity,Net_Import_Reliance_pct_2024,Major_Import_Sources_2020_2023,Notes';

describe('parseUsgsImportReliance on MCS 2025 Figure 2', () => {
  const result = parseUsgsImportReliance(text, { file, gazetteer });
  const records = result.ok ? result.value : [];
  const byLabel = (label: string) => records.find((r) => r.commodityLabel === label);

  it('reads all 64 commodities in figure order, year 2024, sources 2020–2023', () => {
    expect(result.ok).toBe(true);
    expect(records).toHaveLength(64);
    expect(records.map((r) => r.order)).toEqual(Array.from({ length: 64 }, (_, i) => i + 1));
    expect(records.every((r) => r.year === 2024 && r.majorSourcesFrom === 2020 && r.majorSourcesTo === 2023)).toBe(
      true,
    );
    expect(records.every((r) => r.source === 'usgs-mcs2025-fig2' && r.commodity === null)).toBe(true);
  });

  it('stores reliance as a fraction and sources as ISO3 in the published order', () => {
    expect(byLabel('RARE EARTHS, compounds and metals')).toMatchObject({
      order: 28,
      share: 0.8,
      qualifier: null,
      netExporter: false,
      majorSources: ['CHN', 'MYS', 'JPN', 'EST'],
    });
    expect(byLabel('GALLIUM, metal')).toMatchObject({ share: 1, majorSources: ['JPN', 'CHN', 'DEU', 'CAN'] });
    expect(byLabel('INDIUM')?.majorSources).toEqual(['KOR', 'JPN', 'CAN', 'BEL']);
  });

  it('keeps ">" and "<" as qualifiers', () => {
    expect(byLabel('GERMANIUM')).toMatchObject({ share: 0.5, qualifier: '>' });
    expect(byLabel('TITANIUM, sponge metal')).toMatchObject({ share: 0.95, qualifier: '>' });
    expect(byLabel('SILICON, metal and ferrosilicon')).toMatchObject({ share: 0.5, qualifier: '<' });
    expect(records.filter((r) => r.qualifier !== null)).toHaveLength(15);
  });

  it('reads "China3" (a footnote marker run into the name) and padded names as the country', () => {
    expect(byLabel('ALUMINUM')?.majorSources).toEqual(['CAN', 'ARE', 'BHR', 'CHN']);
    expect(byLabel('NIOBIUM (COLUMBIUM)')?.majorSources).toEqual(['BRA', 'CAN']);
  });

  it('assigns commodity keys from a label map and lists the labels it lacks', () => {
    const ree = CommodityKeySchema.parse('rare_earths');
    const { records: keyed, unmapped } = assignCommodityKeys(
      records,
      new Map([['RARE EARTHS, compounds and metals', ree]]),
    );
    expect(keyed.find((r) => r.order === 28)?.commodity).toBe('rare_earths');
    expect(unmapped).toHaveLength(63);
  });
});

describe('parseUsgsImportReliance on malformed input', () => {
  it('reads "E" as a net exporter with no share', () => {
    const result = parseUsgsImportReliance([HEADER, 'MCS2025,1,BERYLLIUM,E,Kazakhstan,'].join('\n'), {
      file: 'fig2.csv',
      gazetteer,
    });
    expect(result.ok && result.value[0]).toMatchObject({ share: null, netExporter: true, note: null });
  });

  it('names row and column of each bad cell and returns no records', () => {
    const result = parseUsgsImportReliance(
      [
        HEADER,
        'MCS2025,1,GOOD,100,China,',
        'MCS2025,2,NEGATIVE,-5,China,',
        'MCS2025,3,NOWHERE,50,"China, Atlantis",',
        'MCS2025,4,TOO MUCH,120,China,',
        'MCS2025,x,NO ORDER,lots,World,',
      ].join('\n'),
      { file: 'fig2.csv', gazetteer },
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.map((i) => [i.code, i.row, i.column])).toEqual([
      ['negative-value', 3, 'Net_Import_Reliance_pct_2024'],
      ['unknown-country', 4, 'Major_Import_Sources_2020_2023'],
      ['bad-value', 5, 'Net_Import_Reliance_pct_2024'],
      ['bad-number', 6, 'Import_Share_Order'],
      ['bad-number', 6, 'Net_Import_Reliance_pct_2024'],
      ['unknown-country', 6, 'Major_Import_Sources_2020_2023'],
    ]);
    expect(result.error[1]?.message).toContain('Atlantis');
    expect(result.error.every((i) => i.file === 'fig2.csv')).toBe(true);
  });

  it('reports a missing column', () => {
    const result = parseUsgsImportReliance('Source,Commodity\nMCS2025,X\n', { file: 'fig2.csv', gazetteer });
    expect(result.ok ? [] : result.error.map((i) => [i.code, i.row, i.column])).toEqual([
      ['missing-column', 1, 'Import_Share_Order'],
      ['missing-column', 1, 'Notes'],
      ['missing-column', 1, 'Net_Import_Reliance_pct_<year>'],
      ['missing-column', 1, 'Major_Import_Sources_<from>_<to>'],
    ]);
  });
});
