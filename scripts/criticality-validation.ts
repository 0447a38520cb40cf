/**
 * Compares Lodestone's EU-method results, computed from inputs, with the EU 2023 study's published SR and
 * EI (read here only, never used as inputs), and ranks the materials whose position moves most between
 * two buyers. Run: npm run criticality:validate [-- --buyer JPN]
 */
import {
  assessableMaterials,
  assessCriticality,
  assessGroup,
  criticalityOptions,
  materialInputs,
  type Buyer,
} from '@lodestone/core';
import { BUNDLED_DATASET } from '../packages/cli/src/data/bundle-files.ts';
import { readPublishedResults } from '../packages/cli/src/data/published-results.ts';
import { loadDataset } from '../packages/cli/src/data/load-dataset.ts';

const FOCUS = [
  'LREE',
  'HREE',
  'Gallium',
  'Germanium',
  'Natural Graphite',
  'Antimony',
  'Tungsten',
  'Cobalt',
  'Lithium',
  'Magnesium',
  'Niobium',
  'PGM',
  'Platinum',
  'Palladium',
  'Rhodium',
  'Iridium',
  'Ruthenium',
];
const other = (process.argv.includes('--buyer') ? process.argv[process.argv.indexOf('--buyer') + 1] : 'JPN') as Buyer;

const dataset = loadDataset(BUNDLED_DATASET);
const options = criticalityOptions(dataset);
const published = readPublishedResults();

function results(buyer: Buyer) {
  const byMaterial = new Map<string, { sr: number; ei: number | null; ownSourcing: boolean }>();
  const all = assessableMaterials(dataset).flatMap((m) => {
    const inputs = materialInputs(dataset, buyer, m);
    return 'code' in inputs ? [] : [assessCriticality(inputs, options)];
  });
  for (const r of all)
    byMaterial.set(r.material, {
      sr: r.sr,
      ei: r.ei,
      ownSourcing: !r.fallbacks.some((f) => /sourcing shares/.test(f.input)),
    });
  for (const group of new Set(dataset.euMaterialGroups.map((g) => g.group))) {
    const members = new Set(dataset.euMaterialGroups.filter((g) => g.group === group).map((g) => g.material));
    const g = assessGroup(
      group,
      all.filter((r) => members.has(r.material)),
      options,
    );
    if (g) byMaterial.set(group, { sr: g.sr, ei: g.ei, ownSourcing: false });
  }
  return byMaterial;
}

const eu = results('EU');
console.log('EU 2023 assessment reproduced from inputs (published values for comparison only)');
console.log('material            SR calc  SR pub    ΔSR   EI calc  EI pub    ΔEI');
for (const m of FOCUS) {
  const c = eu.get(m);
  const p = published.get(m);
  if (!c || !p) {
    console.log(`${m.padEnd(18)}  ${c ? '' : 'not computed'} ${p ? '' : 'not published'}`);
    continue;
  }
  const ei = c.ei === null ? '    n/a' : c.ei.toFixed(2).padStart(7);
  const dEi = c.ei === null ? '   n/a' : (c.ei - p.ei).toFixed(2).padStart(6);
  console.log(
    `${m.padEnd(18)} ${c.sr.toFixed(2).padStart(7)} ${p.sr.toFixed(2).padStart(7)} ${(c.sr - p.sr).toFixed(2).padStart(6)}  ${ei} ${p.ei.toFixed(2).padStart(7)} ${dEi}`,
  );
}

const rank = (m: Map<string, { sr: number }>) =>
  new Map([...m].sort((a, b) => b[1].sr - a[1].sr).map(([k], i) => [k, i + 1]));
const euRank = rank(eu);
const otherResults = results(other);
const otherRank = rank(otherResults);
const moves = [...euRank]
  .map(([m, r]) => ({
    m,
    eu: r,
    other: otherRank.get(m) ?? 0,
    euSr: eu.get(m)?.sr ?? 0,
    otherSr: otherResults.get(m)?.sr ?? 0,
    own: otherResults.get(m)?.ownSourcing ?? false,
  }))
  .sort((a, b) => Math.abs(b.eu - b.other) - Math.abs(a.eu - a.other) || a.m.localeCompare(b.m));
const show = (title: string, list: typeof moves) => {
  console.log(`\n${title}`);
  for (const x of list.slice(0, 5))
    console.log(
      `${x.m.padEnd(18)} EU #${String(x.eu).padEnd(3)} SR ${x.euSr.toFixed(2)}   ${other} #${String(x.other).padEnd(3)} SR ${x.otherSr.toFixed(2)}`,
    );
};
show(
  `Supply-risk rank, EU vs ${other}: the five largest moves among materials with ${other}'s own sourcing data`,
  moves.filter((x) => x.own),
);
show(
  `Supply-risk rank, EU vs ${other}: the five largest moves overall (most driven by fallbacks to global supply)`,
  moves,
);
