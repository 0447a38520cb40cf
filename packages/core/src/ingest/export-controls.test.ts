import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeReleaseText } from './decode-text.ts';
import { parseExportControls } from './export-controls.ts';
import { loadTestGazetteer } from './test-gazetteer.ts';

const gazetteer = loadTestGazetteer();
const file = 'china_export_controls_2023_2025.csv';
const text = decodeReleaseText(readFileSync(new URL(`../../../../data/sources/policy/${file}`, import.meta.url)));
const HEADER =
  'id,announce_date,effective_date,issuer,instrument,commodities,items_summary,reference_hs_codes_cn10,measure_type,target_scope,status_as_of_2026_11,suspension_instrument,suspended_until,source_url,source_url_2,confidence,notes';

describe('parseExportControls on the China export-control table', () => {
  const result = parseExportControls(text, { file, gazetteer });
  const records = result.ok ? result.value : [];
  const byId = (id: string) => records.find((r) => r.id === id);

  it('reads all 20 measures, status as of November 2026', () => {
    expect(result.ok).toBe(true);
    expect(records).toHaveLength(20);
    expect(records.every((r) => r.statusAsOf === '2026-11' && r.source === 'china-export-controls-2023-2025')).toBe(
      true,
    );
    expect(records.filter((r) => r.status === 'suspended')).toHaveLength(6);
    expect(records.filter((r) => r.suspendedUntil === '2026-11-10')).toHaveLength(7);
  });

  it('reads the gallium and germanium announcement with its customs codes', () => {
    const m = byId('CN-EC-2023-23');
    expect(m).toMatchObject({
      announceDate: '2023-07-03',
      effectiveDate: '2023-08-01',
      issuers: ['MOFCOM', 'GAC'],
      commodities: ['gallium', 'germanium'],
      measureType: 'licence_requirement',
      targetCountry: null,
      status: 'in_force',
      hsCodesNote: 'gallium items 1-6 only; germanium codes not transcribed',
      confidence: 'high',
    });
    expect(m?.hsCodesCn10).toHaveLength(17);
    expect(m?.hsCodesCn10[0]).toBe('8112929010');
    expect(m?.urls).toHaveLength(2);
  });

  it('splits the rare-earth element list off the commodity cell', () => {
    expect(byId('CN-EC-2025-18')).toMatchObject({
      commodities: ['rare_earths'],
      elements: ['Sm', 'Gd', 'Tb', 'Dy', 'Lu', 'Sc', 'Y'],
      commoditiesNote: null,
    });
    expect(byId('CN-EC-2026-01')).toMatchObject({
      commodities: ['all_dual_use_items'],
      elements: [],
      commoditiesNote: 'incl. medium/heavy rare earths',
      targetCountry: 'JPN',
      measureType: 'export_ban_to_japan_military',
    });
  });

  it('keeps the status wording beside the status, and blank dates as null', () => {
    expect(byId('CN-EC-2024-46')).toMatchObject({
      targetCountry: 'USA',
      status: 'partially_suspended',
      statusText: 'clause 2 suspended (clause 1, military end-use ban, remains)',
      suspendedUntil: '2026-11-27',
    });
    expect(byId('CN-TECH-2025-01')).toMatchObject({ effectiveDate: null, status: 'superseded' });
    expect(byId('CN-REG-2024-785')).toMatchObject({ urls: [], confidence: 'medium', issuers: ['State Council'] });
  });
});

describe('parseExportControls on malformed input', () => {
  it('names row and column of each bad cell and returns no records', () => {
    const row = (over: Partial<Record<string, string>>) => {
      const cells: Record<string, string> = {
        id: 'CN-EC-2025-99',
        announce_date: '2025-01-01',
        effective_date: '',
        issuer: 'MOFCOM',
        instrument: 'Announcement',
        commodities: 'gallium',
        items_summary: 'items',
        reference_hs_codes_cn10: '',
        measure_type: 'licence_requirement',
        target_scope: 'all destinations',
        status_as_of_2026_11: 'in force',
        suspension_instrument: '',
        suspended_until: '',
        source_url: 'https://example.org/a',
        source_url_2: '',
        confidence: 'high',
        notes: '',
        ...over,
      };
      return HEADER.split(',')
        .map((c) => cells[c] ?? '')
        .join(',');
    };
    const result = parseExportControls(
      [
        HEADER,
        row({}),
        row({ id: 'CN-EC-2025-98', effective_date: '2025-13-01', measure_type: 'embargo' }),
        row({ id: 'CN-EC-2025-97', target_scope: 'Atlantis', reference_hs_codes_cn10: '12345' }),
        row({ id: 'CN-EC-2025-96', status_as_of_2026_11: 'unclear', source_url: 'not a url' }),
        row({}),
      ].join('\n'),
      { file: 'controls.csv', gazetteer },
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.map((i) => [i.code, i.row, i.column])).toEqual([
      ['bad-value', 3, 'effective_date'],
      ['bad-value', 3, 'measure_type'],
      ['bad-value', 4, 'reference_hs_codes_cn10'],
      ['unknown-country', 4, 'target_scope'],
      ['bad-value', 5, 'status_as_of_2026_11'],
      ['bad-value', 5, 'source_url'],
      ['duplicate-row', 6, 'id'],
    ]);
  });
});
