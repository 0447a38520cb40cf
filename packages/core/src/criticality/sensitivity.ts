import type { CriticalityOptions, MaterialInputs } from '../model/criticality.ts';
import { assessCriticality } from './eu-method.ts';

export type VariedInput = 'WGI' | 't' | 'IR';

export interface Sensitivity {
  readonly input: VariedInput;
  readonly delta: number;
  readonly low: number;
  readonly base: number;
  readonly high: number;
}

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

/** SR with one input moved by −delta and +delta (relative), everything else held. WGI stays in 0–10, IR in 0–1. */
export function supplyRiskSensitivity(
  inputs: MaterialInputs,
  options: CriticalityOptions,
  input: VariedInput,
  delta = 0.1,
): Sensitivity {
  const at = (factor: number): number => {
    if (input === 'WGI') {
      const wgiScaled = new Map([...options.wgiScaled].map(([k, v]) => [k, clamp(v * factor, 0, 10)]));
      return assessCriticality(inputs, { ...options, wgiScaled, wgiMissing: clamp(options.wgiMissing * factor, 0, 10) })
        .sr;
    }
    const stages = inputs.stages.map((s) =>
      input === 't'
        ? {
            ...s,
            globalSupply: s.globalSupply.map((x) => ({ ...x, t: x.t * factor })),
            buyerSourcing: s.buyerSourcing.map((x) => ({ ...x, t: x.t * factor })),
          }
        : { ...s, importReliance: clamp(s.importReliance * factor, 0, 1) },
    );
    return assessCriticality({ ...inputs, stages }, options).sr;
  };
  return { input, delta, low: at(1 - delta), base: at(1), high: at(1 + delta) };
}
