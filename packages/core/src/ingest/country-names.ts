import type { Area } from '../model/observation.ts';
import type { Country, CountryIso3 } from '../model/country.ts';

/** A published country label (in any source's spelling) and the area it denotes. */
export interface CountryAlias {
  readonly alias: string;
  readonly area: Area;
}

/** Everything needed to turn the country labels of a source into areas. */
export interface Gazetteer {
  readonly byIso3: ReadonlyMap<CountryIso3, Country>;
  readonly byName: ReadonlyMap<string, Area>;
}

const normalise = (label: string): string =>
  label
    .normalize('NFKC')
    .replace(/[\u2019\u2018`]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();

/** Builds the look-up from ISO names and the aliases that sources use instead. */
export function buildGazetteer(countries: readonly Country[], aliases: readonly CountryAlias[]): Gazetteer {
  const byIso3 = new Map(countries.map((c) => [c.iso3, c] as const));
  const byName = new Map<string, Area>();
  for (const c of countries) byName.set(normalise(c.nameEn), { kind: 'country', iso3: c.iso3 });
  for (const a of aliases) byName.set(normalise(a.alias), a.area);
  return { byIso3, byName };
}

/**
 * The area a label denotes, trying the label as written, then without a trailing parenthetical
 * ("Brazil (beneficiated)"), then as an ISO3 code; `undefined` when nothing matches.
 */
export function resolveArea(gazetteer: Gazetteer, label: string): Area | undefined {
  const key = normalise(label);
  const direct = gazetteer.byName.get(key);
  if (direct) return direct;
  if (/^world total\b/.test(key)) return { kind: 'world' };
  if (/^other countries\b/.test(key)) return { kind: 'other' };
  const stripped = key.replace(/\s*\([^)]*\)\s*$/, '');
  if (stripped !== key) {
    const viaStripped = gazetteer.byName.get(stripped);
    if (viaStripped) return viaStripped;
  }
  const upper = label.trim().toUpperCase();
  const iso = gazetteer.byIso3.get(upper as CountryIso3);
  return iso ? { kind: 'country', iso3: iso.iso3 } : undefined;
}
