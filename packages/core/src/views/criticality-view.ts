// Criticality by the EU method as the CLI prints it with --json and the API returns it.
import { assessCriticality, type CriticalityResult } from '../criticality/eu-method.ts';
import {
  assessableMaterials,
  criticalityOptions,
  type CriticalityTables,
  materialInputs,
} from '../criticality/inputs.ts';
import type { Buyer } from '../model/criticality-tables.ts';

/** One material's row: SR, EI, the verdict and each term of the derivation. */
export const criticalityRowView = (r: CriticalityResult) => ({
  material: r.material,
  sr: r.sr,
  ei: r.ei,
  critical: r.critical,
  bottleneckStage: r.bottleneckStage,
  terms: r.terms,
  fallbacks: r.fallbacks,
});

/** Every assessable material for one buyer, highest supply risk first. */
export function criticalityRows(
  tables: CriticalityTables,
  buyer: Buyer,
  thresholds: { srThreshold?: number; eiThreshold?: number } = {},
) {
  const options = criticalityOptions(tables, thresholds);
  return assessableMaterials(tables)
    .flatMap((material) => {
      const inputs = materialInputs(tables, buyer, material);
      return 'code' in inputs ? [] : [{ inputs, result: assessCriticality(inputs, options) }];
    })
    .sort((a, b) => b.result.sr - a.result.sr || a.result.material.localeCompare(b.result.material));
}
