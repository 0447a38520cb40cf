import { z } from 'zod';

/** One problem found in an input file; `row` is 1-based and counts the header as row 1. */
export const ImportIssueSchema = z.object({
  code: z.enum([
    'malformed-csv',
    'missing-column',
    'unknown-layout',
    'unknown-series',
    'unknown-country',
    'unknown-commodity',
    'bad-number',
    'negative-value',
    'bad-value',
    'unit-mismatch',
    'duplicate-row',
  ]),
  file: z.string(),
  row: z.number().int().positive().optional(),
  column: z.string().optional(),
  message: z.string(),
});
export type ImportIssue = z.infer<typeof ImportIssueSchema>;

/** "file:row column: message", the one-line form every edge prints. */
export const formatImportIssue = (issue: ImportIssue): string =>
  `${issue.file}${issue.row === undefined ? '' : `:${issue.row}`}${issue.column === undefined ? '' : ` [${issue.column}]`}: ${issue.message} (${issue.code})`;
