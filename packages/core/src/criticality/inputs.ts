/**
 * Builds the EU method's inputs for a buyer from the dataset's tables; every input that does not come
 * from the buyer's own data is recorded as a fallback. See docs/methods/criticality.md#buyers.
 */
import type { CountryGroup } from '../model/country.ts';
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
import type {
  Buyer,
  BuyerImportReliance,
  BuyerImportSource,
  EuCrmParameter,
  EuCrmParameterCorrection,
  EuMaterialMapping,
  WgiEstimates,
} from '../model/criticality-tables.ts';
import type { EndUseShare } from '../model/end-use-share.ts';
import type { EuSupplyShare } from '../model/eu-supply-share.ts';
import type { GovernanceScore } from '../model/governance-score.ts';

/** The tables the assessment reads. */
export interface CriticalityTables {
  readonly euSupplyShares: readonly EuSupplyShare[];
  readonly euEndUseShares: readonly EndUseShare[];
  readonly euCrmParameters: readonly EuCrmParameter[];
  readonly euCrmParameterCorrections: readonly EuCrmParameterCorrection[];
  readonly wgiEstimates: readonly WgiEstimates[];
  readonly euMaterials: readonly EuMaterialMapping[];
  readonly buyerImportSources: readonly BuyerImportSource[];
  readonly buyerImportReliance: readonly BuyerImportReliance[];
  readonly tradePartners: readonly { readonly buyer: string; readonly iso3: string }[];
  readonly governance: readonly GovernanceScore[];
  readonly groups: readonly CountryGroup[];
}

const STAGE_CODE: Readonly<Record<CriticalityStage, 'E' | 'P'>> = { extraction: 'E', processing: 'P' };
const BASIS: Readonly<Record<string, SupplyBasis>> = { 'GS+EU': 'global+buyer', GSonly: 'global', EUonly: 'buyer' };

/**
 * Governance on the method's scale, (2.5 − mean of the six estimates) × 2 so 0 is best and 10 worst,
 * averaged over `years` (the study's supply window, 2016–2020, by default); countries without the six
 * estimates take the 2022 composite.
 */
export function wgiScaledByCountry(
  tables: Pick<CriticalityTables, 'wgiEstimates' | 'governance'>,
  years: readonly [number, number] = [2016, 2020],
): Map<string, number> {
  const scaled = (mean: number): number => Math.min(10, Math.max(0, (2.5 - mean) * 2));
  const sums = new Map<string, { total: number; n: number }>();
  for (const w of tables.wgiEstimates) {
    if (w.year < years[0] || w.year > years[1]) continue;
    const mean = (w.cc + w.ge + w.pv + w.rq + w.rl + w.va) / 6;
    const acc = sums.get(w.iso3) ?? { total: 0, n: 0 };
    sums.set(w.iso3, { total: acc.total + mean, n: acc.n + 1 });
  }
  const out = new Map<string, number>(tables.governance.map((g) => [g.iso3, scaled(g.wgiEstimate)]));
  for (const [iso3, { total, n }] of sums) out.set(iso3, scaled(total / n));
  return out;
}

/** The method's settings from the data: WGI scores, the EI scale (largest sector value added) and thresholds. */
export function criticalityOptions(
  tables: CriticalityTables,
  overrides: Partial<CriticalityOptions> = {},
  wgiYears: readonly [number, number] = [2016, 2020],
): CriticalityOptions {
  const wgiScaled = wgiScaledByCountry(tables, wgiYears);
  const sorted = [...wgiScaled.values()].sort((a, b) => a - b);
  const lower = sorted[Math.floor((sorted.length - 1) / 2)];
  const upper = sorted[Math.ceil((sorted.length - 1) / 2)];
  const median = lower !== undefined && upper !== undefined ? (lower + upper) / 2 : 5;
  return {
    wgiScaled,
    wgiMissing: median,
    eiScaleMEur: Math.max(0, ...tables.euEndUseShares.map((e) => e.valueAddedMEur ?? 0)),
    srThreshold: 1,
    eiThreshold: 2.8,
    ...overrides,
  };
}

const CONFIDENCE_RANK = { high: 3, medium: 2, low: 1 } as const;

/** A numeric parameter: a checked correction if there is one, else the best-confidence published row. */
function numberParameter(
  params: readonly EuCrmParameter[],
  corrections: readonly EuCrmParameterCorrection[],
  parameter: EuCrmParameterCorrection['parameter'],
  stage: EuCrmParameter['stage'],
): number | undefined {
  const corrected = corrections.find((c) => c.parameter === parameter && c.stage === stage);
  if (corrected) return corrected.value;
  const best = params
    .filter((x) => x.parameter === parameter && x.stage === stage && /^-?\d+(\.\d+)?$/.test(x.value))
    .sort((a, b) => CONFIDENCE_RANK[b.confidence] - CONFIDENCE_RANK[a.confidence])[0];
  return best === undefined ? undefined : Number(best.value);
}

/** The materials the EU study assessed with supply data: those with a "stages assessed" parameter and shares. */
export function assessableMaterials(tables: CriticalityTables): string[] {
  const withShares = new Set(tables.euSupplyShares.filter((s) => s.scope === 'global').map((s) => s.material));
  const assessed = tables.euCrmParameters
    .filter((p) => p.parameter === 'other' && /^(E|P|E\+P)$/.test(p.value))
    .map((p) => p.material);
  return [...new Set(assessed)].filter((m) => withShares.has(m)).sort();
}

function supplierShares(shares: readonly EuSupplyShare[]): SupplierShare[] {
  return shares.map((s) => ({
    iso3: s.area.kind === 'country' ? s.area.iso3 : null,
    share: s.share,
    t: s.tradeVariable,
  }));
}

/** t for a non-EU buyer: 0.8 for its partners, else the EU study's value where it exceeds 1 (export restrictions), else 1. */
function retargetT(shares: readonly SupplierShare[], partners: ReadonlySet<string>): SupplierShare[] {
  return shares.map((s) => ({ ...s, t: s.iso3 !== null && partners.has(s.iso3) ? 0.8 : Math.max(1, s.t) }));
}

/** Adds shares of the same supplier and scales them to sum to one. */
function normalise(shares: readonly SupplierShare[]): SupplierShare[] {
  const total = shares.reduce((s, x) => s + x.share, 0);
  return total > 0 ? shares.map((s) => ({ ...s, share: s.share / total })) : [];
}

export type InputsError = {
  readonly code: 'unknown-material';
  readonly material: string;
  readonly known: readonly string[];
};

/** The EU method's inputs for one material and one buyer, with every fallback named. */
export function materialInputs(
  tables: CriticalityTables,
  buyer: Buyer,
  material: string,
): MaterialInputs | InputsError {
  const params = tables.euCrmParameters.filter((p) => p.material === material);
  const corrections = tables.euCrmParameterCorrections.filter((c) => c.material === material);
  const stagesText = params.find((p) => p.parameter === 'other' && /^(E|P|E\+P)$/.test(p.value))?.value;
  if (stagesText === undefined) return { code: 'unknown-material', material, known: assessableMaterials(tables) };
  const stageList: CriticalityStage[] =
    stagesText === 'E' ? ['extraction'] : stagesText === 'P' ? ['processing'] : ['extraction', 'processing'];
  const fallbacks: Fallback[] = [];
  const eolPct = numberParameter(params, corrections, 'EoL_RIR', 'both');
  const siSr = numberParameter(params, corrections, 'SI_SR', 'both');
  const siEi = numberParameter(params, corrections, 'SI_EI', 'both');
  if (eolPct === undefined) fallbacks.push({ input: 'EoL-RIR', usedInstead: '0 (no recycling credit)' });
  if (siSr === undefined) fallbacks.push({ input: 'SI_SR', usedInstead: '1 (no substitution credit)' });
  if (siEi === undefined) fallbacks.push({ input: 'SI_EI', usedInstead: '1 (no substitution credit)' });

  const commodity = tables.euMaterials.find((m) => m.material === material)?.commodity;
  const partners = new Set(tables.tradePartners.filter((p) => p.buyer === buyer).map((p) => p.iso3));
  const allied = new Set(tables.groups.find((g) => g.id === 'allied')?.members ?? []);

  const stages: StageInput[] = stageList.map((stage) => {
    const code = STAGE_CODE[stage];
    const shares = (scope: 'global' | 'eu_sourcing') =>
      supplierShares(
        tables.euSupplyShares.filter((s) => s.material === material && s.stage === stage && s.scope === scope),
      );
    const euGlobal = shares('global');
    const euBasis =
      BASIS[
        params
          .find((p) => p.parameter === 'other' && p.stage === code && p.value.startsWith('supply_basis='))
          ?.value.slice(13) ?? ''
      ];
    const euIrPct = numberParameter(params, corrections, 'IR', code);

    if (buyer === 'EU') {
      const basis = euBasis ?? 'global+buyer';
      if (euBasis === undefined)
        fallbacks.push({ input: `supply basis (${stage})`, usedInstead: 'the IR-weighted blend' });
      if (euIrPct === undefined && basis === 'global+buyer')
        fallbacks.push({ input: `EU import reliance (${stage})`, usedInstead: '0.5' });
      return {
        stage,
        basis,
        globalSupply: euGlobal,
        buyerSourcing: shares('eu_sourcing'),
        importReliance: euIrPct === undefined ? 0.5 : euIrPct / 100,
      };
    }

    if (buyer === 'allied') {
      const globalSupply = euGlobal.map((s) => ({
        ...s,
        t: s.iso3 !== null && allied.has(s.iso3) ? 0.8 : Math.max(1, s.t),
      }));
      const alliedShare = globalSupply
        .filter((s) => s.iso3 !== null && allied.has(s.iso3))
        .reduce((sum, s) => sum + s.share, 0);
      fallbacks.push({
        input: `allied sourcing (${stage})`,
        usedInstead: 'global supply, allied producers as domestic supply (assumption-allied-buyer)',
      });
      return {
        stage,
        basis: 'global+buyer',
        globalSupply,
        buyerSourcing: globalSupply,
        importReliance: Math.max(0, Math.min(1, 1 - alliedShare)),
      };
    }

    const globalSupply = retargetT(euGlobal, partners);
    const reliance = tables.buyerImportReliance.find(
      (r) => r.buyer === buyer && r.commodity === commodity && r.share !== null,
    );
    const importReliance =
      reliance?.share ??
      (buyer === 'JPN' ? (commodity === 'titanium_sponge' ? 0 : 1) : euIrPct === undefined ? 1 : euIrPct / 100);
    if (reliance === undefined)
      fallbacks.push({
        input: `${buyer} import reliance (${stage})`,
        usedInstead: buyer === 'JPN' ? `${importReliance * 100} % (assumption-japan-import-reliance)` : 'the EU figure',
      });
    const sources = tables.buyerImportSources.filter((s) => s.buyer === buyer && s.commodity === commodity);
    const chosen = chooseImportSources(sources);
    if (chosen.length === 0) {
      fallbacks.push({ input: `${buyer} sourcing shares (${stage})`, usedInstead: 'global supply shares' });
      return { stage, basis: 'global', globalSupply, buyerSourcing: [], importReliance };
    }
    const named = chosen.reduce((s, x) => s + x.share, 0);
    let imports: SupplierShare[] = chosen.map((s) => ({ iso3: s.iso3, share: s.share, t: 1 }));
    if (named < 0.999 && !chosen.some((s) => s.iso3 === null)) {
      // Only some partners published (often China alone): the rest is split like global supply outside them.
      const listed = new Set(chosen.map((s) => s.iso3));
      const rest = normalise(globalSupply.filter((s) => s.iso3 !== null && !listed.has(s.iso3)));
      imports = [...imports, ...rest.map((s) => ({ ...s, share: s.share * (1 - named) }))];
      fallbacks.push({
        input: `${buyer} sourcing beyond ${[...listed].join(', ')} (${stage})`,
        usedInstead: 'global supply shares of the other producers',
      });
    }
    const domestic = buyer === 'USA' ? 'USA' : 'JPN';
    const sourcing = retargetT(
      normalise([
        ...imports.map((s) => ({ ...s, share: s.share * importReliance })),
        { iso3: domestic as SupplierShare['iso3'], share: 1 - importReliance, t: 1 },
      ]),
      partners,
    );
    if (stage === 'extraction' && stageList.length > 1)
      fallbacks.push({
        input: `${buyer} sourcing at extraction`,
        usedInstead: 'the import sources of the traded form (one set for both stages)',
      });
    return { stage, basis: 'global+buyer', globalSupply, buyerSourcing: sourcing, importReliance };
  });

  const rows = tables.euEndUseShares.filter((e) => e.material === material);
  // An identical row twice is a transcription fault (magnesium "Construction" 13 % appears twice): count it once.
  const endUses: EndUseInput[] = [
    ...new Map(
      rows.map((e) => [
        `${e.application}|${e.naceSector}|${e.share}`,
        {
          application: e.application,
          sector: e.naceSector ?? 'unassigned',
          share: e.share,
          valueAddedMEur: e.valueAddedMEur ?? 0,
        },
      ]),
    ).values(),
  ];
  if (endUses.length < rows.length)
    fallbacks.push({ input: 'duplicated end-use rows', usedInstead: 'each counted once' });
  if (endUses.length === 0)
    fallbacks.push({ input: 'end-use shares', usedInstead: 'none in the inputs: EI not computed' });
  if (buyer !== 'EU')
    fallbacks.push({
      input: `${buyer} sector value added`,
      usedInstead: 'EU-27 value added (assumption-buyer-ei-value-added)',
    });

  return {
    material,
    stages,
    eolRir: (eolPct ?? 0) / 100,
    siSr: siSr ?? 1,
    siEi: siEi ?? 1,
    endUses,
    fallbacks: dedupe(fallbacks),
  };
}

const dedupe = (fallbacks: Fallback[]): Fallback[] => [
  ...new Map(fallbacks.map((f) => [`${f.input}|${f.usedInstead}`, f])).values(),
];

/** One set of import sources: the recommended form of the best-sourced, latest edition. */
function chooseImportSources(sources: readonly BuyerImportSource[]): BuyerImportSource[] {
  if (sources.length === 0) return [];
  const rank = { high: 3, medium: 2, low: 1 } as const;
  const groups = new Map<string, BuyerImportSource[]>();
  for (const s of sources) {
    const key = `${s.edition ?? ''}|${s.period}|${s.form}`;
    groups.set(key, [...(groups.get(key) ?? []), s]);
  }
  const score = (g: BuyerImportSource[]): number =>
    (g.some((s) => s.recommended) ? 100 : 0) + Math.max(...g.map((s) => rank[s.confidence])) * 10 + g.length / 100;
  // The latest year a period names ("2020-2023" → 2023); a period with no year ranks last.
  const latest = (g: BuyerImportSource[]): number =>
    Math.max(0, ...[...(g[0]?.period ?? '').matchAll(/\d{4}/g)].map((m) => Number(m[0])));
  const candidates = [...groups.values()].sort((a, b) => score(b) - score(a) || latest(b) - latest(a));
  return candidates[0] ?? [];
}
