import { type Source, SourceIdSchema, SourceSchema } from '../model/source.ts';
import { cellText, type CsvRow } from './csv-table.ts';
import type { ImportIssue } from './import-issue.ts';

/** FNV-1a, 32-bit: a short stable hash for ids derived from text. */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

const slug = (s: string): string =>
  s
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 32)
    .replace(/-+$/, '');

/**
 * The source record of a row that carries its own provenance (`source_title, source_locator, url,
 * confidence, note`): a publication, or an assumption whose reason is the note. The id is stable: the same
 * provenance always gets the same id.
 */
export function rowSource(row: CsvRow, file: string, prefix: string): { source: Source } | { issue: ImportIssue } {
  const title = cellText(row, 'source_title');
  const locator = cellText(row, 'source_locator');
  const url = cellText(row, 'url');
  const confidence = cellText(row, 'confidence');
  const note = cellText(row, 'note');
  const at = { file, row: row.row };
  if (confidence === 'assumption') {
    const id = SourceIdSchema.parse(`${prefix}-assumption-${fnv1a(`${title}|${note}`)}`);
    const parsed = SourceSchema.safeParse({
      id,
      kind: 'assumption',
      title: title || `Assumption (${file} row ${row.row})`,
      reasoning: note,
    });
    return parsed.success
      ? { source: parsed.data }
      : {
          issue: {
            code: 'bad-value',
            ...at,
            column: 'note',
            message: 'an assumption needs its reason in note (10 characters or more)',
          },
        };
  }
  if (title === '')
    return { issue: { code: 'bad-value', ...at, column: 'source_title', message: 'a figure without a source' } };
  if (!/^https?:\/\//.test(url))
    return { issue: { code: 'bad-value', ...at, column: 'url', message: `a source without a URL: "${title}"` } };
  const id = SourceIdSchema.parse(`${prefix}-${slug(title) || 'source'}-${fnv1a(`${title}|${locator}|${url}`)}`);
  const year = /\b(19|20)\d{2}\b/.exec(`${title} ${locator}`)?.[0];
  const parsed = SourceSchema.safeParse({
    id,
    kind: 'publication',
    title,
    publisher: title.split(/[,(]/)[0]?.trim() || title,
    year: year === undefined ? 2025 : Number(year),
    locator: locator || 'as cited',
    url,
    licence: 'figures only',
    confidence,
    ...(note === '' ? {} : { note }),
  });
  return parsed.success
    ? { source: parsed.data }
    : {
        issue: {
          code: 'bad-value',
          ...at,
          column: String(parsed.error.issues[0]?.path[0] ?? 'source_title'),
          message: parsed.error.issues[0]?.message ?? 'bad source',
        },
      };
}
