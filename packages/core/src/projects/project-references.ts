import type { Dataset } from '../model/dataset.ts';
import type { Financier } from '../model/project.ts';

/** What a project record may refer to: countries, sources, financiers and network products. */
export interface ProjectReferences {
  readonly countries: ReadonlySet<string>;
  readonly sources: ReadonlySet<string>;
  readonly financiers: ReadonlySet<string>;
  readonly products: ReadonlySet<string>;
}

/** The references a dataset and a financier catalogue offer project records. */
export function projectReferencesOf(
  d: Pick<Dataset, 'countries' | 'sources' | 'network'>,
  financiers: readonly Financier[],
): ProjectReferences {
  return {
    countries: new Set(d.countries.map((c) => c.iso3)),
    sources: new Set(d.sources.map((s) => s.id)),
    financiers: new Set(financiers.map((f) => f.id)),
    products: new Set(d.network.products.map((p) => p.product)),
  };
}
