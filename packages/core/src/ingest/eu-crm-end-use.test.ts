import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeReleaseText } from './decode-text.ts';
import { parseEuEndUseShares } from './eu-crm-end-use.ts';

const file = 'material_use_shares_nace.csv';
const text = decodeReleaseText(readFileSync(new URL(`../../../../data/sources/eu_crm_2023/${file}`, import.meta.url)));
const HEADER = 'Material,Application,Share,NACE sector,VA in million EUR';

describe('parseEuEndUseShares on EU CRM 2023 Appendix 6', () => {
  const result = parseEuEndUseShares(text, { file });
  const records = result.ok ? result.value : [];
  const find = (material: string, application: string) =>
    records.find((r) => r.material === material && r.application === application);

  it('reads all 339 rows of 60 materials', () => {
    expect(result.ok).toBe(true);
    expect(records).toHaveLength(339);
    expect(new Set(records.map((r) => r.material)).size).toBe(60);
    expect(records.every((r) => r.source === 'eu-crm2023-end-use')).toBe(true);
  });

  it('reads shares as fractions with their NACE sector and value added', () => {
    expect(find('Neodymium', 'Magnets')).toMatchObject({
      share: 0.8,
      naceCode: 'C25',
      naceSector: 'C25 - Manufacture of fabricated metal products, except machinery and equipment',
      valueAddedMEur: 163568,
    });
    expect(find('Samarium', 'Magnets')).toMatchObject({ share: 0.97, naceCode: 'C25' });
    expect(find('Palladium', 'Autocatalysts')).toMatchObject({
      share: 0.88,
      naceCode: 'C29',
      naceSector: 'C29 - Manufacture of motor vehicles, trailers and semi-trailers',
      valueAddedMEur: 194448,
    });
  });

  it('keeps ">0%" as a qualified zero and "Other" rows without a sector', () => {
    expect(find('Copper', 'Building construction, building plant')).toMatchObject({
      share: 0,
      qualifier: '>',
      naceCode: 'C32',
      valueAddedMEur: 45912,
    });
    expect(find('Beryllium', 'Other')).toMatchObject({
      share: 0.14,
      naceCode: null,
      naceSector: null,
      valueAddedMEur: null,
    });
    expect(records.filter((r) => r.naceCode === null)).toHaveLength(17);
  });
});

describe('parseEuEndUseShares on malformed input', () => {
  it('names row and column of each bad cell and returns no records', () => {
    const result = parseEuEndUseShares(
      [
        HEADER,
        'Cobalt,Batteries,40%,C27 - Manufacture of electrical equipment,89422',
        'Cobalt,Magnets,150%,C25 - Manufacture of fabricated metal products,163568',
        'Cobalt,Alloys,10%,C24 - Manufacture of basic metals,-5',
        'Cobalt,Tools,10%,Manufacturing,100',
        'Cobalt,Other,5%,C28 - Manufacture of machinery and equipment n.e.c.,',
      ].join('\n'),
      { file: 'end-use.csv' },
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.map((i) => [i.code, i.row, i.column])).toEqual([
      ['bad-value', 3, 'Share'],
      ['negative-value', 4, 'VA in million EUR'],
      ['bad-value', 5, 'NACE sector'],
      ['bad-value', 6, 'VA in million EUR'],
    ]);
  });
});
