import type { SourceId } from '../model/source.ts';
import type { Unit } from '../model/unit.ts';
import type { UsSalientStatistic } from '../model/us-salient.ts';
import { err, ok, type Result } from '../result.ts';
import { cellText, type CsvTable } from './csv-table.ts';
import type { ImportIssue } from './import-issue.ts';
import { parseUsgsValue } from './usgs-value.ts';

/** Unit suffixes of salient-statistics column names ("Price_Nd2O3_dkg" is dollars per kilogram). */
const SUFFIX_UNITS: Readonly<Record<string, Unit>> = {
  t: 't',
  kt: 'kt',
  kg: 'kg',
  g: 'g',
  pct: 'pct',
  dkg: 'usd_per_kg',
  dg: 'usd_per_g',
  dt: 'usd_per_t',
  dlb: 'usd_per_lb',
  ctslb: 'usc_per_lb',
  dto: 'usd_per_troy_oz',
  num: 'count',
};

const KEY_COLUMNS = new Set(['DataSource', 'Source', 'Commodity', 'Year']);

/**
 * The statistic and unit a column holds. Net import reliance is a percentage whatever its suffix
 * (the 2025 release writes `NIR_ct` and `NIR_Concentrate_t`); a bare `Employment_` is a head count.
 */
function columnMeaning(column: string): { statistic: string; unit: Unit } | undefined {
  const m = /^(.*?)_([A-Za-z]*)$/.exec(column);
  if (!m) return undefined;
  const statistic = m[1] ?? column;
  const suffix = m[2] ?? '';
  if (/^NIR\b|_NIR\b|^NIR_/.test(column) || /NIR/.test(statistic)) return { statistic, unit: 'pct' };
  if (/^Employment$/.test(statistic)) return { statistic, unit: 'count' };
  const unit = SUFFIX_UNITS[suffix];
  return unit === undefined ? undefined : { statistic, unit };
}

/**
 * Reads one USGS MCS salient-statistics file (US production, trade, consumption, prices, net import
 * reliance by year). Columns with no unit the release states (a bare `Stocks_`) are reported.
 */
export function parseUsgsSalient(table: CsvTable, source: SourceId): Result<UsSalientStatistic[], ImportIssue[]> {
  const issues: ImportIssue[] = [];
  const out: UsSalientStatistic[] = [];
  const columns = table.header.filter((c) => c !== '' && !KEY_COLUMNS.has(c));
  for (const row of table.rows) {
    if (Object.values(row.cells).every((c) => c.trim() === '')) continue;
    const usgsCommodity = cellText(row, 'Commodity');
    const yearText = cellText(row, 'Year');
    if (!/^\d{4}$/.test(yearText)) {
      issues.push({
        code: 'bad-value',
        file: table.file,
        row: row.row,
        column: 'Year',
        message: `not a year: "${yearText}"`,
      });
      continue;
    }
    for (const column of columns) {
      const meaning = columnMeaning(column);
      const raw = cellText(row, column);
      if (!meaning) {
        if (raw !== '' && !/^(W|NA)$/i.test(raw)) {
          issues.push({
            code: 'unit-mismatch',
            file: table.file,
            row: row.row,
            column,
            message: `column "${column}" names no unit`,
          });
        }
        continue;
      }
      const netExporter = /^E$/.test(raw);
      const parsed = netExporter ? { value: null, status: 'na' as const, qualifier: null } : parseUsgsValue(raw);
      if (!parsed) {
        issues.push({ code: 'bad-number', file: table.file, row: row.row, column, message: `not a number: "${raw}"` });
        continue;
      }
      if (raw === '') continue;
      out.push({ usgsCommodity, year: Number(yearText), ...meaning, ...parsed, netExporter, source });
    }
  }
  return issues.length > 0 ? err(issues) : ok(out);
}
