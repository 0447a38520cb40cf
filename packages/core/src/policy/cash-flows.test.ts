import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { projectCashFlows } from './cash-flows.ts';
import { internalRateOfReturn, netPresentValue } from './discounting.ts';
import { type PolicyPackage, type ProjectEconomics, ProjectEconomicsSchema } from './policy-package.ts';

const settings = { governmentDiscountRate: 0.04, minDscr: 1.3 };

/** Invest USD 100 m in 2025, then sell 1,000 t a year in 2026 and 2027 at a cash cost of USD 40/kg. */
const small: ProjectEconomics = ProjectEconomicsSchema.parse({
  id: 'TEST',
  name: 'Test separation plant',
  iso3: 'USA',
  product: 'ndpr_oxide',
  pricedBy: 'nd_oxide',
  capacityTonnesPerYear: 1000,
  years: [
    { year: 2025, volumeTonnes: 0, unitCostUsdPerKg: 0, capexUsdM: 100 },
    { year: 2026, volumeTonnes: 1000, unitCostUsdPerKg: 40, capexUsdM: 0 },
    { year: 2027, volumeTonnes: 1000, unitCostUsdPerKg: 40, capexUsdM: 0 },
  ],
  discountRate: 0.1,
  taxRate: 0,
  sources: { volume: ['a'], unitCost: ['a'], capex: ['a'], discountRate: 'a', taxRate: 'a' },
});
const prices = [50, 50, 60];

describe('projectCashFlows', () => {
  it('matches the hand-worked case without tools', () => {
    // 1,000 t × (50 − 40) USD/kg = USD 10 m in 2026; 1,000 t × (60 − 40) = USD 20 m in 2027.
    // NPV at 10 % = −100 + 10/1.1 + 20/1.21 = −100 + 9.0909 + 16.5289 = −74.3802.
    const r = projectCashFlows(small, {}, prices, settings);
    expect(r.years.map((y) => y.sponsorCashFlow)).toEqual([-100, 10, 20]);
    expect(r.npvUsdM).toBeCloseTo(-74.3802, 4);
    expect(r.taxpayerCostUsdM).toBe(0);
    expect(r.bankable).toBe(false);
  });

  it('matches the hand-worked case under a USD 110/kg floor', () => {
    // Realised price 110 both years: 1,000 t × (110 − 40) = USD 70 m a year.
    // NPV = −100 + 70/1.1 + 70/1.21 = −100 + 63.6364 + 57.8512 = 21.4876.
    // IRR: 70y² + 70y − 100 = 0 with y = 1/(1+x) → y = (−70 + √32,900)/140 = 0.795600 → x = 0.256913.
    // Floor paid: 1,000 t × (110 − 50) = 60 in 2026, × (110 − 60) = 50 in 2027; PV at 4 % = 57.6923 + 46.2278 = 103.9201.
    const floor: PolicyPackage = { priceFloor: { usdPerKg: 110, fromYear: 2026, years: 10 } };
    const r = projectCashFlows(small, floor, prices, settings);
    expect(r.years.map((y) => y.floorPayment)).toEqual([0, 60, 50]);
    expect(r.npvUsdM).toBeCloseTo(21.4876, 4);
    expect(r.irr).toBeCloseTo(0.256913, 5);
    expect(r.taxpayerCostUsdM).toBeCloseTo(103.9201, 4);
    expect(r.bankable).toBe(true);
  });

  it('services a government loan from operating cash and counts what is never repaid', () => {
    // USD 100 m at 5 % over 2 years, no grace: annuity = 100 × 0.05 / (1 − 1.05⁻²) = 53.7805 a year.
    // 2026: cash 10 pays 10, arrears (53.7805 − 10) × 1.05 = 45.9695; 2027: owes 99.7500, pays 20.
    // Taxpayer: 100 − 10/1.04 − 20/1.0816 = 100 − 9.6154 − 18.4911 = 71.8935. DSCR 2026 = 10 / 53.7805 = 0.1859.
    const loan: PolicyPackage = {
      loan: { principalUsdM: 100, rate: 0.05, tenorYears: 2, graceYears: 0, lender: 'government', guaranteedShare: 0 },
    };
    const r = projectCashFlows(small, loan, prices, settings);
    expect(r.years[1]?.debtDue).toBeCloseTo(53.7805, 4);
    expect(r.years.map((y) => y.debtPaid)).toEqual([0, 10, 20]);
    expect(r.taxpayerCostUsdM).toBeCloseTo(71.8935, 4);
    expect(r.minDscr).toBeCloseTo(0.1859, 4);
    expect(r.years.map((y) => y.sponsorCashFlow)).toEqual([0, 0, 0]);
  });

  it('gives government equity its stake of positive distributions', () => {
    // USD 40 m for 25 %: sponsor gets −100 + 40 = −60, then 75 % of 10 and 20.
    // Taxpayer: 40 − 2.5/1.04 − 5/1.0816 = 40 − 2.4038 − 4.6228 = 32.9734.
    const r = projectCashFlows(small, { equity: { amountUsdM: 40, stake: 0.25 } }, prices, settings);
    expect(r.years.map((y) => y.sponsorCashFlow)).toEqual([-60, 7.5, 15]);
    expect(r.taxpayerCostUsdM).toBeCloseTo(32.9734, 4);
  });

  const path = fc.array(fc.double({ min: 5, max: 400, noNaN: true }), { minLength: 3, maxLength: 3 });
  const tax = fc.double({ min: 0, max: 0.4, noNaN: true });
  const loan = fc.option(
    fc.record({
      principalUsdM: fc.double({ min: 1, max: 200, noNaN: true }),
      rate: fc.double({ min: 0, max: 0.12, noNaN: true }),
      tenorYears: fc.integer({ min: 1, max: 3 }),
      graceYears: fc.integer({ min: 0, max: 1 }),
      lender: fc.constantFrom('government' as const, 'commercial' as const),
      guaranteedShare: fc.double({ min: 0, max: 1, noNaN: true }),
    }),
    { nil: undefined },
  );

  it('never lowers the NPV when the floor is raised, whatever else is in the package', () => {
    fc.assert(
      fc.property(
        path,
        tax,
        loan,
        fc.double({ min: 0, max: 300, noNaN: true }),
        fc.double({ min: 0, max: 100, noNaN: true }),
        (p, taxRate, l, floor, raise) => {
          const project = { ...small, taxRate };
          const at = (usdPerKg: number): number =>
            projectCashFlows(
              project,
              {
                priceFloor: { usdPerKg: Math.max(usdPerKg, 1e-6), fromYear: 2025, years: 10 },
                ...(l ? { loan: l } : {}),
                equity: { amountUsdM: 10, stake: 0.15 },
              },
              p,
              settings,
            ).npvUsdM;
          expect(at(floor + raise)).toBeGreaterThanOrEqual(at(floor) - 1e-9);
        },
      ),
    );
  });

  it('costs the taxpayer nothing when the price stays at or above the floor', () => {
    fc.assert(
      fc.property(path, fc.double({ min: 1, max: 400, noNaN: true }), (p, floor) => {
        const above = p.map((x) => Math.max(x, floor));
        const r = projectCashFlows(
          small,
          { priceFloor: { usdPerKg: floor, fromYear: 2025, years: 10 } },
          above,
          settings,
        );
        expect(r.taxpayerCostUsdM).toBe(0);
        expect(r.npvUsdM).toBeCloseTo(projectCashFlows(small, {}, above, settings).npvUsdM, 9);
      }),
    );
  });
});

describe('internalRateOfReturn', () => {
  it('finds the rate at which the NPV is zero, and none when every flow is positive', () => {
    const irr = internalRateOfReturn([-100, 60, 60]);
    expect(irr).not.toBeNull();
    expect(netPresentValue([-100, 60, 60], irr ?? 0)).toBeCloseTo(0, 8);
    expect(irr).toBeCloseTo(0.130662, 5);
    expect(internalRateOfReturn([10, 20])).toBeNull();
  });
});
