import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CountryIso3Schema } from '../model/country.ts';
import type { CriticalityOptions, MaterialInputs, StageInput, SupplierShare } from '../model/criticality.ts';
import { assessCriticality, economicImportance, hhiWgiT, stageSupplyRisk } from './eu-method.ts';

const iso = (s: string) => CountryIso3Schema.parse(s);
const options: CriticalityOptions = {
  wgiScaled: new Map([
    ['CHN', 5.67],
    ['DEU', 1.3],
    ['COD', 8.5],
  ]),
  wgiMissing: 5,
  eiScaleMEur: 200_000,
  srThreshold: 1,
  eiThreshold: 2.8,
};
const supplier = (code: string, share: number, t = 1): SupplierShare => ({ iso3: iso(code), share, t });

const processing: StageInput = {
  stage: 'processing',
  basis: 'global+buyer',
  globalSupply: [supplier('CHN', 0.9), supplier('DEU', 0.1, 0.8)],
  buyerSourcing: [supplier('CHN', 0.7), supplier('DEU', 0.3, 0.8)],
  importReliance: 0.98,
};

describe('hhiWgiT', () => {
  it('sums share² × WGI × t over countries, with t = 0.8 for a partner', () => {
    // 0.9² × 5.67 × 1 + 0.1² × 1.3 × 0.8 = 4.5927 + 0.0104
    expect(hhiWgiT(processing.globalSupply, options).value).toBeCloseTo(4.6031, 10);
  });

  it('leaves aggregates out and names suppliers with no WGI score', () => {
    const r = hhiWgiT([supplier('CHN', 0.5), { iso3: null, share: 0.3, t: 1 }, supplier('MMR', 0.2)], options);
    expect(r.value).toBeCloseTo(0.25 * 5.67 + 0.04 * 5, 10);
    expect(r.missingWgi).toEqual(['MMR']);
  });
});

describe('stageSupplyRisk', () => {
  it('blends global supply and buyer sourcing by import reliance, then applies recycling and substitution', () => {
    // buyer: 0.49 × 5.67 + 0.09 × 1.3 × 0.8 = 2.8719; blend 4.6031 × 0.49 + 2.8719 × 0.51 = 3.720188
    const s = stageSupplyRisk(processing, { eolRir: 0.1, siSr: 0.98 }, options);
    expect(s.buyer.value).toBeCloseTo(2.8719, 10);
    expect(s.blendedHhi).toBeCloseTo(3.720188, 9);
    expect(s.sr).toBeCloseTo(3.720188 * 0.9 * 0.98, 9);
  });

  it('uses global supply alone, or buyer sourcing alone, when the stage basis says so', () => {
    const f = { eolRir: 0, siSr: 1 };
    expect(stageSupplyRisk({ ...processing, basis: 'global' }, f, options).sr).toBeCloseTo(4.6031, 10);
    expect(stageSupplyRisk({ ...processing, basis: 'buyer' }, f, options).sr).toBeCloseTo(2.8719, 10);
  });
});

describe('economicImportance', () => {
  it('scales Σ share × value added by the largest sector to 0–10 and applies SI_EI', () => {
    const e = economicImportance(
      [
        { application: 'magnets', sector: 'C28', share: 0.6, valueAddedMEur: 200_000 },
        { application: 'catalysts', sector: 'C20', share: 0.4, valueAddedMEur: 100_000 },
      ],
      0.95,
      200_000,
    );
    expect(e.weightedValueAddedMEur).toBe(160_000);
    expect(e.ei).toBeCloseTo(7.6, 12); // 160,000 / 200,000 × 10 × 0.95
  });
});

const material = (stages: StageInput[]): MaterialInputs => ({
  material: 'Gallium',
  stages,
  eolRir: 0,
  siSr: 0.98,
  siEi: 0.98,
  endUses: [{ application: 'semiconductors', sector: 'C26', share: 1, valueAddedMEur: 80_000 }],
  fallbacks: [],
});

describe('assessCriticality', () => {
  it('takes the higher stage as the bottleneck', () => {
    const extraction: StageInput = {
      ...processing,
      stage: 'extraction',
      globalSupply: [supplier('COD', 0.4), supplier('DEU', 0.6)],
      buyerSourcing: [supplier('DEU', 1)],
    };
    const r = assessCriticality(material([extraction, processing]), options);
    expect(r.bottleneckStage).toBe('processing');
    expect(r.sr).toBeCloseTo(3.720188 * 0.98, 9);
    expect(r.ei).toBeCloseTo(3.92, 12); // 80,000 / 200,000 × 10 × 0.98
    expect(r.critical).toBe(true);
  });

  it('is not critical below either threshold', () => {
    const r = assessCriticality(
      { ...material([processing]), endUses: [{ application: 'x', sector: 'C26', share: 1, valueAddedMEur: 40_000 }] },
      options,
    );
    expect(r.ei).toBeCloseTo(1.96, 12);
    expect(r.critical).toBe(false);
  });

  it('reports a supplier without a WGI score as a fallback', () => {
    const r = assessCriticality(material([{ ...processing, globalSupply: [supplier('MMR', 1)] }]), options);
    expect(r.fallbacks).toEqual([{ input: 'WGI of MMR', usedInstead: 'the median score (5.00)' }]);
  });

  const codes = ['CHN', 'DEU', 'COD', 'AUS', 'ZAF', 'RUS'];
  const shares = fc
    .uniqueArray(
      fc.tuple(fc.constantFrom(...codes), fc.double({ min: 0.001, max: 1, noNaN: true }), fc.constantFrom(0.8, 1, 1.1)),
      {
        minLength: 1,
        maxLength: codes.length,
        selector: (x) => x[0],
      },
    )
    .map((rows) => {
      const total = rows.reduce((s, r) => s + r[1], 0);
      return rows.map(([c, v, t]) => supplier(c, v / total, t));
    });
  const wgi = fc.array(fc.double({ min: 0, max: 10, noNaN: true }), {
    minLength: codes.length,
    maxLength: codes.length,
  });

  it('never lowers SR when any country’s WGI rises', () => {
    fc.assert(
      fc.property(
        shares,
        shares,
        wgi,
        fc.constantFrom(...codes),
        fc.double({ min: 0, max: 5, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (g, b, scores, who, rise, ir) => {
          const base = new Map(codes.map((c, i) => [c, scores[i] ?? 0]));
          const raised = new Map(base).set(who, Math.min(10, (base.get(who) ?? 0) + rise));
          const stage: StageInput = {
            stage: 'processing',
            basis: 'global+buyer',
            globalSupply: g,
            buyerSourcing: b,
            importReliance: ir,
          };
          const before = assessCriticality(material([stage]), { ...options, wgiScaled: base }).sr;
          const after = assessCriticality(material([stage]), { ...options, wgiScaled: raised }).sr;
          expect(after).toBeGreaterThanOrEqual(before - 1e-12);
        },
      ),
    );
  });
});

describe('supplyRiskSensitivity', () => {
  it('moves SR in proportion to WGI and t when no score is clamped', async () => {
    const { supplyRiskSensitivity } = await import('./sensitivity.ts');
    const inputs = material([processing]);
    const wgi = supplyRiskSensitivity(inputs, options, 'WGI');
    expect(wgi.low).toBeCloseTo(wgi.base * 0.9, 9);
    expect(wgi.high).toBeCloseTo(wgi.base * 1.1, 9);
    const t = supplyRiskSensitivity(inputs, options, 't');
    expect(t.high).toBeCloseTo(t.base * 1.1, 9);
  });

  it('shifts weight between global supply and buyer sourcing when IR moves', async () => {
    const { supplyRiskSensitivity } = await import('./sensitivity.ts');
    const ir = supplyRiskSensitivity(material([processing]), options, 'IR');
    // IR 0.98 → 1.0 (clamped) and 0.882: global supply (4.6031) is riskier than sourcing (2.8719)
    expect(ir.high).toBeCloseTo((4.6031 * 0.5 + 2.8719 * 0.5) * 0.98, 9);
    expect(ir.low).toBeCloseTo((4.6031 * 0.441 + 2.8719 * 0.559) * 0.98, 9);
  });
});
