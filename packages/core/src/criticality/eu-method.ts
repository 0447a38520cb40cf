/**
 * The European Commission's criticality method (2017 guidelines, used for the 2020 and 2023 lists),
 * term by term; see docs/methods/criticality.md.
 */
import type {
  CriticalityOptions,
  CriticalityStage,
  EndUseInput,
  Fallback,
  MaterialInputs,
  StageInput,
  SupplierShare,
  SupplyBasis,
} from '../model/criticality.ts';

export interface SupplierTerm {
  readonly iso3: string;
  readonly share: number;
  readonly wgi: number;
  readonly t: number;
  /** share² × WGI × t: this supplier's part of HHI_WGI,t. */
  readonly term: number;
}

export interface HhiWgiT {
  readonly value: number;
  readonly suppliers: readonly SupplierTerm[];
  readonly missingWgi: readonly string[];
}

/** HHI_WGI,t = Σ_c S_c² × WGI_c × t_c over countries (aggregates excluded), shares as fractions. */
export function hhiWgiT(
  shares: readonly SupplierShare[],
  options: Pick<CriticalityOptions, 'wgiScaled' | 'wgiMissing'>,
): HhiWgiT {
  const missingWgi: string[] = [];
  const suppliers: SupplierTerm[] = [];
  for (const s of shares) {
    if (s.iso3 === null) continue;
    const known = options.wgiScaled.get(s.iso3);
    if (known === undefined) missingWgi.push(s.iso3);
    const wgi = known ?? options.wgiMissing;
    suppliers.push({ iso3: s.iso3, share: s.share, wgi, t: s.t, term: s.share * s.share * wgi * s.t });
  }
  suppliers.sort((a, b) => b.term - a.term || a.iso3.localeCompare(b.iso3));
  return { value: suppliers.reduce((sum, s) => sum + s.term, 0), suppliers, missingWgi };
}

export interface StageTerms {
  readonly stage: CriticalityStage;
  readonly basis: SupplyBasis;
  readonly importReliance: number;
  readonly global: HhiWgiT;
  readonly buyer: HhiWgiT;
  /** The blend before recycling and substitution: HHI_GS·IR/2 + HHI_buyer·(1 − IR/2), or one of them by basis. */
  readonly blendedHhi: number;
  readonly sr: number;
}

/** The weights of global supply and buyer sourcing in a stage's blend. */
function basisWeights(basis: SupplyBasis, importReliance: number): { global: number; buyer: number } {
  if (basis === 'global') return { global: 1, buyer: 0 };
  if (basis === 'buyer') return { global: 0, buyer: 1 };
  return { global: importReliance / 2, buyer: 1 - importReliance / 2 };
}

/** SR at one stage = [HHI_GS × IR/2 + HHI_buyer × (1 − IR/2)] × (1 − EoL_RIR) × SI_SR. */
export function stageSupplyRisk(
  input: StageInput,
  factors: { readonly eolRir: number; readonly siSr: number },
  options: Pick<CriticalityOptions, 'wgiScaled' | 'wgiMissing'>,
): StageTerms {
  const global = hhiWgiT(input.globalSupply, options);
  const buyer = hhiWgiT(input.buyerSourcing, options);
  const w = basisWeights(input.basis, input.importReliance);
  const blendedHhi = global.value * w.global + buyer.value * w.buyer;
  return {
    stage: input.stage,
    basis: input.basis,
    importReliance: input.importReliance,
    global,
    buyer,
    blendedHhi,
    sr: blendedHhi * (1 - factors.eolRir) * factors.siSr,
  };
}

export interface EconomicImportanceTerms {
  /** Σ_s A_s × Q_s in million EUR. */
  readonly weightedValueAddedMEur: number;
  readonly scaleMEur: number;
  readonly ei: number;
  readonly endUses: readonly (EndUseInput & { readonly term: number })[];
}

/** EI = SI_EI × Σ_s (A_s × Q_s) / (value added of the largest manufacturing sector) × 10. */
export function economicImportance(
  endUses: readonly EndUseInput[],
  siEi: number,
  scaleMEur: number,
): EconomicImportanceTerms {
  const terms = endUses.map((e) => ({ ...e, term: e.share * e.valueAddedMEur }));
  const weightedValueAddedMEur = terms.reduce((s, e) => s + e.term, 0);
  return {
    weightedValueAddedMEur,
    scaleMEur,
    ei: scaleMEur > 0 ? (weightedValueAddedMEur / scaleMEur) * 10 * siEi : 0,
    endUses: terms.sort((a, b) => b.term - a.term),
  };
}

export interface CriticalityResult {
  readonly material: string;
  readonly sr: number;
  /** `null` where the inputs hold no end-use shares for the material: EI cannot be computed. */
  readonly ei: number | null;
  /** `null` when EI is unknown but SR passes its threshold: the verdict cannot be given. */
  readonly critical: boolean | null;
  readonly bottleneckStage: CriticalityStage;
  readonly terms: {
    readonly stages: readonly StageTerms[];
    readonly eolRir: number;
    readonly siSr: number;
    readonly siEi: number;
    readonly economicImportance: EconomicImportanceTerms;
  };
  readonly fallbacks: readonly Fallback[];
}

/** Supply risk (the bottleneck stage's), economic importance and the verdict for one material. */
export function assessCriticality(inputs: MaterialInputs, options: CriticalityOptions): CriticalityResult {
  const stages = inputs.stages.map((s) => stageSupplyRisk(s, inputs, options));
  const bottleneck = stages.reduce((worst, s) => (s.sr > worst.sr ? s : worst));
  const ei = economicImportance(inputs.endUses, inputs.siEi, options.eiScaleMEur);
  const missing = [...new Set(stages.flatMap((s) => [...s.global.missingWgi, ...s.buyer.missingWgi]))].sort();
  const fallbacks: Fallback[] = [
    ...inputs.fallbacks,
    ...(missing.length > 0
      ? [{ input: `WGI of ${missing.join(', ')}`, usedInstead: `the median score (${options.wgiMissing.toFixed(2)})` }]
      : []),
  ];
  const eiValue = inputs.endUses.length > 0 ? ei.ei : null;
  const srPasses = bottleneck.sr >= options.srThreshold;
  return {
    material: inputs.material,
    sr: bottleneck.sr,
    ei: eiValue,
    critical: eiValue === null ? (srPasses ? null : false) : srPasses && eiValue >= options.eiThreshold,
    bottleneckStage: bottleneck.stage,
    terms: { stages, eolRir: inputs.eolRir, siSr: inputs.siSr, siEi: inputs.siEi, economicImportance: ei },
    fallbacks,
  };
}

export interface GroupResult {
  readonly group: string;
  readonly members: readonly string[];
  readonly sr: number;
  readonly ei: number | null;
  readonly critical: boolean | null;
}

/** A group's SR and EI as the unweighted mean of its members' (members with no end-use data left out of EI). */
export function assessGroup(
  group: string,
  members: readonly CriticalityResult[],
  options: Pick<CriticalityOptions, 'srThreshold' | 'eiThreshold'>,
): GroupResult | undefined {
  if (members.length === 0) return undefined;
  const eis = members.flatMap((m) => (m.ei === null ? [] : [m.ei]));
  const mean = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
  const sr = mean(members.map((m) => m.sr));
  const ei = eis.length > 0 ? mean(eis) : null;
  return {
    group,
    members: members.map((m) => m.material),
    sr,
    ei,
    critical:
      ei === null ? (sr >= options.srThreshold ? null : false) : sr >= options.srThreshold && ei >= options.eiThreshold,
  };
}
