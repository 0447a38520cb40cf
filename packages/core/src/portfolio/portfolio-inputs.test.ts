import { describe, expect, it } from 'vitest';
import { parseCsvTable } from '../ingest/csv-table.ts';
import type { Project } from '../model/project.ts';
import { parseBudgetFlag } from './budget-flag.ts';
import { gapProfile } from './gap-profile.ts';
import { canCloseFinancing, candidatesFromProjects } from './project-candidate.ts';
import { parsePortfolioTables } from './portfolio-tables.ts';

const usdPerUnit = new Map([
  ['USD', 1],
  ['JPY', 0.0067322],
  ['EUR', 1.0787],
]);
const vocab = { financiers: new Set(['DFC', 'JBIC', 'private']), countries: new Set(['AUS', 'USA']), usdPerUnit };

describe('parseBudgetFlag', () => {
  it('reads USD, currency suffixes, instruments and countries', () => {
    const r = parseBudgetFlag('DFC=2e9, JBIC=200e9JPY,private.equity=1_000_000,country.AUS=0.5e9', vocab);
    expect(r).toEqual({
      ok: true,
      value: [
        { scope: 'financier', financier: 'DFC', usd: 2e9 },
        { scope: 'financier', financier: 'JBIC', usd: expect.closeTo(1.34644e9, 0) },
        { scope: 'financier', financier: 'private', instrument: 'equity', usd: 1e6 },
        { scope: 'country', iso3: 'AUS', usd: 5e8 },
      ],
    });
  });

  it('names the flag and the value at fault', () => {
    const fail = (text: string) => {
      const r = parseBudgetFlag(text, vocab);
      return r.ok ? undefined : r.error;
    };
    expect(fail('DFC=1e9,NEXI=1e9')).toMatchObject({ code: 'unknown-financier', value: 'NEXI=1e9' });
    expect(fail('JBIC=1e9GBP')?.message).toMatch(
      /^--budget: unknown currency "GBP" in "1e9GBP"; known: EUR, JPY, USD$/,
    );
    expect(fail('country.XXX=1')).toMatchObject({ code: 'unknown-country' });
    expect(fail('DFC')).toMatchObject({ code: 'bad-budget' });
    expect(fail('DFC=-1e9')).toMatchObject({ code: 'bad-budget' });
  });
});

const project = (over: Partial<Project>): Project =>
  ({
    id: 'US-T-1',
    name: 'test',
    sponsors: ['s'],
    hostCountry: 'USA',
    location: null,
    stages: ['metal', 'component'],
    family: 'magnets',
    product: 'magnets',
    outputs: [{ product: 'ndfeb_sintered', material: 'magnets', value: 1200, unit: 't/yr', basis: 'nameplate' }],
    rampUp: null,
    capex: { amount: 100e6, currency: 'EUR', priceYear: 2025 },
    opex: null,
    targetStart: '2026',
    status: 'construction',
    statusAsOf: '2025',
    financing: [
      {
        financier: 'DFC',
        instrument: 'loan',
        state: 'in_hand',
        amount: { amount: 20e6, currency: 'EUR', priceYear: 2025 },
        date: null,
      },
      { financier: 'DFC', instrument: 'loan', state: 'sought', amount: null, date: null },
    ],
    offtakes: [],
    restriction: null,
    source: 'src',
    confidence: 'high',
    fieldSources: {},
    notes: [],
    origin: null,
    retired: null,
    ...over,
  }) as Project;

const options = {
  startMonth: '2025-04',
  months: 36,
  usdPerUnit,
  products: new Map([
    ['ndfeb_sintered', 'component'],
    ['ndpr_metal', 'metal'],
    ['ndpr_oxide', 'refining'],
  ]),
  inputsOf: (p: string) => ({ ndfeb_sintered: ['ndpr_metal'], ndpr_metal: ['ndpr_oxide'] })[p] ?? [],
  defaultRampUpMonths: 30,
  yearOnlyStartMonth: 7,
};

describe('candidatesFromProjects', () => {
  it('converts capex left to finance to USD, places a year-only start in July and finds in-house inputs', () => {
    const { candidates, excluded } = candidatesFromProjects([project({})], options);
    expect(excluded).toEqual([]);
    expect(candidates).toEqual([
      expect.objectContaining({
        id: 'US-T-1',
        capexUsd: expect.closeTo(80e6 * 1.0787, 0),
        startMonth: '2026-07',
        outputs: [{ product: 'ndfeb_sintered', tonnesPerYear: 1200 }],
        makesInputs: ['ndpr_metal'],
        ownFeed: false,
        status: 'construction',
      }),
    ]);
  });

  it('leaves projects out with their reason, and applies the financing deadline', () => {
    const { candidates, excluded } = candidatesFromProjects(
      [
        project({ id: 'US-A' as Project['id'], status: 'announced' }),
        project({ id: 'US-B' as Project['id'], status: 'operating' }),
        project({ id: 'US-C' as Project['id'], capex: null }),
        project({ id: 'US-D' as Project['id'], targetStart: '2029-01' }),
        project({ id: 'US-E' as Project['id'], capex: { amount: 1, currency: 'KRW', priceYear: 2025 } }),
        project({ id: 'US-F' as Project['id'], status: 'feasibility', targetStart: '2024-03' }),
      ],
      { ...options, financedBy: '2026-04-28' },
    );
    expect(excluded).toEqual([
      { id: 'US-A', reason: 'announced: financing cannot close by 2026-04-28 (needs a feasibility study or more)' },
      { id: 'US-B', reason: 'operating: its output is already in the baseline' },
      { id: 'US-C', reason: 'no capex' },
      { id: 'US-D', reason: 'starts 2029-01, after the horizon ends (2028-03)' },
      { id: 'US-E', reason: 'capex in KRW, which has no registered exchange rate' },
    ]);
    expect(candidates.map((c) => [c.id, c.startMonth])).toEqual([['US-F', '2025-04']]);
  });

  it('closes financing only from a feasibility study on, and only for output within the horizon', () => {
    expect(canCloseFinancing('announced', '2026-01', '2028-03')).toBe(false);
    expect(canCloseFinancing('feasibility', '2026-01', '2028-03')).toBe(true);
    expect(canCloseFinancing('construction', '2028-04', '2028-03')).toBe(false);
  });
});

describe('gapProfile', () => {
  it('sums allied final demand by product and end use, weighted by priority, and skips intermediate rows', () => {
    const g = gapProfile(
      [
        { iso3: 'JPN', product: 'defence_systems', endUse: 'defence_systems', shortfall: [1, 2] },
        { iso3: 'USA', product: 'defence_systems', endUse: 'defence_systems', shortfall: [3, 0] },
        { iso3: 'CHN', product: 'defence_systems', endUse: 'defence_systems', shortfall: [9, 9] },
        { iso3: 'JPN', product: 'ev_traction_motor', endUse: 'ev_traction_motor', shortfall: [0, 5] },
        { iso3: 'JPN', product: 'ndpr_metal', shortfall: [2.8, 0] },
      ],
      {
        scenario: 's',
        probability: 1,
        months: 2,
        allied: new Set(['JPN', 'USA']),
        endUsePriority: ['defence_systems'],
        idleOf: {
          coefficients: [{ output: 'ndfeb_sintered', input: 'ndpr_metal', perUnit: 0.28 }],
          products: ['ndfeb_sintered'],
        },
      },
    );
    expect(g.gaps).toEqual([
      { product: 'defence_systems', endUse: 'defence_systems', weight: 2, tonnes: [4, 2] },
      { product: 'ev_traction_motor', endUse: 'ev_traction_motor', weight: 1, tonnes: [0, 5] },
    ]);
    expect(g.idle).toEqual([{ product: 'ndfeb_sintered', tonnes: [expect.closeTo(10, 9), 0] }]);
  });
});

describe('parsePortfolioTables', () => {
  const csv = (text: string, file: string) => {
    const t = parseCsvTable(text, file);
    if (!t.ok) throw new Error('csv');
    return t.value;
  };
  const tables = (terms: string, budgets: string) =>
    parsePortfolioTables(
      {
        terms: csv(terms, 'financing-terms.csv'),
        budgets: csv(budgets, 'budgets.csv'),
        exchangeRates: csv('currency,usd_per_unit,date,source\nJPY,0.0067322,2024-02-02,fx\n', 'exchange-rates.csv'),
        parameters: csv(
          'name,value,unit,source\nusd_per_weighted_tonne,1000000,USD,a\ndefault_ramp_up_months,30,months,a\nyear_only_start_month,7,month,a\nfinancing_window_closes,2026-04-28,date,a\n',
          'parameters.csv',
        ),
      },
      new Set(['fx', 'a', 't']),
      new Set(['JBIC', 'EFA', 'DFC']),
    );
  const TERMS = 'financier,home,instrument,cost_per_usd,max_share_of_capex,hosts,source\n';
  const BUDGETS = 'financier,instrument,amount,currency,source\n';

  it('reads terms, budgets in any registered currency and parameters', () => {
    const r = tables(
      `${TERMS}JBIC,JPN,loan,0.1,0.75,abroad,t\nEFA,AUS,loan,0.1,0.75,AUS;NZL,t\n`,
      `${BUDGETS}JBIC,,100e9,JPY,t\n`,
    );
    if (!r.ok) throw new Error(JSON.stringify(r.error));
    expect(r.value.terms.map((t) => t.hosts)).toEqual(['abroad', ['AUS', 'NZL']]);
    expect(r.value.budgets).toEqual([{ scope: 'financier', financier: 'JBIC', usd: expect.closeTo(673.22e6, 0) }]);
    expect(r.value.parameters.defaultRampUpMonths).toBe(30);
  });

  it('refuses terms of a financier the catalogue does not know', () => {
    const r = tables(`${TERMS}NEXI,JPN,loan,0.1,0.75,abroad,t\n`, BUDGETS);
    expect(r.ok ? [] : r.error).toEqual([
      {
        code: 'bad-value',
        file: 'financing-terms.csv',
        row: 2,
        column: 'financier',
        message: 'unknown financier "NEXI" (not in the financier catalogue)',
      },
    ]);
  });

  it('names file, row and column of every problem and returns nothing', () => {
    const r = tables(
      `${TERMS}JBIC,JPN,loan,1.5,0.75,abroad,t\nDFC,USA,bond,0.1,0.75,abroad,nope\n`,
      `${BUDGETS}NEXI,,1e9,USD,t\nJBIC,,1e9,GBP,t\n`,
    );
    expect(r.ok).toBe(false);
    const where = r.ok ? [] : r.error.map((i) => `${i.file}:${i.row ?? ''} ${i.column ?? ''}`);
    expect(where).toEqual(
      expect.arrayContaining([
        'financing-terms.csv:2 cost_per_usd',
        'financing-terms.csv:3 instrument',
        'budgets.csv:3 currency',
      ]),
    );
  });
});
