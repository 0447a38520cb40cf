import type { CountryIso3 } from '../model/country.ts';
import { type EuShareScope, type EuSupplyShare, EuSupplyShareSchema } from '../model/eu-supply-share.ts';
import type { Area } from '../model/observation.ts';
import { type SourceId, SourceIdSchema } from '../model/source.ts';
import { err, ok, type Result } from '../result.ts';
import { resolveArea, type Gazetteer } from './country-names.ts';
import { cellText, parseCsvTable, requireColumns } from './csv-table.ts';
import type { ImportIssue } from './import-issue.ts';
import { type CellAt, issueAt, isIssue, readShare, schemaIssues } from './reference-cells.ts';

export interface EuSupplySharesContext {
  readonly file: string;
  readonly gazetteer: Gazetteer;
  /** Which Appendix 7 table the text is: global supply or EU sourcing. */
  readonly scope: EuShareScope;
  /** Defaults to `eu-crm2023-global-supply` or `eu-crm2023-eu-sourcing` by scope. */
  readonly source?: SourceId;
  /**
   * The EU member states, needed only if a table lists "EU" (or "EU27", "European Union") as a
   * supplier: that row then becomes a region of these members. Without it such a row is an issue.
   */
  readonly euMembers?: readonly CountryIso3[];
}

const COLUMNS = ['Material', 'Stage', 'Country', 'Share', 't'] as const;

const FIELD_COLUMNS: Readonly<Record<string, string>> = {
  material: 'Material',
  stage: 'Stage',
  countryLabel: 'Country',
  area: 'Country',
  share: 'Share',
  qualifier: 'Share',
  tradeVariable: 't',
};

const STAGES = { E: 'extraction', P: 'processing' } as const;

/** Labels for the rest of the world ("Other", "Others", "Rest of world"): the `other` area. */
const OTHER_LABEL = /^(others?|rest of (the )?world|row)$/i;

/** Labels for the European Union as one supplier: a country group, resolved only through `euMembers`. */
const EU_LABEL = /^(eu|eu[- ]?27|eu[- ]?28|european union)$/i;

/**
 * The area of a supplier label. "Other"/"Others" are the `other` area and "EU" the member states
 * (both explicit here, since the gazetteer holds countries); everything else goes through the
 * gazetteer, which may also map a label to `WORLD`, `OTHER` or several countries.
 */
function supplierArea(label: string, ctx: EuSupplySharesContext, at: CellAt): Area | ImportIssue {
  if (OTHER_LABEL.test(label)) return { kind: 'other' };
  if (EU_LABEL.test(label)) {
    if (ctx.euMembers === undefined || ctx.euMembers.length < 2)
      return issueAt(at, 'unknown-country', `"${label}" is the EU as a whole; pass its member states to read it`);
    return { kind: 'region', members: [...ctx.euMembers] };
  }
  return resolveArea(ctx.gazetteer, label) ?? issueAt(at, 'unknown-country', `unknown country "${label}"`);
}

const areaKey = (a: Area): string =>
  a.kind === 'country' ? a.iso3 : a.kind === 'region' ? [...a.members].sort().join('+') : a.kind;

/**
 * Reads an EU CRM 2023 Appendix 7 table (`global_supply_shares_t.csv` or `eu_sourcing_shares_t.csv`):
 * one country's share of a material at extraction (E) or processing (P), with the trade variable t.
 * "<0.1%" is kept as 0.001 with qualifier "<" (an upper bound, not a value). A share written without
 * its "%" sign (the sourcing table's "6" for German silicon metal) is read as a percentage, the unit
 * of the column. Two rows for the same material, stage and area (two spellings of one country) are
 * an issue. The tables are Windows-1252 ("Türkiye"): decode them before calling (a replacement
 * character in a cell is reported).
 */
export function parseEuSupplyShares(text: string, ctx: EuSupplySharesContext): Result<EuSupplyShare[], ImportIssue[]> {
  const table = parseCsvTable(text, ctx.file);
  if (!table.ok) return table;
  const missing = requireColumns(table.value, COLUMNS);
  if (missing.length > 0) return err(missing);
  const source =
    ctx.source ?? SourceIdSchema.parse(ctx.scope === 'global' ? 'eu-crm2023-global-supply' : 'eu-crm2023-eu-sourcing');

  const issues: ImportIssue[] = [];
  const out: EuSupplyShare[] = [];
  const seen = new Map<string, number>();
  for (const row of table.value.rows) {
    const at = (column: string): CellAt => ({ file: ctx.file, row: row.row, column });
    const rowIssues: ImportIssue[] = [];
    for (const column of COLUMNS)
      if (cellText(row, column).includes('\uFFFD'))
        rowIssues.push(
          issueAt(at(column), 'bad-value', 'a replacement character: the text was decoded with the wrong encoding'),
        );

    const stageText = cellText(row, 'Stage');
    const stage = stageText === 'E' || stageText === 'P' ? STAGES[stageText] : null;
    if (stage === null) rowIssues.push(issueAt(at('Stage'), 'bad-value', `stage must be E or P: "${stageText}"`));

    const label = cellText(row, 'Country');
    const area = supplierArea(label, ctx, at('Country'));
    if (isIssue(area)) rowIssues.push(area);

    const share = readShare(cellText(row, 'Share'), at('Share'), { percentSign: 'optional' });
    if (isIssue(share)) rowIssues.push(share);

    const tText = cellText(row, 't');
    const t = /^\d+(\.\d+)?$/.test(tText) ? Number(tText) : null;
    if (t === null || t <= 0) rowIssues.push(issueAt(at('t'), 'bad-number', `t must be a positive number: "${tText}"`));

    const material = cellText(row, 'Material');
    if (!isIssue(area)) {
      const key = `${material}|${stageText}|${areaKey(area)}`;
      const first = seen.get(key);
      if (first !== undefined)
        rowIssues.push(
          issueAt(
            at('Country'),
            'duplicate-row',
            `${material} ${stageText}: "${label}" is the same area as row ${first}`,
          ),
        );
      else seen.set(key, row.row);
    }

    if (rowIssues.length > 0 || isIssue(area) || isIssue(share)) {
      issues.push(...rowIssues);
      continue;
    }
    const record = EuSupplyShareSchema.safeParse({
      material,
      stage,
      scope: ctx.scope,
      countryLabel: label,
      area,
      share: share.share,
      qualifier: share.qualifier,
      tradeVariable: t,
      source,
    });
    if (record.success) out.push(record.data);
    else issues.push(...schemaIssues(record.error, ctx.file, row.row, (f) => FIELD_COLUMNS[f] ?? f));
  }
  return issues.length > 0 ? err(issues) : ok(out);
}
