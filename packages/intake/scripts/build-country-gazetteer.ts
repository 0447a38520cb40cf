/**
 * Writes data/intake/gazetteer-countries.csv (ids,lang,name,source): the English and Japanese names of
 * data/catalog/countries.csv and every Chinese and Arabic name i18n-iso-countries ships (Unicode CLDR),
 * one row per name. Hand-kept short forms, demonyms and compounds live in gazetteer-country-aliases.csv.
 *
 * Run with `npx tsx packages/intake/scripts/build-country-gazetteer.ts`; the output is committed.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import countries from 'i18n-iso-countries';
import ar from 'i18n-iso-countries/langs/ar.json' with { type: 'json' };
import zh from 'i18n-iso-countries/langs/zh.json' with { type: 'json' };
import { parseCsvTable } from '@lodestone/core';

const DATA = new URL('../../../data/', import.meta.url);
const SOURCE = 'i18n-iso-countries';

/** Chinese names replaced where the library's form is not the one news writes (keyed by alpha-2). */
const ZH_OVERRIDES: Readonly<Record<string, string[]>> = { TW: ['台湾'], HK: ['香港'], MO: ['澳门'] };

/** Names left out because they are common words in the same language (مالي "financial", 中非 in 中非合作 "China–Africa"). */
const EXCLUDED = new Set(['ar:مالي', 'zh:中非', 'en:Jersey']);

const table = parseCsvTable(readFileSync(new URL('catalog/countries.csv', DATA), 'utf8'), 'catalog/countries.csv');
if (!table.ok) throw new Error(JSON.stringify(table.error));
const rows: string[][] = [];
const names = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
for (const { cells } of table.value.rows) {
  const iso3 = cells.iso3 as string;
  const a2 = countries.alpha3ToAlpha2(iso3);
  rows.push([iso3, 'en', cells.name_en as string, SOURCE], [iso3, 'ja', cells.name_ja as string, SOURCE]);
  if (!a2) continue;
  const zhNames = ZH_OVERRIDES[a2] ?? names((zh.countries as Record<string, string | string[]>)[a2]);
  for (const n of zhNames) rows.push([iso3, 'zh', n, SOURCE]);
  for (const n of names((ar.countries as Record<string, string | string[]>)[a2])) rows.push([iso3, 'ar', n, SOURCE]);
}
const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
const kept = rows.filter((r) => !EXCLUDED.has(`${r[1]}:${r[2]}`));
const out = `ids,lang,name,source\n${kept.map((r) => r.map(quote).join(',')).join('\n')}\n`;
writeFileSync(new URL('intake/gazetteer-countries.csv', DATA), out);
console.log(`wrote data/intake/gazetteer-countries.csv: ${kept.length} names`);
