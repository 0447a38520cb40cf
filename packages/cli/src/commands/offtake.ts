import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  allocatePortfolio,
  AllocationRuleSchema,
  type Dataset,
  loadHighsSolver,
  type OfftakePortfolio,
  OfftakePortfolioSchema,
  resolveNeeds,
  type Solver,
} from '@lodestone/core';
import { z } from 'zod';
import { DATA_DIR } from '../data/bundle-files.ts';
import type { Effects } from '../effects.ts';
import { EXIT, type ExitCode, UsageError } from '../exit-codes.ts';
import { formatNumber, formatShare, textTable } from '../format/text-table.ts';
import { requireSources } from './policy.ts';

const PORTFOLIO_DIR = join('frameworks', 'portfolios');

const OfftakeFlagsSchema = z.object({
  portfolio: z.string().min(1, 'name a portfolio id or file, e.g. us-jp-magnets-2028'),
  rule: AllocationRuleSchema,
  json: z.boolean().default(false),
});

/** A portfolio by id (data/frameworks/portfolios/<id>.json) or by path; an error names the file and JSON path. */
function readPortfolio(ref: string, cwd: string, root = DATA_DIR): { file: string; portfolio: OfftakePortfolio } {
  const bundled = join(root, PORTFOLIO_DIR, `${ref}.json`);
  const path = existsSync(bundled) ? bundled : resolve(cwd, ref);
  if (!existsSync(path))
    throw new UsageError(`no portfolio "${ref}": give a file or a bundled id (us-jp-magnets-2028)`);
  const file = path === bundled ? join(PORTFOLIO_DIR, `${ref}.json`) : ref;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new UsageError(`${file}: ${e instanceof Error ? e.message : String(e)}`);
  }
  const parsed = OfftakePortfolioSchema.safeParse(json);
  if (!parsed.success)
    throw new UsageError(parsed.error.issues.map((i) => `${file} at ${i.path.join('.')}: ${i.message}`).join('; '));
  return { file, portfolio: parsed.data };
}

const portfolioSources = (p: OfftakePortfolio): string[] => [
  ...new Set([
    ...p.projects.flatMap((x) => x.sources),
    ...p.contracts.flatMap((c) => c.sources),
    ...p.buyers.flatMap((b) => (b.need.kind === 'tonnes' ? b.need.sources : b.need.shareSources)),
  ]),
];

/** `lodestone offtake`: contracts first, then the chosen fairness rule, month by month, as linear programmes. */
export async function offtakeCommand(
  dataset: Dataset,
  rawFlags: unknown,
  effects: Effects,
  solver: () => Promise<Solver> = loadHighsSolver,
): Promise<ExitCode> {
  const parsed = OfftakeFlagsSchema.safeParse(rawFlags);
  if (!parsed.success)
    throw new UsageError(parsed.error.issues.map((i) => `--${String(i.path[0])}: ${i.message}`).join('; '));
  const flags = parsed.data;
  const { file, portfolio } = readPortfolio(flags.portfolio, effects.cwd);
  const needs = resolveNeeds(portfolio, dataset.network);
  if (!needs.ok) throw new UsageError(needs.error.map((i) => `${file}: ${i.message}`).join('; '));
  const cited = [...new Set([...portfolioSources(portfolio), ...needs.value.flatMap((n) => n.sources)])].sort();
  requireSources(dataset, cited, file);
  const r = allocatePortfolio(portfolio, needs.value, flags.rule, await solver());
  if (!r.ok) {
    effects.stderr(`lodestone: ${file}, ${r.error.month}: ${r.error.code} (${r.error.detail})\n`);
    return EXIT.failed;
  }
  const a = r.value;
  if (flags.json) {
    effects.stdout(`${JSON.stringify({ ...a, needs: needs.value, sources: cited }, null, 2)}\n`);
    return EXIT.ok;
  }
  const buyer = new Map(portfolio.buyers.map((b) => [b.id, b]));
  const mainBound = (bounds: Record<string, number | undefined>): string =>
    Object.entries(bounds)
      .sort((x, y) => (y[1] ?? 0) - (x[1] ?? 0))
      .map(([k, n]) => `${k} ${n}/${portfolio.months}`)
      .join(', ');
  const scaled = new Set(
    a.months.flatMap((m) => m.allocation.contractsScaled.map((s) => `${s.projectId} (${m.month})`)),
  );
  effects.stdout(
    [
      `${portfolio.title}`,
      `${portfolio.product}, ${portfolio.startMonth} for ${portfolio.months} months; rule: ${flags.rule}; tonnes over the horizon`,
      `supply ${formatNumber(a.supplied)} t from ${portfolio.projects.map((p) => p.projectId).join(', ')}; unallocated ${formatNumber(a.unallocated)} t`,
      '',
      textTable(
        [
          'buyer',
          'country',
          'end use',
          'need',
          'contracted',
          'allocated',
          'share',
          'unmet',
          'bound by (months)',
          'limited by',
        ],
        a.totals.map((t) => [
          t.buyerId,
          buyer.get(t.buyerId)?.iso3 ?? '',
          buyer.get(t.buyerId)?.endUse ?? '',
          formatNumber(t.need),
          formatNumber(t.contracted),
          formatNumber(t.allocated),
          formatShare(t.share),
          formatNumber(t.unmet),
          mainBound(t.bounds),
          t.limitedBy.join(', '),
        ]),
        new Set([3, 4, 5, 6, 7]),
      ),
      scaled.size > 0
        ? `contracts scaled down where output fell short: ${[...scaled].join(', ')}`
        : 'every signed contract delivered in full',
      `${a.distinctProblems} distinct monthly problems, ${a.solves} linear programmes (HiGHS)`,
      `sources: ${cited.join(', ')} (lodestone sources <id>)`,
    ].join('\n') + '\n',
  );
  return EXIT.ok;
}
