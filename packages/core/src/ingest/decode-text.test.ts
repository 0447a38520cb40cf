import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeReleaseText } from './decode-text.ts';

const fixture = new URL('../../../../data/fixtures/usgs-mcs2026/MCS2026_Commodities_Data.csv', import.meta.url);

describe('decodeReleaseText', () => {
  it('reads UTF-8 and drops a byte-order mark', () => {
    const bytes = new TextEncoder().encode('\uFEFFCountry\nC\u00f4te d\u2019Ivoire,\u4e2d\u56fd\n');
    expect(decodeReleaseText(bytes)).toBe('Country\nC\u00f4te d\u2019Ivoire,\u4e2d\u56fd\n');
  });

  it('falls back to Windows-1252 when the bytes are not UTF-8', () => {
    // "Côte d’Ivoire — 1" in Windows-1252: ô is 0xF4, ’ is 0x92, — is 0x97.
    const bytes = Uint8Array.from([
      0x43, 0xf4, 0x74, 0x65, 0x20, 0x64, 0x92, 0x49, 0x76, 0x6f, 0x69, 0x72, 0x65, 0x20, 0x97, 0x20, 0x31,
    ]);
    expect(decodeReleaseText(bytes)).toBe('C\u00f4te d\u2019Ivoire \u2014 1');
  });

  it('maps every Windows-1252 byte as the WHATWG standard does, whatever the runtime decoder does', () => {
    // 0x80–0x9F from Python's cp1252 codec; its five undefined bytes stay C1 code points (WHATWG).
    const block =
      '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f'.concat(
        '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178',
      );
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    const latin1 = (from: number, to: number) =>
      Array.from({ length: to - from }, (_, i) => String.fromCharCode(from + i)).join('');
    expect(decodeReleaseText(all)).toBe(latin1(0, 0x80) + block + latin1(0xa0, 0x100));
  });

  it('decodes the Windows-1252 MCS 2026 fixture without replacement characters', () => {
    const bytes = readFileSync(fixture);
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
    const text = decodeReleaseText(bytes);
    expect(text).not.toContain('\uFFFD');
    expect(text).toContain('Salient Statistics\u2014United States');
    expect(text).toContain('C\u00f4te d\u2019Ivoire');
  });

  it('returns any text encoded as UTF-8 unchanged', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme' }).filter((s) => !s.startsWith('\uFEFF')),
        (s) => decodeReleaseText(new TextEncoder().encode(s)) === s,
      ),
    );
  });
});
