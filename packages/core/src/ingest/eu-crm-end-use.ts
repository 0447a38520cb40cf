import { type EndUseShare, EndUseShareSchema } from '../model/end-use-share.ts';
import { type SourceId, SourceIdSchema } from '../model/source.ts';
import { err, ok, type Result } from '../result.ts';
import { cellText, parseCsvTable, requireColumns } from './csv-table.ts';
import type { ImportIssue } from './import-issue.ts';
import { type CellAt, issueAt, isIssue, readShare, schemaIssues } from './reference-cells.ts';

export interface EuEndUseContext {
  readonly file: string;
  /** Defaults to `eu-crm2023-end-use`. */
  readonly source?: SourceId;
}

const COLUMNS = ['Material', 'Application', 'Share', 'NACE sector', 'VA in million EUR'] as const;

const FIELD_COLUMNS: Readonly<Record<string, string>> = {
  material: 'Material',
  application: 'Application',
  share: 'Share',
  qualifier: 'Share',
  naceCode: 'NACE sector',
  naceSector: 'NACE sector',
  valueAddedMEur: 'VA in million EUR',
};

/** "C29 - Manufacture of motor vehicles…": the division code and the name. */
const NACE = /^([A-U]\d{2})\s+-\s+\S/;

/**
 * Reads the EU CRM 2023 Appendix 6 table (`material_use_shares_nace.csv`): each application's share
 * of a material's end use, its NACE Rev. 2 sector and the sector's value added. ">0%" is 0 with
 * qualifier ">"; "Other" applications have neither sector nor value added. A line break inside the
 * sector name is folded into a space. Shares need not add up to 100 % per material (they do not in
 * the source) and the same sector is not checked to carry one value added: both are data, not format.
 */
export function parseEuEndUseShares(text: string, ctx: EuEndUseContext): Result<EndUseShare[], ImportIssue[]> {
  const table = parseCsvTable(text, ctx.file);
  if (!table.ok) return table;
  const missing = requireColumns(table.value, COLUMNS);
  if (missing.length > 0) return err(missing);
  const source = ctx.source ?? SourceIdSchema.parse('eu-crm2023-end-use');

  const issues: ImportIssue[] = [];
  const out: EndUseShare[] = [];
  for (const row of table.value.rows) {
    const at = (column: string): CellAt => ({ file: ctx.file, row: row.row, column });
    const rowIssues: ImportIssue[] = [];

    const share = readShare(cellText(row, 'Share'), at('Share'), { percentSign: 'optional' });
    if (isIssue(share)) rowIssues.push(share);

    const sector = cellText(row, 'NACE sector').replace(/\s+/g, ' ');
    const nace = NACE.exec(sector);
    if (sector !== '' && !nace)
      rowIssues.push(issueAt(at('NACE sector'), 'bad-value', `not "<code> - <name>": "${sector}"`));

    const vaText = cellText(row, 'VA in million EUR');
    let valueAdded: number | null = null;
    if (vaText !== '') {
      if (/^-/.test(vaText))
        rowIssues.push(issueAt(at('VA in million EUR'), 'negative-value', `negative value added: "${vaText}"`));
      else if (!/^\d+(\.\d+)?$/.test(vaText))
        rowIssues.push(issueAt(at('VA in million EUR'), 'bad-number', `not a number: "${vaText}"`));
      else valueAdded = Number(vaText);
    }

    if (rowIssues.length > 0 || isIssue(share)) {
      issues.push(...rowIssues);
      continue;
    }
    const record = EndUseShareSchema.safeParse({
      material: cellText(row, 'Material'),
      application: cellText(row, 'Application'),
      share: share.share,
      qualifier: share.qualifier,
      naceCode: nace?.[1] ?? null,
      naceSector: sector === '' ? null : sector,
      valueAddedMEur: valueAdded,
      source,
    });
    if (record.success) out.push(record.data);
    else issues.push(...schemaIssues(record.error, ctx.file, row.row, (f) => FIELD_COLUMNS[f] ?? f));
  }
  return issues.length > 0 ? err(issues) : ok(out);
}
