import { internalRateOfReturn, netPresentValue } from './discounting.ts';
import type { EvaluationSettings, PolicyPackage, ProjectEconomics } from './policy-package.ts';

/** One year of a project under a package, USD million unless named otherwise. */
export interface CashFlowYear {
  readonly year: number;
  readonly marketUsdPerKg: number;
  readonly realisedUsdPerKg: number;
  readonly revenue: number;
  readonly operatingCost: number;
  readonly tax: number;
  readonly capex: number;
  /** Cash available for debt service: revenue − cost − tax − capex. */
  readonly operatingCashFlow: number;
  readonly debtDue: number;
  readonly debtPaid: number;
  readonly floorPayment: number;
  readonly offtakeCost: number;
  readonly equityToGovernment: number;
  readonly sponsorCashFlow: number;
}

/** A project's cash flows on one price path, with the sponsor's returns and the taxpayer's cost. */
export interface PathOutcome {
  readonly years: readonly CashFlowYear[];
  readonly npvUsdM: number;
  readonly irr: number | null;
  /** Lowest debt-service cover ratio over years with debt due (null without a loan). */
  readonly minDscr: number | null;
  readonly bankable: boolean;
  /** Present value at the government's rate of every public cash flow out minus in. */
  readonly taxpayerCostUsdM: number;
  readonly taxpayerCostByTool: {
    readonly priceFloor: number;
    readonly offtake: number;
    readonly loan: number;
    readonly equity: number;
  };
  /** Present value of the tariff's price uplift paid by buyers of the project's output. */
  readonly buyerCostUsdM: number;
}

const inWindow = (w: { fromYear: number; years: number } | undefined, year: number): boolean =>
  w !== undefined && year >= w.fromYear && year < w.fromYear + w.years;

/** The loan's scheduled payment in year t (t = 0 is disbursement). */
function scheduledDebt(loan: NonNullable<PolicyPackage['loan']>, t: number): number {
  if (t === 0 || t > loan.graceYears + loan.tenorYears) return 0;
  if (t <= loan.graceYears) return loan.principalUsdM * loan.rate;
  const r = loan.rate;
  const n = loan.tenorYears;
  return r === 0 ? loan.principalUsdM / n : (loan.principalUsdM * r) / (1 - (1 + r) ** -n);
}

/**
 * The project year by year on a price path (`marketUsdPerKg[i]` for `project.years[i]`), under a package:
 * the arithmetic of docs/methods/policy.md#cash-flows.
 */
export function projectCashFlows(
  project: ProjectEconomics,
  tools: PolicyPackage,
  marketUsdPerKg: readonly number[],
  settings: EvaluationSettings,
): PathOutcome {
  if (marketUsdPerKg.length !== project.years.length)
    throw new Error(`price path has ${marketUsdPerKg.length} years, the project ${project.years.length}`);
  const g = settings.governmentDiscountRate;
  const uplift = tools.tariff ? tools.tariff.rate * tools.tariff.passThrough : 0;
  const loan = tools.loan;
  let arrears = 0;
  let minDscr: number | null = null;
  let floorPv = 0;
  let offtakePv = 0;
  let loanPv = 0;
  let equityPv = 0;
  let buyerPv = 0;
  const years: CashFlowYear[] = project.years.map((plan, t) => {
    const market = marketUsdPerKg[t] ?? 0;
    const realised = market * (1 + uplift);
    const kilotonnes = plan.volumeTonnes / 1000; // t × USD/kg ÷ 1000 = USD million
    const offtakeShare = inWindow(tools.offtake, plan.year) ? (tools.offtake?.share ?? 0) : 0;
    const offtakePrice = tools.offtake?.usdPerKg ?? 0;
    const floored =
      tools.priceFloor && inWindow(tools.priceFloor, plan.year)
        ? Math.max(realised, tools.priceFloor.usdPerKg)
        : realised;
    const revenue = kilotonnes * ((1 - offtakeShare) * floored + offtakeShare * offtakePrice);
    const floorPayment = kilotonnes * (1 - offtakeShare) * (floored - realised);
    const offtakeCost = kilotonnes * offtakeShare * (offtakePrice - realised);
    const operatingCost = kilotonnes * plan.unitCostUsdPerKg;
    const tax = project.taxRate * Math.max(0, revenue - operatingCost);
    const operatingCashFlow = revenue - operatingCost - tax - plan.capexUsdM;
    const debtDue = loan ? scheduledDebt(loan, t) : 0;
    const owed = debtDue + arrears;
    const debtPaid = Math.min(owed, Math.max(0, operatingCashFlow));
    arrears = (owed - debtPaid) * (1 + (loan?.rate ?? 0));
    if (debtDue > 0) minDscr = Math.min(minDscr ?? Infinity, operatingCashFlow / debtDue);
    const inflows = t === 0 ? (loan?.principalUsdM ?? 0) + (tools.equity?.amountUsdM ?? 0) : 0;
    const beforeEquity = operatingCashFlow - debtPaid + inflows;
    const equityToGovernment = t > 0 && tools.equity ? tools.equity.stake * Math.max(0, beforeEquity) : 0;
    const discount = (1 + g) ** t;
    floorPv += floorPayment / discount;
    offtakePv += offtakeCost / discount;
    buyerPv += (kilotonnes * (realised - market)) / discount;
    if (tools.equity) equityPv += ((t === 0 ? tools.equity.amountUsdM : 0) - equityToGovernment) / discount;
    if (loan && loan.lender === 'government') loanPv += ((t === 0 ? loan.principalUsdM : 0) - debtPaid) / discount;
    return {
      year: plan.year,
      marketUsdPerKg: market,
      realisedUsdPerKg: floored,
      revenue,
      operatingCost,
      tax,
      capex: plan.capexUsdM,
      operatingCashFlow,
      debtDue,
      debtPaid,
      floorPayment,
      offtakeCost,
      equityToGovernment,
      sponsorCashFlow: beforeEquity - equityToGovernment,
    };
  });
  // The guarantor pays its share of whatever is still owed when the project ends.
  if (loan && loan.lender === 'commercial' && arrears > 0)
    loanPv += (loan.guaranteedShare * arrears) / (1 + g) ** (years.length - 1);
  const sponsor = years.map((y) => y.sponsorCashFlow);
  const npvUsdM = netPresentValue(sponsor, project.discountRate);
  const dscr = minDscr as number | null;
  return {
    years,
    npvUsdM,
    irr: internalRateOfReturn(sponsor),
    minDscr: dscr,
    bankable: npvUsdM >= 0 && (dscr === null || dscr >= settings.minDscr),
    taxpayerCostUsdM: floorPv + offtakePv + loanPv + equityPv,
    taxpayerCostByTool: { priceFloor: floorPv, offtake: offtakePv, loan: loanPv, equity: equityPv },
    buyerCostUsdM: buyerPv,
  };
}
