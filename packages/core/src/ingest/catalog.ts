import { z } from 'zod';
import {
  type CommodityAlias,
  CommodityAliasSchema,
  CommoditySchema,
  type Commodity,
  type CommodityKey,
  CommodityKeySchema,
} from '../model/commodity.ts';
import {
  CountryGroupSchema,
  CountryIso3Schema,
  CountrySchema,
  type Country,
  type CountryGroup,
} from '../model/country.ts';
import type { Area } from '../model/observation.ts';
import { SourceSchema, type Source } from '../model/source.ts';
import { type KnownDiscrepancy, KnownDiscrepancySchema } from '../model/dataset.ts';
import { MetricSchema, StageSchema } from '../model/stage.ts';
import { UnitFamilySchema, UnitSchema } from '../model/unit.ts';
import { err, ok, type Result } from '../result.ts';
import type { CountryAlias } from './country-names.ts';
import { cellText, type CsvTable } from './csv-table.ts';
import { readRecords, snakeColumn } from './read-records.ts';
import type { ImportIssue } from './import-issue.ts';
import type { UsgsSeriesRule } from './usgs-mcs-context.ts';

const blankToUndefined = (s: string): string | undefined => (s === '' ? undefined : s);

export function parseCommodityCatalog(table: CsvTable): Result<Commodity[], ImportIssue[]> {
  return readRecords(
    table,
    ['key', 'name_en', 'name_ja', 'unit_family', 'us_critical'],
    (row) =>
      CommoditySchema.safeParse({
        key: cellText(row, 'key'),
        nameEn: cellText(row, 'name_en'),
        nameJa: cellText(row, 'name_ja'),
        unitFamily: UnitFamilySchema.safeParse(cellText(row, 'unit_family')).data ?? cellText(row, 'unit_family'),
        isUsCritical:
          cellText(row, 'us_critical') === '1'
            ? true
            : cellText(row, 'us_critical') === '0'
              ? false
              : cellText(row, 'us_critical'),
      }),
    { columnOf: (field) => (field === 'isUsCritical' ? 'us_critical' : snakeColumn(field)) },
  );
}

const SeriesRuleRowSchema = z.object({
  usgsCommodity: z.string().min(1),
  usgsType: z.string().min(1),
  rowLabel: z.string().nullable(),
  commodity: CommodityKeySchema.nullable(),
  stage: StageSchema,
  unit: UnitSchema,
  publishedUnit: UnitSchema,
  reservesUnit: UnitSchema,
  hasReserves: z.boolean(),
  valuesAre: MetricSchema.extract(['production', 'capacity']),
  basis: z.string().min(1),
  note: z.string().nullable(),
});

/** The series catalog of a USGS release: which measure becomes which commodity, stage and unit. */
export function parseUsgsSeriesCatalog(table: CsvTable): Result<UsgsSeriesRule[], ImportIssue[]> {
  const columns = [
    'usgs_commodity',
    'usgs_type',
    'row_label',
    'commodity',
    'stage',
    'unit',
    'values_are',
    'basis',
    'note',
  ];
  return readRecords(table, columns, (row) => {
    const unit = cellText(row, 'unit');
    return SeriesRuleRowSchema.safeParse({
      usgsCommodity: cellText(row, 'usgs_commodity'),
      usgsType: cellText(row, 'usgs_type'),
      rowLabel: blankToUndefined(cellText(row, 'row_label')) ?? null,
      commodity: cellText(row, 'commodity') === '-' ? null : cellText(row, 'commodity'),
      stage: cellText(row, 'stage'),
      unit,
      publishedUnit: blankToUndefined(cellText(row, 'published_unit')) ?? unit,
      reservesUnit: blankToUndefined(cellText(row, 'reserves_unit')) ?? unit,
      hasReserves: cellText(row, 'has_reserves') !== '0',
      valuesAre: cellText(row, 'values_are'),
      basis: cellText(row, 'basis'),
      note: blankToUndefined(cellText(row, 'note')) ?? null,
    });
  });
}

export function parseCountryCatalog(table: CsvTable): Result<Country[], ImportIssue[]> {
  return readRecords(table, ['iso3', 'name_en', 'name_ja'], (row) =>
    CountrySchema.safeParse({
      iso3: cellText(row, 'iso3'),
      nameEn: cellText(row, 'name_en'),
      nameJa: cellText(row, 'name_ja'),
    }),
  );
}

/** An area written as ISO3, WORLD, OTHER or ISO3+ISO3… (a row covering several countries). */
const AreaCellSchema = z.string().transform((text, ctx): Area => {
  if (text === 'WORLD') return { kind: 'world' };
  if (text === 'OTHER') return { kind: 'other' };
  const codes = text.split('+').map((c) => CountryIso3Schema.safeParse(c.trim()));
  const members = codes.flatMap((c) => (c.success ? [c.data] : []));
  if (members.length !== codes.length || members.length === 0) {
    ctx.addIssue({ code: 'custom', message: `"${text}" is not ISO3, WORLD, OTHER or ISO3+ISO3` });
    return z.NEVER;
  }
  const [only] = members;
  return members.length === 1 && only ? { kind: 'country', iso3: only } : { kind: 'region', members };
});

export function parseCountryAliases(
  table: CsvTable,
  known: ReadonlySet<string>,
): Result<CountryAlias[], ImportIssue[]> {
  const Row = z.object({
    alias: z.string().min(1),
    area: AreaCellSchema.refine(
      (a) =>
        a.kind === 'country' ? known.has(a.iso3) : a.kind === 'region' ? a.members.every((m) => known.has(m)) : true,
      'an ISO3 code not in the country catalog',
    ),
  });
  return readRecords(table, ['alias', 'area'], (row) =>
    Row.safeParse({ alias: cellText(row, 'alias'), area: cellText(row, 'area') }),
  );
}

/** Group memberships, one row per member: `group,iso3,source`. */
export function parseCountryGroups(
  table: CsvTable,
  nameOf: (id: string) => { en: string; ja: string },
): Result<CountryGroup[], ImportIssue[]> {
  const Row = z.object({ group: z.string(), iso3: CountryIso3Schema, source: z.string() });
  const rows = readRecords(table, ['group', 'iso3', 'source'], (row) =>
    Row.safeParse({ group: cellText(row, 'group'), iso3: cellText(row, 'iso3'), source: cellText(row, 'source') }),
  );
  if (!rows.ok) return rows;
  const byGroup = new Map<string, { members: string[]; source: string }>();
  for (const r of rows.value) {
    const g = byGroup.get(r.group) ?? { members: [], source: r.source };
    g.members.push(r.iso3);
    byGroup.set(r.group, g);
  }
  const issues: ImportIssue[] = [];
  const groups: CountryGroup[] = [];
  for (const [id, g] of byGroup) {
    const parsed = CountryGroupSchema.safeParse({
      id,
      nameEn: nameOf(id).en,
      nameJa: nameOf(id).ja,
      members: [...new Set(g.members)].sort(),
      source: g.source,
    });
    if (parsed.success) groups.push(parsed.data);
    else
      issues.push({
        code: 'bad-value',
        file: table.file,
        column: 'group',
        message: `group "${id}": ${parsed.error.issues.map((i) => i.message).join('; ')}`,
      });
  }
  return issues.length > 0 ? err(issues) : ok(groups);
}

export function parseSourceCatalog(table: CsvTable): Result<Source[], ImportIssue[]> {
  const columns = [
    'id',
    'kind',
    'title',
    'publisher',
    'year',
    'locator',
    'url',
    'licence',
    'confidence',
    'reasoning',
    'note',
  ];
  return readRecords(table, columns, (row) => {
    const kind = cellText(row, 'kind');
    const common = { id: cellText(row, 'id'), kind, title: cellText(row, 'title') };
    if (kind === 'assumption') return SourceSchema.safeParse({ ...common, reasoning: cellText(row, 'reasoning') });
    const note = blankToUndefined(cellText(row, 'note'));
    return SourceSchema.safeParse({
      ...common,
      publisher: cellText(row, 'publisher'),
      year: Number(cellText(row, 'year')),
      locator: cellText(row, 'locator'),
      url: cellText(row, 'url'),
      licence: cellText(row, 'licence'),
      confidence: cellText(row, 'confidence'),
      ...(note === undefined ? {} : { note }),
    });
  });
}

/** Commodity keys in a catalog, for checking references against it. */
export const commodityKeys = (commodities: readonly Commodity[]): ReadonlySet<CommodityKey> =>
  new Set(commodities.map((c) => c.key));

/** Data-check failures examined and accepted, with their reasons. */
export function parseKnownDiscrepancies(table: CsvTable): Result<KnownDiscrepancy[], ImportIssue[]> {
  return readRecords(table, ['commodity', 'stage', 'metric', 'year', 'code', 'reason'], (row) =>
    KnownDiscrepancySchema.safeParse({
      commodity: cellText(row, 'commodity'),
      stage: cellText(row, 'stage'),
      metric: cellText(row, 'metric'),
      year: Number(cellText(row, 'year')),
      code: cellText(row, 'code'),
      reason: cellText(row, 'reason'),
    }),
  );
}

/** Other names of commodities: `alias,commodity,note`. */
export function parseCommodityAliases(
  table: CsvTable,
  known: ReadonlySet<string>,
): Result<CommodityAlias[], ImportIssue[]> {
  return readRecords(table, ['alias', 'commodity'], (row) =>
    CommodityAliasSchema.refine((a) => known.has(a.commodity), {
      message: 'not a key of the commodity catalog',
      path: ['commodity'],
    }).safeParse({
      alias: cellText(row, 'alias'),
      commodity: cellText(row, 'commodity'),
    }),
  );
}
