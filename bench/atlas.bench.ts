/**
 * Atlas benchmark: rank every series (shares, HHI, top-3, China and allied shares) with Lodestone, and the
 * same ranking in pandas as an analyst would script it, on the same inputs, in the same run.
 * Run: npm run bench   (the pandas reference needs python3-pandas: apt-get install -y python3-pandas)
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { readFileSync } from 'node:fs';
import {
  atlasEntry,
  buildGazetteer,
  parseCountryAliases,
  parseCsvTable,
  parseUsgsMcs2025,
  parseUsgsSeriesCatalog,
  rankSeries,
  seriesFromRules,
  type SourceId,
} from '@lodestone/core';
import { BUNDLED_DATASET, DATA_DIR, readCsvTable } from '../packages/cli/src/data/bundle-files.ts';
import { loadDataset } from '../packages/cli/src/data/load-dataset.ts';

const YEAR = 2024;
const REPEATS = 20;

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}
function time<T>(fn: () => T): { ms: number; value: T } {
  const samples: number[] = [];
  let value = fn();
  for (let i = 0; i < REPEATS; i++) {
    const t0 = performance.now();
    value = fn();
    samples.push(performance.now() - t0);
  }
  return { ms: median(samples), value };
}

const dataset = loadDataset(BUNDLED_DATASET);
// The same work as the pandas script: read the world table and the series catalog, map, rank.
const worldCsv = join(DATA_DIR, 'sources', 'usgs_mcs2025', 'raw', 'MCS2025_World_Data.csv');
const seriesCsv = join(DATA_DIR, 'catalog', 'usgs-series.csv');
const aliases = parseCountryAliases(
  readCsvTable(join(DATA_DIR, 'catalog', 'country-aliases.csv')),
  new Set(dataset.countries.map((c) => c.iso3)),
);
if (!aliases.ok) throw new Error('aliases');
const gazetteer = buildGazetteer(dataset.countries, aliases.value);
const fromRaw = time(() => {
  const rules = parseUsgsSeriesCatalog(readCsvTable(seriesCsv));
  const table = parseCsvTable(readFileSync(worldCsv, 'utf8'), 'MCS2025_World_Data.csv');
  if (!rules.ok || !table.ok) throw new Error('catalog');
  const observations = parseUsgsMcs2025(table.value, {
    file: 'MCS2025_World_Data.csv',
    source: 'usgs-mcs2025-world' as SourceId,
    gazetteer,
    series: rules.value,
  });
  if (!observations.ok) throw new Error('import');
  return rankSeries(
    { ...dataset, observations: observations.value, series: seriesFromRules(rules.value, observations.value) },
    { year: YEAR, by: 'hhi' },
  );
});
const ranking = time(() => rankSeries(dataset, { year: YEAR, by: 'hhi' }));
const ree = dataset.series.find((s) => s.commodity === 'rare_earths' && s.stage === 'mining');
if (!ree) throw new Error('no rare-earth mining series in the dataset');
const single = time(() => atlasEntry(dataset, { commodity: ree.commodity, stage: ree.stage, year: YEAR }));

console.log(`Lodestone, ${ranking.value.length} series, year ${YEAR} (median of ${REPEATS}):`);
console.log(`  rank all series from the loaded dataset   ${ranking.ms.toFixed(2)} ms`);
console.log(`  one atlas answer                          ${single.ms.toFixed(3)} ms`);
console.log(`  read world CSV + series catalog, rank    ${fromRaw.ms.toFixed(1)} ms`);

const catalog = (f: string) => join(DATA_DIR, 'catalog', f);
const hasPandas = (python: string): boolean => {
  try {
    execFileSync(python, ['-c', 'import pandas'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};
// The first Python that has pandas: $PYTHON, the one on PATH, then Debian's (python3-pandas).
const python = [process.env['PYTHON'], 'python3', '/usr/bin/python3'].find(
  (p): p is string => p !== undefined && hasPandas(p),
);
try {
  if (python === undefined) throw new Error('no python3 with pandas');
  const out = execFileSync(
    python,
    [
      join(import.meta.dirname, 'reference', 'atlas_pandas.py'),
      join(DATA_DIR, 'sources', 'usgs_mcs2025', 'raw', 'MCS2025_World_Data.csv'),
      catalog('usgs-series.csv'),
      catalog('country-aliases.csv'),
      catalog('countries.csv'),
      String(YEAR),
      String(5),
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const reference = JSON.parse(out) as { seconds: number; hhi: Record<string, number> };
  const ours = new Map(ranking.value.map((e) => [`${e.commodity}|${e.stage}`, e.hhi]));
  const compared = Object.entries(reference.hhi).filter(([k]) => ours.has(k));
  const worst = compared.reduce((m, [k, v]) => Math.max(m, Math.abs((ours.get(k) ?? 0) - v)), 0);
  console.log(`pandas reference (same CSV, same catalog, same definitions):`);
  console.log(`  read world CSV + series catalog, rank    ${(reference.seconds * 1000).toFixed(1)} ms`);
  console.log(`  speed-up, raw to ranking                  ${((reference.seconds * 1000) / fromRaw.ms).toFixed(1)}×`);
  console.log(`  agreement: ${compared.length} series compared, largest HHI difference ${worst.toFixed(6)}`);
} catch (e) {
  console.log(
    `pandas reference not run (${e instanceof Error ? e.message.split('\n')[0] : String(e)}); apt-get install -y python3-pandas`,
  );
}
