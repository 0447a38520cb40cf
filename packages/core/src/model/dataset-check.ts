import type { Dataset } from './dataset.ts';
import type { Observation } from './observation.ts';
import { checkNetwork, type NetworkIssue } from '../network/network-check.ts';

/** One reason a dataset cannot be trusted as it is; `accepted` carries the reason of a known discrepancy. */
export interface DataCheckIssue {
  readonly accepted?: string;
  readonly code:
    | 'unsourced'
    | 'unknown-source'
    | 'duplicate-source'
    | 'unknown-country'
    | 'unknown-commodity'
    | 'unknown-series'
    | 'unit-mismatch'
    | 'exceeds-world-total'
    | `network-${NetworkIssue['code']}`;
  readonly where: string;
  readonly message: string;
}

/**
 * How far listed rows may exceed a rounded world total: half a unit in the total's second significant
 * figure (USGS rounds world totals to two or three figures), and never less than 1 %.
 */
export function roundingTolerance(worldTotal: number): number {
  if (worldTotal <= 0) return 0;
  const secondFigure = 10 ** (Math.floor(Math.log10(worldTotal)) - 1);
  return Math.max(secondFigure / 2, worldTotal * 0.01);
}

const where = (o: Observation): string =>
  `${o.commodity}/${o.stage} ${o.metric} ${o.year} ${o.area.kind === 'country' ? o.area.iso3 : o.label}`;

/** Checks that every figure is sourced, every key is known, units agree and no country sum exceeds its world total. */
export function checkDataset(dataset: Dataset): DataCheckIssue[] {
  const issues: DataCheckIssue[] = [];
  const sources = new Set<string>(dataset.sources.map((s) => s.id));
  const seen = new Set<string>();
  for (const s of dataset.sources) {
    if (seen.has(s.id))
      issues.push({ code: 'duplicate-source', where: `source ${s.id}`, message: 'registered more than once' });
    seen.add(s.id);
  }
  const countries = new Set<string>(dataset.countries.map((c) => c.iso3));
  const commodities = new Set<string>(dataset.commodities.map((c) => c.key));
  const series = new Map(dataset.series.map((s) => [`${s.commodity}|${s.stage}`, s] as const));

  const sourced = (id: string, at: string): void => {
    if (id === '') issues.push({ code: 'unsourced', where: at, message: 'no source' });
    else if (!sources.has(id))
      issues.push({ code: 'unknown-source', where: at, message: `source "${id}" is not in the registry` });
  };

  for (const o of dataset.observations) {
    const at = where(o);
    sourced(o.source, at);
    if (!commodities.has(o.commodity))
      issues.push({ code: 'unknown-commodity', where: at, message: `unknown commodity "${o.commodity}"` });
    const s = series.get(`${o.commodity}|${o.stage}`);
    if (!s) issues.push({ code: 'unknown-series', where: at, message: `no series ${o.commodity}/${o.stage}` });
    else {
      const expected = o.metric === 'reserves' ? s.reservesUnit : s.unit;
      if (o.unit !== expected)
        issues.push({ code: 'unit-mismatch', where: at, message: `unit ${o.unit}, series unit ${expected}` });
    }
    const members = o.area.kind === 'country' ? [o.area.iso3] : o.area.kind === 'region' ? o.area.members : [];
    for (const m of members)
      if (!countries.has(m)) issues.push({ code: 'unknown-country', where: at, message: `unknown country "${m}"` });
  }
  for (const g of dataset.groups) {
    sourced(g.source, `group ${g.id}`);
    for (const m of g.members)
      if (!countries.has(m))
        issues.push({ code: 'unknown-country', where: `group ${g.id}`, message: `unknown country "${m}"` });
  }
  for (const s of dataset.usSalient) sourced(s.source, `US salient ${s.usgsCommodity} ${s.statistic} ${s.year}`);
  const referenceTables = {
    importReliance: dataset.importReliance,
    criticalMineralSalient: dataset.criticalMineralSalient,
    reportedShares: dataset.reportedShares,
    governance: dataset.governance,
    euSupplyShares: dataset.euSupplyShares,
    euEndUseShares: dataset.euEndUseShares,
    exportControls: dataset.exportControls,
    euCrmParameters: dataset.euCrmParameters,
    buyerImportSources: dataset.buyerImportSources,
    buyerImportReliance: dataset.buyerImportReliance,
    tradePartners: dataset.tradePartners,
    euCrmParameterCorrections: dataset.euCrmParameterCorrections,
    wgiEstimates: dataset.wgiEstimates,
    regimeClauses: dataset.regimeClauses,
    regimeEvents: dataset.regimeEvents,
  };
  for (const [name, records] of Object.entries(referenceTables))
    records.forEach((r: { readonly source: string }, i: number) => sourced(r.source, `${name}[${i}]`));
  for (const r of [...dataset.importReliance, ...dataset.criticalMineralSalient])
    if (r.commodity !== null && !commodities.has(r.commodity))
      issues.push({
        code: 'unknown-commodity',
        where: r.commodityLabel,
        message: `unknown commodity "${r.commodity}"`,
      });
  for (const s of dataset.series)
    if (!commodities.has(s.commodity))
      issues.push({
        code: 'unknown-commodity',
        where: `series ${s.commodity}/${s.stage}`,
        message: `unknown commodity "${s.commodity}"`,
      });

  for (const n of checkNetwork(dataset.network, { sources, countries }))
    issues.push({ code: `network-${n.code}`, where: n.where, message: n.message });
  const known = new Map<string, string>(
    dataset.knownDiscrepancies.map((d) => [`${d.commodity}/${d.stage} ${d.metric} ${d.year}`, d.reason]),
  );
  for (const issue of worldTotalIssues(dataset.observations)) {
    const reason = known.get(issue.where);
    issues.push(reason === undefined ? issue : { ...issue, accepted: reason });
  }
  return issues;
}

/** Listed rows (countries and aggregates) that add up to more than the reported world total beyond rounding. */
function worldTotalIssues(observations: readonly Observation[]): DataCheckIssue[] {
  const cells = new Map<string, { listed: number; world: number | null; sample: Observation }>();
  for (const o of observations) {
    if (o.status !== 'reported' || o.value === null || o.metric === 'reserves') continue;
    const key = `${o.commodity}|${o.stage}|${o.metric}|${o.year}`;
    const cell = cells.get(key) ?? { listed: 0, world: null, sample: o };
    if (o.area.kind === 'world') cell.world = o.value;
    else cell.listed += o.value;
    cells.set(key, cell);
  }
  const issues: DataCheckIssue[] = [];
  for (const { listed, world, sample } of cells.values()) {
    if (world === null || listed - world <= roundingTolerance(world)) continue;
    issues.push({
      code: 'exceeds-world-total',
      where: `${sample.commodity}/${sample.stage} ${sample.metric} ${sample.year}`,
      message: `listed rows sum to ${listed}, world total ${world} (tolerance ${roundingTolerance(world)})`,
    });
  }
  return issues;
}

/** The issues that fail a check: all but the accepted known discrepancies. */
export const failingIssues = (issues: readonly DataCheckIssue[]): DataCheckIssue[] =>
  issues.filter((i) => i.accepted === undefined);
