import { readFileSync } from 'node:fs';
import { parseCountryAliases, parseCountryCatalog } from './catalog.ts';
import { buildGazetteer, type Gazetteer } from './country-names.ts';
import { parseCsvTable } from './csv-table.ts';
import { formatImportIssue, type ImportIssue } from './import-issue.ts';

/** Test-only: the project's country catalog and aliases as a gazetteer (throws on a broken catalog). */

const catalogText = (name: string): string =>
  readFileSync(new URL(`../../../../data/catalog/${name}`, import.meta.url), 'utf8');

const orThrow = <T>(result: { ok: true; value: T } | { ok: false; error: ImportIssue[] }): T => {
  if (!result.ok) throw new Error(result.error.map(formatImportIssue).join('\n'));
  return result.value;
};

/**
 * Reads `data/catalog/countries.csv` (iso3,name_en,name_ja) and `data/catalog/country-aliases.csv`
 * (alias,area,note; area = ISO3, WORLD, OTHER or ISO3+ISO3…) with the catalog parsers and builds the
 * gazetteer from them.
 */
export function loadTestGazetteer(): Gazetteer {
  const countries = orThrow(parseCountryCatalog(orThrow(parseCsvTable(catalogText('countries.csv'), 'countries.csv'))));
  const aliases = orThrow(
    parseCountryAliases(
      orThrow(parseCsvTable(catalogText('country-aliases.csv'), 'country-aliases.csv')),
      new Set(countries.map((c) => c.iso3)),
    ),
  );
  return buildGazetteer(countries, aliases);
}
