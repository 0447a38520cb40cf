import type { Currency, FinancingState, InstrumentKind, Project } from '../model/project.ts';

/** Stated financing summed by state, instrument and currency (amounts in different price years are added as stated). */
export interface FinancingTotal {
  readonly state: FinancingState;
  readonly instrument: InstrumentKind;
  /** Null for lines with no amount stated. */
  readonly currency: Currency | null;
  readonly amount: number;
  /** Lines of this state and instrument with no amount stated. */
  readonly linesWithoutAmount: number;
}

/** Sums a project's financing lines by state, instrument and currency. */
export function financingTotals(p: Project): FinancingTotal[] {
  const totals = new Map<
    string,
    {
      state: FinancingState;
      instrument: InstrumentKind;
      currency: Currency | null;
      amount: number;
      linesWithoutAmount: number;
    }
  >();
  for (const f of p.financing) {
    const currency = f.amount?.currency ?? null;
    const key = `${f.state}|${f.instrument}|${currency ?? ''}`;
    const t = totals.get(key) ?? {
      state: f.state,
      instrument: f.instrument,
      currency,
      amount: 0,
      linesWithoutAmount: 0,
    };
    if (f.amount === null) t.linesWithoutAmount += 1;
    else t.amount += f.amount.amount;
    totals.set(key, t);
  }
  return [...totals.values()];
}
