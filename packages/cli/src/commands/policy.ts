import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type AnnualPrice,
  calibratePriceProcess,
  type Dataset,
  evaluatePolicy,
  formatImportIssue,
  groupGap,
  parseAnnualPrices,
  type PolicyCase,
  PolicyCaseSchema,
  policyCaseSources,
  type PolicyEvaluation,
  type PolicyPackage,
  PolicyPackageSchema,
  priceSeries,
  groupShortfallChange,
  releaseAsNeeded,
  type SimulationReport,
  type SourceId,
  withProjectOutput,
  sizeStockpile,
} from '@lodestone/core';
import { runDraws, simulate } from '@lodestone/engine';
import { z } from 'zod';
import { DATA_DIR, readCsvTable } from '../data/bundle-files.ts';
import type { Effects } from '../effects.ts';
import { EXIT, type ExitCode, UsageError } from '../exit-codes.ts';
import { formatNumber, formatShare, textTable } from '../format/text-table.ts';
import { closestNames } from '../suggest.ts';

const PRICES_FILE = join('prices', 'oxide-annual-prices.csv');
const CASES_FILE = join('prices', 'policy-cases.json');

/** The typed annual price table; a bad row names file, row and column. */
function readAnnualPrices(root = DATA_DIR): AnnualPrice[] {
  const parsed = parseAnnualPrices(readCsvTable(join(root, PRICES_FILE), root));
  if (!parsed.ok) throw new Error(parsed.error.map(formatImportIssue).join('\n'));
  return parsed.value;
}

/** The policy cases, validated; an error names the JSON path. */
function readPolicyCases(root = DATA_DIR): PolicyCase[] {
  const parsed = z.array(PolicyCaseSchema).safeParse(JSON.parse(readFileSync(join(root, CASES_FILE), 'utf8')));
  if (!parsed.success)
    throw new Error(parsed.error.issues.map((i) => `${CASES_FILE} at ${i.path.join('.')}: ${i.message}`).join('\n'));
  return parsed.data;
}

/** Fails when a cited source id is not in the dataset's registry. */
export function requireSources(dataset: Dataset, ids: readonly string[], file: string): void {
  const known = new Set(dataset.sources.map((s) => s.id as string));
  const missing = ids.filter((id) => !known.has(id));
  if (missing.length > 0)
    throw new Error(
      `${file} cites unknown source id(s) ${missing.join(', ')}: add them to data/catalog and rebuild the dataset`,
    );
}

const num = z.coerce.number();
const EvaluateFlagsSchema = z.object({
  project: z.string().min(1, 'name a project, e.g. US-MP-MTP'),
  signed: z.boolean().default(false),
  floor: num.positive().optional(),
  years: num.int().min(1).max(50).default(10),
  from: num.int().optional(),
  loan: num.positive().optional(),
  loanRate: num.min(0).max(1).default(0.05),
  loanTenor: num.int().min(1).max(40).default(8),
  loanGrace: num.int().min(0).max(10).default(2),
  guarantee: num.min(0).max(1).optional(),
  equity: num.positive().optional(),
  stake: num.min(0).max(1).default(0.15),
  offtakeShare: num.min(0).max(1).optional(),
  offtakePrice: num.positive().optional(),
  tariff: num.min(0).max(5).optional(),
  passThrough: num.min(0).max(1).default(1),
  runs: num.int().min(1).max(100_000).default(2000),
  seed: num.int().default(1),
  scenario: z.string().optional(),
  json: z.boolean().default(false),
});
type EvaluateFlags = z.infer<typeof EvaluateFlagsSchema>;

const usage = (error: z.ZodError): UsageError =>
  new UsageError(
    error.issues
      .map((i) => `--${String(i.path[0] ?? '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}: ${i.message}`)
      .join('; '),
  );

/** The package from the flags, on top of the signed one when --signed is given. */
function packageFromFlags(flags: EvaluateFlags, c: PolicyCase): PolicyPackage {
  const from = flags.from ?? c.project.years[0]?.year ?? 2026;
  const tools: PolicyPackage = flags.signed ? { ...c.signed.tools } : {};
  if (flags.floor !== undefined) tools.priceFloor = { usdPerKg: flags.floor, fromYear: from, years: flags.years };
  if (flags.loan !== undefined)
    tools.loan = {
      principalUsdM: flags.loan,
      rate: flags.loanRate,
      tenorYears: flags.loanTenor,
      graceYears: flags.loanGrace,
      lender: flags.guarantee === undefined ? 'government' : 'commercial',
      guaranteedShare: flags.guarantee ?? 0,
    };
  if (flags.equity !== undefined) tools.equity = { amountUsdM: flags.equity, stake: flags.stake };
  if (flags.offtakeShare !== undefined) {
    if (flags.offtakePrice === undefined) throw new UsageError('--offtake-share needs --offtake-price (USD/kg)');
    tools.offtake = { share: flags.offtakeShare, usdPerKg: flags.offtakePrice, fromYear: from, years: flags.years };
  }
  if (flags.tariff !== undefined) tools.tariff = { rate: flags.tariff, passThrough: flags.passThrough };
  return PolicyPackageSchema.parse(tools);
}

const money = (usdM: number): string => `${formatNumber(usdM)} m`;
const pct = (x: number): string => `${(x * 100).toFixed(1)} %`;

function describeTools(tools: PolicyPackage): string[] {
  const lines: string[] = [];
  if (tools.priceFloor)
    lines.push(
      `price floor USD ${tools.priceFloor.usdPerKg}/kg, ${tools.priceFloor.fromYear}–${tools.priceFloor.fromYear + tools.priceFloor.years - 1}`,
    );
  if (tools.offtake)
    lines.push(`offtake ${formatShare(tools.offtake.share)} of output at USD ${tools.offtake.usdPerKg}/kg`);
  if (tools.loan)
    lines.push(
      `${tools.loan.lender} loan USD ${tools.loan.principalUsdM} m at ${pct(tools.loan.rate)}, ${tools.loan.graceYears} years' grace + ${tools.loan.tenorYears} years${tools.loan.lender === 'commercial' ? `, ${formatShare(tools.loan.guaranteedShare)} guaranteed` : ''}`,
    );
  if (tools.equity)
    lines.push(`government equity USD ${tools.equity.amountUsdM} m for ${formatShare(tools.equity.stake)}`);
  if (tools.tariff)
    lines.push(`tariff ${pct(tools.tariff.rate)} with ${formatShare(tools.tariff.passThrough)} pass-through`);
  return lines.length > 0 ? lines : ['no tools'];
}

/** The central run of a scenario (the simulation engine's, passed in so tests can use it or a fake). */
export type CentralRun = (dataset: Dataset, scenario: Dataset['scenarios'][number]) => Promise<SimulationReport>;

const engineCentralRun: CentralRun = (dataset, scenario) => simulate(dataset, scenario, { runs: 1 });

/** `lodestone policy evaluate`: a project's NPV, IRR, bankability and taxpayer cost under a package of tools. */
export async function policyEvaluateCommand(
  dataset: Dataset,
  rawFlags: unknown,
  effects: Effects,
  centralRun: CentralRun = engineCentralRun,
): Promise<ExitCode> {
  const parsed = EvaluateFlagsSchema.safeParse(rawFlags);
  if (!parsed.success) throw usage(parsed.error);
  const flags = parsed.data;
  const cases = readPolicyCases();
  const c = cases.find((x) => x.project.id === flags.project);
  if (!c)
    throw new UsageError(
      `no economics for project "${flags.project}"; known: ${closestNames(
        flags.project,
        cases.map((x) => x.project.id),
      ).join(', ')}`,
    );
  requireSources(dataset, policyCaseSources(c), CASES_FILE);
  const prices = readAnnualPrices();
  requireSources(
    dataset,
    prices.map((p) => p.source),
    PRICES_FILE,
  );
  const calibrated = calibratePriceProcess(priceSeries(prices, c.project.pricedBy));
  const tools = packageFromFlags(flags, c);
  const run = (t: PolicyPackage): PolicyEvaluation =>
    evaluatePolicy({
      project: c.project,
      tools: t,
      calibrated,
      settings: c.settings,
      runs: flags.runs,
      seed: flags.seed,
    });
  const without = run({});
  const withTools = run(tools);
  const allied = dataset.groups.find((g) => g.id === 'allied');
  const gap = allied ? groupGap(dataset.network, c.project.product, new Set(allied.members)) : null;
  const scenario = flags.scenario === undefined ? undefined : dataset.scenarios.find((x) => x.id === flags.scenario);
  if (flags.scenario !== undefined && !scenario)
    throw new UsageError(
      `unknown scenario "${flags.scenario}"; did you mean ${closestNames(
        flags.scenario,
        dataset.scenarios.map((x) => x.id),
      ).join(', ')}?`,
    );
  const shortfall =
    scenario && allied
      ? groupShortfallChange(
          await centralRun(dataset, scenario),
          await centralRun(
            {
              ...dataset,
              network: withProjectOutput(
                dataset.network,
                { product: c.project.product, iso3: c.project.iso3, tonnesPerYear: c.project.capacityTonnesPerYear },
                c.project.sources.volume.at(-1) as SourceId,
              ),
            },
            scenario,
          ),
          new Set(allied.members),
        )
      : null;
  const cited = policyCaseSources(c);
  const assumptions = dataset.sources.filter((s) => s.kind === 'assumption' && cited.includes(s.id));
  if (flags.json) {
    effects.stdout(
      `${JSON.stringify(
        {
          project: c.project,
          tools,
          settings: c.settings,
          priceProcess: calibrated,
          withoutTools: without,
          withTools,
          alliedGap: gap && {
            ...gap,
            projectCapacityTonnes: c.project.capacityTonnesPerYear,
            note: 'baseline gap of the allied group in the network, one tier',
          },
          alliedShortfallChange: shortfall && {
            scenario: flags.scenario,
            note: 'central run of the scenario without and with the project producing at capacity from the start',
            byProduct: shortfall,
          },
          sources: cited,
          assumptions: assumptions.map((a) => a.id),
        },
        null,
        2,
      )}\n`,
    );
    return EXIT.ok;
  }
  const p = calibrated.process;
  const processLine =
    p.kind === 'mean-reverting'
      ? `mean-reverting log price: κ = ${p.kappa.toFixed(3)}/yr, long-run USD ${formatNumber(Math.exp(p.longRunLogPrice))}/kg, σ = ${p.sigma.toFixed(3)}`
      : `GBM: μ = ${p.mu.toFixed(4)}, σ = ${p.sigma.toFixed(3)}`;
  const irr = (e: PolicyEvaluation): string =>
    'p50' in e.irr
      ? `${pct(e.irr.p50)} (P5 ${pct(e.irr.p5)}, P95 ${pct(e.irr.p95)}; exists on ${formatShare(e.irr.defined)})`
      : 'none';
  const row = (label: string, e: PolicyEvaluation): string[] => [
    label,
    money(e.npvUsdM.mean),
    money(e.npvUsdM.p5),
    money(e.npvUsdM.p50),
    money(e.npvUsdM.p95),
    formatShare(e.bankableProbability),
    money(e.taxpayerCostUsdM.mean),
    money(e.taxpayerCostUsdM.p95),
  ];
  effects.stdout(
    [
      `${c.project.name} (${c.project.id}), ${c.project.years[0]?.year}–${c.project.years.at(-1)?.year}; USD, present values`,
      `package: ${describeTools(tools).join('; ')}`,
      `prices: ${c.project.pricedBy} ${calibrated.fromYear}–${calibrated.toYear} (USGS annual averages), ${processLine}; ${flags.runs} paths, seed ${flags.seed}`,
      '',
      textTable(
        ['case', 'NPV mean', 'NPV P5', 'NPV P50', 'NPV P95', 'bankable', 'taxpayer mean', 'taxpayer P95'],
        [row('without tools', without), row('with package', withTools)],
        new Set([1, 2, 3, 4, 5, 6, 7]),
      ),
      `IRR with package: ${irr(withTools)}; without: ${irr(without)}`,
      `taxpayer cost by tool (mean): floor ${money(withTools.taxpayerCostByToolMeanUsdM.priceFloor)}, offtake ${money(withTools.taxpayerCostByToolMeanUsdM.offtake)}, loan ${money(withTools.taxpayerCostByToolMeanUsdM.loan)}, equity ${money(withTools.taxpayerCostByToolMeanUsdM.equity)}; cost to buyers of a tariff ${money(withTools.buyerCostMeanUsdM)}`,
      tools.priceFloor ? `the floor pays in ${formatShare(withTools.floorBindingShare)} of floor years` : '',
      `bankable: sponsor NPV at ${pct(c.project.discountRate)} ≥ 0 and, with a loan, every scheduled year's DSCR ≥ ${c.settings.minDscr}; taxpayer flows at ${pct(c.settings.governmentDiscountRate)}`,
      gap
        ? `allied gap (network baseline ${gap.year}, one tier): requirement ${formatNumber(gap.requirementTonnes)} t, output ${formatNumber(gap.outputTonnes)} t, gap ${formatNumber(gap.gapTonnes)} t/yr; the project's ${formatNumber(c.project.capacityTonnesPerYear)} t/yr is ${gap.gapTonnes > 0 ? formatShare(c.project.capacityTonnesPerYear / gap.gapTonnes) : 'more than'} of it`
        : '',
      shortfall
        ? `allied shortfall under ${flags.scenario} (central run; the project at ${formatNumber(c.project.capacityTonnesPerYear)} t/yr from the start), t over the horizon: ${
            [
              ...shortfall.filter((x) => x.changeTonnes < 0).slice(0, 5),
              ...shortfall.filter((x) => x.changeTonnes > 0).slice(-3),
            ]
              .map((x) => `${x.product} ${formatNumber(x.withoutTonnes)} → ${formatNumber(x.withTonnes)}`)
              .join('; ') || 'no change'
          }`
        : 'add --scenario <id> for the change in simulated allied shortfall',
      c.signed.outside ? `not applied here: ${c.signed.outside}` : '',
      `assumptions: ${assumptions.map((a) => a.id).join(', ')}`,
      `sources: ${cited.filter((id) => !assumptions.some((a) => a.id === id)).join(', ')} (lodestone sources <id>)`,
    ]
      .filter((l) => l !== '')
      .join('\n') + '\n',
  );
  return EXIT.ok;
}

/** Monthly shortfall series of one buyer and product, one per Monte Carlo draw of a scenario. */
export type ShortfallDraws = (
  dataset: Dataset,
  scenario: Dataset['scenarios'][number],
  o: { runs: number; seed: number; iso3: string; product: string },
) => Promise<number[][]>;

const StockpileFlagsSchema = z.object({
  material: z.string().min(1, 'name a material, e.g. dysprosium'),
  buyer: z.string().regex(/^[A-Z]{3}$/, 'an ISO3 code, e.g. JPN'),
  coverage: num.gt(0).max(1).default(0.95),
  threshold: num.min(0).default(0),
  scenarios: z.string().optional(),
  runs: num.int().min(1).max(1000).default(10),
  seed: num.int().default(1),
  json: z.boolean().default(false),
});

/**
 * `lodestone policy stockpile`: the smallest stock of a material's separated product that keeps the buyer's
 * remaining shortfall at or under a threshold in the chosen share of simulated outcomes, with its cost.
 */
export async function policyStockpileCommand(
  dataset: Dataset,
  rawFlags: unknown,
  effects: Effects,
  draws: ShortfallDraws,
): Promise<ExitCode> {
  const parsed = StockpileFlagsSchema.safeParse(rawFlags);
  if (!parsed.success) throw usage(parsed.error);
  const flags = parsed.data;
  const candidates = dataset.network.products.filter((p) => p.stage === 'refining' && p.commodity === flags.material);
  const product = candidates[0];
  if (!product)
    throw new UsageError(
      `no separated product of "${flags.material}" in the network; try ${closestNames(flags.material, [
        ...new Set(dataset.network.products.filter((p) => p.stage === 'refining').map((p) => p.commodity ?? '')),
      ]).join(', ')}`,
    );
  const ids =
    flags.scenarios?.split(',').map((s) => s.trim()) ??
    dataset.scenarios.map((s) => s.id).filter((id) => id !== 'baseline');
  const scenarios = ids.map((id) => {
    const s = dataset.scenarios.find((x) => x.id === id);
    if (!s) throw new UsageError(`unknown scenario "${id}"`);
    return s;
  });
  const outcomes: { scenario: string; totalTonnes: number }[] = [];
  for (const s of scenarios) {
    const series = await draws(dataset, s, {
      runs: flags.runs,
      seed: flags.seed,
      iso3: flags.buyer,
      product: product.product,
    });
    for (let run = 0; run < flags.runs; run++)
      outcomes.push({ scenario: s.id, totalTonnes: (series[run] ?? []).reduce((a, x) => a + Math.max(0, x), 0) });
  }
  const residual = releaseAsNeeded(outcomes.map((o) => [o.totalTonnes]));
  const upper = Math.max(1, ...outcomes.map((o) => o.totalTonnes));
  const answer = sizeStockpile({
    residual,
    thresholdTonnes: flags.threshold,
    coverage: flags.coverage,
    upperTonnes: upper,
    toleranceTonnes: Math.max(0.01, upper * 1e-4),
  });
  if (!answer.ok) throw new Error('coverage unreachable within the largest simulated shortfall');
  const use = groupGap(dataset.network, product.product, new Set([flags.buyer]));
  const monthlyUse = use.requirementTonnes / 12;
  const priced = { dy_oxide: 'dy_oxide', tb_oxide: 'tb_oxide', ndpr_oxide: 'nd_oxide' }[product.product] as
    AnnualPrice['product'] | undefined;
  const prices = readAnnualPrices();
  const latest = priced ? priceSeries(prices, priced).at(-1) : undefined;
  const costUsdM = latest ? (answer.stockTonnes * latest.usdPerKg) / 1000 : null;
  const result = {
    material: flags.material,
    product: product.product,
    buyer: flags.buyer,
    scenarios: ids,
    runsPerScenario: flags.runs,
    seed: flags.seed,
    coverage: flags.coverage,
    thresholdTonnes: flags.threshold,
    stockTonnes: answer.stockTonnes,
    coverageReached: answer.coverage,
    monthsOfUse: monthlyUse > 0 ? answer.stockTonnes / monthlyUse : null,
    monthlyUseTonnes: monthlyUse,
    costUsdM,
    price: latest ? { usdPerKg: latest.usdPerKg, year: latest.year, source: latest.source } : null,
    evaluations: answer.evaluations,
    outcomes,
  };
  if (flags.json) {
    effects.stdout(`${JSON.stringify(result, null, 2)}\n`);
    return EXIT.ok;
  }
  const byScenario = scenarios.map((s) => {
    const own = outcomes.filter((o) => o.scenario === s.id).map((o) => o.totalTonnes);
    return [s.id, formatNumber(Math.max(...own)), formatNumber(own.reduce((a, x) => a + x, 0) / own.length)];
  });
  effects.stdout(
    [
      `Stockpile of ${product.product} for ${flags.buyer}: ${formatNumber(answer.stockTonnes)} t keeps the remaining shortfall at or under ${formatNumber(flags.threshold)} t in ${formatShare(answer.coverage)} of ${outcomes.length} outcomes (target ${formatShare(flags.coverage)})`,
      monthlyUse > 0
        ? `= ${(answer.stockTonnes / monthlyUse).toFixed(1)} months of ${flags.buyer}'s use (${formatNumber(monthlyUse)} t/month: network ${use.year} requirement, one tier)`
        : `${flags.buyer} has no recorded use of ${product.product} in the network`,
      costUsdM !== null && latest
        ? `cost about USD ${formatNumber(costUsdM)} m at USD ${latest.usdPerKg}/kg (${latest.product} ${latest.year} annual average, ${latest.source})`
        : 'no sourced price to cost it',
      '',
      textTable(['scenario', 'largest shortfall (t)', 'mean shortfall (t)'], byScenario, new Set([1, 2])),
      `${flags.runs} Monte Carlo runs per scenario, seed ${flags.seed}; stock released as needed, never replenished; bisection in ${answer.evaluations} evaluations`,
    ].join('\n') + '\n',
  );
  return EXIT.ok;
}

/** Shortfall draws from the simulation engine: each run's monthly shortfall of the product at the buyer, all end uses. */
export const engineShortfallDraws: ShortfallDraws = async (dataset, scenario, o) => {
  const draws = await runDraws(dataset, scenario, { seed: o.seed, first: 0, count: o.runs });
  const byRun = new Map(draws.map((d) => [d.run, d]));
  return Array.from({ length: o.runs }, (_, run) => {
    const series = Object.entries(byRun.get(run)?.shortfall ?? {})
      .filter(([key]) => key.startsWith(`${o.iso3}|${o.product}|`))
      .map(([, s]) => s);
    const months = Math.max(0, ...series.map((s) => s.length));
    return Array.from({ length: months }, (_, m) => series.reduce((a, s) => a + (s[m] ?? 0), 0));
  });
};
