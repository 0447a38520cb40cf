import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import {
  buildGazetteer,
  checkDataset,
  failingIssues,
  type CsvTable,
  type Dataset,
  DatasetSchema,
  formatImportIssue,
  type ImportIssue,
  mergeRelease,
  parseCountryAliases,
  parseCsvTable,
  parseUsgsRelease,
  parseUsgsSalient,
  parseUsgsSeriesCatalog,
  parseMcs2026SeriesCatalog,
  decodeReleaseText,
  type Result,
  type Source,
  type SourceId,
  type UsSalientStatistic,
} from '@lodestone/core';
import { DATA_DIR, readCsvTable } from '../data/bundle-files.ts';
import { stringifyDataset } from '../data/dataset-json.ts';
import { importedDatasetPath } from '../data/load-dataset.ts';
import type { Effects } from '../effects.ts';
import { EXIT, type ExitCode, UsageError } from '../exit-codes.ts';

const WORLD_FILE = /^MCS(\d{4})_(World_Data|Commodities_Data)\.csv$/i;

function releaseSource(edition: number, file: string, what: 'world' | 'salient'): Source {
  return {
    id: `usgs-mcs${edition}-${what}` as SourceId,
    kind: 'dataset',
    title: `Mineral Commodity Summaries ${edition} data release: ${what === 'world' ? 'world production, capacity and reserves' : 'U.S. salient statistics'}`,
    publisher: 'U.S. Geological Survey',
    year: edition,
    locator: file,
    url: 'https://www.usgs.gov/centers/national-minerals-information-center/mineral-commodity-summaries',
    licence: 'Public domain (U.S. Government work)',
    confidence: 'high',
  };
}

const tableOf = (path: string): Result<CsvTable, ImportIssue[]> =>
  parseCsvTable(decodeReleaseText(readFileSync(path)), basename(path));

/** `lodestone import usgs-mcs <dir>`: reads a release, merges it over the current dataset, writes it whole or not at all. */
export function importUsgsMcsCommand(
  base: Dataset,
  dir: string,
  flags: { out?: string | undefined; skipUnmapped?: boolean | undefined },
  effects: Effects,
): ExitCode {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`not a folder: ${dir}`);
  const files = readdirSync(dir);
  const worldFile = files.find((f) => WORLD_FILE.test(f));
  if (worldFile === undefined)
    throw new UsageError(`no MCS<year>_World_Data.csv or MCS<year>_Commodities_Data.csv in ${dir}`);
  const edition = Number(WORLD_FILE.exec(worldFile)?.[1]);

  const issues: ImportIssue[] = [];
  const catalog = (name: string) => readCsvTable(join(DATA_DIR, 'catalog', name));
  const aliases = parseCountryAliases(catalog('country-aliases.csv'), new Set(base.countries.map((c) => c.iso3)));
  const rules = parseUsgsSeriesCatalog(catalog('usgs-series.csv'));
  const longRules = parseMcs2026SeriesCatalog(catalog('usgs-mcs2026-series.csv'));
  if (!aliases.ok || !rules.ok || !longRules.ok)
    throw new Error('the series or country catalog is invalid: run lodestone data check');
  const gazetteer = buildGazetteer(base.countries, aliases.value);

  const world = releaseSource(edition, worldFile, 'world');
  const table = tableOf(join(dir, worldFile));
  const observations = table.ok
    ? parseUsgsRelease(table.value, {
        file: worldFile,
        source: world.id,
        gazetteer,
        series: rules.value,
        longRules: longRules.value,
        skipUnmappedCommodities: flags.skipUnmapped ?? false,
      })
    : table;
  if (!observations.ok) issues.push(...observations.error);

  const salientDir = files.includes('salient') ? join(dir, 'salient') : dir;
  const salientFiles = readdirSync(salientDir)
    .filter((f) => /_salient\.csv$/i.test(f))
    .sort();
  const salient = releaseSource(edition, `${salientFiles.length} *_salient.csv files`, 'salient');
  const usSalient: UsSalientStatistic[] = [];
  for (const f of salientFiles) {
    const t = tableOf(join(salientDir, f));
    const parsed = t.ok ? parseUsgsSalient(t.value, salient.id) : t;
    if (parsed.ok) usSalient.push(...parsed.value);
    else issues.push(...parsed.error);
  }

  if (issues.length > 0 || !observations.ok) {
    for (const i of issues.slice(0, 50)) effects.stderr(`${formatImportIssue(i)}\n`);
    effects.stderr(`import failed: ${issues.length} problem(s) in ${dir}; nothing was written.\n`);
    return EXIT.failed;
  }
  const sources = salientFiles.length > 0 ? [world, salient] : [world];
  const { dataset, summary } = mergeRelease(base, {
    sources,
    observations: observations.value.observations,
    usSalient,
  });
  const valid = DatasetSchema.safeParse(dataset);
  const problems = valid.success ? failingIssues(checkDataset(valid.data)) : [];
  if (!valid.success || problems.length > 0) {
    for (const p of problems.slice(0, 50)) effects.stderr(`${p.where}: ${p.message} (${p.code})\n`);
    if (!valid.success)
      for (const i of valid.error.issues.slice(0, 20)) effects.stderr(`dataset at ${i.path.join('.')}: ${i.message}\n`);
    effects.stderr('import failed the data check; nothing was written.\n');
    return EXIT.failed;
  }
  const out = flags.out ?? importedDatasetPath(effects);
  mkdirSync(dirname(out), { recursive: true });
  const temporary = `${out}.partial`;
  writeFileSync(
    temporary,
    stringifyDataset({ ...valid.data, version: `${base.version.split('+')[0] ?? base.version}-mcs${edition}` }),
  );
  renameSync(temporary, out);
  effects.stdout(
    `imported USGS MCS ${edition} (${worldFile}${salientFiles.length > 0 ? ` and ${salientFiles.length} salient files` : ''}): ` +
      `${summary.added} observations for ${summary.years.join(', ')}, replacing ${summary.replaced}; ${usSalient.length} US salient figures.\n` +
      (observations.value.skippedCommodities.length > 0
        ? `skipped ${observations.value.skippedCommodities.length} commodities the catalog does not map: ${observations.value.skippedCommodities.join(', ')}\n`
        : '') +
      (flags.out === undefined
        ? `wrote ${out}; lodestone now reads it (remove it to return to the bundled data).\n`
        : `wrote ${out}; read it with lodestone --dataset ${out} …\n`),
  );
  return EXIT.ok;
}
