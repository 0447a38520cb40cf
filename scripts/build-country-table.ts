/**
 * Writes data/catalog/countries.csv (iso3,name_en,name_ja) from the ISO 3166-1 names shipped with
 * i18n-iso-countries (derived from Unicode CLDR), sorted by ISO3.
 *
 * English names are the library's first ("official") name, replaced by the short common name where
 * the official form reads awkwardly in a table ("Korea, Republic of", "Russian Federation"…).
 * Japanese names are the library's, shortened the same way (中華人民共和国 → 中国…).
 * Kosovo is added under the user-assigned code XKX used by the World Bank (the library has it as XKK).
 *
 * Run with `npx tsx scripts/build-country-table.ts`; the output is committed.
 */
import { writeFileSync } from 'node:fs';
import countries from 'i18n-iso-countries';
import en from 'i18n-iso-countries/langs/en.json' with { type: 'json' };
import ja from 'i18n-iso-countries/langs/ja.json' with { type: 'json' };

const OUTPUT = new URL('../data/catalog/countries.csv', import.meta.url);

/** Short common English names, keyed by alpha-2. */
const EN_OVERRIDES: Readonly<Record<string, string>> = {
  BN: 'Brunei',
  CI: "Côte d'Ivoire",
  CN: 'China',
  CZ: 'Czechia',
  FK: 'Falkland Islands',
  FM: 'Micronesia',
  GM: 'Gambia',
  IR: 'Iran',
  LA: 'Laos',
  MD: 'Moldova',
  MK: 'North Macedonia',
  PN: 'Pitcairn Islands',
  PS: 'Palestine',
  RE: 'Réunion',
  RU: 'Russia',
  SY: 'Syria',
  TW: 'Taiwan',
  TZ: 'Tanzania',
  US: 'United States',
  VA: 'Vatican City',
  VG: 'British Virgin Islands',
  VI: 'U.S. Virgin Islands',
};

/** Short common Japanese names, keyed by alpha-2. */
const JA_OVERRIDES: Readonly<Record<string, string>> = {
  BN: 'ブルネイ',
  BO: 'ボリビア',
  CN: '中国',
  IR: 'イラン',
  KP: '北朝鮮',
  KR: '韓国',
  LA: 'ラオス',
  MD: 'モルドバ',
  RU: 'ロシア',
  SY: 'シリア',
  SZ: 'エスワティニ',
  VE: 'ベネズエラ',
};

/** Alpha-3 codes written differently from the library's. */
const ISO3_OVERRIDES: Readonly<Record<string, string>> = { XK: 'XKX' };

countries.registerLocale(en);
countries.registerLocale(ja);

const namesEn = countries.getNames('en', { select: 'official' });
const namesJa = countries.getNames('ja', { select: 'official' });

const quote = (s: string): string => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

const rows: string[][] = [];
for (const [iso3Lib, alpha2] of Object.entries(countries.getAlpha3Codes())) {
  const nameEn = EN_OVERRIDES[alpha2] ?? namesEn[alpha2];
  const nameJa = JA_OVERRIDES[alpha2] ?? namesJa[alpha2];
  if (nameEn === undefined || nameJa === undefined) throw new Error(`no name for ${alpha2}`);
  rows.push([ISO3_OVERRIDES[alpha2] ?? iso3Lib, nameEn, nameJa]);
}
rows.sort((a, b) => (a[0] ?? '').localeCompare(b[0] ?? ''));

const text = ['iso3,name_en,name_ja', ...rows.map((r) => r.map(quote).join(','))].join('\n') + '\n';
writeFileSync(OUTPUT, text);
console.log(`wrote data/catalog/countries.csv: ${rows.length} countries`);
