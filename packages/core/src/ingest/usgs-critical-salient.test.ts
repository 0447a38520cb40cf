import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeReleaseText } from './decode-text.ts';
import { loadTestGazetteer } from './test-gazetteer.ts';
import { MCS2025_T5_COLUMNS, parseUsgsCriticalSalient } from './usgs-critical-salient.ts';

const gazetteer = loadTestGazetteer();
const file = 'MCS2025_T5_Critical_Minerals_Salient.csv';
const text = decodeReleaseText(
  readFileSync(new URL(`../../../../data/sources/usgs_mcs2025/raw/${file}`, import.meta.url)),
);

describe('parseUsgsCriticalSalient on MCS 2025 Table 5', () => {
  const result = parseUsgsCriticalSalient(text, { file, gazetteer });
  const records = result.ok ? result.value : [];
  const byLabel = (label: string) => records.find((r) => r.commodityLabel === label);

  it('reads one 2024-estimate record per critical mineral', () => {
    expect(result.ok).toBe(true);
    expect(records).toHaveLength(31);
    expect(records.every((r) => r.year === 2024 && r.estimated && r.source === 'usgs-mcs2025-t5')).toBe(true);
  });

  it('reads rare earths: U.S. output, reliance and China as leading source', () => {
    expect(byLabel('Rare earths (compounds and metals)')).toMatchObject({
      primaryProduction: { value: 1300, status: 'reported', qualifier: null },
      secondaryProduction: { value: null, status: 'na' },
      apparentConsumption: { value: 6600 },
      netImportReliance: { value: 0.8, qualifier: null, netExporter: false },
      primaryImportSource: 'CHN',
      importSourceNote: 'Average 2020 to 2023. Includes Hong Kong.',
      leadingSourceCountry: 'CHN',
      leadingCountryProduction: { value: 270000 },
      leadingCountryWorldShare: { value: 0.69 },
      worldProduction: { value: 390000 },
      worldProductionNote: 'Mine production of rare earth concentrates.',
    });
  });

  it('keeps "E", "W", "NA" and "<" as statuses, not numbers', () => {
    expect(byLabel('Beryllium')).toMatchObject({
      netImportReliance: { value: null, netExporter: true },
      leadingSourceCountry: 'USA',
      leadingCountryWorldShare: { value: 0.5 },
    });
    expect(byLabel('Lithium')?.primaryProduction).toEqual({ value: null, status: 'withheld', qualifier: null });
    expect(byLabel('Germanium')).toMatchObject({
      leadingSourceCountry: 'CHN',
      leadingCountryProduction: { value: null, status: 'na' },
      netImportReliance: { value: 0.5, qualifier: '>' },
    });
    expect(byLabel('Zirconium (ores and concentrates)')).toMatchObject({
      primaryProduction: { value: 100000, qualifier: '<' },
      netImportReliance: { value: 0.25, qualifier: '<' },
    });
  });

  it('resolves USGS country names, trimming stray spaces', () => {
    expect(byLabel('Cobalt')).toMatchObject({ leadingSourceCountry: 'COD', leadingCountryWorldShare: { value: 0.76 } });
    expect(byLabel('Indium')?.primaryImportSource).toBe('KOR');
    expect(byLabel('Arsenic')?.leadingSourceCountry).toBe('PER');
  });
});

describe('parseUsgsCriticalSalient on malformed input', () => {
  it('names row and column of each bad cell and returns no records', () => {
    const header = MCS2025_T5_COLUMNS.join(',');
    const result = parseUsgsCriticalSalient(
      [
        header,
        'MCS2025,2024_estimated,Good,0,0,,10,,100,China,,China,1,50,2,',
        'MCS2025,2024_estimated,Bad,lots,0,,-10,,100,China,,Atlantis,1,150,2,',
        'MCS2025,next year,Bad year,0,0,,10,,100,China,,China,1,50,2,',
      ].join('\n'),
      { file: 't5.csv', gazetteer },
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.map((i) => [i.code, i.row, i.column])).toEqual([
      ['bad-number', 3, 'Primary_prod'],
      ['negative-value', 3, 'Apparent_Consumption'],
      ['unknown-country', 3, 'Leading_source_country'],
      ['bad-value', 3, 'Leading_source_precent_world'],
      ['bad-value', 4, 'Year'],
    ]);
  });
});
