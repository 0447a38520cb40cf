import type { Observation, ValueStatus } from '../model/observation.ts';
import type { Metric } from '../model/stage.ts';
import { USGS_UNIT_WORDS } from '../model/unit.ts';
import { err, ok, type Result } from '../result.ts';
import { resolveArea } from './country-names.ts';
import { cellText, type CsvRow, type CsvTable, requireColumns } from './csv-table.ts';
import type { ImportIssue } from './import-issue.ts';
import type { UsgsImportContext, UsgsSeriesRule } from './usgs-mcs-context.ts';
import { parseUsgsValue } from './usgs-value.ts';

/** The header of the MCS 2025 world table, with the release's own spacing ("PROD_EST_ 2024"). */
export const MCS2025_COLUMNS = [
  'SOURCE',
  'COMMODITY',
  'COUNTRY',
  'TYPE',
  'UNIT_MEAS',
  'PROD_2023',
  'PROD_EST_ 2024',
  'PROD_NOTES',
  'CAP_2023',
  'CAP_EST_ 2024',
  'CAP_NOTES',
  'RESERVES_2024',
  'RESERVE_NOTES',
] as const;

export const isMcs2025Header = (header: readonly string[]): boolean =>
  ['COMMODITY', 'COUNTRY', 'TYPE', 'UNIT_MEAS'].every((c) => header.includes(c)) &&
  header.some((c) => /^PROD_/.test(c)) &&
  header.some((c) => /^RESERVES_/.test(c));

interface ValueColumn {
  readonly column: string;
  readonly metric: Metric | 'series';
  readonly year: number;
  readonly estimated: boolean;
  readonly notes: string;
}

/** The value columns of a wide release, read from the header so a later year's columns work too. */
function valueColumns(header: readonly string[]): ValueColumn[] {
  const out: ValueColumn[] = [];
  for (const column of header) {
    const m = /^(PROD|CAP|RESERVES)_(EST_)?\s*(\d{4})$/.exec(column);
    if (!m) continue;
    const kind = m[1];
    out.push({
      column,
      metric: kind === 'PROD' ? 'series' : kind === 'CAP' ? 'capacity' : 'reserves',
      year: Number(m[3]),
      estimated: m[2] !== undefined,
      notes: kind === 'PROD' ? 'PROD_NOTES' : kind === 'CAP' ? 'CAP_NOTES' : 'RESERVE_NOTES',
    });
  }
  return out;
}

const fold = (s: string): string => s.replace(/\s+/g, ' ').trim().toLowerCase();

/** Finds the rule for a row: one naming the row label wins over the measure's general rule. */
function findRule(rules: readonly UsgsSeriesRule[], commodity: string, type: string, label: string) {
  const candidates = rules.filter((r) => fold(r.usgsCommodity) === fold(commodity) && fold(r.usgsType) === fold(type));
  return (
    candidates.find((r) => r.rowLabel !== null && fold(r.rowLabel) === fold(label)) ??
    candidates.find((r) => r.rowLabel === null)
  );
}

/** A note that explains an empty cell rather than annotating a number. */
function statusFromNote(note: string): ValueStatus | undefined {
  if (/^included (in|with)/i.test(note)) return 'included_elsewhere';
  if (/^(na|xx|large|moderate|small|very small|moderate to large|less than 1\/2 unit)$/i.test(note)) return 'na';
  if (/^W\b/.test(note)) return 'withheld';
  return undefined;
}

const isEstimateNote = (note: string, year: number): boolean =>
  new RegExp(`^estimated(\\s+for)?\\s+${year}$`, 'i').test(note) || /^estimated$/i.test(note);

function rowObservations(row: CsvRow, table: CsvTable, ctx: UsgsImportContext, issues: ImportIssue[]): Observation[] {
  const file = table.file;
  const commodityText = cellText(row, 'COMMODITY');
  const type = cellText(row, 'TYPE');
  const label = cellText(row, 'COUNTRY');
  const rule = findRule(ctx.series, commodityText, type, label);
  if (!rule) {
    issues.push({
      code: 'unknown-series',
      file,
      row: row.row,
      column: 'TYPE',
      message: `no series rule for commodity "${commodityText}" and type "${type}": add one to the series catalog`,
    });
    return [];
  }
  if (rule.commodity === null) return [];
  const area = resolveArea(ctx.gazetteer, label);
  if (!area) {
    issues.push({
      code: 'unknown-country',
      file,
      row: row.row,
      column: 'COUNTRY',
      message: `unknown country "${label}"`,
    });
    return [];
  }
  const unitText = cellText(row, 'UNIT_MEAS').toLowerCase();
  const published = unitText === '' ? undefined : USGS_UNIT_WORDS[unitText];
  if (unitText !== '' && published === undefined) {
    issues.push({
      code: 'unit-mismatch',
      file,
      row: row.row,
      column: 'UNIT_MEAS',
      message: `unknown unit "${unitText}"`,
    });
    return [];
  }
  if (published !== undefined && published !== rule.publishedUnit) {
    issues.push({
      code: 'unit-mismatch',
      file,
      row: row.row,
      column: 'UNIT_MEAS',
      message: `unit "${unitText}" differs from the series unit ${rule.publishedUnit} of ${rule.commodity}/${rule.stage}`,
    });
    return [];
  }
  const typeEstimated = /\bestimated\b/i.test(type);
  const out: Observation[] = [];
  for (const vc of valueColumns(table.header)) {
    if (vc.metric === 'reserves' && !rule.hasReserves) continue;
    const raw = cellText(row, vc.column);
    const note = cellText(row, vc.notes);
    const metric = vc.metric === 'series' ? rule.valuesAre : vc.metric;
    const parsed = parseUsgsValue(raw);
    if (!parsed) {
      issues.push({ code: 'bad-number', file, row: row.row, column: vc.column, message: `not a number: "${raw}"` });
      continue;
    }
    if (parsed.value !== null && parsed.value < 0) {
      issues.push({
        code: 'negative-value',
        file,
        row: row.row,
        column: vc.column,
        message: `negative ${metric} "${raw}"`,
      });
      continue;
    }
    const status = parsed.status === 'na' && raw === '' ? statusFromNote(note) : parsed.status;
    if (status === undefined) continue;
    // A note such as "estimated 2023" belongs to the 2023 column only.
    const noteForCell = /^estimated\b/i.test(note) && !isEstimateNote(note, vc.year) ? null : note || null;
    const unit = metric === 'reserves' ? rule.reservesUnit : rule.unit;
    out.push({
      commodity: rule.commodity,
      stage: rule.stage,
      metric,
      year: vc.year,
      area,
      label,
      value: parsed.value,
      status,
      unit,
      estimated: vc.estimated || typeEstimated || isEstimateNote(note, vc.year),
      qualifier: parsed.qualifier,
      note: noteForCell,
      source: ctx.source,
    });
  }
  return out;
}

/**
 * Reads the wide world table of a USGS MCS data release (2025 layout) into observations.
 * Every problem is collected; with any problem, no observation is returned.
 */
export function parseUsgsMcs2025(table: CsvTable, ctx: UsgsImportContext): Result<Observation[], ImportIssue[]> {
  const missing = requireColumns(table, [
    'COMMODITY',
    'COUNTRY',
    'TYPE',
    'UNIT_MEAS',
    'PROD_NOTES',
    'CAP_NOTES',
    'RESERVE_NOTES',
  ]);
  if (missing.length > 0) return err(missing);
  const issues: ImportIssue[] = [];
  const observations = table.rows.flatMap((row) => rowObservations(row, table, ctx, issues));
  const seen = new Map<string, number>();
  for (const [i, o] of observations.entries()) {
    // Keyed by label: one country may have several rows (US helium from gas fields and from storage).
    const key = `${o.commodity}|${o.stage}|${o.metric}|${o.year}|${o.label.toLowerCase()}`;
    const first = seen.get(key);
    if (first !== undefined) {
      issues.push({
        code: 'duplicate-row',
        file: table.file,
        message: `two values for ${o.commodity}/${o.stage} ${o.metric} ${o.year} in ${o.label} (observations ${first + 1} and ${i + 1})`,
      });
    } else seen.set(key, i);
  }
  return issues.length > 0 ? err(issues) : ok(observations);
}
