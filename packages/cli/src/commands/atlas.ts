import {
  type AtlasEntry,
  atlasEntry,
  atlasView,
  defaultStage,
  latestYear,
  rankingView,
  type CommodityKey,
  type Dataset,
  rankSeries,
  resolveCommodityName,
  StageSchema,
  UNITS,
} from '@lodestone/core';
import { z } from 'zod';
import type { Effects } from '../effects.ts';
import { EXIT, type ExitCode, UsageError } from '../exit-codes.ts';
import { csvText, formatNumber, formatShare, textTable } from '../format/text-table.ts';
import { closestNames } from '../suggest.ts';

const AtlasFlagsSchema = z
  .object({
    stage: StageSchema.optional(),
    year: z.coerce.number().int().min(1900).max(2100).optional(),
    metric: z.enum(['production', 'capacity']).default('production'),
    json: z.boolean().default(false),
    csv: z.boolean().default(false),
    rank: z.boolean().default(false),
    by: z.enum(['hhi', 'chinaShare', 'outsideAlliedShare', 'top1Share']).default('hhi'),
    critical: z.boolean().default(false),
  })
  .refine((f) => !(f.json && f.csv), { message: 'choose one of --json and --csv' });
type AtlasFlags = z.infer<typeof AtlasFlagsSchema>;

/** The commodity the user meant, or a usage error listing the closest keys. */
function resolveCommodity(dataset: Dataset, input: string): CommodityKey {
  const found = resolveCommodityName(dataset, input);
  if (found) return found;
  const keys = dataset.commodities.map((c) => c.key);
  throw new UsageError(`unknown commodity "${input}"; did you mean ${closestNames(input, keys).join(', ')}?`);
}

function renderEntry(entry: AtlasEntry, dataset: Dataset): string {
  const name = dataset.commodities.find((c) => c.key === entry.commodity);
  const unit = UNITS[entry.unit].label;
  const head = [
    `${name?.nameEn ?? entry.commodity} (${name?.nameJa ?? ''}) — ${entry.stage} ${entry.metric}, ${entry.year}; ${unit}, ${entry.basis}`,
    `total ${formatNumber(entry.total)} (world reported ${entry.worldReported === null ? 'n/a' : formatNumber(entry.worldReported)}, listed ${formatNumber(entry.listedTotal)})`,
    `HHI ${Math.round(entry.hhi)}   top-1 ${entry.top1 ? `${entry.top1.name} ${formatShare(entry.top1.share)}` : 'n/a'}   top-3 ${formatShare(entry.top3Share)}   China ${formatShare(entry.chinaShare)}   allied ${formatShare(entry.alliedShare)}   outside allied ${formatShare(entry.outsideAlliedShare)}`,
  ];
  if (entry.reservesToProductionYears !== null)
    head.push(
      `world reserves ${entry.reserves.qualifier ?? ''}${formatNumber(entry.reserves.world ?? 0)} ${unit}: ${formatNumber(entry.reservesToProductionYears)} years of output`,
    );
  const rows = [
    ...entry.countries.map((c) => [
      c.iso3,
      c.name,
      `${c.qualifier ?? ''}${formatNumber(c.value)}${c.estimated ? ' e' : ''}`,
      formatShare(c.share),
    ]),
    ...entry.aggregates.map((a) => ['', a.label, formatNumber(a.value), formatShare(a.share)]),
  ];
  const notes = [
    entry.withheld.length > 0 ? `withheld or included elsewhere: ${entry.withheld.join(', ')}` : '',
    entry.countries.some((c) => c.estimated) ? 'e = estimate' : '',
    `sources: ${entry.sources.map((s) => s.id).join(', ')} (lodestone sources <id>)`,
  ].filter((l) => l !== '');
  return `${head.join('\n')}\n\n${textTable(['iso3', 'country', 'value', 'share'], rows, new Set([2, 3]))}\n${notes.join('\n')}\n`;
}

function renderRanking(entries: readonly AtlasEntry[], dataset: Dataset, flags: AtlasFlags, effects: Effects): void {
  const nameOf = (k: string) => dataset.commodities.find((c) => c.key === k)?.nameEn ?? k;
  if (flags.json) {
    effects.stdout(`${JSON.stringify(rankingView(entries), null, 2)}\n`);
    return;
  }
  const header = ['rank', 'commodity', 'stage', 'HHI', 'top producer', 'top share', 'top-3', 'China', 'allied'];
  const rows = entries.map((e, i) => [
    String(i + 1),
    e.commodity,
    e.stage,
    String(Math.round(e.hhi)),
    e.top1?.iso3 ?? '',
    e.top1 ? formatShare(e.top1.share) : '',
    formatShare(e.top3Share),
    formatShare(e.chinaShare),
    formatShare(e.alliedShare),
  ]);
  if (flags.csv) {
    effects.stdout(
      csvText(
        [
          'rank',
          'commodity',
          'name',
          'stage',
          'year',
          'hhi',
          'top1_iso3',
          'top1_share',
          'top3_share',
          'china_share',
          'allied_share',
        ],
        entries.map((e, i) => [
          i + 1,
          e.commodity,
          nameOf(e.commodity),
          e.stage,
          e.year,
          e.hhi,
          e.top1?.iso3 ?? null,
          e.top1?.share ?? null,
          e.top3Share,
          e.chinaShare,
          e.alliedShare,
        ]),
      ),
    );
    return;
  }
  effects.stdout(textTable(header, rows, new Set([0, 3, 5, 6, 7, 8])));
}

/** `lodestone atlas <commodity>` and `lodestone atlas --rank`. */
export function atlasCommand(
  dataset: Dataset,
  commodityArg: string | undefined,
  rawFlags: unknown,
  effects: Effects,
): ExitCode {
  const parsed = AtlasFlagsSchema.safeParse(rawFlags);
  if (!parsed.success)
    throw new UsageError(
      parsed.error.issues.map((i) => `${i.path.length > 0 ? `--${i.path.join('.')}: ` : ''}${i.message}`).join('; '),
    );
  const flags = parsed.data;
  if (flags.rank) {
    const year = flags.year ?? latestYear(dataset);
    if (year === undefined) throw new UsageError('the dataset has no production figures');
    renderRanking(
      rankSeries(dataset, {
        year,
        by: flags.by,
        metric: flags.metric,
        criticalOnly: flags.critical,
        ...(flags.stage ? { stage: flags.stage } : {}),
      }),
      dataset,
      flags,
      effects,
    );
    return EXIT.ok;
  }
  if (commodityArg === undefined)
    throw new UsageError('name a commodity (e.g. lodestone atlas rare_earths) or pass --rank');
  const commodity = resolveCommodity(dataset, commodityArg);
  const stage = flags.stage ?? defaultStage(dataset, commodity);
  if (stage === undefined) throw new UsageError(`no series for ${commodity}`);
  const year = flags.year ?? latestYear(dataset, commodity);
  if (year === undefined)
    throw new UsageError(
      `the dataset has no ${flags.metric} figures for ${commodity} (the source withholds or lacks them; lodestone sources lists what is loaded)`,
    );
  const result = atlasEntry(dataset, { commodity, stage, year, metric: flags.metric });
  if (!result.ok) {
    const e = result.error;
    throw new UsageError(
      e.code === 'unknown-series'
        ? `no ${stage} series for ${commodity}; stages with data: ${e.available.join(', ')}`
        : `no ${flags.metric} data for ${commodity}/${stage} in ${year}; years with data: ${e.availableYears.join(', ') || 'none'}`,
    );
  }
  const entry = result.value;
  if (flags.json) effects.stdout(`${JSON.stringify(atlasView(entry), null, 2)}\n`);
  else if (flags.csv)
    effects.stdout(
      csvText(
        ['commodity', 'stage', 'metric', 'year', 'iso3', 'country', 'value', 'unit', 'share', 'estimated', 'source'],
        [
          ...entry.countries.map((c) => [
            entry.commodity,
            entry.stage,
            entry.metric,
            entry.year,
            c.iso3,
            c.name,
            c.value,
            entry.unit,
            c.share,
            c.estimated ? 1 : 0,
            entry.sources.map((s) => s.id).join(' '),
          ]),
          ...entry.aggregates.map((a) => [
            entry.commodity,
            entry.stage,
            entry.metric,
            entry.year,
            null,
            a.label,
            a.value,
            entry.unit,
            a.share,
            null,
            entry.sources.map((s) => s.id).join(' '),
          ]),
        ],
      ),
    );
  else effects.stdout(renderEntry(entry, dataset));
  return EXIT.ok;
}
