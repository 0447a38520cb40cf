import { z } from 'zod';
import { type CommodityKey, CommodityKeySchema } from '../model/commodity.ts';
import type { Observation } from '../model/observation.ts';
import { type Metric, MetricSchema, type Stage, StageSchema } from '../model/stage.ts';
import { type Unit, UnitSchema, USGS_UNIT_WORDS } from '../model/unit.ts';
import { err, ok, type Result } from '../result.ts';
import { resolveArea } from './country-names.ts';
import { cellText, type CsvRow, type CsvTable, requireColumns } from './csv-table.ts';
import type { ImportIssue } from './import-issue.ts';
import type { UsgsImportContext } from './usgs-mcs-context.ts';
import { parseUsgsValue, type UsgsValue } from './usgs-value.ts';

/**
 * The header of `MCS2026_Commodities_Data.csv` as released: one long table, one row per
 * chapter × section × commodity × country × statistic × year, encoded in Windows-1252.
 */
export const MCS2026_HEADER = [
  'MCS chapter',
  'Section',
  'Commodity',
  'Country',
  'Statistics',
  'Statistics_detail',
  'Unit',
  'Year',
  'Value',
  'Notes',
  'Is critical mineral 2025',
  'Other notes',
] as const;

/**
 * The columns the importer reads and therefore requires. The critical-mineral flag and the chapter
 * notes are left out: they carry no figure, and the flag's name holds a year that later releases
 * will change.
 */
export const MCS2026_COLUMNS = MCS2026_HEADER.filter(
  (c) => c !== 'MCS chapter' && c !== 'Is critical mineral 2025' && c !== 'Other notes',
);

/** True for the long layout of the 2026 release (and a later one that keeps its columns). */
export const isMcs2026Header = (header: readonly string[]): boolean => MCS2026_COLUMNS.every((c) => header.includes(c));

/** How one measure of the long layout maps onto a Lodestone series (a row of `usgs-mcs2026-series.csv`). */
export interface Mcs2026SeriesRule {
  /** The Commodity column, e.g. "Rare Earths" (PGM rows name "Palladium" and "Platinum"). */
  readonly usgsCommodity: string;
  /** The Statistics_detail column without the world-total suffix: "Mine production", not "Mine production: rounded". */
  readonly statisticsDetail: string;
  /** `null` for a measure deliberately left out; `note` says why. */
  readonly commodity: CommodityKey | null;
  readonly stage: Stage;
  /** What the measure is; the row's Statistics column (Production, Capacity, Reserves) must agree. */
  readonly metric: Metric;
  /** The unit stored: the published one, or its correction where the release mislabels it. */
  readonly unit: Unit;
  /** The unit the release prints in the Unit column for this measure. */
  readonly publishedUnit: Unit;
  readonly basis: string;
  readonly note: string | null;
}

/** What the importer needs besides the table: the file name, source id, gazetteer and the series rules. */
export type Mcs2026ImportContext = Pick<UsgsImportContext, 'file' | 'source' | 'gazetteer'> & {
  readonly rules: readonly Mcs2026SeriesRule[];
};

/** Rows of the world tables ("World Mine Production and Reserves", "World Smelter Capacity", …). */
const isWorldSection = (section: string): boolean => /^world\b/i.test(section);

const fold = (s: string): string => s.replace(/\s+/g, ' ').trim().toLowerCase();

/** World-total rows carry a rounded variant of the detail: "Mine production: rounded", "…: Usable ore, rounded". */
const withoutRounded = (detail: string): string => detail.replace(/\s*[:,]\s*rounded\s*$/i, '');

const METRIC_OF_STATISTICS: Readonly<Record<string, Metric>> = {
  production: 'production',
  capacity: 'capacity',
  reserves: 'reserves',
};

/** Notes are " -- "-joined parts; "Estimated." marks an estimate, "Reported." a reported figure. */
function readNotes(notes: string): { estimated: boolean; note: string | null } {
  const parts = notes
    .split(/\s+--\s+/)
    .map((p) => p.trim())
    .filter((p) => p !== '');
  const estimated = parts.some((p) => /^estimated\b/i.test(p));
  // The bare markers and the pointer to the reserves appendix (on every reserves row) say nothing more.
  const kept = parts.filter((p) => !/^(estimated|reported)\.?$/i.test(p) && !/^see appendix c\b/i.test(p));
  return { estimated, note: kept.length > 0 ? kept.join(' -- ') : null };
}

/** `parseUsgsValue`, plus "XX" (the USGS mark for "not applicable"). */
const readValue = (raw: string): UsgsValue | undefined =>
  /^XX$/.test(raw) ? { value: null, status: 'na', qualifier: null } : parseUsgsValue(raw);

function rowObservation(
  row: CsvRow,
  file: string,
  ctx: Mcs2026ImportContext,
  issues: ImportIssue[],
): Observation | undefined {
  const at = { file, row: row.row };
  const usgsCommodity = cellText(row, 'Commodity');
  const detail = cellText(row, 'Statistics_detail');
  const key = withoutRounded(detail);
  const forCommodity = ctx.rules.filter((r) => fold(r.usgsCommodity) === fold(usgsCommodity));
  const rule = forCommodity.find((r) => fold(r.statisticsDetail) === fold(key));
  if (!rule) {
    issues.push({
      code: 'unknown-series',
      ...at,
      column: forCommodity.length === 0 ? 'Commodity' : 'Statistics_detail',
      message: `no series rule for commodity "${usgsCommodity}" and Statistics_detail "${key}": add one to the MCS 2026 series catalog`,
    });
    return undefined;
  }
  if (rule.commodity === null) return undefined;
  const before = issues.length;

  const statistics = cellText(row, 'Statistics');
  if (METRIC_OF_STATISTICS[fold(statistics)] !== rule.metric)
    issues.push({
      code: 'unknown-series',
      ...at,
      column: 'Statistics',
      message: `Statistics "${statistics}" for "${usgsCommodity}/${key}", whose rule says ${rule.metric}`,
    });

  const yearText = cellText(row, 'Year');
  if (!/^\d{4}$/.test(yearText))
    issues.push({ code: 'bad-value', ...at, column: 'Year', message: `not a year: "${yearText}"` });

  const label = cellText(row, 'Country');
  const area = resolveArea(ctx.gazetteer, label);
  if (!area) issues.push({ code: 'unknown-country', ...at, column: 'Country', message: `unknown country "${label}"` });

  const unitText = cellText(row, 'Unit');
  const published = unitText === '' ? rule.publishedUnit : USGS_UNIT_WORDS[unitText.toLowerCase()];
  if (published !== rule.publishedUnit)
    issues.push({
      code: 'unit-mismatch',
      ...at,
      column: 'Unit',
      message:
        published === undefined
          ? `unknown unit "${unitText}"`
          : `unit "${unitText}" differs from the series unit ${rule.publishedUnit} of ${rule.commodity}/${rule.stage} ${rule.metric}`,
    });

  const raw = cellText(row, 'Value');
  const parsed = readValue(raw);
  if (!parsed) issues.push({ code: 'bad-number', ...at, column: 'Value', message: `not a number: "${raw}"` });
  else if (parsed.value !== null && parsed.value < 0)
    issues.push({ code: 'negative-value', ...at, column: 'Value', message: `negative ${rule.metric} "${raw}"` });

  if (issues.length > before || !area || !parsed) return undefined;
  const { estimated, note } = readNotes(cellText(row, 'Notes'));
  return {
    commodity: rule.commodity,
    stage: rule.stage,
    metric: rule.metric,
    year: Number(yearText),
    area,
    label,
    value: parsed.value,
    status: parsed.status,
    unit: rule.unit,
    estimated,
    qualifier: parsed.qualifier,
    note,
    source: ctx.source,
  };
}

/**
 * Reads the world tables of the long MCS 2026 layout into observations. Rows of other sections
 * (salient statistics for the United States, import sources) are skipped. Every problem is
 * collected; with any problem, no observation is returned.
 */
export function parseUsgsMcs2026(table: CsvTable, ctx: Mcs2026ImportContext): Result<Observation[], ImportIssue[]> {
  const missing = requireColumns(table, MCS2026_COLUMNS);
  if (missing.length > 0) return err(missing);
  const issues: ImportIssue[] = [];
  const observations: Observation[] = [];
  const seen = new Map<string, number>();
  for (const row of table.rows) {
    if (!isWorldSection(cellText(row, 'Section'))) continue;
    const o = rowObservation(row, table.file, ctx, issues);
    if (!o) continue;
    const key = `${o.commodity}|${o.stage}|${o.metric}|${o.year}|${o.label.toLowerCase()}`;
    const first = seen.get(key);
    if (first !== undefined)
      issues.push({
        code: 'duplicate-row',
        file: table.file,
        row: row.row,
        message: `a second value for ${o.commodity}/${o.stage} ${o.metric} ${o.year} in ${o.label} (first in row ${first})`,
      });
    else seen.set(key, row.row);
    observations.push(o);
  }
  return issues.length > 0 ? err(issues) : ok(observations);
}

const RuleRowSchema = z.object({
  usgsCommodity: z.string().min(1),
  statisticsDetail: z.string().min(1),
  commodity: CommodityKeySchema.nullable(),
  stage: StageSchema,
  metric: MetricSchema,
  unit: UnitSchema,
  publishedUnit: UnitSchema,
  basis: z.string().min(1),
  note: z.string().nullable(),
});

const RULE_COLUMNS = {
  usgsCommodity: 'usgs_commodity',
  statisticsDetail: 'statistics_detail',
  commodity: 'commodity',
  stage: 'stage',
  metric: 'metric',
  unit: 'unit',
  publishedUnit: 'published_unit',
  basis: 'basis',
  note: 'note',
} as const satisfies Record<keyof Mcs2026SeriesRule, string>;

/**
 * Reads `usgs-mcs2026-series.csv`: `commodity` "-" marks a measure left out, a blank `published_unit`
 * means the release prints `unit`. Two rules for one (commodity, detail) are an error.
 */
export function parseMcs2026SeriesCatalog(table: CsvTable): Result<Mcs2026SeriesRule[], ImportIssue[]> {
  const missing = requireColumns(table, Object.values(RULE_COLUMNS));
  if (missing.length > 0) return err(missing);
  const issues: ImportIssue[] = [];
  const rules: Mcs2026SeriesRule[] = [];
  const seen = new Map<string, number>();
  for (const row of table.rows) {
    const text = (column: keyof Mcs2026SeriesRule): string => cellText(row, RULE_COLUMNS[column]);
    const parsed = RuleRowSchema.safeParse({
      usgsCommodity: text('usgsCommodity'),
      statisticsDetail: text('statisticsDetail'),
      commodity: text('commodity') === '-' ? null : text('commodity'),
      stage: text('stage'),
      metric: text('metric'),
      unit: text('unit'),
      publishedUnit: text('publishedUnit') === '' ? text('unit') : text('publishedUnit'),
      basis: text('basis'),
      note: text('note') === '' ? null : text('note'),
    });
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = String(issue.path[0] ?? '');
        // A blank published_unit copies unit: a bad unit is reported once, under unit.
        if (field === 'publishedUnit' && text('publishedUnit') === '') continue;
        issues.push({
          code: 'bad-value',
          file: table.file,
          row: row.row,
          column: field in RULE_COLUMNS ? RULE_COLUMNS[field as keyof Mcs2026SeriesRule] : field,
          message: issue.message,
        });
      }
      continue;
    }
    const key = `${fold(parsed.data.usgsCommodity)}|${fold(parsed.data.statisticsDetail)}`;
    const first = seen.get(key);
    if (first !== undefined)
      issues.push({
        code: 'duplicate-row',
        file: table.file,
        row: row.row,
        column: 'statistics_detail',
        message: `a second rule for "${parsed.data.usgsCommodity}/${parsed.data.statisticsDetail}" (first in row ${first})`,
      });
    else seen.set(key, row.row);
    rules.push(parsed.data);
  }
  return issues.length > 0 ? err(issues) : ok(rules);
}
