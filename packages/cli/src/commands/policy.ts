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
} from '@lodestone/core';
import { z } from 'zod';
import { DATA_DIR, readCsvTable } from '../data/bundle-files.ts';
import type { Effects } from '../effects.ts';
import { EXIT, type ExitCode, UsageError } from '../exit-codes.ts';
import { formatNumber, formatShare, textTable } from '../format/text-table.ts';
import { closestNames } from '../suggest.ts';

const PRICES_FILE = join('prices', 'oxide-annual-prices.csv');
const CASES_FILE = join('prices', 'policy-cases.json');

/** The typed annual price table; a bad row names file, row and column. */
export function readAnnualPrices(root = DATA_DIR): AnnualPrice[] {
  const parsed = parseAnnualPrices(readCsvTable(join(root, PRICES_FILE), root));
  if (!parsed.ok) throw new Error(parsed.error.map(formatImportIssue).join('\n'));
  return parsed.value;
}

/** The policy cases, validated; an error names the JSON path. */
export function readPolicyCases(root = DATA_DIR): PolicyCase[] {
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

/** `lodestone policy evaluate`: a project's NPV, IRR, bankability and taxpayer cost under a package of tools. */
export function policyEvaluateCommand(dataset: Dataset, rawFlags: unknown, effects: Effects): ExitCode {
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
            note: 'baseline gap of the allied group in the network, one tier; the simulated change in shortfall needs the multi-tier engine',
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
        ? `allied gap (network baseline ${gap.year}, one tier, not a simulated shortfall change): requirement ${formatNumber(gap.requirementTonnes)} t, output ${formatNumber(gap.outputTonnes)} t, gap ${formatNumber(gap.gapTonnes)} t/yr; the project's ${formatNumber(c.project.capacityTonnesPerYear)} t/yr is ${gap.gapTonnes > 0 ? formatShare(c.project.capacityTonnesPerYear / gap.gapTonnes) : 'more than'} of it`
        : '',
      c.signed.outside ? `not applied here: ${c.signed.outside}` : '',
      `assumptions: ${assumptions.map((a) => a.id).join(', ')}`,
      `sources: ${cited.filter((id) => !assumptions.some((a) => a.id === id)).join(', ')} (lodestone sources <id>)`,
    ]
      .filter((l) => l !== '')
      .join('\n') + '\n',
  );
  return EXIT.ok;
}
