import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeReleaseText } from './decode-text.ts';
import { parseReportedShares } from './reported-shares.ts';
import { loadTestGazetteer } from './test-gazetteer.ts';

const gazetteer = loadTestGazetteer();
const file = 'processing_shares_reported.csv';
const text = decodeReleaseText(readFileSync(new URL(`../../../../data/sources/processing/${file}`, import.meta.url)));
const HEADER =
  'commodity,stage,scope,country,year,share_pct,value_type,original_publisher,original_report,cited_via_url,source_type,confidence,notes';

describe('parseReportedShares on the reported processing shares', () => {
  const result = parseReportedShares(text, { file, gazetteer });
  const records = result.ok ? result.value : [];

  it('reads every row with its own provenance', () => {
    expect(result.ok).toBe(true);
    expect(records).toHaveLength(25);
    expect(records.filter((r) => r.valueType === 'projection')).toHaveLength(7);
    expect(records.filter((r) => r.confidence === 'low')).toHaveLength(5);
    expect(records.every((r) => r.source === 'processing-shares-reported')).toBe(true);
  });

  it('reads TOP3 rows as aggregates with no country', () => {
    expect(records[0]).toMatchObject({
      commodityLabel: 'copper+lithium+nickel+cobalt+graphite+rare_earths',
      stage: 'refining',
      iso3: null,
      aggregate: 'top3_average',
      year: 2024,
      share: 0.86,
      publisher: 'IEA',
      report: 'Global Critical Minerals Outlook 2025',
      url: 'https://www.iea.org/topics/critical-minerals?language=es',
      sourceType: 'primary',
      sourceTypeDetail: 'IEA topic page',
      confidence: 'high',
    });
    const top3Sum = records.filter((r) => r.aggregate === 'top3_sum').map((r) => [r.stage, r.year, r.share]);
    expect(top3Sum).toEqual([
      ['refining', 2023, 0.98],
      ['refining', 2030, 0.92],
      ['mining', 2023, 0.85],
    ]);
  });

  it('keeps observed and projected rare-earth refining shares apart', () => {
    const chinaRefining = records.filter(
      (r) => r.commodityLabel === 'rare_earths' && r.stage === 'refining' && r.iso3 === 'CHN',
    );
    expect(chinaRefining.map((r) => [r.year, r.share, r.valueType])).toEqual([
      [2023, 0.92, 'observed'],
      [2030, 0.77, 'projection'],
    ]);
    expect(records.find((r) => r.stage === 'magnet_manufacturing')).toMatchObject({ iso3: 'CHN', share: 0.94 });
  });

  it('keeps a figure computed from a data file as a file citation, not a URL', () => {
    expect(records.find((r) => r.commodityLabel === 'gallium' && r.year === 2024)).toMatchObject({
      share: 0.987,
      url: null,
      citedFile: 'usgs_mcs2025/derived_concentration_2024.csv',
      sourceType: 'primary',
      sourceTypeDetail: 'computed',
    });
  });
});

describe('parseReportedShares on malformed input', () => {
  it('names row and column of each bad cell and returns no records', () => {
    const row = (country: string, share: string, confidence = 'high') =>
      `cobalt,refining,refined share,${country},2024,${share},observed,IEA,GCMO,https://example.org/a,secondary,${confidence},`;
    const result = parseReportedShares(
      [
        HEADER,
        row('China', '70'),
        row('Atlantis', '10'),
        row('China', '120'),
        row('TOP3_SUM', '-3'),
        row('China', '5', 'certain'),
      ].join('\n'),
      { file: 'shares.csv', gazetteer },
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.map((i) => [i.code, i.row, i.column])).toEqual([
      ['unknown-country', 3, 'country'],
      ['bad-value', 4, 'share_pct'],
      ['negative-value', 5, 'share_pct'],
      ['bad-value', 6, 'confidence'],
    ]);
  });
});
