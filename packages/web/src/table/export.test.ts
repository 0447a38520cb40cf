import { describe, expect, it } from 'vitest';
import { toCsv } from './export.ts';

describe('toCsv', () => {
  it('quotes fields with commas and quotes, leaves empties blank and ends lines with CRLF', () => {
    expect(
      toCsv(
        ['iso3', 'country', 'share'],
        [
          ['CHN', 'China', 0.685],
          ['KOR', 'Korea, Republic of', null],
          ['XXX', 'the "other"', 1],
        ],
      ),
    ).toBe('iso3,country,share\r\nCHN,China,0.685\r\nKOR,"Korea, Republic of",\r\nXXX,"the ""other""",1\r\n');
  });

  it('keeps Japanese text as it is', () => {
    expect(toCsv(['国'], [['中国']])).toBe('国\r\n中国\r\n');
  });
});
