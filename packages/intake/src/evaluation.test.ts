import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLED_DATASET } from '../../cli/src/data/bundle-files.ts';
import { loadDataset } from '../../cli/src/data/load-dataset.ts';
import { LabelledSetSchema, precision, recall, scoreIntake, scoreTable } from './evaluation.ts';
import { runIntake } from './pipeline.ts';
import { INTAKE_DATA_DIR, loadGazetteer } from './read-input.ts';

const gazetteer = loadGazetteer();
if (!gazetteer.ok) throw new Error(JSON.stringify(gazetteer.error));
const regime = loadDataset(BUNDLED_DATASET);

function evaluate(labels: string) {
  const set = LabelledSetSchema.parse(JSON.parse(readFileSync(join(INTAKE_DATA_DIR, labels), 'utf8')));
  const docs = set.items.map((item) => {
    const raw = readFileSync(join(INTAKE_DATA_DIR, item.file), 'utf8');
    const r = runIntake(raw, {
      document: item.file,
      gazetteer: gazetteer.ok ? gazetteer.value : (undefined as never),
      regime,
      published: item.published,
    });
    return { item, events: r.events, lang: r.lang };
  });
  return { set, docs, scores: scoreIntake(docs) };
}

describe('intake on the labelled set', () => {
  const { set, docs, scores } = evaluate('labelled.json');
  console.log(`\nLabelled set: ${set.items.length} texts\n${scoreTable(scores)}\n${scores.misses.join('\n')}\n`);

  it('has at least 40 texts, 8 or more per language', () => {
    expect(set.items.length).toBeGreaterThanOrEqual(40);
    for (const lang of ['en', 'ja', 'zh', 'ar'])
      expect(set.items.filter((i) => i.lang === lang).length).toBeGreaterThanOrEqual(8);
  });

  it('detects the language of every text', () => {
    expect(docs.filter((d) => d.lang !== d.item.lang).map((d) => d.item.file)).toEqual([]);
  });

  it('reaches 0.85 precision and recall for every event type and every language', () => {
    for (const [name, c] of [...scores.byType, ...scores.byLanguage]) {
      expect(precision(c), `precision of ${name}`).toBeGreaterThanOrEqual(0.85);
      expect(recall(c), `recall of ${name}`).toBeGreaterThanOrEqual(0.85);
    }
  });

  it('gets the date, the parties and the linked measures of matched events right', () => {
    for (const [name, f] of scores.fields) expect(f.correct / f.checked, name).toBeGreaterThanOrEqual(0.85);
  });
});

describe.each([
  ['holdout.json', 'first held-out set (used for fixes since)'],
  ['holdout-2.json', 'second held-out set (used for fixes since)'],
  ['holdout-3.json', 'third held-out set (used for fixes since)'],
  ['holdout-4.json', 'fourth held-out set (used for fixes since)'],
  ['holdout-5.json', 'fifth held-out set (blind)'],
])('intake on %s, the %s', (labels, what) => {
  const { set, scores } = evaluate(labels);
  console.log(`\n${what}: ${set.items.length} texts\n${scoreTable(scores)}\n${scores.misses.join('\n')}\n`);

  it('has at least 8 texts, 2 or more per language', () => {
    expect(set.items.length).toBeGreaterThanOrEqual(8);
    for (const lang of ['en', 'ja', 'zh', 'ar'])
      expect(set.items.filter((i) => i.lang === lang).length).toBeGreaterThanOrEqual(2);
  });

  it('is scored and reported, with no threshold: the scores are what the rules do on unseen text', () => {
    expect(scores.total.tp + scores.total.fn).toBe(set.items.reduce((n, i) => n + i.events.length, 0));
  });
});
