import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  type Budget,
  candidatesFromProjects,
  chainFeed,
  type Dataset,
  type Candidate,
  type ChainFeed,
  type ExcludedProject,
  formatImportIssue,
  gapProfile,
  type GapProfile,
  loadHighsSolver,
  optimisePortfolio,
  parseBudgetFlag,
  parsePortfolioTables,
  type PortfolioPlan,
  type PortfolioProblem,
  PortfolioProblemSchema,
  type PortfolioTables,
  type Project,
  parseProjects,
  type Scenario,
  seriesFromDraw,
  seriesFromReport,
  type ShortfallSeries,
  withSpare,
} from '@lodestone/core';
import { DEFAULT_SEED, runDraws, simulate } from '@lodestone/engine';
import { z } from 'zod';
import { DATA_DIR, readCsvTable } from '../data/bundle-files.ts';
import type { Effects } from '../effects.ts';
import { EXIT, type ExitCode, UsageError } from '../exit-codes.ts';
import { formatNumber, textTable } from '../format/text-table.ts';
import { closestNames } from '../suggest.ts';
import { readShippedProjects } from './projects.ts';

const PortfolioFlagsSchema = z.object({
  scenarios: z.string({ error: 'name one or more scenarios, e.g. cn-2025-04-ree7,cn-2025-10-package' }).min(1),
  budget: z.string().min(1).optional(),
  probabilities: z.string().min(1).optional(),
  horizon: z.coerce.number().int().min(1).max(120).default(36),
  financedBy: z
    .string()
    .regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, 'a date as YYYY-MM-DD')
    .optional(),
  projects: z.string().min(1).optional(),
  draws: z.coerce.number().int().min(0).max(1000).default(0),
  seed: z.coerce.number().int().optional(),
  json: z.boolean().default(false),
});

const flagName = (key: PropertyKey) => `--${String(key).replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

/** The optimiser's parameter tables from data/portfolio/, checked against the dataset's source registry. */
function readPortfolioTables(dataset: Dataset, dataDir = DATA_DIR): PortfolioTables {
  const at = (f: string) => readCsvTable(join(dataDir, 'portfolio', f), dataDir);
  const tables = parsePortfolioTables(
    {
      terms: at('financing-terms.csv'),
      budgets: at('budgets.csv'),
      exchangeRates: at('exchange-rates.csv'),
      parameters: at('parameters.csv'),
    },
    new Set(dataset.sources.map((s) => s.id)),
    new Set(readShippedProjects(dataset).financiers.map((f) => f.id)),
  );
  if (!tables.ok) throw new Error(tables.error.map(formatImportIssue).join('\n'));
  return tables.value;
}

/** Project records: a `--projects` JSON file (an array, or `{projects: [...]}`), else the shipped pipeline. */
export function readProjects(dataset: Dataset, file: string | undefined, effects: Effects): Project[] {
  let documents: unknown;
  let name: string;
  if (file !== undefined) {
    const path = resolve(effects.cwd, file);
    if (!existsSync(path)) throw new UsageError(`--projects: no such file ${file}`);
    name = file;
    try {
      documents = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    } catch (e) {
      throw new UsageError(`--projects: ${file} is not JSON (${e instanceof Error ? e.message : String(e)})`);
    }
  } else return [...readShippedProjects(dataset).projects];
  const list = Array.isArray(documents) ? documents : (documents as { projects?: unknown } | null)?.projects;
  if (!Array.isArray(list)) throw new UsageError(`--projects: ${name} holds no array of projects`);
  // The same checks as the pipeline's own records: schema, countries, financiers, products and sources.
  const parsed = parseProjects(
    list.map((document, i) => ({ file: `${name} $[${i}]`, document })),
    readShippedProjects(dataset).refs,
  );
  if (!parsed.ok) throw new UsageError(parsed.error.map(formatImportIssue).join('\n'));
  return parsed.value;
}

const addMonths = (month: string, n: number): string => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const t = y * 12 + (m - 1) + n;
  return `${Math.floor(t / 12)}-${String((t % 12) + 1).padStart(2, '0')}`;
};

const monthsBetween = (from: string, to: string): number =>
  (Number(to.slice(0, 4)) - Number(from.slice(0, 4))) * 12 + Number(to.slice(5, 7)) - Number(from.slice(5, 7));

/** A series moved `offset` months later on a horizon of `months` (earlier months zero). */
const shifted = (s: ShortfallSeries, offset: number, months: number): ShortfallSeries => ({
  ...s,
  shortfall: [...new Array<number>(offset).fill(0), ...Array.from(s.shortfall)].slice(0, months),
});

/**
 * Gap profiles for the setup's scenarios from the simulation engine: each scenario's central run (`draws` 0),
 * or `draws` Monte Carlo runs of each, equally likely within their scenario. A scenario that starts after the
 * horizon does is padded with months without shortfall.
 */
export async function scenarioGaps(
  dataset: Dataset,
  setup: PortfolioSetup,
  o: { draws?: number; seed?: number } = {},
): Promise<GapProfile[]> {
  const profiles: GapProfile[] = [];
  const idleOf = idleProducts(setup);
  for (const [i, scenario] of setup.scenarios.entries()) {
    const offset = Math.max(0, monthsBetween(setup.startMonth, scenario.startMonth));
    const months = Math.max(1, setup.months - offset);
    const probability = setup.probabilities[i] ?? 0;
    const profile = (id: string, p: number, series: readonly ShortfallSeries[]) =>
      gapProfile(
        series.map((s) => shifted(s, offset, setup.months)),
        {
          scenario: id,
          probability: p,
          months: setup.months,
          allied: setup.allied,
          endUsePriority: scenario.endUsePriority,
          idleOf,
        },
      );
    if (!o.draws) {
      profiles.push(profile(scenario.id, probability, seriesFromReport(await simulate(dataset, scenario, { months }))));
      continue;
    }
    const draws = await runDraws(dataset, scenario, { months, seed: o.seed ?? DEFAULT_SEED, first: 0, count: o.draws });
    for (const d of draws) profiles.push(profile(`${scenario.id}#${d.run}`, probability / o.draws, seriesFromDraw(d)));
  }
  return profiles;
}

/** Everything the programme needs apart from the gaps, read and checked from the flags, data and pipeline. */
export interface PortfolioSetup {
  readonly scenarios: readonly Scenario[];
  readonly probabilities: readonly number[];
  readonly startMonth: string;
  readonly months: number;
  readonly financedBy: string | null;
  readonly budgets: readonly Budget[];
  readonly candidates: readonly Candidate[];
  readonly excluded: readonly ExcludedProject[];
  readonly allied: ReadonlySet<string>;
  readonly feed: ChainFeed;
  readonly tables: PortfolioTables;
  /** Monte Carlo draws per scenario (0: the central run) and their seed. */
  readonly draws: number;
  readonly seed: number;
  readonly json: boolean;
}

/** Parses the flags and reads the tables and the pipeline; every bad input is a `UsageError` naming its flag or field. */
export function setUpPortfolio(dataset: Dataset, rawFlags: unknown, effects: Effects): PortfolioSetup {
  const parsed = PortfolioFlagsSchema.safeParse(rawFlags);
  if (!parsed.success)
    throw new UsageError(parsed.error.issues.map((i) => `${flagName(i.path[0] ?? '')}: ${i.message}`).join('; '));
  const flags = parsed.data;
  const ids = flags.scenarios
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const scenarios = ids.map((id) => {
    const s = dataset.scenarios.find((x) => x.id === id);
    if (!s)
      throw new UsageError(
        `--scenarios: unknown scenario "${id}"; did you mean ${closestNames(
          id,
          dataset.scenarios.map((x) => x.id),
        ).join(', ')}?`,
      );
    return s;
  });
  const probabilities = flags.probabilities
    ? flags.probabilities.split(',').map((p) => Number(p.trim()))
    : scenarios.map(() => 1 / scenarios.length);
  if (probabilities.length !== scenarios.length || probabilities.some((p) => !Number.isFinite(p) || p < 0 || p > 1))
    throw new UsageError(
      `--probabilities: "${flags.probabilities}" needs one number in 0–1 per scenario (${scenarios.length})`,
    );
  const sum = probabilities.reduce((a, p) => a + p, 0);
  if (Math.abs(sum - 1) > 1e-6) throw new UsageError(`--probabilities: "${flags.probabilities}" sums to ${sum}, not 1`);

  const tables = readPortfolioTables(dataset);
  let budgets: Budget[] = [...tables.budgets];
  if (flags.budget !== undefined) {
    const b = parseBudgetFlag(flags.budget, {
      financiers: new Set(tables.terms.map((t) => t.financier)),
      countries: new Set(dataset.countries.map((c) => c.iso3)),
      usdPerUnit: tables.usdPerUnit,
    });
    if (!b.ok) throw new UsageError(b.error.message);
    budgets = b.value;
  }
  const projects = readProjects(dataset, flags.projects, effects);
  const startMonth = scenarios.map((s) => s.startMonth).sort()[0] as string;
  const { candidates, excluded } = candidatesFromProjects(projects, {
    startMonth,
    months: flags.horizon,
    ...(flags.financedBy ? { financedBy: flags.financedBy } : {}),
    usdPerUnit: tables.usdPerUnit,
    products: new Map(dataset.network.products.map((p) => [p.product, p.stage])),
    inputsOf: (product) => dataset.network.coefficients.filter((c) => c.output === product).map((c) => c.input),
    defaultRampUpMonths: tables.parameters.defaultRampUpMonths,
    yearOnlyStartMonth: tables.parameters.yearOnlyStartMonth,
  });
  const allied = new Set(dataset.groups.find((g) => g.id === 'allied')?.members ?? []);
  return {
    scenarios,
    probabilities,
    startMonth,
    months: flags.horizon,
    financedBy: flags.financedBy ?? null,
    budgets,
    candidates,
    excluded,
    allied,
    feed: chainFeed(dataset.network, allied),
    tables,
    draws: flags.draws,
    seed: flags.seed ?? DEFAULT_SEED,
    json: flags.json,
  };
}

/** The products whose idle allied capacity gap profiles should report: tolled conversions with a cap. */
const idleProducts = (setup: PortfolioSetup) => ({
  coefficients: setup.feed.coefficients,
  products: setup.feed.tolling.filter((t) => t.maxTonnesPerMonth !== null).map((t) => t.product),
});

/** The programme for a setup and the gap profiles of its scenarios (or of draws of them). */
export const portfolioProblem = (setup: PortfolioSetup, gaps: readonly GapProfile[]): PortfolioProblem =>
  PortfolioProblemSchema.parse({
    startMonth: setup.startMonth,
    months: setup.months,
    candidates: setup.candidates,
    scenarios: gaps.map((g) => withSpare(g, setup.feed.spare, setup.months)),
    coefficients: setup.feed.coefficients,
    tolling: setup.feed.tolling,
    terms: setup.tables.terms,
    budgets: setup.budgets,
    usdPerWeightedTonne: setup.tables.parameters.usdPerWeightedTonne,
  });

/** `lodestone portfolio`: which projects to back, with whose money, to close the alliance's gaps across scenarios. */
export async function portfolioCommand(dataset: Dataset, rawFlags: unknown, effects: Effects): Promise<ExitCode> {
  const setup = setUpPortfolio(dataset, rawFlags, effects);
  const { scenarios, probabilities, startMonth, candidates, excluded, budgets, feed } = setup;
  const solver = await loadHighsSolver();
  const gaps = await scenarioGaps(dataset, setup, { draws: setup.draws, seed: setup.seed });
  const problem = portfolioProblem(setup, gaps);
  const plan = optimisePortfolio(problem, solver, feed.chainOf);
  if (!plan.ok) {
    effects.stderr(`lodestone: the portfolio programme failed: ${plan.error.code} (${plan.error.detail})\n`);
    return EXIT.failed;
  }
  const meta = {
    scenarios: scenarios.map((s, i) => ({ id: s.id, probability: probabilities[i] ?? 0 })),
    startMonth,
    horizonMonths: setup.months,
    endMonth: addMonths(startMonth, setup.months - 1),
    financedBy: setup.financedBy,
    budgets,
    candidates: candidates.map((c) => c.id),
    excluded,
    draws: setup.draws,
    ...(setup.draws > 0 ? { seed: setup.seed } : {}),
  };
  if (setup.json) {
    effects.stdout(`${JSON.stringify({ ...meta, ...plan.value }, null, 2)}\n`);
    return EXIT.ok;
  }
  effects.stdout(
    renderPlan(
      { ...meta, profiles: gaps.map((g) => ({ scenario: g.scenario, probability: g.probability })) },
      plan.value,
    ),
  );
  return EXIT.ok;
}

const musd = (usd: number) => formatNumber(usd / 1e6);

/** Shortfall removed in a scenario: over its Monte Carlo draws (`id#run`), their probability-weighted mean. */
function removedIn(
  removed: readonly { scenario: string; weightedTonnes: number }[],
  id: string,
  profiles: readonly { scenario: string; probability: number }[],
): number {
  const mine = profiles.filter((p) => p.scenario === id || p.scenario.startsWith(`${id}#`));
  const total = mine.reduce((a, p) => a + p.probability, 0);
  if (total === 0) return 0;
  return (
    mine.reduce(
      (a, p) => a + p.probability * (removed.find((r) => r.scenario === p.scenario)?.weightedTonnes ?? 0),
      0,
    ) / total
  );
}

function renderPlan(
  meta: {
    scenarios: { id: string; probability: number }[];
    startMonth: string;
    endMonth: string;
    financedBy: string | null;
    budgets: readonly Budget[];
    candidates: readonly string[];
    excluded: readonly ExcludedProject[];
    profiles: readonly { scenario: string; probability: number }[];
  },
  plan: PortfolioPlan,
): string {
  const lines: string[] = [];
  lines.push(
    `Portfolio over ${meta.scenarios.map((s) => `${s.id} (p=${s.probability.toFixed(2)})`).join(', ')}, ${meta.startMonth} to ${meta.endMonth}${meta.financedBy ? `, financed by ${meta.financedBy}` : ''}`,
    `Budgets (USD m): ${meta.budgets.map((b) => (b.scope === 'country' ? `country.${b.iso3}` : `${b.financier}${b.instrument ? `.${b.instrument}` : ''}`) + `=${musd(b.usd)}`).join(', ')}`,
    `${meta.candidates.length} candidates, ${meta.excluded.length} projects left out`,
    '',
    `Expected weighted shortfall: ${formatNumber(plan.baselineWeightedShortfall)} with nothing backed, ${formatNumber(plan.expectedWeightedShortfall)} after the portfolio`,
    `Capex backed USD ${musd(plan.capexUsd)}m; expected cost to the public purse USD ${musd(plan.financingCostUsd)}m; MIP gap ${(plan.mipGap * 100).toFixed(2)} %`,
    '',
  );
  if (plan.chosen.length === 0) lines.push('no project is worth backing within these budgets and terms', '');
  else
    lines.push(
      textTable(
        [
          'project',
          'host',
          'capex USD m',
          'financing (USD m)',
          'weighted t avoided',
          'per USD m',
          ...meta.scenarios.map((s) => s.id),
        ],
        plan.chosen.map((c) => [
          c.id,
          c.iso3,
          musd(c.capexUsd),
          c.financing.map((f) => `${f.financier} ${f.instrument} ${musd(f.usd)}`).join('; '),
          formatNumber(c.expectedShortfallRemoved),
          c.weightedTonnesPerMillionUsd === null ? '—' : formatNumber(c.weightedTonnesPerMillionUsd),
          ...meta.scenarios.map((s) => formatNumber(removedIn(c.shortfallRemoved, s.id, meta.profiles))),
        ]),
        new Set([2, 4, 5, ...meta.scenarios.map((_, i) => 6 + i)]),
      ),
      '',
    );
  lines.push('Gap that remains (expected tonnes over the horizon)');
  lines.push(
    textTable(
      ['chain', 'product', 'before', 'after'],
      plan.remaining.map((r) => [r.chain, r.product, formatNumber(r.beforeTonnes), formatNumber(r.afterTonnes)]),
      new Set([2, 3]),
    ),
  );
  if (meta.excluded.length > 0) {
    lines.push('', 'Left out');
    for (const e of meta.excluded) lines.push(`  ${e.id}: ${e.reason}`);
  }
  return `${lines.join('\n')}\n`;
}
