import { describe, expect, it } from 'vitest';
import { buildGazetteer } from './gazetteer.ts';
import { foldKey, normaliseText } from './normalise.ts';
import { PhraseIndex } from './phrase-index.ts';
import { parseCsvTable } from '@lodestone/core';

const table = (file: string, text: string) => {
  const t = parseCsvTable(text, file);
  if (!t.ok) throw new Error('bad csv');
  return t.value;
};
const gazetteer = buildGazetteer({
  countries: [
    table(
      'c.csv',
      'ids,lang,name,source\nCHN,ar,الصين,s\nEGY,ar,مصر,s\nUSA,en,US,s\nJPN;USA,ja,日米,s\nCHN,zh,中国,s\n',
    ),
  ],
  organisations: [],
  materials: [table('m.csv', 'kind,id,lang,name,source\ncommodity,rare_earths,en,rare earths,s\n')],
});

const idsIn = (text: string) => {
  if (!gazetteer.ok) throw new Error('gazetteer');
  const key = foldKey(normaliseText(text));
  return gazetteer.value.index
    .find(key)
    .map((m) => (m.payload.kind === 'country' ? m.payload.ids.join('+') : 'id' in m.payload ? m.payload.id : ''));
};

describe('PhraseIndex with the gazetteer', () => {
  it('finds Arabic names after clitics and with adjective suffixes', () => {
    expect(idsIn('للصين والصين بالصين الصينية')).toEqual(['CHN', 'CHN', 'CHN', 'CHN']);
  });

  it('does not find a name inside another word (مصر in مصرف, US in USB)', () => {
    expect(idsIn('مصرف مصر')).toEqual(['EGY']);
    expect(idsIn('a USB stick for the US')).toEqual(['USA']);
  });

  it('finds Han and kana names anywhere, one name standing for two countries', () => {
    expect(idsIn('日米両政府と中国')).toEqual(['JPN+USA', 'CHN']);
  });

  it('matches case-insensitively and whole words only for Latin names', () => {
    expect(idsIn('RARE EARTHS and rare earthsy')).toEqual(['rare_earths']);
  });

  it('prefers the longest phrase at a position', () => {
    const idx = new PhraseIndex([
      { phrase: 'export', boundary: 'stem', payload: 'short' },
      { phrase: 'export control', boundary: 'stem', payload: 'long' },
    ]);
    expect(idx.find('new export controls').map((m) => m.payload)).toEqual(['long']);
  });

  it('names the file, row and column of a bad gazetteer row', () => {
    const bad = buildGazetteer({
      countries: [table('intake/c.csv', 'ids,lang,name,source\nCHINA,fr,,Bad Source\n')],
      organisations: [],
      materials: [],
    });
    expect(bad.ok).toBe(false);
    if (!bad.ok)
      expect(bad.error.map((i) => `${i.file}:${i.row} [${i.column}]`)).toEqual([
        'intake/c.csv:2 [ids]',
        'intake/c.csv:2 [lang]',
        'intake/c.csv:2 [name]',
        'intake/c.csv:2 [source]',
      ]);
  });
});
