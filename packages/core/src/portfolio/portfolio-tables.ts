/**
 * The optimiser's parameter tables (data/portfolio/): financing terms, default budgets, exchange rates and
 * scalar parameters. Every row carries a source id; every problem names file, row and column, and any
 * problem fails the whole read.
 */
import { z } from 'zod';
import { cellText, type CsvRow, type CsvTable } from '../ingest/csv-table.ts';
import type { ImportIssue } from '../ingest/import-issue.ts';
import { readRecords } from '../ingest/read-records.ts';
import { err, ok, type Result } from '../result.ts';
import { type Budget, type FinancingTerm, FinancingTermSchema, InstrumentSchema } from './portfolio-input.ts';

export interface PortfolioTables {
  readonly terms: readonly FinancingTerm[];
  readonly budgets: readonly Budget[];
  /** USD per unit of each currency, USD included. */
  readonly usdPerUnit: ReadonlyMap<string, number>;
  readonly parameters: PortfolioParameters;
}

export const PortfolioParametersSchema = z.object({
  usdPerWeightedTonne: z.number().positive(),
  defaultRampUpMonths: z.number().int().min(0).max(120),
  yearOnlyStartMonth: z.number().int().min(1).max(12),
  /** The day the framework's six-month financing window closes. */
  financingWindowCloses: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
});
export type PortfolioParameters = z.infer<typeof PortfolioParametersSchema>;

const num = (row: CsvRow, c: string): number | string => {
  const t = cellText(row, c);
  return t === '' || Number.isNaN(Number(t)) ? t : Number(t);
};

function checkSources(
  table: CsvTable,
  sources: ReadonlySet<string>,
  rows: readonly { source: string }[],
  issues: ImportIssue[],
): void {
  rows.forEach((r, i) => {
    if (!sources.has(r.source))
      issues.push({
        code: 'bad-value',
        file: table.file,
        ...(table.rows[i] ? { row: table.rows[i].row } : {}),
        column: 'source',
        message: `unknown source "${r.source}"`,
      });
  });
}

/** Reads the four tables; `sources` is the registry's ids, `financiers` the financier catalogue's (when given). */
export function parsePortfolioTables(
  t: { terms: CsvTable; budgets: CsvTable; exchangeRates: CsvTable; parameters: CsvTable },
  sources: ReadonlySet<string>,
  financiers?: ReadonlySet<string>,
): Result<PortfolioTables, ImportIssue[]> {
  const issues: ImportIssue[] = [];
  const terms = readRecords(
    t.terms,
    ['financier', 'home', 'instrument', 'cost_per_usd', 'max_share_of_capex', 'hosts', 'source'],
    (row) => {
      const hosts = cellText(row, 'hosts');
      return FinancingTermSchema.safeParse({
        financier: cellText(row, 'financier'),
        home: cellText(row, 'home') || null,
        instrument: cellText(row, 'instrument'),
        costPerUsd: num(row, 'cost_per_usd'),
        maxShareOfCapex: num(row, 'max_share_of_capex'),
        hosts: ['any', 'home', 'abroad'].includes(hosts) ? hosts : hosts.split(';').map((h) => h.trim()),
        source: cellText(row, 'source'),
      });
    },
  );
  const rates = readRecords(t.exchangeRates, ['currency', 'usd_per_unit', 'date', 'source'], (row) =>
    z
      .object({
        currency: z.string().regex(/^[A-Z]{3}$/, 'an ISO 4217 code'),
        usdPerUnit: z.number().positive(),
        date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD'),
        source: z.string().min(1),
      })
      .safeParse({
        currency: cellText(row, 'currency'),
        usdPerUnit: num(row, 'usd_per_unit'),
        date: cellText(row, 'date'),
        source: cellText(row, 'source'),
      }),
  );
  const usdPerUnit = new Map<string, number>([['USD', 1]]);
  if (rates.ok) for (const r of rates.value) usdPerUnit.set(r.currency, r.usdPerUnit);
  const budgets = readRecords(t.budgets, ['financier', 'instrument', 'amount', 'currency', 'source'], (row) =>
    z
      .object({
        financier: z.string().min(1),
        instrument: InstrumentSchema.optional(),
        amount: z.number().nonnegative(),
        currency: z
          .string()
          .refine((c) => usdPerUnit.has(c), { message: 'a currency with a registered exchange rate' }),
        source: z.string().min(1),
      })
      .safeParse({
        financier: cellText(row, 'financier'),
        ...(cellText(row, 'instrument') ? { instrument: cellText(row, 'instrument') } : {}),
        amount: num(row, 'amount'),
        currency: cellText(row, 'currency'),
        source: cellText(row, 'source'),
      }),
  );
  const params = readRecords(t.parameters, ['name', 'value', 'unit', 'source'], (row) =>
    z
      .object({ name: z.string().min(1), value: z.union([z.number(), z.string()]), source: z.string().min(1) })
      .safeParse({ name: cellText(row, 'name'), value: num(row, 'value'), source: cellText(row, 'source') }),
  );
  for (const r of [terms, rates, budgets, params]) if (!r.ok) issues.push(...r.error);
  if (terms.ok) {
    checkSources(t.terms, sources, terms.value, issues);
    terms.value.forEach((term, i) => {
      if (financiers && !financiers.has(term.financier))
        issues.push({
          code: 'bad-value',
          file: t.terms.file,
          ...(t.terms.rows[i] ? { row: t.terms.rows[i].row } : {}),
          column: 'financier',
          message: `unknown financier "${term.financier}" (not in the financier catalogue)`,
        });
    });
  }
  if (rates.ok) checkSources(t.exchangeRates, sources, rates.value, issues);
  if (budgets.ok) {
    checkSources(t.budgets, sources, budgets.value, issues);
    const known = new Set(terms.ok ? terms.value.map((x) => x.financier) : []);
    budgets.value.forEach((b, i) => {
      if (terms.ok && !known.has(b.financier))
        issues.push({
          code: 'bad-value',
          file: t.budgets.file,
          ...(t.budgets.rows[i] ? { row: t.budgets.rows[i].row } : {}),
          column: 'financier',
          message: `unknown financier "${b.financier}" (not in the financing terms)`,
        });
    });
  }
  let parameters: PortfolioParameters | undefined;
  if (params.ok) {
    checkSources(t.parameters, sources, params.value, issues);
    const parsed = PortfolioParametersSchema.safeParse(
      Object.fromEntries(
        params.value.map((p) => [p.name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), p.value]),
      ),
    );
    if (parsed.success) parameters = parsed.data;
    else
      for (const i of parsed.error.issues)
        issues.push({
          code: 'bad-value',
          file: t.parameters.file,
          column: 'value',
          message: `parameter ${String(i.path[0])}: ${i.message}`,
        });
  }
  if (issues.length > 0 || !terms.ok || !budgets.ok || !parameters) return err(issues);
  return ok({
    terms: terms.value,
    budgets: budgets.value.map((b) => ({
      scope: 'financier' as const,
      financier: b.financier,
      ...(b.instrument ? { instrument: b.instrument } : {}),
      usd: b.amount * (usdPerUnit.get(b.currency) ?? 1),
    })),
    usdPerUnit,
    parameters,
  });
}
