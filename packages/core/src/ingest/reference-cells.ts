import type { z } from 'zod';
import type { CountryIso3 } from '../model/country.ts';
import { resolveArea, type Gazetteer } from './country-names.ts';
import { cellText, type CsvRow } from './csv-table.ts';
import type { ImportIssue } from './import-issue.ts';

/**
 * Cell readers shared by the reference-table parsers (USGS figure 2 and table 5, EU CRM 2023
 * appendices, WGI, reported shares, export controls). Each reader returns a value or the issue
 * that names file, row and column; none of them throws.
 */

/** Where a cell sits, for the issue that names it. */
export interface CellAt {
  readonly file: string;
  readonly row: number;
  readonly column: string;
}

export const issueAt = (at: CellAt, code: ImportIssue['code'], message: string): ImportIssue => ({
  code,
  file: at.file,
  row: at.row,
  column: at.column,
  message,
});

/** A percentage as a fraction 0–1, rounded to 12 significant figures so 98.7 % is 0.987, not 0.98700000000001. */
export const percentToFraction = (percent: number): number => Number((percent / 100).toPrecision(12));

/** A share read from a percent cell, with the qualifier the source printed ("<0.1%", ">95"). */
export interface ShareCell {
  readonly share: number;
  readonly qualifier: '>' | '<' | null;
}

const PERCENT = /^([<>])?\s*([-\u2212])?\s*(\d+(?:\.\d+)?)\s*(%)?$/;

/**
 * Reads "12.4%", "<0.1%", ">95" or "100" as a fraction 0–1; `percentSign: 'never'` is for columns
 * whose header says percent (USGS), `'optional'` for cells that carry the sign (EU CRM). A negative
 * number or more than 100 % is an issue.
 */
export function readShare(
  text: string,
  at: CellAt,
  options: { readonly percentSign: 'optional' | 'never' },
): ShareCell | ImportIssue {
  const m = PERCENT.exec(text);
  if (!m || (options.percentSign === 'never' && m[4] !== undefined))
    return issueAt(at, 'bad-number', `not a percentage: "${text}"`);
  const percent = Number(m[3]);
  if (m[2] !== undefined) return issueAt(at, 'negative-value', `negative share: "${text}"`);
  if (percent > 100) return issueAt(at, 'bad-value', `share above 100 %: "${text}"`);
  const qualifier = m[1] === '<' || m[1] === '>' ? m[1] : null;
  return { share: percentToFraction(percent), qualifier };
}

export const isIssue = (x: unknown): x is ImportIssue =>
  typeof x === 'object' && x !== null && 'code' in x && 'message' in x && 'file' in x;

/**
 * The ISO3 code of a label that must name one country. A label the gazetteer does not know, or one
 * that denotes the world, "other countries" or several countries, is an `unknown-country` issue.
 */
export function readCountry(gazetteer: Gazetteer, label: string, at: CellAt): CountryIso3 | ImportIssue {
  const area = resolveArea(gazetteer, label);
  if (area === undefined) return issueAt(at, 'unknown-country', `unknown country "${label}"`);
  if (area.kind !== 'country')
    return issueAt(
      at,
      'unknown-country',
      `"${label}" denotes ${area.kind === 'region' ? 'several countries' : `the ${area.kind} row`}, not one country`,
    );
  return area.iso3;
}

/** The trimmed cell, or null when it is blank. */
export const textOrNull = (row: CsvRow, column: string): string | null => {
  const t = cellText(row, column);
  return t === '' ? null : t;
};

/**
 * The issues of a record that failed its schema (a guard after the cell readers, which should
 * have caught everything), each naming the column its field came from.
 */
export const schemaIssues = (
  error: z.ZodError,
  file: string,
  row: number,
  columnOf: (field: string) => string,
): ImportIssue[] =>
  error.issues.map((i) => ({
    code: 'bad-value' as const,
    file,
    row,
    column: columnOf(String(i.path[0] ?? '')),
    message: i.message,
  }));
