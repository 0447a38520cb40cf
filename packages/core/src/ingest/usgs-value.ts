import type { ValueStatus } from '../model/observation.ts';

/** A USGS cell read as a number with its qualifier, or the reason it has none. */
export interface UsgsValue {
  readonly value: number | null;
  readonly status: ValueStatus;
  readonly qualifier: '>' | '<' | null;
}

const NUMBER = /^([<>])?\s*([-\u2212])?(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?$/;

/**
 * Reads a USGS table cell: plain and comma-grouped numbers, `>`/`<` qualifiers, `W` (withheld),
 * `NA`/`--`/`—`/blank (not available), and words such as "Large" or "Included in World total".
 * "Less than ½ unit" becomes `< 0.5`. Signs are kept (a stock change can be negative; callers that
 * need a non-negative quantity check it). Returns `undefined` for text that is none of these.
 */
export function parseUsgsValue(raw: string): UsgsValue | undefined {
  const text = raw.replace(/\u00A0/g, ' ').trim();
  if (text === '' || /^(NA|N\/A|--|—|–|-)$/i.test(text)) return { value: null, status: 'na', qualifier: null };
  if (/^W$/i.test(text)) return { value: null, status: 'withheld', qualifier: null };
  if (/^(large|moderate|small|negligible)$/i.test(text)) return { value: null, status: 'na', qualifier: null };
  if (/^included (in|with)/i.test(text)) return { value: null, status: 'included_elsewhere', qualifier: null };
  if (/^less than (½|1\/2) unit\.?$/i.test(text)) return { value: 0.5, status: 'reported', qualifier: '<' };
  const m = NUMBER.exec(text);
  if (!m) return undefined;
  const magnitude = Number(`${(m[3] ?? '').replace(/,/g, '')}${m[4] ?? ''}`);
  const value = m[2] === undefined ? magnitude : -magnitude;
  const qualifier = m[1] === '>' || m[1] === '<' ? m[1] : null;
  return { value, status: 'reported', qualifier };
}
