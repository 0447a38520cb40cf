import { ChainSchema, checkNetwork, type Dataset, networkView } from '@lodestone/core';
import { z } from 'zod';
import type { Effects } from '../effects.ts';
import { EXIT, type ExitCode, UsageError } from '../exit-codes.ts';
import { formatNumber, formatShare, textTable } from '../format/text-table.ts';

const NetworkFlagsSchema = z.object({
  chain: z.union([ChainSchema, z.literal('all')]).default('all'),
  json: z.boolean().default(false),
});

/** `lodestone network`: the chain's nodes, coefficients, capacities, balance, baseline flows and sources. */
export function networkCommand(dataset: Dataset, rawFlags: unknown, effects: Effects): ExitCode {
  const parsed = NetworkFlagsSchema.safeParse(rawFlags);
  if (!parsed.success)
    throw new UsageError(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
  const { chain, json } = parsed.data;
  const net = dataset.network;
  if (net.products.length === 0) throw new UsageError('the dataset has no supply network');
  // The same view the API returns; the text below only lays it out.
  const view = networkView(dataset, chain);
  if (json) {
    effects.stdout(`${JSON.stringify(view, null, 2)}\n`);
    return EXIT.ok;
  }
  const { products, balance, coefficients, sources } = view;
  const producers = (product: string) =>
    net.capacityOutput
      .filter((o) => o.product === product && (o.output ?? 0) > 0)
      .sort((a, b) => (b.output ?? 0) - (a.output ?? 0));
  const unitOf = new Map(products.map((p) => [p.product, p.unit]));
  const capacitySummary = (product: string): string => {
    const rows = net.capacityOutput.filter((o) => o.product === product && o.capacity !== null);
    if (rows.length === 0) return '—';
    return rows
      .sort((a, b) => (b.capacity ?? 0) - (a.capacity ?? 0))
      .slice(0, 3)
      .map((o) => `${o.area} ${formatNumber(o.capacity ?? 0)}`)
      .join(', ');
  };
  const out: string[] = [
    `Supply network — ${chain === 'all' ? 'all chains' : chain}, baseline ${net.capacityOutput[0]?.year ?? ''}`,
    '',
  ];
  out.push(
    textTable(
      [
        'chain',
        'stage',
        'product',
        'unit',
        'world output',
        'top producers',
        'use',
        'balance',
        'capacity (where known)',
      ],
      products.map((p) => {
        const b = balance.find((x) => x.product === p.product);
        const top = producers(p.product);
        const total = top.reduce((s, o) => s + (o.output ?? 0), 0);
        return [
          p.chain,
          p.stage,
          p.product,
          p.unit,
          formatNumber(total),
          top
            .slice(0, 3)
            .map((o) => `${o.area} ${formatShare(total > 0 ? (o.output ?? 0) / total : 0)}`)
            .join(', '),
          b ? formatNumber(b.intermediateUse + b.finalDemand) : '',
          b
            ? `${(b.imbalance * 100).toFixed(1)}%${b.balancingDemand > 0 ? ` (balancing ${formatShare(b.balancingDemand / Math.max(b.supply, 1e-9))})` : ''}`
            : '',
          capacitySummary(p.product),
        ];
      }),
      new Set([4, 6]),
    ),
  );
  out.push('Coefficients (input per unit of output, plausible range)');
  out.push(
    textTable(
      ['output', 'input', 'value', 'range'],
      coefficients.map((c) => [
        c.output,
        c.input,
        `${c.value} ${unitOf.get(c.input) ?? 't'}/${unitOf.get(c.output) ?? 't'}`,
        `${c.low}–${c.high}`,
      ]),
    ),
  );
  out.push(
    `${sources.length} sources (lodestone sources <id>); baseline trade allocated pro rata to output (see docs/methods/network.md).`,
  );
  effects.stdout(`${out.join('\n')}\n`);
  return EXIT.ok;
}

/** `lodestone network check`: balance, sources, known products and countries. */
export function networkCheckCommand(dataset: Dataset, effects: Effects): ExitCode {
  const issues = checkNetwork(dataset.network, {
    sources: new Set(dataset.sources.map((s) => s.id)),
    countries: new Set(dataset.countries.map((c) => c.iso3)),
  });
  for (const i of issues) effects.stderr(`${i.where}: ${i.message} (${i.code})\n`);
  const n = dataset.network;
  if (issues.length > 0) {
    effects.stderr(`network check failed: ${issues.length} problem(s)\n`);
    return EXIT.failed;
  }
  effects.stdout(
    `network check passed: ${n.products.length} products, ${n.coefficients.length} coefficients, ${n.capacityOutput.length} output rows, ${n.demand.length} demand rows, every product balanced within 1 %\n`,
  );
  return EXIT.ok;
}
