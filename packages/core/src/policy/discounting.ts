/** Net present value of yearly cash flows, the first at t = 0. */
export function netPresentValue(cashFlows: readonly number[], rate: number): number {
  return cashFlows.reduce((sum, cf, t) => sum + cf / (1 + rate) ** t, 0);
}

/**
 * The internal rate of return by bisection on (−99 %, 1000 %], or null when the NPV does not change sign
 * there (e.g. every flow positive); with more than one sign change the lowest root in range is found.
 */
export function internalRateOfReturn(cashFlows: readonly number[]): number | null {
  let lo = -0.99;
  let hi = 10;
  const fLo = netPresentValue(cashFlows, lo);
  const fHi = netPresentValue(cashFlows, hi);
  if (!Number.isFinite(fLo) || !Number.isFinite(fHi) || fLo === 0 || Math.sign(fLo) === Math.sign(fHi))
    return fHi === 0 ? hi : null;
  for (let i = 0; i < 200 && hi - lo > 1e-10; i++) {
    const mid = (lo + hi) / 2;
    const f = netPresentValue(cashFlows, mid);
    if (Math.sign(f) === Math.sign(fLo)) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
