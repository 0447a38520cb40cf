import { describe, expect, it } from 'vitest';
import { CommodityKeySchema } from './commodity.ts';
import { CountryIso3Schema } from './country.ts';
import type { Dataset } from './dataset.ts';
import { checkDataset, failingIssues, roundingTolerance } from './dataset-check.ts';
import type { Observation } from './observation.ts';
import { SourceIdSchema } from './source.ts';

const ree = CommodityKeySchema.parse('rare_earths');
const usgs = SourceIdSchema.parse('usgs-mcs2025-world');
const chn = CountryIso3Schema.parse('CHN');

const observation = (over: Partial<Observation>): Observation => ({
  commodity: ree,
  stage: 'mining',
  metric: 'production',
  year: 2024,
  area: { kind: 'country', iso3: chn },
  label: 'China',
  value: 270000,
  status: 'reported',
  unit: 't',
  estimated: true,
  qualifier: null,
  note: null,
  source: usgs,
  ...over,
});

const dataset = (observations: Observation[]): Dataset => ({
  version: 'test',
  sources: [
    {
      id: usgs,
      kind: 'dataset',
      title: 'MCS 2025',
      publisher: 'USGS',
      year: 2025,
      locator: 'World data',
      url: 'https://doi.org/10.5066/P13XCP3R',
      licence: 'public domain',
      confidence: 'high',
    },
  ],
  countries: [{ iso3: chn, nameEn: 'China', nameJa: '中国' }],
  groups: [],
  commodities: [{ key: ree, nameEn: 'Rare earths', nameJa: 'レアアース', unitFamily: 'mass', isUsCritical: true }],
  series: [{ commodity: ree, stage: 'mining', metrics: ['production'], unit: 't', reservesUnit: 't', basis: 'REO' }],
  observations,
  usSalient: [],
  commodityAliases: [],
  importReliance: [],
  criticalMineralSalient: [],
  reportedShares: [],
  governance: [],
  euSupplyShares: [],
  euEndUseShares: [],
  exportControls: [],
  regimeClauses: [],
  regimeEvents: [],
  controlItems: [],
  euCrmParameters: [],
  euMaterials: [],
  euMaterialGroups: [],
  buyerImportSources: [],
  buyerImportReliance: [],
  tradePartners: [],
  euCrmParameterCorrections: [],
  wgiEstimates: [],
  knownDiscrepancies: [],
  network: { products: [], coefficients: [], capacityOutput: [], demand: [], inventories: [] },
  scenarios: [],
});

describe('checkDataset', () => {
  it('passes a consistent dataset, including listed rows a rounding above the world total', () => {
    expect(
      checkDataset(
        dataset([
          observation({}),
          observation({ area: { kind: 'world' }, label: 'World total (rounded)', value: 268000 }),
        ]),
      ),
    ).toEqual([]);
  });

  it('fails on a figure whose source is not in the registry', () => {
    expect(
      checkDataset(dataset([observation({ source: SourceIdSchema.parse('someone-said-so') })])).map((i) => i.code),
    ).toEqual(['unknown-source']);
  });

  it('fails on a source registered twice (two catalogues claiming one id)', () => {
    const base = dataset([observation({})]);
    const issues = checkDataset({ ...base, sources: [...base.sources, ...base.sources.slice(0, 1)] });
    expect(issues.map((i) => i.code)).toEqual(['duplicate-source']);
  });

  it('fails on an unknown country, commodity or stage', () => {
    const codes = checkDataset(
      dataset([
        observation({ area: { kind: 'country', iso3: CountryIso3Schema.parse('XXX') } }),
        observation({ commodity: CommodityKeySchema.parse('unobtainium') }),
        observation({ stage: 'refining' }),
      ]),
    ).map((i) => i.code);
    expect(codes).toEqual(['unknown-country', 'unknown-commodity', 'unknown-series', 'unknown-series']);
  });

  it('fails on a unit that differs from its series', () => {
    expect(checkDataset(dataset([observation({ unit: 'kt' })])).map((i) => i.message)).toEqual([
      'unit kt, series unit t',
    ]);
  });

  it('fails when countries add up to more than the world total beyond rounding', () => {
    const issues = checkDataset(
      dataset([
        observation({}),
        observation({ area: { kind: 'world' }, label: 'World total (rounded)', value: 250000 }),
      ]),
    );
    expect(issues).toEqual([
      {
        code: 'exceeds-world-total',
        where: 'rare_earths/mining production 2024',
        message: 'listed rows sum to 270000, world total 250000 (tolerance 5000)',
      },
    ]);
  });

  it('accepts a known discrepancy with its reason, and fails it no more', () => {
    const base = dataset([
      observation({}),
      observation({ area: { kind: 'world' }, label: 'World total (rounded)', value: 250000 }),
    ]);
    const issues = checkDataset({
      ...base,
      knownDiscrepancies: [
        {
          commodity: ree,
          stage: 'mining',
          metric: 'production',
          year: 2024,
          code: 'exceeds-world-total',
          reason: 'a dropped digit in the source',
        },
      ],
    });
    expect(issues.map((i) => i.accepted)).toEqual(['a dropped digit in the source']);
    expect(failingIssues(issues)).toEqual([]);
  });
});

describe('roundingTolerance', () => {
  it('is half a unit of the second significant figure, at least 1 %', () => {
    expect(roundingTolerance(390000)).toBe(5000);
    expect(roundingTolerance(1600000)).toBe(50000);
    expect(roundingTolerance(8900)).toBe(89);
    expect(roundingTolerance(0)).toBe(0);
  });
});
