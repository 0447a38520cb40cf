import type { ProjectInput } from '../model/project.ts';
import type { ProjectReferences } from './project-references.ts';

/** References for hand-made records: a few countries, sources, financiers and products. */
export const testRefs: ProjectReferences = {
  countries: new Set(['USA', 'JPN', 'AUS', 'CAN']),
  sources: new Set(['src-a', 'src-b']),
  financiers: new Set(['DOE', 'JOGMEC', 'private']),
  products: new Set(['ndpr_oxide', 'ndfeb_sintered']),
};

/** A valid record (an NdPr separation plant), varied by the test. */
export const testProject = (over: Partial<Record<keyof ProjectInput, unknown>> = {}): Record<string, unknown> => ({
  id: 'US-TEST-SEP',
  name: 'Test separation plant',
  sponsors: ['Test Co'],
  hostCountry: 'USA',
  location: null,
  stages: ['refining'],
  family: 'magnets',
  product: 'NdPr oxide',
  outputs: [{ product: 'ndpr_oxide', material: 'NdPr oxide', value: 1000, unit: 't/yr', basis: 'nameplate' }],
  rampUp: { period: 'year', shares: [0.3, 0.7, 1] },
  capex: { amount: 250e6, currency: 'USD', priceYear: 2025 },
  opex: null,
  targetStart: '2027',
  status: 'feasibility',
  statusAsOf: '2025-06',
  financing: [
    {
      financier: 'DOE',
      instrument: 'loan',
      state: 'conditional',
      amount: { amount: 100e6, currency: 'USD', priceYear: 2025 },
      date: '2025-05',
    },
    {
      financier: 'JOGMEC',
      instrument: 'equity',
      state: 'in_hand',
      amount: null,
      date: null,
      source: 'src-b',
      confidence: 'low',
    },
  ],
  offtakes: [{ buyer: 'Buyer KK', buyerCountry: 'JPN', share: 0.5, quantity: null, termYears: 10 }],
  restriction: null,
  source: 'src-a',
  confidence: 'high',
  fieldSources: {},
  notes: [],
  origin: null,
  retired: null,
  ...over,
});
