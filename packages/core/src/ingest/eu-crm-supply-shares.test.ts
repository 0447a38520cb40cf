import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CountryIso3Schema } from '../model/country.ts';
import { decodeReleaseText } from './decode-text.ts';
import { parseEuSupplyShares } from './eu-crm-supply-shares.ts';
import { loadTestGazetteer } from './test-gazetteer.ts';

const gazetteer = loadTestGazetteer();
const read = (name: string) =>
  decodeReleaseText(readFileSync(new URL(`../../../../data/sources/eu_crm_2023/${name}`, import.meta.url)));
const HEADER = 'Material,Stage,Country,Share,t';

describe('parseEuSupplyShares on the EU CRM 2023 global supply table', () => {
  const file = 'global_supply_shares_t.csv';
  const result = parseEuSupplyShares(read(file), { file, gazetteer, scope: 'global' });
  const records = result.ok ? result.value : [];
  const find = (material: string, stage: 'extraction' | 'processing', label: string) =>
    records.find((r) => r.material === material && r.stage === stage && r.countryLabel === label);

  it('reads all 2,561 rows of 85 materials, every one a country', () => {
    expect(result.ok).toBe(true);
    expect(records).toHaveLength(2561);
    expect(new Set(records.map((r) => r.material)).size).toBe(85);
    expect(records.every((r) => r.area.kind === 'country' && r.scope === 'global')).toBe(true);
    expect(records.every((r) => r.source === 'eu-crm2023-global-supply')).toBe(true);
  });

  it('reads shares as fractions with t', () => {
    expect(find('Chromium', 'extraction', 'South Africa')).toMatchObject({
      area: { kind: 'country', iso3: 'ZAF' },
      share: 0.555,
      qualifier: null,
      tradeVariable: 1,
    });
    expect(find('Gallium', 'processing', 'China')).toMatchObject({ share: 0.938 });
    expect(find('Dysprosium', 'processing', 'China')).toMatchObject({ share: 1 });
    expect(find('Germanium', 'processing', 'Belgium')).toMatchObject({ share: 0.045, tradeVariable: 0.8 });
  });

  it('keeps "<0.1%" as an upper bound of 0.001', () => {
    expect(find('Gypsum', 'extraction', 'Afghanistan')).toMatchObject({ share: 0.001, qualifier: '<' });
    expect(records.filter((r) => r.qualifier === '<')).toHaveLength(514);
  });

  it('reads the Windows-1252 "Türkiye" and the misspellings through the aliases', () => {
    expect(find('Chromium', 'extraction', 'Türkiye')).toMatchObject({ area: { iso3: 'TUR' }, share: 0.038 });
    expect(find('Roundwood', 'extraction', 'Brasilia')).toMatchObject({ area: { iso3: 'BRA' }, share: 0.07 });
    expect(find('Roundwood', 'extraction', 'Turkyie')?.area).toEqual({ kind: 'country', iso3: 'TUR' });
    expect(find('Natural Graphite', 'extraction', 'Korea, North')?.area).toEqual({ kind: 'country', iso3: 'PRK' });
  });
});

describe('parseEuSupplyShares on the EU CRM 2023 EU sourcing table', () => {
  const file = 'eu_sourcing_shares_t.csv';
  const result = parseEuSupplyShares(read(file), { file, gazetteer, scope: 'eu_sourcing' });
  const records = result.ok ? result.value : [];
  const find = (material: string, stage: 'extraction' | 'processing', label: string) =>
    records.find((r) => r.material === material && r.stage === stage && r.countryLabel === label);

  it('reads all 907 rows', () => {
    expect(result.ok).toBe(true);
    expect(records).toHaveLength(907);
    expect(records.every((r) => r.scope === 'eu_sourcing' && r.source === 'eu-crm2023-eu-sourcing')).toBe(true);
  });

  it('reads EU sourcing shares of gallium and niobium', () => {
    expect(find('Gallium', 'processing', 'China')).toMatchObject({ share: 0.69, tradeVariable: 1 });
    expect(find('Gallium', 'processing', 'Germany')).toMatchObject({ share: 0.02, tradeVariable: 0.8 });
    expect(find('Niobium', 'processing', 'Brasil')).toMatchObject({ area: { iso3: 'BRA' }, share: 0.82 });
  });

  it('reads the one share printed without its "%" as a percentage', () => {
    expect(find('Silicon metal', 'processing', 'Germany')).toMatchObject({ share: 0.06, qualifier: null });
  });
});

describe('parseEuSupplyShares on malformed input', () => {
  const parse = (rows: string[], euMembers?: string[]) =>
    parseEuSupplyShares([HEADER, ...rows].join('\n'), {
      file: 'gs.csv',
      gazetteer,
      scope: 'global',
      ...(euMembers ? { euMembers: euMembers.map((m) => CountryIso3Schema.parse(m)) } : {}),
    });

  it('reads "Other" as the other area and "EU" as its members when they are given', () => {
    const result = parse(['Cobalt,E,Others,5%,1.0', 'Cobalt,P,EU,3%,0.8'], ['FIN', 'BEL']);
    expect(result.ok && result.value.map((r) => r.area)).toEqual([
      { kind: 'other' },
      { kind: 'region', members: ['FIN', 'BEL'] },
    ]);
  });

  it('names row and column of each bad cell and returns no records', () => {
    const result = parse([
      'Cobalt,E,China,1.5%,1.0',
      'Cobalt,E,Atlantis,1%,1.0',
      'Cobalt,E,Brazil,-1%,1.0',
      'Cobalt,X,Chile,120%,0',
      'Cobalt,P,EU,3%,0.8',
      'Roundwood,E,Brazil,7%,1.0',
      'Roundwood,E,Brasilia,7%,1.0',
      'Chromium,E,T\uFFFDrkiye,3.8%,1.0',
    ]);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.map((i) => [i.code, i.row, i.column])).toEqual([
      ['unknown-country', 3, 'Country'],
      ['negative-value', 4, 'Share'],
      ['bad-value', 5, 'Stage'],
      ['bad-value', 5, 'Share'],
      ['bad-number', 5, 't'],
      ['unknown-country', 6, 'Country'],
      ['duplicate-row', 8, 'Country'],
      ['bad-value', 9, 'Country'],
      ['unknown-country', 9, 'Country'],
    ]);
    expect(result.error[0]?.message).toContain('Atlantis');
  });
});
