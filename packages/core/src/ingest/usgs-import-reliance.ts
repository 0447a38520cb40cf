import type { CommodityKey } from '../model/commodity.ts';
import type { CountryIso3 } from '../model/country.ts';
import { type ImportReliance, ImportRelianceSchema } from '../model/import-reliance.ts';
import { type SourceId, SourceIdSchema } from '../model/source.ts';
import { err, ok, type Result } from '../result.ts';
import type { Gazetteer } from './country-names.ts';
import { cellText, parseCsvTable, requireColumns } from './csv-table.ts';
import type { ImportIssue } from './import-issue.ts';
import { issueAt, isIssue, readCountry, readShare, schemaIssues, textOrNull } from './reference-cells.ts';

export interface UsgsImportRelianceContext {
  readonly file: string;
  readonly gazetteer: Gazetteer;
  /** Defaults to `usgs-mcs2025-fig2`. */
  readonly source?: SourceId;
}

const FIELD_COLUMNS: Readonly<Record<string, string>> = {
  order: 'Import_Share_Order',
  commodityLabel: 'Commodity',
  note: 'Notes',
};

/**
 * Reads USGS MCS Figure 2 (`MCS2025_Fig2_Net_Import_Reliance.csv`): one record per commodity with
 * the net import reliance as a fraction, ">95"/"<25" kept as qualifiers and "E" as a net exporter.
 * The reliance year and the import-source period come from the header
 * (`Net_Import_Reliance_pct_2024`, `Major_Import_Sources_2020_2023`). The commodity key is left null.
 */
export function parseUsgsImportReliance(
  text: string,
  ctx: UsgsImportRelianceContext,
): Result<ImportReliance[], ImportIssue[]> {
  const table = parseCsvTable(text, ctx.file);
  if (!table.ok) return table;
  const { header, rows } = table.value;
  const relianceColumn = header.find((h) => /^Net_Import_Reliance_pct_\d{4}$/.test(h));
  const sourcesColumn = header.find((h) => /^Major_Import_Sources_\d{4}_\d{4}$/.test(h));
  const missing = requireColumns(table.value, ['Import_Share_Order', 'Commodity', 'Notes']);
  if (relianceColumn === undefined)
    missing.push({
      code: 'missing-column',
      file: ctx.file,
      row: 1,
      column: 'Net_Import_Reliance_pct_<year>',
      message: 'no net import reliance column',
    });
  if (sourcesColumn === undefined)
    missing.push({
      code: 'missing-column',
      file: ctx.file,
      row: 1,
      column: 'Major_Import_Sources_<from>_<to>',
      message: 'no major import sources column',
    });
  if (missing.length > 0 || relianceColumn === undefined || sourcesColumn === undefined) return err(missing);
  const year = Number(relianceColumn.slice(-4));
  const [from, to] = sourcesColumn.slice(-9).split('_').map(Number);
  const source = ctx.source ?? SourceIdSchema.parse('usgs-mcs2025-fig2');

  const issues: ImportIssue[] = [];
  const out: ImportReliance[] = [];
  for (const row of rows) {
    const at = (column: string) => ({ file: ctx.file, row: row.row, column });
    const rowIssues: ImportIssue[] = [];

    const orderText = cellText(row, 'Import_Share_Order');
    if (!/^\d+$/.test(orderText))
      rowIssues.push(issueAt(at('Import_Share_Order'), 'bad-number', `not a position: "${orderText}"`));

    const relianceText = cellText(row, relianceColumn);
    const netExporter = relianceText === 'E';
    let share: number | null = null;
    let qualifier: '>' | '<' | null = null;
    if (!netExporter) {
      const read = readShare(relianceText, at(relianceColumn), { percentSign: 'never' });
      if (isIssue(read)) rowIssues.push(read);
      else ({ share, qualifier } = read);
    }

    const majorSources: CountryIso3[] = [];
    for (const label of cellText(row, sourcesColumn).split(',')) {
      if (label.trim() === '') continue;
      const iso3 = readCountry(ctx.gazetteer, label, at(sourcesColumn));
      if (isIssue(iso3)) rowIssues.push(iso3);
      else majorSources.push(iso3);
    }

    if (rowIssues.length > 0) {
      issues.push(...rowIssues);
      continue;
    }
    const record = ImportRelianceSchema.safeParse({
      order: Number(orderText),
      commodityLabel: cellText(row, 'Commodity'),
      commodity: null,
      year,
      share,
      qualifier,
      netExporter,
      majorSources,
      majorSourcesFrom: from,
      majorSourcesTo: to,
      note: textOrNull(row, 'Notes'),
      source,
    });
    if (record.success) out.push(record.data);
    else issues.push(...schemaIssues(record.error, ctx.file, row.row, (f) => FIELD_COLUMNS[f] ?? f));
  }
  return issues.length > 0 ? err(issues) : ok(out);
}

/**
 * Fills `commodity` from a map of published labels (trimmed, as in `commodityLabel`) to keys, and
 * lists the labels the map lacks; records whose label is missing keep a null key.
 */
export function assignCommodityKeys<
  T extends { readonly commodityLabel: string; readonly commodity: CommodityKey | null },
>(records: readonly T[], keys: ReadonlyMap<string, CommodityKey>): { records: T[]; unmapped: string[] } {
  const unmapped: string[] = [];
  const out = records.map((r) => {
    const key = keys.get(r.commodityLabel);
    if (key === undefined) {
      unmapped.push(r.commodityLabel);
      return r;
    }
    return { ...r, commodity: key };
  });
  return { records: out, unmapped };
}
