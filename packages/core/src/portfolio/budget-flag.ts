/**
 * Budgets as users write them: `DFC=2e9,JBIC=200e9JPY,private.equity=1e9,country.AUS=3e9`. Amounts are USD
 * unless a currency code follows, converted at the registered exchange rate.
 */
import { err, ok, type Result } from '../result.ts';
import { type Budget, InstrumentSchema } from './portfolio-input.ts';

export interface BudgetFlagError {
  readonly code: 'bad-budget' | 'unknown-financier' | 'unknown-currency' | 'unknown-instrument' | 'unknown-country';
  /** The flag and the part of its value at fault, for the message. */
  readonly flag: string;
  readonly value: string;
  readonly message: string;
}

export interface BudgetVocabulary {
  readonly financiers: ReadonlySet<string>;
  readonly countries: ReadonlySet<string>;
  /** USD per unit of each currency the registry knows (USD itself included). */
  readonly usdPerUnit: ReadonlyMap<string, number>;
}

const AMOUNT = /^(\d+(?:\.\d+)?(?:e[+-]?\d+)?|\.\d+(?:e[+-]?\d+)?)([A-Za-z]{3})?$/;

/** An amount with an optional currency suffix, in USD; errors name the flag and the value. */
export function parseMoney(
  text: string,
  usdPerUnit: ReadonlyMap<string, number>,
  flag: string,
): Result<number, BudgetFlagError> {
  const m = AMOUNT.exec(text.trim().replaceAll('_', ''));
  if (!m)
    return err({
      code: 'bad-budget',
      flag,
      value: text,
      message: `${flag}: "${text}" is not an amount like 2e9 or 200e9JPY`,
    });
  const currency = (m[2] ?? 'USD').toUpperCase();
  const rate = usdPerUnit.get(currency);
  if (rate === undefined)
    return err({
      code: 'unknown-currency',
      flag,
      value: text,
      message: `${flag}: unknown currency "${m[2]}" in "${text}"; known: ${[...usdPerUnit.keys()].sort().join(', ')}`,
    });
  return ok(Number(m[1]) * rate);
}

/** Parses the whole flag; any bad part fails it all. */
export function parseBudgetFlag(
  text: string,
  vocab: BudgetVocabulary,
  flag = '--budget',
): Result<Budget[], BudgetFlagError> {
  const budgets: Budget[] = [];
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq <= 0) return err({ code: 'bad-budget', flag, value: part, message: `${flag}: "${part}" is not KEY=AMOUNT` });
    const key = part.slice(0, eq).trim();
    const money = parseMoney(part.slice(eq + 1), vocab.usdPerUnit, flag);
    if (!money.ok) return money;
    const usd = money.value;
    const [head = '', tail] = key.split('.', 2);
    if (head === 'country') {
      if (!tail || !vocab.countries.has(tail))
        return err({
          code: 'unknown-country',
          flag,
          value: part,
          message: `${flag}: unknown country "${tail ?? ''}" in "${part}"`,
        });
      budgets.push({ scope: 'country', iso3: tail, usd });
      continue;
    }
    if (!vocab.financiers.has(head))
      return err({
        code: 'unknown-financier',
        flag,
        value: part,
        message: `${flag}: unknown financier "${head}" in "${part}"; known: ${[...vocab.financiers].sort().join(', ')}`,
      });
    if (tail === undefined) {
      budgets.push({ scope: 'financier', financier: head, usd });
      continue;
    }
    const instrument = InstrumentSchema.safeParse(tail);
    if (!instrument.success)
      return err({
        code: 'unknown-instrument',
        flag,
        value: part,
        message: `${flag}: unknown instrument "${tail}" in "${part}"; known: ${InstrumentSchema.options.join(', ')}`,
      });
    budgets.push({ scope: 'financier', financier: head, instrument: instrument.data, usd });
  }
  return ok(budgets);
}
