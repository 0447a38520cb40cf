import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeReleaseText } from './decode-text.ts';
import { loadTestGazetteer } from './test-gazetteer.ts';
import { parseWgiComposite } from './wgi-composite.ts';

const gazetteer = loadTestGazetteer();
const file = 'wgi_2022_composite_mean.csv';
const text = decodeReleaseText(readFileSync(new URL(`../../../../data/sources/governance/${file}`, import.meta.url)));
const HEADER = 'country_wb,iso3,year,wgi_mean_normalised_0_1,wgi_mean_estimate_derived,wgi_scaled_0_10_derived';

describe('parseWgiComposite on the 2022 WGI composite', () => {
  const result = parseWgiComposite(text, { file, gazetteer });
  const records = result.ok ? result.value : [];
  const of = (iso3: string) => records.find((r) => r.iso3 === iso3);

  it('reads 213 economies, each once, all 2022', () => {
    expect(result.ok).toBe(true);
    expect(records).toHaveLength(213);
    expect(new Set(records.map((r) => r.iso3)).size).toBe(213);
    expect(records.every((r) => r.year === 2022 && r.source === 'wgi-2022-composite')).toBe(true);
  });

  it('reads the three scales of China, Denmark and Japan', () => {
    expect(of('CHN')).toMatchObject({
      wgiNormalised01: 0.4333497367799282,
      wgiEstimate: -0.3333,
      wgiScaled0to10: 4.333,
    });
    expect(of('DNK')).toMatchObject({ wgiEstimate: 1.7646, wgiScaled0to10: 8.529 });
    expect(of('JPN')?.wgiScaled0to10).toBe(7.749);
    expect(of('CIV')?.countryName).toBe("Côte d'Ivoire");
  });
});

describe('parseWgiComposite on malformed input', () => {
  it('names row and column of an unknown code, an out-of-range value and an inconsistent derivation', () => {
    const result = parseWgiComposite(
      [
        HEADER,
        'China,CHN,2022,0.4333497367799282,-0.3333,4.333',
        'Atlantis,XXX,2022,0.5,0,5',
        'Nowhere,NZL,2022,-0.1,-3,-1',
        'Denmark,DNK,2022,0.85,1.7646,8.5',
        'China again,CHN,2022,0.4333497367799282,-0.3333,4.333',
      ].join('\n'),
      { file: 'wgi.csv', gazetteer },
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.map((i) => [i.code, i.row, i.column])).toEqual([
      ['unknown-country', 3, 'iso3'],
      ['bad-value', 4, 'wgi_mean_normalised_0_1'],
      ['bad-value', 4, 'wgi_mean_estimate_derived'],
      ['bad-value', 4, 'wgi_scaled_0_10_derived'],
      ['bad-value', 5, 'wgi_mean_estimate_derived'],
      ['duplicate-row', 6, 'iso3'],
    ]);
  });
});
