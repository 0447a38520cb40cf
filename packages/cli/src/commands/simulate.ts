import { type Dataset, ExplainQuerySchema, type ExplanationNode, type SimulationReport } from '@lodestone/core';
import { DEFAULT_SEED, explain, simulate } from '@lodestone/engine';
import { z } from 'zod';
import { scenarioArgument } from '../data/scenario-arg.ts';
import type { Effects } from '../effects.ts';
import { EXIT, type ExitCode, UsageError } from '../exit-codes.ts';
import { formatNumber, textTable } from '../format/text-table.ts';
import { closestNames } from '../suggest.ts';

const SimulateFlagsSchema = z.object({
  months: z.coerce.number().int().min(1).max(120).optional(),
  runs: z.coerce.number().int().min(1).max(100_000).default(1),
  seed: z.coerce.number().int().default(DEFAULT_SEED),
  threads: z.coerce.number().int().min(1).max(64).optional(),
  json: z.boolean().default(false),
  csv: z.boolean().default(false),
});

const usage = (error: z.ZodError) =>
  new UsageError(error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));

/** Progress on stderr: a bar redrawn in place on a terminal, a plain line every tenth elsewhere. */
function progress(effects: Effects, total: number) {
  let lastTenth = -1;
  return (done: number) => {
    if (effects.isTTY) {
      const width = 30;
      const filled = Math.round((done / total) * width);
      effects.stderr(
        `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${done}/${total} runs${done === total ? '\n' : ''}`,
      );
    } else {
      const tenth = Math.floor((done / total) * 10);
      if (tenth > lastTenth) {
        lastTenth = tenth;
        effects.stderr(`simulated ${done}/${total} runs\n`);
      }
    }
  };
}

const CSV_COLUMNS = [
  'iso3',
  'product',
  'endUse',
  'month',
  'demand',
  'supplied',
  'shortfall',
  'p5',
  'p50',
  'p95',
] as const;

function csvOf(report: SimulationReport): string {
  const cell = (v: unknown) => (v === undefined ? '' : String(v));
  return [CSV_COLUMNS.join(','), ...report.shortfalls.map((r) => CSV_COLUMNS.map((c) => cell(r[c])).join(','))].join(
    '\n',
  );
}

/** `lodestone simulate <scenario>`: month-by-month shortfalls through every tier, with Monte Carlo bands. */
export async function simulateCommand(
  dataset: Dataset,
  scenarioArg: string,
  rawFlags: unknown,
  effects: Effects,
): Promise<ExitCode> {
  const parsed = SimulateFlagsSchema.safeParse(rawFlags);
  if (!parsed.success) throw usage(parsed.error);
  const flags = parsed.data;
  const scenario = scenarioArgument(dataset, scenarioArg);
  const report = await simulate(dataset, scenario, {
    runs: flags.runs,
    seed: flags.seed,
    ...(flags.months === undefined ? {} : { months: flags.months }),
    ...(flags.threads === undefined ? {} : { threads: flags.threads }),
    ...(flags.runs > 1 ? { onProgress: progress(effects, flags.runs) } : {}),
  });
  if (flags.json) {
    effects.stdout(`${JSON.stringify(report, null, 2)}\n`);
    return EXIT.ok;
  }
  if (flags.csv) {
    effects.stdout(`${csvOf(report)}\n`);
    return EXIT.ok;
  }
  const bands = report.runs > 1;
  effects.stdout(
    `${scenario.title}\n${report.startMonth}, ${report.months} months; ${
      bands ? `${report.runs} Monte Carlo runs (seed ${report.seed}), central case with P5–P95` : 'central case'
    }\n\n`,
  );
  if (report.summary.length === 0) {
    effects.stdout('no shortfall anywhere\n');
    return EXIT.ok;
  }
  const unitOf = (product: string) => dataset.network.products.find((p) => p.product === product)?.unit ?? '';
  effects.stdout('Shortfall over the horizon (largest first)\n');
  effects.stdout(
    textTable(
      ['country', 'product', 'total short', 'unit', 'peak share', 'peak month', ...(bands ? ['P5', 'P95'] : [])],
      report.summary
        .slice(0, 25)
        .map((s) => [
          s.iso3,
          s.product,
          formatNumber(s.totalShortfall),
          unitOf(s.product),
          `${(s.peakShare * 100).toFixed(1)} %`,
          s.peakMonth,
          ...(bands ? [formatNumber(s.p5 ?? 0), formatNumber(s.p95 ?? 0)] : []),
        ]),
      new Set([2, 4, 6, 7]),
    ),
  );
  const peaks = new Map<string, { market: string; index: number; month: string }>();
  for (const p of report.prices) {
    const key = `${p.product} ${p.market}`;
    const best = peaks.get(key);
    if (!best || p.index > best.index) peaks.set(key, { market: p.market, index: p.index, month: p.month });
  }
  const top = [...peaks.entries()].sort((a, b) => b[1].index - a[1].index).slice(0, 10);
  if (top.length > 0) {
    effects.stdout('\nPrice indices (baseline = 1): highest month\n');
    effects.stdout(
      textTable(
        ['product', 'market', 'peak index', 'month'],
        top.map(([k, v]) => [k.split(' ')[0] ?? k, v.market, v.index.toFixed(2), v.month]),
        new Set([2]),
      ),
    );
  }
  effects.stdout(`\nshortfall rows: ${report.shortfalls.length} (use --json or --csv for all of them)\n`);
  return EXIT.ok;
}

const ExplainFlagsSchema = z.object({
  country: z.string().min(1, 'name a country, e.g. --country JPN'),
  product: z.string().min(1, 'name a network product, e.g. --product ndfeb_sintered'),
  month: z.string().min(1, 'a month number (1 = the first) or YYYY-MM'),
  months: z.coerce.number().int().min(1).max(120).optional(),
  json: z.boolean().default(false),
});

function printNode(node: ExplanationNode, unit: (p: string) => string, depth: number, out: string[]) {
  const pad = '  '.repeat(depth);
  const u = unit(node.product);
  out.push(
    `${pad}${node.iso3} ${node.product} in ${node.month}: uses ${formatNumber(node.supplied)} of a baseline ${formatNumber(node.demand)} ${u}/month${
      node.scarce ? ` — scarce (one more ${u} is worth ${node.marginalValue.toFixed(3)})` : ''
    }`,
  );
  for (const f of node.finalShortfall.filter((f) => f.shortfall > 1e-9))
    out.push(`${pad}  short for ${f.endUse}: ${formatNumber(f.shortfall)} of ${formatNumber(f.demand)} ${u}`);
  for (const r of node.receipts)
    out.push(`${pad}  from ${r.from}: ${formatNumber(r.quantity)} ${u} (baseline ${formatNumber(r.baseline)})`);
  for (const b of node.binding) out.push(`${pad}  binding: ${b}`);
  for (const child of node.upstream) {
    out.push(`${pad}  because upstream:`);
    printNode(child, unit, depth + 2, out);
  }
}

/** `lodestone explain <scenario> --country JPN --product ndfeb_sintered --month 3`. */
export async function explainCommand(
  dataset: Dataset,
  scenarioArg: string,
  rawFlags: unknown,
  effects: Effects,
): Promise<ExitCode> {
  const parsed = ExplainFlagsSchema.safeParse(rawFlags);
  if (!parsed.success) throw usage(parsed.error);
  const flags = parsed.data;
  const scenario = scenarioArgument(dataset, scenarioArg);
  const products = dataset.network.products.map((p) => p.product);
  if (!products.includes(flags.product))
    throw new UsageError(
      `unknown product "${flags.product}"; did you mean ${closestNames(flags.product, products).join(', ')}?`,
    );
  const query = ExplainQuerySchema.safeParse({
    iso3: flags.country.toUpperCase(),
    product: flags.product,
    month: /^\d+$/.test(flags.month) ? Number(flags.month) : flags.month,
  });
  if (!query.success) throw usage(query.error);
  const result = await explain(dataset, scenario, {
    ...query.data,
    ...(flags.months === undefined ? {} : { months: flags.months }),
  });
  if ('error' in result) throw new UsageError(result.error);
  if (flags.json) {
    effects.stdout(`${JSON.stringify(result, null, 2)}\n`);
    return EXIT.ok;
  }
  const lines: string[] = [`${scenario.title} (central case)`];
  printNode(result, (p) => dataset.network.products.find((x) => x.product === p)?.unit ?? '', 0, lines);
  effects.stdout(`${lines.join('\n')}\n`);
  return EXIT.ok;
}
