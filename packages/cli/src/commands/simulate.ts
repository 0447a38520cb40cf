import { loadHighsSolver, type Dataset, simulateProduct } from '@lodestone/core';
import { z } from 'zod';
import type { Effects } from '../effects.ts';
import { EXIT, type ExitCode, UsageError } from '../exit-codes.ts';
import { formatNumber, textTable } from '../format/text-table.ts';
import { closestNames } from '../suggest.ts';

const SimulateFlagsSchema = z.object({
  product: z.string().min(1, 'name a network product, e.g. dy_oxide'),
  months: z.coerce.number().int().min(1).max(120).optional(),
  json: z.boolean().default(false),
});

/** `lodestone simulate <scenario> --product <p>`: one product's market month by month (the multi-tier run comes next). */
export async function simulateCommand(
  dataset: Dataset,
  scenarioId: string,
  rawFlags: unknown,
  effects: Effects,
): Promise<ExitCode> {
  const parsed = SimulateFlagsSchema.safeParse(rawFlags);
  if (!parsed.success)
    throw new UsageError(parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('; '));
  const flags = parsed.data;
  const scenario = dataset.scenarios.find((s) => s.id === scenarioId);
  if (!scenario)
    throw new UsageError(
      `unknown scenario "${scenarioId}"; did you mean ${closestNames(
        scenarioId,
        dataset.scenarios.map((s) => s.id),
      ).join(', ')}?`,
    );
  const products = dataset.network.products.map((p) => p.product);
  if (!products.includes(flags.product))
    throw new UsageError(
      `unknown product "${flags.product}"; did you mean ${closestNames(flags.product, products).join(', ')}?`,
    );
  const rows = simulateProduct(
    dataset.network,
    dataset.regimeClauses,
    { ...scenario, horizonMonths: flags.months ?? scenario.horizonMonths },
    flags.product,
    await loadHighsSolver(),
  );
  if (flags.json) {
    effects.stdout(
      `${JSON.stringify({ scenario: scenario.id, product: flags.product, months: flags.months ?? scenario.horizonMonths, rows }, null, 2)}\n`,
    );
    return EXIT.ok;
  }
  const short = rows.filter((r) => r.shortfall > 1e-9 || r.fromInventory > 1e-9);
  effects.stdout(
    `${scenario.title}: ${flags.product}, ${scenario.startMonth} for ${flags.months ?? scenario.horizonMonths} months (central values; t/month)\n\n`,
  );
  if (short.length === 0) {
    effects.stdout('no shortfall and no inventory drawn anywhere\n');
    return EXIT.ok;
  }
  effects.stdout(
    textTable(
      ['month', 'area', 'demand', 'received', 'from inventory', 'shortfall', 'inventory left', 'why'],
      short.map((r) => [
        r.month,
        r.area,
        formatNumber(r.demand),
        formatNumber(r.received),
        formatNumber(r.fromInventory),
        formatNumber(r.shortfall),
        formatNumber(r.inventoryLeft),
        r.binding[0] ?? '',
      ]),
      new Set([2, 3, 4, 5, 6]),
    ),
  );
  return EXIT.ok;
}
