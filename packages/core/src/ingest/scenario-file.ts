import type { Dataset } from '../model/dataset.ts';
import { type Scenario, ScenarioSchema } from '../model/scenario.ts';
import { err, ok, type Result } from '../result.ts';
import type { ImportIssue } from './import-issue.ts';

/** What a scenario may refer to. */
export interface ScenarioReferences {
  readonly measureIds: ReadonlySet<string>;
  readonly items: ReadonlySet<string>;
  readonly areas: ReadonlySet<string>;
  readonly sources: ReadonlySet<string>;
}

/** The references a dataset offers scenarios: measures, commodities, network products, control items, countries, sources. */
export function scenarioReferencesOf(
  d: Pick<Dataset, 'exportControls' | 'commodities' | 'network' | 'controlItems' | 'countries' | 'sources'>,
): ScenarioReferences {
  return {
    measureIds: new Set(d.exportControls.map((m) => m.id)),
    items: new Set([
      ...d.commodities.map((c) => c.key),
      ...d.network.products.map((p) => p.product),
      ...d.controlItems.map((c) => c.item),
    ]),
    areas: new Set([...d.countries.map((c) => c.iso3), 'ROW']),
    sources: new Set(d.sources.map((s) => s.id)),
  };
}

const jsonPath = (path: readonly PropertyKey[]): string =>
  path.reduce<string>((p, k) => (typeof k === 'number' ? `${p}[${k}]` : `${p}.${String(k)}`), '$');

/**
 * Reads a scenario document; every problem names the file and the JSON path (`$.measures[2].shareCut`),
 * including references to unknown measures, items, countries or sources.
 */
export function parseScenario(
  document: unknown,
  file: string,
  refs: ScenarioReferences,
): Result<Scenario, ImportIssue[]> {
  const parsed = ScenarioSchema.safeParse(document);
  if (!parsed.success)
    return err(
      parsed.error.issues.map((i) => ({
        code: 'bad-value' as const,
        file,
        column: jsonPath(i.path),
        message: i.message,
      })),
    );
  const s = parsed.data;
  const issues: ImportIssue[] = [];
  const unknown = (path: (string | number)[], what: string, value: string) =>
    issues.push({ code: 'bad-value', file, column: jsonPath(path), message: `unknown ${what} "${value}"` });
  s.sources.forEach((id, i) => refs.sources.has(id) || unknown(['sources', i], 'source', id));
  s.measures.forEach((m, i) => {
    if (m.kind === 'regime') {
      if (!refs.measureIds.has(m.measureId)) unknown(['measures', i, 'measureId'], 'measure', m.measureId);
      return;
    }
    if (!refs.areas.has(m.issuer)) unknown(['measures', i, 'issuer'], 'country', m.issuer);
    m.items.forEach((item, j) => refs.items.has(item) || unknown(['measures', i, 'items', j], 'item', item));
    if (m.destinations !== 'all')
      m.destinations.forEach((d, j) => refs.areas.has(d) || unknown(['measures', i, 'destinations', j], 'country', d));
  });
  s.outages.forEach((o, i) => {
    if (!refs.items.has(o.product)) unknown(['outages', i, 'product'], 'product', o.product);
    if (!refs.areas.has(o.area)) unknown(['outages', i, 'area'], 'country', o.area);
  });
  s.demandSurges.forEach((d, i) => {
    if (!refs.items.has(d.product)) unknown(['demandSurges', i, 'product'], 'product', d.product);
    if (d.area !== 'all' && !refs.areas.has(d.area)) unknown(['demandSurges', i, 'area'], 'country', d.area);
  });
  s.substitution.forEach(
    (x, i) => refs.items.has(x.product) || unknown(['substitution', i, 'product'], 'product', x.product),
  );
  s.stockpileRelease.forEach(
    (x, i) => refs.areas.has(x.area) || unknown(['stockpileRelease', i, 'area'], 'country', x.area),
  );
  return issues.length > 0 ? err(issues) : ok(s);
}
